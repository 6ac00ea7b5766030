//! The `handbook` binary: parses the command line, runs a command, prints every message (in
//! the handbook's language) and picks the exit code: 0 done, 1 the handbook has errors,
//! 2 a usage error. Nothing below `main` prints or exits.

use clap::Parser;
use handbook::cli::{Cli, Command};
use handbook::diagnostic::Diagnostic;
use handbook::i18n::{Lang, Msg, Verb};
use handbook::{Options, Report};
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let chosen = cli.lang.or_else(|| {
        std::env::var("HANDBOOK_LANG")
            .ok()
            .and_then(|code| Lang::from_code(&code))
    });
    match cli.command {
        Command::Build {
            dir,
            out,
            base_url,
            timings,
        } => build(&dir, out, base_url, chosen, timings),
        Command::Check { dir, timings } => check(&dir, chosen, timings),
        Command::Serve {
            dir,
            port,
            host,
            open,
            timings,
        } => serve(
            handbook::preview::Settings {
                root: dir,
                host,
                port,
                lang: chosen,
            },
            open,
            timings,
        ),
        Command::Schema { dir } => {
            let lang = chosen.unwrap_or_default();
            said(handbook::schema::write(&dir), lang, |(folder, files)| {
                let dir = folder.display().to_string();
                vec![Msg::SchemasWritten { dir, files }]
            })
        }
        Command::New { what, name, dir } => {
            let lang = chosen.unwrap_or_default();
            said(handbook::new::create(&dir, &what, &name), lang, |created| {
                vec![created.msg]
            })
        }
        Command::Init { dir } => {
            let lang = chosen.unwrap_or_default();
            let today = handbook::model::date::Date::today();
            said(handbook::init::write(&dir, today), lang, |files| {
                let dir = dir.display().to_string();
                vec![
                    Msg::InitCreated {
                        dir: dir.clone(),
                        files: files.len(),
                    },
                    Msg::InitNext { dir },
                ]
            })
        }
    }
}

/// `handbook build`: the site into `out` (by default `public/` beside `content/`).
fn build(
    dir: &Path,
    out: Option<std::path::PathBuf>,
    base_url: Option<handbook::model::config::BaseUrl>,
    chosen: Option<Lang>,
    timings: bool,
) -> ExitCode {
    let out = out.unwrap_or_else(|| handbook::build::load::shown(dir, Path::new("public")));
    let mut opts = Options::new(dir);
    opts.base_url = base_url;
    let report = handbook::build(&opts, &out);
    let lang = handbook::language(chosen, &report);
    let details = report.summary.as_ref().map(|s| Msg::BuildDetails {
        pages: s.pages,
        search: size(s.search_bytes),
        out: out.display().to_string(),
    });
    finish(&report, lang, Verb::Built, details, timings)
}

/// `handbook check`: everything a build checks, nothing written.
fn check(dir: &Path, chosen: Option<Lang>, timings: bool) -> ExitCode {
    let report = handbook::check(&Options::new(dir));
    let lang = handbook::language(chosen, &report);
    finish(&report, lang, Verb::Checked, None, timings)
}

/// A command that either did its work, told in `messages`, or failed with one diagnostic.
fn said<T>(
    result: Result<T, Diagnostic>,
    lang: Lang,
    messages: impl FnOnce(T) -> Vec<Msg>,
) -> ExitCode {
    match result {
        Ok(done) => {
            for msg in messages(done) {
                println!("{}", lang.text(&msg));
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e, lang),
    }
}

/// Prints a build's diagnostics and its summary; the exit code follows from its errors.
fn finish(
    report: &Report,
    lang: Lang,
    verb: Verb,
    details: Option<Msg>,
    timings: bool,
) -> ExitCode {
    print_diagnostics(report, lang);
    if timings {
        print_timings(report, lang);
    }
    if report.ok() {
        let mut line = lang.text(&summary(report, verb)).message;
        if let Some(d) = details {
            line.push_str(&lang.text(&d).message);
        }
        println!("{line}");
        ExitCode::SUCCESS
    } else {
        let count = Msg::ErrorCount {
            errors: report.diagnostics.errors(),
            written: verb != Verb::Built,
        };
        eprintln!("{}", lang.text(&count).message);
        ExitCode::from(1)
    }
}

fn print_timings(report: &Report, lang: Lang) {
    for (stage, took) in &report.timings {
        let micros = took.as_micros();
        eprintln!("{}", lang.text(&Msg::Timing { stage, micros }).message);
    }
}

fn print_diagnostics(report: &Report, lang: Lang) {
    for d in &report.diagnostics {
        eprintln!("{}", d.render(lang));
    }
}

fn summary(report: &Report, verb: Verb) -> Msg {
    Msg::Summary {
        verb,
        chapters: report.chapters,
        data_files: report.data_files,
        warnings: report.warnings(),
        millis: report.elapsed.as_millis(),
    }
}

/// A size in bytes, or kilobytes from 10 KB.
fn size(bytes: usize) -> String {
    if bytes < 10 * 1024 {
        format!("{bytes} B")
    } else {
        format!("{} KB", (bytes + 512) / 1024)
    }
}

fn fail(e: &Diagnostic, lang: Lang) -> ExitCode {
    eprintln!("{}", e.render(lang));
    ExitCode::from(1)
}

/// Runs the preview until it is stopped (Ctrl-C), printing what happens.
fn serve(settings: handbook::preview::Settings, open: bool, timings: bool) -> ExitCode {
    use handbook::preview::Event;
    let chosen = settings.lang;
    let preview = match handbook::preview::start(&settings) {
        Ok(p) => p,
        Err(e) => return fail(&e, chosen.unwrap_or_default()),
    };
    while let Some(event) = preview.next_event() {
        match event {
            Event::Warning(d) => eprintln!("{}", d.render(chosen.unwrap_or_default())),
            Event::Built { report } => {
                let lang = handbook::language(chosen, &report);
                log_build(&report, lang, &preview, None);
                if timings {
                    print_timings(&report, lang);
                }
                let dir = settings.root.display().to_string();
                let url = preview.url.clone();
                println!("{}", lang.text(&Msg::Serving { dir, url }).message);
                if open && !handbook::preview::open_browser(&preview.url) {
                    let url = preview.url.clone();
                    eprintln!("{}", lang.text(&Msg::OpenBrowserFailed { url }).message);
                }
            }
            Event::Rebuilt { report, files } => {
                let lang = handbook::language(chosen, &report);
                log_build(&report, lang, &preview, Some(files));
                if timings {
                    print_timings(&report, lang);
                }
            }
        }
    }
    ExitCode::SUCCESS
}

fn log_build(
    report: &Report,
    lang: Lang,
    preview: &handbook::preview::Preview,
    files: Option<Vec<String>>,
) {
    print_diagnostics(report, lang);
    let errors = report.diagnostics.errors();
    if report.ok() {
        let msg = match files {
            Some(files) => Msg::Rebuilt {
                files,
                millis: report.elapsed.as_millis(),
            },
            None => summary(report, Verb::Built),
        };
        println!("{}", lang.text(&msg).message);
    } else if preview.has_site() {
        eprintln!("{}", lang.text(&Msg::StillServing { errors }).message);
    } else {
        eprintln!("{}", lang.text(&Msg::NoGoodBuildYet { errors }).message);
    }
}
