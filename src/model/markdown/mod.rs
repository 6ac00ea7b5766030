//! Markdown: front matter, German typography, heading ids, callouts, links and directives.

mod front_matter;
mod renderer;
mod slug;

pub use front_matter::{FrontMatter, split_front_matter};
pub use slug::{is_valid_id, slugify};

use crate::diagnostic::Pos;
use pulldown_cmark::{Event, Options, Parser};

/// Markdown an author wrote in a data field, with its HTML once the handbook's links are known.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Markdown {
    pub source: String,
    pub html: String,
}

/// What authors write: text with Markdown.
impl schemars::JsonSchema for Markdown {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Markdown".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string" })
    }
}

impl<'de> serde::Deserialize<'de> for Markdown {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        <String as serde::Deserialize>::deserialize(deserializer).map(|source| Markdown {
            source,
            html: String::new(),
        })
    }
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
    /// A web, mail or phone address (`https:`, `http:`, `mailto:`, `tel:`, `//host`).
    External,
    /// Any other scheme (`javascript:`, `data:`, `file:`, …): never allowed in a link.
    Unsafe(String),
}

/// A link found in Markdown, with the byte offset of its start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub target: Target,
    pub raw: String,
    pub offset: usize,
    /// Where in its file (set by [`Rendered::locate`]).
    pub pos: Option<Pos>,
}

/// `{{ kind id key=value }}` alone in a paragraph: embeds a data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub kind: String,
    pub id: String,
    pub filters: Vec<(String, String)>,
    pub offset: usize,
    pub pos: Option<Pos>,
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
    pub pos: Option<Pos>,
    pub error: bool,
    pub msg: crate::i18n::Msg,
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
    /// Whether `html` and `sections` were made (a full render), or only what validation needs.
    pub full: bool,
}

impl Rendered {
    /// Gives back the room its lists grew into: a big handbook keeps every chapter's.
    fn shrink(&mut self) {
        self.html.shrink_to_fit();
        self.headings.shrink_to_fit();
        self.links.shrink_to_fit();
        self.directives.shrink_to_fit();
        self.problems.shrink_to_fit();
        self.sections.shrink_to_fit();
    }

