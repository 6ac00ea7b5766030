//! Site: the parsed handbook — config, ordered chapters with rendered Markdown, data files.

use crate::build::load::{Asset, SourceFile, Sources};
use crate::diagnostic::{Diagnostic, Pos};
use crate::model::config::Config;
use crate::model::data::DataFile;
use crate::model::date::Date;
use crate::model::markdown::{self, Link, Rendered, Resolve};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: String,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    reviewed: Option<Date>,
    #[serde(default)]
    order: Option<i64>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct IndexFrontMatter {
    #[serde(default)]
    title: Option<String>,
}

/// A page written from Markdown: a chapter or the start page.
///
/// After parsing, a chapter keeps only what validation and navigation need (title, headings,
/// links, directives, with their positions); its HTML is made again while rendering, one
/// chapter at a time, so that a big handbook never sits in memory whole.
#[derive(Debug, Clone)]
pub struct Page {
    /// File name (`05-kontakt.md`); links name chapters by it.
    pub file: String,
    /// The file, as shown in messages and as read again for rendering.
    pub path: PathBuf,
    pub title: String,
    pub summary: Option<String>,
    pub reviewed: Option<Date>,
    /// Where `reviewed:` stands, for its warning.
    pub reviewed_pos: Pos,
    pub slug: String,
    /// Site-absolute URL with the base path: `/kontakt/`.
    pub url: String,
    /// Headings, links, directives and problems; `html` and `sections` only for the start page.
    pub md: Rendered,
}

/// A link written in a data file's Markdown, located at its item.
#[derive(Debug, Clone)]
pub struct DataLink {
    pub path: PathBuf,
    pub pos: Pos,
    pub link: Link,
}

/// The whole handbook, parsed.
pub struct Site {
    pub config: Config,
    pub index: Page,
    pub chapters: Vec<Page>,
    pub data: BTreeMap<String, DataFile>,
    /// Data files ready for templates, with Markdown fields as HTML (`*_html`).
    pub views: BTreeMap<String, serde_json::Value>,
    pub data_links: Vec<DataLink>,
    pub assets: Vec<Asset>,
    pub resolver: Resolver,
}

/// URL paths the engine writes itself; chapters cannot take them.
pub const RESERVED: [&str; 3] = ["assets", "drucken", "404"];

/// Turns chapter file names and file paths into URLs.
pub struct Resolver {
    chapters: HashMap<String, (String, String)>,
    assets: HashMap<String, String>,
}

impl Resolve for Resolver {
    fn chapter(&self, file: &str) -> Option<(String, String)> {
        self.chapters.get(file).cloned()
    }
    fn asset(&self, path: &str) -> Option<String> {
        self.assets.get(path).cloned()
    }
}

/// The file name of a path, as links name chapters.
fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .and_then(|f| f.to_str())
        .unwrap_or("")
        .to_string()
}

/// `05-kontakt.md` -> `kontakt`.
pub fn slug_of(file: &str) -> String {
    let stem = file.strip_suffix(".md").unwrap_or(file);
    let rest = stem.trim_start_matches(|c: char| c.is_ascii_digit());
    let rest = if rest.len() < stem.len() {
        rest.trim_start_matches(['-', '_', '.'])
    } else {
        rest
    };
    markdown::slugify(if rest.is_empty() { stem } else { rest })
}

fn front_matter<T: serde::de::DeserializeOwned>(
    file: &SourceFile,
    required: bool,
) -> Result<(Option<T>, usize, &str), Diagnostic> {
    match markdown::split_front_matter(&file.text) {
        Some(fm) => {
            let value = crate::model::yaml::parse(&file.path, fm.yaml, fm.yaml_line_offset)?;
            Ok((Some(value), fm.body_offset, fm.body))
        }
        None if required => {
            Err(
                Diagnostic::error(&file.path, 1, 1, "the chapter has no front matter")
                    .with_hint("start the file with three lines: `---`, `title: Der Titel`, `---`"),
            )
        }
        None => Ok((None, 0, &file.text)),
    }
}

