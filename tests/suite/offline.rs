//! Offline within a budget: a handbook of 1,000 chapters is too large to precache whole, so its
//! first visit brings the shell, the start page and the pages with checklists (at most 2 MB
//! compressed with the page itself); pages the reader opens stay readable offline, and the start
//! page keeps the whole book on request. This handbook, within the budget, is precached whole
//! (see browser.rs).

use crate::browser::build;
use crate::common::browser::{self, Driver, Options, Session, StaticServer};
use crate::common::{Book, snapshot};
use std::collections::BTreeMap;

const WORDS: &[&str] = &[
    "Arbeitgeber",
    "Ausbildung",
    "Verwaltung",
    "Integrationsagentur",
    "Migrantenselbstorganisation",
    "Elternabend",
    "Bewerbungstraining",
    "Kooperation",
    "Vertrauen",
    "Jugendliche",
    "Nachwuchskräfte",
    "Veranstaltung",
    "Ansprechperson",
    "Netzwerk",
    "Beratung",
    "Vielfalt",
    "Öffnung",
    "Unternehmen",
    "Behörde",
    "Gemeinde",
    "Zusammenarbeit",
    "Planung",
    "Einladung",
    "Räumlichkeiten",
    "Mehrsprachigkeit",
    "Begegnung",
    "Förderung",
    "Qualifizierung",
    "Praktikum",
    "Betriebsbesichtigung",
    "und",
    "oder",
    "mit",
    "für",
    "über",
    "zwischen",
    "gemeinsam",
    "rechtzeitig",
    "verlässlich",
    "regelmäßig",
];

/// A small deterministic generator of German-looking text.
struct Text(u64);

impl Text {
    fn word(&mut self) -> &'static str {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        WORDS[(self.0 >> 33) as usize % WORDS.len()]
    }
    fn sentence(&mut self, n: usize) -> String {
        let words: Vec<&str> = (0..n).map(|_| self.word()).collect();
        format!("{}.", words.join(" "))
    }
}

/// A handbook of `n` chapters of about 950 words, every tenth with a checklist; with
/// `per_part`, in parts (folders `t001`, …) of that many chapters.
fn large_book(n: usize, per_part: usize) -> Book {
    let book = Book {
        dir: tempfile::tempdir().expect("temp dir"),
    };
    let mut t = Text(1);
    book.write(
        "content/handbook.yaml",
        "title: Großes Handbuch\nbase_url: https://example.org/\ndescription: Synthetisch.\npublisher: Test e.V.\n",
    );
    for i in 1..=n {
        let mut md = format!(
            "---\ntitle: Kapitel {i} über {}\nsummary: {}\n---\n\n",
            t.word(),
            t.sentence(8)
        );
        for s in 1..=11 {
            md.push_str(&format!(
                "## Abschnitt {s}: {} und {}\n\n",
                t.word(),
                t.word()
            ));
            for _ in 0..5 {
                md.push_str(&t.sentence(12));
                md.push(' ');
            }
            md.push_str("\n\n");
            for _ in 0..4 {
                md.push_str(&format!("- {}\n", t.sentence(6)));
            }
            md.push('\n');
        }
        if i % 10 == 0 {
            md.push_str(&format!("{{{{ checklist liste{} }}}}\n", i / 10 % 20));
        }
        let folder = match (i - 1).checked_div(per_part) {
            None => String::new(),
            Some(before) => {
                let part = before + 1;
                if (i - 1) % per_part == 0 {
                    book.write(
                        &format!("content/chapters/t{part:03}/_teil.md"),
                        &format!(
                            "---\ntitle: Teil über {}\n---\n\n{}\n",
                            t.word(),
                            t.sentence(9)
                        ),
                    );
                }
                format!("t{part:03}/")
            }
        };
        book.write(&format!("content/chapters/{folder}k{i:05}.md"), &md);
    }
    for c in 0..20 {
        let mut yaml = format!("kind: checklist\ntitle: Checkliste {c}\nphases:\n");
        for p in 0..4 {
            yaml.push_str(&format!(
                "  - id: phase-{p}\n    title: Phase {p}\n    points:\n"
            ));
            for q in 0..5 {
                yaml.push_str(&format!(
                    "      - id: punkt-{p}-{q}\n        text: {}\n",
                    t.sentence(7)
                ));
            }
        }
        book.write(&format!("content/data/liste{c}.yaml"), &yaml);
    }
    book
}

fn gzip_len(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes).expect("gzip");
    e.finish().expect("gzip").len()
}

/// The files the service worker precaches, as paths in the output folder.
fn precached(files: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let sw = String::from_utf8_lossy(&files["sw.js"]).into_owned();
    let list = sw
        .split("const FILES = ")
        .nth(1)
        .and_then(|rest| rest.split(";\n").next())
        .expect("FILES in sw.js");
    let urls: Vec<String> = serde_json::from_str(list).expect("a list of addresses");
    urls.iter()
        .map(|u| {
            let p = u.trim_start_matches('/');
            if p.is_empty() || p.ends_with('/') {
                format!("{p}index.html")
            } else {
                p.to_string()
            }
        })
        .collect()
}

/// What a first visit of a chapter downloads, compressed: the page, its stylesheet, script and
/// icon, the web app manifest, the service worker and everything it precaches (fetched anew).
fn first_visit(files: &BTreeMap<String, Vec<u8>>, page: &str) -> usize {
    let html = String::from_utf8_lossy(&files[page]).into_owned();
    let linked: usize = files
        .iter()
        .filter(|(p, _)| p.starts_with("assets/") && html.contains(p.as_str()))
        .map(|(_, b)| gzip_len(b))
        .sum();
    let precache: usize = precached(files).iter().map(|p| gzip_len(&files[p])).sum();
    gzip_len(&files[page]) + linked + gzip_len(&files["sw.js"]) + precache
}

