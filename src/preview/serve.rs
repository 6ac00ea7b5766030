//! Serve: the live preview — builds into memory, serves over HTTP, rebuilds on every change.

use crate::build::render::Mode;
use crate::build::sink::MemorySink;
use crate::{Options, Report};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};
use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

const LIVE_JS: &str = include_str!("live.js");
const LIVE_CSS: &str = include_str!("live.css");
/// How long a reload poll waits for a new build before it answers "nothing new".
const POLL_WAIT: Duration = Duration::from_secs(25);

type Files = HashMap<String, Arc<Vec<u8>>>;

#[derive(Default)]
struct Status {
    generation: u64,
    errors: Vec<String>,
}

/// What the server shares between the watcher and the request threads.
#[derive(Default)]
struct State {
    /// The last good site; a failed build leaves it as it is.
    files: RwLock<Arc<Files>>,
    status: Mutex<Status>,
    changed: Condvar,
}

impl State {
    fn publish(&self, report: &Report, files: Option<Files>) {
        if let Some(files) = files
            && let Ok(mut f) = self.files.write()
        {
            *f = Arc::new(files);
        }
        if let Ok(mut s) = self.status.lock() {
            s.generation += 1;
            s.errors = report
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(ToString::to_string)
                .collect();
        }
        self.changed.notify_all();
    }
}

/// Where a request path points in the site, or why it is refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Route {
    File(String),
    Forbidden,
}

/// Decodes and confines a request path: no `..`, `.`, encoded slashes, backslashes, NUL or
/// invalid UTF-8. The site lives in memory, so nothing outside it can be reached anyway;
/// refusing early keeps the answer the same as production's.
pub fn route(url: &str) -> Route {
    let path = url.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') {
        return Route::Forbidden;
    }
    let lower = path.to_ascii_lowercase();
    if lower.contains("%2f")
        || lower.contains("%5c")
        || lower.contains("%00")
        || path.contains('\\')
    {
        return Route::Forbidden;
    }
    let Some(decoded) = percent_decode(path) else {
        return Route::Forbidden;
    };
    if decoded.contains('\0') || decoded.contains('\\') {
        return Route::Forbidden;
    }
    let mut parts = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" => {}
            "." | ".." => return Route::Forbidden,
            s if s.contains(':') => return Route::Forbidden,
            s => parts.push(s),
        }
    }
    let mut file = parts.join("/");
    if decoded.ends_with('/') || file.is_empty() {
        if !file.is_empty() {
            file.push('/');
        }
        file.push_str("index.html");
    }
    Route::File(file)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Content-Type of a file by its extension.
pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

struct Handler {
    state: Arc<State>,
    headers: Vec<crate::netlify::HeaderRule>,
}

impl Handler {
    fn respond(&self, req: Request) {
        let url = req.url().to_string();
        let method = req.method().clone();
        if method != Method::Get && method != Method::Head {
            let _ = req.respond(self.response(
                405,
                "text/plain; charset=utf-8",
                b"405 Method Not Allowed".to_vec(),
                "/",
            ));
            return;
        }
        let path_only = url.split('?').next().unwrap_or("/").to_string();
        let resp = match path_only.as_str() {
            "/__handbook/live.js" => self.response(
                200,
                content_type("x.js"),
                LIVE_JS.as_bytes().to_vec(),
                &path_only,
            ),
            "/__handbook/live.css" => self.response(
                200,
                content_type("x.css"),
                LIVE_CSS.as_bytes().to_vec(),
                &path_only,
            ),
            "/__handbook/poll" => self.poll(&url),
            _ => self.file(&url),
        };
        let _ = req.respond(resp);
    }

    fn poll(&self, url: &str) -> Response<std::io::Cursor<Vec<u8>>> {
        let since: i64 = url
            .split("since=")
            .nth(1)
            .and_then(|v| v.split('&').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(-1);
        let deadline = Instant::now() + POLL_WAIT;
        let (generation, errors) = match self.state.status.lock() {
            Ok(mut s) => {
                while s.generation as i64 == since {
                    let left = deadline.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        break;
                    }
                    match self.state.changed.wait_timeout(s, left) {
                        Ok((guard, _)) => s = guard,
                        Err(_) => {
                            return self.response(500, "text/plain", b"poisoned".to_vec(), "/");
                        }
                    }
                }
                (s.generation, s.errors.clone())
            }
            Err(_) => return self.response(500, "text/plain", b"poisoned".to_vec(), "/"),
        };
        let body = serde_json::json!({ "generation": generation, "errors": errors }).to_string();
        self.response(
            200,
            "application/json",
            body.into_bytes(),
            "/__handbook/poll",
        )
    }

