//! Slugs and ids: URL-safe names from German titles, and the author ids of data items.

/// A URL-safe id from a heading or title: `Über uns & mehr` -> `ueber-uns-mehr`.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let mapped: Option<&str> = match c {
            'ä' => Some("ae"),
            'ö' => Some("oe"),
            'ü' => Some("ue"),
            'ß' => Some("ss"),
            'é' | 'è' | 'ê' => Some("e"),
            'á' | 'à' | 'â' => Some("a"),
            'ç' => Some("c"),
            'ğ' => Some("g"),
            'ş' => Some("s"),
            'ı' | 'í' | 'î' => Some("i"),
            'ó' | 'ô' => Some("o"),
            'ú' | 'û' => Some("u"),
            _ => None,
        };
        if let Some(m) = mapped {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push_str(m);
        } else if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        "abschnitt".into()
    } else {
        out
    }
}

/// Is this a well-formed author id (`a-z`, `0-9`, `-`, not starting or ending with `-`)?
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
