//! Validate: directives, data references, links and anchors, freshness. Collects every problem
//! and hands render what it proved: each directive's embedded view.

use crate::build::embed::{Embed, Refusal, embed};
use crate::diagnostic::{Diagnostic, Pos};
use crate::model::data::DataLink;
use crate::model::date::Date;
use crate::model::markdown::Target;
use crate::model::site::{Page, Site};
use std::collections::{HashMap, HashSet};

/// What validation proved, for render: the view of every directive, page by page (the start
/// page first, then the chapters in order), each in the order of the page's directives.
pub struct Proven<'a> {
    pub embeds: Vec<Vec<Embed<'a>>>,
}

impl<'a> Proven<'a> {
    /// The views of the start page's directives.
    pub fn index(&self) -> &[Embed<'a>] {
        &self.embeds[0]
    }

    /// The views of chapter `i`'s directives.
    pub fn chapter(&self, i: usize) -> &[Embed<'a>] {
        &self.embeds[i + 1]
    }
}

/// Checks the whole site. On success: what render needs, and the warnings; otherwise every
/// error and warning.
pub fn validate(
    site: &Site,
    today: Date,
) -> Result<(Proven<'_>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let pages: Vec<&Page> = std::iter::once(&site.index).chain(&site.chapters).collect();
    // Each directive embedded once: its anchors, its errors and its view come from one call.
    let embeds: Vec<Vec<Result<Embed<'_>, Refusal>>> = pages
        .iter()
        .map(|p| p.md.directives.iter().map(|d| embed(site, d)).collect())
        .collect();
    let links = Links::new(site, &pages, &embeds);
    let mut out = Vec::new();
    for (page, page_embeds) in pages.iter().zip(&embeds) {
        out.extend(page_problems(page));
        out.extend(directives(page, page_embeds));
        out.extend(links.of_page(page));
    }
    out.extend(links.of_data(&site.data_links));
    out.extend(unused_data(site, &pages));
    out.extend(freshness(site, today));
    if out.iter().any(Diagnostic::is_error) {
        return Err(out);
    }
    let embeds = embeds
        .into_iter()
        .map(|page| page.into_iter().flatten().collect())
        .collect();
    Ok((Proven { embeds }, out))
}

/// What the Markdown of a page noticed (a `#` heading, a broken directive, …).
fn page_problems(page: &Page) -> Vec<Diagnostic> {
    page.md
        .problems
        .iter()
        .map(|p| {
            let d = if p.error {
                Diagnostic::error(&page.path, 0, 0, &p.message)
            } else {
                Diagnostic::warning(&page.path, 0, 0, &p.message)
            };
            d.at(p.pos).with_hint(&p.hint)
        })
        .collect()
}

/// Directives that do not fit the data, and ids a page would get twice.
fn directives(page: &Page, embeds: &[Result<Embed<'_>, Refusal>]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let headings: HashSet<&str> = page.md.headings.iter().map(|h| h.id.as_str()).collect();
    let mut embedded: HashSet<String> = HashSet::new();
    for (d, view) in page.md.directives.iter().zip(embeds) {
        let error = |message: String, hint: &str| {
            Diagnostic::error(&page.path, 0, 0, message)
                .at(d.pos)
                .with_hint(hint)
        };
        let view = match view {
            Err((message, hint)) => {
                out.push(error(message.clone(), hint));
                continue;
            }
            Ok(view) => view,
        };
        for a in view.anchors() {
            if headings.contains(a.as_str()) {
                out.push(error(
                    format!("the id `{a}` is used by a heading and by embedded data"),
                    "give the heading another id: `## Titel {#anderer-name}`",
                ));
            } else if !embedded.insert(a.clone()) {
                out.push(error(
                    format!("`{a}` is embedded twice on this page"),
                    "embed each item once per page; use filters to show different parts of a list",
                ));
                break;
            }
        }
    }
    out
}

/// Where links may point: chapters, their anchors, copied files.
struct Links<'s> {
    anchors: HashMap<&'s str, HashSet<String>>,
    assets: HashSet<&'s str>,
    files: HashSet<&'s str>,
}

impl<'s> Links<'s> {
    fn new(site: &'s Site, pages: &[&'s Page], embeds: &[Vec<Result<Embed<'_>, Refusal>>]) -> Self {
        let anchors = pages
            .iter()
            .zip(embeds)
            .map(|(p, e)| {
                let mut a: HashSet<String> = p.md.headings.iter().map(|h| h.id.clone()).collect();
                a.extend(e.iter().flatten().flat_map(Embed::anchors));
                (p.file.as_str(), a)
            })
            .collect();
        Links {
            anchors,
            assets: site.assets.iter().map(|a| a.site_path.as_str()).collect(),
            files: site.chapters.iter().map(|c| c.file.as_str()).collect(),
        }
    }

