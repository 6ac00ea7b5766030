//! Parts: folders of chapters with a title and an intro page, numbered 2.1, 2.2, …; the
//! chapter list, the start page, the print page, links and the pager know them.

use crate::common::{Book, stderr};

/// The fixture with the built-in theme, a part of two chapters (with a `_teil.md`), and a part
/// folder without one.
fn book_with_parts() -> Book {
    let book = Book::new("basic");
    std::fs::remove_dir_all(book.path().join("theme")).expect("the fixture has a theme");
    book.write(
        "content/chapters/02-grundlagen/_teil.md",
        "---\ntitle: Grundlagen der Kooperation\nsummary: Was man vorher wissen sollte.\n---\n\nDieser Teil erklärt [Begriffe](01-begriffe.md).\n",
    );
    book.write(
        "content/chapters/02-grundlagen/01-begriffe.md",
        "---\ntitle: Begriffe\n---\n\n## Migrantenselbstorganisation\n\nWeiter mit [Recht](02-grundlagen/02-recht.md#regeln) und [Kontakt](02-kontakt.md).\n",
    );
    book.write(
        "content/chapters/02-grundlagen/02-recht.md",
        "---\ntitle: Recht\n---\n\n## Regeln\n\nZurück zum [Teil](02-grundlagen/_teil.md).\n",
    );
    book.write(
        "content/chapters/04-anhang/01-adressen.md",
        "---\ntitle: Adressen\n---\n\nText.\n",
    );
    book
}

/// A built page as readers see its text: without the soft hyphens of long words.
fn seen(book: &Book, rel: &str) -> String {
    book.read(rel).replace('\u{ad}', "")
}

