//! The preview's HTTP side: the last good site from memory with the production headers, the
//! live-reload script put into every page, and a long-poll that tells pages about new builds.

use crate::build::later::Later;
use crate::build::sink::{MemorySink, Sink};
use crate::diagnostic::Diagnostic;
use crate::i18n::{Lang, Msg};
use crate::preview::routes::{Route, allowed_host, content_type, route};
use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex, OnceLock, RwLock};
use std::time::{Duration, Instant};
use tiny_http::{Header, Method, Request, Response, StatusCode};

const LIVE_JS: &str = include_str!("live.js");
const LIVE_CSS: &str = include_str!("live.css");
/// What pages get before `</body>`: the preview's own script (so a theme's `base.html` cannot
/// lose it).
const LIVE_TAG: &str = "<script src=\"/__handbook/live.js\" defer></script>";
/// How long a reload poll waits for a new build before it answers "nothing new" (well below
/// the timeouts of browsers and proxies).
const POLL_WAIT: Duration = Duration::from_secs(25);

pub(crate) type Files = HashMap<String, Arc<Vec<u8>>>;

/// A good build as served: its files, and those written when first asked for (the search files
/// and the print pages, each group on the first request for one of its files).
#[derive(Default)]
pub(crate) struct Site {
    files: Files,
    later: Option<Arc<Later>>,
    search_files: OnceLock<Files>,
    print_pages: OnceLock<Files>,
}

impl Site {
    pub(crate) fn new(files: Files, later: Option<Arc<Later>>) -> Site {
        Site {
            files,
            later,
            search_files: OnceLock::new(),
            print_pages: OnceLock::new(),
        }
    }

    /// A file of the site; the files written later are written on the first request for one.
    fn get(&self, file: &str) -> Option<&Arc<Vec<u8>>> {
        if let Some(bytes) = self.files.get(file) {
            return Some(bytes);
        }
        let later = self.later.as_ref()?;
        let written = |write: &dyn Fn(&dyn Sink) -> Result<(), Diagnostic>| {
            let sink = MemorySink::default();
            match write(&sink) {
                Ok(()) => sink.into_files(),
                Err(_) => Files::new(),
            }
        };
        let group = if later.is_search(file) {
            self.search_files
                .get_or_init(|| written(&|s| later.write_search(s)))
        } else if later.is_print(file) {
            self.print_pages
                .get_or_init(|| written(&|s| later.write_print(s)))
        } else {
            return None;
        };
        group.get(file)
    }

    /// Whether the site has `file`, written or to be written.
    fn has(&self, file: &str) -> bool {
        self.files.contains_key(file) || self.later.as_ref().is_some_and(|l| l.holds(file))
    }
}

/// The outcome of the last build, as pages are told about it.
#[derive(Default)]
struct Status {
    generation: u64,
    errors: Vec<String>,
    lang: Lang,
}

/// What the server shares between the builder and the request threads.
#[derive(Default)]
pub(crate) struct State {
    /// The last good site; a failed build leaves it as it is.
    site: RwLock<Arc<Site>>,
    status: Mutex<Status>,
    changed: Condvar,
}

impl State {
    /// A build finished: its files (when it succeeded) and its errors, in `lang`.
    pub(crate) fn publish(&self, site: Option<Site>, errors: Vec<String>, lang: Lang) {
        if let Some(site) = site
            && let Ok(mut s) = self.site.write()
        {
            let old = std::mem::replace(&mut *s, Arc::new(site));
            drop(s);
            crate::parallel::drop_later(old);
        }
        if let Ok(mut s) = self.status.lock() {
            s.generation += 1;
            s.errors = errors;
            s.lang = lang;
        }
        self.changed.notify_all();
    }

    /// Has any build succeeded?
    pub(crate) fn has_site(&self) -> bool {
        self.site
            .read()
            .map(|s| !s.files.is_empty())
            .unwrap_or(false)
    }
}

/// Answers requests.
pub(crate) struct Handler {
    pub state: Arc<State>,
    pub headers: Vec<crate::netlify::HeaderRule>,
    /// The host the preview listens on (`--host`): requests naming it are answered.
    pub bound: String,
}

type Reply = Response<std::io::Cursor<Vec<u8>>>;

impl Handler {
    pub(crate) fn respond(&self, req: Request) {
        let reply = self.reply(&req);
        let _ = req.respond(reply);
    }