    /// Why `target` (written on page `here`, if on a page) leads nowhere, if it does.
    fn broken(&self, target: &Target, here: Option<&str>) -> Option<(String, String)> {
        match target {
            Target::External => None,
            Target::Chapter { file, anchor } => {
                let Some(anchors) = self
                    .anchors
                    .get(file.as_str())
                    .filter(|_| self.files.contains(&file.as_str()))
                else {
                    let hint = match closest(file, self.files.iter().copied()) {
                        Some(c) => format!("did you mean `{c}`?"),
                        None => "link to a file in content/chapters/ by its file name".into(),
                    };
                    return Some((format!("link to a chapter that does not exist: `{file}`"), hint));
                };
                let anchor = anchor.as_deref()?;
                (!anchors.contains(anchor)).then(|| {
                    (
                        format!("`{file}` has no heading or item with the id `{anchor}`"),
                        anchor_hint(anchor, anchors),
                    )
                })
            }
            Target::Anchor(anchor) => {
                let anchors = self.anchors.get(here?)?;
                (!anchors.contains(anchor)).then(|| {
                    (
                        format!("this page has no heading or item with the id `{anchor}`"),
                        anchor_hint(anchor, anchors),
                    )
                })
            }
            Target::Asset(path) => (!self.assets.contains(path.as_str())).then(|| {
                (
                    format!("link to a file that does not exist: `{path}`"),
                    "put the file below content/ (e.g. content/images/) and link to it by that path".into(),
                )
            }),
        }
    }

    fn of_page(&self, page: &Page) -> Vec<Diagnostic> {
        page.md
            .links
            .iter()
            .filter_map(|link| {
                let (message, hint) = self.broken(&link.target, Some(&page.file))?;
                Some(
                    Diagnostic::error(&page.path, 0, 0, message)
                        .at(link.pos)
                        .with_hint(hint),
                )
            })
            .collect()
    }

    fn of_data(&self, links: &[DataLink]) -> Vec<Diagnostic> {
        links
            .iter()
            .filter_map(|l| {
                let (message, hint) = if let Target::Anchor(_) = l.link.target {
                    (
                        format!(
                            "`{}` links within a page, but data can be embedded anywhere",
                            l.link.raw
                        ),
                        "link to the chapter file with the anchor: `kapitel.md#abschnitt`".into(),
                    )
                } else {
                    self.broken(&l.link.target, None)?
                };
                let pos = l.pos.unwrap_or(Pos::new(1, 1));
                Some(Diagnostic::error(&l.path, pos.line, pos.col, message).with_hint(hint))
            })
            .collect()
    }
}

/// Data that no page embeds is probably forgotten.
fn unused_data(site: &Site, pages: &[&Page]) -> Vec<Diagnostic> {
    let used: HashSet<&str> = pages
        .iter()
        .flat_map(|p| &p.md.directives)
        .map(|d| d.id.as_str())
        .collect();
    site.data
        .values()
        .filter(|d| !used.contains(d.id.as_str()))
        .map(|d| {
            Diagnostic::warning(&d.path, 0, 0, "no chapter embeds this data file")
                .with_hint(format!("add {{{{ {} {} }}}} to a chapter", d.kind, d.id))
        })
        .collect()
}

/// Chapters and contact lists reviewed longer ago than `review_after_months`.
fn freshness(site: &Site, today: Date) -> Vec<Diagnostic> {
    let Some(months) = site.config.review_after_months else {
        return Vec::new();
    };
    let months = i64::from(months);
    let mut out = Vec::new();
    for c in &site.chapters {
        if let Some(r) = c.reviewed
            && r.months_until(&today) >= months
        {
            let pos = c.reviewed_pos.unwrap_or(Pos::new(1, 1));
            out.push(
                Diagnostic::warning(
                    &c.path,
                    pos.line,
                    pos.col,
                    format!("the chapter was last reviewed on {r}, more than {months} months ago"),
                )
                .with_hint("check its content and set `reviewed:` to today's date"),
            );
        }
    }
    for d in site.data.values().filter(|d| d.has_contacts()) {
        match d.header.reviewed {
            Some(r) if r.months_until(&today) >= months => {
                let pos = d.positions.key("reviewed").unwrap_or(Pos::new(1, 1));
                out.push(
                    Diagnostic::warning(&d.path, pos.line, pos.col, format!("the contact data was last reviewed on {r}, more than {months} months ago"))
                        .with_hint("check addresses, phone numbers and links, then set `reviewed:` to today's date"),
                );
            }
            None => out.push(
                Diagnostic::warning(
                    &d.path,
                    1,
                    1,
                    "this list holds contact data but no review date",
                )
                .with_hint(
                    "add `reviewed: YYYY-MM-DD` after checking addresses, phone numbers and links",
                ),
            ),
            _ => {}
        }
    }
    out
}

/// The hint for a missing anchor: the closest one there is, or how ids are made.
fn anchor_hint(anchor: &str, anchors: &HashSet<String>) -> String {
    match closest(anchor, anchors.iter().map(String::as_str)) {
        Some(c) => format!("did you mean `#{c}`?"),
        None => "headings get ids from their text: `## Erste Schritte` is `#erste-schritte`".into(),
    }
}

fn closest<'a>(wanted: &str, options: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    options
        .map(|o| (edit_distance(wanted, o), o))
        .filter(|(d, o)| *d <= o.len().max(wanted.len()) / 3 + 1)
        .min()
        .map(|(_, o)| o)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push(
                (prev[j] + usize::from(ca != *cb))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1),
            );
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_names() {
        assert_eq!(
            closest(
                "05-kontakt.md",
                ["05-kontakte.md", "01-einleitung.md"].into_iter()
            ),
            Some("05-kontakte.md")
        );
        assert_eq!(closest("xyz", ["01-einleitung.md"].into_iter()), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