    fn file(&self, url: &str) -> Response<std::io::Cursor<Vec<u8>>> {
        let files = self
            .state
            .files
            .read()
            .map(|f| Arc::clone(&f))
            .unwrap_or_default();
        let file = match route(url) {
            Route::Forbidden => {
                return self.response(
                    403,
                    "text/plain; charset=utf-8",
                    b"403 Forbidden".to_vec(),
                    "/",
                );
            }
            Route::File(f) => f,
        };
        if let Some(bytes) = files.get(&file) {
            return self.response(200, content_type(&file), bytes.to_vec(), url);
        }
        if files.contains_key(&format!("{file}/index.html")) {
            let path = url.split('?').next().unwrap_or("/");
            let mut r = self.response(301, "text/plain; charset=utf-8", Vec::new(), url);
            if let Some(h) = header("Location", &format!("{path}/")) {
                r.add_header(h);
            }
            return r;
        }
        if files.is_empty() {
            // No good build yet: a page that shows the errors and reloads when they are fixed.
            let page = "<!doctype html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>Build fehlgeschlagen</title><script src=\"/__handbook/live.js\" defer></script></head><body><h1>Der Build ist fehlgeschlagen</h1><p>Die Fehler stehen unten und im Terminal. Die Seite lädt neu, sobald sie behoben sind.</p></body></html>";
            return self.response(503, content_type("x.html"), page.as_bytes().to_vec(), url);
        }
        let body = files
            .get("404.html")
            .map(|b| b.to_vec())
            .unwrap_or_else(|| b"404 Not Found".to_vec());
        self.response(404, content_type("404.html"), body, url)
    }

    fn response(
        &self,
        code: u16,
        ctype: &str,
        body: Vec<u8>,
        url: &str,
    ) -> Response<std::io::Cursor<Vec<u8>>> {
        let mut r = Response::from_data(body).with_status_code(StatusCode(code));
        let path = url.split('?').next().unwrap_or("/");
        let mut headers = if self.headers.is_empty() {
            crate::netlify::default_headers()
        } else {
            crate::netlify::headers_for(&self.headers, path)
        };
        headers.retain(|(n, _)| !n.eq_ignore_ascii_case("cache-control"));
        headers.push(("Cache-Control".into(), "no-store".into()));
        headers.push(("Content-Type".into(), ctype.into()));
        for (n, v) in headers {
            if let Some(h) = header(&n, &v) {
                r.add_header(h);
            }
        }
        r
    }
}

fn build_into_memory(opts: &Options) -> (Report, Option<Files>) {
    let sink = MemorySink::default();
    let report = crate::run(opts, &sink);
    let files = report.ok().then(|| sink.into_files());
    (report, files)
}

fn print_report(report: &Report, what: &str) {
    for d in &report.diagnostics {
        eprintln!("{d}");
    }
    if report.ok() {
        println!("{what} in {} ms", report.elapsed.as_millis());
    } else {
        let n = report.diagnostics.iter().filter(|d| d.is_error()).count();
        eprintln!("{n} error(s) — still serving the last good build");
    }
}

