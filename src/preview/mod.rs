//! `handbook serve`: the live preview — the same build into memory, served over HTTP, rebuilt
//! on every change. It reports what happens as [`Event`]s; the caller prints them.

mod routes;
mod server;
pub mod watch;

pub use routes::{Route, allowed_host, content_type, route};

use crate::build::sink::MemorySink;
use crate::diagnostic::Diagnostic;
use crate::i18n::{Lang, Msg};
use crate::model::config::BaseUrl;
use crate::{Mode, Options, Report};
use server::{Handler, State};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use tiny_http::Server;

/// What `serve` was asked for.
#[derive(Debug, Clone)]
pub struct Settings {
    pub root: PathBuf,
    pub host: String,
    pub port: u16,
    /// The language of messages when the command line or environment chose one.
    pub lang: Option<Lang>,
}

/// What happens while the preview runs.
#[derive(Debug)]
pub enum Event {
    /// The first build.
    Built { report: Report },
    /// A rebuild after these files changed (paths below the handbook).
    Rebuilt { report: Report, files: Vec<String> },
    /// A problem that does not stop the preview (netlify.toml unreadable, …).
    Warning(Diagnostic),
}

/// A running preview.
pub struct Preview {
    /// Where it is served: `http://127.0.0.1:3000/`.
    pub url: String,
    events: Receiver<Event>,
    /// Has a build succeeded (so the preview shows a site, not only errors)?
    state: Arc<State>,
}

impl Preview {
    /// The next event; `None` when the preview stopped.
    pub fn next_event(&self) -> Option<Event> {
        self.events.recv().ok()
    }

    /// Does the preview show a site (rather than only the errors of every build so far)?
    pub fn has_site(&self) -> bool {
        self.state.has_site()
    }
}

/// Starts the preview: listens, builds once, then serves and rebuilds on every change, each
/// on its own thread. Errors here are the ones that keep it from starting.
pub fn start(settings: &Settings) -> Result<Preview, Diagnostic> {
    let root = &settings.root;
    if !root.join("content").is_dir() {
        return Err(Diagnostic::error(
            crate::build::load::shown(root, Path::new("content/handbook.yaml")),
            Msg::NoHandbook,
        ));
    }
    let server = listen(settings)?;
    let port = server
        .server_addr()
        .to_ip()
        .map_or(settings.port, |a| a.port());
    let shown_host = match settings.host.as_str() {
        "0.0.0.0" | "::" => "127.0.0.1",
        h => h,
    };
    let url = format!("http://{shown_host}:{port}/");
    let (events, rx) = channel();
    let headers = netlify_headers(root, &events);
    let mut opts = Options::new(root);
    opts.base_url = BaseUrl::parse(&url);
    opts.mode = Mode::Preview;
    let state = Arc::new(State::default());
    let (watcher, changes) = crate::preview::watch::watch(root).map_err(|e| {
        Diagnostic::error(
            root,
            Msg::CannotWatch {
                cause: e.to_string(),
            },
        )
    })?;
    let builder = Builder {
        opts,
        state: Arc::clone(&state),
        lang: settings.lang,
        memo: crate::build::memo::Memo::new(),
    };
    let _ = events.send(Event::Built {
        report: builder.build(),
    });
    std::thread::spawn(move || rebuild_on_changes(&builder, &changes, &events, watcher));
    let handler = Arc::new(Handler {
        state: Arc::clone(&state),
        headers,
        bound: settings.host.clone(),
    });
    std::thread::spawn(move || serve_requests(&server, &handler));
    Ok(Preview {
        url,
        events: rx,
        state,
    })
}