    /// Sets the file position of every link, directive and problem: the Markdown started at
    /// byte `body_offset` of `text`.
    pub fn locate(&mut self, text: &str, body_offset: usize) {
        let lines = crate::diagnostic::Lines::new(text);
        let at = |offset: usize| Some(lines.pos(body_offset + offset));
        for l in &mut self.links {
            l.pos = at(l.offset);
        }
        for d in &mut self.directives {
            d.pos = at(d.offset);
        }
        // Lines the renderer counted within the Markdown become lines of the file.
        let lines_before = lines.pos(body_offset).line - 1;
        for p in &mut self.problems {
            p.pos = at(p.offset);
            if let crate::i18n::Msg::DuplicateHeadingId { first_line, .. } = &mut p.msg {
                *first_line += lines_before;
            }
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
    // Browsers drop whitespace and control characters inside addresses and ignore the case
    // of the scheme (`Java\tScript:`): the scheme is judged as they would read it.
    let squeezed: String = dest
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme = squeezed.split_once(':').map(|(s, _)| s).filter(|s| {
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    });
    match scheme {
        Some("https" | "http" | "mailto" | "tel") => return Target::External,
        Some(_) => return Target::Unsafe(dest.to_string()),
        None if squeezed.starts_with("//") => return Target::External,
        None => {}
    }
    if let Some(anchor) = dest.strip_prefix('#') {
        return Target::Anchor(anchor.to_string());
    }
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a.to_string())),
        None => (dest, None),
    };
    if path.ends_with(".md") {
        // A chapter by its file below content/chapters/ (`02-grundlagen/01-begriffe.md`) or
        // by its file name; `./`, `../` and `chapters/` in front are where the author stood.
        let mut file = path;
        loop {
            let shorter = file
                .strip_prefix("./")
                .or_else(|| file.strip_prefix("../"))
                .or_else(|| file.strip_prefix("chapters/"))
                .or_else(|| file.strip_prefix('/'));
            match shorter {
                Some(rest) => file = rest,
                None => break,
            }
        }
        Target::Chapter {
            file: file.to_string(),
            anchor,
        }
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

fn render_as(md: &str, resolve: &dyn Resolve, full: bool, origin: Origin) -> Rendered {
    let events: Vec<(Event<'_>, std::ops::Range<usize>)> =
        Parser::new_ext(md, options()).into_offset_iter().collect();
    renderer::Renderer::new(md, &events, resolve, full, origin).run()
}

/// Where Markdown comes from, which decides what raw HTML in it becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    /// A chapter: raw HTML stays HTML (but nothing the Content-Security-Policy would block).
    Chapter,
    /// A data field (often pasted from elsewhere): raw HTML is shown as text.
    DataField,
}

/// Renders a chapter's Markdown to HTML and collects headings, links, directives and search text.
pub fn render(md: &str, resolve: &dyn Resolve) -> Rendered {
    render_as(md, resolve, true, Origin::Chapter)
}

/// Only what validation needs: headings, links, directives, problems (no HTML, no text);
/// with `full`, the HTML and text as well (as [`render`] makes them).
pub fn metadata(md: &str, resolve: &dyn Resolve, full: bool) -> Rendered {
    let mut r = render_as(md, resolve, full, Origin::Chapter);
    r.shrink();
    r
}

/// The plain text of a Markdown snippet (for search).
pub fn plain_text(md: &str) -> String {
    let mut out = String::new();
    for e in Parser::new_ext(md, options()) {
        match e {
            Event::Text(t) | Event::Code(t) => out.push_str(&renderer::german_quotes(&t)),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Renders a short Markdown text (one paragraph) without the surrounding `<p>`.
pub fn render_inline(md: &str, resolve: &dyn Resolve) -> Rendered {
    let mut r = render_as(md, resolve, true, Origin::DataField);
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
            bad.problems[0].msg,
            crate::i18n::Msg::DirectiveNeedsId {
                kind: "checklist".into()
            }
        );
    }

    #[test]
    fn raw_html_is_text_in_data_and_checked_in_chapters() {
        let data = render_inline("Ein <b>fetter</b> <img src=x onerror=y> Text", &Book);
        assert_eq!(
            data.html,
            "Ein &lt;b&gt;fetter&lt;/b&gt; &lt;img src=x onerror=y&gt; Text"
        );
        assert!(data.problems.is_empty());
        let chapter = render(
            "<p onclick=\"x()\">Hallo</p>\n\n<abbr title=\"MSO\">MSO</abbr>\n",
            &Book,
        );
        assert_eq!(
            chapter.problems[0].msg,
            crate::i18n::Msg::BlockedHtml {
                what: crate::i18n::BlockedHtml::EventAttribute
            }
        );
        assert_eq!(chapter.problems.len(), 1);
    }

    #[test]
    fn a_heading_id_given_twice_is_an_error() {
        let r = render("## A {#x}\n\nText\n\n## B {#x}\n", &Book);
        assert_eq!(
            r.problems[0].msg,
            crate::i18n::Msg::DuplicateHeadingId {
                id: "x".into(),
                first_line: 1
            }
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
        assert_eq!(classify("TEL:+49 2306 1234"), Target::External);
        for bad in [
            "javascript:alert(1)",
            " Java\tScript:x",
            "data:text/html,x",
            "file:///etc/passwd",
            "vbscript:x",
        ] {
            assert_eq!(classify(bad), Target::Unsafe(bad.to_string()), "{bad}");
        }
        assert_eq!(classify("#oben"), Target::Anchor("oben".into()));
        assert_eq!(
            classify("../images/a.png"),
            Target::Asset("images/a.png".into())
        );
    }
}
