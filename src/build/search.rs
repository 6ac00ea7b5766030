//! Search: the index the page searches, built from chapter sections and data items.

use crate::model::data::Body;
use crate::model::markdown::Section;
use crate::model::markdown::plain_text;
use crate::model::site::{Page, Site};

/// The search index is JSON: `{"v":1,"docs":[[title, context, url, text], ...]}`. Folding and
/// matching happen in the page, so it holds the text once, as written (snippets are cut from
/// it). It is assembled from pieces: the data items, then each chapter's sections.
pub const HEAD: &str = "{\"v\":1,\"docs\":[";
pub const TAIL: &str = "]}";

/// One entry, as JSON.
fn doc(title: &str, context: &str, url: &str, text: &str) -> String {
    serde_json::to_string(&(title, context, url, text)).unwrap_or_else(|_| "[]".into())
}

/// A chapter's entries: one per section (the part before the first heading, then each heading).
pub fn chapter_docs(page: &Page, sections: &[Section]) -> Vec<String> {
    let mut docs = Vec::new();
    for s in sections {
        let url = match &s.anchor {
            Some(a) => format!("{}#{a}", page.url),
            None => page.url.clone(),
        };
        if s.text.is_empty() && s.heading.is_empty() {
            continue;
        }
        docs.push(doc(&page.title, &s.heading, &url, &s.text));
    }
    if docs.is_empty() {
        docs.push(doc(&page.title, "", &page.url, ""));
    }
    docs
}

/// The entries of the data lists: organisations, agencies, links, checklist points, list items,
/// each at the page that embeds it first.
pub fn data_docs(
    site: &Site,
    embedded_at: &std::collections::HashMap<String, String>,
) -> Vec<String> {
    let mut docs = Docs { out: Vec::new() };
    for (id, d) in &site.data {
        let Some(page) = embedded_at.get(id) else {
            continue;
        };
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
    }
    docs.out
}

struct Docs {
    out: Vec<String>,
}

impl Docs {
    fn push(&mut self, title: &str, context: &str, url: String, text: String) {
        self.out.push(doc(title, context, &url, &text));
    }
}

/// Adds contact data to a search text (readers look for a town or a street too).
fn contact(text: &mut String, fields: &[Option<&str>]) {
    for value in fields.iter().flatten() {
        text.push(' ');
        text.push_str(&value.split_whitespace().collect::<Vec<_>>().join(" "));
    }
}
