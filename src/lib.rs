//! `handbook`: a static-site generator for interactive handbooks.
//!
//! The code map. The folders are the pipeline; each file holds one idea.
//!
//! ```text
//! main.rs, cli.rs        the command line; main alone prints and picks the exit code
//! lib.rs                 the pipeline as timed stages: run(), build(), check()
//!
//! build/   the stages, in order
//!   load.rs              walk content/ and theme/, read files (only inside the handbook)   I/O
//!   listing.rs           which files a walk lists; the preview keeps the last walk's list
//!   parse.rs             settings, chapters (front matter, then Markdown), data files
//!   validate.rs          directives, links, anchors, freshness; hands render what it proved
//!   embed.rs             what a directive shows of a data file (typed views, anchors)
//!   render.rs            pages, print page, search index, 404, sitemap, into a sink
//!   context.rs           what templates see (typed contexts)
//!   templates.rs         Tera, errors at the template; template_graph.rs finds loops
//!   html.rs, print.rs    HTML rewriting; the whole-book print page
//!   search.rs, offline.rs   search entries; service worker and manifest
//!   theme.rs             the built-in theme, overridden file by file
//!   sink.rs              where output goes: disk, memory (preview), nowhere (check)
//!   write.rs             temporary folder, then swapped in atomically                      I/O
//! model/   what authors write, parsed into types (pure)
//!   config.rs            handbook.yaml, BaseUrl
//!   data/                the data kinds, their items and checks
//!   markdown/            front matter, slugs, the Markdown renderer
//!   yaml/                parsing, positions, errors explained in authors' terms
//!   date.rs, site.rs     dates; the parsed handbook
//! preview/ `handbook serve`: builds into memory, serves, watches, reloads       I/O
//! i18n/    every message, one catalogue per language (de, en)
//! init.rs, new.rs, schema.rs   `handbook init`, `handbook new`, `handbook schema`
//! diagnostic.rs, fs.rs, hash.rs, parallel.rs, suggest.rs, netlify.rs
//! ```
//!
//! Chapters are read when they are worked on (once to parse, once to render) through
//! [`fs::Files`]: a big handbook never sits in memory whole.

pub mod build;
pub mod cli;
pub mod diagnostic;
pub mod fs;
pub mod hash;
pub mod i18n;
pub mod init;
pub mod model;
pub mod netlify;
pub mod new;
mod parallel;
pub mod preview;
pub mod schema;
pub mod suggest;

use build::render::Summary;
use build::sink::Sink;
use diagnostic::Diagnostics;
use model::config::BaseUrl;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What a build is for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Mode {
    /// The site to publish: with the service worker and the web app manifest.
    #[default]
    Publish,
    /// `handbook serve`: no service worker (it would cache the preview); the preview injects its
    /// live-reload script itself.
    Preview,
}

/// What a build is asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// The handbook's folder (holds content/).
    pub root: PathBuf,
    /// Replaces `base_url` from handbook.yaml (deploy previews; the preview's own address).
    pub base_url: Option<BaseUrl>,
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
    pub diagnostics: Diagnostics,
    pub summary: Option<Summary>,
    pub chapters: usize,
    pub data_files: usize,
    /// The `language:` of handbook.yaml, when it could be read.
    pub language: Option<String>,
    /// How long each stage took, in order.
    pub timings: Vec<(&'static str, Duration)>,
    pub elapsed: Duration,
}

impl Report {
    pub fn ok(&self) -> bool {
        !self.diagnostics.has_errors()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.warnings()
    }

    /// Runs one stage, timing it; keeps its diagnostics and returns its value when it succeeded.
    fn stage<T>(
        &mut self,
        name: &'static str,
        f: impl FnOnce() -> Result<(T, Diagnostics), Diagnostics>,
    ) -> Option<T> {
        let started = Instant::now();
        let result = f();
        self.timings.push((name, started.elapsed()));
        match result {
            Ok((value, warnings)) => {
                self.diagnostics.extend(warnings);
                Some(value)
            }
            Err(all) => {
                self.diagnostics.extend(all);
                None
            }
        }
    }

    fn finish(mut self, started: Instant) -> Report {
        self.diagnostics = std::mem::take(&mut self.diagnostics).sorted();
        self.elapsed = started.elapsed();
        self
    }
}

