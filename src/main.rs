//! The `handbook` binary: parses the command line, runs a command, prints diagnostics, sets the exit code.

use clap::Parser;
use handbook::cli::{Cli, Command};
use handbook::{Options, Report};
use std::process::ExitCode;

fn print_report(report: &Report) {
    for d in &report.diagnostics {
        eprintln!("{d}");
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn summary_line(verb: &str, report: &Report) -> String {
    format!(
        "{verb} {}, {}, {} in {:.2} s",
        plural(report.chapters, "chapter", "chapters"),
        plural(report.data_files, "data file", "data files"),
        plural(report.warnings(), "warning", "warnings"),
        report.elapsed.as_secs_f64()
    )
}

fn finish(report: &Report, verb: &str, extra: &str) -> ExitCode {
    print_report(report);
    if report.ok() {
        println!("{}{extra}", summary_line(verb, report));
        ExitCode::SUCCESS
    } else {
        let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
        eprintln!(
            "{} — nothing was written",
            plural(errors, "error", "errors")
        );
        ExitCode::from(1)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { dir, out, base_url } => {
            let out = out.unwrap_or_else(|| {
                handbook::build::load::shown(&dir, std::path::Path::new("public"))
            });
            let mut opts = Options::new(&dir);
            opts.base_url = base_url;
            let report = handbook::build(&opts, &out);
            let (pages, search) = report
                .summary
                .as_ref()
                .map_or((0, 0), |s| (s.pages, s.search_bytes));
            let search = if search < 10 * 1024 {
                format!("{search} B")
            } else {
                format!("{} KB", (search + 512) / 1024)
            };
            finish(
                &report,
                "built",
                &format!(
                    " ({pages} pages, search index {search}) into {}",
                    out.display()
                ),
            )
        }
        Command::Check { dir } => {
            let report = handbook::check(&Options::new(&dir));
            print_report(&report);
            if report.ok() {
                println!("{}", summary_line("checked", &report));
                ExitCode::SUCCESS
            } else {
                let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
                eprintln!("{}", plural(errors, "error", "errors"));
                ExitCode::from(1)
            }
        }
        Command::Serve {
            dir,
            port,
            host,
            open,
        } => handbook::preview::serve::run(&dir, &host, port, open),
        Command::Init { dir } => handbook::init::run(&dir),
    }
}
