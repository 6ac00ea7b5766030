//! Render: the theme's templates turn the validated site into pages and files, handed one by
//! one to a sink. Chapters are read again and rendered on all cores, each chapter once into
//! its page, its part of the print page and its search entries.

use crate::Mode;
use crate::build::context::{
    Base, ChapterContext, ChapterEntry, ChapterPage, ChecklistEntry, ContentPage, IndexContext,
    Nav, NotFoundContext, PageLink, PageMeta, PartContext, PartPage, PartialContext, SiteView,
    TocEntry,
};
use crate::build::embed::Embed;
use crate::build::later::{Later, WHOLE_PRINT};
use crate::build::memo::{ChapterOutput, MadePage, Memo};
use crate::build::print::{self, Frames, PrintTargets};
use crate::build::sidebar::{Here, Sidebar, Top, tops};
use crate::build::sink::{Part, PartWriter, Piece, Sink};
use crate::build::templates::Templates;
use crate::build::theme::Theme;
use crate::build::validate::Proven;
use crate::build::{html, search};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::fs::Files;
use crate::hash::{Hasher, hash};
use crate::model::data::Kind;
use crate::model::markdown::{self, Rendered};
use crate::model::site::{Page, Site};
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;
use std::sync::Arc;

/// What a build produced, for the summary line.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub pages: usize,
    pub search_bytes: usize,
    /// In the preview: the search files and the print pages, written when first asked for (a
    /// save then waits for its page only, not for files made of every chapter).
    pub later: Option<Arc<Later>>,
}

/// Renders every page and file of `site` into `sink`, drawing each directive with the view
/// validation proved.
pub fn render(
    site: &Site,
    proven: &Proven<'_>,
    files: &dyn Files,
    theme: &Theme,
    mode: Mode,
    sink: &dyn Sink,
) -> Result<Summary, Diagnostics> {
    render_with(site, proven, files, theme, mode, sink, None)
}

/// [`render`], using and filling the preview's memory of rendered chapters: `memo` with the
/// hash of the sources every chapter page is made of besides its own text (settings, theme,
/// data, the handbook's address, the mode).
pub(crate) fn render_with(
    site: &Site,
    proven: &Proven<'_>,
    files: &dyn Files,
    theme: &Theme,
    mode: Mode,
    sink: &dyn Sink,
    memo: Option<(&Memo, &str)>,
) -> Result<Summary, Diagnostics> {
    let templates = templates(theme, &site.config.language, memo.map(|(m, _)| m))?;
    let base_path = site.config.base_path();
    let theme_assets = hashed_assets(theme, &base_path);
    let base = base(site, &base_path, &theme_assets, mode);
    let chapter_list = chapter_list(site);
    let tops = tops(site);
    let search_data = search::DataChunks::new(site, &embedded_at(site));
    let r = Renderer {
        site,
        proven,
        templates,
        base: &base,
        origin: origin(site),
        chapter_list: &chapter_list,
        tops: &tops,
        sidebar: Sidebar::new(site, &chapter_list, &tops, theme),
        print: PrintTargets::new(site),
        memo: memo.map(|(m, sources)| (m, chapters_context(site, sources))),
        first_chunk: search_data.len(),
        later: mode == Mode::Preview,
    };
    let mut out = Out {
        sink,
        summary: Summary::default(),
        written: Vec::new(),
    };
    out.page(
        "index.html",
        r.remembered("index.html", &r.index_sources(), || r.index())?,
    )?;
    let frames = r.frames()?;
    let runs = r.chapters(files, sink, &frames)?;
    r.assemble(runs, frames, search_data, &mut out)?;
    for (k, part) in site.parts.iter().enumerate() {
        let path = format!("{}/index.html", part.page.slug);
        let own = part.page.text_hash.as_deref().unwrap_or_default();
        out.page(&path, r.remembered(&path, own, || r.part(k))?)?;
    }
    out.page("404.html", r.remembered("404.html", "", || r.not_found())?)?;
    let sitemap = || Ok(r.sitemap().into_bytes());
    out.page("sitemap.xml", r.remembered("sitemap.xml", "", sitemap)?)?;
    out.put("robots.txt", r.robots().as_bytes())?;
    for (path, bytes) in &theme_assets.files {
        out.put(path, bytes)?;
    }
    for a in &site.assets {
        out.put(&a.site_path, &files.bytes(&a.source)?)?;
    }
    if mode == Mode::Publish {
        let offline =
            crate::build::offline::offline_files(site, &base_path, &out.written, &base.assets);
        out.put("manifest.webmanifest", offline.manifest.as_bytes())?;
        if let Some(list) = offline.list {
            out.put(crate::build::offline::LIST, list.as_bytes())?;
        }
        out.put("sw.js", offline.sw.as_bytes())?;
    }
    Ok(out.summary)
}

