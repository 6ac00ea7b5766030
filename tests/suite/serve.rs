//! `handbook serve` with the real binary on a free port: serving, headers, path guard, live reload.

use crate::common::browser::{self, Driver, Options};
use crate::common::{Book, Serve, raw_get};
use std::time::Duration;

#[test]
fn serves_pages_with_the_production_headers_and_no_caching() {
    let book = Book::repo();
    let serve = Serve::start(book.path());
    let (code, resp) = raw_get(serve.port, "GET", "/einleitung/");
    assert_eq!(code, 200);
    let netlify =
        handbook::netlify::parse(&book.read("netlify.toml")).expect("netlify.toml parses");
    let csp = handbook::netlify::headers_for(&netlify, "/einleitung/")
        .into_iter()
        .find(|(n, _)| n == "Content-Security-Policy")
        .map(|(_, v)| v)
        .expect("netlify.toml has a CSP");
    assert_eq!(
        csp,
        handbook::netlify::CSP,
        "netlify.toml and the built-in CSP agree"
    );
    assert!(
        resp.contains(&format!("Content-Security-Policy: {csp}\r\n")),
        "{resp}"
    );
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("http"),
        "{csp}"
    );
    assert!(resp.contains("Cache-Control: no-store\r\n"), "{resp}");
    assert!(resp.contains("X-Content-Type-Options: nosniff\r\n"));
    assert!(resp.contains("Content-Type: text/html; charset=utf-8\r\n"));
    assert!(resp.contains("<h1>"));

    // The search files, written when first asked for: the manifest and a chunk it counts.
    let (code, manifest) = raw_get(serve.port, "GET", "/search/index.json");
    assert_eq!(code, 200, "{manifest}");
    assert!(manifest.contains("\"c\":["), "{manifest}");
    let (code, chunk) = raw_get(serve.port, "GET", "/search/c/0.json");
    assert_eq!(code, 200, "{chunk}");
    assert!(chunk.contains("[["), "{chunk}");
    // The print page, also written when first asked for: every chapter, the live reload too.
    let (code, print) = raw_get(serve.port, "GET", "/drucken/");
    let print = print.replace('\u{ad}', "");
    assert_eq!(code, 200, "{print}");
    for text in [
        "Einleitung",
        "Veranstaltungsplanung",
        "Impressum",
        "/__handbook/live.js",
    ] {
        assert!(print.contains(text), "{text}: {print}");
    }
    let (code, moved) = raw_get(serve.port, "GET", "/drucken");
    assert_eq!(code, 301, "{moved}");
    assert!(moved.contains("Location: /drucken/\r\n"), "{moved}");

    let (code, head) = raw_get(serve.port, "HEAD", "/einleitung/");
    assert_eq!(code, 200);
    assert!(!head.contains("<h1>"), "HEAD has no body");

    let (code, resp) = raw_get(serve.port, "GET", "/einleitung");
    assert_eq!(code, 301);
    assert!(resp.contains("Location: /einleitung/\r\n"), "{resp}");

    let (code, resp) = raw_get(serve.port, "GET", "/gibt-es-nicht/");
    assert_eq!(code, 404);
    assert!(resp.contains("Diese Seite gibt es nicht"), "the 404 page");

    let (code, _) = raw_get(serve.port, "GET", "/assets/");
    assert_eq!(code, 404, "no directory listings");
    let (code, _) = raw_get(serve.port, "POST", "/");
    assert_eq!(code, 405);
    let (_, css) = raw_get(serve.port, "GET", "/__handbook/live.js");
    assert!(css.contains("Content-Type: text/javascript; charset=utf-8\r\n"));
}

#[test]
fn path_traversal_is_always_refused() {
    let book = Book::repo();
    std::fs::write(book.path().join("secret.txt"), "geheim").expect("write");
    let serve = Serve::start(book.path());
    for path in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/einleitung/..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "/content/handbook.yaml",
        "//etc/passwd",
        "/%00",
        "/index.html%00.txt",
        "/./index.html",
        "/C:/Windows/win.ini",
    ] {
        let (code, resp) = raw_get(serve.port, "GET", path);
        assert!(code == 403 || code == 404, "{path}: {code}");
        assert!(
            !resp.contains("geheim") && !resp.contains("root:"),
            "{path} leaked"
        );
    }
}

#[test]
fn a_port_in_use_gives_a_clear_error() {
    let book = Book::repo();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port().to_string();
    let o = book.run(&["serve", ".", "--port", &port]);
    assert_eq!(o.status.code(), Some(1));
    let err = crate::common::stderr(&o);
    assert!(
        err.contains("läuft schon ein anderes Programm") && err.contains("--port"),
        "{err}"
    );
}

