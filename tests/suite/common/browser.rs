//! A small WebDriver client for Debian's chromium + chromedriver, and a static server that
//! sends the production headers (netlify.toml), so CSP problems fail the tests.

use serde_json::{Value, json};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub(crate) const CHROMIUM: &str = "/usr/bin/chromium";
pub(crate) const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// How many browser tests found no browser in this run.
static SKIPPED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Is the browser installed? In CI a missing browser fails the test; elsewhere the test is
/// skipped with a line written past the test harness's output capture, counting the skips,
/// so a run without Chromium never looks like a green browser suite.
pub(crate) fn available() -> bool {
    let ok = Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists();
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium/chromedriver missing in CI: .ci/run must install them"
        );
        let n = SKIPPED.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
        let line = format!(
            "SKIPPED browser test #{n}: chromium or chromedriver not installed (apt-get install chromium chromium-driver)\n"
        );
        use std::io::Write;
        let _ = std::io::stderr().lock().write_all(line.as_bytes());
    }
    ok
}

pub(crate) fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

pub(crate) fn wait_for_port(port: u16) {
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "nothing listens on port {port}"
        );
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// A chromedriver process, killed on drop. Restarted when it stops answering while a session
/// starts (under load on a small machine chromedriver now and then drops that connection).
pub(crate) struct Driver {
    process: std::sync::Mutex<Chromedriver>,
    agent: ureq::Agent,
}

struct Chromedriver {
    child: Child,
    url: String,
}

impl Chromedriver {
    fn spawn() -> Chromedriver {
        let port = free_port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        wait_for_port(port);
        Chromedriver {
            child,
            url: format!("http://127.0.0.1:{port}"),
        }
    }
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// How a browser session starts.
#[derive(Default, Clone, Copy)]
pub(crate) struct Options {
    pub javascript: bool,
    pub storage_blocked: bool,
    pub dark: bool,
    pub width: u32,
}

impl Options {
    pub(crate) fn js() -> Options {
        Options {
            javascript: true,
            width: 1280,
            ..Options::default()
        }
    }
}

impl Driver {
    pub(crate) fn start() -> Driver {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(90)))
            .build();
        Driver {
            process: std::sync::Mutex::new(Chromedriver::spawn()),
            agent: config.into(),
        }
    }

    pub(crate) fn session(&self, opts: Options) -> Session {
        let profile = tempfile::tempdir().expect("profile dir");
        let mut args = vec![
            "--headless".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--disable-dev-shm-usage".into(),
            format!("--user-data-dir={}", profile.path().display()),
            format!(
                "--window-size={},900",
                if opts.width == 0 { 1280 } else { opts.width }
            ),
        ];
        if opts.dark {
            args.push("--force-dark-mode".into());
            args.push("--blink-settings=preferredColorScheme=0".into());
        }
        let mut prefs = serde_json::Map::new();
        if !opts.javascript {
            prefs.insert(
                "profile.managed_default_content_settings.javascript".into(),
                json!(2),
            );
        }
        if opts.storage_blocked {
            prefs.insert(
                "profile.default_content_setting_values.cookies".into(),
                json!(2),
            );
        }
        prefs.insert(
            "download.default_directory".into(),
            json!(profile.path().display().to_string()),
        );
        let caps = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": { "binary": CHROMIUM, "args": args, "prefs": prefs },
            "goog:loggingPrefs": { "browser": "ALL" },
            "unhandledPromptBehavior": "ignore",
        }}});
        let (url, id) = self.new_session(&caps);
        let session = Session {
            url: format!("{url}/session/{id}"),
            agent: self.agent.clone(),
            _profile: Arc::new(profile),
        };
        // Headless Chromium keeps windows at least 500 px wide whatever --window-size says;
        // setting the window's size afterwards gives the page the width asked for.
        if opts.width != 0 {
            session.resize(opts.width, 900);
        }
        session
    }

    /// Asks chromedriver for a browser; a dropped connection or a refusal is tried again with
    /// a fresh chromedriver, twice, before the test fails with what it answered.
    fn new_session(&self, caps: &Value) -> (String, String) {
        let mut process = self
            .process
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut failures = Vec::new();
        for _ in 0..3 {
            let url = process.url.clone();
            match try_post(&self.agent, &format!("{url}/session"), caps) {
                Ok(v) => match v["value"]["sessionId"].as_str() {
                    Some(id) => return (url, id.to_string()),
                    None => failures.push(v.to_string()),
                },
                Err(e) => failures.push(e),
            }
            std::thread::sleep(Duration::from_secs(1));
            *process = Chromedriver::spawn();
        }
        panic!("no browser session: {}", failures.join(" / "))
    }
}

fn post(agent: &ureq::Agent, url: &str, body: &Value) -> Value {
    try_post(agent, url, body).unwrap_or_else(|e| panic!("{e}"))
}

