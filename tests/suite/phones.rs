//! Reading on a phone and a tablet, in the real browser: the header stays in reach mid-chapter,
//! the brand does not wrap, the colour-scheme button says what it does, and every link and
//! button is large enough to tap (WCAG 2.2, 2.5.8).

use crate::browser::{pages, script_ran, start};
use crate::common::browser::{Options, Session};
use serde_json::{Value, json};

/// Lists every link, button and form control on screen smaller than 24 × 24 CSS px, except
/// links inside running text; returns `{ small: [...], smallest }`.
const TARGETS: &str = include_str!("common/targets.js");

fn phone() -> Options {
    Options {
        width: 375,
        ..Options::js()
    }
}

fn width(s: &Session) -> u64 {
    s.js("return window.innerWidth").as_u64().expect("width")
}

/// Scrolls to the middle of the page at once (the page may scroll smoothly otherwise).
fn scroll_to_middle(s: &Session) {
    s.js("window.scrollTo({ top: document.documentElement.scrollHeight / 2, behavior: 'instant' }); return true");
    s.wait_until(
        "the page scrolled",
        "return window.scrollY > document.documentElement.scrollHeight / 3",
    );
}

/// Where an element is on screen: [top, bottom, left, right, height].
fn rect(s: &Session, css: &str) -> Vec<f64> {
    let v = s.exec(
        "const r = document.querySelector(arguments[0]).getBoundingClientRect(); return [r.top, r.bottom, r.left, r.right, r.height]",
        json!([css]),
    );
    serde_json::from_value(v).expect("rect")
}

/// Is the element's middle on screen and the element there, not covered by another?
fn reachable(s: &Session, css: &str) -> bool {
    s.exec(
        "const el = document.querySelector(arguments[0]); const r = el.getBoundingClientRect(); \
         const x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2; \
         if (y < 0 || y > innerHeight || x < 0 || x > innerWidth) return false; \
         const hit = document.elementFromPoint(x, y); return !!hit && (hit === el || el.contains(hit))",
        json!([css]),
    ) == json!(true)
}

#[test]
fn on_a_phone_search_and_chapters_stay_in_reach_mid_chapter() {
    let Some((site, driver)) = start() else {
        return;
    };
    let s = driver.session(phone());
    assert_eq!(width(&s), 375);
    let chapters = pages(&site.book).len() - 3;
    s.goto(&site.url("/einleitung/"));
    script_ran(&s);
    scroll_to_middle(&s);
    let y = s.js("return Math.round(window.scrollY)");
    assert!(reachable(&s, "#suchfeld"), "the search field is in reach");
    assert!(reachable(&s, ".chapters-button"), "the chapters button is");
    let bar = rect(&s, ".site-header");
    assert!(
        bar[1] <= 64.0,
        "the header left on screen is compact: {bar:?}"
    );

    // The chapter list opens below it, where the reader is, with the current chapter focused.
    s.tap(".chapters-button");
    assert_eq!(
        s.js("return document.querySelector('.chapters-button').getAttribute('aria-expanded')"),
        json!("true")
    );
    assert!(s.displayed("#kapitel-schnell"));
    assert_eq!(
        s.count("#kapitel-schnell .chapter-list a"),
        chapters,
        "every chapter is listed"
    );
    assert_eq!(
        s.js("return document.activeElement.getAttribute('aria-current')"),
        json!("page"),
        "the current chapter has the focus"
    );
    assert!(reachable(&s, "#kapitel-schnell [aria-current=page]"));
    assert_eq!(
        s.js("return Math.round(window.scrollY)"),
        y,
        "the page did not move"
    );
    s.press("\u{E00C}");
    assert!(!s.displayed("#kapitel-schnell"), "Escape closes it");
    assert!(
        s.js("return document.activeElement.classList.contains('chapters-button')") == json!(true),
        "the focus returns to the button"
    );

    // A chapter chosen from it opens.
    s.tap(".chapters-button");
    s.tap("#kapitel-schnell .chapter-list li:nth-child(3) a");
    s.wait_until(
        "the chosen chapter opens",
        "return location.pathname !== '/einleitung/'",
    );

    // Searching mid-chapter works without scrolling back.
    s.goto(&site.url("/formate/"));
    script_ran(&s);
    scroll_to_middle(&s);
    s.tap("#suchfeld");
    s.send_keys("#suchfeld", "Eltern");
    s.wait_until(
        "results show",
        "return !document.getElementById('suchergebnisse').hidden",
    );
    assert!(reachable(&s, "#suchergebnisse .search-hit"));

    // A checklist's progress line stays visible below the header, not under it.
    s.goto(&site.url("/veranstaltungsplanung/"));
    crate::browser::ready(&s);
    s.js("document.querySelector('.checklist-phase:nth-of-type(2) .checklist-point').scrollIntoView({ behavior: 'instant' }); return true");
    assert!(
        reachable(&s, ".checklist-progress-text"),
        "progress in view"
    );
    let header = rect(&s, ".site-header");
    let progress = rect(&s, ".checklist-progress");
    assert!(
        progress[0] >= header[1] - 1.0,
        "the progress is below the header: {progress:?} {header:?}"
    );
}

