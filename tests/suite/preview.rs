//! The preview remembers each chapter between builds and, told which files changed, reads and
//! redoes only those; after any sequence of edits its site equals a fresh build's, byte for byte.

use crate::common::Book;
use handbook::build::memo::Memo;
use handbook::build::sink::MemorySink;
use std::collections::BTreeMap;

/// A small deterministic random source (no seed from the clock: a failure can be repeated).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

/// The files of a build, with the search files and print pages the preview writes when first
/// asked for.
fn site(sink: MemorySink, report: &handbook::Report) -> BTreeMap<String, Vec<u8>> {
    if let Some(later) = report.summary.as_ref().and_then(|s| s.later.as_ref()) {
        later.write(&sink).expect("search files and print pages");
    }
    sink.into_files()
        .into_iter()
        .map(|(k, v)| (k, v.to_vec()))
        .collect()
}

/// The chapter files of the book, by name.
fn chapters(book: &Book) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(book.path().join("content/chapters"))
        .expect("chapters")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".md"))
        .collect();
    names.sort();
    names
}

fn chapter_text(title: &str, body: &str, order: Option<usize>) -> String {
    let order = order.map_or(String::new(), |o| format!("order: {o}\n"));
    format!(
        "---\ntitle: {title}\nsummary: Worum es in {title} geht.\n{order}---\n\n{body}\n\n## Abschnitt\n\nText mit [Einleitung](01-einleitung.md#ziele).\n"
    )
}

/// One random edit of the kinds authors make: change, add, delete, rename, reorder, break,
/// repair, a data file, a chapter's or a part's title, the start page, a part's intro, a chapter
/// that embeds a checklist before the one that did.
fn edit(
    book: &Book,
    rng: &mut Rng,
    step: usize,
    broken: &mut Vec<(String, String)>,
    touched: &mut Vec<std::path::PathBuf>,
) -> String {
    let mut touch = |rel: &str| touched.push(book.path().join(rel));
    let names = chapters(book);
    let pick = |rng: &mut Rng| names[rng.below(names.len())].clone();
    let dir = "content/chapters";
    // A broken file is mended soon, as an author would.
    if !broken.is_empty() && rng.below(2) == 0 {
        let (path, text) = broken.pop().expect("one");
        if book.path().join(&path).exists() {
            book.write(&path, &text);
            touch(&path);
            return format!("repair {path}");
        }
    }
    match rng.below(9) {
        0 | 1 => {
            let name = pick(rng);
            if name == "01-einleitung.md" {
                book.edit(
                    &format!("{dir}/{name}"),
                    "## Ziele",
                    &format!("Satz {step}.\n\n## Ziele"),
                );
            } else {
                let text = book.read(&format!("{dir}/{name}"));
                book.write(
                    &format!("{dir}/{name}"),
                    &format!("{text}\nNeuer Satz {step}.\n"),
                );
            }
            touch(&format!("{dir}/{name}"));
            format!("change {name}")
        }
        2 => {
            let name = format!("{:02}-neu-{step}.md", 10 + step % 80);
            book.write(
                &format!("{dir}/{name}"),
                &chapter_text(&format!("Neu {step}"), "Ein neues Kapitel.", None),
            );
            touch(&format!("{dir}/{name}"));
            format!("add {name}")
        }
        3 if names.len() > 3 => {
            let name = pick(rng);
            if name.contains("einleitung") || name.contains("kontakt") {
                return "nothing".into();
            }
            std::fs::remove_file(book.path().join(dir).join(&name)).expect("rm");
            touch(&format!("{dir}/{name}"));
            format!("delete {name}")
        }
        4 => {
            let name = pick(rng);
            if name.contains("einleitung") || name.contains("kontakt") {
                return "nothing".into();
            }
            let to = format!("{:02}-umbenannt-{step}.md", 10 + step % 80);
            std::fs::rename(
                book.path().join(dir).join(&name),
                book.path().join(dir).join(&to),
            )
            .expect("mv");
            touch(&format!("{dir}/{name}"));
            touch(&format!("{dir}/{to}"));
            format!("rename {name} {to}")
        }
        5 => {
            let name = format!("{:02}-reihe-{step}.md", 10 + step % 80);
            book.write(
                &format!("{dir}/{name}"),
                &chapter_text(&format!("Reihe {step}"), "Vorgezogen.", Some(rng.below(5))),
            );
            touch(&format!("{dir}/{name}"));
            format!("reorder with {name}")
        }
        6 => {
            let name = pick(rng);
            let path = format!("{dir}/{name}");
            let text = book.read(&path);
            broken.push((path.clone(), text.clone()));
            book.write(&path, &text.replacen("title:", "title: [kaputt", 1));
            touch(&path);
            format!("break {name}")
        }
        7 => match broken.pop() {
            Some((path, text)) if book.path().join(&path).exists() => {
                book.write(&path, &text);
                touch(&path);
                format!("repair {path}")
            }
            _ => "nothing".into(),
        },
        _ => {
            let which = rng.below(7);
            if which == 6 {
                // The theme: a save of a template shows at once (the preview keeps them parsed).
                let path = "theme/templates/page.html";
                let text = book.read(path);
                book.write(
                    path,
                    &text.replacen("<h1>", &format!("<h1 data-step=\"{step}\">"), 1),
                );
                touch(path);
                "template".into()
            } else if which == 3 {
                book.write(
                    "content/index.md",
                    &format!("---\ntitle: Start {step}\n---\nWillkommen, Schritt {step}.\n"),
                );
                touch("content/index.md");
                "start page".into()
            } else if which == 4 {
                let path = format!("{dir}/09-teil/_teil.md");
                book.write(
                    &path,
                    &format!("---\ntitle: Teil\nsummary: Worum es geht, {step}.\n---\n\nEinleitung {step}.\n"),
                );
                touch(&path);
                "intro of the part".into()
            } else if which == 5 {
                // The checklist is now embedded first here: the start page links it here.
                let name = format!("00-vorn-{step}.md");
                book.write(
                    &format!("{dir}/{name}"),
                    &chapter_text(&format!("Vorn {step}"), "{{ checklist plan }}", None),
                );
                touch(&format!("{dir}/{name}"));
                format!("checklist first in {name}")
            } else if which == 2 {
                let path = format!("{dir}/09-teil/_teil.md");
                book.write(&path, &format!("---\ntitle: Teil {step}\n---\n\nText.\n"));
                touch(&path);
                "title of the part".into()
            } else if which == 0 {
                book.edit(
                    "content/data/orte.yaml",
                    "title: Orte",
                    &format!("title: Orte {step}"),
                );
                touch("content/data/orte.yaml");
                "data".into()
            } else {
                let name = pick(rng);
                let path = format!("{dir}/{name}");
                let text = book.read(&path);
                book.write(
                    &path,
                    &text.replacen("title: ", &format!("title: T{step} "), 1),
                );
                touch(&path);
                format!("title of {name}")
            }
        }
    }
}

