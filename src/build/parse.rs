//! Parse: settings, chapters (front matter, then Markdown metadata) and data files into a [`Site`].

use crate::build::load::PART_FILE;
use crate::build::load::Sources;
use crate::build::memo::{FrontResult, Memo};
use crate::build::outline::{self, PlacedChapter, PlacedPart, title_of_folder};
use crate::diagnostic::{Diagnostic, Diagnostics, Pos};
use crate::fs::Files;
use crate::i18n::Msg;
use crate::model::SourceFile;
use crate::model::config::BaseUrl;
use crate::model::config::Config;
use crate::model::data::{self, DataFile, DataLink};
use crate::model::date::Date;
use crate::model::markdown::{self, Rendered};
use crate::model::site::{Page, Part, RESERVED, Resolver, Site};
use crate::model::yaml::Positions;
use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A chapter's front matter.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Der Kopf eines Kapitels, zwischen zwei Zeilen `---` am Anfang der Datei."
)]
pub struct FrontMatter {
    #[schemars(description = "Titel des Kapitels.")]
    pub title: String,
    #[serde(default)]
    #[schemars(
        description = "Ein Satz, worum es geht: erscheint im Inhaltsverzeichnis und in Link-Vorschauen."
    )]
    pub summary: Option<String>,
    #[serde(default)]
    #[schemars(description = "Wann der Inhalt zuletzt geprüft wurde, z. B. `2026-11-25`.")]
    pub reviewed: Option<Date>,
    #[serde(default)]
    #[schemars(description = "Stelle im Handbuch; ohne `order` gilt der Dateiname (`05-…`).")]
    pub order: Option<i64>,
}

/// What `_teil.md` says of its part.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Der Kopf von `_teil.md`: Titel und Stelle eines Teils (ein Ordner mit Kapiteln)."
)]
pub struct PartFrontMatter {
    #[schemars(description = "Titel des Teils.")]
    pub title: String,
    #[serde(default)]
    #[schemars(
        description = "Ein Satz, worum es in diesem Teil geht: erscheint auf der Startseite."
    )]
    pub summary: Option<String>,
    #[serde(default)]
    #[schemars(description = "Stelle im Handbuch; ohne `order` gilt der Ordnername (`02-…`).")]
    pub order: Option<i64>,
}

/// A part before its chapters are known: what its `_teil.md` says, if it has one.
#[derive(Debug, Clone, Default)]
struct PartHead {
    path: Option<PathBuf>,
    fm: Option<PartFrontMatter>,
    /// `_teil.md` with the byte offset of its body (the part's intro page).
    source: Option<(SourceFile, usize)>,
}

/// The start page's front matter.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct IndexFrontMatter {
    #[serde(default)]
    title: Option<String>,
}

/// A chapter whose front matter is read.
#[derive(Debug, Clone)]
pub(crate) struct Pending {
    path: PathBuf,
    /// Shared with the preview's memo (cloned for every chapter on every save otherwise).
    fm: Arc<FrontMatter>,
    positions: Arc<Positions>,
    /// The hash of the text read, when the preview remembers chapters.
    hash: Option<String>,
}

/// Parses everything; returns the site and warnings, or every error and warning found.
/// `base_url`, when given, replaces the one in handbook.yaml.
pub fn parse(
    src: Sources,
    base_url: Option<&BaseUrl>,
    files: &dyn Files,
) -> Result<(Site, Diagnostics), Diagnostics> {
    parse_with(src, base_url, files, None)
}

