//! Search entries: what a reader can find — one per chapter section and one per data item —
//! with the text as written (the page folds it and cuts snippets from it).

use crate::model::data::Body;
use crate::model::markdown::Section;
use crate::model::markdown::plain_text;
use crate::model::site::{Page, Site};
use serde::Serialize;

/// One entry: its title, context (section heading or list), web address and text. In the
/// search files it is an array `[title, context, url, text]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry(pub String, pub String, pub String, pub String);

impl Entry {
    pub fn title(&self) -> &str {
        &self.0
    }
    pub fn context(&self) -> &str {
        &self.1
    }
    pub fn url(&self) -> &str {
        &self.2
    }
    pub fn text(&self) -> &str {
        &self.3
    }
}

fn doc(title: &str, context: &str, url: &str, text: &str) -> Entry {
    Entry(title.into(), context.into(), url.into(), text.into())
}

/// A chapter's entries: one per section (the part before the first heading, then each heading).
/// In a handbook with parts, the context names the chapter's part before the section.
pub fn chapter_docs(page: &Page, part: Option<&str>, sections: &[Section]) -> Vec<Entry> {
    let context = |heading: &str| match (part, heading) {
        (Some(part), "") => part.to_string(),
        (Some(part), heading) => format!("{part} › {heading}"),
        (None, heading) => heading.to_string(),
    };
    let mut docs = Vec::new();
    for s in sections {
        let url = match &s.anchor {
            Some(a) => format!("{}#{a}", page.url),
            None => page.url.clone(),
        };
        if s.text.is_empty() && s.heading.is_empty() {
            continue;
        }
        docs.push(doc(&page.title, &context(&s.heading), &url, &s.text));
    }
    if docs.is_empty() {
        docs.push(doc(&page.title, &context(""), &page.url, ""));
    }
    docs
}

/// The entries of the data lists: organisations, agencies, links, checklist points, list items,
/// each at the page that embeds it first; one list of entries per data file.
pub fn data_docs(
    site: &Site,
    embedded_at: &rustc_hash::FxHashMap<String, String>,
) -> Vec<Vec<Entry>> {
    let mut files = Vec::new();
    for (id, d) in &site.data {
        let Some(page) = embedded_at.get(id) else {
            continue;
        };
        let mut docs = Docs { out: Vec::new() };
        let title = d.header.title.as_str();
        let item_url = |item: &str| format!("{page}#{id}-{item}");
        match &d.body {
            Body::Organisations(items) => {
                for i in items {
                    let name = match &i.short {
                        Some(s) => format!("{} ({s})", i.name),
                        None => i.name.clone(),
                    };
                    let mut text = format!(
                        "{} {} {}",
                        plain_text(&i.description.source),
                        i.focus.join(" "),
                        i.members.as_ref().map_or("", |m| m.source.as_str())
                    );
                    contact(&mut text, &i.contact().fields());
                    docs.push(&name, title, item_url(&i.id), text);
                }
            }
            Body::Agencies(items) => {
                for i in items {
                    let mut text = format!(
                        "{} {}",
                        plain_text(&i.description.source),
                        i.fields.join(" ")
                    );
                    let c = i.contact();
                    contact(
                        &mut text,
                        &[
                            i.town.as_deref(),
                            i.carrier.as_deref(),
                            c.address,
                            c.phone,
                            c.fax,
                            c.email,
                            c.url,
                        ],
                    );
                    docs.push(&i.name, title, item_url(&i.id), text);
                }
            }
            Body::Links { items, .. } => {
                for i in items {
                    // The description first: snippets start with it, the address follows.
                    let text = format!(
                        "{} {}",
                        i.description
                            .as_ref()
                            .map(|m| plain_text(&m.source))
                            .unwrap_or_default(),
                        i.url
                    );
                    docs.push(&i.title, title, item_url(&i.id), text);
                }
            }
            Body::Checklist(phases) => {
                for phase in phases {
                    for p in &phase.points {
                        let context = if phase.title.is_empty() {
                            title.to_string()
                        } else {
                            format!("{title} · {}", phase.title)
                        };
                        docs.push(
                            &plain_text(&p.text.source),
                            &context,
                            item_url(&p.id),
                            String::new(),
                        );
                    }
                }
            }
            Body::List(items) => {
                for i in items {
                    let mut text = i
                        .text
                        .as_ref()
                        .map(|m| plain_text(&m.source))
                        .unwrap_or_default();
                    for extra in i.points.iter().chain(&i.examples) {
                        text.push(' ');
                        text.push_str(&extra.source);
                    }
                    contact(&mut text, &i.contact().fields());
                    docs.push(&i.title, title, item_url(&i.id), text);
                }
            }
        }
        if !docs.out.is_empty() {
            files.push(docs.out);
        }
    }
    files
}

struct Docs {
    out: Vec<Entry>,
}

impl Docs {
    fn push(&mut self, title: &str, context: &str, url: String, text: String) {
        self.out
            .push(Entry(title.into(), context.into(), url, text));
    }
}

/// Adds contact data to a search text (readers look for a town or a street too).
fn contact(text: &mut String, fields: &[Option<&str>]) {
    for value in fields.iter().flatten() {
        text.push(' ');
        text.push_str(&value.split_whitespace().collect::<Vec<_>>().join(" "));
    }
}