fn try_post(agent: &ureq::Agent, url: &str, body: &Value) -> Result<Value, String> {
    let mut resp = agent
        .post(url)
        .send_json(body)
        .map_err(|e| format!("POST {url}: {e}"))?;
    resp.body_mut()
        .read_json()
        .map_err(|e| format!("POST {url}: {e}"))
}

/// One browser (fresh profile: empty localStorage).
pub(crate) struct Session {
    url: String,
    agent: ureq::Agent,
    _profile: Arc<tempfile::TempDir>,
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.agent.delete(&self.url).call();
    }
}

impl Session {
    fn cmd(&self, path: &str, body: Value) -> Value {
        let v = post(&self.agent, &format!("{}/{path}", self.url), &body);
        if let Some(err) = v["value"]["error"].as_str() {
            panic!("{path}: {err}: {}", v["value"]["message"]);
        }
        v["value"].clone()
    }

    fn get(&self, path: &str) -> Value {
        let mut resp = self
            .agent
            .get(&format!("{}/{path}", self.url))
            .call()
            .expect("GET");
        let v: Value = resp.body_mut().read_json().expect("json");
        v["value"].clone()
    }

    /// Sets the window's size; the page's viewport gets this width.
    pub(crate) fn resize(&self, width: u32, height: u32) {
        self.cmd("window/rect", json!({ "width": width, "height": height }));
    }

    pub(crate) fn goto(&self, url: &str) {
        self.cmd("url", json!({ "url": url }));
    }

    /// Runs `script` (a function body; `arguments` available) and returns its value.
    /// A returned promise is awaited.
    pub(crate) fn exec(&self, script: &str, args: Value) -> Value {
        self.cmd("execute/sync", json!({ "script": script, "args": args }))
    }

    pub(crate) fn js(&self, script: &str) -> Value {
        self.exec(script, json!([]))
    }

    pub(crate) fn try_exec(&self, script: &str) -> Result<Value, String> {
        let v = post(
            &self.agent,
            &format!("{}/execute/sync", self.url),
            &json!({ "script": script, "args": [] }),
        );
        match v["value"]["error"].as_str() {
            Some(e) => Err(format!("{e}: {}", v["value"]["message"])),
            None => Ok(v["value"].clone()),
        }
    }

    pub(crate) fn find(&self, css: &str) -> String {
        let v = self.cmd("element", json!({ "using": "css selector", "value": css }));
        v.as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no element {css}"))
            .to_string()
    }

    pub(crate) fn count(&self, css: &str) -> usize {
        self.cmd("elements", json!({ "using": "css selector", "value": css }))
            .as_array()
            .map_or(0, Vec::len)
    }

    /// Clicks an element like a user: scrolled to the middle of the screen at once (the
    /// page may scroll smoothly, which WebDriver's own scrolling does not wait for).
    pub(crate) fn click(&self, css: &str) {
        let id = self.find(css);
        let element = json!({ "element-6066-11e4-a52e-4f735466cecf": id });
        self.exec(
            "arguments[0].scrollIntoView({ block: 'center', behavior: 'instant' }); return true",
            json!([element]),
        );
        self.cmd(&format!("element/{id}/click"), json!({}));
    }

    /// Clicks an element where it is, without scrolling first (for what stays on screen while
    /// the page scrolls: scrolling a sticky header to the middle would move the page).
    pub(crate) fn tap(&self, css: &str) {
        let id = self.find(css);
        self.cmd(&format!("element/{id}/click"), json!({}));
    }

    pub(crate) fn send_keys(&self, css: &str, text: &str) {
        let id = self.find(css);
        self.cmd(&format!("element/{id}/value"), json!({ "text": text }));
    }

    /// The element's text as a reader sees it (soft hyphens, invisible but for a line break,
    /// are left out).
    pub(crate) fn text(&self, css: &str) -> String {
        let id = self.find(css);
        self.get(&format!("element/{id}/text"))
            .as_str()
            .unwrap_or("")
            .replace('\u{ad}', "")
    }

    pub(crate) fn displayed(&self, css: &str) -> bool {
        let id = self.find(css);
        self.get(&format!("element/{id}/displayed"))
            .as_bool()
            .unwrap_or(false)
    }

    pub(crate) fn selected(&self, css: &str) -> bool {
        let id = self.find(css);
        self.get(&format!("element/{id}/selected"))
            .as_bool()
            .unwrap_or(false)
    }