/// [`parse`], remembering each chapter's front matter and metadata in `memo` (the preview).
pub(crate) fn parse_with(
    src: Sources,
    base_url: Option<&BaseUrl>,
    files: &dyn Files,
    memo: Option<&Memo>,
) -> Result<(Site, Diagnostics), Diagnostics> {
    let mut out = src.warnings;
    let config = out.take(config(&src.config, base_url));
    let base_path = config
        .as_ref()
        .map_or("/".to_string(), |(c, _)| c.base_path());
    let chapters_dir = src.config.path.with_file_name("chapters");
    let pending = front_matters(src.chapters, files, memo, &mut out);
    let heads = part_heads(&src.parts, &chapters_dir, &mut out);
    let (placed, placed_parts) = place(pending, heads, &chapters_dir);
    let resolver = resolver(&placed, &placed_parts, &src.assets, &base_path, &mut out);
    let chapters = chapters(placed, &resolver, &base_path, files, memo, &mut out);
    let parts = parts(placed_parts, &resolver, &base_path, &chapters_dir, &mut out);
    let index = src
        .index
        .as_ref()
        .and_then(|f| out.take(index(f, &resolver, &base_path).map_err(Diagnostics::from)));
    let (data, data_links) = data_files(&src.data, &resolver, memo, &mut out);
    if chapters.is_empty() && !out.has_errors() {
        out.push(Diagnostic::warning(
            src.config.path.with_file_name("chapters"),
            Msg::NoChapters,
        ));
    }
    let Some((config, config_positions)) = config else {
        return Err(out);
    };
    let index = index.unwrap_or_else(|| Page {
        file: "index.md".into(),
        path: src.config.path.with_file_name("index.md"),
        title: String::new(),
        summary: None,
        reviewed: None,
        reviewed_pos: None,
        slug: String::new(),
        url: base_path.clone(),
        number: String::new(),
        part: None,
        md: Arc::default(),
        text_hash: None,
    });
    out.or_fail(Site {
        config,
        config_path: src.config.path.clone(),
        config_positions,
        index,
        chapters,
        parts,
        data,
        data_links,
        assets: src.assets,
        resolver,
    })
}

/// handbook.yaml, with the base URL replaced when one is given.
fn config(
    file: &SourceFile,
    base_url: Option<&BaseUrl>,
) -> Result<((Config, Positions), Diagnostics), Diagnostics> {
    let (mut config, positions) = Config::parse(&file.path, &file.text)?;
    if let Some(url) = base_url {
        config.base_url = url.clone();
    }
    let mut warnings = comment_cuts(file, 0);
    if crate::i18n::Lang::from_code(&config.language).is_none() {
        warnings.push(
            Diagnostic::warning(
                &file.path,
                Msg::UnknownLanguage {
                    code: config.language.clone(),
                },
            )
            .at(positions.value("language")),
        );
    }
    Ok(((config, positions), warnings))
}

/// Warnings for text YAML cuts at ` #`.
fn comment_cuts(file: &SourceFile, line_offset: usize) -> Diagnostics {
    cuts_in(&file.path, &file.text, line_offset)
}

fn cuts_in(path: &std::path::Path, yaml: &str, line_offset: usize) -> Diagnostics {
    crate::model::yaml::comment_cuts(yaml, line_offset)
        .into_iter()
        .map(|(pos, msg)| Diagnostic::warning(path, msg).at(pos))
        .collect()
}

/// A parsed front matter: its value and where its keys stand, with its warnings.
type Parsed<T> = Option<(T, Positions)>;

/// Splits off and parses a front matter: its value and positions, the body's byte offset,
/// and warnings.
fn front_matter<T: serde::de::DeserializeOwned>(
    file: &SourceFile,
    required: bool,
) -> Result<(Parsed<T>, usize, Diagnostics), Diagnostic> {
    match markdown::split_front_matter(&file.text) {
        Some(fm) => {
            let o = fm.yaml_line_offset;
            let positions = crate::model::yaml::locate(&file.path, fm.yaml, o)?;
            let value = crate::model::yaml::deserialize(&file.path, fm.yaml, o, &positions)?;
            let warnings = cuts_in(&file.path, fm.yaml, o);
            Ok((Some((value, positions)), fm.body_offset, warnings))
        }
        None if file
            .text
            .lines()
            .next()
            .is_some_and(|l| l.trim_end() == "---") =>
        {
            Err(Diagnostic::error(&file.path, Msg::FrontMatterUnclosed).at(Pos::new(1, 1)))
        }
        None if required => {
            Err(Diagnostic::error(&file.path, Msg::NoFrontMatter).at(Pos::new(1, 1)))
        }
        None => Ok((None, 0, Diagnostics::new())),
    }
}

