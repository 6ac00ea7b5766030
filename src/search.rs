//! Search: the index the page searches, built from chapter sections and data items.

use crate::markdown::plain_text;
use crate::site::Site;
use serde_json::{Value, json};

/// One searchable entry: [title, context, url, text].
fn doc(title: &str, context: &str, url: String, text: String) -> Value {
    json!([title, context, url, text])
}

/// The search index as compact JSON. Folding and matching happen in the page, so the
/// index holds the text once, as written (snippets are cut from it).
pub fn index(site: &Site, embedded_at: &std::collections::HashMap<String, String>) -> String {
    let mut docs = Vec::new();
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
            docs.push(doc(&c.title, &context, url, s.text.clone()));
        }
        if c.md.sections.is_empty() {
            docs.push(doc(&c.title, "", c.url.clone(), String::new()));
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
                    let text = format!("{} {}", plain_text(&i.description), i.focus.join(" "));
                    docs.push(doc(&name, title, item_url(&i.id), text));
                }
            }
            crate::data::Body::Agencies { items, .. } => {
                for i in items {
                    let text = format!("{} {}", plain_text(&i.description), i.fields.join(" "));
                    docs.push(doc(&i.name, title, item_url(&i.id), text));
                }
            }
            crate::data::Body::Links { items, .. } => {
                for i in items {
                    let text = format!(
                        "{} {}",
                        i.url,
                        i.description.as_deref().map(plain_text).unwrap_or_default()
                    );
                    docs.push(doc(&i.title, title, item_url(&i.id), text));
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
                        docs.push(doc(
                            &plain_text(&p.text),
                            &context,
                            item_url(&p.id),
                            String::new(),
                        ));
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
                    docs.push(doc(&i.title, title, item_url(&i.id), text));
                }
            }
        }
    }
    json!({ "v": 1, "docs": docs }).to_string()
}