#[test]
fn fifty_concurrent_clients_are_served_while_rebuilding() {
    let book = Book::repo();
    let serve = Serve::start(book.path());
    let port = serve.port;
    let writer_path = book.path().join("content/chapters/01-einleitung.md");
    let original = std::fs::read_to_string(&writer_path).expect("read");
    let writer = std::thread::spawn(move || {
        for i in 0..10 {
            std::fs::write(&writer_path, format!("{original}\nÄnderung {i}\n")).expect("write");
            std::thread::sleep(Duration::from_millis(40));
        }
    });
    let clients: Vec<_> = (0..50)
        .map(|i| {
            std::thread::spawn(move || {
                let path = if i % 2 == 0 {
                    "/einleitung/"
                } else {
                    "/veranstaltungsplanung/"
                };
                let (code, body) = raw_get(port, "GET", path);
                (code, body.contains("</html>"))
            })
        })
        .collect();
    for c in clients {
        assert_eq!(c.join().expect("client"), (200, true));
    }
    writer.join().expect("writer");
}

fn poll_generation(port: u16, since: i64) -> (u64, Vec<String>) {
    let (code, body) = raw_get(port, "GET", &format!("/__handbook/poll?since={since}"));
    assert_eq!(code, 200);
    let json: serde_json::Value =
        serde_json::from_str(body.split("\r\n\r\n").nth(1).expect("body")).expect("json");
    let errors = json["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e.as_str().unwrap_or("").to_string())
        .collect();
    (json["generation"].as_u64().expect("generation"), errors)
}

#[test]
fn a_bad_edit_keeps_the_last_good_site_and_reports_the_error() {
    let book = Book::repo();
    let serve = Serve::start(book.path());
    let (g, errors) = poll_generation(serve.port, -1);
    assert!(errors.is_empty(), "{errors:?}");
    book.write("content/data/rollen.yaml", "kind: list\ntitle: [kaputt\n");
    let (g2, errors) = poll_generation(serve.port, g as i64);
    assert!(g2 > g);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0],
        "content/data/rollen.yaml:2:8: Fehler: Dieser Text enthält Zeichen, die in YAML eine eigene Bedeutung haben: `title: [kaputt` — Setzen Sie den Text in Anführungszeichen: `title: \"[kaputt\"`"
    );
    let (code, body) = raw_get(serve.port, "GET", "/rollen/");
    assert_eq!(code, 200, "the last good site is still served");
    assert!(body.contains("</html>"));
}