/// The theme's templates, parsed, or as parsed for the last build when they and the language
/// are the same (the preview: parsing them is a good part of a save).
fn templates(
    theme: &Theme,
    language: &str,
    memo: Option<&Memo>,
) -> Result<Arc<Templates>, Diagnostics> {
    let Some(memo) = memo else {
        return Templates::new(theme, language).map(Arc::new);
    };
    let mut key = Hasher::default();
    for (name, bytes) in theme.templates() {
        key.update(name.as_bytes());
        key.update(b"\x1f");
        // Where the file is: messages about it name it.
        key.update(theme.template_path(name).as_os_str().as_encoded_bytes());
        key.update(b"\x1f");
        key.update(bytes);
        key.update(b"\x1e");
    }
    key.update(language.as_bytes());
    let key = key.finish();
    if let Some(known) = memo.templates.get(&key) {
        return Ok(known);
    }
    let templates = Arc::new(Templates::new(theme, language)?);
    memo.templates.put(key, Arc::clone(&templates));
    Ok(templates)
}

/// The theme's assets under names with their content hash.
struct HashedAssets<'t> {
    /// Name -> URL.
    urls: BTreeMap<String, String>,
    /// Path in the site -> bytes.
    files: Vec<(String, &'t [u8])>,
}

fn hashed_assets<'t>(theme: &'t Theme, base_path: &str) -> HashedAssets<'t> {
    let mut assets = HashedAssets {
        urls: BTreeMap::new(),
        files: Vec::new(),
    };
    for (name, bytes) in theme.assets() {
        let hashed = format!("assets/{}", hashed_name(name, bytes));
        assets
            .urls
            .insert(name.to_string(), format!("{base_path}{hashed}"));
        assets.files.push((hashed, bytes));
    }
    assets
}

/// `style.css` + hash -> `style.0123456789.css`.
fn hashed_name(name: &str, bytes: &[u8]) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{}.{ext}", hash(bytes)),
        None => format!("{name}.{}", hash(bytes)),
    }
}

/// What every template sees.
fn base<'a>(site: &'a Site, base_path: &'a str, assets: &HashedAssets<'_>, mode: Mode) -> Base<'a> {
    let cfg = &site.config;
    let imprint_url = cfg
        .imprint
        .as_ref()
        .and_then(|f| site.resolver.canonical(f))
        .and_then(|f| site.chapters.iter().find(|c| c.file == f))
        .map(|c| c.url.as_str());
    Base {
        site: SiteView {
            title: &cfg.title,
            subtitle: cfg.subtitle.as_deref(),
            short_title: cfg.short_title.as_deref(),
            description: &cfg.description,
            publisher: &cfg.publisher,
            language: &cfg.language,
            region: cfg.region.as_deref(),
            base_url: cfg.base_url.as_str(),
            base_path,
            edition: cfg.edition.map(|d| d.german()),
            key: base_path,
            imprint_url,
        },
        assets: assets.urls.clone(),
        search_index: format!("{base_path}{}", search::MANIFEST),
        live: mode == Mode::Preview,
    }
}

/// Page URLs already carry the base path: the canonical URL is the origin plus that.
fn origin(site: &Site) -> String {
    site.config.base_url.origin().to_string()
}

fn chapter_list(site: &Site) -> Vec<ChapterEntry<'_>> {
    site.chapters.iter().map(entry).collect()
}

fn entry(c: &Page) -> ChapterEntry<'_> {
    ChapterEntry {
        number: &c.number,
        title: &c.title,
        url: &c.url,
        summary: c.summary.as_deref(),
    }
}

