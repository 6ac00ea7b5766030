//! Site: the parsed handbook — settings, chapters in order, data files, and how links resolve.

use crate::diagnostic::Pos;
use crate::model::Asset;
use crate::model::config::Config;
use crate::model::data::{DataFile, DataLink};
use crate::model::date::Date;
use crate::model::markdown::{self, Rendered, Resolve};
use crate::model::yaml::Positions;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

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
    pub reviewed_pos: Option<Pos>,
    pub slug: String,
    /// Site-absolute URL with the base path: `/kontakt/`.
    pub url: String,
    /// Headings, links, directives and problems; `html` and `sections` only for the start page.
    pub md: Rendered,
    /// The hash of the text these were parsed from, when the preview remembers chapters.
    pub text_hash: Option<String>,
}

/// The whole handbook, parsed.
pub struct Site {
    pub config: Config,
    /// handbook.yaml as messages name it, and where its keys stand.
    pub config_path: PathBuf,
    pub config_positions: Positions,
    pub index: Page,
    pub chapters: Vec<Page>,
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
    /// Chapter file name -> (URL, title).
    pub chapters: HashMap<String, (String, String)>,
    /// Path below content/ -> URL.
    pub assets: HashMap<String, String>,
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
