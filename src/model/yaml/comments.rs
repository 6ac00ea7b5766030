//! Text cut short by a comment: in YAML ` #` starts a comment, so `text: Termin (Schritt #1)`
//! publishes only „Termin (Schritt“. Comments as people write them (`# …`, with a space after
//! the `#`) are left alone; a `#` glued to a word is almost always meant as text.

use crate::diagnostic::Pos;
use crate::i18n::Msg;

/// Each plain (unquoted) value that YAML cuts at ` #`, with where the cut is.
pub fn comment_cuts(text: &str, line_offset: usize) -> Vec<(Pos, Msg)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let Some((prefix, value)) = value_of(line) else {
            continue;
        };
        if value.starts_with(['"', '\'', '|', '>', '[', '{', '#']) {
            continue;
        }
        let Some(cut) = value.find(" #") else {
            continue;
        };
        let after = value[cut + 2..].chars().next();
        if after.is_none_or(|c| c.is_whitespace() || c == '#') {
            continue;
        }
        let kept = value[..cut].trim_end().to_string();
        let quoted = format!("{prefix}{}", super::explain::quoted(value.trim_end()));
        let col = line[..line.len() - value.len() + cut].chars().count() + 2;
        out.push((
            Pos::new(i + 1 + line_offset, col),
            Msg::YamlCommentCut {
                kept,
                quoted: quoted.trim_start().to_string(),
            },
        ));
    }
    out
}

/// A line's value and what stands before it: `  - text: Wert` -> (`  - text: `, `Wert`);
/// `None` for comments, empty values and lines that are neither `key: value` nor `- value`.
pub(super) fn value_of(line: &str) -> Option<(&str, &str)> {
    let trimmed = line.trim_start();
    if trimmed.starts_with('#') || trimmed.is_empty() {
        return None;
    }
    let after_dash = trimmed.strip_prefix("- ").unwrap_or(trimmed);
    let rest = match key_of(after_dash) {
        Some(key) => after_dash[key.len() + 1..].strip_prefix(' ')?,
        None if trimmed.starts_with("- ") => after_dash,
        None => return None,
    };
    let value = rest.trim_start();
    if value.is_empty() {
        return None;
    }
    Some((&line[..line.len() - value.len()], value))
}

/// The key of `key: value` (letters, digits, `_`, `-`), if the text starts with one.
pub(super) fn key_of(text: &str) -> Option<&str> {
    let end = text.find(':')?;
    let key = &text[..end];
    let is_key = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    let then = text[end + 1..].chars().next();
    (is_key && then.is_none_or(char::is_whitespace)).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_glued_to_a_word_cuts_the_text() {
        let cuts = comment_cuts(
            "title: T\npoints:\n  - text: Termin (Schritt #1)\n    hint: gut # ein Kommentar\n  - Liste #2\n",
            0,
        );
        assert_eq!(
            cuts,
            vec![
                (
                    Pos::new(3, 27),
                    Msg::YamlCommentCut {
                        kept: "Termin (Schritt".into(),
                        quoted: "- text: \"Termin (Schritt #1)\"".into()
                    }
                ),
                (
                    Pos::new(5, 11),
                    Msg::YamlCommentCut {
                        kept: "Liste".into(),
                        quoted: "- \"Liste #2\"".into()
                    }
                ),
            ]
        );
        assert!(comment_cuts("text: \"Schritt #1\"\nurl: https://x.de/#abschnitt\n", 0).is_empty());
    }
}
