//! Validate: directives, data references, links and anchors, freshness. Collects every problem
//! and hands render what it proved: each directive's embedded view.

use crate::build::embed::{Embed, Refusal, embed};
use crate::diagnostic::{Diagnostic, Diagnostics, Pos};
use crate::i18n::Msg;
use crate::model::data::DataLink;
use crate::model::date::Date;
use crate::model::markdown::Target;
use crate::model::site::{Page, Site};
use crate::suggest::closest;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::sync::OnceLock;

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

    /// The views of the directives on part `k`'s page (after the start page and the chapters).
    pub fn part(&self, chapters: usize, k: usize) -> &[Embed<'a>] {
        &self.embeds[1 + chapters + k]
    }
}

/// Checks the whole site. On success: what render needs, and the warnings; otherwise every
/// error and warning.
pub fn validate(site: &Site, today: Date) -> Result<(Proven<'_>, Diagnostics), Diagnostics> {
    // The start page, the chapters, the parts' own pages: in this order everywhere.
    let pages: Vec<&Page> = std::iter::once(&site.index)
        .chain(&site.chapters)
        .chain(site.parts.iter().map(|p| &p.page))
        .collect();
    // Each directive embedded once: its anchors, its errors and its view come from one call.
    let embed_all = |p: &&Page| p.md.directives.iter().map(|d| embed(site, d)).collect();
    let embeds: Vec<Vec<Result<Embed<'_>, Refusal>>> =
        crate::parallel::map(pages.iter().collect(), &embed_all);
    let links = Links::new(site, &pages, &embeds);
    // Each page on its own, on all cores (thousands of chapters, each with its links).
    let check = |i: usize| {
        let mut found = page_problems(pages[i]);
        found.extend(directives(pages[i], &embeds[i]));
        found.extend(links.of_page(i));
        found
    };
    let mut out = Diagnostics::new();
    for found in crate::parallel::map((0..pages.len()).collect(), &check) {
        out.extend(found);
    }
    out.extend(links.of_data(&site.data_links));
    out.extend(unused_data(site, &pages));
    out.extend(freshness(site, today));
    out.extend(imprint(site));
    out.extend(generated_paths(site));
    let embeds = embeds
        .into_iter()
        .map(|page| page.into_iter().flatten().collect())
        .collect();
    out.or_fail(Proven { embeds })
}

/// What the Markdown of a page noticed (a `#` heading, a broken directive, …).
fn page_problems(page: &Page) -> Vec<Diagnostic> {
    page.md
        .problems
        .iter()
        .map(|p| {
            let d = if p.error {
                Diagnostic::error(&page.path, p.msg.clone())
            } else {
                Diagnostic::warning(&page.path, p.msg.clone())
            };
            d.at(p.pos)
        })
        .collect()
}

/// Directives that do not fit the data, and ids a page would get twice.
fn directives(page: &Page, embeds: &[Result<Embed<'_>, Refusal>]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let headings: HashSet<&str> = page.md.headings.iter().map(|h| h.id.as_str()).collect();
    let mut embedded: HashSet<String> = HashSet::default();
    for (d, view) in page.md.directives.iter().zip(embeds) {
        let error = |msg: Msg| Diagnostic::error(&page.path, msg).at(d.pos);
        let view = match view {
            Err(refusal) => {
                out.push(error(refusal.clone()));
                continue;
            }
            Ok(view) => view,
        };
        for a in view.anchors() {
            if headings.contains(a.as_str()) {
                out.push(error(Msg::IdOfHeadingAndData { id: a }));
            } else if !embedded.insert(a.clone()) {
                out.push(error(Msg::EmbeddedTwice { id: a }));
                break;
            }
        }
    }
    out
}

/// Where links may point: chapters, their anchors, copied files.
struct Links<'s, 'e> {
    /// Every page (the start page first), and the views of its directives.
    pages: &'e [&'s Page],
    embeds: &'e [Vec<Result<Embed<'s>, Refusal>>],
    /// The chapter or part page a link's file names: by its file below content/chapters/, or
    /// by a file name that only one chapter has (`None`: several have it).
    targets: HashMap<&'s str, Option<usize>>,
    /// Each page's anchors, worked out when a link first needs them.
    anchors: Vec<OnceLock<HashSet<Cow<'s, str>>>>,
    assets: HashSet<&'s str>,
    /// Which page a link names (by its file below content/chapters/, or by a unique name).
    resolver: &'s crate::model::site::Resolver,
    /// A chapter's URL path without slashes -> its file.
    slugs: HashMap<&'s str, &'s str>,
}