#[test]
fn a_large_handbook_precaches_its_shell_and_keeps_what_the_reader_opens() {
    let book = large_book(1000, 0);
    build(&book);
    let public = book.path().join("public");
    let files = snapshot(&public);
    let precache = precached(&files);
    assert!(
        precache.contains(&"index.html".to_string())
            && precache.contains(&"k00010/index.html".to_string())
            && precache.iter().any(|p| p.starts_with("assets/handbook.")),
        "the start page, a chapter with a checklist and the script are precached: {precache:?}"
    );
    assert!(
        !precache.contains(&"k00002/index.html".to_string())
            && !precache.iter().any(|p| p.starts_with("search/")),
        "chapters without checklists and the search index wait until they are used"
    );
    let visit = first_visit(&files, "k00002/index.html");
    assert!(
        visit <= 2 << 20,
        "a first visit downloads {visit} bytes compressed"
    );
    let list: serde_json::Value =
        serde_json::from_slice(&files["offline.json"]).expect("offline.json");
    assert_eq!(
        list["files"].as_array().map(Vec::len),
        Some(files.len() - 5),
        "every file is listed but the sitemap, robots.txt, the web app manifest (precached), the service worker and the list"
    );

    if !browser::available() {
        return;
    }
    let server = StaticServer::start(public.clone());
    let port = server.port;
    let url = |p: &str| format!("http://127.0.0.1:{port}{p}");
    let driver = Driver::start();
    let s = driver.session(Options::js());
    s.goto(&url("/k00002/"));
    worker_ready(&s);
    // Opened while the worker runs: kept.
    s.goto(&url("/k00003/"));
    s.wait_until(
        "the opened page is kept",
        "return caches.keys().then(keys => Promise.all(keys.map(k => caches.open(k).then(c => c.match(location.href))))).then(hits => hits.some(Boolean))",
    );
    s.goto(&url("/"));
    s.wait_until(
        "the start page offers to keep the book",
        "const b = document.querySelector('.offline-keep'); return !!b && !b.hidden",
    );
    let label = s.text("[data-offline=pages]");
    assert!(
        label.starts_with("Nur die Kapitel offline speichern (") && label.ends_with(" MB)"),
        "{label}"
    );

    browser::stop(server);
    s.goto(&url("/k00003/"));
    assert!(
        s.text("h1").starts_with("Kapitel 3 "),
        "an opened page offline"
    );
    s.goto(&url("/k00020/"));
    assert!(
        s.text("h1").starts_with("Kapitel 20 "),
        "a page with a checklist offline"
    );
    s.goto(&url("/k00501/"));
    assert_eq!(
        s.text("h1"),
        "Diese Seite ist offline nicht gespeichert",
        "a page never opened says so"
    );

    // Keeping the chapters: afterwards every chapter opens offline.
    let server = StaticServer::start_on(public, port);
    s.goto(&url("/"));
    s.wait_until(
        "the keep buttons show",
        "const b = document.querySelector('[data-offline=pages]'); return !!b && !b.hidden && !b.disabled",
    );
    s.click("[data-offline=pages]");
    s.wait_until_for(
        "the chapters are kept",
        "return document.querySelector('.offline-status').textContent.startsWith('Alle Kapitel sind')",
        std::time::Duration::from_secs(120),
    );
    browser::stop(server);
    s.goto(&url("/k00501/"));
    assert!(
        s.text("h1").starts_with("Kapitel 501 "),
        "a kept chapter offline"
    );
}

#[test]
fn a_part_is_kept_offline_from_its_page() {
    if !browser::available() {
        return;
    }
    let book = large_book(1000, 100);
    build(&book);
    let public = book.path().join("public");
    let server = StaticServer::start(public.clone());
    let port = server.port;
    let url = |p: &str| format!("http://127.0.0.1:{port}{p}");
    let driver = Driver::start();
    let s = driver.session(Options::js());
    s.goto(&url("/t003/"));
    worker_ready(&s);
    s.goto(&url("/t003/"));
    s.wait_until(
        "the part's page offers to keep it",
        "const b = document.querySelector('[data-offline=part]'); return !!b && !b.hidden && !b.disabled && !b.closest('.offline-keep').hidden",
    );
    s.click("[data-offline=part]");
    s.wait_until_for(
        "the part is kept",
        "return document.querySelector('.offline-status').textContent === 'Dieser Teil ist auf diesem Gerät offline gespeichert.'",
        std::time::Duration::from_secs(120),
    );
    browser::stop(server);
    s.goto(&url("/t003/k00251/"));
    assert!(
        s.text("h1").starts_with("Kapitel 251 "),
        "a chapter of the kept part, never opened, offline"
    );
    s.goto(&url("/drucken/t003/"));
    assert!(
        s.text("body").contains("Kapitel 299 "),
        "the part's print page offline"
    );
    s.goto(&url("/t004/k00351/"));
    assert_eq!(
        s.text("h1"),
        "Diese Seite ist offline nicht gespeichert",
        "a chapter of another part stays unkept"
    );
}

fn worker_ready(s: &Session) {
    s.wait_until(
        "the service worker has precached the shell",
        "return navigator.serviceWorker.ready.then(r => !!r.active && !!navigator.serviceWorker.controller)",
    );
}