/// Runs the whole pipeline, handing the output to `sink`: load, parse, validate, render. Nothing
/// reaches the sink unless loading, parsing and validation found no error.
pub fn run(opts: &Options, sink: &dyn Sink) -> Report {
    run_with(opts, sink, None)
}

/// [`run`], remembering each chapter's parse and output in `memo` so that the next run redoes
/// only what changed (the preview). The output is the same as without it.
pub fn run_with(opts: &Options, sink: &dyn Sink, memo: Option<&build::memo::Memo>) -> Report {
    let started = Instant::now();
    let mut report = Report::default();
    let Some(sources) = report.stage("load", || {
        build::load::load_with(&opts.root, memo).map(|s| (s, Diagnostics::new()))
    }) else {
        return report.finish(started);
    };
    report.language = model::config::language_of(&sources.config.text);
    let theme = build::theme::Theme::new(&sources.theme, &opts.root);
    let base_url = opts.base_url.as_ref();
    let context = memo.map(|_| sources_context(&sources, opts));
    let Some(site) = report.stage("parse", || {
        build::parse::parse_with(sources, base_url, &fs::Disk, memo)
    }) else {
        return report.finish(started);
    };
    report.chapters = site.chapters.len();
    report.data_files = site.data.len();
    let Some(proven) = report.stage("validate", || build::validate::validate(&site, opts.today))
    else {
        return report.finish(started);
    };
    let remembered = memo.zip(context.as_deref());
    report.summary = report.stage("render", || {
        build::render::render_with(
            &site,
            &proven,
            &fs::Disk,
            &theme,
            opts.mode,
            sink,
            remembered,
        )
        .map(|s| (s, Diagnostics::new()))
    });
    drop(proven);
    if let Some(memo) = memo {
        memo.rotate();
        // The preview answers sooner when the last build's handbook is freed beside it.
        parallel::drop_later(site);
    }
    report.finish(started)
}

/// The hash of every source a chapter page is made of besides its own text: settings, data,
/// theme, the files that can be linked, and how the build was asked for.
fn sources_context(sources: &build::load::Sources, opts: &Options) -> String {
    let mut h = hash::Hasher::default();
    let mut part = |bytes: &[u8]| {
        h.update(bytes);
        h.update(b"\x1e");
    };
    part(sources.config.text.as_bytes());
    for d in &sources.data {
        part(d.path.as_os_str().as_encoded_bytes());
        part(d.text.as_bytes());
    }
    for (path, bytes) in &sources.theme {
        part(path.as_bytes());
        part(bytes);
    }
    for a in &sources.assets {
        part(a.site_path.as_bytes());
    }
    part(opts.base_url.as_ref().map_or("", |u| u.as_str()).as_bytes());
    part(format!("{:?}", opts.mode).as_bytes());
    h.finish()
}

/// The language of messages about `report`: the one chosen on the command line (or in the
/// environment), else the handbook's `language:`, else German.
pub fn language(chosen: Option<i18n::Lang>, report: &Report) -> i18n::Lang {
    chosen
        .or_else(|| report.language.as_deref().and_then(i18n::Lang::from_code))
        .unwrap_or_default()
}

/// `handbook check`: everything a build does but write.
pub fn check(opts: &Options) -> Report {
    run(opts, &build::sink::NullSink)
}

/// `handbook build`: renders into a temporary folder and puts it in place of `out` on success;
/// on failure `out` stays as it was.
pub fn build(opts: &Options, out: &Path) -> Report {
    let started = Instant::now();
    if let Err(e) = build::write::check_target(&opts.root, out) {
        let mut report = Report::default();
        report.diagnostics.push(e);
        return report.finish(started);
    }
    let mut report = Report::default();
    let mut rendered = started;
    let result = build::write::publish(out, |sink| {
        report = run(opts, sink);
        rendered = Instant::now();
        if report.ok() {
            Ok(())
        } else {
            Err(Diagnostics::new())
        }
    });
    if let Err(e) = result {
        report.diagnostics.extend(e);
        report.summary = None;
    }
    report.timings.push(("write", rendered.elapsed()));
    report.finish(started)
}
