//! One line of YAML as text: its key, its plain value and what stands before it, and a value
//! in the quotes that make YAML read it as text (what the explanations and warnings show).

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

/// `value` in quotes YAML reads as plain text.
pub(super) fn quoted(value: &str) -> String {
    if value.contains('"') && !value.contains('\'') {
        format!("'{value}'")
    } else {
        format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
    }
}
