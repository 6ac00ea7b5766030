//! Text cut short by a comment: in YAML ` #` starts a comment, so `text: Termin (Schritt #1)`
//! publishes only „Termin (Schritt“. Comments as people write them (`# …`, with a space after
//! the `#`) are left alone; a `#` glued to a word is almost always meant as text.

use super::line::value_of;
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
        let quoted = format!("{prefix}{}", super::line::quoted(value.trim_end()));
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