impl<'s, 'e> Links<'s, 'e> {
    fn new(
        site: &'s Site,
        pages: &'e [&'s Page],
        embeds: &'e [Vec<Result<Embed<'s>, Refusal>>],
    ) -> Self {
        Links {
            pages,
            embeds,
            targets: targets(site, pages),
            anchors: pages.iter().map(|_| OnceLock::new()).collect(),
            assets: site.assets.iter().map(|a| a.site_path.as_str()).collect(),
            resolver: &site.resolver,
            slugs: pages
                .iter()
                .skip(1)
                .map(|p| (p.slug.as_str(), p.file.as_str()))
                .collect(),
        }
    }

    /// The anchors of page `i`: its headings' ids and those of its embedded lists.
    fn anchors_of(&self, i: usize) -> &HashSet<Cow<'s, str>> {
        self.anchors[i].get_or_init(|| {
            let page = self.pages[i];
            let mut a: HashSet<Cow<'s, str>> = page
                .md
                .headings
                .iter()
                .map(|h| Cow::from(h.id.as_str()))
                .collect();
            let views = self.embeds[i].iter().flatten();
            a.extend(views.flat_map(Embed::anchors).map(Cow::from));
            a
        })
    }

    /// Why `target` (written on page `here`, if on a page) leads nowhere, if it does.
    fn broken(&self, target: &Target, here: Option<usize>) -> Option<Msg> {
        match target {
            Target::External => None,
            Target::Chapter { file, anchor } => {
                let Some(page) = self.targets.get(file.as_str()).copied().flatten() else {
                    let candidates = self.resolver.candidates(file);
                    if candidates.len() > 1 {
                        return Some(Msg::AmbiguousChapter {
                            file: file.clone(),
                            candidates,
                        });
                    }
                    return Some(Msg::NoSuchChapter {
                        file: file.clone(),
                        suggestion: closest(
                            file,
                            self.pages.iter().skip(1).map(|p| p.file.as_str()),
                        )
                        .map(str::to_string),
                    });
                };
                let anchor = anchor.as_deref()?;
                let anchors = self.anchors_of(page);
                (!anchors.contains(anchor)).then(|| Msg::NoSuchAnchor {
                    file: Some(file.clone()),
                    anchor: anchor.into(),
                    suggestion: closest(anchor, anchors.iter().map(AsRef::as_ref))
                        .map(str::to_string),
                })
            }
            Target::Anchor(anchor) => {
                let anchors = self.anchors_of(here?);
                (!anchors.contains(anchor.as_str())).then(|| Msg::NoSuchAnchor {
                    file: None,
                    anchor: anchor.clone(),
                    suggestion: closest(anchor, anchors.iter().map(AsRef::as_ref))
                        .map(str::to_string),
                })
            }
            Target::Asset(path) => (!self.assets.contains(path.as_str())).then(|| {
                // `/formate/` is a chapter's web address: the file is what should be linked.
                let slug = path.trim_matches('/');
                Msg::NoSuchFile {
                    path: path.clone(),
                    chapter: self.slugs.get(slug).map(std::string::ToString::to_string),
                }
            }),
            Target::Unsafe(url) => Some(Msg::UnsafeLink { url: url.clone() }),
        }
    }

    /// The broken links of page `i`.
    fn of_page(&self, i: usize) -> Vec<Diagnostic> {
        let page = self.pages[i];
        page.md
            .links
            .iter()
            .filter_map(|link| {
                let msg = self.broken(&link.target, Some(i))?;
                Some(Diagnostic::error(&page.path, msg).at(link.pos))
            })
            .collect()
    }

    fn of_data(&self, links: &[DataLink]) -> Vec<Diagnostic> {
        links
            .iter()
            .filter_map(|l| {
                let msg = if let Target::Anchor(_) = l.link.target {
                    Msg::AnchorInData {
                        raw: l.link.raw.clone(),
                    }
                } else {
                    self.broken(&l.link.target, None)?
                };
                Some(Diagnostic::error(&l.path, msg).at(l.pos))
            })
            .collect()
    }
}

