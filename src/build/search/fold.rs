//! German folding and word splitting, exactly as the page does it (`fold` and `WORD_BREAK` in
//! handbook.js): the index holds words the way the page folds a query, so they meet.

use unicode_normalization::UnicodeNormalization;

/// Folds a text the way the page does: ä→ae, ö→oe, ü→ue, ß→ss, lower case, the marks of
/// U+0300–U+036F dropped after decomposition. The page folds one UTF-16 unit at a time, so a
/// character outside the Basic Multilingual Plane stays as it is.
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while !rest.is_empty() {
        // A run of ASCII is copied and lower-cased at once; the character after it is folded.
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..ascii]);
        out[start..].make_ascii_lowercase();
        let mut chars = rest[ascii..].chars();
        if let Some(c) = chars.next() {
            fold_char(c, &mut out);
        }
        rest = chars.as_str();
    }
    out
}

/// Folds one character that is not ASCII into `out`.
fn fold_char(c: char, out: &mut String) {
    match c {
        'ä' | 'Ä' => out.push_str("ae"),
        'ö' | 'Ö' => out.push_str("oe"),
        'ü' | 'Ü' => out.push_str("ue"),
        'ß' | 'ẞ' => out.push_str("ss"),
        c if u32::from(c) > 0xFFFF => out.push(c),
        c => out.extend(
            c.to_lowercase()
                .nfd()
                .filter(|m| !('\u{300}'..='\u{36f}').contains(m)),
        ),
    }
}

/// Whether the page splits words at `c`: JavaScript's `\s` and the punctuation of `WORD_BREAK`.
pub(crate) fn is_break(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
                | '.'
                | ','
                | ';'
                | ':'
                | '!'
                | '?'
                | '('
                | ')'
                | '['
                | ']'
                | '{'
                | '}'
                | '"'
                | '\''
                | '„'
                | '“'
                | '”'
                | '‚'
                | '‘'
                | '’'
                | '«'
                | '»'
                | '/'
                | '\\'
                | '-'
                | '–'
                | '—'
                | '…'
                | '·'
                | '|'
                | '+'
                | '*'
                | '&'
                | '%'
                | '$'
                | '#'
                | '@'
                | '='
                | '<'
                | '>'
                | '~'
                | '^'
                | '_'
    )
}

/// The words of a folded text, in order, repeats included.
pub(crate) fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded.split(is_break).filter(|w| !w.is_empty())
}

/// Whether JavaScript's `\s` matches `c` (the page's whitespace, for web addresses).
pub(crate) fn is_js_space(c: char) -> bool {
    c.is_whitespace() && c != '\u{85}' || c == '\u{feff}'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_like_the_page() {
        assert_eq!(fold("Münsterstraße"), "muensterstrasse");
        assert_eq!(fold("ÄÖÜẞ"), "aeoeuess");
        assert_eq!(fold("Café Señor"), "cafe senor");
        assert_eq!(fold("İ"), "i");
        assert_eq!(fold("Σ"), "σ");
        assert_eq!(fold("𐐀"), "𐐀", "astral characters stay");
    }

    #[test]
    fn splits_like_the_page() {
        let folded = fold("Integrations\u{ad}agenturen (NRW) – „Eltern“/Schule e.V.\u{feff}x");
        let w: Vec<&str> = words(&folded).collect();
        assert_eq!(
            w,
            [
                "integrations\u{ad}agenturen",
                "nrw",
                "eltern",
                "schule",
                "e",
                "v",
                "x"
            ]
        );
        assert!(!is_break('\u{85}') && is_break('\u{feff}'));
    }
}