/// Rebuilds after each batch of changes until the preview ends (`watcher` lives as long).
fn rebuild_on_changes(
    builder: &Builder,
    changes: &Receiver<PathBuf>,
    events: &Sender<Event>,
    watcher: impl Sized,
) {
    let _keep = watcher;
    let root = crate::fs::absolute(&builder.opts.root);
    while let Some(paths) = crate::preview::watch::next_batch(
        changes,
        crate::preview::watch::QUIET,
        crate::preview::watch::MAX_DELAY,
    ) {
        let files = paths
            .iter()
            .filter_map(|p| p.strip_prefix(&root).ok())
            .map(|p| p.display().to_string())
            .collect();
        builder.memo.changed(&paths);
        let report = builder.build();
        if events.send(Event::Rebuilt { report, files }).is_err() {
            break;
        }
    }
}

/// Answers every request on its own thread.
fn serve_requests(server: &Server, handler: &Arc<Handler>) {
    for req in server.incoming_requests() {
        let handler = Arc::clone(handler);
        std::thread::spawn(move || handler.respond(req));
    }
}

/// Builds into memory and hands the outcome to the server.
struct Builder {
    opts: Options,
    state: Arc<State>,
    lang: Option<Lang>,
    /// Each chapter's parse and output from the builds before: a save redoes only its chapter.
    memo: crate::build::memo::Memo,
}

impl Builder {
    fn build(&self) -> Report {
        let sink = MemorySink::default();
        let report = crate::run_with(&self.opts, &sink, Some(&self.memo));
        let lang = crate::language(self.lang, &report);
        let errors = report
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.render(lang))
            .collect();
        let later = report.summary.as_ref().and_then(|s| s.later.clone());
        let site = report
            .ok()
            .then(|| server::Site::new(sink.into_files(), later));
        self.state.publish(site, errors, lang);
        report
    }
}

/// The headers of the handbook's netlify.toml, or none (the built-in ones are sent then).
fn netlify_headers(
    root: &Path,
    events: &std::sync::mpsc::Sender<Event>,
) -> Vec<crate::netlify::HeaderRule> {
    let path = root.join("netlify.toml");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Vec::new();
    };
    crate::netlify::parse(&text).unwrap_or_else(|cause| {
        let _ = events.send(Event::Warning(Diagnostic::warning(
            &path,
            Msg::NetlifyHeaders { cause },
        )));
        Vec::new()
    })
}

/// A listening socket with TCP_NODELAY, which Linux passes on to every accepted connection:
/// without it, responses on kept-alive connections wait 40 ms for a delayed ACK.
fn listen(settings: &Settings) -> Result<Server, Diagnostic> {
    use std::net::ToSocketAddrs;
    let addr = format!("{}:{}", settings.host, settings.port);
    let fail = |e: std::io::Error| {
        let msg = if e.kind() == std::io::ErrorKind::AddrInUse {
            Msg::PortInUse {
                addr: addr.clone(),
                next: settings.port.wrapping_add(1).max(1024),
            }
        } else {
            Msg::CannotListen {
                addr: addr.clone(),
                cause: e.to_string(),
            }
        };
        Diagnostic::error("handbook serve", msg)
    };
    let socket_addr = (settings.host.as_str(), settings.port)
        .to_socket_addrs()
        .map_err(fail)?
        .next()
        .ok_or_else(|| fail(std::io::Error::from(std::io::ErrorKind::AddrNotAvailable)))?;
    let socket = socket2::Socket::new(
        socket2::Domain::for_address(socket_addr),
        socket2::Type::STREAM,
        None,
    )
    .map_err(fail)?;
    socket.set_reuse_address(true).map_err(fail)?;
    socket.set_tcp_nodelay(true).map_err(fail)?;
    socket.bind(&socket_addr.into()).map_err(fail)?;
    socket.listen(128).map_err(fail)?;
    let listener: std::net::TcpListener = socket.into();
    Server::from_listener(listener, None).map_err(|e| fail(std::io::Error::other(e.to_string())))
}

/// Opens `url` in the default browser; `false` when that failed.
pub fn open_browser(url: &str) -> bool {
    let cmd = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    std::process::Command::new(cmd).arg(url).spawn().is_ok()
}
