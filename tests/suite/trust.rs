//! Trust: a build reads nothing outside the handbook, replaces nothing it did not write, never
//! crashes or stalls, and the preview talks only to this computer.

use crate::common::{Book, Serve, raw_request, snapshot, stderr, stdout};
use std::path::Path;
use std::time::{Duration, Instant};

/// A secret outside the handbook, as a deploy preview's build machine might hold one.
const SECRET: &str = "GEHEIM-7f3a9c";

fn secret_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("passwd"), format!("root:{SECRET}\n")).expect("write");
    std::fs::create_dir_all(dir.path().join("ordner")).expect("mkdir");
    std::fs::write(dir.path().join("ordner/notiz.txt"), SECRET).expect("write");
    std::fs::write(
        dir.path().join("kapitel.md"),
        format!("---\ntitle: Fremd\n---\n\n{SECRET}\n"),
    )
    .expect("write");
    dir
}

fn link(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).expect("symlink");
}

/// Does any file below `dir` hold the secret?
fn leaks(dir: &Path) -> Vec<String> {
    snapshot(dir)
        .into_iter()
        .filter(|(_, bytes)| bytes.windows(SECRET.len()).any(|w| w == SECRET.as_bytes()))
        .map(|(p, _)| p)
        .collect()
}

#[test]
fn links_out_of_the_handbook_are_errors_and_no_byte_of_them_is_published() {
    let outside = secret_dir();
    let cases: [(&str, &str); 4] = [
        ("passwd", "content/x.txt"),
        ("ordner", "content/ordner"),
        ("kapitel.md", "content/chapters/03-fremd.md"),
        ("passwd", "theme/assets/extra.css"),
    ];
    for (target, at) in cases {
        let book = Book::new("basic");
        assert!(book.run(&["build"]).status.success());
        let before = snapshot(&book.path().join("public"));
        let target = outside.path().join(target);
        link(&target, &book.path().join(at));
        for command in ["build", "check"] {
            let o = book.run(&[command]);
            assert_eq!(o.status.code(), Some(1), "{at} ({command}): {}", stderr(&o));
            let real = std::fs::canonicalize(&target).expect("target");
            let expected = format!(
                "{at}: Fehler: Diese Verknüpfung (Symlink) zeigt aus dem Handbuch hinaus, auf {} — Aus Sicherheitsgründen liest handbook nur Dateien innerhalb des Handbuch-Ordners. Kopieren Sie die Datei hierher, statt sie zu verknüpfen.",
                real.display()
            );
            assert!(stderr(&o).starts_with(&expected), "{at}: {}", stderr(&o));
        }
        assert_eq!(snapshot(&book.path().join("public")), before, "{at}");
        assert_eq!(
            leaks(book.path()).len(),
            0,
            "{at}: {:?}",
            leaks(book.path())
        );
        // The preview does not serve it either.
        let serve = Serve::start(book.path());
        let (code, body) = raw_request(serve.port, "GET", "/x.txt", "localhost");
        assert_ne!(code, 200, "{at}");
        assert!(!body.contains(SECRET), "{at}");
    }
}

#[test]
fn links_in_a_loop_are_an_error_not_a_hang() {
    let book = Book::new("basic");
    link(Path::new("."), &book.path().join("content/images/schleife"));
    link(
        &book.path().join("content/selbst.txt"),
        &book.path().join("content/selbst.txt"),
    );
    let started = Instant::now();
    let o = book.run(&["build"]);
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(
            "content/selbst.txt: Fehler: Diese Verknüpfung (Symlink) zeigt im Kreis auf sich selbst"
        ),
        "{err}"
    );
    assert!(
        err.contains("content/images/schleife: Fehler: Diese Verknüpfung (Symlink) zeigt im Kreis auf sich selbst"),
        "{err}"
    );
}

#[test]
fn links_within_the_handbook_are_followed() {
    let book = Book::new("basic");
    link(
        Path::new("images/logo.svg"),
        &book.path().join("content/bilder-logo.svg"),
    );
    let o = book.run(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        book.read("public/bilder-logo.svg"),
        book.read("content/images/logo.svg")
    );
}