#[test]
fn the_browser_follows_saves_renames_and_shows_errors() {
    if !browser::available() {
        return;
    }
    let book = Book::repo();
    let serve = Serve::start(book.path());
    let driver = Driver::start();
    let s = driver.session(Options::js());
    s.goto(&format!("{}/rollen/", serve.url));
    let subscribed = "return document.documentElement.getAttribute('data-live') === 'subscribed'";
    s.wait_until("the page listens for rebuilds", subscribed);
    s.js("window.scrollTo(0, 400); window.__marker = 1; return true");

    // A plain save.
    let chapter = book.path().join("content/chapters/03-rollen.md");
    let text = std::fs::read_to_string(&chapter).expect("read");
    std::fs::write(
        &chapter,
        text.replace(
            "title: Welche Rolle können MSO einnehmen?",
            "title: Rollen der MSO (geändert)",
        ),
    )
    .expect("write");
    s.wait_until(
        "the new title shows",
        "return document.querySelector('h1').textContent.replace(/\\u00ad/g, '') === 'Rollen der MSO (geändert)'",
    );
    assert_eq!(
        s.js("return window.__marker === undefined"),
        serde_json::json!(true),
        "the page reloaded"
    );
    assert_eq!(
        s.js("return window.scrollY > 0"),
        serde_json::json!(true),
        "the scroll position is kept"
    );

    // A save by writing a temporary file and renaming it over the original (vim, JetBrains).
    s.wait_until("the page listens again", subscribed);
    let tmp = book.path().join("content/chapters/.03-rollen.md.tmp");
    std::fs::write(
        &tmp,
        text.replace(
            "title: Welche Rolle können MSO einnehmen?",
            "title: Umbenannt gespeichert",
        ),
    )
    .expect("write");
    std::fs::rename(&tmp, &chapter).expect("rename");
    s.wait_until(
        "the renamed save shows",
        "return document.querySelector('h1').textContent.replace(/\\u00ad/g, '') === 'Umbenannt gespeichert'",
    );

    // A mistake shows an overlay with file, line and hint; the fix removes it.
    s.wait_until("the page listens again", subscribed);
    let data = book.path().join("content/data/rollen.yaml");
    let good = std::fs::read_to_string(&data).expect("read");
    std::fs::write(
        &data,
        "kind: list\ntitle: Rollen\nitems:\n  - id: a\n    titel: A\n",
    )
    .expect("write");
    s.wait_until("the overlay shows", "const o = document.querySelector('.handbook-overlay'); return !!o && o.textContent.includes('content/data/rollen.yaml:5:5: Fehler: Das Feld `titel` gibt es hier nicht (in `items` Nr. 1) — Meinten Sie `title`?') && o.textContent.includes('Die Vorschau zeigt den letzten fehlerfreien Stand')");
    assert!(
        s.text("h1").contains("Umbenannt gespeichert"),
        "the last good page stays"
    );
    std::fs::write(&data, good).expect("write");
    s.wait_until("the overlay is gone", "return !document.querySelector('.handbook-overlay') && document.documentElement.getAttribute('data-live') === 'subscribed'");

    // New files and folders are picked up too.
    std::fs::create_dir_all(book.path().join("content/images/neu")).expect("mkdir");
    std::fs::write(
        book.path().join("content/images/neu/bild.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .expect("write");
    let start = std::time::Instant::now();
    while raw_get(serve.port, "GET", "/images/neu/bild.svg").0 != 200 {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the new file in a new folder was not picked up"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_burst_of_saves_gives_one_rebuild_and_editor_files_none() {
    let book = Book::repo();
    let serve = Serve::start(book.path());
    let (g, _) = poll_generation(serve.port, -1);
    // Editor swap, backup and temporary files, and the output folder: no rebuild.
    for junk in [
        "content/chapters/.03-rollen.md.swp",
        "content/chapters/03-rollen.md~",
        "content/chapters/4913",
        "content/data/#rollen.yaml#",
        "public/index.html",
    ] {
        book.write(junk, "x");
    }
    std::thread::sleep(Duration::from_millis(400));
    let (same, _) = poll_generation(serve.port, g as i64 + 1000);
    assert_eq!(same, g, "junk files triggered a rebuild");
    // Saving every chapter at once: one rebuild.
    let chapters: Vec<_> = std::fs::read_dir(book.path().join("content/chapters"))
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    for p in &chapters {
        let text = std::fs::read_to_string(p).expect("read");
        std::fs::write(p, format!("{text}\n")).expect("write");
    }
    let (next, errors) = poll_generation(serve.port, g as i64);
    assert!(errors.is_empty(), "{errors:?}");
    std::thread::sleep(Duration::from_millis(400));
    let (after, _) = poll_generation(serve.port, next as i64 + 1000);
    assert_eq!(
        (next, after),
        (g + 1, g + 1),
        "{} saves gave {} rebuilds",
        chapters.len(),
        after - g
    );
}

#[test]
fn deleting_a_file_is_picked_up() {
    let book = Book::repo();
    let serve = Serve::start(book.path());
    let (g, _) = poll_generation(serve.port, -1);
    // The publisher's chapter is linked from others: deleting it breaks those links.
    std::fs::remove_file(book.path().join("content/chapters/13-herausgeber.md")).expect("rm");
    let (g2, errors) = poll_generation(serve.port, g as i64);
    assert!(g2 > g);
    assert!(
        errors.iter().any(|e| e
            .contains("Der Link führt zu einem Kapitel, das es nicht gibt: `13-herausgeber.md`")),
        "{errors:?}"
    );
    assert_eq!(
        raw_get(serve.port, "GET", "/herausgeber/").0,
        200,
        "the last good site is still served"
    );
}

#[test]
fn ctrl_c_stops_at_once_and_leaves_nothing_behind() {
    let book = Book::repo();
    let before = crate::common::snapshot(book.path());
    let mut serve = Serve::start(book.path());
    assert_eq!(raw_get(serve.port, "GET", "/").0, 200);
    let status = serve.interrupt();
    assert!(!status.success(), "ended by the signal");
    assert!(
        std::net::TcpStream::connect(("127.0.0.1", serve.port)).is_err(),
        "the port is free again"
    );
    assert_eq!(
        crate::common::snapshot(book.path()),
        before,
        "the preview wrote nothing into the handbook"
    );
}
