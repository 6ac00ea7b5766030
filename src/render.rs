//! Render: Tera turns the validated site into pages and assets, handed one by one to a sink.

use crate::diagnostic::Diagnostic;
use crate::site::{Page, Site};
use crate::theme::Theme;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};

/// Where rendered files go: a folder on disk, or memory for the preview server.
/// Shared by the threads that render chapters.
pub trait Sink: Sync {
    fn file(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic>;
    /// Appends to a file (creating it): large pages are written piece by piece.
    fn append(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic>;
}

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
    pub files: usize,
    pub search_bytes: usize,
}

/// A streaming content hash for file names: stable across builds and machines,
/// word-at-a-time (it runs over every byte of the output), not cryptographic.
#[derive(Clone)]
pub struct Hasher {
    h: u64,
    len: u64,
    pending: Vec<u8>,
}

impl Default for Hasher {
    fn default() -> Self {
        Hasher {
            h: 0xcbf2_9ce4_8422_2325,
            len: 0,
            pending: Vec::with_capacity(8),
        }
    }
}

impl Hasher {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;

    fn mix(&mut self, word: u64) {
        self.h = (self.h.rotate_left(23) ^ word).wrapping_mul(Self::K);
    }

    pub fn update(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len() as u64;
        if !self.pending.is_empty() {
            let take = (8 - self.pending.len()).min(bytes.len());
            self.pending.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
            if self.pending.len() < 8 {
                return;
            }
            let word = u64::from_le_bytes(self.pending[..8].try_into().unwrap_or([0; 8]));
            self.pending.clear();
            self.mix(word);
        }
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.mix(u64::from_le_bytes(c.try_into().unwrap_or([0; 8])));
        }
        self.pending.extend_from_slice(chunks.remainder());
    }

    pub fn finish(mut self) -> String {
        for b in std::mem::take(&mut self.pending) {
            self.mix(u64::from(b));
        }
        let len = self.len;
        self.mix(len);
        let mut h = self.h;
        h ^= h >> 29;
        h = h.wrapping_mul(Self::K);
        h ^= h >> 32;
        format!("{h:016x}")[..10].to_string()
    }
}

/// The content hash of some bytes.
pub fn hash(bytes: &[u8]) -> String {
    let mut h = Hasher::default();
    h.update(bytes);
    h.finish()
}

/// Moves the headings of rendered Markdown `shift` levels down (h2 -> h3), at most to h6.
fn shift_headings(html: &str, shift: u8) -> String {
    if shift == 0 {
        return html.to_string();
    }
    let bytes = html.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        out.push(bytes[i]);
        // `<hN` or `</hN`, N a digit: the digit changes.
        if bytes[i] == b'<' {
            let name = if bytes.get(i + 1) == Some(&b'/') {
                i + 2
            } else {
                i + 1
            };
            if bytes.get(name) == Some(&b'h')
                && let Some(d @ b'1'..=b'6') = bytes.get(name + 1).copied()
            {
                out.extend_from_slice(&bytes[i + 1..=name]);
                out.push(b'0' + (d - b'0').saturating_add(shift).min(6));
                i = name + 2;
                continue;
            }
        }
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| html.to_string())
}

/// `style.css` + hash -> `style.0123456789.css`.
fn hashed_name(name: &str, bytes: &[u8]) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{}.{ext}", hash(bytes)),
        None => format!("{name}.{}", hash(bytes)),
    }
}

fn template_error(
    theme_paths: &HashMap<String, String>,
    name: &str,
    e: &tera::Error,
) -> Diagnostic {
    let mut chain = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        chain.push(s.to_string());
        source = s.source();
    }
    let path = theme_paths
        .get(name)
        .cloned()
        .unwrap_or_else(|| format!("theme/templates/{name}"));
    Diagnostic::error(path, 0, 0, chain.join(": "))
        .with_hint("fix the template; `handbook init` shows the built-in ones")
}

