//! Parse: settings, chapters (front matter, then Markdown metadata) and data files into a [`Site`].

use crate::build::load::Sources;
use crate::diagnostic::Diagnostic;
use crate::fs::Files;
use crate::model::SourceFile;
use crate::model::config::Config;
use crate::model::data::{self, DataFile, DataLink};
use crate::model::date::Date;
use crate::model::markdown::{self, Rendered};
use crate::model::site::{Page, RESERVED, Resolver, Site, file_name, slug_of};
use crate::model::yaml::Positions;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// A chapter's front matter.
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

/// The start page's front matter.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct IndexFrontMatter {
    #[serde(default)]
    title: Option<String>,
}

/// A chapter whose front matter is read.
struct Pending {
    path: PathBuf,
    fm: FrontMatter,
    positions: Positions,
}

/// Parses everything; returns the site and warnings, or every error found. `base_url`, when
/// given, replaces the one in handbook.yaml (it must be normalised already).
pub fn parse(
    src: Sources,
    base_url: Option<&str>,
    files: &dyn Files,
) -> Result<(Site, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut warnings = src.warnings;
    let config = keep(config(&src.config, base_url), &mut errors);
    let base_path = config.as_ref().map_or("/".to_string(), Config::base_path);
    let pending = front_matters(src.chapters, files, &mut errors);
    let resolver = resolver(&pending, &src.assets, &base_path, &mut errors);
    let chapters = chapters(pending, &resolver, &base_path, files, &mut errors);
    let index = src
        .index
        .as_ref()
        .and_then(|f| keep(index(f, &resolver, &base_path), &mut errors));
    let (data, data_links) = data_files(&src.data, &resolver, &mut errors);
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
                reviewed_pos: None,
                slug: String::new(),
                url: base_path.clone(),
                md: Rendered::default(),
            });
            let site = Site {
                config,
                index,
                chapters,
                data,
                data_links,
                assets: src.assets,
                resolver,
            };
            Ok((site, warnings))
        }
        _ => Err(errors),
    }
}

/// The value, or `None` with its error kept.
fn keep<T>(result: Result<T, Diagnostic>, errors: &mut Vec<Diagnostic>) -> Option<T> {
    result.map_err(|e| errors.push(e)).ok()
}

/// handbook.yaml, with the base URL replaced when one is given.
fn config(file: &SourceFile, base_url: Option<&str>) -> Result<Config, Diagnostic> {
    let mut config = Config::parse(&file.path, &file.text)?;
    if let Some(url) = base_url {
        config.base_url = url.to_string();
    }
    Ok(config)
}

/// Splits off and parses a front matter: (its value and positions, the body's byte offset).
fn front_matter<T: serde::de::DeserializeOwned>(
    file: &SourceFile,
    required: bool,
) -> Result<(Option<(T, Positions)>, usize), Diagnostic> {
    match markdown::split_front_matter(&file.text) {
        Some(fm) => {
            let yaml = crate::model::yaml::locate(&file.path, fm.yaml, fm.yaml_line_offset)?;
            let value = crate::model::yaml::deserialize(&file.path, fm.yaml, fm.yaml_line_offset)?;
            Ok((Some((value, yaml)), fm.body_offset))
        }
        None if required => {
            Err(
                Diagnostic::error(&file.path, 1, 1, "the chapter has no front matter")
                    .with_hint("start the file with three lines: `---`, `title: Der Titel`, `---`"),
            )
        }
        None => Ok((None, 0)),
    }
}

/// Reads every chapter's front matter (on all cores) and puts the chapters in order: by
/// `order:`, then by file name. Titles are needed before any link can be resolved.
fn front_matters(
    paths: Vec<PathBuf>,
    files: &dyn Files,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Pending> {
    let read = |path: PathBuf| -> Result<Option<Pending>, Diagnostic> {
        let file = SourceFile {
            text: files.text(&path)?,
            path,
        };
        let (fm, _) = front_matter::<FrontMatter>(&file, true)?;
        Ok(fm.map(|(fm, positions)| Pending {
            path: file.path,
            fm,
            positions,
        }))
    };
    let mut pending: Vec<Pending> = crate::parallel::map(paths, &read)
        .into_iter()
        .filter_map(|r| keep(r, errors).flatten())
        .collect();
    pending.sort_by(|a, b| {
        (a.fm.order.unwrap_or(i64::MAX), &a.path).cmp(&(b.fm.order.unwrap_or(i64::MAX), &b.path))
    });
    pending
}

/// Chapter and file URLs; every chapter's URL must be its own and not one the engine writes.
fn resolver(
    pending: &[Pending],
    assets: &[crate::model::Asset],
    base_path: &str,
    errors: &mut Vec<Diagnostic>,
) -> Resolver {
    let mut resolver = Resolver::default();
    let mut slugs: HashMap<String, PathBuf> = HashMap::new();
    for p in pending {
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
    for a in assets {
        resolver
            .assets
            .insert(a.site_path.clone(), format!("{base_path}{}", a.site_path));
    }
    resolver
}

/// Each chapter read again (on all cores) for what validation and navigation need: headings,
/// links and directives with their positions. Its HTML is made while rendering.
fn chapters(
    pending: Vec<Pending>,
    resolver: &Resolver,
    base_path: &str,
    files: &dyn Files,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Page> {
    let page = |p: Pending| -> Result<Page, Diagnostic> {
        let text = files.text(&p.path)?;
        let body_offset = markdown::split_front_matter(&text).map_or(0, |fm| fm.body_offset);
        let file = file_name(&p.path);
        let slug = slug_of(&file);
        let mut md = markdown::metadata(&text[body_offset..], resolver);
        md.locate(&text, body_offset);
        Ok(Page {
            md,
            url: format!("{base_path}{slug}/"),
            file,
            reviewed_pos: p.positions.key("reviewed"),
            path: p.path,
            title: p.fm.title,
            summary: p.fm.summary,
            reviewed: p.fm.reviewed,
            slug,
        })
    };
    crate::parallel::map(pending, &page)
        .into_iter()
        .filter_map(|r| keep(r, errors))
        .collect()
}

/// The start page, rendered whole (it is one page).
fn index(file: &SourceFile, resolver: &Resolver, base_path: &str) -> Result<Page, Diagnostic> {
    let (fm, body_offset) = front_matter::<IndexFrontMatter>(file, false)?;
    let mut md = markdown::render(&file.text[body_offset..], resolver);
    md.locate(&file.text, body_offset);
    Ok(Page {
        file: "index.md".into(),
        path: file.path.clone(),
        title: fm.and_then(|(fm, _)| fm.title).unwrap_or_default(),
        summary: None,
        reviewed: None,
        reviewed_pos: None,
        slug: String::new(),
        url: base_path.to_string(),
        md,
    })
}

/// Every data file, with its Markdown rendered; and the links written in them.
fn data_files(
    sources: &[SourceFile],
    resolver: &Resolver,
    errors: &mut Vec<Diagnostic>,
) -> (BTreeMap<String, DataFile>, Vec<DataLink>) {
    let mut data = BTreeMap::new();
    let mut links = Vec::new();
    for file in sources {
        match data::parse(file) {
            Ok(mut d) => {
                links.extend(d.render_markdown(resolver));
                data.insert(d.id.clone(), d);
            }
            Err(es) => errors.extend(es),
        }
    }
    (data, links)
}
