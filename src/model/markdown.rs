//! Markdown: front matter, German typography, heading ids, callouts, links and directives.

use crate::diagnostic::Pos;
use pulldown_cmark::{
    BlockQuoteKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};
use std::collections::HashSet;

/// Markdown an author wrote in a data field, with its HTML once the handbook's links are known.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Markdown {
    pub source: String,
    pub html: String,
}

impl<'de> serde::Deserialize<'de> for Markdown {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        <String as serde::Deserialize>::deserialize(deserializer).map(|source| Markdown {
            source,
            html: String::new(),
        })
    }
}

/// A Markdown text split into its YAML front matter and body.
pub struct FrontMatter<'a> {
    pub yaml: &'a str,
    /// Lines before the YAML starts (1: the opening `---`).
    pub yaml_line_offset: usize,
    pub body: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// Splits `---\nyaml\n---\nbody`. `None` when the text has no front matter.
pub fn split_front_matter(text: &str) -> Option<FrontMatter<'_>> {
    let rest = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - rest.len();
    let first_line_end = rest.find('\n')?;
    if rest[..first_line_end].trim_end() != "---" {
        return None;
    }
    let yaml_start = first_line_end + 1;
    let mut pos = yaml_start;
    while pos <= rest.len() {
        let end = rest[pos..].find('\n').map_or(rest.len(), |i| pos + i);
        if rest[pos..end].trim_end() == "---" {
            let body_start = (end + 1).min(rest.len());
            return Some(FrontMatter {
                yaml: &rest[yaml_start..pos],
                yaml_line_offset: 1,
                body: &rest[body_start..],
                body_offset: bom + body_start,
            });
        }
        if end == rest.len() {
            break;
        }
        pos = end + 1;
    }
    None
}

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

/// Where a link in Markdown points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Another chapter by file name (`05-kontakt.md`), maybe with an anchor.
    Chapter {
        file: String,
        anchor: Option<String>,
    },
    /// An anchor on the same page.
    Anchor(String),
    /// A file copied from content/ (path below content/).
    Asset(String),
    /// Anything with a scheme (`https:`, `mailto:`, `tel:`).
    External,
}

/// A link found in Markdown, with the byte offset of its start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub target: Target,
    pub raw: String,
    pub offset: usize,
    /// Where in its file (set by [`Rendered::locate`]).
    pub pos: Pos,
}

/// `{{ kind id key=value }}` alone in a paragraph: embeds a data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub kind: String,
    pub id: String,
    pub filters: Vec<(String, String)>,
    pub offset: usize,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
    pub offset: usize,
}

/// A problem noticed while rendering, at a byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub offset: usize,
    pub pos: Pos,
    pub error: bool,
    pub message: String,
    pub hint: String,
}

/// Plain text of one part of a page, for search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    pub anchor: Option<String>,
    pub heading: String,
    pub text: String,
}

/// Rendered Markdown: HTML with `<!--directive:N-->` placeholders, and what was found in it.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    pub links: Vec<Link>,
    pub directives: Vec<Directive>,
    pub problems: Vec<Problem>,
    pub sections: Vec<Section>,
}

impl Rendered {
    /// Sets the file position of every link, directive and problem: the Markdown started at
    /// byte `body_offset` of `text`.
    pub fn locate(&mut self, text: &str, body_offset: usize) {
        let at = |offset: usize| Pos::of_offset(text, body_offset + offset);
        for l in &mut self.links {
            l.pos = at(l.offset);
        }
        for d in &mut self.directives {
            d.pos = at(d.offset);
        }
        for p in &mut self.problems {
            p.pos = at(p.offset);
        }
    }
}

