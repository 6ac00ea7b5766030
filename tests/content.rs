//! The repository's own handbook: it builds with no warning, and its shape is as the brochure's,
//! so an accidental deletion fails CI.

mod common;
use common::{Book, stderr, stdout};
use handbook::data::Body;

fn site() -> handbook::site::Site {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let sources = handbook::load::load(root).expect("content loads");
    let (site, warnings) = handbook::site::parse(sources).expect("content parses");
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
        stdout(&o).starts_with("built 14 chapters, 12 data files, 0 warnings"),
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
        assert!(c.reviewed.is_some(), "{} has no review date", c.file);
        assert!(c.summary.is_some(), "{} has no summary", c.file);
    }
}

fn data<'a>(site: &'a handbook::site::Site, id: &str) -> &'a Body {
    &site
        .data
        .get(id)
        .unwrap_or_else(|| panic!("content/data/{id}.yaml missing"))
        .body
}

#[test]
fn event_planning_has_ten_phases_and_44_points() {
    let site = site();
    let body = data(&site, "veranstaltungsplanung");
    let phases = body.phases();
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
    match data(&site, "dachverbaende") {
        Body::Organisations { items, .. } => {
            let bund = items
                .iter()
                .filter(|i| i.level == handbook::data::Level::Bund)
                .count();
            assert_eq!((bund, items.len() - bund), (7, 2));
        }
        other => panic!("dachverbaende is {}", other.kind()),
    }
    match data(&site, "argumente") {
        Body::List { items, .. } => assert!(
            items.iter().all(|i| !i.examples.is_empty()),
            "every argument has sample sentences"
        ),
        other => panic!("argumente is {}", other.kind()),
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
