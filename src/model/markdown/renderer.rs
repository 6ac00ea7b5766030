//! The Markdown renderer: one pass over pulldown-cmark's events, one method per element that
//! gets special treatment (headings, directives, links, images, callouts, tables, task markers).

use super::{
    Directive, Heading, Link, Origin, Problem, Rendered, Resolve, Section, Target, classify,
    escape, slugify,
};
use crate::i18n::{BlockedHtml, Msg};
use pulldown_cmark::{BlockQuoteKind, CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd};
use std::collections::HashSet;
use std::ops::Range;

/// An event with the byte range of its source.
type Located<'e> = (Event<'e>, Range<usize>);

/// One rendering of a Markdown text.
pub(super) struct Renderer<'a, 'e> {
    resolve: &'a dyn Resolve,
    /// HTML and search text too, not only what validation needs.
    full: bool,
    origin: Origin,
    events: &'e [Located<'e>],
    out: Vec<Event<'e>>,
    r: Rendered,
    /// Heading ids taken so far (explicit ones first, so generated ones never take them).
    used_ids: HashSet<String>,
    /// The search section being collected.
    section: Section,
}

impl<'a, 'e> Renderer<'a, 'e> {
    pub(super) fn new(
        source: &'e str,
        events: &'e [Located<'e>],
        resolve: &'a dyn Resolve,
        full: bool,
        origin: Origin,
    ) -> Self {
        let mut r = Rendered::default();
        // Explicit ids are claimed first, so that generated ones never take them; an explicit
        // id given twice would leave one anchor unreachable.
        let mut used_ids: HashSet<String> = HashSet::new();
        let mut first_at: std::collections::HashMap<String, usize> = Default::default();
        for (e, range) in events {
            if let Event::Start(Tag::Heading { id: Some(id), .. }) = e {
                if let Some(first) = first_at.get(id.as_ref()) {
                    r.problems.push(Problem {
                        offset: range.start,
                        pos: None,
                        error: true,
                        msg: Msg::DuplicateHeadingId {
                            id: id.to_string(),
                            first_line: source[..*first].matches('\n').count() + 1,
                        },
                    });
                } else {
                    first_at.insert(id.to_string(), range.start);
                }
                used_ids.insert(id.to_string());
            }
        }
        Renderer {
            resolve,
            full,
            origin,
            events,
            out: Vec::with_capacity(events.len()),
            r,
            used_ids,
            section: Section::default(),
        }
    }

    /// Renders every event; returns the HTML (when full) and what was found.
    pub(super) fn run(mut self) -> Rendered {
        let mut i = 0;
        while i < self.events.len() {
            i = self.event(i);
        }
        if self.full {
            self.flush_section();
            pulldown_cmark::html::push_html(&mut self.r.html, self.out.into_iter());
        }
        self.r.full = self.full;
        self.r
    }

    /// Handles the event at `i`; returns the index of the next event to handle.
    fn event(&mut self, i: usize) -> usize {
        let (event, range) = &self.events[i];
        match event {
            Event::Start(Tag::Heading { .. }) => return self.heading(i),
            Event::Start(Tag::Paragraph) => return self.paragraph(i),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }) => self.link(dest_url, title, range.start, *link_type),
            Event::End(TagEnd::Link) => self.out.push(Event::InlineHtml(CowStr::from("</a>"))),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let (href, _) = self.href(dest_url, range.start, *link_type);
                self.out.push(Event::Start(Tag::Image {
                    link_type: *link_type,
                    dest_url: CowStr::from(href),
                    title: title.clone(),
                    id: id.clone(),
                }));
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => self.callout(*kind),
            Event::End(TagEnd::BlockQuote(Some(_))) => self.html("</div>\n"),
            Event::Start(Tag::Table(_)) => {
                self.html("<div class=\"table-wrap\">");
                self.out.push(event.clone());
            }
            Event::End(TagEnd::Table) => {
                self.out.push(event.clone());
                self.html("</div>\n");
            }
            Event::TaskListMarker(done) => self.task_marker(*done),
            Event::Html(html) | Event::InlineHtml(html) => self.raw_html(html, range.start),
            Event::Text(t) | Event::Code(t) => {
                if self.full {
                    self.section.text.push_str(&german_quotes(t));
                }
                self.out.push(map_text(event.clone()));
            }
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                self.section.text.push(' ');
                self.out.push(event.clone());
            }
            _ => self.out.push(event.clone()),
        }
        i + 1
    }

    /// HTML the author wrote: shown as text in data fields; in chapters kept, unless it holds
    /// what the site's Content-Security-Policy would block anyway.
    fn raw_html(&mut self, html: &CowStr<'e>, offset: usize) {
        if self.origin == Origin::DataField {
            self.out.push(Event::Text(html.clone()));
            return;
        }
        if let Some(what) = blocked(html) {
            self.r.problems.push(Problem {
                offset,
                pos: None,
                error: true,
                msg: Msg::BlockedHtml { what },
            });
        }
        self.out.push(Event::Html(html.clone()));
    }

    fn html(&mut self, html: &str) {
        self.out.push(Event::Html(CowStr::from(html.to_string())));
    }

    /// A heading: a unique id, an anchor link, a new search section.
    fn heading(&mut self, i: usize) -> usize {
        let (
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }),
            range,
        ) = &self.events[i]
        else {
            return i + 1;
        };
        let end = find_end(self.events, i);
        let inner = &self.events[i + 1..end];
        let text: String = inner
            .iter()
            .filter_map(|(e, _)| match e {
                Event::Text(t) | Event::Code(t) => Some(german_quotes(t)),
                _ => None,
            })
            .collect();
        let id = match id {
            Some(id) => id.to_string(),
            None => self.unique_id(&text),
        };
        if *level == HeadingLevel::H1 {
            self.r.problems.push(Problem {
                offset: range.start,
                pos: None,
                error: false,
                msg: Msg::HeadingLevelOne,
            });
        }
        if self.full {
            self.flush_section();
            self.section.anchor = Some(id.clone());
            self.section.heading = text.clone();
        }
        self.r.headings.push(Heading {
            level: *level as u8,
            id: id.clone(),
            text,
            offset: range.start,
        });
        self.out.push(Event::Start(Tag::Heading {
            level: *level,
            id: Some(CowStr::from(id.clone())),
            classes: classes.clone(),
            attrs: attrs.clone(),
        }));
        for (e, _) in inner {
            self.out.push(map_text(e.clone()));
        }
        self.out.push(Event::Html(CowStr::from(format!(
            "<a class=\"anchor\" href=\"#{}\" aria-label=\"Link zu diesem Abschnitt\">#</a>",
            escape(&id)
        ))));
        self.out.push(Event::End(TagEnd::Heading(*level)));
        end + 1
    }

    /// The slug of `text`, numbered when it is taken (`ziele`, `ziele-2`).
    fn unique_id(&mut self, text: &str) -> String {
        let base = slugify(text);
        let mut id = base.clone();
        let mut n = 2;
        while self.used_ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.used_ids.insert(id.clone());
        id
    }

    /// A paragraph: a directive when it holds only `{{ … }}`, otherwise text.
    fn paragraph(&mut self, i: usize) -> usize {
        let (event, range) = &self.events[i];
        let end = find_end(self.events, i);
        // Only plain text can be a directive: anything else (emphasis, links) becomes NUL.
        let text: String = self.events[i + 1..end]
            .iter()
            .map(|(e, _)| match e {
                Event::Text(t) => t.to_string(),
                Event::SoftBreak => " ".into(),
                _ => "\u{0}".into(),
            })
            .collect();
        let trimmed = text.trim();
        if trimmed.starts_with("{{") && trimmed.ends_with("}}") && !trimmed.contains('\u{0}') {
            match parse_directive(&trimmed[2..trimmed.len() - 2], range.start) {
                Ok(d) => {
                    self.html(&format!("<!--directive:{}-->\n", self.r.directives.len()));
                    self.r.directives.push(d);
                }
                Err(p) => self.r.problems.push(*p),
            }
            return end + 1;
        }
        if text.contains("{{") {
            self.r.problems.push(Problem {
                offset: range.start,
                pos: None,
                error: false,
                msg: Msg::BracesInParagraph,
            });
        }
        self.out.push(event.clone());
        i + 1
    }

    /// A link: its address resolved (chapters by file name), the chapter's title kept for print.
    fn link(&mut self, dest: &str, title: &str, offset: usize, link_type: LinkType) {
        let (href, chapter_title) = self.href(dest, offset, link_type);
        let mut html = format!("<a href=\"{}\"", escape(&href));
        if !title.is_empty() {
            html.push_str(&format!(" title=\"{}\"", escape(title)));
        }
        if let Some(chapter_title) = chapter_title {
            html.push_str(&format!(" data-chapter=\"{}\"", escape(&chapter_title)));
        }
        html.push('>');
        self.out.push(Event::InlineHtml(CowStr::from(html)));
    }

    /// Resolves a link, records it for validation, returns (href, title of the linked chapter).
    fn href(&mut self, dest: &str, offset: usize, link_type: LinkType) -> (String, Option<String>) {
        if matches!(link_type, LinkType::Email) {
            return (format!("mailto:{dest}"), None);
        }
        let target = classify(dest);
        let (href, title) = match &target {
            Target::Chapter { file, anchor } => match self.resolve.chapter(file) {
                Some((url, title)) => {
                    let href = match anchor {
                        Some(a) => format!("{url}#{a}"),
                        None => url,
                    };
                    (href, Some(title))
                }
                None => (dest.to_string(), None),
            },
            Target::Asset(path) => (
                self.resolve.asset(path).unwrap_or_else(|| dest.to_string()),
                None,
            ),
            Target::Anchor(_) | Target::External => (dest.to_string(), None),
            // Reported by validation; the page is never written.
            Target::Unsafe(_) => ("#".to_string(), None),
        };
        self.r.links.push(Link {
            target,
            raw: dest.into(),
            offset,
            pos: None,
        });
        (href, title)
    }

    /// `> [!TIP]` and its kin: a note with a German title.
    fn callout(&mut self, kind: BlockQuoteKind) {
        let (class, title) = callout_title(kind);
        self.html(&format!(
            "<div class=\"callout callout-{class}\" role=\"note\">\n<p class=\"callout-title\">{title}</p>\n"
        ));
    }

    /// A task list item's state, shown as a symbol with a name: a disabled, unlabelled
    /// checkbox would be a form control without a label.
    fn task_marker(&mut self, done: bool) {
        let (symbol, name) = if done {
            ("☑", "erledigt")
        } else {
            ("☐", "offen")
        };
        self.out.push(Event::InlineHtml(CowStr::from(format!(
            "<span class=\"task-marker\" role=\"img\" aria-label=\"{name}\">{symbol}</span> "
        ))));
    }

    /// Ends the search section being collected.
    fn flush_section(&mut self) {
        let section = std::mem::take(&mut self.section);
        let text = section
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !text.is_empty() || section.anchor.is_some() {
            self.r.sections.push(Section {
                anchor: section.anchor,
                heading: section.heading,
                text,
            });
        }
    }
}

