//! `handbook`: a static-site generator for interactive handbooks.
//!
//! Code map — the pipeline, one file per stage:
//!
//! ```text
//! handbook.yaml + content/ + theme/
//!   -> load      load.rs      walk the tree (sorted): settings, data, theme; list chapters (I/O)
//!   -> parse     site.rs      chapters (front matter, then Markdown metadata), data       (pure*)
//!                config.rs    handbook.yaml
//!                markdown.rs  Markdown -> HTML, headings, links, directives
//!                data.rs      the data kinds and their checks
//!                yaml.rs      YAML errors with line and hint
//!   -> validate  validate.rs  directives, links, anchors, freshness                     (pure)
//!   -> render    render.rs    Tera pages, print page and assets into a sink             (pure*)
//!                search.rs    the search index entries
//!                theme.rs     the built-in theme, overridden from disk
//!   -> write     write.rs     temp folder, then swap in atomically                      (I/O)
//! serve.rs    build into memory, then watch.rs -> build -> reload browsers; HTTP
//! netlify.rs  the headers production sends, also sent by the preview
//! init.rs     a new handbook (starter files in src/starter/)
//! diagnostic.rs, date.rs, fs.rs, hash.rs   what every stage uses
//!
//! * Chapters are read when they are worked on (once to parse, once to render) through
//!   `fs::Files`, which the build sets to the disk: a big handbook never sits in memory whole.
//! ```

pub mod cli;
pub mod config;
pub mod data;
pub mod date;
pub mod diagnostic;
pub mod fs;
pub mod hash;
pub mod init;
pub mod load;
pub mod markdown;
pub mod netlify;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod theme;
pub mod validate;
pub mod watch;
pub mod write;
pub mod yaml;

use diagnostic::Diagnostic;
use render::{Mode, Piece, Sink, Summary};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What a build is asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// The handbook's folder (holds content/).
    pub root: PathBuf,
    /// Replaces `base_url` from handbook.yaml (the preview serves at its own address).
    pub base_url: Option<String>,
    pub mode: Mode,
    /// "Today", for review-date warnings.
    pub today: date::Date,
}

impl Options {
    pub fn new(root: impl Into<PathBuf>) -> Options {
        Options {
            root: root.into(),
            base_url: None,
            mode: Mode::default(),
            today: date::Date::today(),
        }
    }
}

/// The outcome of a build: every diagnostic, and what was produced when it succeeded.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub summary: Option<Summary>,
    pub chapters: usize,
    pub data_files: usize,
    pub elapsed: Duration,
}

impl Report {
    pub fn ok(&self) -> bool {
        !self.diagnostics.iter().any(Diagnostic::is_error)
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.iter().filter(|d| !d.is_error()).count()
    }

    fn failed(diagnostics: Vec<Diagnostic>, started: Instant) -> Report {
        Report {
            diagnostics: diagnostic::sorted(diagnostics),
            elapsed: started.elapsed(),
            ..Report::default()
        }
    }
}

/// Runs the whole pipeline, handing the output to `sink`. Nothing reaches the sink
/// unless loading, parsing and validation found no error.
pub fn run(opts: &Options, sink: &dyn Sink) -> Report {
    let started = Instant::now();
    let sources = match load::load(&opts.root) {
        Ok(s) => s,
        Err(e) => return Report::failed(e, started),
    };
    let theme_paths: HashMap<String, String> = sources
        .theme
        .iter()
        .filter_map(|(p, _)| {
            p.strip_prefix("templates/").map(|n| {
                (
                    n.to_string(),
                    load::shown(&opts.root, &Path::new("theme").join(p))
                        .display()
                        .to_string(),
                )
            })
        })
        .collect();
    let theme = theme::Theme::new(&sources.theme);
    let base_url = match opts
        .base_url
        .as_deref()
        .map(|u| (u, config::normalise_base_url(u)))
    {
        None => None,
        Some((_, Some(url))) => Some(url),
        Some((url, None)) => {
            let d = Diagnostic::error(
                "--base-url",
                0,
                0,
                format!("`{url}` is not an absolute URL"),
            )
            .with_hint("write it like https://example.org/ or https://example.org/handbuch/");
            return Report::failed(vec![d], started);
        }
    };
    let (site, mut diagnostics) = match site::parse(sources, base_url.as_deref(), &fs::Disk) {
        Ok(s) => s,
        Err(e) => return Report::failed(e, started),
    };
    diagnostics.extend(validate::validate(&site, opts.today));
    let mut report = Report {
        chapters: site.chapters.len(),
        data_files: site.data.len(),
        ..Report::default()
    };
    if diagnostics.iter().any(Diagnostic::is_error) {
        report.diagnostics = diagnostic::sorted(diagnostics);
        report.elapsed = started.elapsed();
        return report;
    }
    match render::render(&site, &fs::Disk, &theme, &theme_paths, opts.mode, sink) {
        Ok(summary) => report.summary = Some(summary),
        Err(e) => diagnostics.extend(e),
    }
    report.diagnostics = diagnostic::sorted(diagnostics);
    report.elapsed = started.elapsed();
    report
}

/// How many threads the build uses: the machine's cores (at most 8).
pub(crate) fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
}

/// `f` over `items` on all cores, in contiguous runs; the results keep the items' order.
pub(crate) fn parallel<T: Send, R: Send>(items: Vec<T>, f: &(dyn Fn(T) -> R + Sync)) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let per_run = items.len().div_ceil(threads).max(1);
    let mut runs: Vec<Vec<T>> = Vec::new();
    let mut rest = items.into_iter().peekable();
    while rest.peek().is_some() {
        runs.push(rest.by_ref().take(per_run).collect());
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = runs
            .into_iter()
            .map(|run| scope.spawn(move || run.into_iter().map(f).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// A sink that keeps nothing: `check` renders everything but writes nothing.
pub struct NullSink;

impl Sink for NullSink {
    fn file(&self, _: &str, _: &[u8]) -> Result<(), Diagnostic> {
        Ok(())
    }
    fn append(&self, _: &str, _: &[u8]) -> Result<(), Diagnostic> {
        Ok(())
    }
    fn assemble(&self, _: &str, _: &[Piece]) -> Result<(), Diagnostic> {
        Ok(())
    }
}

/// `handbook check`.
pub fn check(opts: &Options) -> Report {
    run(opts, &NullSink)
}

/// `handbook build`: renders into a temporary folder and swaps it in on success.
pub fn build(opts: &Options, out: &Path) -> Report {
    let started = Instant::now();
    if let Err(e) = write::check_target(&opts.root, out) {
        return Report::failed(vec![e], started);
    }
    let mut report = Report::default();
    let result = write::publish(out, |sink| {
        report = run(opts, sink);
        if report.ok() { Ok(()) } else { Err(Vec::new()) }
    });
    if let Err(e) = result {
        report.diagnostics.extend(e);
        report.summary = None;
    }
    report.elapsed = started.elapsed();
    report
}
