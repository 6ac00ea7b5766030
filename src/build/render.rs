//! Render: Tera turns the validated site into pages and assets, handed one by one to a sink.

use crate::build::html;
use crate::build::sink::{Piece, Sink};
use crate::build::templates::Templates;
use crate::build::theme::Theme;
use crate::diagnostic::Diagnostic;
use crate::hash::{Hasher, hash};
use crate::model::markdown::Rendered;
use crate::model::site::{Page, Site};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};

/// How the pages are rendered.
#[derive(Debug, Clone, Copy, Default)]
pub struct Mode {
    /// The preview: include the live-reload script, no service worker.
    pub live: bool,
}

/// What a build produced, for the summary line.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub pages: usize,
    pub search_bytes: usize,
}

/// `style.css` + hash -> `style.0123456789.css`.
fn hashed_name(name: &str, bytes: &[u8]) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{}.{ext}", hash(bytes)),
        None => format!("{name}.{}", hash(bytes)),
    }
}

/// Chapter HTML with its directives drawn by the theme's partials.
fn content(ctx: &Ctx, md: &Rendered) -> Result<String, Diagnostic> {
    let mut html = md.html.clone();
    for (i, d) in md.directives.iter().enumerate() {
        let Ok(view) = crate::build::validate::embed(ctx.site, d) else {
            continue;
        };
        let level = md
            .headings
            .iter()
            .take_while(|h| h.offset < d.offset)
            .last()
            .map_or(2, |h| h.level + 1)
            .min(6);
        let mut c = ctx.base.clone();
        c["data"] = view;
        c["level"] = level.into();
        let name = format!("partials/{}.html", d.kind);
        let rendered = ctx.t.render(&name, &c)?;
        html = html.replacen(
            &format!("<!--directive:{i}-->\n"),
            &String::from_utf8_lossy(&rendered),
            1,
        );
    }
    Ok(html)
}

/// How many chapters the sidebar lists at most; longer handbooks show a window around the
/// current chapter (so page size does not grow with the handbook) and link the full contents.
const NAV_WINDOW: usize = 60;

/// Everything the page templates share.
struct Ctx<'a> {
    site: &'a Site,
    t: Templates,
    base: Value,
    origin: String,
    chapter_list: Vec<Value>,
    /// Chapter URL -> (its anchor on the print page, the prefix of its ids there).
    print_targets: HashMap<String, (String, String)>,
}

/// A chapter rendered once: its page, its part of the print page, its search entries.
struct Chapter {
    page: Vec<u8>,
    print: String,
    search: Vec<String>,
}

