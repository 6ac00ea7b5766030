//! Listing: which files a walk of the handbook's folders lists (editor and hidden files never),
//! the list it found, kept by the preview, and whether the changes the watcher reported since
//! can have changed that list (a save of a chapter does not; a new, removed or renamed file or
//! folder does). A save then skips the walk.

use rustc_hash::FxHashSet;
use std::path::{Path, PathBuf};

/// Editor back-ups, swap and temporary files, and hidden files: never content.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.starts_with('#')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name.contains(".tmp.")
        // Vim creates and deletes a file named 4913 to test whether it may write a folder.
        || name == "4913"
}

/// The files below `content/` and `theme/`, each as (path to read, path below the root), as
/// the walk returned them, sorted.
#[derive(Debug, Default)]
pub struct Listing {
    pub content: Vec<(PathBuf, PathBuf)>,
    pub theme: Vec<(PathBuf, PathBuf)>,
    /// Every listed file's absolute path.
    absolute: FxHashSet<PathBuf>,
}

impl Listing {
    pub fn new(content: Vec<(PathBuf, PathBuf)>, theme: Vec<(PathBuf, PathBuf)>) -> Listing {
        let absolute = content
            .iter()
            .chain(&theme)
            .map(|(path, _)| crate::fs::absolute(path))
            .collect();
        Listing {
            content,
            theme,
            absolute,
        }
    }

    /// Does the list still hold after changes to `changed` (absolute paths)? Each must be a
    /// listed file that is still a plain file (not a link, which would be checked where it
    /// leads), or a file the walk skips, or a path that came and went without being listed.
    pub fn still_holds(&self, changed: &[PathBuf]) -> bool {
        changed.iter().all(|path| self.unaffected_by(path))
    }

    fn unaffected_by(&self, path: &Path) -> bool {
        let now = std::fs::symlink_metadata(path);
        if self.absolute.contains(path) {
            return now.is_ok_and(|m| m.file_type().is_file());
        }
        let skipped = path
            .file_name()
            .is_some_and(|n| is_ignored_name(&n.to_string_lossy()));
        if skipped {
            return true;
        }
        // Something new, or a folder that went away with listed files in it.
        now.is_err() && !self.absolute.iter().any(|f| f.starts_with(path))
    }
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
    fn a_saved_file_keeps_the_list_and_new_or_gone_ones_do_not() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = crate::fs::absolute(dir.path());
        let chapters = root.join("content/chapters");
        std::fs::create_dir_all(&chapters).expect("folders");
        let a = chapters.join("a.md");
        std::fs::write(&a, "A").expect("a");
        let listing = Listing::new(vec![(a.clone(), "content/chapters/a.md".into())], vec![]);
        std::fs::write(&a, "A, gespeichert").expect("save");
        assert!(listing.still_holds(std::slice::from_ref(&a)));
        // An editor's swap file, and a temporary file that came and went.
        assert!(listing.still_holds(&[chapters.join(".a.md.swp"), chapters.join("x")]));
        let b = chapters.join("b.md");
        std::fs::write(&b, "B").expect("b");
        assert!(!listing.still_holds(std::slice::from_ref(&b)));
        std::fs::remove_file(&a).expect("rm");
        assert!(!listing.still_holds(std::slice::from_ref(&a)));
        // The folder of a listed file renamed away.
        std::fs::write(&a, "A").expect("a again");
        std::fs::rename(&chapters, root.join("content/kapitel")).expect("mv");
        assert!(!listing.still_holds(std::slice::from_ref(&chapters)));
    }

    #[cfg(unix)]
    #[test]
    fn a_file_replaced_by_a_link_is_walked_again() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = crate::fs::absolute(dir.path());
        let a = root.join("a.md");
        std::fs::write(&a, "A").expect("a");
        let listing = Listing::new(vec![(a.clone(), "a.md".into())], vec![]);
        std::fs::remove_file(&a).expect("rm");
        std::os::unix::fs::symlink("/etc/hostname", &a).expect("link");
        assert!(!listing.still_holds(std::slice::from_ref(&a)));
    }
}
