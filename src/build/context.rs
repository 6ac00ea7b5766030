//! What the templates see: typed contexts, one per kind of page, serialised at the template
//! boundary. Field names are the theme's interface (documented in the README).

use crate::build::embed::Embed;
use crate::build::html::OutlineEntry;
use std::collections::BTreeMap;

use serde::Serialize;

/// What every template sees.
#[derive(Debug, Serialize)]
pub(crate) struct Base<'a> {
    pub site: SiteView<'a>,
    /// Asset name (`style.css`) -> its URL with the content hash.
    pub assets: BTreeMap<String, String>,
    pub search_index: String,
    /// The preview: no web app manifest and no service worker.
    pub live: bool,
}

/// The handbook's settings, as templates show them.
#[derive(Debug, Serialize)]
pub(crate) struct SiteView<'a> {
    pub title: &'a str,
    pub subtitle: Option<&'a str>,
    pub short_title: Option<&'a str>,
    pub description: &'a str,
    pub publisher: &'a str,
    pub language: &'a str,
    pub region: Option<&'a str>,
    pub base_url: &'a str,
    pub base_path: &'a str,
    /// The edition's date, the German way.
    pub edition: Option<String>,
    /// Readers' stored state is kept under this key (the base path).
    pub key: &'a str,
    pub imprint_url: Option<&'a str>,
}

/// What every page says about itself (title, description, canonical URL).
#[derive(Debug, Serialize)]
pub(crate) struct PageMeta<'a> {
    pub kind: &'static str,
    pub title: &'a str,
    pub description: &'a str,
    pub canonical: String,
}

/// A chapter in a table of contents.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChapterEntry<'a> {
    /// `5`, or `2.3` in a part.
    pub number: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    pub summary: Option<&'a str>,
}

/// A checklist on the start page: its progress is filled in by the page script.
#[derive(Debug, Serialize)]
pub(crate) struct ChecklistEntry<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub total: usize,
    pub points: Vec<&'a str>,
    pub url: String,
}

/// `index.html`.
#[derive(Debug, Serialize)]
pub(crate) struct IndexContext<'a> {
    #[serde(flatten)]
    pub base: &'a Base<'a>,
    pub page: ContentPage<'a>,
    pub chapters: &'a [ChapterEntry<'a>],
    /// With parts: the top-level entries (chapters and parts), instead of every chapter.
    pub toc: Vec<TocEntry<'a>>,
    pub checklists: Vec<ChecklistEntry<'a>>,
}

/// An entry of the start page's contents in a handbook with parts: a chapter, or a part with
/// the number of its chapters.
#[derive(Debug, Serialize)]
pub(crate) struct TocEntry<'a> {
    pub number: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    pub summary: Option<&'a str>,
    /// For a part: how many chapters it has.
    pub chapters: Option<usize>,
}

/// A page with Markdown content (the start page).
#[derive(Debug, Serialize)]
pub(crate) struct ContentPage<'a> {
    #[serde(flatten)]
    pub meta: PageMeta<'a>,
    pub content: String,
}

/// `page.html`: one chapter.
#[derive(Debug, Serialize)]
pub(crate) struct ChapterContext<'a> {
    #[serde(flatten)]
    pub base: &'a Base<'a>,
    pub page: ChapterPage<'a>,
    pub nav: Nav<'a>,
}

#[derive(Debug, Serialize)]
pub(crate) struct ChapterPage<'a> {
    #[serde(flatten)]
    pub meta: PageMeta<'a>,
    pub number: &'a str,
    /// The part the chapter belongs to.
    pub part: Option<PageLink<'a>>,
    /// The review date, the German way, and as `YYYY-MM-DD`.
    pub reviewed: Option<String>,
    pub reviewed_iso: Option<String>,
    /// "Auf dieser Seite": the page's `h2` headings.
    pub headings: Vec<OutlineEntry>,
    pub content: String,
}