fn map_text(e: Event<'_>) -> Event<'_> {
    match e {
        Event::Text(t) if t.contains(['\u{201c}', '\u{201d}']) => {
            Event::Text(CowStr::from(german_quotes(&t).into_owned()))
        }
        other => other,
    }
}

/// The index of the event that closes the one at `start`.
fn find_end(events: &[Located<'_>], start: usize) -> usize {
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

/// German quotation marks from the English ones smart punctuation produces.
pub(super) fn german_quotes(s: &str) -> std::borrow::Cow<'_, str> {
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
fn parse_directive(inner: &str, offset: usize) -> Result<Directive, Box<Problem>> {
    let mut words = inner.split_whitespace();
    let problem = |msg: Msg| {
        Box::new(Problem {
            offset,
            pos: None,
            error: true,
            msg,
        })
    };
    let kind = words.next().ok_or_else(|| problem(Msg::DirectiveEmpty))?;
    let id = words.next().ok_or_else(|| {
        problem(Msg::DirectiveNeedsId {
            kind: kind.to_string(),
        })
    })?;
    let mut filters = Vec::new();
    for w in words {
        let (k, v) = w.split_once('=').ok_or_else(|| {
            problem(Msg::DirectiveFilterForm {
                word: w.to_string(),
            })
        })?;
        filters.push((k.to_string(), v.to_string()));
    }
    Ok(Directive {
        kind: kind.to_string(),
        id: id.to_string(),
        filters,
        offset,
        pos: None,
    })
}

/// What in raw HTML the site's Content-Security-Policy would block: scripts, event handler
/// attributes, inline styles, `javascript:` addresses.
fn blocked(html: &str) -> Option<BlockedHtml> {
    let lower = html.to_ascii_lowercase();
    if lower.contains("<script") {
        return Some(BlockedHtml::Script);
    }
    // Attribute names inside tags (`<a onclick = "…">`), whitespace around `=` dropped.
    let mut names = Vec::new();
    for tag in lower.split('<').skip(1) {
        let inside = tag.split('>').next().unwrap_or("");
        let mut squeezed = inside.to_string();
        while squeezed.contains(" =") || squeezed.contains("= ") {
            squeezed = squeezed.replace(" =", "=").replace("= ", "=");
        }
        for word in squeezed.split_whitespace().skip(1) {
            if let Some((name, _)) = word.split_once('=') {
                names.push(name.to_string());
            }
        }
    }
    let event = |n: &String| {
        n.len() > 2 && n.starts_with("on") && n[2..].bytes().all(|b| b.is_ascii_lowercase())
    };
    if names.iter().any(event) {
        return Some(BlockedHtml::EventAttribute);
    }
    if names.iter().any(|n| n == "style") {
        return Some(BlockedHtml::StyleAttribute);
    }
    let squeezed: String = lower
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    if squeezed.contains("javascript:") {
        return Some(BlockedHtml::ScriptAddress);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_the_policy_blocks() {
        assert_eq!(blocked("<SCRIPT src=x>"), Some(BlockedHtml::Script));
        assert_eq!(
            blocked("<img src=x onerror = \"a()\">"),
            Some(BlockedHtml::EventAttribute)
        );
        assert_eq!(
            blocked("<p style=\"color:red\">"),
            Some(BlockedHtml::StyleAttribute)
        );
        assert_eq!(
            blocked("<a href=\"java\tscript:x\">"),
            Some(BlockedHtml::ScriptAddress)
        );
        assert_eq!(blocked("<details><summary>online=ja</summary>"), None);
        assert_eq!(
            blocked("<abbr title=\"Migrantenselbstorganisation\">MSO</abbr>"),
            None
        );
    }
}