/// How links are turned into URLs.
pub trait Resolve {
    /// URL and title of a chapter given by file name.
    fn chapter(&self, file: &str) -> Option<(String, String)>;
    /// URL of a copied file (path below content/), if it exists.
    fn asset(&self, path: &str) -> Option<String>;
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Classifies a link destination.
pub fn classify(dest: &str) -> Target {
    let has_scheme = dest.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    });
    if has_scheme || dest.starts_with("//") {
        return Target::External;
    }
    if let Some(anchor) = dest.strip_prefix('#') {
        return Target::Anchor(anchor.to_string());
    }
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a.to_string())),
        None => (dest, None),
    };
    if path.ends_with(".md") {
        let file = path.rsplit('/').next().unwrap_or(path).to_string();
        Target::Chapter { file, anchor }
    } else {
        let trimmed = path
            .trim_start_matches("./")
            .trim_start_matches("../")
            .trim_start_matches('/');
        Target::Asset(trimmed.to_string())
    }
}

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// German quotation marks from the English ones smart punctuation produces.
fn german_quotes(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(['\u{201c}', '\u{201d}']) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mapped = s.chars().map(|c| match c {
        '\u{201c}' => '\u{201e}',
        '\u{201d}' => '\u{201c}',
        c => c,
    });
    std::borrow::Cow::Owned(mapped.collect())
}

fn callout_title(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "Hinweis"),
        BlockQuoteKind::Tip => ("tip", "Tipp"),
        BlockQuoteKind::Important => ("important", "Wichtig"),
        BlockQuoteKind::Warning => ("warning", "Achtung"),
        BlockQuoteKind::Caution => ("caution", "Vorsicht"),
    }
}

/// Parses the inside of `{{ … }}`.
fn parse_directive(inner: &str, offset: usize) -> Result<Directive, Problem> {
    let mut words = inner.split_whitespace();
    let problem = |message: String| Problem {
        offset,
        pos: Pos::default(),
        error: true,
        message,
        hint: "write it as {{ KIND ID }}, e.g. {{ checklist veranstaltungsplanung }}".into(),
    };
    let kind = words
        .next()
        .ok_or_else(|| problem("empty directive".into()))?;
    let id = words.next().ok_or_else(|| {
        problem(format!(
            "the directive `{kind}` needs the id of a data file"
        ))
    })?;
    let mut filters = Vec::new();
    for w in words {
        let (k, v) = w
            .split_once('=')
            .ok_or_else(|| problem(format!("`{w}` is not a filter of the form key=value")))?;
        filters.push((k.to_string(), v.to_string()));
    }
    Ok(Directive {
        kind: kind.to_string(),
        id: id.to_string(),
        filters,
        offset,
        pos: Pos::default(),
    })
}

/// Renders Markdown to HTML and collects headings, links, directives and search text.
pub fn render(md: &str, resolve: &dyn Resolve) -> Rendered {
    render_as(md, resolve, true)
}

/// Only what validation needs: headings, links, directives, problems (no HTML, no text).
pub fn metadata(md: &str, resolve: &dyn Resolve) -> Rendered {
    render_as(md, resolve, false)
}