/// `handbook serve`.
pub fn run(dir: &Path, host: &str, port: u16, open: bool) -> ExitCode {
    let root: PathBuf = dir.to_path_buf();
    if !root.join("content").is_dir() {
        eprintln!(
            "{}: error: no content/ folder here — pass the handbook's folder, or run `handbook init DIR` first",
            crate::build::load::shown(&root, Path::new("content")).display()
        );
        return ExitCode::from(1);
    }
    let addr = format!("{host}:{port}");
    let server = match listen(host, port) {
        Ok(s) => s,
        Err(e) => {
            if e.kind() == std::io::ErrorKind::AddrInUse {
                eprintln!(
                    "error: cannot listen on {addr}: the port is already in use — stop the other program or choose another port, e.g. --port {}",
                    port.wrapping_add(1).max(1024)
                );
            } else {
                eprintln!("error: cannot listen on {addr}: {e} — check --host and --port");
            }
            return ExitCode::from(1);
        }
    };
    let actual_port = server.server_addr().to_ip().map_or(port, |a| a.port());
    let shown_host = if host == "0.0.0.0" || host == "::" {
        "127.0.0.1"
    } else {
        host
    };
    let url = format!("http://{shown_host}:{actual_port}/");
    let netlify_path = root.join("netlify.toml");
    let headers = match std::fs::read_to_string(&netlify_path) {
        Ok(text) => match crate::netlify::parse(&text) {
            Ok(h) => h,
            Err(e) => {
                eprintln!(
                    "{}: warning: cannot read its headers: {e} — the preview sends the default headers",
                    netlify_path.display()
                );
                Vec::new()
            }
        },
        Err(_) => Vec::new(),
    };
    let mut opts = Options::new(&root);
    opts.base_url = Some(url.clone());
    opts.mode = Mode { live: true };
    let state = Arc::new(State::default());
    let (report, files) = build_into_memory(&opts);
    print_report(&report, "built");
    state.publish(&report, files);

    let (watcher, rx) = match crate::preview::watch::watch(&root) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: cannot watch {} for changes: {e}", root.display());
            return ExitCode::from(1);
        }
    };
    let watch_state = Arc::clone(&state);
    std::thread::spawn(move || {
        let _keep = watcher;
        while let Some(paths) = crate::preview::watch::next_batch(
            &rx,
            crate::preview::watch::QUIET,
            crate::preview::watch::MAX_DELAY,
        ) {
            let names: Vec<String> = paths
                .iter()
                .filter_map(|p| p.strip_prefix(crate::fs::absolute(&opts.root)).ok())
                .map(|p| p.display().to_string())
                .collect();
            let (report, files) = build_into_memory(&opts);
            print_report(&report, &format!("rebuilt ({})", names.join(", ")));
            watch_state.publish(&report, files);
        }
    });

    println!("Serving {} at {url} — press Ctrl-C to stop", root.display());
    if open {
        open_browser(&url);
    }
    let server = Arc::new(server);
    let handler = Arc::new(Handler { state, headers });
    for req in server.incoming_requests() {
        let handler = Arc::clone(&handler);
        std::thread::spawn(move || handler.respond(req));
    }
    ExitCode::SUCCESS
}

/// A listening socket with TCP_NODELAY, which Linux passes on to every accepted connection:
/// without it, responses on kept-alive connections wait 40 ms for a delayed ACK.
fn listen(host: &str, port: u16) -> std::io::Result<Server> {
    use std::net::ToSocketAddrs;
    let addr = (host, port).to_socket_addrs()?.next().ok_or_else(|| {
        std::io::Error::new(std::io::ErrorKind::AddrNotAvailable, "no such address")
    })?;
    let socket = socket2::Socket::new(
        socket2::Domain::for_address(addr),
        socket2::Type::STREAM,
        None,
    )?;
    socket.set_reuse_address(true)?;
    socket.set_tcp_nodelay(true)?;
    socket.bind(&addr.into())?;
    socket.listen(128)?;
    let listener: std::net::TcpListener = socket.into();
    Server::from_listener(listener, None).map_err(|e| std::io::Error::other(e.to_string()))
}

fn open_browser(url: &str) {
    let cmd = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(cmd).arg(url).spawn().is_err() {
        eprintln!("note: could not open a browser; open {url} yourself");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_are_confined() {
        assert_eq!(route("/"), Route::File("index.html".into()));
        assert_eq!(
            route("/einleitung/"),
            Route::File("einleitung/index.html".into())
        );
        assert_eq!(
            route("/assets/a.css?v=1"),
            Route::File("assets/a.css".into())
        );
        assert_eq!(route("/%C3%BCber/"), Route::File("über/index.html".into()));
        assert_eq!(route("//etc/passwd"), Route::File("etc/passwd".into()));
        for bad in [
            "/../etc/passwd",
            "/a/../../b",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/a%2f..%2fb",
            "/a%5cb",
            "/a\\..\\b",
            "/a%00b",
            "/%ff",
            "/C:/windows",
            "relative",
            "/./x",
        ] {
            assert_eq!(route(bad), Route::Forbidden, "{bad}");
        }
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(
            content_type("assets/x.1.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type("x.unknown"), "application/octet-stream");
    }
}