/// Everything the pages share while they are rendered.
struct Renderer<'a> {
    site: &'a Site,
    proven: &'a Proven<'a>,
    templates: Arc<Templates>,
    base: &'a Base<'a>,
    origin: String,
    chapter_list: &'a [ChapterEntry<'a>],
    /// With parts: the top-level entries in order.
    tops: &'a [Top],
    /// The chapter list beside each page.
    sidebar: Sidebar<'a>,
    print: PrintTargets,
    /// The preview's memory of chapters rendered before, and the hash of everything besides
    /// its own text that a chapter's outputs are made of.
    memo: Option<(&'a Memo, String)>,
    /// The search chunk of the first chapter (the data lists' chunks come before).
    first_chunk: usize,
    /// The preview's: the search files and print pages are written when first asked for.
    later: bool,
}

/// A chapter rendered once: its page, its part of the print page, its search entries.
type Chapter = ChapterOutput;

/// What one run of chapters (one thread) wrote.
struct Run {
    written: Vec<(String, String, usize)>,
    pages: usize,
    print: Part,
    /// Its pieces of the parts' print pages: (part, piece), in order.
    part_prints: Vec<(usize, Part)>,
    search: search::Collector,
    /// The chapters as rendered, when the files made of every chapter are written later.
    later: Vec<Arc<Chapter>>,
}

