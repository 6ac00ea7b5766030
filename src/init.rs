//! Init: writes a small working handbook (config, two chapters, one data file of each kind)
//! and the schemas editors use to check it while authors type.

use crate::diagnostic::Diagnostic;
use crate::i18n::{FileOp, Msg};
use std::path::Path;

const STARTER: &[(&str, &str)] = &[
    (
        "content/handbook.yaml",
        include_str!("starter/handbook.yaml"),
    ),
    ("content/index.md", include_str!("starter/index.md")),
    (
        "content/chapters/01-willkommen.md",
        include_str!("starter/chapters/01-willkommen.md"),
    ),
    (
        "content/chapters/02-planung.md",
        include_str!("starter/chapters/02-planung.md"),
    ),
    (
        "content/data/verbaende.yaml",
        include_str!("starter/data/verbaende.yaml"),
    ),
    (
        "content/data/stellen.yaml",
        include_str!("starter/data/stellen.yaml"),
    ),
    (
        "content/data/links.yaml",
        include_str!("starter/data/links.yaml"),
    ),
    (
        "content/data/vorbereitung.yaml",
        include_str!("starter/data/vorbereitung.yaml"),
    ),
    (
        "content/data/kontakt.yaml",
        include_str!("starter/data/kontakt.yaml"),
    ),
    (".gitignore", "/public\n"),
];

/// Writes the starter handbook into `dir`, which must not exist or be empty; returns the
/// files written.
pub fn write(dir: &Path, today: crate::model::date::Date) -> Result<Vec<String>, Diagnostic> {
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map_err(|e| crate::fs::io_error(dir, FileOp::ReadDir, &e))?
            .next()
            .is_none();
        if !empty {
            return Err(Diagnostic::error(dir, Msg::InitNotEmpty));
        }
    }
    let mut written = Vec::new();
    for (rel, text) in STARTER {
        let path = dir.join(rel);
        crate::fs::write(
            &path,
            text.replace("__TODAY__", &today.to_string()).as_bytes(),
        )?;
        written.push((*rel).to_string());
    }
    // The schemas the data files name in their first line: editors check while authors type.
    crate::schema::write(dir)?;
    written.extend(
        crate::schema::all()
            .into_iter()
            .map(|(name, _)| format!("{}/{name}", crate::schema::FOLDER)),
    );
    Ok(written)
}