impl Ctx<'_> {
    fn canonical(&self, url: &str) -> String {
        format!("{}{url}", self.origin)
    }

    fn page(&self, name: &str, ctx: Value) -> Result<Vec<u8>, Vec<Diagnostic>> {
        self.t.render(name, &ctx).map_err(|e| vec![e])
    }

    /// Reads chapter `i` again and renders everything made of it.
    fn chapter(&self, i: usize, files: &dyn crate::fs::Files) -> Result<Chapter, Vec<Diagnostic>> {
        let site = self.site;
        let c = &site.chapters[i];
        let text = files.text(&c.path).map_err(|e| vec![e])?;
        let body =
            crate::model::markdown::split_front_matter(&text).map_or(text.as_str(), |fm| fm.body);
        let md = crate::model::markdown::render(body, &site.resolver);
        let html = content(self, &md).map_err(|e| vec![e])?;
        // On the print page chapters sit one level deeper: every heading moves down one.
        let print = html::prefix_ids(
            &html::shift_headings(&html, 1),
            &format!("{}--", c.slug),
            &self.print_targets,
        );
        let search = crate::build::search::chapter_docs(c, &md.sections);
        let total = site.chapters.len();
        let (from, to) = if total <= NAV_WINDOW {
            (0, total)
        } else {
            let from = i.saturating_sub(NAV_WINDOW / 2).min(total - NAV_WINDOW);
            (from, from + NAV_WINDOW)
        };
        let nav_chapters: Vec<Value> = self.chapter_list[from..to]
            .iter()
            .map(|v| {
                let mut v = v.clone();
                v["current"] = (v["url"] == c.url.as_str()).into();
                v
            })
            .collect();
        let link = |p: Option<&Page>| p.map(|p| json!({ "title": p.title, "url": p.url }));
        let mut ctx = self.base.clone();
        ctx["page"] = json!({
            "kind": "chapter",
            "title": c.title,
            "description": c.summary.clone().unwrap_or_else(|| site.config.description.clone()),
            "canonical": self.canonical(&c.url),
            "number": i + 1,
            "reviewed": c.reviewed.map(|d| d.german()),
            "reviewed_iso": c.reviewed.map(|d| d.to_string()),
            "headings": html::outline(&html),
            "content": html,
        });
        ctx["nav"] = json!({
            "chapters": nav_chapters,
            "total": total,
            "partial": total > NAV_WINDOW,
            "prev": link(i.checked_sub(1).map(|j| &site.chapters[j])),
            "next": link(site.chapters.get(i + 1)),
        });
        Ok(Chapter {
            page: self.page("page.html", ctx)?,
            print,
            search,
        })
    }

    /// The frame of the print page, cut where the chapters go: `chapters + 1` pieces.
    fn print_frame(&self) -> Result<Vec<String>, Vec<Diagnostic>> {
        let site = self.site;
        let chapters: Vec<Value> = site
            .chapters
            .iter()
            .enumerate()
            .map(|(i, c)| {
                json!({
                    "number": i + 1,
                    "title": c.title,
                    "anchor": format!("kapitel-{}", c.slug),
                    "reviewed": c.reviewed.map(|d| d.german()),
                    "content": format!("<!--print-chapter:{i}-->"),
                })
            })
            .collect();
        let mut ctx = self.base.clone();
        ctx["page"] = json!({
            "kind": "print",
            "title": format!("{} – Druckfassung", site.config.title),
            "description": site.config.description,
            "canonical": self.canonical(&format!("{}drucken/", site.config.base_path())),
        });
        ctx["chapters"] = Value::Array(chapters);
        let frame = String::from_utf8(self.page("print.html", ctx)?).unwrap_or_default();
        let mut pieces = Vec::with_capacity(site.chapters.len() + 1);
        let mut rest = frame.as_str();
        for i in 0..site.chapters.len() {
            let marker = format!("<!--print-chapter:{i}-->");
            let (before, after) = rest.split_once(&marker).unwrap_or((rest, ""));
            pieces.push(before.to_string());
            rest = after;
        }
        pieces.push(rest.to_string());
        Ok(pieces)
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

/// What one run of chapters (one thread) wrote.
struct Run {
    written: Vec<(String, String)>,
    pages: usize,
    print_part: String,
    print_hash: String,
    /// Never empty: every chapter has at least one search entry.
    search_part: String,
    search_hash: String,
    search_bytes: usize,
}

/// Renders chapters `from..to`: pages to the sink, print and search entries into parts.
fn render_run(
    ctx: &Ctx,
    files: &dyn crate::fs::Files,
    sink: &dyn Sink,
    frame: &[String],
    run: usize,
    from: usize,
    to: usize,
) -> Result<Run, Vec<Diagnostic>> {
    let site = ctx.site;
    let print_part = format!(".parts/print-{run}");
    let search_part = format!(".parts/search-{run}");
    let mut out = Run {
        written: Vec::new(),
        pages: 0,
        print_part: print_part.clone(),
        print_hash: String::new(),
        search_part: search_part.clone(),
        search_hash: String::new(),
        search_bytes: 0,
    };
    let (mut print_hash, mut search_hash) = (Hasher::default(), Hasher::default());
    // The parts are written in pieces of about a megabyte: few writes, little memory.
    let (mut print_buf, mut search_buf) = (String::new(), String::new());
    let flush = |part: &str, buf: &mut String| -> Result<(), Vec<Diagnostic>> {
        if !buf.is_empty() {
            sink.append(part, buf.as_bytes()).map_err(|e| vec![e])?;
            buf.clear();
        }
        Ok(())
    };
    for (i, frame_before) in frame.iter().enumerate().take(to).skip(from) {
        let c = ctx.chapter(i, files)?;
        let path = format!("{}/index.html", site.chapters[i].slug);
        out.written.push((path.clone(), hash(&c.page)));
        sink.file(&path, &c.page).map_err(|e| vec![e])?;
        out.pages += 1;
        print_hash.update(frame_before.as_bytes());
        print_hash.update(c.print.as_bytes());
        print_buf.push_str(frame_before);
        print_buf.push_str(&c.print);
        let mut docs = c.search.join(",");
        if i > from {
            docs.insert(0, ',');
        }
        search_hash.update(docs.as_bytes());
        out.search_bytes += docs.len();
        search_buf.push_str(&docs);
        if print_buf.len() > 1 << 20 {
            flush(&print_part, &mut print_buf)?;
        }
        if search_buf.len() > 1 << 20 {
            flush(&search_part, &mut search_buf)?;
        }
    }
    flush(&print_part, &mut print_buf)?;
    flush(&search_part, &mut search_buf)?;
    out.print_hash = print_hash.finish();
    out.search_hash = search_hash.finish();
    Ok(out)
}

/// Renders every page and asset into `sink`. Chapters are read again and rendered on all
/// cores, in contiguous runs, each chapter once; the print page and the search index are put
/// together from the runs' parts at the end.
pub fn render(
    site: &Site,
    files: &dyn crate::fs::Files,
    theme: &Theme,
    theme_paths: &HashMap<String, String>,
    mode: Mode,
    sink: &dyn Sink,
) -> Result<Summary, Vec<Diagnostic>> {
    let t = Templates::new(theme, theme_paths)?;
    let mut out = Out {
        sink,
        summary: Summary::default(),
        written: Vec::new(),
    };
    let cfg = &site.config;
    let base_path = cfg.base_path();

    // Assets first: pages link to their hashed names.
    let mut assets = BTreeMap::new();
    let mut asset_files = Vec::new();
    for (name, bytes) in theme.assets() {
        let hashed = format!("assets/{}", hashed_name(name, bytes));
        assets.insert(name.to_string(), format!("{base_path}{hashed}"));
        asset_files.push((hashed, bytes));
    }
    let embedded_at = embedded_at(site);
    // The search index is made while the chapters are rendered, so its name carries no hash:
    // it is revalidated like a page (netlify.toml), not cached for a year.
    let search_path = "search-index.json".to_string();

    let imprint_url = cfg
        .imprint
        .as_ref()
        .and_then(|f| site.chapters.iter().find(|c| &c.file == f))
        .map(|c| c.url.clone());
    let base = json!({
        "site": {
            "title": cfg.title,
            "subtitle": cfg.subtitle,
            "short_title": cfg.short_title,
            "description": cfg.description,
            "publisher": cfg.publisher,
            "language": cfg.language,
            "base_url": cfg.base_url,
            "base_path": base_path,
            "edition": cfg.edition.map(|d| d.german()),
            "key": base_path,
            "imprint_url": imprint_url,
        },
        "assets": assets,
        "search_index": format!("{base_path}{search_path}"),
        "live": mode.live,
    });
    let ctx = Ctx {
        site,
        t,
        base,
        // Page URLs already carry the base path: the canonical URL is the origin plus that.
        origin: cfg
            .base_url
            .strip_suffix(base_path.as_str())
            .unwrap_or(&cfg.base_url)
            .to_string(),
        chapter_list: site
            .chapters
            .iter()
            .enumerate()
            .map(|(i, c)| json!({ "number": i + 1, "title": c.title, "url": c.url, "summary": c.summary }))
            .collect(),
        print_targets: site
            .chapters
            .iter()
            .map(|c| (c.url.clone(), (format!("kapitel-{}", c.slug), format!("{}--", c.slug))))
            .collect(),
    };

    // Start page.
    let checklists: Vec<Value> = site
        .data
        .values()
        .filter(|d| d.body.kind() == "checklist")
        .filter_map(|d| {
            let url = embedded_at.get(&d.id)?;
            Some(json!({ "id": d.id, "title": d.body.title(), "total": d.body.item_ids().len(), "points": d.body.item_ids(), "url": format!("{url}#checkliste-{}", d.id) }))
        })
        .collect();
    let mut page = ctx.base.clone();
    page["page"] = json!({
        "kind": "index",
        "title": cfg.title,
        "description": cfg.description,
        "canonical": ctx.canonical(&base_path),
        "content": content(&ctx, &site.index.md).map_err(|e| vec![e])?,
    });
    page["chapters"] = Value::Array(ctx.chapter_list.clone());
    page["checklists"] = Value::Array(checklists);
    out.put("index.html", &ctx.page("index.html", page)?)?;

    // Chapters, in as many contiguous runs as there are cores.
    let frame = ctx.print_frame()?;
    let n = site.chapters.len();
    let per_run = n.div_ceil(crate::parallel::threads()).max(1);
    let spans: Vec<(usize, usize, usize)> = (0..n)
        .step_by(per_run)
        .enumerate()
        .map(|(run, from)| (run, from, (from + per_run).min(n)))
        .collect();
    let runs = crate::parallel::map(spans, &|(run, from, to)| {
        render_run(&ctx, files, sink, &frame, run, from, to)
    })
    .into_iter()
    .collect::<Result<Vec<Run>, _>>()?;

    // The search index: the data lists' entries, then each run's part, comma-separated.
    let data_docs = crate::build::search::data_docs(site, &embedded_at).join(",");
    let mut search_hash = Hasher::default();
    search_hash.update(data_docs.as_bytes());
    let mut search_bytes =
        crate::build::search::HEAD.len() + crate::build::search::TAIL.len() + data_docs.len();
    let mut search_pieces = vec![Piece::Text(crate::build::search::HEAD.to_string())];
    if !data_docs.is_empty() {
        search_pieces.push(Piece::Text(data_docs));
    }
    let mut print_pieces = Vec::new();
    let mut print_hash = Hasher::default();
    for run in runs {
        out.written.extend(run.written);
        out.summary.pages += run.pages;
        print_hash.update(run.print_hash.as_bytes());
        print_pieces.push(Piece::Part(run.print_part));
        if search_pieces.len() > 1 {
            search_pieces.push(Piece::Text(",".into()));
            search_bytes += 1;
        }
        search_hash.update(run.search_hash.as_bytes());
        search_bytes += run.search_bytes;
        search_pieces.push(Piece::Part(run.search_part));
    }
    let last = frame.last().cloned().unwrap_or_default();
    print_hash.update(last.as_bytes());
    print_pieces.push(Piece::Text(last));
    sink.assemble("drucken/index.html", &print_pieces)
        .map_err(|e| vec![e])?;
    out.written
        .push(("drucken/index.html".into(), print_hash.finish()));
    out.summary.pages += 1;
    search_pieces.push(Piece::Text(crate::build::search::TAIL.to_string()));
    sink.assemble(&search_path, &search_pieces)
        .map_err(|e| vec![e])?;
    out.written
        .push((search_path.clone(), search_hash.finish()));
    out.summary.search_bytes = search_bytes;

    let mut page = ctx.base.clone();
    page["page"] = json!({ "kind": "404", "title": "Seite nicht gefunden", "description": cfg.description, "canonical": ctx.canonical(&base_path) });
    out.put("404.html", &ctx.page("404.html", page)?)?;

    let mut sitemap = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for url in std::iter::once(&base_path).chain(site.chapters.iter().map(|c| &c.url)) {
        sitemap.push_str(&format!("  <url><loc>{}</loc></url>\n", ctx.canonical(url)));
    }
    sitemap.push_str("</urlset>\n");
    out.put("sitemap.xml", sitemap.as_bytes())?;
    out.put(
        "robots.txt",
        format!(
            "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
            cfg.base_url
        )
        .as_bytes(),
    )?;
    for (path, bytes) in asset_files {
        out.put(&path, bytes)?;
    }
    for a in &site.assets {
        let bytes = files.bytes(&a.source).map_err(|e| vec![e])?;
        out.put(&a.site_path, &bytes)?;
    }
    if !mode.live {
        let (sw, manifest) =
            crate::build::offline::offline_files(site, &base_path, &out.written, &assets);
        out.put("manifest.webmanifest", manifest.as_bytes())?;
        out.put("sw.js", sw.as_bytes())?;
    }
    Ok(out.summary)
}

/// Where rendered files go, counted and hashed on the way.
struct Out<'a> {
    sink: &'a dyn Sink,
    summary: Summary,
    /// Every file written, with its hash: the service worker precaches them, versioned by them.
    written: Vec<(String, String)>,
}

impl Out<'_> {
    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), Vec<Diagnostic>> {
        if path.ends_with(".html") {
            self.summary.pages += 1;
        }
        self.written.push((path.to_string(), hash(bytes)));
        self.sink.file(path, bytes).map_err(|e| vec![e])
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