fn render_as(md: &str, resolve: &dyn Resolve, full: bool) -> Rendered {
    let mut r = Rendered::default();
    let mut out: Vec<Event> = Vec::new();
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut section = Section::default();
    let parser = Parser::new_ext(md, options()).into_offset_iter();
    let events: Vec<(Event, std::ops::Range<usize>)> = parser.collect();
    let mut i = 0;
    // Explicit ids are claimed first so that generated ones never take them.
    for (e, _) in &events {
        if let Event::Start(Tag::Heading { id: Some(id), .. }) = e {
            used_ids.insert(id.to_string());
        }
    }
    while i < events.len() {
        let (event, range) = &events[i];
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let end = find_end(&events, i);
                let inner: Vec<Event> = events[i + 1..end].iter().map(|(e, _)| e.clone()).collect();
                let text: String = inner
                    .iter()
                    .filter_map(|e| match e {
                        Event::Text(t) | Event::Code(t) => Some(german_quotes(t)),
                        _ => None,
                    })
                    .collect();
                let id = match id {
                    Some(id) => id.to_string(),
                    None => {
                        let base = slugify(&text);
                        let mut id = base.clone();
                        let mut n = 2;
                        while used_ids.contains(&id) {
                            id = format!("{base}-{n}");
                            n += 1;
                        }
                        used_ids.insert(id.clone());
                        id
                    }
                };
                let level_n = *level as u8;
                if *level == HeadingLevel::H1 {
                    r.problems.push(Problem {
                        offset: range.start,
                        pos: Pos::default(),
                        error: false,
                        message: "a level-1 heading (`#`) inside a chapter".into(),
                        hint: "the chapter title is the page's only level-1 heading; use `##` for sections".into(),
                    });
                }
                if full {
                    flush_section(&mut r, &mut section);
                    section.anchor = Some(id.clone());
                    section.heading = text.clone();
                }
                r.headings.push(Heading {
                    level: level_n,
                    id: id.clone(),
                    text,
                    offset: range.start,
                });
                out.push(Event::Start(Tag::Heading {
                    level: *level,
                    id: Some(CowStr::from(id.clone())),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                }));
                for e in inner {
                    out.push(map_text(e));
                }
                out.push(Event::Html(CowStr::from(format!(
                    "<a class=\"anchor\" href=\"#{}\" aria-label=\"Link zu diesem Abschnitt\">#</a>",
                    escape(&id)
                ))));
                out.push(Event::End(TagEnd::Heading(*level)));
                i = end + 1;
                continue;
            }
            Event::Start(Tag::Paragraph) => {
                let end = find_end(&events, i);
                let text: String = events[i + 1..end]
                    .iter()
                    .map(|(e, _)| match e {
                        Event::Text(t) => t.to_string(),
                        Event::SoftBreak => " ".into(),
                        _ => "\u{0}".into(),
                    })
                    .collect();
                let trimmed = text.trim();
                if trimmed.starts_with("{{")
                    && trimmed.ends_with("}}")
                    && !trimmed.contains('\u{0}')
                {
                    match parse_directive(&trimmed[2..trimmed.len() - 2], range.start) {
                        Ok(d) => {
                            out.push(Event::Html(CowStr::from(format!(
                                "<!--directive:{}-->\n",
                                r.directives.len()
                            ))));
                            r.directives.push(d);
                        }
                        Err(p) => r.problems.push(p),
                    }
                    i = end + 1;
                    continue;
                }
                if text.contains("{{") {
                    r.problems.push(Problem {
                        offset: range.start,
                        pos: Pos::default(),
                        error: false,
                        message: "`{{` inside a paragraph is shown as text".into(),
                        hint: "a directive must stand alone in its paragraph, with empty lines around it".into(),
                    });
                }
                out.push(event.clone());
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }) => {
                let href = link_href(&mut r, dest_url, range.start, resolve, *link_type);
                let mut html = format!("<a href=\"{}\"", escape(&href.0));
                if !title.is_empty() {
                    html.push_str(&format!(" title=\"{}\"", escape(title)));
                }
                if let Some(chapter_title) = href.1 {
                    html.push_str(&format!(" data-chapter=\"{}\"", escape(&chapter_title)));
                }
                html.push('>');
                out.push(Event::InlineHtml(CowStr::from(html)));
            }
            Event::End(TagEnd::Link) => out.push(Event::InlineHtml(CowStr::from("</a>"))),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let href = link_href(&mut r, dest_url, range.start, resolve, *link_type);
                out.push(Event::Start(Tag::Image {
                    link_type: *link_type,
                    dest_url: CowStr::from(href.0),
                    title: title.clone(),
                    id: id.clone(),
                }));
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, title) = callout_title(*kind);
                out.push(Event::Html(CowStr::from(format!(
                    "<div class=\"callout callout-{class}\" role=\"note\">\n<p class=\"callout-title\">{title}</p>\n"
                ))));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                out.push(Event::Html(CowStr::from("</div>\n")))
            }
            Event::Start(Tag::Table(_)) => {
                out.push(Event::Html(CowStr::from("<div class=\"table-wrap\">")));
                out.push(event.clone());
            }
            Event::End(TagEnd::Table) => {
                out.push(event.clone());
                out.push(Event::Html(CowStr::from("</div>\n")));
            }
            Event::TaskListMarker(done) => {
                // A list item's state shown as a symbol with a name: a disabled, unlabelled
                // checkbox would be a form control without a label.
                let (symbol, name) = if *done {
                    ("☑", "erledigt")
                } else {
                    ("☐", "offen")
                };
                out.push(Event::InlineHtml(CowStr::from(format!(
                    "<span class=\"task-marker\" role=\"img\" aria-label=\"{name}\">{symbol}</span> "
                ))));
            }
            Event::Text(t) | Event::Code(t) => {
                let t = german_quotes(t);
                if full {
                    section.text.push_str(&t);
                }
                out.push(map_text(event.clone()));
            }
            Event::SoftBreak | Event::HardBreak => {
                section.text.push(' ');
                out.push(event.clone());
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                section.text.push(' ');
                out.push(event.clone());
            }
            _ => out.push(event.clone()),
        }
        i += 1;
    }
    if full {
        flush_section(&mut r, &mut section);
        pulldown_cmark::html::push_html(&mut r.html, out.into_iter());
    }
    r
}