#[test]
fn the_brand_shows_the_short_title_on_one_line_from_phone_to_desktop() {
    let Some((site, driver)) = start() else {
        return;
    };
    let config: serde_yaml::Value =
        serde_yaml::from_str(&site.book.read("content/handbook.yaml")).expect("yaml");
    let short = config["short_title"].as_str().expect("short title");
    for w in [375, 768, 1024, 1280] {
        let s = driver.session(Options {
            width: w,
            ..Options::js()
        });
        s.goto(&site.url("/einleitung/"));
        script_ran(&s);
        assert_eq!(s.text(".brand"), short, "at {w} px");
        let lines = s.js("const b = document.querySelector('.brand'); return Math.round(b.getBoundingClientRect().height / parseFloat(getComputedStyle(b).lineHeight))");
        assert_eq!(lines, json!(1), "the brand fits one line at {w} px");
        assert_eq!(
            s.js(
                "const b = document.querySelector('.brand'); return b.scrollWidth <= b.clientWidth"
            ),
            json!(true),
            "the brand is not cut off at {w} px"
        );
    }
}

/// Relative luminance (WCAG) of a computed colour `rgb(r, g, b)`.
fn luminance(css: &str) -> f64 {
    let parts: Vec<f64> = css
        .trim_start_matches("rgba(")
        .trim_start_matches("rgb(")
        .trim_end_matches(')')
        .split(',')
        .take(3)
        .map(|p| p.trim().parse::<f64>().expect("channel") / 255.0)
        .collect();
    let lin = |c: f64| {
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(parts[0]) + 0.7152 * lin(parts[1]) + 0.0722 * lin(parts[2])
}

#[test]
fn the_colour_scheme_button_says_what_it_does_and_fits_the_dark_header() {
    let Some((site, driver)) = start() else {
        return;
    };
    let s = driver.session(Options::js());
    s.goto(&site.url("/einleitung/"));
    script_ran(&s);
    let name = |s: &Session| {
        s.js("return document.querySelector('.theme-toggle').textContent.replace(/\\s+/g, ' ').trim()")
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let background = |s: &Session| {
        let v: Value = s.js("const t = getComputedStyle(document.querySelector('.theme-toggle')); const h = getComputedStyle(document.querySelector('.site-header')); return [t.backgroundColor, h.backgroundColor]");
        let pair: Vec<String> = serde_json::from_value(v).expect("colours");
        (pair[0].clone(), pair[1].clone())
    };
    assert_eq!(name(&s), "Dunkel darstellen");
    assert_eq!(s.text(".theme-toggle-label"), "Dunkel");
    s.click(".theme-toggle");
    assert_eq!(
        s.js("return document.documentElement.getAttribute('data-theme')"),
        json!("dark")
    );
    assert_eq!(
        name(&s),
        "Hell darstellen",
        "the label changes with the scheme"
    );
    assert_eq!(s.text(".theme-toggle-label"), "Hell");
    let (button, header) = background(&s);
    assert!(
        luminance(&button) < 0.05 && luminance(&header) < 0.05,
        "no light block in the dark header: button {button}, header {header}"
    );
    s.click(".theme-toggle");
    assert_eq!(name(&s), "Dunkel darstellen");
}

#[test]
fn every_link_and_button_is_at_least_24_px_on_a_phone() {
    let Some((site, driver)) = start() else {
        return;
    };
    let s = driver.session(phone());
    assert_eq!(width(&s), 375);
    let mut small = Vec::new();
    let mut smallest = f64::MAX;
    let mut measured = |s: &Session, page: &str| {
        let v = s.js(TARGETS);
        smallest = smallest.min(v["smallest"].as_f64().expect("smallest"));
        for t in v["small"].as_array().expect("small") {
            small.push(format!("{page}: {}", t.as_str().unwrap_or_default()));
        }
    };
    for page in pages(&site.book) {
        s.goto(&site.url(&page));
        script_ran(&s);
        measured(&s, &page);
    }
    // What opens on demand: a checklist point's details, the chapter menu, search results.
    s.goto(&site.url("/veranstaltungsplanung/"));
    crate::browser::ready(&s);
    s.click(".point-toggle");
    s.click(".chapters-button");
    measured(&s, "details and chapter menu");
    s.press("\u{E00C}");
    s.click("#suchfeld");
    s.send_keys("#suchfeld", "Eltern");
    s.wait_until(
        "results show",
        "return !document.getElementById('suchergebnisse').hidden",
    );
    measured(&s, "search results");
    eprintln!("smallest tap target at 375 px: {smallest} px");
    assert!(
        small.is_empty(),
        "targets under 24 × 24 px:\n{}",
        small.join("\n")
    );
}

/// The measurement finds small targets: a bare list of links at the browser's defaults.
#[test]
fn the_tap_target_check_finds_small_links() {
    let Some((site, driver)) = start() else {
        return;
    };
    std::fs::write(
        site.book.path().join("public/klein.html"),
        "<!doctype html><html lang=\"de\"><head><title>x</title></head><body><ul><li><a href=\"#a\">Erster Punkt</a></li></ul>\
         <p>Ein Satz mit <a href=\"#b\">einem Link</a> im Text.</p><p><a href=\"#c\">klein</a> · <a href=\"#d\">x</a></p></body></html>",
    )
    .expect("write");
    let s = driver.session(phone());
    s.goto(&site.url("/klein.html"));
    let v = s.js(TARGETS);
    let small: Vec<String> = serde_json::from_value(v["small"].clone()).expect("small");
    assert_eq!(small.len(), 3, "{small:?}");
    assert!(
        small[0].contains("Erster Punkt"),
        "a link alone in a list item counts: {small:?}"
    );
    assert!(
        !small.iter().any(|t| t.contains("einem Link")),
        "a link in a sentence is exempt: {small:?}"
    );
}

#[test]
fn long_german_titles_break_with_a_hyphen_on_a_phone() {
    let Some((site, driver)) = start() else {
        return;
    };
    let s = driver.session(phone());
    s.goto(&site.url("/migrantenselbstorganisationen/"));
    script_ran(&s);
    assert_eq!(width(&s), 375);
    // The title carries soft hyphens from the build, so it breaks inside the compound with a
    // visible hyphen instead of running out of the page or breaking without one.
    let h1 = s.js("return document.querySelector('h1').textContent");
    let h1 = h1.as_str().expect("text");
    assert!(h1.contains('\u{ad}'), "{h1:?}");
    assert_eq!(h1.replace('\u{ad}', ""), "Migrantenselbstorganisationen");
    let fits = s.js(
        "const h = document.querySelector('h1'); return h.scrollWidth <= h.clientWidth && h.getClientRects().length > 0",
    );
    assert_eq!(fits, json!(true));
    // The document title (bookmarks, tabs) stays without them.
    assert!(
        !s.js("return document.title")
            .as_str()
            .expect("title")
            .contains('\u{ad}')
    );
}