    /// Presses keys on whatever has the focus (WebDriver key codes: "\u{E015}" is ArrowDown).
    pub(crate) fn press(&self, keys: &str) {
        let mut actions = Vec::new();
        for c in keys.chars() {
            actions.push(json!({ "type": "keyDown", "value": c.to_string() }));
            actions.push(json!({ "type": "keyUp", "value": c.to_string() }));
        }
        self.cmd(
            "actions",
            json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] }),
        );
    }

    pub(crate) fn alert_text(&self) -> Option<String> {
        self.get("alert/text").as_str().map(str::to_string)
    }

    pub(crate) fn new_tab(&self) -> String {
        let v = self.cmd("window/new", json!({ "type": "tab" }));
        v["handle"].as_str().expect("handle").to_string()
    }

    pub(crate) fn window(&self) -> String {
        self.get("window").as_str().expect("handle").to_string()
    }

    pub(crate) fn switch_to(&self, handle: &str) {
        self.cmd("window", json!({ "handle": handle }));
    }

    pub(crate) fn refresh(&self) {
        self.cmd("refresh", json!({}));
    }

    /// Console messages since the last call (level, text).
    pub(crate) fn console(&self) -> Vec<(String, String)> {
        let v = post(
            &self.agent,
            &format!("{}/se/log", self.url),
            &json!({ "type": "browser" }),
        );
        v["value"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|e| {
                        (
                            e["level"].as_str().unwrap_or("").to_string(),
                            e["message"].as_str().unwrap_or("").to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The page printed to PDF (A4).
    pub(crate) fn print_pdf(&self) -> Vec<u8> {
        use base64::Engine;
        let v = self.cmd(
            "print",
            json!({ "page": { "width": 21.0, "height": 29.7 }, "background": false }),
        );
        base64::engine::general_purpose::STANDARD
            .decode(v.as_str().expect("pdf"))
            .expect("base64")
    }

    /// Polls `script` (returning a boolean) every 50 ms for up to 10 s.
    pub(crate) fn wait_until(&self, what: &str, script: &str) {
        self.wait_until_for(what, script, Duration::from_secs(10));
    }

    /// [`Session::wait_until`] for work that takes longer (keeping a large handbook offline).
    pub(crate) fn wait_until_for(&self, what: &str, script: &str, limit: Duration) {
        let start = Instant::now();
        loop {
            if self.try_exec(script).ok().and_then(|v| v.as_bool()) == Some(true) {
                return;
            }
            assert!(start.elapsed() < limit, "timed out waiting until {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// Serves a folder over HTTP on a free port with netlify.toml's headers, like production.
/// Plain std networking, one request per connection: when a test stops it, the port is
/// closed at once and nothing is left half-open (the browser sees the network gone).
pub(crate) struct StaticServer {
    pub url: String,
    pub port: u16,
    stop: Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Stops a server; afterwards its port refuses connections.
pub(crate) fn stop(server: StaticServer) {
    let port = server.port;
    drop(server);
    assert!(
        std::net::TcpStream::connect(("127.0.0.1", port)).is_err(),
        "port {port} still open"
    );
}

fn respond(mut stream: std::net::TcpStream, root: &Path, rules: &[handbook::netlify::HeaderRule]) {
    use std::io::{BufRead, BufReader, Write};
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) if line == "\r\n" || line == "\n" => break,
            Ok(_) => {}
        }
    }
    let target = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split('?').next().unwrap_or("/").to_string();
    let file = match handbook::preview::route(&path) {
        handbook::preview::Route::File(f) => f,
        handbook::preview::Route::Forbidden => String::from("\0"),
    };
    let mut p = root.join(&file);
    if p.is_dir() {
        p = p.join("index.html");
    }
    let (status, body, ctype) = match std::fs::read(&p) {
        Ok(b) => ("200 OK", b, handbook::preview::content_type(&file)),
        Err(_) => (
            "404 Not Found",
            std::fs::read(root.join("404.html")).unwrap_or_default(),
            "text/html; charset=utf-8",
        ),
    };
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (n, v) in handbook::netlify::headers_for(rules, &path) {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    if !request_line.starts_with("HEAD ") {
        let _ = stream.write_all(&body);
    }
    let _ = stream.flush();
}

impl StaticServer {
    pub(crate) fn start(root: PathBuf) -> StaticServer {
        StaticServer::start_on(root, 0)
    }

    /// On a given port (0: any).
    pub(crate) fn start_on(root: PathBuf, port: u16) -> StaticServer {
        let listener =
            TcpListener::bind(("127.0.0.1", port)).unwrap_or_else(|e| panic!("bind {port}: {e}"));
        listener.set_nonblocking(true).expect("nonblocking");
        let port = listener.local_addr().expect("addr").port();
        let netlify =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("netlify.toml"))
                .expect("netlify.toml");
        let rules = Arc::new(handbook::netlify::parse(&netlify).expect("netlify.toml parses"));
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let root = Arc::new(root);
        let thread = std::thread::spawn(move || {
            let mut workers = Vec::new();
            while !flag.load(std::sync::atomic::Ordering::SeqCst) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let (root, rules) = (Arc::clone(&root), Arc::clone(&rules));
                        workers.push(std::thread::spawn(move || respond(stream, &root, &rules)));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
            drop(listener);
            for w in workers {
                let _ = w.join();
            }
        });
        StaticServer {
            url: format!("http://127.0.0.1:{port}"),
            port,
            stop,
            thread: Some(thread),
        }
    }
}
