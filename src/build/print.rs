//! The whole handbook on one print page: the frame around the chapters, and each chapter's
//! part of it (headings one level down, ids prefixed so that all chapters fit on one page).

use crate::build::context::{Base, PageMeta, PartHeading, PrintContext, PrintEntry};
use crate::build::html;
use crate::build::templates::Templates;
use crate::diagnostic::Diagnostic;
use crate::model::site::{Page, Site};
use std::collections::HashMap;

/// Where each chapter's links lead on the print page.
pub(crate) struct PrintTargets {
    /// Chapter URL -> (its anchor on the print page, the prefix of its ids there).
    targets: HashMap<String, (String, String)>,
}

/// The id of a chapter's section on the print page.
fn anchor(page: &Page) -> String {
    format!("kapitel-{}", page.slug.replace('/', "-"))
}

/// The prefix of a chapter's ids on the print page.
fn prefix(page: &Page) -> String {
    format!("{}--", page.slug.replace('/', "-"))
}

impl PrintTargets {
    pub(crate) fn new(site: &Site) -> Self {
        PrintTargets {
            targets: site
                .chapters
                .iter()
                .map(|c| (c.url.clone(), (anchor(c), prefix(c))))
                .collect(),
        }
    }

    /// A chapter's HTML as it stands on the print page.
    pub(crate) fn chapter(&self, page: &Page, html: &str) -> String {
        html::prefix_ids(&html::shift_headings(html, 1), &prefix(page), &self.targets)
    }
}

/// The print page cut where the chapters go: `chapters + 1` pieces.
pub(crate) fn frame(
    site: &Site,
    base: &Base<'_>,
    templates: &Templates,
    canonical: String,
) -> Result<Vec<String>, Diagnostic> {
    let title = format!("{} – Druckfassung", site.config.title);
    let context = PrintContext {
        base,
        page: PageMeta {
            kind: "print",
            title: &title,
            description: &site.config.description,
            canonical,
        },
        chapters: site
            .chapters
            .iter()
            .enumerate()
            .map(|(i, c)| PrintEntry {
                number: &c.number,
                part_start: c
                    .part
                    .filter(|k| site.parts[*k].chapters.start == i)
                    .map(|k| {
                        let part = &site.parts[k].page;
                        PartHeading {
                            number: &part.number,
                            title: &part.title,
                            anchor: format!("teil-{}", part.slug),
                        }
                    }),
                title: &c.title,
                anchor: anchor(c),
                reviewed: c.reviewed.map(|d| d.german()),
                content: marker(i),
            })
            .collect(),
    };
    let page = String::from_utf8(templates.render("print.html", &context)?).unwrap_or_default();
    let mut pieces = Vec::with_capacity(site.chapters.len() + 1);
    let mut rest = page.as_str();
    for i in 0..site.chapters.len() {
        let (before, after) = rest.split_once(&marker(i)).unwrap_or((rest, ""));
        pieces.push(before.to_string());
        rest = after;
    }
    pieces.push(rest.to_string());
    Ok(pieces)
}

/// Where chapter `i` goes in the frame.
fn marker(i: usize) -> String {
    format!("<!--print-chapter:{i}-->")
}