/// The Tera instance of a theme; errors name the template file.
fn tera(
    theme: &Theme,
    theme_paths: &HashMap<String, String>,
) -> Result<tera::Tera, Vec<Diagnostic>> {
    let mut t = tera::Tera::default();
    let mut errors = Vec::new();
    let mut templates = Vec::new();
    for (name, bytes) in theme.templates() {
        match std::str::from_utf8(bytes) {
            Ok(s) => templates.push((name.to_string(), s.to_string())),
            Err(_) => errors.push(Diagnostic::error(
                theme_paths
                    .get(name)
                    .cloned()
                    .unwrap_or_else(|| format!("theme/templates/{name}")),
                0,
                0,
                "the template is not valid UTF-8",
            )),
        }
    }
    if let Err(e) = t.add_raw_templates(templates) {
        let name = match &e.kind {
            tera::ErrorKind::Msg(m) => m
                .split('\'')
                .nth(1)
                .filter(|n| theme_paths.contains_key(*n) || n.ends_with(".html"))
                .unwrap_or("")
                .to_string(),
            _ => String::new(),
        };
        errors.push(template_error(theme_paths, &name, &e));
    }
    t.autoescape_on(vec![".html", ".xml"]);
    t.set_escape_fn(escape_html);
    if errors.is_empty() {
        Ok(t)
    } else {
        Err(errors)
    }
}

/// HTML escaping for templates: only what HTML needs (Tera's default also escapes `/`, which
/// bloats every URL).
fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Adds a prefix to every id on a page fragment (and the references to them), so that
/// all chapters can stand on one print page; links to other chapters become links within it.
/// One pass over the HTML: it runs over every chapter of the handbook.
fn prefix_ids(
    html: &str,
    prefix: &str,
    chapter_anchor: &HashMap<String, (String, String)>,
) -> String {
    const ATTRS: [&str; 5] = [
        " id",
        " for",
        " aria-describedby",
        " aria-labelledby",
        " href",
    ];
    let mut out = String::with_capacity(html.len() + html.len() / 20);
    let mut done = 0;
    let mut search = 0;
    while let Some(i) = html[search..].find("=\"").map(|i| i + search) {
        let value_start = i + 2;
        search = value_start;
        let Some(attr) = ATTRS.iter().find(|a| html[..i].ends_with(*a)) else {
            continue;
        };
        let value_end = html[value_start..]
            .find('"')
            .map_or(html.len(), |j| value_start + j);
        out.push_str(&html[done..value_start]);
        let value = &html[value_start..value_end];
        if *attr == " href" {
            if let Some(anchor) = value.strip_prefix('#') {
                out.push('#');
                out.push_str(prefix);
                out.push_str(anchor);
            } else {
                let (path, anchor) = value
                    .split_once('#')
                    .map_or((value, None), |(p, a)| (p, Some(a)));
                match (chapter_anchor.get(path), anchor) {
                    (Some((_, other_prefix)), Some(a)) => {
                        out.push('#');
                        out.push_str(other_prefix);
                        out.push_str(a);
                    }
                    (Some((chapter, _)), None) => {
                        out.push('#');
                        out.push_str(chapter);
                    }
                    _ => out.push_str(value),
                }
            }
        } else {
            out.push_str(prefix);
            out.push_str(value);
        }
        done = value_end;
        search = value_end;
    }
    out.push_str(&html[done..]);
    out
}

/// Chapter content with directives rendered through the theme's partials.
/// `shift` moves every heading down that many levels (the print page nests chapters).
fn content(
    site: &Site,
    page: &Page,
    t: &tera::Tera,
    base: &Value,
    theme_paths: &HashMap<String, String>,
    shift: u8,
) -> Result<String, Diagnostic> {
    let mut html = shift_headings(&page.md.html, shift);
    for (i, d) in page.md.directives.iter().enumerate() {
        let Ok(view) = crate::validate::embed(site, d) else {
            continue;
        };
        let level = page
            .md
            .headings
            .iter()
            .take_while(|h| h.offset < d.offset)
            .last()
            .map_or(2, |h| h.level + 1)
            .saturating_add(shift)
            .min(6);
        let mut ctx = base.clone();
        ctx["data"] = view;
        ctx["level"] = level.into();
        let name = format!("partials/{}.html", d.kind);
        let ctx =
            tera::Context::from_value(ctx).map_err(|e| template_error(theme_paths, &name, &e))?;
        let rendered = t
            .render(&name, &ctx)
            .map_err(|e| template_error(theme_paths, &name, &e))?;
        html = html.replacen(&format!("<!--directive:{i}-->\n"), &rendered, 1);
    }
    Ok(html)
}

