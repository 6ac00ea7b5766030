//! HTML rewriting of finished fragments: headings moved down, ids prefixed for the print page,
//! the outline of a page.

use rustc_hash::FxHashMap as HashMap;

/// One entry of "Auf dieser Seite".
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct OutlineEntry {
    pub id: String,
    pub text: String,
}

/// Moves the headings of rendered Markdown `shift` levels down (h2 -> h3), at most to h6.
pub(crate) fn shift_headings(html: &str, shift: u8) -> String {
    let bytes = html.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        out.push(bytes[i]);
        // `<hN` or `</hN`, N a digit: the digit changes.
        if bytes[i] == b'<' {
            let name = if bytes.get(i + 1) == Some(&b'/') {
                i + 2
            } else {
                i + 1
            };
            if bytes.get(name) == Some(&b'h')
                && let Some(d @ b'1'..=b'6') = bytes.get(name + 1).copied()
            {
                out.extend_from_slice(&bytes[i + 1..=name]);
                out.push(b'0' + (d - b'0').saturating_add(shift).min(6));
                i = name + 2;
                continue;
            }
        }
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| html.to_string())
}

/// The page's sections for "Auf dieser Seite": every `h2` with an id in the finished content,
/// those of the chapter text and those drawn by embedded lists alike.
pub(crate) fn outline(html: &str) -> Vec<OutlineEntry> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<h2") {
        let Some(end) = rest[start..].find("</h2>").map(|e| start + e) else {
            break;
        };
        let tag_end = rest[start..end].find('>').map_or(end, |t| start + t);
        let tag = &rest[start..tag_end];
        let inner = &rest[tag_end.saturating_add(1).min(end)..end];
        rest = &rest[end + 5..];
        let Some(id) = tag.split(" id=\"").nth(1).and_then(|v| v.split('"').next()) else {
            continue;
        };
        // The text without tags (and without the heading's own "#" link).
        let inner = match inner.find("<a class=\"anchor\"") {
            Some(a) => &inner[..a],
            None => inner,
        };
        let mut text = String::new();
        let mut in_tag = false;
        for c in inner.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        let text = text
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
        out.push(OutlineEntry {
            id: id.to_string(),
            text: text.split_whitespace().collect::<Vec<_>>().join(" "),
        });
    }
    out
}

/// Adds a prefix to every id on a page fragment (and the references to them), so that
/// all chapters can stand on one print page; links to other chapters become links within it.
/// One pass over the HTML: it runs over every chapter of the handbook.
pub(crate) fn prefix_ids(
    html: &str,
    prefix: &str,
    chapter_anchor: &HashMap<String, (String, String)>,
) -> String {
    const ATTRS: [&str; 5] = [
        " id",
        " for",
        " aria-describedby",
        " aria-labelledby",
        " href",
    ];
    let mut out = String::with_capacity(html.len() + html.len() / 20);
    let mut done = 0;
    let mut search = 0;
    while let Some(i) = html[search..].find("=\"").map(|i| i + search) {
        let value_start = i + 2;
        search = value_start;
        let Some(attr) = ATTRS.iter().find(|a| html[..i].ends_with(*a)) else {
            continue;
        };
        let value_end = html[value_start..]
            .find('"')
            .map_or(html.len(), |j| value_start + j);
        out.push_str(&html[done..value_start]);
        let value = &html[value_start..value_end];
        if *attr == " href" {
            if let Some(anchor) = value.strip_prefix('#') {
                out.push('#');
                out.push_str(prefix);
                out.push_str(anchor);
            } else {
                let (path, anchor) = value
                    .split_once('#')
                    .map_or((value, None), |(p, a)| (p, Some(a)));
                match (chapter_anchor.get(path), anchor) {
                    (Some((_, other_prefix)), Some(a)) => {
                        out.push('#');
                        out.push_str(other_prefix);
                        out.push_str(a);
                    }
                    (Some((chapter, _)), None) => {
                        out.push('#');
                        out.push_str(chapter);
                    }
                    _ => out.push_str(value),
                }
            }
        } else {
            out.push_str(prefix);
            out.push_str(value);
        }
        done = value_end;
        search = value_end;
    }
    out.push_str(&html[done..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outline_lists_every_h2_with_an_id() {
        let html = r##"<h2 id="a">Ziele &amp; Wege<a class="anchor" href="#a">#</a></h2><p>x</p><h3 id="b">B</h3><h2 class="card-title" id="r-x-titel">Rolle <span>(R)</span></h2><h2>ohne</h2>"##;
        assert_eq!(
            outline(html),
            vec![
                OutlineEntry {
                    id: "a".into(),
                    text: "Ziele & Wege".into()
                },
                OutlineEntry {
                    id: "r-x-titel".into(),
                    text: "Rolle (R)".into()
                }
            ]
        );
    }

    #[test]
    fn headings_shift_down() {
        assert_eq!(
            shift_headings("<h2 id=\"a\">A</h2><p>h2</p><h6>x</h6><hr>", 1),
            "<h3 id=\"a\">A</h3><p>h2</p><h6>x</h6><hr>"
        );
    }

    #[test]
    fn print_page_ids_are_prefixed() {
        let mut targets = HashMap::default();
        targets.insert(
            "/b/".to_string(),
            ("kapitel-b".to_string(), "b--".to_string()),
        );
        let html = r##"<h2 id="x">X<a href="#x">#</a></h2><a href="/b/#y">B</a><a href="/b/">B</a><label for="cb">"##;
        assert_eq!(
            prefix_ids(html, "a--", &targets),
            r##"<h2 id="a--x">X<a href="#a--x">#</a></h2><a href="#b--y">B</a><a href="#kapitel-b">B</a><label for="a--cb">"##
        );
    }
}
