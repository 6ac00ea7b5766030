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

pub mod build;
pub mod cli;
pub mod diagnostic;
pub mod fs;
pub mod hash;
pub mod init;
pub mod model;
pub mod netlify;
mod parallel;
pub mod preview;

use build::render::{Mode, Summary};
use build::sink::Sink;
use diagnostic::Diagnostic;
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
    pub today: model::date::Date,
}

impl Options {
    pub fn new(root: impl Into<PathBuf>) -> Options {
        Options {
            root: root.into(),
            base_url: None,
            mode: Mode::default(),
            today: model::date::Date::today(),
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
    let sources = match build::load::load(&opts.root) {
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
                    build::load::shown(&opts.root, &Path::new("theme").join(p))
                        .display()
                        .to_string(),
                )
            })
        })
        .collect();
    let theme = build::theme::Theme::new(&sources.theme);
    let base_url = match opts
        .base_url
        .as_deref()
        .map(|u| (u, model::config::normalise_base_url(u)))
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
    let (site, mut diagnostics) = match build::parse::parse(sources, base_url.as_deref(), &fs::Disk)
    {
        Ok(s) => s,
        Err(e) => return Report::failed(e, started),
    };
    let mut report = Report {
        chapters: site.chapters.len(),
        data_files: site.data.len(),
        ..Report::default()
    };
    match build::validate::validate(&site, opts.today) {
        Err(all) => diagnostics.extend(all),
        Ok((proven, warnings)) => {
            diagnostics.extend(warnings);
            match build::render::render(
                &site,
                &proven,
                &fs::Disk,
                &theme,
                &theme_paths,
                opts.mode,
                sink,
            ) {
                Ok(summary) => report.summary = Some(summary),
                Err(e) => diagnostics.extend(e),
            }
        }
    }
    report.diagnostics = diagnostic::sorted(diagnostics);
    report.elapsed = started.elapsed();
    report
}

/// `handbook check`.
pub fn check(opts: &Options) -> Report {
    run(opts, &build::sink::NullSink)
}

/// `handbook build`: renders into a temporary folder and swaps it in on success.
pub fn build(opts: &Options, out: &Path) -> Report {
    let started = Instant::now();
    if let Err(e) = build::write::check_target(&opts.root, out) {
        return Report::failed(vec![e], started);
    }
    let mut report = Report::default();
    let result = build::write::publish(out, |sink| {
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