fn render_page(
    t: &tera::Tera,
    name: &str,
    ctx: Value,
    theme_paths: &HashMap<String, String>,
) -> Result<Vec<u8>, Diagnostic> {
    let ctx = tera::Context::from_value(ctx).map_err(|e| template_error(theme_paths, name, &e))?;
    t.render(name, &ctx)
        .map(String::into_bytes)
        .map_err(|e| template_error(theme_paths, name, &e))
}

/// How many chapters the sidebar lists at most; longer handbooks show a window around the
/// current chapter (so page size does not grow with the handbook) and link the full contents.
const NAV_WINDOW: usize = 60;

/// Everything the page templates share.
struct Ctx<'a> {
    site: &'a Site,
    t: tera::Tera,
    theme_paths: &'a HashMap<String, String>,
    base: Value,
    origin: String,
    chapter_list: Vec<Value>,
    /// Chapter URL -> (its anchor on the print page, the prefix of its ids there).
    print_targets: HashMap<String, (String, String)>,
}

impl Ctx<'_> {
    fn canonical(&self, url: &str) -> String {
        format!("{}{url}", self.origin)
    }

    fn page(&self, name: &str, ctx: Value) -> Result<Vec<u8>, Vec<Diagnostic>> {
        render_page(&self.t, name, ctx, self.theme_paths).map_err(|e| vec![e])
    }

    fn content(&self, page: &Page, shift: u8) -> Result<String, Vec<Diagnostic>> {
        content(
            self.site,
            page,
            &self.t,
            &self.base,
            self.theme_paths,
            shift,
        )
        .map_err(|e| vec![e])
    }

    /// A chapter's page.
    fn chapter(&self, i: usize) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let site = self.site;
        let c = &site.chapters[i];
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
            "headings": c.md.headings.iter().filter(|h| h.level == 2).map(|h| json!({ "id": h.id, "text": h.text })).collect::<Vec<_>>(),
            "content": self.content(c, 0)?,
        });
        ctx["nav"] = json!({
            "chapters": nav_chapters,
            "total": total,
            "partial": total > NAV_WINDOW,
            "prev": link(i.checked_sub(1).map(|j| &site.chapters[j])),
            "next": link(site.chapters.get(i + 1)),
        });
        self.page("page.html", ctx)
    }

    /// The whole handbook on one page, written chapter by chapter: the template is rendered
    /// once with a placeholder per chapter, so memory does not grow with the handbook.
    fn print_page(&self, out: &mut Out) -> Result<(), Vec<Diagnostic>> {
        let site = self.site;
        let path = "drucken/index.html";
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
        let mut hasher = Hasher::default();
        let mut rest = frame.as_str();
        let mut first = true;
        let mut write = |bytes: &[u8], out: &mut Out| -> Result<(), Vec<Diagnostic>> {
            hasher.update(bytes);
            let r = if first {
                out.sink.file(path, bytes)
            } else {
                out.sink.append(path, bytes)
            };
            first = false;
            r.map_err(|e| vec![e])
        };
        while let Some(start) = rest.find("<!--print-chapter:") {
            let after = &rest[start + "<!--print-chapter:".len()..];
            let Some(end) = after.find("-->") else { break };
            let Ok(i) = after[..end].parse::<usize>() else {
                break;
            };
            write(&rest.as_bytes()[..start], out)?;
            if let Some(c) = site.chapters.get(i) {
                let html = prefix_ids(
                    &self.content(c, 1)?,
                    &format!("{}--", c.slug),
                    &self.print_targets,
                );
                write(html.as_bytes(), out)?;
            }
            rest = &after[end + 3..];
        }
        write(rest.as_bytes(), out)?;
        out.summary.pages += 1;
        out.summary.files += 1;
        out.written.push((path.to_string(), hasher.finish()));
        Ok(())
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

/// The written search index.
pub struct SearchIndex {
    /// Below the output root: `assets/search.HASH.json`.
    pub path: String,
    pub hash: String,
    pub bytes: usize,
}

/// Writes the search index, named by its content hash. It is streamed twice (once to hash,
/// once to write) so that it is never whole in memory.
pub fn write_search(site: &Site, sink: &dyn Sink) -> Result<SearchIndex, Vec<Diagnostic>> {
    let embedded_at = embedded_at(site);
    let mut hasher = Hasher::default();
    crate::search::write(site, &embedded_at, &mut |chunk| {
        hasher.update(chunk.as_bytes())
    });
    let hash = hasher.finish();
    let path = format!("assets/search.{hash}.json");
    let mut buffer = String::new();
    let mut first = true;
    let mut bytes = 0;
    let mut result = Ok(());
    let mut flush = |buffer: &mut String| {
        let r = if first {
            sink.file(&path, buffer.as_bytes())
        } else {
            sink.append(&path, buffer.as_bytes())
        };
        first = false;
        bytes += buffer.len();
        buffer.clear();
        r
    };
    crate::search::write(site, &embedded_at, &mut |chunk| {
        buffer.push_str(chunk);
        if buffer.len() > 1 << 20 && result.is_ok() {
            result = flush(&mut buffer);
        }
    });
    result.map_err(|e| vec![e])?;
    flush(&mut buffer).map_err(|e| vec![e])?;
    Ok(SearchIndex { path, hash, bytes })
}

/// Renders every page and asset into `sink`. Chapter pages are rendered on all cores.
pub fn render(
    site: &Site,
    search: &SearchIndex,
    theme: &Theme,
    theme_paths: &HashMap<String, String>,
    mode: Mode,
    sink: &dyn Sink,
) -> Result<Summary, Vec<Diagnostic>> {
    let t = tera(theme, theme_paths)?;
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
    let search_name = &search.path;

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
        "search_index": format!("{base_path}{search_name}"),
        "live": mode.live,
    });
    let ctx = Ctx {
        site,
        t,
        theme_paths,
        base,
        // Page URLs already carry the base path: the canonical URL is the origin plus that.
        origin: cfg.base_url.strip_suffix(base_path.as_str()).unwrap_or(&cfg.base_url).to_string(),
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
        "content": ctx.content(&site.index, 0)?,
    });
    page["chapters"] = Value::Array(ctx.chapter_list.clone());
    page["checklists"] = Value::Array(checklists);
    out.put("index.html", &ctx.page("index.html", page)?)?;

    // Chapters, in as many contiguous runs as there are cores; merged in order.
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let run = site.chapters.len().div_ceil(threads).max(1);
    let results: Vec<Result<Out, Vec<Diagnostic>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..site.chapters.len())
            .step_by(run)
            .map(|from| {
                let ctx = &ctx;
                scope.spawn(move || {
                    let mut part = Out {
                        sink,
                        summary: Summary::default(),
                        written: Vec::new(),
                    };
                    for i in from..(from + run).min(site.chapters.len()) {
                        part.put(
                            &format!("{}/index.html", site.chapters[i].slug),
                            &ctx.chapter(i)?,
                        )?;
                    }
                    Ok(part)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join().unwrap_or_else(|_| {
                    Err(vec![Diagnostic::error(
                        "handbook",
                        0,
                        0,
                        "a render thread failed",
                    )])
                })
            })
            .collect()
    });
    for r in results {
        out.merge(r?);
    }

    ctx.print_page(&mut out)?;

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

    out.summary.search_bytes = search.bytes;
    out.summary.files += 1;
    out.written.push((search.path.clone(), search.hash.clone()));

    for (path, bytes) in asset_files {
        out.put(&path, bytes)?;
    }
    for a in &site.assets {
        let bytes = std::fs::read(&a.source)
            .map_err(|e| vec![crate::fs::io_error(&a.source, "cannot read file", &e)])?;
        out.put(&a.site_path, &bytes)?;
    }
    if !mode.live {
        let (sw, manifest) = offline_files(site, &base_path, &out.written, &assets);
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
        self.summary.files += 1;
        self.written.push((path.to_string(), hash(bytes)));
        self.sink.file(path, bytes).map_err(|e| vec![e])
    }

    fn merge(&mut self, other: Out) {
        self.summary.pages += other.summary.pages;
        self.summary.files += other.summary.files;
        self.written.extend(other.written);
    }
}