fn flush_section(r: &mut Rendered, section: &mut Section) {
    let text = section
        .text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if !text.is_empty() || section.anchor.is_some() {
        r.sections.push(Section {
            anchor: section.anchor.take(),
            heading: std::mem::take(&mut section.heading),
            text,
        });
    }
    *section = Section::default();
}

fn map_text(e: Event) -> Event {
    match e {
        Event::Text(t) if t.contains(['\u{201c}', '\u{201d}']) => {
            Event::Text(CowStr::from(german_quotes(&t).into_owned()))
        }
        other => other,
    }
}

/// The index of the event that closes the one at `start`.
fn find_end(events: &[(Event, std::ops::Range<usize>)], start: usize) -> usize {
    let mut depth = 0usize;
    for (j, (e, _)) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return j;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}

/// Resolves a link, records it for validation, returns (href, title of the linked chapter).
fn link_href(
    r: &mut Rendered,
    dest: &str,
    offset: usize,
    resolve: &dyn Resolve,
    link_type: LinkType,
) -> (String, Option<String>) {
    if matches!(link_type, LinkType::Email) {
        return (format!("mailto:{dest}"), None);
    }
    let target = classify(dest);
    let href = match &target {
        Target::Chapter { file, anchor } => match resolve.chapter(file) {
            Some((url, title)) => {
                let href = match anchor {
                    Some(a) => format!("{url}#{a}"),
                    None => url,
                };
                r.links.push(Link {
                    target: target.clone(),
                    raw: dest.into(),
                    offset,
                    pos: Pos::default(),
                });
                return (href, Some(title));
            }
            None => dest.to_string(),
        },
        Target::Asset(path) => resolve.asset(path).unwrap_or_else(|| dest.to_string()),
        Target::Anchor(_) | Target::External => dest.to_string(),
    };
    r.links.push(Link {
        target,
        raw: dest.into(),
        offset,
        pos: Pos::default(),
    });
    (href, None)
}

