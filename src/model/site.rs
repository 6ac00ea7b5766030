//! Site: the parsed handbook — settings, chapters in order, data files, and how links resolve.

use crate::diagnostic::Pos;
use crate::model::Asset;
use crate::model::config::Config;
use crate::model::data::{DataFile, DataLink};
use crate::model::date::Date;
use crate::model::markdown::{self, Rendered, Resolve};
use crate::model::yaml::Positions;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A page written from Markdown: a chapter or the start page.
///
/// After parsing, a chapter keeps only what validation and navigation need (title, headings,
/// links, directives, with their positions); its HTML is made again while rendering, one
/// chapter at a time, so that a big handbook never sits in memory whole.
#[derive(Debug, Clone)]
pub struct Page {
    /// The file below `content/chapters/` (`05-kontakt.md`, `02-grundlagen/01-begriffe.md`);
    /// links name chapters by it (or, when it is unique, by the file name alone).
    pub file: String,
    /// The file, as shown in messages and as read again for rendering.
    pub path: PathBuf,
    pub title: String,
    pub summary: Option<String>,
    pub reviewed: Option<Date>,
    /// Where `reviewed:` stands, for its warning.
    pub reviewed_pos: Option<Pos>,
    /// The page's place in the site: `kontakt`, `grundlagen/begriffe` (in a part).
    pub slug: String,
    /// Site-absolute URL with the base path: `/kontakt/`.
    pub url: String,
    /// Its number as readers see it: `5`, or `2.3` in the second part.
    pub number: String,
    /// The part it belongs to (an index into [`Site::parts`]).
    pub part: Option<usize>,
    /// Headings, links, directives and problems; `html` and `sections` only for the start page.
    pub md: std::sync::Arc<Rendered>,
    /// The hash of the text these were parsed from, when the preview remembers chapters.
    pub text_hash: Option<String>,
}

/// A part: a folder of chapters with a title and an optional intro page (`_teil.md`).
#[derive(Debug, Clone)]
pub struct Part {
    /// Its own page: title, summary, address, number, and the intro's Markdown.
    pub page: Page,
    /// The folder below `content/chapters/` (`02-grundlagen`).
    pub folder: String,
    /// Its chapters, as a range of [`Site::chapters`].
    pub chapters: std::ops::Range<usize>,
}

/// The whole handbook, parsed.
pub struct Site {
    pub config: Config,
    /// handbook.yaml as messages name it, and where its keys stand.
    pub config_path: PathBuf,
    pub config_positions: Positions,
    pub index: Page,
    /// Every chapter in reading order (the chapters of a part one after another).
    pub chapters: Vec<Page>,
    /// The parts, in order; empty in a handbook without parts.
    pub parts: Vec<Part>,
    pub data: BTreeMap<String, DataFile>,
    /// The links written in data files, for validation.
    pub data_links: Vec<DataLink>,
    pub assets: Vec<Asset>,
    pub resolver: Resolver,
}

/// URL paths the engine writes itself; chapters cannot take them.
pub const RESERVED: [&str; 3] = ["assets", "drucken", "404"];

/// Turns chapter file names and file paths into URLs.
#[derive(Debug, Default)]
pub struct Resolver {
    /// Chapter file below `content/chapters/` -> (URL, title).
    pub chapters: HashMap<String, (String, String)>,
    /// A chapter's file name alone -> its file below `content/chapters/`; `None` when chapters
    /// of several parts share the name.
    pub names: HashMap<String, Option<String>>,
    /// Path below content/ -> URL.
    pub assets: HashMap<String, String>,
}

impl Resolver {
    /// Adds a chapter under its file below `content/chapters/`.
    pub fn add_chapter(&mut self, file: &str, url: String, title: String) {
        self.chapters.insert(file.to_string(), (url, title));
        let name = file.rsplit('/').next().unwrap_or(file).to_string();
        self.names
            .entry(name)
            .and_modify(|known| {
                if known.as_deref() != Some(file) {
                    *known = None;
                }
            })
            .or_insert_with(|| Some(file.to_string()));
    }

    /// The chapters whose file name is `name` (for a link that names several).
    pub fn candidates(&self, name: &str) -> Vec<String> {
        let mut found: Vec<String> = self
            .chapters
            .keys()
            .filter(|f| f.rsplit('/').next() == Some(name))
            .cloned()
            .collect();
        found.sort();
        found
    }

    /// The chapter a link names: by its file below `content/chapters/`, or by its file name
    /// when only one chapter has it.
    pub fn canonical(&self, file: &str) -> Option<&str> {
        if let Some((key, _)) = self.chapters.get_key_value(file) {
            return Some(key.as_str());
        }
        self.names.get(file)?.as_deref()
    }
}

impl Resolve for Resolver {
    fn chapter(&self, file: &str) -> Option<(String, String)> {
        self.chapters.get(self.canonical(file)?).cloned()
    }
    fn asset(&self, path: &str) -> Option<String> {
        self.assets.get(path).cloned()
    }
}

/// The file name of a path.
pub fn file_name(path: &std::path::Path) -> String {
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