impl Renderer<'_> {
    /// The head of `page`'s HTML: its title, its summary (or the handbook's description), its
    /// address.
    fn meta<'p>(&'p self, kind: &'static str, page: &'p Page) -> PageMeta<'p> {
        PageMeta {
            kind,
            title: &page.title,
            description: page
                .summary
                .as_deref()
                .unwrap_or(&self.site.config.description),
            canonical: self.canonical(&page.url),
        }
    }

    fn canonical(&self, url: &str) -> String {
        format!("{}{url}", self.origin)
    }

    /// Page HTML with its directives drawn by the theme's partials.
    fn content(&self, md: &Rendered, embeds: &[Embed<'_>]) -> Result<String, Diagnostic> {
        let mut html = md.html.clone();
        for (i, (d, embed)) in md.directives.iter().zip(embeds).enumerate() {
            // The list's headings sit one level below the section it stands in.
            let level = md
                .headings
                .iter()
                .take_while(|h| h.offset < d.offset)
                .last()
                .map_or(2, |h| h.level + 1)
                .min(6);
            let context = PartialContext {
                base: self.base,
                data: embed,
                level,
            };
            let name = format!("partials/{}.html", embed.kind);
            let drawn = self.templates.render(&name, &context)?;
            html = html.replacen(
                &format!("<!--directive:{i}-->\n"),
                &String::from_utf8_lossy(&drawn),
                1,
            );
        }
        Ok(crate::build::hyphenate::headings(
            &html,
            &self.site.config.language,
        ))
    }

    /// Page `path` made by `make`, or as made before when neither its own sources (`own`: the
    /// hash of its file's text) nor anything a chapter page is made of changed.
    fn remembered(
        &self,
        path: &str,
        own: &str,
        make: impl FnOnce() -> Result<Vec<u8>, Diagnostic>,
    ) -> Result<Arc<MadePage>, Diagnostic> {
        let made = |bytes: Vec<u8>| {
            Arc::new(MadePage {
                hash: hash(&bytes),
                bytes: Arc::new(bytes),
            })
        };
        let Some((memo, context)) = &self.memo else {
            return make().map(made);
        };
        let key = (path.to_string(), own.to_string(), context.clone());
        if let Some(known) = memo.pages.get(&key) {
            return Ok(known);
        }
        let page = make().map(made)?;
        memo.pages.put(key, Arc::clone(&page));
        Ok(page)
    }

    /// The hash of what the start page shows besides the chapters' list: its own text, and
    /// where each data file is first embedded (its checklists link there). Only the preview,
    /// which remembers pages, needs it.
    fn index_sources(&self) -> String {
        if self.memo.is_none() {
            return String::new();
        }
        let mut h = Hasher::default();
        h.update(
            self.site
                .index
                .text_hash
                .as_deref()
                .unwrap_or_default()
                .as_bytes(),
        );
        let mut at: Vec<(String, String)> = embedded_at(self.site).into_iter().collect();
        at.sort_unstable();
        for (id, url) in at {
            for text in [id, url] {
                h.update(text.as_bytes());
                h.update(b"\x1f");
            }
        }
        h.finish()
    }

    /// The start page: its text, the table of contents, the checklists.
    fn index(&self) -> Result<Vec<u8>, Diagnostic> {
        let site = self.site;
        let embedded_at = embedded_at(site);
        let checklists = site
            .data
            .values()
            .filter(|d| d.kind == Kind::Checklist)
            .filter_map(|d| {
                let url = embedded_at.get(&d.id)?;
                Some(ChecklistEntry {
                    id: &d.id,
                    title: &d.header.title,
                    total: d.item_ids().len(),
                    points: d.item_ids(),
                    url: format!("{url}#checkliste-{}", d.id),
                })
            })
            .collect();
        let base_path = site.config.base_path();
        let context = IndexContext {
            base: self.base,
            page: ContentPage {
                meta: PageMeta {
                    kind: "index",
                    title: &site.config.title,
                    description: &site.config.description,
                    canonical: self.canonical(&base_path),
                },
                content: self.content(&site.index.md, self.proven.index())?,
            },
            chapters: if self.tops.is_empty() {
                self.chapter_list
            } else {
                &[]
            },
            toc: self.toc(),
            checklists,
        };
        self.templates.render("index.html", &context)
    }

    /// Chapter `i` rendered, or as rendered before when nothing it is made of changed.
    fn remembered_chapter(&self, i: usize, files: &dyn Files) -> Result<Arc<Chapter>, Diagnostic> {
        let page = &self.site.chapters[i];
        if page.md.full {
            return self.chapter(i, &page.md).map(Arc::new);
        }
        let (Some((memo, context)), Some(text_hash)) = (&self.memo, &page.text_hash) else {
            return self.read_chapter(i, files).map(Arc::new);
        };
        let key = (i, text_hash.clone(), context.clone());
        if let Some(known) = memo.chapters.get(&key) {
            return Ok(known);
        }
        let c = Arc::new(self.read_chapter(i, files)?);
        memo.chapters.put(key, Arc::clone(&c));
        Ok(c)
    }

    /// Chapter `i`'s file read and its Markdown rendered into everything made of it.
    fn read_chapter(&self, i: usize, files: &dyn Files) -> Result<Chapter, Diagnostic> {
        let text = files.text(&self.site.chapters[i].path)?;
        let body = markdown::split_front_matter(&text).map_or(text.as_str(), |fm| fm.body);
        self.chapter(i, &markdown::render(body, &self.site.resolver))
    }

    /// Chapter `i`, whose Markdown rendered into `md`, made into everything made of it.
    fn chapter(&self, i: usize, md: &Rendered) -> Result<Chapter, Diagnostic> {
        let c = &self.site.chapters[i];
        let html = self.content(md, self.proven.chapter(i))?;
        let print = self.print.chapter(c, &html);
        let part_print = self.print.in_part(c, &html);
        let part = c.part.map(|k| self.site.parts[k].page.title.as_str());
        let search = search::chapter_docs(c, part, &md.sections);
        let context = ChapterContext {
            base: self.base,
            page: ChapterPage {
                meta: self.meta("chapter", c),
                number: &c.number,
                part: c.part.map(|k| {
                    let part = &self.site.parts[k].page;
                    PageLink {
                        title: &part.title,
                        url: &part.url,
                    }
                }),
                reviewed: c.reviewed.map(|d| d.german()),
                reviewed_iso: c.reviewed.map(|d| d.to_string()),
                headings: html::outline(&html),
                content: html,
            },
            nav: self.nav(Here::Chapter(i))?,
        };
        let page = self.templates.render("page.html", &context)?;
        Ok(Chapter {
            page_hash: hash(&page),
            page: Arc::new(page),
            print,
            part_print,
            search: Arc::new(search),
        })
    }

    /// The chapter list beside a page and the pages before and after it.
    fn nav(&self, here: Here) -> Result<Nav<'_>, Diagnostic> {
        let chapters = &self.site.chapters;
        fn link(p: Option<&Page>) -> Option<PageLink<'_>> {
            p.map(|p| PageLink {
                title: &p.title,
                url: &p.url,
            })
        }
        let (prev, next) = match here {
            Here::Chapter(i) => (
                link(i.checked_sub(1).map(|j| &chapters[j])),
                link(chapters.get(i + 1)),
            ),
            Here::Part(k) => {
                let range = &self.site.parts[k].chapters;
                (
                    link(range.start.checked_sub(1).map(|j| &chapters[j])),
                    link(chapters.get(range.start)),
                )
            }
        };
        let (entries, items) = self.sidebar.entries(here).unzip();
        Ok(Nav {
            list: self.sidebar.html(&self.templates, here)?,
            chapters: entries,
            items,
            total: chapters.len(),
            partial: self.sidebar.partial(),
            prev,
            next,
        })
    }

    /// A part's own page: its intro and its chapters.
    fn part(&self, k: usize) -> Result<Vec<u8>, Diagnostic> {
        let part = &self.site.parts[k];
        let page = &part.page;
        let chapters = self.site.chapters.len();
        let context = PartContext {
            base: self.base,
            page: PartPage {
                meta: self.meta("part", page),
                number: &page.number,
                url: &page.url,
                content: self.content(&page.md, self.proven.part(chapters, k))?,
                print_url: format!(
                    "{}{}",
                    self.site.config.base_path(),
                    print::path(Some(page))
                ),
            },
            chapters: &self.chapter_list[part.chapters.clone()],
            nav: self.nav(Here::Part(k))?,
        };
        self.templates.render("part.html", &context)
    }

    /// The start page's contents in a handbook with parts: chapters and parts, not every chapter.
    fn toc(&self) -> Vec<TocEntry<'_>> {
        let site = self.site;
        self.tops
            .iter()
            .map(|top| {
                let (page, chapters) = match *top {
                    Top::Chapter(i) => (&site.chapters[i], None),
                    Top::Part(k) => (&site.parts[k].page, Some(site.parts[k].chapters.len())),
                };
                TocEntry {
                    number: &page.number,
                    title: &page.title,
                    url: &page.url,
                    summary: page.summary.as_deref(),
                    chapters,
                }
            })
            .collect()
    }

    /// Every chapter, on all cores in contiguous runs: pages to the sink, print and search
    /// entries into each run's parts.
    fn chapters(
        &self,
        files: &dyn Files,
        sink: &dyn Sink,
        frames: &Frames,
    ) -> Result<Vec<Run>, Diagnostics> {
        let n = self.site.chapters.len();
        let per_run = n.div_ceil(crate::parallel::threads()).max(1);
        let spans: Vec<(usize, usize, usize)> = (0..n)
            .step_by(per_run)
            .enumerate()
            .map(|(run, from)| (run, from, (from + per_run).min(n)))
            .collect();
        crate::parallel::map(spans, &|(run, from, to)| {
            self.run(files, sink, frames, run, from..to)
        })
        .into_iter()
        .collect::<Result<Vec<Run>, Diagnostic>>()
        .map_err(Diagnostics::from)
    }

    /// Renders chapters `span` (run number `run`).
    fn run(
        &self,
        files: &dyn Files,
        sink: &dyn Sink,
        frames: &Frames,
        run: usize,
        span: std::ops::Range<usize>,
    ) -> Result<Run, Diagnostic> {
        let whole_book = frames.whole.len() > 1;
        let mut print = PartWriter::new(sink, format!(".parts/print-{run}"));
        let mut part_prints = Vec::new();
        let mut part_print: Option<(usize, PartWriter<'_>)> = None;
        let mut search = search::Collector::default();
        let mut later = Vec::new();
        let mut written = Vec::new();
        for i in span {
            let c = self.remembered_chapter(i, files)?;
            let page = &self.site.chapters[i];
            let path = format!("{}/index.html", page.slug);
            written.push((path.clone(), c.page_hash.clone(), c.page.len()));
            sink.shared(&path, &c.page)?;
            if self.later {
                later.push(c);
                continue;
            }
            if whole_book {
                print.push(&frames.whole[i])?;
                print.push(&c.print)?;
            }
            if let (Some(k), Some(html)) = (page.part, &c.part_print) {
                if part_print.as_ref().is_none_or(|(current, _)| *current != k) {
                    if let Some((done, writer)) = part_print.take() {
                        part_prints.push((done, writer.finish()?));
                    }
                    let name = format!(".parts/print-{run}-{k}");
                    part_print = Some((k, PartWriter::new(sink, name)));
                }
                if let Some((_, writer)) = part_print.as_mut() {
                    let start = self.site.parts[k].chapters.start;
                    writer.push(&frames.parts[k][i - start])?;
                    writer.push(html)?;
                }
            }
            search.chunk(sink, self.first_chunk + i, &c.search)?;
        }
        if let Some((done, writer)) = part_print {
            part_prints.push((done, writer.finish()?));
        }
        Ok(Run {
            pages: written.len(),
            written,
            print: print.finish()?,
            part_prints,
            search,
            later,
        })
    }

    /// The print page and the search index, put together from the runs' parts.
    fn assemble(
        &self,
        runs: Vec<Run>,
        frames: Arc<Frames>,
        search_data: search::DataChunks,
        out: &mut Out<'_>,
    ) -> Result<(), Diagnostics> {
        if self.later {
            let chapters = runs.into_iter().flat_map(|run| {
                out.written.extend(run.written);
                out.summary.pages += run.pages;
                run.later
            });
            let chapters = chapters.collect();
            let later = Later::new(search_data, frames, chapters, self.print_pages());
            out.summary.pages += later.pages();
            out.summary.later = Some(Arc::new(later));
            return Ok(());
        }
        let whole_book = frames.whole.len() > 1;
        let mut print_pieces = Vec::new();
        let mut print_hash = Hasher::default();
        let mut print_bytes = 0;
        let mut part_pieces: Vec<Vec<Part>> = frames.parts.iter().map(|_| Vec::new()).collect();
        let mut search_runs = Vec::with_capacity(runs.len());
        for run in runs {
            out.written.extend(run.written);
            out.summary.pages += run.pages;
            if whole_book {
                print_hash.update(run.print.hash.as_bytes());
                print_bytes += run.print.bytes;
                print_pieces.push(Piece::Part(run.print.path));
            }
            for (k, piece) in run.part_prints {
                part_pieces[k].push(piece);
            }
            search_runs.push(run.search);
        }
        let last = frames.whole.last().cloned().unwrap_or_default();
        print_hash.update(last.as_bytes());
        print_bytes += last.len();
        print_pieces.push(Piece::Text(last));
        out.assembled(
            WHOLE_PRINT,
            &print_pieces,
            (print_hash.finish(), print_bytes),
        )?;
        out.summary.pages += 1;
        let pages = self.print_pages().into_iter().zip(part_pieces);
        for (k, ((path, _), pieces)) in pages.enumerate() {
            out.assembled_from(&path, pieces, &frames.parts[k])?;
        }
        let search = search::write(out.sink, search_data, search_runs)?;
        out.summary.search_bytes = search.bytes;
        out.written.extend(search.files);
        Ok(())
    }

    /// The print pages' frames, as made before when nothing they show changed.
    fn frames(&self) -> Result<Arc<Frames>, Diagnostic> {
        let make = || {
            print::frames(self.site, self.base, &self.templates, &|url| {
                self.canonical(url)
            })
            .map(Arc::new)
        };
        let Some((memo, context)) = &self.memo else {
            return make();
        };
        if let Some(known) = memo.frames.get(context) {
            return Ok(known);
        }
        let frames = make()?;
        memo.frames.put(context.clone(), Arc::clone(&frames));
        Ok(frames)
    }

    /// Each part's print page, with its first chapter.
    fn print_pages(&self) -> Vec<(String, usize)> {
        let parts = self.site.parts.iter();
        parts
            .map(|p| {
                let path = format!("{}index.html", print::path(Some(&p.page)));
                (path, p.chapters.start)
            })
            .collect()
    }

    fn not_found(&self) -> Result<Vec<u8>, Diagnostic> {
        let cfg = &self.site.config;
        let context = NotFoundContext {
            base: self.base,
            page: PageMeta {
                kind: "404",
                title: "Seite nicht gefunden",
                description: &cfg.description,
                canonical: self.canonical(&cfg.base_path()),
            },
        };
        self.templates.render("404.html", &context)
    }

    fn sitemap(&self) -> String {
        let base_path = self.site.config.base_path();
        let mut sitemap = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        let pages = self
            .site
            .chapters
            .iter()
            .chain(self.site.parts.iter().map(|p| &p.page));
        for url in std::iter::once(&base_path).chain(pages.map(|c| &c.url)) {
            sitemap.push_str(&format!(
                "  <url><loc>{}</loc></url>\n",
                self.canonical(url)
            ));
        }
        sitemap.push_str("</urlset>\n");
        sitemap
    }

    fn robots(&self) -> String {
        format!(
            "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
            self.site.config.base_url
        )
    }
}

