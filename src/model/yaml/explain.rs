//! serde_yaml's errors ("mapping values are not allowed in this context", "while scanning an
//! alias", "invalid type: sequence, expected a string") turned into sentences about the
//! author's text, at the position of the cause.

use super::Positions;
use super::line::{key_of, quoted, value_of};
use crate::diagnostic::Pos;
use crate::i18n::{Msg, Shape};

/// What went wrong, and where.
pub(super) fn explain(
    e: &serde_yaml::Error,
    text: &str,
    line_offset: usize,
    positions: &Positions,
) -> (Msg, Option<Pos>) {
    let message = strip_locations(&e.to_string());
    let reported = e
        .location()
        .map(|l| Pos::new(l.line() + line_offset, l.column().max(1)));
    if text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return (Msg::YamlEmpty, None);
    }
    if let Some(found) = value_error(&message, positions) {
        return (found.0, found.1.or(reported));
    }
    let line = reported.map_or(1, |p| p.line - line_offset);
    let (msg, at) = syntax(&message, text, line);
    let pos = at.map(|(l, c)| Pos::new(l + line_offset, c)).or(reported);
    (msg, pos)
}

/// Errors about values (unknown or missing fields, wrong types, dates), which serde names.
fn value_error(message: &str, positions: &Positions) -> Option<(Msg, Option<Pos>)> {
    let (place, rest) = split_place(message);
    if let Some(value) = rest.strip_prefix("date-format:") {
        let pos = positions.find_value(value);
        return Some((
            Msg::DateFormat {
                value: value.into(),
            },
            pos,
        ));
    }
    if let Some(url) = rest.strip_prefix("base-url:") {
        let pos = positions.value("base_url");
        return Some((Msg::BaseUrlNotAbsolute { url: url.into() }, pos));
    }
    if let Some(value) = rest.strip_prefix("date-impossible:") {
        let pos = positions.find_value(value);
        return Some((
            Msg::DateImpossible {
                value: value.into(),
            },
            pos,
        ));
    }
    let place = place.map(str::to_string);
    let quoted = |s: &str| -> Vec<String> {
        s.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    let msg = if let Some(r) = rest.strip_prefix("unknown field `") {
        let (field, expected) = r.split_once('`').unwrap_or((r, ""));
        let expected = quoted(expected);
        Msg::YamlUnknownField {
            place,
            suggestion: crate::suggest::closest(field, expected.iter().map(String::as_str))
                .map(str::to_string),
            field: field.into(),
            expected,
        }
    } else if let Some(r) = rest.strip_prefix("missing field `") {
        Msg::YamlMissingField {
            place,
            field: r.split('`').next().unwrap_or("").into(),
        }
    } else if let Some(r) = rest.strip_prefix("unknown variant `") {
        let (value, expected) = r.split_once('`').unwrap_or((r, ""));
        Msg::YamlUnknownValue {
            place,
            value: value.into(),
            expected: quoted(expected),
        }
    } else if let Some(r) = rest
        .strip_prefix("invalid type: ")
        .or_else(|| rest.strip_prefix("invalid value: "))
    {
        let (found, expected) = r.split_once(", expected ").unwrap_or((r, ""));
        Msg::YamlWrongType {
            place,
            found: shape(found),
            expected: shape(expected),
        }
    } else if let Some(r) = rest
        .strip_prefix("duplicate field `")
        .or_else(|| rest.strip_prefix("duplicate entry with key \""))
    {
        Msg::YamlDuplicateKey {
            key: r.split(['`', '"']).next().unwrap_or("").into(),
        }
    } else if rest.contains("more than one document") {
        Msg::YamlSeveralDocuments
    } else {
        return None;
    };
    Some((msg, None))
}

/// `items[0].level: unknown variant …` -> (`items[0].level`, `unknown variant …`).
fn split_place(message: &str) -> (Option<&str>, &str) {
    if let Some((head, rest)) = message.split_once(": ") {
        let is_path = head
            .chars()
            .all(|c| c.is_alphanumeric() || "_-.[]".contains(c))
            && !head.is_empty()
            && !head.contains(' ');
        if is_path && head != "invalid type" && head != "invalid value" {
            return (Some(head), rest);
        }
    }
    (None, message)
}

/// The shape a serde description names: `a sequence`, `string "x"`, `integer `5``, `u32`.
fn shape(description: &str) -> Shape {
    let d = description.trim();
    let first = d.trim_start_matches("a ").trim_start_matches("an ");
    match first.split([' ', '`']).next().unwrap_or("") {
        "string" | "str" | "char" => Shape::Text,
        "integer" | "floating" | "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64"
        | "f32" | "f64" | "number" => Shape::Number,
        "boolean" | "bool" => Shape::YesNo,
        "sequence" | "seq" | "list" | "tuple" => Shape::List,
        "map" | "struct" | "mapping" => Shape::Map,
        "unit" | "null" | "none" => Shape::Nothing,
        _ => Shape::Unknown,
    }
}

/// A syntax error, explained from the text around the line libyaml reports (1-based, in `text`):
/// the message and, when the cause stands elsewhere, its (line, column).
fn syntax(message: &str, text: &str, reported_line: usize) -> (Msg, Option<(usize, usize)>) {
    let lines: Vec<&str> = text.lines().collect();
    let upto = reported_line.min(lines.len());
    // A tab used for indentation, anywhere up to the error.
    if let Some(i) = lines[..upto]
        .iter()
        .position(|l| l.trim_start_matches(' ').starts_with('\t') && !l.trim().is_empty())
    {
        return (Msg::YamlTab, Some((i + 1, 1)));
    }
    // The reported line or the one before it holds text YAML reads as syntax.
    for i in [upto, upto.saturating_sub(1)] {
        if i == 0 {
            continue;
        }
        if let Some((msg, col)) = needs_quotes(lines[i - 1]) {
            return (msg, Some((i, col)));
        }
    }
    if message.contains("could not find expected ':'")
        || message.contains("did not find expected key") && missing_colon(&lines, upto).is_some()
    {
        if let Some(i) = missing_colon(&lines, upto) {
            return (
                Msg::YamlMissingColon {
                    line: lines[i - 1].trim().to_string(),
                },
                Some((i, indent(lines[i - 1]) + 1)),
            );
        }
    }
    if message.contains("quoted scalar") || message.contains("unexpected end of stream") {
        return (Msg::YamlUnclosedQuote, None);
    }
    if let Some(expected) = expected_indent(&lines, upto) {
        return (
            Msg::YamlIndentation {
                expected_col: expected + 1,
            },
            Some((upto, 1)),
        );
    }
    (Msg::YamlUnreadable, None)
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// A `key: value` (or `- value`) line whose value YAML reads as syntax: it starts with one of
/// `* & ! % @ \` [ {`, or holds `: ` of its own.
fn needs_quotes(line: &str) -> Option<(Msg, usize)> {
    let (prefix, value) = value_of(line)?;
    let value = value.trim_end();
    if value.starts_with(['"', '\'']) {
        return None;
    }
    let special = value.starts_with(['*', '&', '!', '%', '@', '`', '[', '{'])
        && !(value.starts_with('[') && value.ends_with(']'))
        && !(value.starts_with('{') && value.ends_with('}'));
    let inner_colon = value.contains(": ") || value.ends_with(':');
    if !special && !inner_colon {
        return None;
    }
    let col = prefix.chars().count() + 1;
    Some((
        Msg::YamlNeedsQuotes {
            line: line.trim().to_string(),
            quoted: format!("{}{}", prefix.trim_start(), quoted(value)),
        },
        col,
    ))
}

/// The line (1-based) at or before `upto` that should be `key: value` but has no colon.
fn missing_colon(lines: &[&str], upto: usize) -> Option<usize> {
    (1..=upto).rev().take(3).find(|&i| {
        let t = lines[i - 1].trim();
        let item = t.strip_prefix("- ").unwrap_or(t);
        !t.is_empty()
            && !t.starts_with('#')
            && !t.starts_with("- ")
            && key_of(item).is_none()
            && !item.starts_with(['"', '\''])
            && item.split_whitespace().count() <= 3
            && lines
                .get(i)
                .is_some_and(|next| indent(next) > indent(lines[i - 1]))
    })
}

/// The column (0-based) line `at` should start in, when its indentation fits no line before it.
fn expected_indent(lines: &[&str], at: usize) -> Option<usize> {
    let line = lines.get(at.checked_sub(1)?)?;
    let own = indent(line);
    let before: Vec<&&str> = lines[..at - 1]
        .iter()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .collect();
    let prev = before.last()?;
    let levels: Vec<usize> = before
        .iter()
        .map(|l| {
            let i = indent(l);
            if l.trim_start().starts_with("- ") {
                i + 2
            } else {
                i
            }
        })
        .collect();
    if levels.contains(&own) && own <= indent(prev) + 2 {
        return None;
    }
    // The nearest level at or below the line's own, else the previous line's.
    levels
        .iter()
        .copied()
        .filter(|&l| l <= own)
        .max()
        .or(Some(indent(prev)))
}

/// Removes every " at line L column C" from a serde_yaml message.
fn strip_locations(message: &str) -> String {
    let mut out = message.to_string();
    while let Some(i) = out.find(" at line ") {
        let rest = &out[i + " at line ".len()..];
        let after_line = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        let Some(after_col) = after_line.strip_prefix(" column ") else {
            break;
        };
        let tail = after_col
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .to_string();
        out.truncate(i);
        out.push_str(&tail);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        id: String,
        text: String,
        #[serde(default)]
        tags: Vec<String>,
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: String,
        #[serde(default)]
        items: Vec<Item>,
    }

    fn explained(text: &str) -> (Msg, Option<Pos>) {
        let positions = Positions::of(text, 0).unwrap_or_default();
        let e = serde_yaml::from_str::<Doc>(text).expect_err("an error");
        explain(&e, text, 0, &positions)
    }

    #[test]
    fn text_with_yaml_syntax_needs_quotes() {
        let (msg, pos) = explained("title: T\nitems:\n  - id: a\n    text: **Wichtig:** Termin\n");
        assert_eq!(
            msg,
            Msg::YamlNeedsQuotes {
                line: "text: **Wichtig:** Termin".into(),
                quoted: "text: \"**Wichtig:** Termin\"".into()
            }
        );
        assert_eq!(pos, Some(Pos::new(4, 11)));
        let (msg, _) = explained("title: Ort: Köln\n");
        assert_eq!(
            msg,
            Msg::YamlNeedsQuotes {
                line: "title: Ort: Köln".into(),
                quoted: "title: \"Ort: Köln\"".into()
            }
        );
    }

    #[test]
    fn tabs_colons_and_indentation_are_named_where_they_are() {
        let (msg, pos) = explained("title: T\nitems:\n\t- id: a\n");
        assert_eq!((msg, pos), (Msg::YamlTab, Some(Pos::new(3, 1))));
        let (msg, pos) = explained("title: T\nitems\n  - id: a\n    text: x\n");
        assert_eq!(
            (msg, pos),
            (
                Msg::YamlMissingColon {
                    line: "items".into()
                },
                Some(Pos::new(2, 1))
            )
        );
        let (msg, pos) = explained("title: T\nitems:\n  - id: a\n      text: x\n");
        assert_eq!(
            (msg, pos),
            (
                Msg::YamlIndentation { expected_col: 5 },
                Some(Pos::new(4, 1))
            )
        );
    }

    #[test]
    fn value_errors_name_the_field_and_the_entry() {
        let (msg, pos) = explained("title: T\nitems:\n  - id: a\n    txt: x\n");
        assert_eq!(
            msg,
            Msg::YamlUnknownField {
                place: Some("items[0]".into()),
                field: "txt".into(),
                expected: vec!["id".into(), "text".into(), "tags".into()],
                suggestion: Some("text".into())
            }
        );
        assert_eq!(pos, Some(Pos::new(4, 5)));
        let (msg, _) = explained("title: T\nitems:\n  - id: a\n    text: x\n    tags: eins\n");
        assert_eq!(
            msg,
            Msg::YamlWrongType {
                place: Some("items[0].tags".into()),
                found: Shape::Text,
                expected: Shape::List
            }
        );
        assert_eq!(explained("# nur ein Kommentar\n").0, Msg::YamlEmpty);
    }
}
