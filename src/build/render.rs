//! Render: the theme's templates turn the validated site into pages and files, handed one by
//! one to a sink. Chapters are read again and rendered on all cores, each chapter once into
//! its page, its part of the print page and its search entries.

use crate::Mode;
use crate::build::context::{
    Base, ChapterContext, ChapterEntry, ChapterPage, ChecklistEntry, ContentPage, IndexContext,
    Nav, NavEntry, NotFoundContext, PageLink, PageMeta, PartialContext, SiteView,
};
use crate::build::embed::Embed;
use crate::build::print::{self, PrintTargets};
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
use std::collections::{BTreeMap, HashMap};

/// What a build produced, for the summary line.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub pages: usize,
    pub search_bytes: usize,
}

/// How many chapters the sidebar lists at most; longer handbooks show a window around the
/// current chapter (so page size does not grow with the handbook) and link the full contents.
const NAV_WINDOW: usize = 60;

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
    let templates = Templates::new(theme)?;
    let base_path = site.config.base_path();
    let theme_assets = hashed_assets(theme, &base_path);
    let base = base(site, &base_path, &theme_assets, mode);
    let chapter_list = chapter_list(site);
    let search_data = search::DataChunks::new(site, &embedded_at(site));
    let r = Renderer {
        site,
        proven,
        templates,
        base: &base,
        origin: origin(site),
        chapter_list: &chapter_list,
        print: PrintTargets::new(site),
        first_chunk: search_data.len(),
    };
    let mut out = Out {
        sink,
        summary: Summary::default(),
        written: Vec::new(),
    };
    out.put("index.html", &r.index()?)?;
    let frame = print::frame(
        site,
        &base,
        &r.templates,
        r.canonical(&format!("{base_path}drucken/")),
    )?;
    let runs = r.chapters(files, sink, &frame)?;
    r.assemble(runs, &frame, search_data, &mut out)?;
    out.put("404.html", &r.not_found()?)?;
    out.put("sitemap.xml", r.sitemap().as_bytes())?;
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
        .and_then(|f| site.chapters.iter().find(|c| &c.file == f))
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
    site.chapters
        .iter()
        .enumerate()
        .map(|(i, c)| ChapterEntry {
            number: i + 1,
            title: &c.title,
            url: &c.url,
            summary: c.summary.as_deref(),
        })
        .collect()
}

/// Everything the pages share while they are rendered.
struct Renderer<'a> {
    site: &'a Site,
    proven: &'a Proven<'a>,
    templates: Templates,
    base: &'a Base<'a>,
    origin: String,
    chapter_list: &'a [ChapterEntry<'a>],
    print: PrintTargets,
    /// The search chunk of the first chapter (the data lists' chunks come before).
    first_chunk: usize,
}

/// A chapter rendered once: its page, its part of the print page, its search entries.
struct Chapter {
    page: Vec<u8>,
    print: String,
    search: Vec<search::Entry>,
}

/// What one run of chapters (one thread) wrote.
struct Run {
    written: Vec<(String, String, usize)>,
    pages: usize,
    print: Part,
    search: search::Collector,
}