/// The hash of what a chapter page is made of besides its own text: the sources' hash and the
/// chapters' list (titles, summaries, addresses, review dates, order) and the parts' (titles,
/// addresses, chapters), which every page's navigation and links show.
fn chapters_context(site: &Site, sources: &str) -> String {
    let mut h = Hasher::default();
    h.update(sources.as_bytes());
    for c in &site.chapters {
        for part in [
            c.file.as_str(),
            c.title.as_str(),
            c.summary.as_deref().unwrap_or("\u{0}"),
            c.url.as_str(),
        ] {
            h.update(part.as_bytes());
            h.update(b"\x1f");
        }
        h.update(
            c.reviewed
                .map(|d| d.to_string())
                .unwrap_or_default()
                .as_bytes(),
        );
        h.update(b"\x1e");
    }
    // Parts: their titles stand in the chapter list and on the print pages.
    for p in &site.parts {
        for text in [p.page.title.as_str(), p.page.url.as_str(), &p.page.number] {
            h.update(text.as_bytes());
            h.update(b"\x1f");
        }
        h.update(format!("{:?}\x1e", p.chapters).as_bytes());
    }
    h.finish()
}

/// Where each data file is first embedded (search results and the start page link there).
fn embedded_at(site: &Site) -> HashMap<String, String> {
    let mut at: HashMap<String, String> = HashMap::default();
    for page in std::iter::once(&site.index).chain(&site.chapters) {
        for d in &page.md.directives {
            at.entry(d.id.clone()).or_insert_with(|| page.url.clone());
        }
    }
    at
}