const SW_JS: &str = include_str!("sw.js");

/// The service worker (precaching every file of this build, versioned by their hashes) and
/// the web app manifest.
fn offline_files(
    site: &Site,
    base_path: &str,
    written: &[(String, String)],
    assets: &BTreeMap<String, String>,
) -> (String, String) {
    let mut files: Vec<String> = Vec::new();
    let mut version_input = String::new();
    for (path, h) in written {
        version_input.push_str(&format!("{path}:{h}\n"));
        if path == "sitemap.xml" || path == "robots.txt" {
            continue;
        }
        let url = match path.strip_suffix("index.html") {
            Some(dir) => format!("{base_path}{dir}"),
            None => format!("{base_path}{path}"),
        };
        files.push(url);
    }
    files.push(format!("{base_path}manifest.webmanifest"));
    let version = hash(version_input.as_bytes());
    let sw = SW_JS
        .replace("__VERSION__", &version)
        .replace("__BASE__", base_path)
        .replace(
            "__FILES__",
            &serde_json::to_string(&files).unwrap_or_else(|_| "[]".into()),
        );
    let cfg = &site.config;
    let manifest = json!({
        "name": cfg.title,
        "short_name": cfg.short_title.as_deref().unwrap_or_else(|| cfg.title.split_whitespace().next().unwrap_or("Handbuch")),
        "description": cfg.description,
        "lang": cfg.language,
        "start_url": base_path,
        "scope": base_path,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1d4f6e",
        "icons": [{ "src": assets.get("favicon.svg"), "sizes": "any", "type": "image/svg+xml", "purpose": "any" }],
    });
    (
        sw,
        serde_json::to_string_pretty(&manifest).unwrap_or_default(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable() {
        assert_eq!(hash(b"abc"), hash(b"abc"));
        assert_ne!(hash(b"abc"), hash(b"abd"));
        assert_ne!(hash(b"abcdefgh1"), hash(b"abcdefgh2"));
        assert_eq!(hashed_name("style.css", b"").len(), "style..css".len() + 10);
    }

    #[test]
    fn headings_shift_down() {
        assert_eq!(
            shift_headings("<h2 id=\"a\">A</h2><p>h2</p><h6>x</h6><hr>", 1),
            "<h3 id=\"a\">A</h3><p>h2</p><h6>x</h6><hr>"
        );
        assert_eq!(shift_headings("<h2>A</h2>", 0), "<h2>A</h2>");
    }

    #[test]
    fn print_page_ids_are_prefixed() {
        let mut targets = HashMap::new();
        targets.insert(
            "/b/".to_string(),
            ("kapitel-b".to_string(), "b--".to_string()),
        );
        let html = r##"<h2 id="x">X<a href="#x">#</a></h2><a href="/b/#y">B</a><a href="/b/">B</a><label for="cb">"##;
        assert_eq!(
            prefix_ids(html, "a--", &targets),
            r##"<h2 id="a--x">X<a href="#a--x">#</a></h2><a href="#b--y">B</a><a href="#kapitel-b">B</a><label for="a--cb">"##
        );
    }
}
