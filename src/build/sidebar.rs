//! Sidebar: the chapter list beside a page, put together from entries the theme's partials
//! draw once each (`partials/nav-chapter.html`, `partials/nav-top.html`) instead of once per
//! page — a list of 60 chapters beside 1,000 pages is 60,000 entries otherwise.

use crate::build::context::{ChapterEntry, NavEntry, NavItem};
use crate::build::templates::Templates;
use crate::build::theme::Theme;
use crate::diagnostic::Diagnostic;
use crate::model::site::Site;
use serde::Serialize;
use std::sync::OnceLock;

/// How many chapters the sidebar lists at most; longer handbooks show a window around the
/// current chapter (so page size does not grow with the handbook) and link the full contents.
pub(crate) const NAV_WINDOW: usize = 60;

/// Which page a chapter list is beside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Here {
    Chapter(usize),
    Part(usize),
}

/// A top-level entry of a handbook with parts: a chapter outside parts, or a part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Top {
    Chapter(usize),
    Part(usize),
}

/// The top-level entries in order (empty for a handbook without parts).
pub(crate) fn tops(site: &Site) -> Vec<Top> {
    if site.parts.is_empty() {
        return Vec::new();
    }
    let mut tops: Vec<(usize, Top)> = site
        .chapters
        .iter()
        .enumerate()
        .filter(|(_, c)| c.part.is_none())
        .map(|(i, c)| (c.number.parse().unwrap_or(usize::MAX), Top::Chapter(i)))
        .chain(
            site.parts
                .iter()
                .enumerate()
                .map(|(k, p)| (p.page.number.parse().unwrap_or(usize::MAX), Top::Part(k))),
        )
        .collect();
    tops.sort_by_key(|(n, _)| *n);
    tops.into_iter().map(|(_, t)| t).collect()
}

/// Does a template of `theme` draw the chapter list from data (`nav.chapters`, `nav.items`), as
/// page.html did before the list's entries had partials of their own?
fn wants_entries(theme: &Theme) -> bool {
    theme.templates().any(|(_, bytes)| {
        let text = String::from_utf8_lossy(bytes);
        text.contains("nav.chapters") || text.contains("nav.items")
    })
}

/// `partials/nav-chapter.html`: a chapter in the list (`current`: the page shown).
#[derive(Serialize)]
struct ChapterItem<'a> {
    c: &'a ChapterEntry<'a>,
    current: bool,
}

/// `partials/nav-top.html`: a top-level entry of a handbook with parts; an open part with its
/// chapters' entries, drawn.
#[derive(Serialize)]
struct TopItem<'a> {
    c: &'a ChapterEntry<'a>,
    current: bool,
    part: bool,
    open: bool,
    chapters: &'a str,
}

/// Drawn entries, each at most once: `[not current, current]`.
type Drawn = Vec<[OnceLock<String>; 2]>;

/// The chapter lists of one build.
pub(crate) struct Sidebar<'a> {
    site: &'a Site,
    chapter_list: &'a [ChapterEntry<'a>],
    /// The parts as entries, in the order of `site.parts`.
    part_list: Vec<ChapterEntry<'a>>,
    tops: &'a [Top],
    chapters: Drawn,
    /// Top-level entries as drawn when closed (a part) or as they stand (a chapter).
    top_entries: Drawn,
    /// A template of the theme draws the list from data (see [`wants_entries`]).
    entries_wanted: bool,
}

impl<'a> Sidebar<'a> {
    pub(crate) fn new(
        site: &'a Site,
        chapter_list: &'a [ChapterEntry<'a>],
        tops: &'a [Top],
        theme: &Theme,
    ) -> Sidebar<'a> {
        let part_list = site
            .parts
            .iter()
            .map(|p| ChapterEntry {
                number: &p.page.number,
                title: &p.page.title,
                url: &p.page.url,
                summary: None,
            })
            .collect();
        Sidebar {
            site,
            chapter_list,
            part_list,
            tops,
            chapters: drawn(chapter_list.len()),
            top_entries: drawn(tops.len()),
            entries_wanted: wants_entries(theme),
        }
    }

    /// Is the list beside a chapter only a window of a long handbook without parts?
    pub(crate) fn partial(&self) -> bool {
        self.tops.is_empty() && self.chapter_list.len() > NAV_WINDOW
    }

    /// The list's entries beside the page `here`, drawn, each on a line of its own.
    pub(crate) fn html(&self, templates: &Templates, here: Here) -> Result<String, Diagnostic> {
        if self.tops.is_empty() {
            return match here {
                Here::Chapter(i) => self.window(templates, 0..self.chapter_list.len(), i),
                Here::Part(_) => Ok(String::new()),
            };
        }
        let open_part = match here {
            Here::Chapter(i) => self.site.chapters[i].part,
            Here::Part(k) => Some(k),
        };
        let mut html = String::new();
        for (t, top) in self.tops.iter().enumerate() {
            html.push('\n');
            match *top {
                Top::Chapter(i) => {
                    let current = here == Here::Chapter(i);
                    html.push_str(self.top(templates, t, &self.chapter_list[i], current)?);
                }
                Top::Part(k) if open_part == Some(k) => {
                    let current = match here {
                        Here::Chapter(i) => i,
                        Here::Part(_) => usize::MAX,
                    };
                    let range = self.site.parts[k].chapters.clone();
                    let chapters = self.window(templates, range, current)?;
                    let item = TopItem {
                        c: &self.part_list[k],
                        current: here == Here::Part(k),
                        part: true,
                        open: true,
                        chapters: &chapters,
                    };
                    html.push_str(&draw(templates, "partials/nav-top.html", &item)?);
                }
                Top::Part(k) => html.push_str(self.top(templates, t, &self.part_list[k], false)?),
            }
        }
        Ok(html)
    }

    /// The entries of at most [`NAV_WINDOW`] chapters of `range` around chapter `i`.
    fn window(
        &self,
        templates: &Templates,
        range: std::ops::Range<usize>,
        i: usize,
    ) -> Result<String, Diagnostic> {
        let mut html = String::new();
        for j in window(range, i) {
            html.push('\n');
            html.push_str(self.chapter(templates, j, j == i)?);
        }
        Ok(html)
    }

    /// Chapter `j`'s entry in a list, drawn once per build.
    fn chapter(&self, templates: &Templates, j: usize, current: bool) -> Result<&str, Diagnostic> {
        once(&self.chapters[j][usize::from(current)], || {
            let item = ChapterItem {
                c: &self.chapter_list[j],
                current,
            };
            draw(templates, "partials/nav-chapter.html", &item)
        })
    }

    /// Top-level entry `t` (`c`), closed, drawn once per build.
    fn top(
        &self,
        templates: &Templates,
        t: usize,
        c: &ChapterEntry<'_>,
        current: bool,
    ) -> Result<&str, Diagnostic> {
        once(&self.top_entries[t][usize::from(current)], || {
            let item = TopItem {
                c,
                current,
                part: matches!(self.tops[t], Top::Part(_)),
                open: false,
                chapters: "",
            };
            draw(templates, "partials/nav-top.html", &item)
        })
    }
}