/// Where rendered files go, counted and hashed on the way.
struct Out<'a> {
    sink: &'a dyn Sink,
    summary: Summary,
    /// Every file written, with its hash and size: the service worker precaches them (all, or
    /// the shell where they pass its budget), versioned by their hashes.
    written: Vec<(String, String, usize)>,
}

impl Out<'_> {
    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        if path.ends_with(".html") {
            self.summary.pages += 1;
        }
        self.written
            .push((path.to_string(), hash(bytes), bytes.len()));
        self.sink.file(path, bytes)
    }

    /// A page made once (and perhaps remembered): written without a copy where the sink can.
    fn page(&mut self, path: &str, page: Arc<MadePage>) -> Result<(), Diagnostic> {
        if path.ends_with(".html") {
            self.summary.pages += 1;
        }
        self.written
            .push((path.to_string(), page.hash.clone(), page.bytes.len()));
        self.sink.shared(path, &page.bytes)
    }

    /// A file put together from pieces, whose hash and size were computed on the way.
    fn assembled(
        &mut self,
        path: &str,
        pieces: &[Piece],
        (hash, bytes): (String, usize),
    ) -> Result<(), Diagnostic> {
        self.sink.assemble(path, pieces)?;
        self.written.push((path.to_string(), hash, bytes));
        Ok(())
    }

    /// A page of the runs' `parts` and the last piece of its `frame`.
    fn assembled_from(
        &mut self,
        path: &str,
        parts: Vec<Part>,
        frame: &[String],
    ) -> Result<(), Diagnostic> {
        let mut hash = Hasher::default();
        let mut bytes = 0;
        let mut pieces = Vec::with_capacity(parts.len() + 1);
        for part in parts {
            hash.update(part.hash.as_bytes());
            bytes += part.bytes;
            pieces.push(Piece::Part(part.path));
        }
        let last = frame.last().cloned().unwrap_or_default();
        hash.update(last.as_bytes());
        bytes += last.len();
        pieces.push(Piece::Text(last));
        self.summary.pages += 1;
        self.assembled(path, &pieces, (hash.finish(), bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names() {
        assert_eq!(hashed_name("style.css", b"").len(), "style..css".len() + 10);
    }
}
