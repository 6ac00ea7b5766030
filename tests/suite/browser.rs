//! Everything that runs in the page, in Debian's headless Chromium: checklists that remember,
//! storage trouble, JavaScript off. The site is the repository's own handbook, built by the real
//! binary and served with the production headers (netlify.toml), so CSP problems fail too.

use crate::common::browser::{self, Driver, Options, Session, StaticServer};
use crate::common::{Book, stderr};
use serde_json::{Value, json};

pub(crate) const PLAN: &str = "veranstaltungsplanung";
/// Where the first release kept this checklist's ticks.
pub(crate) const KEY: &str = "handbook:/:veranstaltungsplanung";
/// Where the plans are kept (storage version 2).
pub(crate) const PLANS_KEY: &str = "handbook-plans:/";

/// The repository's handbook, built and served.
pub(crate) struct Site {
    pub(crate) book: Book,
    pub(crate) server: StaticServer,
}

impl Site {
    fn new() -> Site {
        let book = Book::repo();
        build(&book);
        let server = StaticServer::start(book.path().join("public"));
        Site { book, server }
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.server.url)
    }
}

pub(crate) fn build(book: &Book) {
    let o = book.run(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// The handbook built and served, and a browser driver; `None` when there is no browser.
pub(crate) fn start() -> Option<(Site, Driver)> {
    browser::available().then(|| (Site::new(), Driver::start()))
}

/// The point ids of a checklist, in order, as the YAML gives them.
fn point_ids(book: &Book, checklist: &str) -> Vec<String> {
    let sources = handbook::build::load::load(book.path()).expect("load");
    let (site, _) =
        handbook::build::parse::parse(sources, None, &handbook::fs::Disk).expect("parse");
    site.data[checklist]
        .item_ids()
        .into_iter()
        .map(str::to_string)
        .collect()
}

pub(crate) fn open_plan(s: &Session, site: &Site) {
    s.goto(&site.url("/veranstaltungsplanung/"));
    ready(s);
}

/// Waits until the page's script has run.
pub(crate) fn script_ran(s: &Session) {
    s.wait_until(
        "the page script ran",
        "return document.documentElement.classList.contains('js')",
    );
}

/// Waits until a directory shows its filters.
fn filters_shown(s: &Session) {
    s.wait_until(
        "filters show",
        "return !!document.querySelector('.directory-filters:not([hidden])')",
    );
}

/// Waits until the search box shows.
fn search_shown(s: &Session) {
    s.wait_until(
        "the search box shows",
        "return !document.getElementById('suche').hidden",
    );
}

/// Waits until the checklist script has run.
pub(crate) fn ready(s: &Session) {
    s.wait_until(
        "the checklist tools show",
        "const t = document.querySelector('.checklist-tools'); return !!t && !t.hidden",
    );
}

/// Ticks a point the way a reader does: by clicking its text (the label).
pub(crate) fn tick(s: &Session, point: &str) {
    s.click(&format!("label[for=cb-{PLAN}-{point}]"));
}

pub(crate) fn ticked(s: &Session, point: &str) -> bool {
    s.exec(
        "return document.getElementById(arguments[0]).checked",
        json!([format!("cb-{PLAN}-{point}")]),
    ) == json!(true)
}

pub(crate) fn progress(s: &Session) -> String {
    s.text(&format!("#checkliste-{PLAN} .checklist-progress-text"))
}

/// Everything stored for the handbook's plans.
pub(crate) fn stored_plans(s: &Session) -> Value {
    let raw = s.exec(
        "return localStorage.getItem(arguments[0])",
        json!([PLANS_KEY]),
    );
    raw.as_str().map_or(Value::Null, |r| {
        serde_json::from_str(r).expect("stored JSON")
    })
}

/// The planning checklist's stored entries in the current plan.
pub(crate) fn stored(s: &Session) -> Value {
    let state = stored_plans(s);
    let current = state["current"].as_str().unwrap_or_default().to_string();
    state["plans"][current.as_str()]["lists"][PLAN].clone()
}

pub(crate) fn severe_console(s: &Session) -> Vec<String> {
    s.console()
        .into_iter()
        .filter(|(level, _)| level == "SEVERE")
        .map(|(_, m)| m)
        .collect()
}

#[test]
fn ticks_persist_across_reload_and_tabs() {
    let Some((site, driver)) = start() else {
        return;
    };
    let ids = point_ids(&site.book, PLAN);
    let s = driver.session(Options::js());
    open_plan(&s, &site);
    assert_eq!(progress(&s), "0 von 44 erledigt");
    tick(&s, &ids[0]);
    tick(&s, &ids[5]);
    assert_eq!(progress(&s), "2 von 44 erledigt");
    assert_eq!(stored_plans(&s)["v"], 2);
    let state = stored(&s);
    assert_eq!(
        state[&ids[0]]["done"], true,
        "stored under the point id: {state}"
    );

    s.refresh();
    ready(&s);
    assert!(ticked(&s, &ids[0]) && ticked(&s, &ids[5]) && !ticked(&s, &ids[1]));
    assert_eq!(progress(&s), "2 von 44 erledigt");
    let phase = s.text(&format!(
        "#checkliste-{PLAN} .checklist-phase .phase-progress"
    ));
    assert!(phase.starts_with('1'), "phase progress: {phase}");

    // A second tab sees the ticks, and a tick there shows up in the first tab.
    let first = s.window();
    let second = s.new_tab();
    s.switch_to(&second);
    open_plan(&s, &site);
    assert!(ticked(&s, &ids[0]));
    tick(&s, &ids[7]);
    s.switch_to(&first);
    s.wait_until(
        "the first tab syncs",
        &format!(
            "return document.getElementById('cb-{PLAN}-{}').checked",
            ids[7]
        ),
    );
    assert_eq!(progress(&s), "3 von 44 erledigt");

    // The start page shows the progress and links to the checklist.
    s.goto(&site.url("/"));
    s.wait_until("the overview shows progress", &format!("return document.querySelector('[data-checklist-summary={PLAN}]').textContent.includes('3 von 44')"));
    assert!(severe_console(&s).is_empty(), "{:?}", severe_console(&s));
}

/// Rewrites the planning checklist: a point inserted at the top, one reworded, one moved to
/// the end of another phase, one removed.
fn edit_checklist(book: &Book, ids: &[String], remove: &str, reword: &str, moved: &str) {
    let path = book.path().join("content/data/veranstaltungsplanung.yaml");
    let mut doc: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(&path).expect("read")).expect("yaml");
    let phases = doc["phases"].as_sequence_mut().expect("phases");
    let mut moved_point = None;
    for phase in phases.iter_mut() {
        let points = phase["points"].as_sequence_mut().expect("points");
        if let Some(i) = points.iter().position(|p| p["id"].as_str() == Some(moved)) {
            moved_point = Some(points.remove(i));
        }
        points.retain(|p| p["id"].as_str() != Some(remove));
        for p in points.iter_mut() {
            if p["id"].as_str() == Some(reword) {
                p["text"] = "Ganz neu formuliert: dieser Punkt".into();
            }
        }
    }
    let new_point: serde_yaml::Value =
        serde_yaml::from_str("id: ganz-neuer-punkt\ntext: Ein neuer Punkt am Anfang")
            .expect("yaml");
    phases[0]["points"]
        .as_sequence_mut()
        .expect("points")
        .insert(0, new_point);
    let last = phases.len() - 1;
    phases[last]["points"]
        .as_sequence_mut()
        .expect("points")
        .push(moved_point.expect("moved point"));
    assert!(!ids.is_empty());
    std::fs::write(&path, serde_yaml::to_string(&doc).expect("yaml")).expect("write");
}

#[test]
fn ticks_survive_rewording_inserting_reordering_and_removing_points() {
    let Some((site, driver)) = start() else {
        return;
    };
    let ids = point_ids(&site.book, PLAN);
    let (keep, reword, moved, remove) = (&ids[2], &ids[10], &ids[3], &ids[20]);
    let original = site.book.read("content/data/veranstaltungsplanung.yaml");
    let s = driver.session(Options::js());
    open_plan(&s, &site);
    for p in [keep, reword, moved, remove] {
        tick(&s, p);
    }
    assert_eq!(progress(&s), "4 von 44 erledigt");

    edit_checklist(&site.book, &ids, remove, reword, moved);
    build(&site.book);
    s.refresh();
    ready(&s);
    assert!(
        s.text(&format!("#checkliste-{PLAN}"))
            .contains("Ganz neu formuliert"),
        "the new build is served"
    );
    for p in [keep, reword, moved] {
        assert!(ticked(&s, p), "{p} lost its tick");
    }
    assert!(!ticked(&s, "ganz-neuer-punkt"));
    assert_eq!(s.count(&format!("#cb-{PLAN}-{remove}")), 0);
    assert_eq!(progress(&s), "3 von 44 erledigt");
    assert_eq!(
        stored(&s)[remove.as_str()]["done"],
        true,
        "the removed point's tick is kept in storage"
    );

    // The point comes back: so does its tick.
    site.book
        .write("content/data/veranstaltungsplanung.yaml", &original);
    build(&site.book);
    s.refresh();
    ready(&s);
    assert!(ticked(&s, remove), "the restored point has its tick again");
    assert_eq!(progress(&s), "4 von 44 erledigt");
}

#[test]
fn reset_needs_no_dialog_and_can_be_undone() {
    let Some((site, driver)) = start() else {
        return;
    };
    let ids = point_ids(&site.book, PLAN);
    let s = driver.session(Options::js());
    open_plan(&s, &site);
    tick(&s, &ids[0]);
    tick(&s, &ids[1]);
    s.click(&format!("#checkliste-{PLAN} button[data-action=reset]"));
    assert_eq!(s.alert_text(), None, "no native dialog");
    assert_eq!(progress(&s), "0 von 44 erledigt");
    assert!(!ticked(&s, &ids[0]));
    let message = s.text(&format!("#checkliste-{PLAN} .checklist-message"));
    assert!(message.contains("Rückgängig"), "{message}");
    let undo = format!("#checkliste-{PLAN} button[data-action=undo]");
    assert!(s.displayed(&undo), "undo is offered");
    assert_eq!(
        s.js("return document.activeElement.getAttribute('data-action')"),
        json!("undo"),
        "the focus moves to undo"
    );
    s.click(&undo);
    assert!(ticked(&s, &ids[0]) && ticked(&s, &ids[1]));
    assert_eq!(progress(&s), "2 von 44 erledigt");
    assert!(!s.displayed(&undo), "undo is gone once used");
    s.refresh();
    ready(&s);
    assert_eq!(progress(&s), "2 von 44 erledigt", "the undo was saved");
}

#[test]
fn corrupt_storage_never_breaks_the_page() {
    let Some((site, driver)) = start() else {
        return;
    };
    let ids = point_ids(&site.book, PLAN);
    let s = driver.session(Options::js());
    open_plan(&s, &site);
    s.exec(
        "localStorage.setItem(arguments[0], '{kaputt'); return true",
        json!([KEY]),
    );
    s.refresh();
    ready(&s);
    let message = s.text(&format!("#checkliste-{PLAN} .checklist-message"));
    assert!(
        message.contains("konnten nicht gelesen werden"),
        "{message}"
    );
    tick(&s, &ids[0]);
    assert!(ticked(&s, &ids[0]), "ticking still works");
    assert_eq!(
        s.exec("return localStorage.getItem(arguments[0])", json!([KEY])),
        json!("{kaputt"),
        "unreadable data is left untouched"
    );
    assert!(severe_console(&s).is_empty(), "{:?}", severe_console(&s));
}

#[test]
fn disabled_storage_is_explained_and_the_page_still_works() {
    let Some((site, driver)) = start() else {
        return;
    };
    let ids = point_ids(&site.book, PLAN);
    let s = driver.session(Options {
        storage_blocked: true,
        ..Options::js()
    });
    open_plan(&s, &site);
    assert!(
        s.try_exec("localStorage.length; return true").is_err()
            || s.js(
                "try { localStorage.setItem('x','1'); return false } catch (e) { return true }"
            ) == json!(true),
        "storage is really blocked"
    );
    tick(&s, &ids[0]);
    assert!(ticked(&s, &ids[0]));
    assert_eq!(progress(&s), "1 von 44 erledigt");
    let message = s.text(&format!("#checkliste-{PLAN} .checklist-message"));
    assert!(message.contains("nicht gespeichert werden"), "{message}");
    assert!(severe_console(&s).is_empty(), "{:?}", severe_console(&s));
}

#[test]
fn without_javascript_everything_is_plain_and_complete() {
    let Some((site, driver)) = start() else {
        return;
    };
    let s = driver.session(Options {
        javascript: false,
        ..Options::js()
    });
    s.goto(&site.url("/veranstaltungsplanung/"));
    assert_eq!(s.count("input[type=checkbox][data-point]"), 44);
    assert!(
        !s.displayed(".checklist-tools"),
        "buttons that need JavaScript are hidden"
    );
    assert!(
        !s.displayed("#suche"),
        "the search box is hidden, not broken"
    );
    s.click(".checklist-point label");
    assert!(
        s.selected("input[type=checkbox][data-point]"),
        "a plain checkbox still ticks"
    );
    s.goto(&site.url("/ansprechperson/"));
    let cards = s.count(".directory .card");
    assert!(cards >= 12, "{cards} directory entries");
    assert!(
        !s.displayed(".directory-filters"),
        "filters need JavaScript"
    );
    assert!(s.displayed(".directory .card:last-child"));
}

/// Every page of the built site: the start page, each chapter, the print page, the 404 page.
pub(crate) fn pages(book: &Book) -> Vec<String> {
    let mut pages = vec!["/".to_string(), "/drucken/".into(), "/404.html".into()];
    let sources = handbook::build::load::load(book.path()).expect("load");
    let (site, _) =
        handbook::build::parse::parse(sources, None, &handbook::fs::Disk).expect("parse");
    pages.extend(site.chapters.iter().map(|c| c.url.clone()));
    pages
}

/// Runs axe-core (WCAG 2.0, 2.1 and 2.2 A and AA, and best practices) on the current page;
/// returns the violations.
pub(crate) fn axe(s: &Session) -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/browser/node_modules/axe-core/axe.min.js");
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} — run `npm ci --prefix tests/browser`",
            path.display()
        )
    });
    s.js(&format!("{source}\n;return true"));
    let result = s.js(
        "return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } })\
         .then(r => r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')))",
    );
    result
        .as_array()
        .expect("violations")
        .iter()
        .map(|v| v.as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn every_page_passes_axe_in_light_and_dark() {
    let Some((site, driver)) = start() else {
        return;
    };
    let mut failures = Vec::new();
    for (scheme, dark) in [("light", false), ("dark", true)] {
        // On a desktop and on a phone, where the header and the chapter menu differ.
        for width in [375, 1280] {
            let s = driver.session(Options {
                dark,
                width,
                ..Options::js()
            });
            s.goto(&site.url("/"));
            assert_eq!(
                s.js("return matchMedia('(prefers-color-scheme: dark)').matches"),
                json!(dark),
                "the browser is in {scheme} mode"
            );
            for page in pages(&site.book) {
                s.goto(&site.url(&page));
                script_ran(&s);
                for v in axe(&s) {
                    failures.push(format!("{scheme} {width} px {page}: {v}"));
                }
            }
            if width == 375 {
                s.tap(".chapters-button");
                for v in axe(&s) {
                    failures.push(format!("{scheme} 375 px, chapter menu open: {v}"));
                }
            }
        }
        let s = driver.session(Options {
            dark,
            ..Options::js()
        });
        // The reader's own choice, the other way round, is checked too.
        s.goto(&site.url("/veranstaltungsplanung/"));
        s.click(".theme-toggle");
        let chosen = s.js("return document.documentElement.getAttribute('data-theme')");
        assert_eq!(chosen, json!(if dark { "light" } else { "dark" }));
        s.refresh();
        assert_eq!(
            s.js("return document.documentElement.getAttribute('data-theme')"),
            chosen,
            "the choice is remembered"
        );
        for v in axe(&s) {
            failures.push(format!("{scheme}, toggled: {v}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn axe_catches_a_bad_page() {
    let Some((site, driver)) = start() else {
        return;
    };
    std::fs::write(
        site.book.path().join("public/kaputt.html"),
        "<!doctype html><html><head><title>x</title><link rel=\"stylesheet\" href=\"/kaputt.css\"></head><body><img src=\"a.png\"><input type=\"checkbox\"><p style=\"color:#ccc\">blass</p>\
         <nav><a class=\"winzig\" href=\"#a\">a</a><a class=\"winzig\" href=\"#b\">b</a></nav></body></html>",
    )
    .expect("write");
    // Two tiny links side by side: WCAG 2.2's target size (2.5.8).
    std::fs::write(
        site.book.path().join("public/kaputt.css"),
        ".winzig { display: inline-block; width: 10px; height: 10px; overflow: hidden; }",
    )
    .expect("write");
    let s = driver.session(Options::js());
    s.goto(&site.url("/kaputt.html"));
    let violations = axe(&s);
    for rule in ["html-has-lang", "image-alt", "label", "target-size"] {
        assert!(
            violations.iter().any(|v| v.starts_with(rule)),
            "{rule} not found in {violations:?}"
        );
    }
}

#[test]
fn no_page_breaks_the_content_security_policy() {
    let Some((site, driver)) = start() else {
        return;
    };
    let s = driver.session(Options::js());
    let mut problems = Vec::new();
    for page in pages(&site.book) {
        s.goto(&site.url(&page));
        script_ran(&s);
        // Search fetches its index: that request must pass the CSP too.
        s.click("#suchfeld");
        s.send_keys("#suchfeld", "Eltern");
        s.wait_until(
            "search answers",
            "return !document.getElementById('suchergebnisse').hidden",
        );
        for (level, message) in s.console() {
            if level == "SEVERE" || message.contains("Content Security Policy") {
                problems.push(format!("{page}: {level} {message}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

pub(crate) fn pdf_text(pdf: &[u8]) -> (usize, String) {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("page.pdf");
    std::fs::write(&path, pdf).expect("write");
    let info = std::process::Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo (poppler-utils)");
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("page count");
    let text = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext");
    // Soft hyphens (in German headings) are invisible unless a line breaks at them.
    let text = String::from_utf8_lossy(&text.stdout).replace('\u{ad}', "");
    (pages, text)
}

/// Texts of the screen's navigation and buttons: none may be on paper.
const SCREEN_ONLY: [&str; 8] = [
    "Zum Inhalt springen",
    "Handbuch durchsuchen",
    "Zurücksetzen",
    "Vorhaben verwalten",
    "Details",
    "von 44 erledigt",
    "Ganzes Handbuch drucken",
    "Farbschema",
];

#[test]
fn chapters_and_the_whole_handbook_print_cleanly() {
    let Some((site, driver)) = start() else {
        return;
    };
    let ids = point_ids(&site.book, PLAN);
    let s = driver.session(Options::js());
    open_plan(&s, &site);
    tick(&s, &ids[0]);
    let (pages, text) = pdf_text(&s.print_pdf());
    assert!(
        (3..=14).contains(&pages),
        "the planning chapter prints on {pages} pages"
    );
    assert!(text.contains("Veranstaltungsplanung"), "{text}");
    assert!(
        text.contains("Im Vorfeld") && text.contains("Nach der Veranstaltung"),
        "all phases print"
    );
    assert!(text.contains("Stand der Häkchen"), "the date line prints");
    for nav in SCREEN_ONLY {
        assert!(!text.contains(nav), "the printed chapter shows “{nav}”");
        assert!(
            !text
                .lines()
                .any(|l| ["Weiter", "Zurück", "Auf dieser Seite", "Kapitel"].contains(&l.trim())),
            "the pager, the page's contents or the chapter list print"
        );
    }
    assert!(
        !text.contains("Welche Rolle können MSO einnehmen?"),
        "the chapter list does not print"
    );

    s.goto(&site.url("/drucken/"));
    script_ran(&s);
    let (pages, text) = pdf_text(&s.print_pdf());
    assert!(
        (25..=150).contains(&pages),
        "the whole handbook prints on {pages} pages"
    );
    let sources = handbook::build::load::load(site.book.path()).expect("load");
    let (parsed, _) =
        handbook::build::parse::parse(sources, None, &handbook::fs::Disk).expect("parse");
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for c in &parsed.chapters {
        assert!(
            flat.contains(&c.title),
            "the print page lacks the chapter “{}”",
            c.title
        );
    }
    for nav in SCREEN_ONLY {
        assert!(!flat.contains(nav), "the printed handbook shows “{nav}”");
    }
    assert!(
        !text.lines().any(|l| l.trim() == "Auf dieser Seite"),
        "the page's contents print"
    );
    assert!(
        flat.contains("Kurt-Schumacher-Str.") || flat.contains("Telefon"),
        "data lists print"
    );
    assert_eq!(
        flat.matches("Stand der Häkchen").count(),
        5,
        "every checklist prints as a form"
    );
}

#[test]
fn after_one_visit_the_handbook_works_offline_and_new_builds_replace_the_cache() {
    if !browser::available() {
        return;
    }
    let book = Book::repo();
    build(&book);
    let public = book.path().join("public");
    let server = StaticServer::start(public.clone());
    let port = server.port;
    let url = |p: &str| format!("http://127.0.0.1:{port}{p}");
    let files_in_sw = |public: &std::path::Path| {
        let sw = std::fs::read_to_string(public.join("sw.js")).expect("sw.js");
        let version = sw
            .split("const VERSION = \"")
            .nth(1)
            .and_then(|v| v.split('"').next())
            .expect("version")
            .to_string();
        (version, sw.matches("\",\"").count() + 1)
    };
    let (version, files) = files_in_sw(&public);
    let driver = Driver::start();
    let s = driver.session(Options::js());
    s.goto(&url("/"));
    let cached = format!(
        "return navigator.serviceWorker.ready.then(() => caches.keys()).then(keys => keys.length === 1 && keys[0].endsWith(':{version}') ? caches.open(keys[0]).then(c => c.keys()).then(r => r.length >= {files}) : false)"
    );
    s.wait_until("the service worker has cached the build", &cached);

    browser::stop(server);
    let sources = handbook::build::load::load(book.path()).expect("load");
    let (parsed, _) =
        handbook::build::parse::parse(sources, None, &handbook::fs::Disk).expect("parse");
    for c in &parsed.chapters {
        s.goto(&url(&c.url));
        assert_eq!(s.text("h1"), c.title, "{} offline", c.url);
    }
    s.goto(&url("/suche-gibt-es-nicht/"));
    assert!(
        s.text("h1").contains("gibt es nicht"),
        "the 404 page offline"
    );
    open_plan_at(&s, &url("/veranstaltungsplanung/"));
    let ids = point_ids(&book, PLAN);
    tick(&s, &ids[3]);
    s.refresh();
    open_plan_at(&s, &url("/veranstaltungsplanung/"));
    assert!(ticked(&s, &ids[3]), "a checklist still saves offline");

    // A new deploy: on the next visit the new build is served and replaces the cache.
    book.edit(
        "content/chapters/03-rollen.md",
        "title: Welche Rolle können MSO einnehmen?",
        "title: Rollen – neue Ausgabe",
    );
    build(&book);
    let (new_version, _) = files_in_sw(&public);
    assert_ne!(new_version, version);
    let server = StaticServer::start_on(public.clone(), port);
    s.goto(&url("/rollen/"));
    assert_eq!(
        s.text("h1"),
        "Rollen – neue Ausgabe",
        "online, the new page is shown at once"
    );
    s.goto(&url("/"));
    let replaced = format!(
        "return navigator.serviceWorker.getRegistration().then(r => r && r.update()).then(() => caches.keys()).then(keys => keys.length === 1 && keys[0].endsWith(':{new_version}'))"
    );
    s.wait_until("the new build replaced the cache", &replaced);
    browser::stop(server);
    s.goto(&url("/rollen/"));
    assert_eq!(
        s.text("h1"),
        "Rollen – neue Ausgabe",
        "offline, the new build is served"
    );
    s.goto(&url("/einleitung/"));
    assert_eq!(s.text("h1"), "Einleitung");
    assert!(
        ticked_after_open(&s, &url("/veranstaltungsplanung/"), &ids[3]),
        "ticks survive the new deploy"
    );
}

fn open_plan_at(s: &Session, url: &str) {
    s.goto(url);
    ready(s);
}

fn ticked_after_open(s: &Session, url: &str, point: &str) -> bool {
    open_plan_at(s, url);
    ticked(s, point)
}

/// The search results' titles and texts, as shown.
fn results(s: &Session) -> Vec<String> {
    s.js("return Array.from(document.querySelectorAll('#suchergebnisse [role=option]')).map(o => o.textContent)")
        .as_array()
        .expect("results")
        .iter()
        .map(|v| v.as_str().unwrap_or("").to_string())
        .collect()
}

fn search(s: &Session, query: &str) -> Vec<String> {
    s.exec("const q = document.getElementById('suchfeld'); q.value = ''; q.dispatchEvent(new Event('input')); return true", json!([]));
    s.wait_until(
        "the results clear",
        "return document.getElementById('suchergebnisse').hidden",
    );
    s.send_keys("#suchfeld", query);
    s.wait_until(
        &format!("results for {query}"),
        "const l = document.getElementById('suchergebnisse'); return !l.hidden && l.querySelectorAll('[role=option]').length > 0",
    );
    results(s)
}

#[test]
fn search_is_german_aware_and_keyboard_driven() {
    let Some((site, driver)) = start() else {
        return;
    };
    let s = driver.session(Options::js());
    s.goto(&site.url("/einleitung/"));
    search_shown(&s);
    let fetched =
        "return performance.getEntriesByType('resource').some(r => r.name.includes('/search/'))";
    assert_eq!(
        s.js(fetched),
        json!(false),
        "the index is not loaded with the page"
    );
    s.press("/");
    assert_eq!(
        s.js("return document.activeElement.id"),
        json!("suchfeld"),
        "`/` focuses the search box"
    );

    // Umlauts and ß folded both ways; words found inside compounds; every hit marked.
    let hits = search(&s, "fuer");
    assert!(
        hits.iter().any(|h| h.contains("für") || h.contains("Für")),
        "{hits:?}"
    );
    assert!(
        s.count("#suchergebnisse mark") > 0,
        "matches are highlighted"
    );
    let hits = search(&s, "agentur");
    assert!(
        hits.iter().any(|h| h.contains("Integrationsagenturen")),
        "{hits:?}"
    );
    let hits = search(&s, "Muensterstr");
    assert!(hits.iter().any(|h| h.contains("Münsterstr")), "{hits:?}");
    let hits = search(&s, "Elternnetzwerk nrw");
    assert!(
        hits[0].contains("Elternnetzwerk"),
        "all words must match, titles first: {hits:?}"
    );
    let hits = search(&s, "nachhaltigkeit");
    assert!(
        hits[0].starts_with("Nachhaltigkeit"),
        "a title match ranks first: {hits:?}"
    );
    let status = s.text("#suchstatus");
    assert!(
        status.contains("Treffer") || status.contains("Ergebnis"),
        "the count is announced: {status}"
    );

    // Arrow keys and Enter open a result; Escape closes the list.
    s.press("\u{E015}");
    let target = s.js("return document.querySelector('#suchergebnisse [aria-selected=true]').getAttribute('href')");
    let target = target.as_str().expect("a selected result").to_string();
    s.press("\u{E007}");
    s.wait_until(
        "the result opens",
        &format!(
            "return location.href.endsWith({})",
            json!(
                target
                    .rsplit("127.0.0.1")
                    .next()
                    .unwrap_or(&target)
                    .split_once('/')
                    .map_or(String::new(), |(_, p)| format!("/{p}"))
            )
        ),
    );
    search_shown(&s);
    search(&s, "eltern");
    s.press("\u{E00C}");
    s.wait_until(
        "Escape closes the results",
        "return document.getElementById('suchergebnisse').hidden",
    );
    assert_eq!(s.js(fetched), json!(true));
    let none = s.exec("const q = document.getElementById('suchfeld'); q.value = 'xyzzyquux'; q.dispatchEvent(new Event('input')); return new Promise(r => setTimeout(() => r(document.getElementById('suchstatus').textContent), 400))", json!([]));
    assert!(
        none.as_str().is_some_and(|t| t.contains("Keine")),
        "no result is said: {none}"
    );
}

#[test]
fn search_shows_each_organisation_once_and_the_number_of_hits() {
    let Some((site, driver)) = start() else {
        return;
    };
    let s = driver.session(Options::js());
    s.goto(&site.url("/einleitung/"));
    search_shown(&s);
    // The index holds the organisation twice: in its directory and in the link list.
    let entries: Vec<Value> = crate::common::snapshot(&site.book.path().join("public/search/c"))
        .values()
        .flat_map(|chunk| serde_json::from_slice::<Vec<Value>>(chunk).expect("a chunk of entries"))
        .collect();
    let twice = entries
        .iter()
        .filter(|d| {
            d[0].as_str()
                .is_some_and(|t| t.starts_with("Elternnetzwerk NRW"))
        })
        .count();
    assert_eq!(twice, 2, "the index lists the organisation in two places");

    let hits = search(&s, "Elternnetzwerk NRW");
    let shown = hits
        .iter()
        .filter(|h| h.starts_with("Elternnetzwerk NRW"))
        .count();
    assert_eq!(shown, 1, "shown once: {hits:?}");
    assert!(
        hits[0].contains("auch in: Interessante Links"),
        "the other list is named: {hits:?}"
    );
    let count = |s: &Session| {
        s.wait_until(
            "the count shows",
            "const st = document.getElementById('suchstatus'); return st.className === 'search-count' && st.getBoundingClientRect().height > 10",
        );
        assert!(s.displayed("#suchstatus"), "the number of hits is visible");
        s.text("#suchstatus")
    };
    assert_eq!(count(&s), format!("{} Treffer", hits.len()));

    // Two entries of one list with the same address stay apart; the link list's is left out.
    let hits = search(&s, "Integrationszentren");
    let titles: Vec<&str> = hits
        .iter()
        .filter(|h| h.contains("Kommunale Integrationszentren") && !h.starts_with("Wie "))
        .map(String::as_str)
        .collect();
    assert_eq!(
        titles.len(),
        2,
        "the centres and their coordination office, not the link: {hits:?}"
    );
    assert!(
        !hits
            .iter()
            .any(|h| h.starts_with("Kommunale Integrationszentren NRW")),
        "{hits:?}"
    );
    assert_eq!(count(&s), format!("{} Treffer", hits.len()));

    // More hits than shown: the count says so.
    let hits = search(&s, "MSO");
    assert_eq!(hits.len(), 10);
    let text = count(&s);
    let total: usize = text
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        total > 10 && text.ends_with("die ersten 10 sind aufgeführt"),
        "{text}"
    );
    // Closing the list hides the count too.
    s.press("\u{E00C}");
    s.wait_until(
        "Escape closes the results",
        "return document.getElementById('suchergebnisse').hidden",
    );
    assert_eq!(
        s.js("return document.getElementById('suchstatus').getBoundingClientRect().height <= 1"),
        json!(true),
        "the count goes with the list (it stays for screen readers only)"
    );
}

/// The ids of the directory entries on screen.
const VISIBLE_CARDS: &str = "return Array.from(document.querySelectorAll('.directory .card')).filter(c => c.offsetParent !== null).map(c => c.id)";

fn visible_cards(s: &Session) -> Vec<String> {
    serde_json::from_value(s.js(VISIBLE_CARDS)).expect("ids")
}

/// The page's directory count line once it reads `expected`.
fn count_reads(s: &Session, expected: &str) {
    s.wait_until(
        &format!("the count reads “{expected}”"),
        &format!(
            "return document.querySelector('.directory-count').textContent === {}",
            json!(expected)
        ),
    );
}

/// Picks an option of a filter choice, as a reader does with the keyboard.
fn choose(s: &Session, key: &str, value: &str) {
    s.exec(
        "const c = document.querySelector('select[data-filter=' + arguments[0] + ']'); c.value = arguments[1]; c.dispatchEvent(new Event('change', { bubbles: true })); return c.value",
        json!([key, value]),
    );
}

#[test]
fn one_filter_covers_every_directory_list_of_a_chapter() {
    let Some((site, driver)) = start() else {
        return;
    };
    let s = driver.session(Options::js());
    s.goto(&site.url("/ansprechperson/"));
    filters_shown(&s);
    let lists = s.count(".directory");
    assert!(
        lists >= 3,
        "{lists} lists: municipal offices, federal, state"
    );
    assert_eq!(
        s.count(".directory-filters:not([hidden])"),
        1,
        "one filter for all lists of the page"
    );
    let total = s.count(".directory .card");
    let suffix = format!("in {lists} Listen auf dieser Seite");
    count_reads(&s, &format!("{total} Einträge {suffix}"));

    // Typing a word filters every list; the count covers them all.
    s.send_keys("#filter-suche", "Eltern");
    let expected: Vec<String> = serde_json::from_value(s.js(
        "return Array.from(document.querySelectorAll('.directory .card')).filter(c => c.textContent.toLowerCase().includes('eltern')).map(c => c.id)",
    ))
    .expect("ids");
    assert!(
        expected.contains(&"dachverbaende-elternnetzwerk-nrw".to_string()),
        "{expected:?}"
    );
    count_reads(
        &s,
        &format!("{} von {total} Einträgen {suffix}", expected.len()),
    );
    assert_eq!(
        visible_cards(&s),
        expected,
        "only entries with the word show"
    );
    let notes: Vec<String> = serde_json::from_value(s.js(
        "return Array.from(document.querySelectorAll('.directory-note')).filter(n => !n.hidden).map(n => n.textContent)",
    ))
    .expect("notes");
    assert_eq!(
        notes.len(),
        lists - 1,
        "every further list says it is filtered"
    );
    assert!(
        notes.iter().all(|n| n.contains("Filter ändern")),
        "{notes:?}"
    );
    assert!(
        notes.iter().any(|n| n.contains("Kein Eintrag")),
        "the federal list says none of its entries fits: {notes:?}"
    );

    // The level is a choice of the same filter.
    s.exec("const q = document.getElementById('filter-suche'); q.value = ''; q.dispatchEvent(new Event('input', { bubbles: true })); return true", json!([]));
    count_reads(&s, &format!("{total} Einträge {suffix}"));
    assert_eq!(
        s.count(".directory-note:not([hidden])"),
        0,
        "no note without a filter"
    );
    choose(&s, "ebene", "land");
    let state: Vec<String> = serde_json::from_value(s.js(
        "return Array.from(document.querySelectorAll('.directory .card[data-level=land]')).map(c => c.id)",
    ))
    .expect("ids");
    assert!(state.len() >= 2, "{state:?}");
    count_reads(
        &s,
        &format!("{} von {total} Einträgen {suffix}", state.len()),
    );
    assert_eq!(visible_cards(&s), state);
    choose(&s, "ebene", "bund");
    let shown = visible_cards(&s);
    assert!(
        shown.len() >= 5 && shown.iter().all(|id| id.starts_with("dachverbaende-")),
        "{shown:?}"
    );
    assert!(s.js("return location.search").as_str() == Some("?ebene=bund"));

    // The level, kind and fields are plain text on the cards, not button-like tags.
    let looks = s.js(
        "return Array.from(document.querySelectorAll('.card-meta, .card-meta .tag')).map(t => { const st = getComputedStyle(t); return [st.borderTopStyle, st.backgroundColor, st.cursor].join(' '); })",
    );
    for l in looks.as_array().expect("styles") {
        assert_eq!(
            l.as_str(),
            Some("none rgba(0, 0, 0, 0) auto"),
            "a tag styled like a control"
        );
    }
    // Each field of work offered is written on the cards it picks.
    let offered: Vec<String> = serde_json::from_value(s.js(
        "return Array.from(document.querySelectorAll('select[data-filter=thema] option')).map(o => o.value).filter(Boolean)",
    ))
    .expect("fields");
    assert!(offered.contains(&"Elternarbeit".to_string()), "{offered:?}");
    choose(&s, "ebene", "");
    for field in &offered {
        choose(&s, "thema", field);
        let texts: Vec<String> = serde_json::from_value(s.js(
            "return Array.from(document.querySelectorAll('.directory .card')).filter(c => c.offsetParent !== null).map(c => c.querySelector('.card-fields').textContent)",
        ))
        .expect("texts");
        assert!(!texts.is_empty(), "{field} picks nothing");
        assert!(
            texts.iter().all(|t| t.contains(field.as_str())),
            "{field}: {texts:?}"
        );
    }
}

#[test]
fn directory_filters_live_in_the_address() {
    let Some((site, driver)) = start() else {
        return;
    };
    let s = driver.session(Options::js());
    s.goto(&site.url("/ansprechperson/"));
    filters_shown(&s);
    let all = visible_cards(&s).len();
    assert!(all >= 12, "{all} cards");

    // A shared link with a filter opens filtered, in every list of the page.
    s.goto(&site.url("/ansprechperson/?thema=Elternarbeit"));
    filters_shown(&s);
    let shown = visible_cards(&s);
    assert!(
        shown.contains(&"dachverbaende-elternnetzwerk-nrw".to_string())
            && shown.contains(&"kommunale-infrastruktur-kommunale-integrationszentren".to_string())
            && shown.len() < all,
        "{shown:?}"
    );
    assert_eq!(
        s.js("return document.querySelector('select[data-filter=thema]').value"),
        json!("Elternarbeit")
    );
    // A choice the page does not offer is ignored.
    s.goto(&site.url("/ansprechperson/?thema=Gibt-es-nicht"));
    filters_shown(&s);
    assert_eq!(visible_cards(&s).len(), all);

    // Typing into the text filter updates the address; a reload keeps the state.
    s.goto(&site.url("/ansprechperson/"));
    filters_shown(&s);
    s.send_keys(".directory-filters input[data-filter=suche]", "eltern");
    s.wait_until(
        "the address has the filter",
        "return location.search.includes('suche=eltern')",
    );
    let filtered = visible_cards(&s);
    assert!(!filtered.is_empty() && filtered.len() < all, "{filtered:?}");
    s.refresh();
    filters_shown(&s);
    assert_eq!(visible_cards(&s), filtered);
    assert_eq!(
        s.js("return document.querySelector('.directory-filters input[data-filter=suche]').value"),
        json!("eltern")
    );
}

#[test]
fn a_checklist_works_with_the_keyboard_alone() {
    let Some((site, driver)) = start() else {
        return;
    };
    let ids = point_ids(&site.book, PLAN);
    let s = driver.session(Options::js());
    open_plan(&s, &site);
    let on_checkbox = "const a = document.activeElement; return a && a.matches('input[type=checkbox][data-point]') ? a.getAttribute('data-point') : null";
    let mut reached = None;
    for _ in 0..120 {
        s.press("\u{E004}");
        if let Some(id) = s.js(on_checkbox).as_str() {
            reached = Some(id.to_string());
            break;
        }
    }
    let reached = reached.expect("Tab reaches the checklist");
    assert_eq!(
        reached, ids[0],
        "the first point is the first checkbox in tab order"
    );
    let focus = s.js("const st = getComputedStyle(document.activeElement); return st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) >= 2");
    assert_eq!(focus, json!(true), "the focus is visible");
    s.press(" ");
    assert!(ticked(&s, &ids[0]), "Space ticks");
    assert_eq!(progress(&s), "1 von 44 erledigt");
    assert_eq!(
        s.js(&format!("return document.querySelector('#checkliste-{PLAN} .checklist-progress-text').getAttribute('aria-live')")),
        json!("polite"),
        "the progress is announced"
    );
    s.refresh();
    ready(&s);
    assert!(ticked(&s, &ids[0]), "the keyboard tick was saved");
}