/// Where a link's file leads: each chapter and part page (not the start page, pages[0]) by its
/// file, and by its file name where no other chapter has that name; a file takes precedence.
fn targets<'s>(site: &'s Site, pages: &[&'s Page]) -> HashMap<&'s str, Option<usize>> {
    let by_file: HashMap<&str, usize> = pages
        .iter()
        .enumerate()
        .skip(1)
        .map(|(i, p)| (p.file.as_str(), i))
        .collect();
    let mut targets: HashMap<&str, Option<usize>> = HashMap::default();
    targets.reserve(by_file.len() + site.resolver.names.len());
    for (name, file) in &site.resolver.names {
        let page = file.as_deref().and_then(|f| by_file.get(f).copied());
        targets.insert(name.as_str(), page);
    }
    for (file, i) in by_file {
        targets.insert(file, Some(i));
    }
    targets
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
            Diagnostic::warning(
                &d.path,
                Msg::DataUnused {
                    kind: d.kind.to_string(),
                    id: d.id.clone(),
                },
            )
        })
        .collect()
}

/// Chapters and contact lists reviewed longer ago than `review_after_months`, and review
/// dates in the future.
fn freshness(site: &Site, today: Date) -> Vec<Diagnostic> {
    let months = site.config.review_after_months.map(i64::from);
    let mut out = Vec::new();
    let check = |path: &std::path::Path, reviewed: Date, pos: Option<Pos>, contacts: bool| {
        let date = reviewed.german();
        let msg = if reviewed > today {
            Msg::ReviewInFuture { date }
        } else {
            match months {
                Some(m) if reviewed.months_until(&today) >= m && contacts => {
                    Msg::ContactsStale { date, months: m }
                }
                Some(m) if reviewed.months_until(&today) >= m => {
                    Msg::ChapterStale { date, months: m }
                }
                _ => return None,
            }
        };
        Some(Diagnostic::warning(path, msg).at(pos))
    };
    for c in &site.chapters {
        if let Some(r) = c.reviewed {
            out.extend(check(&c.path, r, c.reviewed_pos, false));
        }
    }
    for d in site.data.values() {
        match d.header.reviewed {
            Some(r) => out.extend(check(
                &d.path,
                r,
                d.positions.key("reviewed"),
                d.has_contacts(),
            )),
            None if months.is_some() && d.has_contacts() => {
                out.push(Diagnostic::warning(&d.path, Msg::ContactsUndated).at(Pos::new(1, 1)));
            }
            None => {}
        }
    }
    out
}

/// Files handbook writes itself: a copied file at one of these paths would replace it (or be
/// replaced), without a word.
const GENERATED: [&str; 7] = [
    "index.html",
    "404.html",
    "sw.js",
    "offline.json",
    "manifest.webmanifest",
    "sitemap.xml",
    "robots.txt",
];

/// Folders handbook fills itself: the theme's assets, the print page and the search index.
const GENERATED_FOLDERS: [&str; 3] = ["assets/", "drucken/", "search/"];

/// Copied files whose place in the site is one handbook writes.
fn generated_paths(site: &Site) -> Vec<Diagnostic> {
    let pages: HashSet<String> = site
        .chapters
        .iter()
        .chain(site.parts.iter().map(|p| &p.page))
        .map(|c| format!("{}/index.html", c.slug))
        .collect();
    site.assets
        .iter()
        .filter(|a| {
            GENERATED.contains(&a.site_path.as_str())
                || GENERATED_FOLDERS.iter().any(|f| a.site_path.starts_with(f))
                || pages.contains(&a.site_path)
        })
        .map(|a| {
            let shown = site.config_path.with_file_name(&a.site_path);
            Diagnostic::error(
                shown,
                Msg::GeneratedPath {
                    generated: format!("{}{}", site.config.base_path(), a.site_path),
                },
            )
        })
        .collect()
}

/// The imprint named in handbook.yaml must be a chapter (else the footer link would vanish).
fn imprint(site: &Site) -> Option<Diagnostic> {
    let file = site.config.imprint.as_ref()?;
    if site.resolver.canonical(file).is_some() {
        return None;
    }
    let suggestion = closest(file, site.chapters.iter().map(|c| c.file.as_str()));
    Some(
        Diagnostic::error(
            &site.config_path,
            Msg::ImprintNotAChapter {
                file: file.clone(),
                suggestion: suggestion.map(str::to_string),
            },
        )
        .at(site.config_positions.key("imprint")),
    )
}
