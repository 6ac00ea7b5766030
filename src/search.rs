//! Search: the index the page searches, built from chapter sections and data items.

use crate::markdown::plain_text;
use crate::site::Site;

/// Emits the search index as compact JSON, in pieces (it can be large):
/// `{"v":1,"docs":[[title, context, url, text], ...]}`. Folding and matching happen in the
/// page, so the index holds the text once, as written (snippets are cut from it).
pub fn write(
    site: &Site,
    embedded_at: &std::collections::HashMap<String, String>,
    emit: &mut dyn FnMut(&str),
) {
    emit("{\"v\":1,\"docs\":[");
    let mut docs = Docs { emit, first: true };
    for c in &site.chapters {
        for s in &c.md.sections {
            let url = match &s.anchor {
                Some(a) => format!("{}#{a}", c.url),
                None => c.url.clone(),
            };
            let context = if s.heading.is_empty() {
                String::new()
            } else {
                s.heading.clone()
            };
            if s.text.is_empty() && context.is_empty() {
                continue;
            }
            docs.push(&c.title, &context, url, s.text.clone());
        }
        if c.md.sections.is_empty() {
            docs.push(&c.title, "", c.url.clone(), String::new());
        }
    }
    for (id, d) in &site.data {
        let Some(page) = embedded_at.get(id) else {
            continue;
        };
        let title = d.body.title();
        let item_url = |item: &str| format!("{page}#{id}-{item}");
        match &d.body {
            crate::data::Body::Organisations { items, .. } => {
                for i in items {
                    let name = match &i.short {
                        Some(s) => format!("{} ({s})", i.name),
                        None => i.name.clone(),
                    };
                    let mut text = format!(
                        "{} {} {}",
                        plain_text(&i.description),
                        i.focus.join(" "),
                        i.members.as_deref().unwrap_or("")
                    );
                    contact(&mut text, [&i.address, &i.phone, &i.fax, &i.email, &i.url]);
                    docs.push(&name, title, item_url(&i.id), text);
                }
            }
            crate::data::Body::Agencies { items, .. } => {
                for i in items {
                    let mut text = format!("{} {}", plain_text(&i.description), i.fields.join(" "));
                    contact(
                        &mut text,
                        [
                            &i.town, &i.carrier, &i.address, &i.phone, &i.fax, &i.email, &i.url,
                        ],
                    );
                    docs.push(&i.name, title, item_url(&i.id), text);
                }
            }
            crate::data::Body::Links { items, .. } => {
                for i in items {
                    let text = format!(
                        "{} {}",
                        i.url,
                        i.description.as_deref().map(plain_text).unwrap_or_default()
                    );
                    docs.push(&i.title, title, item_url(&i.id), text);
                }
            }
            crate::data::Body::Checklist { .. } => {
                for phase in d.body.phases() {
                    for p in &phase.points {
                        let context = if phase.title.is_empty() {
                            title.to_string()
                        } else {
                            format!("{title} · {}", phase.title)
                        };
                        docs.push(
                            &plain_text(&p.text),
                            &context,
                            item_url(&p.id),
                            String::new(),
                        );
                    }
                }
            }
            crate::data::Body::List { items, .. } => {
                for i in items {
                    let mut text = i.text.as_deref().map(plain_text).unwrap_or_default();
                    for extra in i.points.iter().chain(&i.examples) {
                        text.push(' ');
                        text.push_str(extra);
                    }
                    contact(&mut text, [&i.address, &i.phone, &i.fax, &i.email, &i.url]);
                    docs.push(&i.title, title, item_url(&i.id), text);
                }
            }
        }
    }
    (docs.emit)("]}");
}

/// Adds contact data to a search text (readers look for a town or a street too).
fn contact<const N: usize>(text: &mut String, fields: [&Option<String>; N]) {
    for value in fields.into_iter().flatten() {
        text.push(' ');
        text.push_str(&value.split_whitespace().collect::<Vec<_>>().join(" "));
    }
}

struct Docs<'a> {
    emit: &'a mut dyn FnMut(&str),
    first: bool,
}

impl Docs<'_> {
    /// One searchable entry: [title, context, url, text].
    fn push(&mut self, title: &str, context: &str, url: String, text: String) {
        if !self.first {
            (self.emit)(",");
        }
        self.first = false;
        (self.emit)(
            &serde_json::to_string(&(title, context, url, text)).unwrap_or_else(|_| "[]".into()),
        );
    }
}