#[test]
fn remembered_builds_equal_fresh_builds_after_random_edits() {
    let book = Book::new("basic");
    for k in 3..7 {
        book.write(
            &format!("content/chapters/0{k}-kapitel-{k}.md"),
            &chapter_text(&format!("Kapitel {k}"), "Der Text.", None),
        );
    }
    // A part too: its print page is written later as well.
    for k in 1..3 {
        book.write(
            &format!("content/chapters/09-teil/0{k}-im-teil-{k}.md"),
            &chapter_text(&format!("Im Teil {k}"), "Der Text.", None),
        );
    }
    let mut opts = handbook::Options::new(book.path());
    opts.mode = handbook::Mode::Preview;
    opts.base_url = handbook::model::config::BaseUrl::parse("http://127.0.0.1:3000/");
    opts.today = handbook::model::date::Date::parse("2026-11-30").expect("date");
    let memo = Memo::new();
    let mut rng = Rng(7);
    let mut broken = Vec::new();
    let mut good = 0;
    for step in 0..80 {
        let mut touched = Vec::new();
        let what = edit(&book, &mut rng, step, &mut broken, &mut touched);
        // As the preview's watcher does: the memo hears which files changed.
        memo.changed(&touched);
        let remembered = MemorySink::default();
        let r1 = handbook::run_with(&opts, &remembered, Some(&memo));
        let fresh = MemorySink::default();
        let r2 = handbook::run(&opts, &fresh);
        assert_eq!(r1.diagnostics, r2.diagnostics, "step {step} ({what})");
        if !r1.ok() {
            eprintln!(
                "step {step} ({what}): {}",
                r1.diagnostics
                    .iter()
                    .next()
                    .map(ToString::to_string)
                    .unwrap_or_default()
            );
        }
        if r1.ok() {
            good += 1;
            let (a, b) = (site(remembered, &r1), site(fresh, &r2));
            if good % 10 == 1 {
                same_later_files_as_published(&opts, &a, step);
            }
            same_files(&a, &b, &format!("step {step} ({what})"));
        }
    }
    assert!(good > 30, "only {good} builds succeeded");
}

