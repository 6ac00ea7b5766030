//! JSON Schemas (draft-07) for editors: handbook.yaml, chapter front matter and each data kind,
//! derived from the types the engine parses with, with German descriptions shown on hover.

use crate::diagnostic::Diagnostic;
use crate::model::data::{Kind, schemas};
use schemars::generate::SchemaSettings;
use std::path::{Path, PathBuf};

/// The folder below a handbook's root that holds its schemas.
pub const FOLDER: &str = "schemas";

/// Every schema: file name and contents.
pub fn all() -> Vec<(String, serde_json::Value)> {
    let root = |schema: schemars::Schema, title: &str| {
        let mut v = schema.to_value();
        v["title"] = title.into();
        v
    };
    let mut out = vec![
        (
            "handbook.schema.json".to_string(),
            root(
                SchemaSettings::draft07()
                    .into_generator()
                    .into_root_schema_for::<crate::model::config::Config>(),
                "handbook: Einstellungen (handbook.yaml)",
            ),
        ),
        (
            "chapter.schema.json".to_string(),
            root(
                SchemaSettings::draft07()
                    .into_generator()
                    .into_root_schema_for::<crate::build::parse::FrontMatter>(),
                "handbook: Kopf eines Kapitels",
            ),
        ),
        (
            "part.schema.json".to_string(),
            root(
                SchemaSettings::draft07()
                    .into_generator()
                    .into_root_schema_for::<crate::build::parse::PartFrontMatter>(),
                "handbook: Kopf eines Teils (_teil.md)",
            ),
        ),
    ];
    out.extend(
        schemas()
            .into_iter()
            .map(|(kind, schema)| (file_of(kind), schema)),
    );
    out
}

/// The schema file of a data kind: `checklist.schema.json`.
pub fn file_of(kind: Kind) -> String {
    format!("{kind}.schema.json")
}

/// The first line of a data file of `kind`, which common YAML editor plug-ins read.
pub fn comment_for(kind: Kind) -> String {
    format!(
        "# yaml-language-server: $schema=../../{FOLDER}/{}",
        file_of(kind)
    )
}

/// Writes every schema into `root/schemas/`; returns that folder.
pub fn write(root: &Path) -> Result<(PathBuf, usize), Diagnostic> {
    let dir = root.join(FOLDER);
    let all = all();
    for (name, schema) in &all {
        let text = serde_json::to_string_pretty(schema).unwrap_or_default() + "\n";
        crate::fs::write(&dir.join(name), text.as_bytes())?;
    }
    Ok((dir, all.len()))
}
