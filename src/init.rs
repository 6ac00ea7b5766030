//! Init: writes a small working handbook (config, two chapters, one data file of each kind).

use std::path::Path;
use std::process::ExitCode;

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

/// Writes the starter handbook into `dir`, which must not exist or be empty.
pub fn write(dir: &Path, today: crate::model::date::Date) -> Result<Vec<String>, String> {
    if dir.exists() {
        let empty = std::fs::read_dir(dir)
            .map_err(|e| format!("{}: error: cannot read folder: {e}", dir.display()))?
            .next()
            .is_none();
        if !empty {
            return Err(format!(
                "{}: error: the folder is not empty — choose a new folder name; nothing was written",
                dir.display()
            ));
        }
    }
    let mut written = Vec::new();
    for (rel, text) in STARTER {
        let path = dir.join(rel);
        crate::fs::write(
            &path,
            text.replace("__TODAY__", &today.to_string()).as_bytes(),
        )
        .map_err(|d| d.to_string())?;
        written.push((*rel).to_string());
    }
    Ok(written)
}

/// `handbook init DIR`.
pub fn run(dir: &Path) -> ExitCode {
    match write(dir, crate::model::date::Date::today()) {
        Ok(files) => {
            println!(
                "created a new handbook in {} ({} files)",
                dir.display(),
                files.len()
            );
            println!(
                "next: handbook serve {}   (preview at http://127.0.0.1:3000, reloads on every save)",
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}
