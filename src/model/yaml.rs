//! YAML parsing whose errors point at the line and say what to do.

use crate::diagnostic::{Diagnostic, Pos};
use serde::de::DeserializeOwned;
use std::path::Path;

/// Parses `text` (which starts `line_offset` lines into the file at `path`).
pub fn parse<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    line_offset: usize,
) -> Result<T, Diagnostic> {
    serde_yaml::from_str(text).map_err(|e| error(path, &e, line_offset))
}

fn error(path: &Path, e: &serde_yaml::Error, line_offset: usize) -> Diagnostic {
    let full = e.to_string();
    // serde_yaml appends " at line L column C"; we print the position in front instead.
    let message = strip_locations(&full);
    let pos = e.location().map_or(Pos::new(line_offset + 1, 1), |l| {
        Pos::new(l.line() + line_offset, l.column())
    });
    let hint = hint_for(&message);
    // Nested paths (`phases[2].points[0]: missing field ...`) stay: they say which entry is meant.
    Diagnostic::error(path, pos.line, pos.col, message).with_hint(hint)
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

fn hint_for(message: &str) -> String {
    if message.contains("unknown field") {
        "remove this key or correct its spelling".into()
    } else if let Some(field) = message.split("missing field `").nth(1) {
        let field = field.split('`').next().unwrap_or("");
        format!("add `{field}: …` to this entry")
    } else if message.contains("unknown variant") {
        "use one of the values listed".into()
    } else if message.contains("invalid type") {
        "check the value's form: text, a number, a list (`- …`) or a map (`key: value`)".into()
    } else if message.contains("duplicate entry") || message.contains("duplicate key") {
        "each key may appear only once in an entry".into()
    } else if message.contains("is not a date") {
        "write dates as 2026-11-25".into()
    } else {
        "check indentation (spaces, not tabs), colons after keys, and quotes around text containing `: ` or `#`"
            .into()
    }
}

/// The 1-based line of the `n`-th (0-based) `id: value` entry in a YAML text, for errors about ids.
pub fn id_pos(text: &str, id: &str, n: usize) -> Pos {
    let mut seen = 0;
    for (i, line) in text.lines().enumerate() {
        let t = line.trim_start().trim_start_matches("- ").trim_start();
        if let Some(rest) = t.strip_prefix("id:") {
            let value = rest.trim().trim_matches(|c| c == '"' || c == '\'');
            if value == id {
                if seen == n {
                    let col = line.len() - line.trim_start().len() + 1;
                    let col = if line.trim_start().starts_with("- ") {
                        col + 2
                    } else {
                        col
                    };
                    return Pos::new(i + 1, col);
                }
                seen += 1;
            }
        }
    }
    Pos::new(1, 1)
}

/// The position of the first top-level-or-nested `key:` in a YAML text.
pub fn key_pos(text: &str, key: &str) -> Pos {
    let prefix = format!("{key}:");
    for (i, line) in text.lines().enumerate() {
        let t = line.trim_start().trim_start_matches("- ");
        if t.starts_with(&prefix) {
            return Pos::new(i + 1, line.len() - t.len() + 1);
        }
    }
    Pos::new(1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        a: String,
    }

    #[test]
    fn errors_carry_position_and_hint() {
        let e = parse::<T>(Path::new("f.yaml"), "b: 1\n", 2).expect_err("unknown");
        assert_eq!(
            e.to_string(),
            "f.yaml:3:1: error: unknown field `b`, expected `a` — remove this key or correct its spelling"
        );
        let e = parse::<T>(Path::new("f.yaml"), "a: b: c\n", 0).expect_err("bad");
        assert_eq!(
            e.to_string(),
            "f.yaml:1:5: error: mapping values are not allowed in this context — check indentation (spaces, not tabs), colons after keys, and quotes around text containing `: ` or `#`"
        );
    }

    #[test]
    fn finds_id_lines() {
        let text = "items:\n  - id: a\n    x: 1\n  - id: b\n  - id: a\n";
        assert_eq!(id_pos(text, "a", 0), Pos::new(2, 5));
        assert_eq!(id_pos(text, "a", 1), Pos::new(5, 5));
        assert_eq!(id_pos(text, "b", 0), Pos::new(4, 5));
        assert_eq!(key_pos(text, "x"), Pos::new(3, 5));
    }
}