/// The plain text of a Markdown snippet (for search).
pub fn plain_text(md: &str) -> String {
    let mut out = String::new();
    for e in Parser::new_ext(md, options()) {
        match e {
            Event::Text(t) | Event::Code(t) => out.push_str(&german_quotes(&t)),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Renders a short Markdown text (one paragraph) without the surrounding `<p>`.
pub fn render_inline(md: &str, resolve: &dyn Resolve) -> Rendered {
    let mut r = render(md, resolve);
    let html = r.html.trim_end();
    if html.starts_with("<p>") && html.ends_with("</p>") && html.matches("<p>").count() == 1 {
        r.html = html[3..html.len() - 4].to_string();
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Book;
    impl Resolve for Book {
        fn chapter(&self, file: &str) -> Option<(String, String)> {
            (file == "02-formate.md").then(|| ("/formate/".into(), "Formate".into()))
        }
        fn asset(&self, path: &str) -> Option<String> {
            (path == "images/logo.svg").then(|| "/images/logo.svg".into())
        }
    }

    #[test]
    fn front_matter_is_split() {
        let fm = split_front_matter("---\ntitle: A\n---\n# Body\n").expect("has front matter");
        assert_eq!(fm.yaml, "title: A\n");
        assert_eq!(fm.body, "# Body\n");
        assert_eq!(fm.body_offset, 17);
        assert!(split_front_matter("title: A\n").is_none());
        assert!(split_front_matter("---\ntitle: A\n").is_none());
    }

    #[test]
    fn slugs_are_german_aware() {
        assert_eq!(
            slugify("Wie finde ich die richtige Ansprechperson?"),
            "wie-finde-ich-die-richtige-ansprechperson"
        );
        assert_eq!(slugify("Über Größe & Maß"), "ueber-groesse-mass");
        assert_eq!(slugify("??"), "abschnitt");
    }

    #[test]
    fn ids_are_checked() {
        assert!(is_valid_id("im-vorfeld-2"));
        assert!(!is_valid_id("Im Vorfeld"));
        assert!(!is_valid_id("-x"));
        assert!(!is_valid_id(""));
    }

    #[test]
    fn german_quotes_and_dashes() {
        let r = render("Sie sagte \"Hallo\" -- und ging.", &Book);
        assert_eq!(r.html, "<p>Sie sagte „Hallo“ – und ging.</p>\n");
    }

    #[test]
    fn headings_get_unique_ids_and_anchor_links() {
        let r = render("## Ziele\n\n## Ziele\n\n## Eigene {#meine}\n", &Book);
        let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["ziele", "ziele-2", "meine"]);
        assert!(
            r.html
                .contains("<h2 id=\"ziele\">Ziele<a class=\"anchor\" href=\"#ziele\""),
            "{}",
            r.html
        );
    }

    #[test]
    fn callouts_become_notes() {
        let r = render("> [!TIP]\n> Früh anfragen.\n", &Book);
        assert!(
            r.html.starts_with(
                "<div class=\"callout callout-tip\" role=\"note\">\n<p class=\"callout-title\">Tipp</p>"
            ),
            "{}",
            r.html
        );
        assert!(r.html.contains("Früh anfragen."));
    }

    #[test]
    fn chapter_links_resolve_and_are_recorded() {
        let r = render(
            "Siehe [Formate](02-formate.md#infoabende) und [fehlt](x.md).",
            &Book,
        );
        assert!(
            r.html
                .contains("<a href=\"/formate/#infoabende\" data-chapter=\"Formate\">Formate</a>"),
            "{}",
            r.html
        );
        assert_eq!(r.links.len(), 2);
        assert_eq!(
            r.links[1].target,
            Target::Chapter {
                file: "x.md".into(),
                anchor: None
            }
        );
        assert_eq!(r.links[1].offset, 46);
    }

    #[test]
    fn directives_are_found_alone_in_their_paragraph() {
        let r = render(
            "Text\n\n{{ organisations dachverbaende level=bund }}\n\nMehr {{ x }}\n",
            &Book,
        );
        assert_eq!(r.directives.len(), 1);
        assert_eq!(r.directives[0].kind, "organisations");
        assert_eq!(
            r.directives[0].filters,
            vec![("level".to_string(), "bund".to_string())]
        );
        assert_eq!(r.directives[0].offset, 6);
        assert!(r.html.contains("<!--directive:0-->"));
        assert_eq!(r.problems.len(), 1);
        let bad = render("{{ checklist }}", &Book);
        assert_eq!(
            bad.problems[0].message,
            "the directive `checklist` needs the id of a data file"
        );
    }

    #[test]
    fn sections_collect_plain_text() {
        let r = render("Vorweg.\n\n## Teil A\n\nEins *zwei*.\n", &Book);
        assert_eq!(r.sections.len(), 2);
        assert_eq!(r.sections[0].text, "Vorweg.");
        assert_eq!(r.sections[1].anchor.as_deref(), Some("teil-a"));
        assert_eq!(r.sections[1].text, "Eins zwei.");
    }

    #[test]
    fn classify_links() {
        assert_eq!(classify("https://x.de"), Target::External);
        assert_eq!(classify("mailto:a@b.de"), Target::External);
        assert_eq!(classify("#oben"), Target::Anchor("oben".into()));
        assert_eq!(
            classify("../images/a.png"),
            Target::Asset("images/a.png".into())
        );
    }
}