/// Parses everything; returns the site and warnings, or every error found. `base_url`, when
/// given, replaces the one in handbook.yaml (it must be normalised already).
pub fn parse(
    mut src: Sources,
    base_url: Option<&str>,
    files: &dyn crate::fs::Files,
) -> Result<(Site, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut warnings = src.warnings.clone();
    let config = match Config::parse(&src.config.path, &src.config.text) {
        Ok(mut c) => {
            if let Some(url) = base_url {
                c.base_url = url.to_string();
            }
            Some(c)
        }
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let base_path = config.as_ref().map_or("/".to_string(), Config::base_path);

    // Chapters: front matter first, so that links can be resolved while rendering.
    struct Pending {
        path: PathBuf,
        fm: FrontMatter,
    }
    // Each chapter is read when it is worked on, on all cores: first its front matter (titles
    // are needed to resolve links), then its Markdown.
    let fronts = crate::parallel::map(std::mem::take(&mut src.chapters), &|path: PathBuf| {
        let text = files.text(&path)?;
        let file = SourceFile { path, text };
        Ok::<_, Diagnostic>(
            front_matter::<FrontMatter>(&file, true)?
                .0
                .map(|fm| Pending {
                    path: file.path,
                    fm,
                }),
        )
    });
    let mut pending = Vec::new();
    for f in fronts {
        match f {
            Ok(Some(p)) => pending.push(p),
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    pending.sort_by(|a, b| {
        (a.fm.order.unwrap_or(i64::MAX), &a.path).cmp(&(b.fm.order.unwrap_or(i64::MAX), &b.path))
    });
    let mut resolver = Resolver {
        chapters: HashMap::new(),
        assets: HashMap::new(),
    };
    let mut slugs: HashMap<String, PathBuf> = HashMap::new();
    for p in &pending {
        let file = file_name(&p.path);
        let slug = slug_of(&file);
        if RESERVED.contains(&slug.as_str()) {
            errors.push(
                Diagnostic::error(
                    &p.path,
                    0,
                    0,
                    format!("the chapter's URL `/{slug}/` is reserved"),
                )
                .with_hint("rename the file"),
            );
        } else if let Some(other) = slugs.insert(slug.clone(), p.path.clone()) {
            errors.push(
                Diagnostic::error(
                    &p.path,
                    0,
                    0,
                    format!("the URL `/{slug}/` is also the URL of {}", other.display()),
                )
                .with_hint("file names must differ after the number prefix"),
            );
        }
        resolver
            .chapters
            .insert(file, (format!("{base_path}{slug}/"), p.fm.title.clone()));
    }
    for a in &src.assets {
        resolver
            .assets
            .insert(a.site_path.clone(), format!("{base_path}{}", a.site_path));
    }

    let make_page = |p: Pending| -> Result<Page, Diagnostic> {
        let text = files.text(&p.path)?;
        let body_offset = markdown::split_front_matter(&text).map_or(0, |fm| fm.body_offset);
        let file = file_name(&p.path);
        let slug = slug_of(&file);
        let mut md = markdown::metadata(&text[body_offset..], &resolver);
        md.locate(&text, body_offset);
        Ok(Page {
            md,
            url: format!("{base_path}{slug}/"),
            file,
            reviewed_pos: crate::model::yaml::key_pos(&text, "reviewed"),
            path: p.path,
            title: p.fm.title,
            summary: p.fm.summary,
            reviewed: p.fm.reviewed,
            slug,
        })
    };
    let mut chapters = Vec::new();
    for page in crate::parallel::map(pending, &make_page) {
        match page {
            Ok(p) => chapters.push(p),
            Err(e) => errors.push(e),
        }
    }

    let index = match &src.index {
        Some(file) => match front_matter::<IndexFrontMatter>(file, false) {
            Ok((fm, body_offset, body)) => {
                let mut md = markdown::render(body, &resolver);
                md.locate(&file.text, body_offset);
                Some(Page {
                    file: "index.md".into(),
                    path: file.path.clone(),
                    title: fm.unwrap_or_default().title.unwrap_or_default(),
                    summary: None,
                    reviewed: None,
                    reviewed_pos: Pos::default(),
                    slug: String::new(),
                    url: base_path.clone(),
                    md,
                })
            }
            Err(e) => {
                errors.push(e);
                None
            }
        },
        None => None,
    };

    let mut data = BTreeMap::new();
    for file in &src.data {
        match crate::model::data::parse(file) {
            Ok(d) => {
                data.insert(d.id.clone(), d);
            }
            Err(es) => errors.extend(es),
        }
    }
    let mut views = BTreeMap::new();
    let mut data_links = Vec::new();
    for (id, d) in &data {
        let (view, links) = view_of(d, &resolver);
        data_links.extend(links);
        views.insert(id.clone(), view);
    }

    if chapters.is_empty() && errors.is_empty() {
        warnings.push(
            Diagnostic::warning(
                src.config.path.with_file_name("chapters"),
                0,
                0,
                "the handbook has no chapters",
            )
            .with_hint("add Markdown files to content/chapters/"),
        );
    }

    match config {
        Some(config) if errors.is_empty() => {
            let index = index.unwrap_or_else(|| Page {
                file: "index.md".into(),
                path: src.config.path.with_file_name("index.md"),
                title: String::new(),
                summary: None,
                reviewed: None,
                reviewed_pos: Pos::default(),
                slug: String::new(),
                url: base_path.clone(),
                md: Rendered::default(),
            });
            let site = Site {
                config,
                index,
                chapters,
                data,
                views,
                data_links,
                assets: src.assets,
                resolver,
            };
            Ok((site, warnings))
        }
        _ => Err(errors),
    }
}

/// Keys whose values are lists of Markdown lines: rendered to `KEY_html`.
const MARKDOWN_LISTS: [&str; 2] = ["points", "examples"];

/// Keys whose values are Markdown: rendered to `KEY_html`.
const MARKDOWN_KEYS: [&str; 5] = ["description", "text", "intro", "hint", "members"];

/// The template view of a data file: its JSON with Markdown fields rendered, and the links found.
fn view_of(d: &DataFile, resolver: &Resolver) -> (serde_json::Value, Vec<DataLink>) {
    let mut value = serde_json::to_value(&d.body).unwrap_or(serde_json::Value::Null);
    let mut links = Vec::new();
    if let serde_json::Value::Object(map) = &mut value {
        map.insert("id".into(), d.id.clone().into());
        if d.body.kind() == "checklist" {
            map.insert(
                "phases".into(),
                serde_json::to_value(d.body.phases()).unwrap_or_default(),
            );
            map.remove("points");
            map.insert("total".into(), d.body.item_ids().len().into());
        }
    }
    render_markdown_fields(&mut value, d, resolver, &mut links, None);
    (value, links)
}

fn render_markdown_fields(
    value: &mut serde_json::Value,
    d: &DataFile,
    resolver: &Resolver,
    links: &mut Vec<DataLink>,
    item_id: Option<&str>,
) {
    match value {
        serde_json::Value::Object(map) => {
            let id = map.get("id").and_then(|v| v.as_str()).map(str::to_string);
            let here = id.as_deref().or(item_id);
            let pos = here.map_or(Pos::new(1, 1), |id| {
                crate::model::yaml::id_pos(&d.text, id, 0)
            });
            let mut extra = Vec::new();
            for (k, v) in map.iter() {
                if let (true, Some(md)) = (MARKDOWN_KEYS.contains(&k.as_str()), v.as_str()) {
                    let r = markdown::render_inline(md, resolver);
                    links.extend(r.links.into_iter().map(|link| DataLink {
                        path: d.path.clone(),
                        pos,
                        link,
                    }));
                    extra.push((format!("{k}_html"), serde_json::Value::String(r.html)));
                }
                if let (true, Some(list)) = (MARKDOWN_LISTS.contains(&k.as_str()), v.as_array()) {
                    let mut html = Vec::new();
                    for md in list.iter().filter_map(|v| v.as_str()) {
                        let r = markdown::render_inline(md, resolver);
                        links.extend(r.links.into_iter().map(|link| DataLink {
                            path: d.path.clone(),
                            pos,
                            link,
                        }));
                        html.push(serde_json::Value::String(r.html));
                    }
                    extra.push((format!("{k}_html"), serde_json::Value::Array(html)));
                }
                if k == "link"
                    && let Some(dest) = v.as_str()
                {
                    let target = markdown::classify(dest);
                    let resolved = match &target {
                        markdown::Target::Chapter { file, anchor } => {
                            resolver.chapter(file).map(|(url, title)| {
                                (
                                    anchor
                                        .as_ref()
                                        .map_or(url.clone(), |a| format!("{url}#{a}")),
                                    title,
                                )
                            })
                        }
                        _ => None,
                    };
                    if let Some((url, title)) = resolved {
                        extra.push(("link_url".into(), url.into()));
                        extra.push(("link_title".into(), title.into()));
                    }
                    links.push(DataLink {
                        path: d.path.clone(),
                        pos,
                        link: Link {
                            target,
                            raw: dest.into(),
                            offset: 0,
                            pos,
                        },
                    });
                }
            }
            map.extend(extra);
            for (_, v) in map.iter_mut() {
                render_markdown_fields(v, d, resolver, links, here);
            }
        }
        serde_json::Value::Array(items) => {
            for v in items {
                render_markdown_fields(v, d, resolver, links, item_id);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_drop_number_prefixes() {
        assert_eq!(slug_of("05-kontakt.md"), "kontakt");
        assert_eq!(
            slug_of("09_veranstaltungs-planung.md"),
            "veranstaltungs-planung"
        );
        assert_eq!(slug_of("2030.md"), "2030");
        assert_eq!(slug_of("Über uns.md"), "ueber-uns");
    }
}