/// The chapter list beside a chapter, and the chapters before and after it.
#[derive(Debug, Serialize)]
pub(crate) struct Nav<'a> {
    /// The list's entries, drawn by `partials/nav-chapter.html` and `partials/nav-top.html`
    /// (with parts: the top-level entries, the current part open with its chapters).
    pub list: String,
    /// For themes whose own page.html draws the list from data (written before `list`): the
    /// chapters beside a page without parts, and the top-level entries with parts. Left out
    /// when no template names them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chapters: Option<Vec<NavEntry<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<NavItem<'a>>>,
    pub total: usize,
    /// The list shows a window of the chapters, not all.
    pub partial: bool,
    pub prev: Option<PageLink<'a>>,
    pub next: Option<PageLink<'a>>,
}

/// A top-level entry of the chapter list in a handbook with parts, as data.
#[derive(Debug, Serialize)]
pub(crate) struct NavItem<'a> {
    pub number: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    pub current: bool,
    /// A part: open when the page is in it; its chapters then.
    pub part: bool,
    pub open: bool,
    pub chapters: Vec<NavEntry<'a>>,
}

/// A chapter in the chapter list, as data.
#[derive(Debug, Serialize)]
pub(crate) struct NavEntry<'a> {
    #[serde(flatten)]
    pub chapter: &'a ChapterEntry<'a>,
    pub current: bool,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageLink<'a> {
    pub title: &'a str,
    pub url: &'a str,
}

/// `print.html`: the whole handbook on one page, or one part of it, or (for a handbook too
/// large for one page) the list of its parts' print pages.
#[derive(Debug, Serialize)]
pub(crate) struct PrintContext<'a> {
    #[serde(flatten)]
    pub base: &'a Base<'a>,
    pub page: PageMeta<'a>,
    pub chapters: Vec<PrintEntry<'a>>,
    /// The part this page prints.
    pub part: Option<PartHeading<'a>>,
    /// The parts' print pages, when the handbook is printed part by part.
    pub parts: Vec<PrintPartLink<'a>>,
}

/// A part's print page, as the whole handbook's print page lists it.
#[derive(Debug, Serialize)]
pub(crate) struct PrintPartLink<'a> {
    pub number: &'a str,
    pub title: &'a str,
    pub url: String,
    pub chapters: usize,
}

#[derive(Debug, Serialize)]
pub(crate) struct PrintEntry<'a> {
    pub number: &'a str,
    /// The part that starts with this chapter: its heading goes before it.
    pub part_start: Option<PartHeading<'a>>,
    pub title: &'a str,
    /// The chapter's id on the print page.
    pub anchor: String,
    pub reviewed: Option<String>,
    pub content: String,
}

/// A part's heading on the print page.
#[derive(Debug, Serialize)]
pub(crate) struct PartHeading<'a> {
    pub number: &'a str,
    pub title: &'a str,
    pub anchor: String,
}

/// `part.html`: a part's own page.
#[derive(Debug, Serialize)]
pub(crate) struct PartContext<'a> {
    #[serde(flatten)]
    pub base: &'a Base<'a>,
    pub page: PartPage<'a>,
    pub chapters: &'a [ChapterEntry<'a>],
    pub nav: Nav<'a>,
}

#[derive(Debug, Serialize)]
pub(crate) struct PartPage<'a> {
    #[serde(flatten)]
    pub meta: PageMeta<'a>,
    pub number: &'a str,
    /// Its address (its chapters' addresses start with it).
    pub url: &'a str,
    /// The intro (`_teil.md`), drawn.
    pub content: String,
    /// Its print page.
    pub print_url: String,
}

/// `404.html`.
#[derive(Debug, Serialize)]
pub(crate) struct NotFoundContext<'a> {
    #[serde(flatten)]
    pub base: &'a Base<'a>,
    pub page: PageMeta<'a>,
}

/// `partials/KIND.html`: one embedded data file.
#[derive(Debug, Serialize)]
pub(crate) struct PartialContext<'a> {
    #[serde(flatten)]
    pub base: &'a Base<'a>,
    pub data: &'a Embed<'a>,
    /// The heading level of the list's headings (one below the section it stands in).
    pub level: u8,
}