#[test]
fn parts_number_their_chapters_and_get_their_own_pages() {
    let book = book_with_parts();
    let o = book.run(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    // 01-einleitung is 1, the part 2, 02-kontakt 3 (file names order the top level), part 4.
    let begriffe = seen(&book, "public/grundlagen/begriffe/index.html");
    assert!(begriffe.contains("Kapitel 2.1 von 5"), "{begriffe}");
    assert!(begriffe.contains("<a href=\"/hb/grundlagen/\">Grundlagen der Kooperation</a>"));
    // Links by path, by a unique name, and to a part's page resolve.
    assert!(
        begriffe.contains("href=\"/hb/grundlagen/recht/#regeln\""),
        "{begriffe}"
    );
    assert!(begriffe.contains("href=\"/hb/kontakt/\""));
    assert!(seen(&book, "public/grundlagen/recht/index.html").contains("href=\"/hb/grundlagen/\""));
    // The part's page: its intro and its chapters.
    let part = seen(&book, "public/grundlagen/index.html");
    assert!(part.contains("Teil 2"), "{part}");
    assert!(part.contains("Dieser Teil erklärt"));
    assert!(part.contains("href=\"/hb/grundlagen/begriffe/\""));
    // A part folder without `_teil.md` takes its title from its name.
    assert!(seen(&book, "public/anhang/index.html").contains("Anhang"));
}

#[test]
fn the_chapter_list_opens_the_current_part_only() {
    let book = book_with_parts();
    assert!(book.run(&["build"]).status.success());
    let page = seen(&book, "public/grundlagen/recht/index.html");
    let list = &page[page.find("chapter-list").expect("nav")..];
    let nav = &list[..list.find("</nav>").expect("end")];
    // The current part lists its chapters, the other part does not.
    assert!(nav.contains("/hb/grundlagen/begriffe/"), "{nav}");
    assert!(nav.contains("aria-current=\"page\""));
    assert!(nav.contains("/hb/anhang/"));
    assert!(!nav.contains("/hb/anhang/adressen/"), "{nav}");
    // The pager crosses parts: after 2.2 comes chapter 3.
    assert!(
        page.contains("rel=\"next\" href=\"/hb/kontakt/\""),
        "{page}"
    );
    // The pager skips the part's own page: before a part's first chapter comes the chapter before.
    let first = seen(&book, "public/grundlagen/begriffe/index.html");
    assert!(
        first.contains("rel=\"prev\" href=\"/hb/einleitung/\""),
        "{first}"
    );
}

#[test]
fn the_start_and_print_pages_know_parts() {
    let book = book_with_parts();
    assert!(book.run(&["build"]).status.success());
    let start = seen(&book, "public/index.html");
    assert!(start.contains("Grundlagen der Kooperation"), "{start}");
    assert!(start.contains("2 Kapitel"), "{start}");
    assert!(
        !start.contains("/hb/grundlagen/begriffe/"),
        "the start page lists parts, not every chapter"
    );
    let print = seen(&book, "public/drucken/index.html");
    assert!(
        print.contains("Teil 2: Grundlagen der Kooperation"),
        "{print}"
    );
    let sitemap = seen(&book, "public/sitemap.xml");
    assert!(sitemap.contains("https://example.org/hb/grundlagen/</loc>"));
}

#[test]
fn a_name_two_parts_share_must_be_linked_by_its_path() {
    let book = book_with_parts();
    book.write(
        "content/chapters/04-anhang/01-begriffe.md",
        "---\ntitle: Mehr Begriffe\n---\n\nText.\n",
    );
    book.write(
        "content/chapters/03-neu.md",
        "---\ntitle: Neu\n---\n\nSiehe [Begriffe](01-begriffe.md).\n",
    );
    let o = book.run(&["check"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("content/chapters/03-neu.md:5:7: Fehler: Ein Kapitel `01-begriffe.md` gibt es in mehreren Teilen — Nennen Sie es mit seinem Ordner: `02-grundlagen/01-begriffe.md` oder `04-anhang/01-begriffe.md`."),
        "{}",
        stderr(&o)
    );
}

#[test]
fn each_part_has_a_print_page_of_its_own() {
    let book = book_with_parts();
    assert!(book.run(&["build"]).status.success());
    let part = seen(&book, "public/grundlagen/index.html");
    assert!(
        part.contains("<a href=\"/hb/drucken/grundlagen/\">Diesen Teil drucken</a>"),
        "{part}"
    );
    let print = seen(&book, "public/drucken/grundlagen/index.html");
    assert!(print.contains(
        "<title>Testhandbuch – Teil 2: Grundlagen der Kooperation – Druckfassung</title>"
    ));
    assert!(print.contains("id=\"kapitel-grundlagen-begriffe\""));
    assert!(print.contains("id=\"kapitel-grundlagen-recht\""));
    assert!(
        !print.contains("id=\"kapitel-einleitung\""),
        "only the part's chapters"
    );
    // Within the part, links lead to the chapter on the same page; beyond it, to its page.
    assert!(
        print.contains("href=\"#grundlagen-recht--regeln\""),
        "{print}"
    );
    assert!(print.contains("href=\"/hb/kontakt/\""));
    // The whole book's page still has every chapter.
    let whole = seen(&book, "public/drucken/index.html");
    assert_eq!(whole.matches("<section class=\"print-chapter\"").count(), 5);
}

#[test]
fn a_very_large_handbook_is_printed_part_by_part() {
    let book = book_with_parts();
    for n in 1..=300 {
        book.write(
            &format!("content/chapters/05-mehr/{n:03}-kapitel-{n}.md"),
            &format!("---\ntitle: Kapitel {n}\n---\n\nText {n}.\n"),
        );
    }
    let o = book.run(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let whole = seen(&book, "public/drucken/index.html");
    assert!(whole.contains("Teil für Teil drucken"), "{whole}");
    assert!(whole.contains("<a href=\"/hb/drucken/mehr/\"><span class=\"chapter-number\">5</span> Mehr</a> <span class=\"toc-count\">300 Kapitel</span>"));
    assert!(
        !whole.contains("print-chapter"),
        "no chapter on the whole book's page"
    );
    let part = seen(&book, "public/drucken/mehr/index.html");
    assert_eq!(
        part.matches("<section class=\"print-chapter\"").count(),
        300
    );
    assert!(part.contains("<span class=\"chapter-number\">5.300</span> Kapitel 300"));
}

#[test]
fn search_hits_name_the_part_of_their_chapter() {
    let book = book_with_parts();
    assert!(book.run(&["build"]).status.success());
    let chunks = std::fs::read_dir(book.path().join("public/search/c")).expect("search chunks");
    let mut contexts = std::collections::BTreeMap::new();
    for chunk in chunks {
        let text = std::fs::read_to_string(chunk.expect("entry").path()).expect("chunk");
        let entries: Vec<[String; 4]> = serde_json::from_str(&text).expect("entries");
        for [_, context, url, _] in entries {
            contexts.insert(url, context);
        }
    }
    assert_eq!(
        contexts["/hb/grundlagen/recht/#regeln"],
        "Grundlagen der Kooperation › Regeln"
    );
    assert_eq!(contexts["/hb/anhang/adressen/"], "Anhang");
    let outside: Vec<_> = contexts
        .iter()
        .filter(|(url, _)| url.starts_with("/hb/kontakt/"))
        .collect();
    assert!(
        !outside.is_empty() && outside.iter().all(|(_, c)| !c.contains('›')),
        "chapters outside parts name only their section: {contexts:?}"
    );
}
