//! On paper, in the real browser's print: page numbers and a running footer on every page, and
//! checklists that break between points so pages stay full.

use crate::browser::{open_plan, ready, script_ran, start};
use crate::common::browser::Session;
use std::process::Command;

/// One printed page: its lines of text (layout kept) and its words with their boxes.
struct Page {
    text: String,
    /// (top, bottom, word) in PDF points from the top of the page
    words: Vec<(f64, f64, String)>,
    height: f64,
}

fn attribute(tag: &str, name: &str) -> f64 {
    tag.split(&format!("{name}=\""))
        .nth(1)
        .and_then(|v| v.split('"').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("{name} in {tag}"))
}

/// The printed pages of a PDF, read with poppler's pdftotext.
fn printed(pdf: &[u8]) -> Vec<Page> {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("print.pdf");
    std::fs::write(&path, pdf).expect("write");
    let run = |args: &[&str]| {
        let out = Command::new("pdftotext")
            .args(args)
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils)");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let texts: Vec<String> = run(&["-layout"])
        .split('\u{c}')
        .map(str::to_string)
        .collect();
    let boxes = run(&["-bbox"]);
    boxes
        .split("<page ")
        .skip(1)
        .enumerate()
        .map(|(i, page)| {
            let height = attribute(page, "height");
            let words = page
                .split("<word ")
                .skip(1)
                .map(|w| {
                    let (tag, rest) = w.split_once('>').expect("word");
                    let word = rest.split("</word>").next().unwrap_or_default();
                    (
                        attribute(tag, "yMin"),
                        attribute(tag, "yMax"),
                        word.to_string(),
                    )
                })
                .collect();
            Page {
                text: texts.get(i).cloned().unwrap_or_default(),
                words,
                height,
            }
        })
        .collect()
}

/// The short title the footer shows.
fn short_title(site: &crate::browser::Site) -> String {
    let config: serde_yaml::Value =
        serde_yaml::from_str(&site.book.read("content/handbook.yaml")).expect("yaml");
    config["short_title"]
        .as_str()
        .expect("short title")
        .to_string()
}

/// The footer line of a page: the last line with text.
fn footer(page: &Page) -> String {
    page.text
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_printed_page_has_the_short_title_and_its_number() {
    let Some((site, driver)) = start() else {
        return;
    };
    let title = short_title(&site);
    let s = driver.session(crate::common::browser::Options::js());
    for chapter in [
        "/einleitung/",
        "/veranstaltungsplanung/",
        "/ansprechperson/",
    ] {
        s.goto(&site.url(chapter));
        script_ran(&s);
        let pages = printed(&s.print_pdf());
        assert!(
            pages.len() >= 2,
            "{chapter} prints on {} pages",
            pages.len()
        );
        for (i, page) in pages.iter().enumerate() {
            assert_eq!(
                footer(page),
                format!("{title} Seite {} von {}", i + 1, pages.len()),
                "{chapter}, page {}",
                i + 1
            );
        }
    }

    // The whole handbook: numbered from the title page on, which itself shows no footer.
    s.goto(&site.url("/drucken/"));
    script_ran(&s);
    let pages = printed(&s.print_pdf());
    let n = pages.len();
    assert!(
        !pages[0].text.contains("Seite 1 von"),
        "the title page has no footer"
    );
    for (i, page) in pages.iter().enumerate().skip(1) {
        assert_eq!(
            footer(page),
            format!("{title} Seite {} von {n}", i + 1),
            "whole handbook, page {}",
            i + 1
        );
    }
}

/// Letters and digits only, lower case: compares text across line breaks and hyphenation.
fn letters(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// How far down the printable area a page's text reaches (0–1), and its number of lines;
/// the footer is left out.
fn fill(page: &Page) -> (f64, usize) {
    // @page margins: 2 cm top, 2.2 cm bottom
    let (top, bottom) = (2.0 / 2.54 * 72.0, page.height - 2.2 / 2.54 * 72.0);
    let body: Vec<&(f64, f64, String)> = page.words.iter().filter(|w| w.1 <= bottom).collect();
    let lowest = body.iter().map(|w| w.1).fold(top, f64::max);
    let mut lines: Vec<i64> = body.iter().map(|w| w.0.round() as i64).collect();
    lines.sort_unstable();
    lines.dedup();
    ((lowest - top) / (bottom - top), lines.len())
}

/// The texts of a page's checklist points, as shown.
fn point_texts(s: &Session) -> Vec<String> {
    serde_json::from_value(s.js(
        "return Array.from(document.querySelectorAll('.checklist-point label')).map(l => l.textContent)",
    ))
    .expect("points")
}

#[test]
fn checklists_break_between_points_and_leave_no_page_half_empty() {
    let Some((site, driver)) = start() else {
        return;
    };
    let s = driver.session(crate::common::browser::Options::js());
    let mut report = Vec::new();
    for chapter in [
        "/veranstaltungsplanung/",
        "/interne-aufstellung/",
        "/ansprechperson/",
        "/ansprache/",
        "/nachhaltigkeit/",
    ] {
        if chapter == "/veranstaltungsplanung/" {
            open_plan(&s, &site);
        } else {
            s.goto(&site.url(chapter));
            ready(&s);
        }
        let points = point_texts(&s);
        assert!(!points.is_empty(), "{chapter} has a checklist");
        let pages = printed(&s.print_pdf());
        let page_letters: Vec<String> = pages.iter().map(|p| letters(&p.text)).collect();
        for point in &points {
            let point = letters(point);
            assert!(
                page_letters.iter().any(|p| p.contains(&point)),
                "{chapter}: a point is split across pages: {point}"
            );
        }
        let fills: Vec<(f64, usize)> = pages.iter().map(fill).collect();
        report.push(format!(
            "{chapter} {:?}",
            fills
                .iter()
                .map(|(f, l)| format!("{:.0} % / {l} lines", f * 100.0))
                .collect::<Vec<_>>()
        ));
        for (i, (full, lines)) in fills.iter().enumerate() {
            assert!(
                *lines >= 8,
                "{chapter}: page {} has only {lines} lines",
                i + 1
            );
            if i + 1 < fills.len() {
                assert!(
                    *full >= 0.75,
                    "{chapter}: page {} is only {:.0} % full ({report:?})",
                    i + 1,
                    full * 100.0
                );
            }
        }
    }
    eprintln!("printed pages: {}", report.join("; "));
}
