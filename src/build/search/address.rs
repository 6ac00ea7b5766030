//! The web address an entry's text ends with, as the page reads it (`address` in handbook.js):
//! the same organisation in a directory and in the link list has the same address, and the
//! page shows it once.

use super::fold::is_js_space;

/// The address at the end of `text` without protocol, "www." and final slash, lower case —
/// what `/https?:\/\/(?:www\.)?(\S+?)\/?$/` captures — or `None`.
pub(crate) fn address(text: &str) -> Option<String> {
    // `\S+?` cannot cross a space and `$` is the end: the match lies in the last word.
    let last = text.rsplit(is_js_space).next().unwrap_or(text);
    let mut from = 0;
    while let Some(at) = last[from..].find("http") {
        let start = from + at;
        let rest = &last[start + 4..];
        let rest = rest
            .strip_prefix('s')
            .filter(|r| r.starts_with("://"))
            .unwrap_or(rest);
        if let Some(rest) = rest.strip_prefix("://") {
            if let Some(found) = captured(rest) {
                return Some(found.to_lowercase());
            }
        }
        from = start + 4;
    }
    None
}

/// `(?:www\.)?(\S+?)\/?$` on what follows the protocol.
fn captured(rest: &str) -> Option<&str> {
    let rest = match rest.strip_prefix("www.") {
        Some(r) if !r.is_empty() => r,
        _ => rest,
    };
    match rest.strip_suffix('/') {
        Some(r) if !r.is_empty() => Some(r),
        _ if rest.is_empty() => None,
        _ => Some(rest),
    }
}

#[cfg(test)]
mod tests {
    use super::address;

    #[test]
    fn reads_addresses_like_the_page() {
        let a = |t: &str| address(t);
        assert_eq!(
            a("Verband https://www.Example.org/"),
            Some("example.org".into())
        );
        assert_eq!(
            a("x http://example.org/a/b"),
            Some("example.org/a/b".into())
        );
        assert_eq!(a("https://example.org/ danach Text"), None);
        assert_eq!(a("Text ohne Adresse"), None);
        assert_eq!(a("https://www."), Some("www.".into()));
        assert_eq!(a("https:///"), Some("/".into()));
        assert_eq!(a("xhttp://a.de"), Some("a.de".into()));
        assert_eq!(a("https://"), None);
    }
}