/// The hash travels with the chapter: its metadata and page are remembered under it.
fn with_hash(result: FrontResult, hash: String) -> FrontResult {
    result.map(|(pending, warnings)| {
        let pending = pending.map(|p| Pending {
            hash: Some(hash),
            ..p
        });
        (pending, warnings)
    })
}

/// Reads every chapter's front matter (on all cores): titles are needed before any link can be
/// resolved, `order:` before the chapters can be put in order.
fn front_matters(
    paths: Vec<PathBuf>,
    files: &dyn Files,
    memo: Option<&Memo>,
    out: &mut Diagnostics,
) -> Vec<Pending> {
    let parse_one = |file: SourceFile| -> FrontResult {
        let (fm, _, warnings) = front_matter::<FrontMatter>(&file, true)?;
        let pending = fm.map(|(fm, positions)| Pending {
            path: file.path,
            fm: Arc::new(fm),
            positions: Arc::new(positions),
            hash: None,
        });
        Ok((pending, warnings))
    };
    let read = |path: PathBuf| -> FrontResult {
        // A file the watcher did not report as changed is taken as read last time.
        if let Some(memo) = memo
            && let Some(hash) = memo.unchanged(&path)
            && let Some(known) = memo.fronts.get(&(path.clone(), hash.clone()))
        {
            return with_hash(known, hash);
        }
        let file = SourceFile {
            text: files.text(&path)?,
            path,
        };
        let Some(memo) = memo else {
            return parse_one(file);
        };
        let hash = crate::hash::hash(file.text.as_bytes());
        memo.was_read(&file.path, &hash);
        let key = (file.path.clone(), hash.clone());
        let result = memo.fronts.get(&key).unwrap_or_else(|| {
            let result = parse_one(file);
            memo.fronts.put(key, result.clone());
            result
        });
        with_hash(result, hash)
    };
    crate::parallel::map(paths, &read)
        .into_iter()
        .filter_map(|r| out.take(r).flatten())
        .collect()
}

/// A chapter placed in the outline.
type Placed = PlacedChapter<Pending>;

/// Where each `_teil.md` is, what it says, and its intro's text; by part folder.
fn part_heads(
    sources: &[SourceFile],
    chapters_dir: &Path,
    out: &mut Diagnostics,
) -> BTreeMap<String, (Option<i64>, PartHead)> {
    let mut heads = BTreeMap::new();
    for file in sources {
        let folder = below(chapters_dir, &file.path)
            .split('/')
            .next()
            .unwrap_or("")
            .to_string();
        let parsed = front_matter::<PartFrontMatter>(file, true).map_err(Diagnostics::from);
        let Some((fm, body_offset, warnings)) = out.keep(parsed) else {
            continue;
        };
        out.extend(warnings);
        let fm = fm.map(|(fm, _)| fm);
        let order = fm.as_ref().and_then(|f| f.order);
        let head = PartHead {
            path: Some(file.path.clone()),
            fm,
            source: Some((file.clone(), body_offset)),
        };
        heads.insert(folder, (order, head));
    }
    heads
}