impl Renderer<'_> {
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
        Ok(html)
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
            chapters: self.chapter_list,
            checklists,
        };
        self.templates.render("index.html", &context)
    }

    /// Chapter `i`, read again and rendered into everything made of it.
    fn chapter(&self, i: usize, files: &dyn Files) -> Result<Chapter, Diagnostic> {
        let c = &self.site.chapters[i];
        let text = files.text(&c.path)?;
        let body = markdown::split_front_matter(&text).map_or(text.as_str(), |fm| fm.body);
        let md = markdown::render(body, &self.site.resolver);
        let html = self.content(&md, self.proven.chapter(i))?;
        let print = self.print.chapter(c, &html);
        let search = search::chapter_docs(c, &md.sections);
        let context = ChapterContext {
            base: self.base,
            page: ChapterPage {
                meta: PageMeta {
                    kind: "chapter",
                    title: &c.title,
                    description: c
                        .summary
                        .as_deref()
                        .unwrap_or(&self.site.config.description),
                    canonical: self.canonical(&c.url),
                },
                number: i + 1,
                reviewed: c.reviewed.map(|d| d.german()),
                reviewed_iso: c.reviewed.map(|d| d.to_string()),
                headings: html::outline(&html),
                content: html,
            },
            nav: self.nav(i),
        };
        Ok(Chapter {
            page: self.templates.render("page.html", &context)?,
            print,
            search,
        })
    }

    /// The chapter list beside chapter `i` and its neighbours.
    fn nav(&self, i: usize) -> Nav<'_> {
        let chapters = &self.site.chapters;
        let total = chapters.len();
        let (from, to) = if total <= NAV_WINDOW {
            (0, total)
        } else {
            let from = i.saturating_sub(NAV_WINDOW / 2).min(total - NAV_WINDOW);
            (from, from + NAV_WINDOW)
        };
        fn link(p: Option<&Page>) -> Option<PageLink<'_>> {
            p.map(|p| PageLink {
                title: &p.title,
                url: &p.url,
            })
        }
        Nav {
            chapters: self.chapter_list[from..to]
                .iter()
                .map(|chapter| NavEntry {
                    chapter,
                    current: chapter.number == i + 1,
                })
                .collect(),
            total,
            partial: total > NAV_WINDOW,
            prev: link(i.checked_sub(1).map(|j| &chapters[j])),
            next: link(chapters.get(i + 1)),
        }
    }

    /// Every chapter, on all cores in contiguous runs: pages to the sink, print and search
    /// entries into each run's parts.
    fn chapters(
        &self,
        files: &dyn Files,
        sink: &dyn Sink,
        frame: &[String],
    ) -> Result<Vec<Run>, Diagnostics> {
        let n = self.site.chapters.len();
        let per_run = n.div_ceil(crate::parallel::threads()).max(1);
        let spans: Vec<(usize, usize, usize)> = (0..n)
            .step_by(per_run)
            .enumerate()
            .map(|(run, from)| (run, from, (from + per_run).min(n)))
            .collect();
        crate::parallel::map(spans, &|(run, from, to)| {
            self.run(files, sink, frame, run, from..to)
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
        frame: &[String],
        run: usize,
        span: std::ops::Range<usize>,
    ) -> Result<Run, Diagnostic> {
        let mut print = PartWriter::new(sink, format!(".parts/print-{run}"));
        let mut search = search::Collector::default();
        let mut written = Vec::new();
        for i in span {
            let c = self.chapter(i, files)?;
            let path = format!("{}/index.html", self.site.chapters[i].slug);
            written.push((path.clone(), hash(&c.page), c.page.len()));
            sink.file(&path, &c.page)?;
            print.push(&frame[i])?;
            print.push(&c.print)?;
            search.chunk(sink, self.first_chunk + i, &c.search)?;
        }
        Ok(Run {
            pages: written.len(),
            written,
            print: print.finish()?,
            search,
        })
    }

    /// The print page and the search index, put together from the runs' parts.
    fn assemble(
        &self,
        runs: Vec<Run>,
        frame: &[String],
        search_data: search::DataChunks,
        out: &mut Out<'_>,
    ) -> Result<(), Diagnostics> {
        let mut print_pieces = Vec::new();
        let mut print_hash = Hasher::default();
        let mut print_bytes = 0;
        let mut search_runs = Vec::with_capacity(runs.len());
        for run in runs {
            out.written.extend(run.written);
            out.summary.pages += run.pages;
            print_hash.update(run.print.hash.as_bytes());
            print_bytes += run.print.bytes;
            print_pieces.push(Piece::Part(run.print.path));
            search_runs.push(run.search);
        }
        let last = frame.last().cloned().unwrap_or_default();
        print_hash.update(last.as_bytes());
        print_bytes += last.len();
        print_pieces.push(Piece::Text(last));
        out.assembled(
            "drucken/index.html",
            &print_pieces,
            (print_hash.finish(), print_bytes),
        )?;
        out.summary.pages += 1;
        let search = search::write(out.sink, search_data, search_runs)?;
        out.summary.search_bytes = search.bytes;
        out.written.extend(search.files);
        Ok(())
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
        for url in std::iter::once(&base_path).chain(self.site.chapters.iter().map(|c| &c.url)) {
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

/// Where each data file is first embedded (search results and the start page link there).
fn embedded_at(site: &Site) -> HashMap<String, String> {
    let mut at: HashMap<String, String> = HashMap::new();
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names() {
        assert_eq!(hashed_name("style.css", b"").len(), "style..css".len() + 10);
    }
}