/// The same files with the same bytes; else a panic showing where they differ first.
fn same_files(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>, what: &str) {
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "{what}"
    );
    for (path, bytes) in a {
        if bytes != &b[path] {
            let at = bytes
                .iter()
                .zip(&b[path])
                .position(|(x, y)| x != y)
                .unwrap_or(0);
            let show = |v: &[u8]| {
                String::from_utf8_lossy(&v[at.saturating_sub(80)..(at + 80).min(v.len())])
                    .into_owned()
            };
            panic!(
                "{what}: {path} differs:\n{}\n---\n{}",
                show(bytes),
                show(&b[path])
            );
        }
    }
}

/// The start page, a part's page and the sitemap are remembered too: each edit of what they
/// show (the start page's text, a part's intro and summary, the chapter that embeds a checklist
/// first, a new chapter) shows at once, as in a fresh build.
#[test]
fn remembered_pages_follow_what_they_show() {
    let book = Book::new("basic");
    book.write(
        "content/chapters/09-teil/01-im-teil.md",
        &chapter_text("Im Teil", "Der Text.", None),
    );
    let mut opts = handbook::Options::new(book.path());
    opts.mode = handbook::Mode::Preview;
    opts.today = handbook::model::date::Date::parse("2026-11-30").expect("date");
    let memo = Memo::new();
    let edits: [(&str, &str); 6] = [
        (
            "content/index.md",
            "---\ntitle: Start\n---\nNeuer Willkommenstext.\n",
        ),
        (
            "content/chapters/09-teil/_teil.md",
            "---\ntitle: Teil\nsummary: Worum es im Teil geht.\n---\n\nEine Einleitung.\n",
        ),
        (
            "content/chapters/09-teil/_teil.md",
            "---\ntitle: Teil\nsummary: Eine andere Zusammenfassung.\n---\n\nEine andere Einleitung.\n",
        ),
        (
            "content/chapters/00-vorn.md",
            "---\ntitle: Vorn\n---\n\nVorweg.\n",
        ),
        (
            "content/chapters/00-vorn.md",
            "---\ntitle: Vorn\n---\n\nVorweg.\n\n{{ checklist plan }}\n",
        ),
        (
            "content/chapters/03-neu.md",
            "---\ntitle: Neu\n---\n\nNeu hier.\n",
        ),
    ];
    for (round, (path, text)) in std::iter::once(("", "")).chain(edits).enumerate() {
        if !path.is_empty() {
            book.write(path, text);
            memo.changed(&[book.path().join(path)]);
        }
        let remembered = MemorySink::default();
        let r1 = handbook::run_with(&opts, &remembered, Some(&memo));
        let fresh = MemorySink::default();
        let r2 = handbook::run(&opts, &fresh);
        assert!(r1.ok() && r2.ok(), "{:?}", r1.diagnostics);
        let (a, b) = (site(remembered, &r1), site(fresh, &r2));
        same_files(&a, &b, &format!("round {round} ({path})"));
    }
}

/// The files the preview writes when first asked for (search files and print pages) are those a
/// published build writes.
fn same_later_files_as_published(
    opts: &handbook::Options,
    preview: &BTreeMap<String, Vec<u8>>,
    step: usize,
) {
    let later = |p: &&String| p.starts_with("search/") || p.starts_with("drucken/");
    let mut publish = opts.clone();
    publish.mode = handbook::Mode::Publish;
    let sink = MemorySink::default();
    assert!(handbook::run(&publish, &sink).ok(), "step {step}: publish");
    let published = sink.into_files();
    let files: Vec<&String> = preview.keys().filter(later).collect();
    assert!(
        files.iter().filter(|p| p.starts_with("search/")).count() > 3
            && files.contains(&&"drucken/index.html".to_string())
            && files.contains(&&"drucken/teil/index.html".to_string()),
        "step {step}: the preview writes search files and the print pages"
    );
    for path in &files {
        assert_eq!(
            Some(&preview[*path]),
            published.get(*path).map(|b| &**b),
            "step {step}: {path}"
        );
    }
    assert_eq!(
        published.keys().filter(later).count(),
        files.len(),
        "step {step}: as many search files and print pages"
    );
}