    fn reply(&self, req: &Request) -> Reply {
        let url = req.url().to_string();
        let host = req
            .headers()
            .iter()
            .find(|h| h.field.equiv("Host"))
            .map(|h| h.value.as_str().to_string())
            .unwrap_or_default();
        if !allowed_host(&host, &self.bound) {
            let text = self.lang().text(&Msg::HostRefused { host }).to_string();
            return self.response(403, content_type("x.txt"), text.into_bytes(), "/");
        }
        if *req.method() != Method::Get && *req.method() != Method::Head {
            return self.response(
                405,
                content_type("x.txt"),
                b"405 Method Not Allowed".to_vec(),
                "/",
            );
        }
        let path = url.split('?').next().unwrap_or("/").to_string();
        match path.as_str() {
            "/__handbook/live.js" => {
                self.response(200, content_type("x.js"), LIVE_JS.into(), &path)
            }
            "/__handbook/live.css" => {
                self.response(200, content_type("x.css"), LIVE_CSS.into(), &path)
            }
            "/__handbook/poll" => self.poll(&url),
            _ => self.file(&url),
        }
    }

    fn lang(&self) -> Lang {
        self.state.status.lock().map(|s| s.lang).unwrap_or_default()
    }

    /// Answers when the build generation differs from `since`, or after [`POLL_WAIT`].
    fn poll(&self, url: &str) -> Reply {
        let since: i64 = url
            .split("since=")
            .nth(1)
            .and_then(|v| v.split('&').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(-1);
        let deadline = Instant::now() + POLL_WAIT;
        let Ok(mut s) = self.state.status.lock() else {
            return self.response(500, "text/plain", b"500".to_vec(), "/");
        };
        while s.generation as i64 == since {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            match self.state.changed.wait_timeout(s, left) {
                Ok((guard, _)) => s = guard,
                Err(_) => return self.response(500, "text/plain", b"500".to_vec(), "/"),
            }
        }
        let body = serde_json::json!({
            "generation": s.generation,
            "errors": s.errors,
            "title": s.lang.text(&Msg::OverlayTitle).message,
        })
        .to_string();
        self.response(
            200,
            "application/json",
            body.into_bytes(),
            "/__handbook/poll",
        )
    }

    fn file(&self, url: &str) -> Reply {
        let site = self
            .state
            .site
            .read()
            .map(|s| Arc::clone(&s))
            .unwrap_or_default();
        let file = match route(url) {
            Route::Forbidden => {
                return self.response(403, content_type("x.txt"), b"403 Forbidden".to_vec(), "/");
            }
            Route::File(f) => f,
        };
        if let Some(bytes) = site.get(&file) {
            return self.response(200, content_type(&file), page(&file, bytes), url);
        }
        if site.has(&format!("{file}/index.html")) {
            let path = url.split('?').next().unwrap_or("/");
            let mut r = self.response(301, content_type("x.txt"), Vec::new(), url);
            if let Some(h) = header("Location", &format!("{path}/")) {
                r.add_header(h);
            }
            return r;
        }
        if site.files.is_empty() {
            return self.no_site_yet(url);
        }
        let body = site
            .files
            .get("404.html")
            .map(|b| page("404.html", b))
            .unwrap_or_else(|| b"404 Not Found".to_vec());
        self.response(404, content_type("404.html"), body, url)
    }

    /// No build has succeeded yet: a page that shows the errors and reloads when they are fixed.
    fn no_site_yet(&self, url: &str) -> Reply {
        let lang = self.lang();
        let text = lang.text(&Msg::BuildFailedPage).message;
        let page = format!(
            "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>handbook</title>{LIVE_TAG}</head><body><p>{}</p></body></html>",
            lang.code(),
            crate::model::markdown::escape(&text)
        );
        self.response(503, content_type("x.html"), page.into_bytes(), url)
    }

    fn response(&self, code: u16, ctype: &str, body: Vec<u8>, url: &str) -> Reply {
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

/// A file as served: HTML pages get the live-reload script before `</body>`.
fn page(file: &str, bytes: &[u8]) -> Vec<u8> {
    if !file.ends_with(".html") {
        return bytes.to_vec();
    }
    let needle = b"</body>";
    match bytes.windows(needle.len()).rposition(|w| w == needle) {
        Some(i) => [&bytes[..i], LIVE_TAG.as_bytes(), &bytes[i..]].concat(),
        None => [bytes, LIVE_TAG.as_bytes()].concat(),
    }
}

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}
