//! Load: walk a handbook's folder (sorted) and read its files. The only stage that reads content.

use crate::diagnostic::Diagnostic;
use crate::model::{Asset, SourceFile};
use std::path::{Path, PathBuf};

/// Everything a build reads.
#[derive(Debug, Clone)]
pub struct Sources {
    pub config: SourceFile,
    pub index: Option<SourceFile>,
    /// Chapter files (as shown); they are read when they are parsed and rendered.
    pub chapters: Vec<PathBuf>,
    pub data: Vec<SourceFile>,
    pub assets: Vec<Asset>,
    /// Files of the handbook's own `theme/` (path below `theme/`, bytes): they override the built-in theme.
    pub theme: Vec<(String, Vec<u8>)>,
    pub warnings: Vec<Diagnostic>,
}

/// The path as shown in messages: `root/rel`, without a leading `./`.
pub fn shown(root: &Path, rel: &Path) -> PathBuf {
    if root == Path::new(".") || root.as_os_str().is_empty() {
        rel.to_path_buf()
    } else {
        root.join(rel)
    }
}

/// Editor back-ups, swap and temporary files, and hidden files: never content.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.starts_with('#')
        || name.starts_with(".#")
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name.contains(".tmp.")
        || name == "4913"
}

pub fn load(root: &Path) -> Result<Sources, Vec<Diagnostic>> {
    let content = root.join("content");
    let config_rel = Path::new("content/handbook.yaml");
    if !content.join("handbook.yaml").is_file() {
        let what = if root.is_dir() {
            "file not found: this folder holds no handbook".to_string()
        } else {
            format!("{} is not a folder", root.display())
        };
        return Err(vec![Diagnostic::error(shown(root, config_rel), 0, 0, what)
            .with_hint("run `handbook init DIR` to start a new handbook, or pass the folder that holds content/")]);
    }
    let mut errors = Vec::new();
    let read = |rel: &Path, errors: &mut Vec<Diagnostic>| -> Option<SourceFile> {
        let path = shown(root, rel);
        match crate::fs::read_text(&root.join(rel), &path) {
            Ok(text) => Some(SourceFile { path, text }),
            Err(e) => {
                errors.push(e);
                None
            }
        }
    };
    let config = read(config_rel, &mut errors);
    let index = if content.join("index.md").is_file() {
        read(Path::new("content/index.md"), &mut errors)
    } else {
        None
    };
    let mut chapters = Vec::new();
    let mut data = Vec::new();
    let mut assets = Vec::new();
    let mut warnings = Vec::new();
    for entry in walk(&content) {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let p = e
                    .path()
                    .map(|p| p.to_path_buf())
                    .unwrap_or_else(|| content.clone());
                errors.push(Diagnostic::error(p, 0, 0, format!("cannot read: {e}")));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel_content) = entry.path().strip_prefix(&content) else {
            continue;
        };
        let rel = Path::new("content").join(rel_content);
        let parent = rel_content.parent().unwrap_or(Path::new(""));
        let ext = rel_content
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("");
        match (parent.to_str().unwrap_or(""), ext) {
            ("", "yaml") if rel_content == Path::new("handbook.yaml") => {}
            ("", "md") if rel_content == Path::new("index.md") => {}
            ("chapters", "md") => chapters.push(shown(root, &rel)),
            ("data", "yaml" | "yml") => data.extend(read(&rel, &mut errors)),
            (_, "md" | "yaml" | "yml") => warnings.push(
                Diagnostic::warning(
                    shown(root, &rel),
                    0,
                    0,
                    "this file is not part of the handbook",
                )
                .with_hint("chapters belong in content/chapters/, data lists in content/data/"),
            ),
            _ => assets.push(Asset {
                site_path: rel_content.to_string_lossy().replace('\\', "/"),
                source: entry.path().to_path_buf(),
            }),
        }
    }
    let mut theme = Vec::new();
    let theme_dir = root.join("theme");
    if theme_dir.is_dir() {
        for entry in walk(&theme_dir).flatten() {
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(&theme_dir) else {
                continue;
            };
            let shown_path = shown(root, &Path::new("theme").join(rel));
            match std::fs::read(entry.path()) {
                Ok(bytes) => theme.push((rel.to_string_lossy().replace('\\', "/"), bytes)),
                Err(e) => errors.push(crate::fs::io_error(&shown_path, "cannot read file", &e)),
            }
        }
    }
    match config {
        Some(config) if errors.is_empty() => Ok(Sources {
            config,
            index,
            chapters,
            data,
            assets,
            theme,
            warnings,
        }),
        _ => Err(errors),
    }
}

/// A sorted walk that skips hidden and editor files and folders.
fn walk(dir: &Path) -> impl Iterator<Item = walkdir::Result<walkdir::DirEntry>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_files_are_ignored() {
        for name in [
            ".x.md.swp",
            "x.md~",
            "#x.md#",
            ".#x.md",
            "4913",
            "x.md.tmp.123",
            ".hidden",
        ] {
            assert!(is_ignored_name(name), "{name}");
        }
        for name in ["x.md", "logo.svg", "data.yaml"] {
            assert!(!is_ignored_name(name), "{name}");
        }
    }

    #[test]
    fn shown_paths_drop_the_dot() {
        assert_eq!(
            shown(Path::new("."), Path::new("content/a.md")),
            PathBuf::from("content/a.md")
        );
        assert_eq!(
            shown(Path::new("book"), Path::new("content/a.md")),
            PathBuf::from("book/content/a.md")
        );
    }
}
