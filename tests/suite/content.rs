//! The repository's own handbook: it builds with no warning, and its shape is as the brochure's,
//! so an accidental deletion fails CI.

use crate::common::{Book, stderr, stdout};
use handbook::model::data::Body;

fn site() -> handbook::model::site::Site {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let sources = handbook::build::load::load(root).expect("content loads");
    let (site, warnings) =
        handbook::build::parse::parse(sources, None, &handbook::fs::Disk).expect("content parses");
    assert!(warnings.is_empty(), "{warnings:?}");
    site
}

#[test]
fn the_handbook_builds_without_warnings() {
    let book = Book::repo();
    let o = book.run(&["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "", "warnings or errors");
    assert!(
        stdout(&o).starts_with("Gebaut: 14 Kapitel, 12 Listen, 0 Warnungen"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn chapters_in_the_brochures_order() {
    let site = site();
    let titles: Vec<&str> = site.chapters.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles.len(), 14, "{titles:?}");
    assert_eq!(titles[0], "Vorwort");
    assert_eq!(titles[9], "Veranstaltungsplanung");
    for c in &site.chapters {
        assert!(c.summary.is_some(), "{} has no summary", c.file);
    }
}

fn data<'a>(
    site: &'a handbook::model::site::Site,
    id: &str,
) -> &'a handbook::model::data::DataFile {
    site.data
        .get(id)
        .unwrap_or_else(|| panic!("content/data/{id}.yaml missing"))
}

#[test]
fn event_planning_has_ten_phases_and_44_points() {
    let site = site();
    let Body::Checklist(phases) = &data(&site, "veranstaltungsplanung").body else {
        panic!("veranstaltungsplanung is not a checklist")
    };
    assert_eq!(phases.len(), 10);
    assert_eq!(phases.iter().map(|p| p.points.len()).sum::<usize>(), 44);
    let titles: Vec<&str> = phases.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(titles[0], "Im Vorfeld");
    assert_eq!(titles[9], "Nach der Veranstaltung");
}

#[test]
fn every_checklist_and_list_is_complete() {
    let site = site();
    let points = |id: &str| data(&site, id).item_ids().len();
    assert_eq!(points("selbstcheck"), 6);
    assert_eq!(points("auswahlkriterien"), 9);
    assert_eq!(points("erstgespraech"), 4);
    assert_eq!(points("nachhaltigkeit"), 14);
    assert_eq!(points("argumente"), 6);
    assert_eq!(points("formate"), 6);
    assert_eq!(points("rollen"), 4);
    assert_eq!(points("standorte"), 7);
    assert_eq!(points("links"), 21);
    assert_eq!(points("kommunale-infrastruktur"), 3);
    match &data(&site, "dachverbaende").body {
        Body::Organisations(items) => {
            let bund = items
                .iter()
                .filter(|i| i.level == handbook::model::data::Level::Bund)
                .count();
            assert_eq!((bund, items.len() - bund), (7, 2));
        }
        _ => panic!("dachverbaende is not a list of organisations"),
    }
    match &data(&site, "argumente").body {
        Body::List(items) => assert!(
            items.iter().all(|i| !i.examples.is_empty()),
            "every argument has sample sentences"
        ),
        _ => panic!("argumente is not a list"),
    }
}

#[test]
fn the_planning_page_has_44_labelled_checkboxes() {
    let book = Book::repo();
    assert!(book.run(&["build"]).status.success());
    let page = book.read("public/veranstaltungsplanung/index.html");
    assert_eq!(page.matches("type=\"checkbox\"").count(), 44);
    assert_eq!(
        page.matches("<label for=\"cb-veranstaltungsplanung-")
            .count(),
        44
    );
    assert_eq!(page.matches("<fieldset").count(), 10);
}

/// Every `href`/`src` value in an HTML text.
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            out.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    out
}

/// Built under a sub-path, every internal link and anchor of every page resolves.
#[test]
fn no_broken_link_under_a_sub_path() {
    let book = Book::repo();
    let o = book.run(&["build", "--base-url", "https://example.org/handbuch/"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = book.path().join("public");
    let files = crate::common::snapshot(&out);
    let mut broken = Vec::new();
    let mut checked = 0;
    for (page, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for link in links(&html) {
            if link.starts_with("https://")
                || link.starts_with("http://")
                || link.starts_with("mailto:")
                || link.starts_with("tel:")
            {
                continue;
            }
            checked += 1;
            let (path, anchor) = link
                .split_once('#')
                .map_or((link.as_str(), None), |(p, a)| (p, Some(a)));
            let target = if path.is_empty() {
                page.clone()
            } else if let Some(rest) = path.strip_prefix("/handbuch/") {
                if rest.is_empty() || rest.ends_with('/') {
                    format!("{rest}index.html")
                } else {
                    rest.to_string()
                }
            } else {
                broken.push(format!("{page}: {link} is not below /handbuch/"));
                continue;
            };
            let Some(target_bytes) = files.get(&target) else {
                broken.push(format!("{page}: {link} -> {target} does not exist"));
                continue;
            };
            if let Some(anchor) = anchor.filter(|a| !a.is_empty()) {
                let text = String::from_utf8_lossy(target_bytes);
                if !text.contains(&format!(" id=\"{anchor}\"")) {
                    broken.push(format!("{page}: {link} -> no id {anchor} in {target}"));
                }
            }
        }
    }
    assert!(checked > 500, "only {checked} links checked");
    assert!(
        broken.is_empty(),
        "{} broken:\n{}",
        broken.len(),
        broken.join("\n")
    );
    let sw = String::from_utf8_lossy(&files["sw.js"]).into_owned();
    assert!(
        sw.contains("const BASE = \"/handbuch/\";") && sw.contains("\"/handbuch/einleitung/\""),
        "the service worker knows the sub-path"
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&files["manifest.webmanifest"]).expect("manifest");
    assert_eq!(manifest["start_url"], "/handbuch/");
}

fn gzip_len(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes).expect("gzip");
    e.finish().expect("gzip").len()
}

/// The first visit of any chapter — its HTML, the stylesheet and the script, compressed —
/// stays under 30 KB; the search index is fetched only when the reader searches, and only what
/// a search needs of it.
#[test]
fn first_visit_weight_stays_under_30_kb() {
    let book = Book::repo();
    assert!(book.run(&["build"]).status.success());
    let files = crate::common::snapshot(&book.path().join("public"));
    let asset = |prefix: &str| {
        files
            .iter()
            .find(|(p, _)| p.starts_with(prefix))
            .map(|(_, b)| gzip_len(b))
            .expect(prefix)
    };
    let shared = asset("assets/style.") + asset("assets/handbook.");
    for (page, bytes) in files
        .iter()
        .filter(|(p, _)| p.ends_with("/index.html") && !p.starts_with("drucken/"))
    {
        let total = gzip_len(bytes) + shared;
        assert!(total < 30 * 1024, "{page}: {total} bytes on first visit");
        let html = String::from_utf8_lossy(bytes);
        assert!(
            !html.contains("search.") || !html.contains("rel=\"preload\""),
            "the search index is not preloaded"
        );
    }
    // A first search fetches the manifest, a bucket for the word and the chunks of the hits
    // shown (at most ten): even the largest of each stays under 40 KB compressed.
    let largest = |prefix: &str, n: usize| {
        let mut sizes: Vec<usize> = files
            .iter()
            .filter(|(p, _)| p.starts_with(prefix))
            .map(|(_, b)| gzip_len(b))
            .collect();
        sizes.sort_unstable();
        sizes.iter().rev().take(n).sum::<usize>()
    };
    let first_search = asset("search/index.json")
        + largest("search/g/", 1).max(largest("search/s/", 1))
        + largest("search/c/", 10);
    assert!(
        first_search < 40 * 1024,
        "a first search may fetch {first_search} bytes compressed"
    );
}
