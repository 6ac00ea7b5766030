//! Theme: the built-in templates and assets (compiled in), overridden file by file from disk.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

macro_rules! builtin {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!("../../theme/", $path)))),*]
    };
}

/// The built-in theme: path below `theme/` and contents.
pub const BUILTIN: &[(&str, &[u8])] = builtin![
    "templates/base.html",
    "templates/page.html",
    "templates/part.html",
    "templates/index.html",
    "templates/print.html",
    "templates/404.html",
    "templates/partials/checklist.html",
    "templates/partials/contact.html",
    "templates/partials/organisations.html",
    "templates/partials/agencies.html",
    "templates/partials/links.html",
    "templates/partials/list.html",
    "templates/partials/pager.html",
    "templates/partials/nav-chapter.html",
    "templates/partials/nav-top.html",
    "assets/style.css",
    "assets/handbook.js",
    "assets/plans.js",
    "assets/favicon.svg",
    "assets/icon-192.png",
    "assets/icon-512.png",
    "assets/apple-touch-icon.png",
];

/// The theme in effect: built-in files with the handbook's own on top.
pub struct Theme {
    /// Path below `theme/` -> contents.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Path below `theme/` -> the file as messages name it, for the handbook's own files.
    pub shown: HashMap<String, PathBuf>,
}

impl Theme {
    /// The built-in theme with `overrides` (paths below the handbook `root`'s `theme/`) on top.
    pub fn new(overrides: &[(String, Vec<u8>)], root: &Path) -> Theme {
        let mut files: BTreeMap<String, Vec<u8>> = BUILTIN
            .iter()
            .map(|(p, b)| ((*p).to_string(), b.to_vec()))
            .collect();
        let mut shown = HashMap::new();
        for (p, b) in overrides {
            files.insert(p.clone(), b.clone());
            shown.insert(
                p.clone(),
                crate::build::load::shown(root, &Path::new("theme").join(p)),
            );
        }
        Theme { files, shown }
    }

    /// A template as messages name it: the handbook's own file, or the built-in one.
    pub fn template_path(&self, name: &str) -> PathBuf {
        let key = format!("templates/{name}");
        self.shown
            .get(&key)
            .cloned()
            .unwrap_or_else(|| PathBuf::from("theme").join(key))
    }

    /// Templates by name below `templates/` (`page.html`, `partials/list.html`).
    pub fn templates(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().filter_map(|(p, b)| {
            p.strip_prefix("templates/")
                .map(|name| (name, b.as_slice()))
        })
    }

    /// Assets by name below `assets/`.
    pub fn assets(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files
            .iter()
            .filter_map(|(p, b)| p.strip_prefix("assets/").map(|name| (name, b.as_slice())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_replace_single_files() {
        let t = Theme::new(
            &[("templates/404.html".into(), b"mine".to_vec())],
            Path::new("book"),
        );
        let t404 = t
            .templates()
            .find(|(n, _)| *n == "404.html")
            .map(|(_, b)| b);
        assert_eq!(t404, Some(&b"mine"[..]));
        assert!(t.templates().any(|(n, _)| n == "page.html"));
    }
}