#[test]
fn files_in_the_chapter_folder_that_are_no_chapters_are_named() {
    let book = Book::new("basic");
    book.write("content/chapters/Entwurf.docx", "PK…");
    book.write("content/chapters/14-neu.md.txt", "---\ntitle: x\n---\n");
    let o = book.run(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    for name in ["Entwurf.docx", "14-neu.md.txt"] {
        assert!(
            stderr(&o).contains(&format!("content/chapters/{name}: Warnung: Diese Datei im Kapitel-Ordner ist kein Kapitel und wird nicht veröffentlicht")),
            "{}",
            stderr(&o)
        );
        assert!(!book.path().join("public/chapters").join(name).exists());
    }
}

#[test]
fn data_nested_a_hundred_thousand_levels_deep_is_refused_at_once() {
    let book = Book::new("basic");
    let text = format!("kind: list\ntitle: Orte\nitems: {}\n", "[".repeat(100_000));
    book.write("content/data/orte.yaml", &text);
    let started = Instant::now();
    let o = book.run(&["check"]);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("content/data/orte.yaml:3:"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("Fehler: Die Einträge sind hier mehr als 32 Ebenen tief verschachtelt"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_template_loop_ends_with_a_message_and_leaves_no_temporary_folder() {
    let book = Book::new("basic");
    book.write(
        "theme/templates/page.html",
        "{% extends \"base.html\" %}{% block main %}{% include \"partials/a.html\" %}{% endblock main %}",
    );
    book.write(
        "theme/templates/partials/a.html",
        "{% include \"partials/b.html\" %}",
    );
    book.write(
        "theme/templates/partials/b.html",
        "{% include \"partials/a.html\" %}",
    );
    let o = book.run(&["build"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).starts_with("theme/templates/partials/a.html: Fehler: Die Vorlagen binden sich im Kreis ein: partials/a.html → partials/b.html → partials/a.html"),
        "{}",
        stderr(&o)
    );
    let names: Vec<String> = std::fs::read_dir(book.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.starts_with(".public")), "{names:?}");
}

#[test]
fn raw_html_in_data_is_shown_as_text() {
    let book = Book::new("basic");
    book.edit(
        "content/data/plan.yaml",
        "intro: Vorher *lesen*.",
        "intro: Bitte <b>nicht</b> <img src=x onerror=alert(1)> kopieren.",
    );
    let o = book.run(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = book.read("public/einleitung/index.html");
    assert!(
        page.contains(
            "Bitte &lt;b&gt;nicht&lt;/b&gt; &lt;img src=x onerror=alert(1)&gt; kopieren."
        ),
        "{page}"
    );
    assert!(!page.contains("<img src=x"));
}

#[test]
fn a_reader_never_finds_the_site_missing_during_a_rebuild() {
    let book = Book::new("basic");
    assert!(book.run(&["build"]).status.success());
    let index = book.path().join("public/index.html");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let poller = {
        let (stop, index) = (stop.clone(), index.clone());
        std::thread::spawn(move || {
            let (mut reads, mut missing) = (0u32, 0u32);
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                match std::fs::read(&index) {
                    Ok(bytes) if bytes.ends_with(b"</html>\n") || bytes.ends_with(b"</html>") => {}
                    _ => missing += 1,
                }
                reads += 1;
            }
            (reads, missing)
        })
    };
    for _ in 0..15 {
        let o = book.run(&["build"]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let (reads, missing) = poller.join().expect("poller");
    assert!(reads > 100, "only {reads} reads");
    assert_eq!(
        missing, 0,
        "index.html missing or half-written in {missing} of {reads} reads"
    );
}

#[test]
fn concurrent_builds_end_as_one_complete_site_and_leftovers_are_removed() {
    let book = Book::new("basic");
    // A build killed earlier left its temporary folder (no process has this number).
    let stale = book.path().join(".public.new-4194303");
    std::fs::create_dir_all(stale.join("einleitung")).expect("stale");
    let builds: Vec<_> = (0..3)
        .map(|_| {
            std::process::Command::new(env!("CARGO_BIN_EXE_handbook"))
                .arg("build")
                .current_dir(book.path())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("build")
        })
        .collect();
    for b in builds {
        let o = b.wait_with_output().expect("wait");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let alone = Book::new("basic");
    assert!(alone.run(&["build"]).status.success());
    assert_eq!(
        snapshot(&book.path().join("public")),
        snapshot(&alone.path().join("public"))
    );
    assert!(!stale.exists(), "the leftover of a killed build stays");
    let names: Vec<String> = std::fs::read_dir(book.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn the_preview_answers_only_this_computer() {
    let book = Book::new("basic");
    let serve = Serve::start(book.path());
    for host in ["localhost:1", "127.0.0.1", "[::1]:3000"] {
        let (code, _) = raw_request(serve.port, "GET", "/", host);
        assert_eq!(code, 200, "{host}");
    }
    for host in [
        "evil.example",
        "evil.example:3000",
        "localhost.evil.example",
    ] {
        let (code, body) = raw_request(serve.port, "GET", "/", host);
        assert_eq!(code, 403, "{host}");
        assert!(
            body.contains(&format!(
                "403: Die Vorschau antwortet nur Anfragen an den eigenen Rechner, nicht an „{host}“"
            )),
            "{body}"
        );
        assert!(!body.contains("Testhandbuch"));
    }
}

#[test]
fn a_byte_order_mark_is_accepted_everywhere() {
    let book = Book::new("basic");
    for file in [
        "content/handbook.yaml",
        "content/data/orte.yaml",
        "content/chapters/01-einleitung.md",
    ] {
        let text = book.read(file);
        book.write(file, &format!("\u{feff}{text}"));
    }
    let o = book.run(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("Gebaut: 2 Kapitel"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn text_cut_at_a_hash_is_named_with_the_quoted_form() {
    let book = Book::new("basic");
    book.edit(
        "content/data/plan.yaml",
        "text: Raum buchen",
        "text: Raum buchen (Schritt #1)",
    );
    let o = book.run(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("content/data/plan.yaml:12:36: Warnung: Nach ` #` beginnt in YAML ein Kommentar: veröffentlicht wird nur „Raum buchen (Schritt“ — Soll das `#` zum Text gehören, setzen Sie den Text in Anführungszeichen: `text: \"Raum buchen (Schritt #1)\"`"),
        "{}",
        stderr(&o)
    );
}
