//! Hyphenation at build time: soft hyphens (U+00AD) in the long words of German headings and
//! titles, so that compounds such as „Migrantenselbstorganisationen“ break with a hyphen even
//! where the reader's browser has no German dictionary for CSS `hyphens: auto`.

/// Words shorter than this stay whole: they fit on a line anyway.
const MIN_LETTERS: usize = 10;
/// At least this many letters stay together at either end of a word (`Mi-` or `-en` is ugly).
const KEEP: usize = 3;
const SOFT_HYPHEN: char = '\u{ad}';

/// `text` with soft hyphens in its long words, for a handbook in `language`; unchanged for
/// languages without patterns.
pub(crate) fn text(text: &str, language: &str) -> String {
    if !language.starts_with("de") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut word = String::new();
    for c in text.chars() {
        if c.is_alphabetic() {
            word.push(c);
        } else {
            push_word(&mut out, &word);
            word.clear();
            out.push(c);
        }
    }
    push_word(&mut out, &word);
    out
}

/// At most this many long words are remembered per thread (a preview runs for hours).
const REMEMBERED: usize = 50_000;

thread_local! {
    /// Long words as hyphenated before: titles stand in every page's chapter list, so the same
    /// few hundred words come back thousands of times in a big handbook.
    static HYPHENATED: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, Box<str>>> =
        std::cell::RefCell::default();
}

fn push_word(out: &mut String, word: &str) {
    if word.chars().count() < MIN_LETTERS || word.contains(SOFT_HYPHEN) {
        out.push_str(word);
        return;
    }
    HYPHENATED.with_borrow_mut(|known| {
        if let Some(done) = known.get(word) {
            out.push_str(done);
            return;
        }
        if known.len() >= REMEMBERED {
            known.clear();
        }
        let done = hyphenate_word(word);
        out.push_str(&done);
        known.insert(word.into(), done.into());
    });
}

/// A long word with soft hyphens between its syllables.
fn hyphenate_word(word: &str) -> String {
    let lower = word.to_lowercase();
    // The patterns work on lower case; the syllable lengths carry over to the word as written.
    if lower.chars().count() != word.chars().count() {
        return word.to_string();
    }
    let mut out = String::with_capacity(word.len() + 8);
    let mut chars = word.chars();
    let syllables = hypher::hyphenate_bounded(&lower, hypher::Lang::German, KEEP, KEEP);
    for (i, syllable) in syllables.enumerate() {
        if i > 0 {
            out.push(SOFT_HYPHEN);
        }
        out.extend(chars.by_ref().take(syllable.chars().count()));
    }
    out
}

/// HTML with soft hyphens in the text of its headings (`<h1>`…`<h6>`), not in tags or entities.
pub(crate) fn headings(html: &str, language: &str) -> String {
    if !language.starts_with("de") {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + html.len() / 50);
    let mut rest = html;
    while let Some(start) = find_heading(rest) {
        let Some(end) = rest[start..].find("</h").map(|e| start + e) else {
            break;
        };
        out.push_str(&rest[..start]);
        out.push_str(&text_outside_tags(&rest[start..end], language));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Where the next `<hN` tag starts.
fn find_heading(html: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = html[from..].find("<h").map(|i| from + i) {
        if html[i + 2..].starts_with(|c: char| ('1'..='6').contains(&c)) {
            return Some(i);
        }
        from = i + 2;
    }
    None
}

/// Hyphenates the text between tags; tags and entities stay as they are.
fn text_outside_tags(html: &str, language: &str) -> String {
    let mut out = String::with_capacity(html.len() + 16);
    let mut rest = html;
    while let Some(open) = rest.find(['<', '&']) {
        out.push_str(&text(&rest[..open], language));
        let close = if rest[open..].starts_with('<') {
            '>'
        } else {
            ';'
        };
        let end = rest[open..]
            .find(close)
            .map_or(rest.len(), |e| open + e + 1);
        out.push_str(&rest[open..end]);
        rest = &rest[end..];
    }
    out.push_str(&text(rest, language));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_german_words_get_soft_hyphens() {
        let t = text("Migrantenselbstorganisationen als Partner", "de");
        assert!(t.contains('\u{ad}'), "{t}");
        assert_eq!(
            t.replace('\u{ad}', ""),
            "Migrantenselbstorganisationen als Partner"
        );
        assert!(!t.starts_with("Mi\u{ad}"), "{t}");
        assert_eq!(
            text("Migrantenselbstorganisationen", "en"),
            "Migrantenselbstorganisationen"
        );
        assert_eq!(text("Kurze Wörter", "de"), "Kurze Wörter");
    }

    #[test]
    fn only_heading_text_changes() {
        let html = "<p>Nachwuchskräftegewinnung</p><h2 id=\"nachwuchskraeftegewinnung\">Nachwuchskräftegewinnung &amp; mehr<a class=\"anchor\" href=\"#x\">#</a></h2>";
        let out = headings(html, "de");
        assert!(
            out.starts_with(
                "<p>Nachwuchskräftegewinnung</p><h2 id=\"nachwuchskraeftegewinnung\">Nach"
            ),
            "{out}"
        );
        assert!(out.contains("\u{ad}"), "{out}");
        assert!(
            out.ends_with(" &amp; mehr<a class=\"anchor\" href=\"#x\">#</a></h2>"),
            "{out}"
        );
    }
}