/// A path below `content/chapters/`, written with `/`.
fn below(chapters_dir: &Path, path: &Path) -> String {
    path.strip_prefix(chapters_dir)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// The chapters and parts in reading order, numbered and with their places in the site.
fn place(
    pending: Vec<Pending>,
    mut heads: BTreeMap<String, (Option<i64>, PartHead)>,
    chapters_dir: &Path,
) -> (Vec<Placed>, Vec<PlacedPart<PartHead>>) {
    let chapters: Vec<(Pending, String, Option<i64>)> = pending
        .into_iter()
        .map(|p| {
            let file = below(chapters_dir, &p.path);
            let order = p.fm.order;
            (p, file, order)
        })
        .collect();
    // A folder of chapters without `_teil.md` is a part too: its title comes from its name.
    for (_, file, _) in &chapters {
        if let Some((folder, _)) = file.split_once('/') {
            heads.entry(folder.to_string()).or_default();
        }
    }
    outline::place(chapters, heads)
}

/// Chapter, part and file URLs; every page's URL must be its own and not one the engine writes.
fn resolver(
    placed: &[Placed],
    parts: &[PlacedPart<PartHead>],
    assets: &[crate::model::Asset],
    base_path: &str,
    out: &mut Diagnostics,
) -> Resolver {
    let mut resolver = Resolver::default();
    let mut slugs: HashMap<String, PathBuf> = HashMap::default();
    let mut claim = |slug: &str, path: &Path, out: &mut Diagnostics| {
        let top = slug.split('/').next().unwrap_or(slug);
        if RESERVED.contains(&top) {
            out.push(Diagnostic::error(
                path,
                Msg::ReservedUrl { slug: top.into() },
            ));
        } else if let Some(other) = slugs.insert(slug.to_string(), path.to_path_buf()) {
            out.push(Diagnostic::error(
                path,
                Msg::SameUrl {
                    slug: slug.to_string(),
                    other: other.display().to_string(),
                },
            ));
        }
    };
    for p in parts {
        let path = part_path(p);
        claim(&p.slug, &path, out);
        resolver.add_chapter(
            &format!("{}/{PART_FILE}", p.folder),
            format!("{base_path}{}/", p.slug),
            part_title(p),
        );
    }
    for c in placed {
        claim(&c.slug, &c.item.path, out);
        resolver.add_chapter(
            &c.file,
            format!("{base_path}{}/", c.slug),
            c.item.fm.title.clone(),
        );
    }
    for a in assets {
        resolver
            .assets
            .insert(a.site_path.clone(), format!("{base_path}{}", a.site_path));
    }
    resolver
}

/// Where a part is, as messages name it: its `_teil.md`, or its folder.
fn part_path(p: &PlacedPart<PartHead>) -> PathBuf {
    p.item
        .path
        .clone()
        .unwrap_or_else(|| PathBuf::from(&p.folder))
}

fn part_title(p: &PlacedPart<PartHead>) -> String {
    p.item
        .fm
        .as_ref()
        .map_or_else(|| title_of_folder(&p.folder), |fm| fm.title.clone())
}

/// The parts, each with its intro page rendered whole.
fn parts(
    placed: Vec<PlacedPart<PartHead>>,
    resolver: &Resolver,
    base_path: &str,
    chapters_dir: &Path,
    out: &mut Diagnostics,
) -> Vec<Part> {
    let _ = out;
    placed
        .into_iter()
        .enumerate()
        .map(|(k, p)| {
            let title = part_title(&p);
            let md = match &p.item.source {
                Some((file, body_offset)) => {
                    let mut md = markdown::render(&file.text[*body_offset..], resolver);
                    md.locate(&file.text, *body_offset);
                    md
                }
                None => Rendered::default(),
            };
            let path = p
                .item
                .path
                .clone()
                .unwrap_or_else(|| chapters_dir.join(&p.folder).join(PART_FILE));
            Part {
                page: Page {
                    file: format!("{}/{PART_FILE}", p.folder),
                    path,
                    summary: p.item.fm.as_ref().and_then(|fm| fm.summary.clone()),
                    title,
                    reviewed: None,
                    reviewed_pos: None,
                    url: format!("{base_path}{}/", p.slug),
                    slug: p.slug,
                    number: p.number.to_string(),
                    part: Some(k),
                    md: Arc::new(md),
                    text_hash: p
                        .item
                        .source
                        .as_ref()
                        .map(|(file, _)| crate::hash::hash(file.text.as_bytes())),
                },
                folder: p.folder,
                chapters: p.chapters,
            }
        })
        .collect()
}

/// Up to this many chapters, a build (not the preview) renders each chapter's HTML here, once,
/// and keeps it for the render stage; a bigger book keeps only the metadata, so that its HTML
/// never sits in memory all at once.
const KEEP_HTML_UP_TO: usize = 2_000;

/// Each chapter read again (on all cores) for what validation and navigation need: headings,
/// links and directives with their positions. Its HTML is made here for a book of up to
/// [`KEEP_HTML_UP_TO`] chapters, otherwise while rendering. The preview's remembered metadata
/// never holds HTML: that depends on other chapters' titles and addresses too.
fn chapters(
    placed: Vec<Placed>,
    resolver: &Resolver,
    base_path: &str,
    files: &dyn Files,
    memo: Option<&Memo>,
    out: &mut Diagnostics,
) -> Vec<Page> {
    let full = memo.is_none() && placed.len() <= KEEP_HTML_UP_TO;
    let metadata = |text: &str| {
        let body_offset = markdown::split_front_matter(text).map_or(0, |fm| fm.body_offset);
        let mut md = markdown::metadata(&text[body_offset..], resolver, full);
        md.locate(text, body_offset);
        md
    };
    // With a memo, a chapter read before (same hash) is not read again.
    let remembered = |p: &Pending| -> Option<Arc<Rendered>> {
        let key = (p.path.clone(), p.hash.clone()?);
        memo?.metadata.get(&key)
    };
    let page = |c: Placed| -> Result<Page, Diagnostic> {
        let p = &c.item;
        let (md, text_hash) = match remembered(p) {
            Some(md) => (md, p.hash.clone()),
            None => {
                let text = files.text(&p.path)?;
                let md = Arc::new(metadata(&text));
                let hash = memo.map(|memo| {
                    let hash = crate::hash::hash(text.as_bytes());
                    memo.metadata
                        .put((p.path.clone(), hash.clone()), Arc::clone(&md));
                    hash
                });
                (md, hash)
            }
        };
        Ok(Page {
            md,
            url: format!("{base_path}{}/", c.slug),
            file: c.file,
            reviewed_pos: p.positions.key("reviewed"),
            path: p.path.clone(),
            title: p.fm.title.clone(),
            summary: p.fm.summary.clone(),
            reviewed: p.fm.reviewed,
            slug: c.slug,
            number: c.number,
            part: c.part,
            text_hash,
        })
    };
    crate::parallel::map(placed, &page)
        .into_iter()
        .filter_map(|r| out.keep(r))
        .collect()
}

/// The start page, rendered whole (it is one page).
fn index(
    file: &SourceFile,
    resolver: &Resolver,
    base_path: &str,
) -> Result<(Page, Diagnostics), Diagnostic> {
    let (fm, body_offset, warnings) = front_matter::<IndexFrontMatter>(file, false)?;
    let mut md = markdown::render(&file.text[body_offset..], resolver);
    md.locate(&file.text, body_offset);
    let page = Page {
        file: "index.md".into(),
        path: file.path.clone(),
        title: fm.and_then(|(fm, _)| fm.title).unwrap_or_default(),
        summary: None,
        reviewed: None,
        reviewed_pos: None,
        slug: String::new(),
        url: base_path.to_string(),
        number: String::new(),
        part: None,
        md: Arc::new(md),
        text_hash: Some(crate::hash::hash(file.text.as_bytes())),
    };
    Ok((page, warnings))
}

/// Every data file (on all cores), with its Markdown rendered; and the links written in them.
/// The preview's `memo` keeps each file as parsed.
fn data_files(
    sources: &[SourceFile],
    resolver: &Resolver,
    memo: Option<&Memo>,
    out: &mut Diagnostics,
) -> (BTreeMap<String, DataFile>, Vec<DataLink>) {
    // With a memo, a file parsed before (same text) is taken as parsed then.
    let parsed = |file: &SourceFile| {
        let Some(memo) = memo else {
            return data::parse(file);
        };
        let key = (file.path.clone(), crate::hash::hash(file.text.as_bytes()));
        memo.data.get(&key).unwrap_or_else(|| {
            let result = data::parse(file);
            memo.data.put(key, result.clone());
            result
        })
    };
    let parse = |file: &SourceFile| {
        parsed(file).map(|(mut d, warnings)| {
            let links = d.render_markdown(resolver);
            ((d, links), warnings)
        })
    };
    let mut data = BTreeMap::new();
    let mut links = Vec::new();
    for result in crate::parallel::map(sources.iter().collect(), &parse) {
        if let Some((d, found)) = out.take(result) {
            links.extend(found);
            data.insert(d.id.clone(), d);
        }
    }
    (data, links)
}
