//! The handbook on print pages: the whole book on one page (headings one level down, ids
//! prefixed so that all chapters fit), and in a handbook with parts one page per part; a
//! handbook too large for one page lists its parts' pages instead.

use crate::build::context::{Base, PageMeta, PartHeading, PrintContext, PrintEntry, PrintPartLink};
use crate::build::html;
use crate::build::templates::Templates;
use crate::diagnostic::Diagnostic;
use crate::model::site::{Page, Site};
use rustc_hash::FxHashMap as HashMap;

/// Above this many chapters, a handbook with parts is printed part by part: a page of every
/// chapter (about 28 KB of HTML each) would be more than a browser lays out for printing.
pub(crate) const WHOLE_BOOK_LIMIT: usize = 300;

/// Chapter URL -> (its anchor on a print page, the prefix of its ids there).
type Targets = HashMap<String, (String, String)>;

/// Where each chapter's links lead on the print pages.
pub(crate) struct PrintTargets {
    /// On the whole book's page; `None` when it is printed part by part.
    whole: Option<Targets>,
    /// On each part's page: the part's own chapters (links to others keep their address).
    parts: Vec<Targets>,
}

/// The id of a chapter's section on a print page.
fn anchor(page: &Page) -> String {
    format!("kapitel-{}", page.slug.replace('/', "-"))
}

/// The prefix of a chapter's ids on a print page.
fn prefix(page: &Page) -> String {
    format!("{}--", page.slug.replace('/', "-"))
}

fn targets<'p>(pages: impl Iterator<Item = &'p Page>) -> Targets {
    pages
        .map(|c| (c.url.clone(), (anchor(c), prefix(c))))
        .collect()
}

/// Whether the whole book has one print page with every chapter.
pub(crate) fn whole_book_on_one_page(site: &Site) -> bool {
    site.parts.is_empty() || site.chapters.len() <= WHOLE_BOOK_LIMIT
}

impl PrintTargets {
    pub(crate) fn new(site: &Site) -> Self {
        PrintTargets {
            whole: whole_book_on_one_page(site).then(|| targets(site.chapters.iter())),
            parts: site
                .parts
                .iter()
                .map(|p| targets(site.chapters[p.chapters.clone()].iter()))
                .collect(),
        }
    }

    /// A chapter's HTML as it stands on the whole book's print page (empty when there is none).
    pub(crate) fn chapter(&self, page: &Page, html: &str) -> String {
        self.whole
            .as_ref()
            .map(|t| Self::placed(page, html, t))
            .unwrap_or_default()
    }

    /// A chapter's HTML as it stands on its part's print page.
    pub(crate) fn in_part(&self, page: &Page, html: &str) -> Option<String> {
        let targets = self.parts.get(page.part?)?;
        Some(Self::placed(page, html, targets))
    }

    fn placed(page: &Page, html: &str, targets: &Targets) -> String {
        html::prefix_ids(&html::shift_headings(html, 1), &prefix(page), targets)
    }
}

/// Every print page's frame, cut where its chapters go.
#[derive(Debug)]
pub(crate) struct Frames {
    /// The whole book's page: `chapters + 1` pieces, or one (the list of parts).
    pub whole: Vec<String>,
    /// Each part's page: its chapters + 1 pieces.
    pub parts: Vec<Vec<String>>,
}

/// Where a print page is published: `drucken/` or `drucken/PART/`.
pub(crate) fn path(part: Option<&Page>) -> String {
    part.map_or_else(
        || "drucken/".to_string(),
        |p| format!("drucken/{}/", p.slug),
    )
}

/// The frames of all print pages; `canonical` makes a site path an address.
pub(crate) fn frames(
    site: &Site,
    base: &Base<'_>,
    templates: &Templates,
    canonical: &dyn Fn(&str) -> String,
) -> Result<Frames, Diagnostic> {
    let base_path = site.config.base_path();
    let everything = if whole_book_on_one_page(site) {
        0..site.chapters.len()
    } else {
        0..0
    };
    let url = canonical(&format!("{base_path}{}", path(None)));
    let whole = frame(site, base, templates, &url, everything, None)?;
    let parts = (0..site.parts.len())
        .map(|k| {
            let part = &site.parts[k];
            let url = format!("{base_path}{}", path(Some(&part.page)));
            let range = part.chapters.clone();
            frame(site, base, templates, &canonical(&url), range, Some(k))
        })
        .collect::<Result<_, _>>()?;
    Ok(Frames { whole, parts })
}

/// A part's heading on a print page.
fn heading(site: &Site, k: usize) -> PartHeading<'_> {
    let part = &site.parts[k].page;
    PartHeading {
        number: &part.number,
        title: &part.title,
        anchor: format!("teil-{}", part.slug),
    }
}

/// One print page (of chapters `range`, of part `part` if given) cut where its chapters go.
fn frame(
    site: &Site,
    base: &Base<'_>,
    templates: &Templates,
    canonical: &str,
    range: std::ops::Range<usize>,
    part: Option<usize>,
) -> Result<Vec<String>, Diagnostic> {
    let title = match part {
        Some(k) => format!(
            "{} – Teil {}: {} – Druckfassung",
            site.config.title, site.parts[k].page.number, site.parts[k].page.title
        ),
        None => format!("{} – Druckfassung", site.config.title),
    };
    let whole_book = part.is_none() && !range.is_empty();
    let per_part = part.is_none() && range.is_empty() && !site.parts.is_empty();
    let context = PrintContext {
        base,
        page: PageMeta {
            kind: "print",
            title: &title,
            description: &site.config.description,
            canonical: canonical.to_string(),
        },
        chapters: range
            .clone()
            .map(|i| {
                let c = &site.chapters[i];
                PrintEntry {
                    number: &c.number,
                    part_start: c
                        .part
                        .filter(|k| whole_book && site.parts[*k].chapters.start == i)
                        .map(|k| heading(site, k)),
                    title: &c.title,
                    anchor: anchor(c),
                    reviewed: c.reviewed.map(|d| d.german()),
                    content: marker(i),
                }
            })
            .collect(),
        part: part.map(|k| heading(site, k)),
        parts: if per_part {
            part_links(site)
        } else {
            Vec::new()
        },
    };
    let page = String::from_utf8(templates.render("print.html", &context)?).unwrap_or_default();
    let mut pieces = Vec::with_capacity(range.len() + 1);
    let mut rest = page.as_str();
    for i in range {
        let (before, after) = rest.split_once(&marker(i)).unwrap_or((rest, ""));
        pieces.push(before.to_string());
        rest = after;
    }
    pieces.push(rest.to_string());
    Ok(pieces)
}

/// The parts' print pages, for a handbook printed part by part.
fn part_links(site: &Site) -> Vec<PrintPartLink<'_>> {
    let base_path = site.config.base_path();
    site.parts
        .iter()
        .map(|p| PrintPartLink {
            number: &p.page.number,
            title: &p.page.title,
            url: format!("{base_path}{}", path(Some(&p.page))),
            chapters: p.chapters.len(),
        })
        .collect()
}

/// Where chapter `i` goes in a frame.
fn marker(i: usize) -> String {
    format!("<!--print-chapter:{i}-->")
}