impl<'a> Sidebar<'a> {
    /// The list beside the page `here` as data, when a template wants it (see
    /// [`wants_entries`]): the chapters of a handbook without parts, or the top-level entries
    /// of one with parts.
    pub(crate) fn entries(&self, here: Here) -> Option<(Vec<NavEntry<'a>>, Vec<NavItem<'a>>)> {
        self.entries_wanted.then(|| self.listed(here))
    }

    fn listed(&self, here: Here) -> (Vec<NavEntry<'a>>, Vec<NavItem<'a>>) {
        let listed = |range: std::ops::Range<usize>, i: usize| -> Vec<NavEntry<'a>> {
            window(range, i)
                .map(|j| NavEntry {
                    chapter: &self.chapter_list[j],
                    current: j == i,
                })
                .collect()
        };
        if self.tops.is_empty() {
            return match here {
                Here::Chapter(i) => (listed(0..self.chapter_list.len(), i), Vec::new()),
                Here::Part(_) => (Vec::new(), Vec::new()),
            };
        }
        let site = self.site;
        let open_part = match here {
            Here::Chapter(i) => site.chapters[i].part,
            Here::Part(k) => Some(k),
        };
        let items = self.tops.iter().map(|top| match *top {
            Top::Chapter(i) => NavItem {
                number: &site.chapters[i].number,
                title: &site.chapters[i].title,
                url: &site.chapters[i].url,
                current: here == Here::Chapter(i),
                part: false,
                open: false,
                chapters: Vec::new(),
            },
            Top::Part(k) => {
                let part = &site.parts[k];
                let open = open_part == Some(k);
                let current = match here {
                    Here::Chapter(i) => i,
                    Here::Part(_) => usize::MAX,
                };
                NavItem {
                    number: &part.page.number,
                    title: &part.page.title,
                    url: &part.page.url,
                    current: here == Here::Part(k),
                    part: true,
                    open,
                    chapters: if open {
                        listed(part.chapters.clone(), current)
                    } else {
                        Vec::new()
                    },
                }
            }
        });
        (Vec::new(), items.collect())
    }
}

/// At most [`NAV_WINDOW`] chapters of `range` around chapter `i`.
fn window(range: std::ops::Range<usize>, i: usize) -> std::ops::Range<usize> {
    let len = range.len();
    if len <= NAV_WINDOW {
        return range;
    }
    let at = i.saturating_sub(range.start);
    let from = range.start + at.saturating_sub(NAV_WINDOW / 2).min(len - NAV_WINDOW);
    from..from + NAV_WINDOW
}

fn drawn(n: usize) -> Drawn {
    (0..n).map(|_| [OnceLock::new(), OnceLock::new()]).collect()
}

/// The value in `cell`, made by `make` if there is none yet (two threads may both make it; one
/// is kept, and both are the same).
fn once(
    cell: &OnceLock<String>,
    make: impl FnOnce() -> Result<String, Diagnostic>,
) -> Result<&str, Diagnostic> {
    if let Some(s) = cell.get() {
        return Ok(s);
    }
    let made = make()?;
    Ok(cell.get_or_init(|| made))
}

/// Partial `name` drawn with `item`, without line breaks around it (after its opening comment,
/// at the end of its file): the list puts each entry on a line of its own.
fn draw(templates: &Templates, name: &str, item: &impl Serialize) -> Result<String, Diagnostic> {
    let html = templates.render_text(name, item)?;
    Ok(html.trim_matches('\n').to_string())
}
