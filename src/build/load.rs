//! Load: walk a handbook's folder (sorted) and read its files. The only stage that reads
//! content, and it reads only files whose real path lies inside the handbook: a symbolic link
//! that leads outside (or in a loop) is an error, never followed.

use crate::build::listing::{Listing, is_ignored_name};
use crate::build::memo::Memo;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::i18n::{FileOp, Msg};
use crate::model::{Asset, SourceFile};
use rustc_hash::FxHashMap as HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Everything a build reads.
#[derive(Debug, Clone)]
pub struct Sources {
    pub config: SourceFile,
    pub index: Option<SourceFile>,
    /// Chapter files (as shown); they are read when they are parsed and rendered. Chapters of a
    /// part stand in its folder (`chapters/02-grundlagen/01-begriffe.md`).
    pub chapters: Vec<PathBuf>,
    /// The `_teil.md` files of parts, read.
    pub parts: Vec<SourceFile>,
    pub data: Vec<SourceFile>,
    pub assets: Vec<Asset>,
    /// Files of the handbook's own `theme/` (path below `theme/`, bytes): they override the built-in theme.
    pub theme: Vec<(String, Vec<u8>)>,
    pub warnings: Diagnostics,
}

/// The path as shown in messages: `root/rel`, without a leading `./`.
pub fn shown(root: &Path, rel: &Path) -> PathBuf {
    if root == Path::new(".") || root.as_os_str().is_empty() {
        rel.to_path_buf()
    } else {
        root.join(rel)
    }
}

/// What a file below `content/` is, by where it stands and how it is named.
enum Role {
    Config,
    Index,
    Chapter,
    /// `chapters/PART/_teil.md`: a part's title and intro page.
    PartIntro,
    Data,
    /// A Markdown or YAML file outside chapters/ and data/.
    Stray,
    /// Something in chapters/ that is not a chapter (`Entwurf.docx`, `14-neu.md.txt`).
    NotAChapter,
    Asset,
}

/// The file that names a part (a folder of chapters) and holds its intro.
pub const PART_FILE: &str = "_teil.md";

fn role(rel: &Path) -> Role {
    let parent = rel.parent().and_then(Path::to_str).unwrap_or("");
    let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("");
    // A part is one folder below chapters/, holding chapters.
    let in_part = parent
        .strip_prefix("chapters/")
        .is_some_and(|part| !part.contains('/'));
    let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or("");
    match (parent, ext) {
        ("", "yaml") if rel == Path::new("handbook.yaml") => Role::Config,
        ("", "md") if rel == Path::new("index.md") => Role::Index,
        ("chapters", "md") => Role::Chapter,
        ("chapters", _) => Role::NotAChapter,
        (_, "md") if in_part && name == PART_FILE => Role::PartIntro,
        (_, "md") if in_part => Role::Chapter,
        _ if in_part => Role::NotAChapter,
        ("data", "yaml" | "yml") => Role::Data,
        (_, "md" | "yaml" | "yml") => Role::Stray,
        _ => Role::Asset,
    }
}

pub fn load(root: &Path) -> Result<Sources, Diagnostics> {
    load_with(root, None)
}

/// [`load`], taking the files of the last walk from `memo` when no file or folder came or went
/// since (the preview).
pub fn load_with(root: &Path, memo: Option<&Memo>) -> Result<Sources, Diagnostics> {
    let content = root.join("content");
    if !content.join("handbook.yaml").is_file() {
        let msg = if root.is_dir() {
            Msg::NoHandbook
        } else {
            Msg::NotAFolder {
                path: root.display().to_string(),
            }
        };
        return Err(Diagnostic::error(shown(root, Path::new("content/handbook.yaml")), msg).into());
    }
    let mut walk = Walk::new(root);
    let listing = memo
        .and_then(Memo::listing)
        .unwrap_or_else(|| walk.listing(memo));
    let mut config = None;
    let mut index = None;
    let mut chapters = Vec::new();
    let mut parts = Vec::new();
    let mut data = Vec::new();
    let mut assets = Vec::new();
    for (real, rel) in &listing.content {
        let rel_content = rel.strip_prefix("content").unwrap_or(rel).to_path_buf();
        let shown = shown(root, rel);
        match role(&rel_content) {
            Role::Config => config = walk.read(real, shown),
            Role::Index => index = walk.read(real, shown),
            Role::Chapter => chapters.push(shown),
            Role::PartIntro => parts.extend(walk.read(real, shown)),
            Role::Data => data.extend(walk.read(real, shown)),
            Role::Stray => walk
                .out
                .push(Diagnostic::warning(shown, Msg::NotPartOfHandbook)),
            Role::NotAChapter => walk.out.push(Diagnostic::warning(shown, Msg::NotAChapter)),
            Role::Asset => assets.push(Asset {
                site_path: rel_content.to_string_lossy().replace('\\', "/"),
                source: real.clone(),
            }),
        }
    }
    same_data_names(&data, &mut walk.out);
    let theme = walk.theme(&listing);
    match config {
        Some(config) if !walk.out.has_errors() => Ok(Sources {
            config,
            index,
            chapters,
            parts,
            data,
            assets,
            theme,
            warnings: walk.out,
        }),
        _ => Err(walk.out),
    }
}

/// `x.yaml` and `x.yml` would both be the list `x`.
fn same_data_names(data: &[SourceFile], out: &mut Diagnostics) {
    let mut seen: HashMap<String, &Path> = HashMap::default();
    for file in data {
        let stem = file
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Some(first) = seen.get(&stem) {
            out.push(Diagnostic::error(
                &file.path,
                Msg::SameDataId {
                    other: first.display().to_string(),
                },
            ));
        } else {
            seen.insert(stem, &file.path);
        }
    }
}

/// A walk of the handbook's folders that stays inside it.
struct Walk<'r> {
    root: &'r Path,
    /// The handbook's real path: every file read must lie below it.
    real_root: PathBuf,
    out: Diagnostics,
}

impl<'r> Walk<'r> {
    fn new(root: &'r Path) -> Self {
        Walk {
            root,
            real_root: std::fs::canonicalize(root).unwrap_or_else(|_| crate::fs::absolute(root)),
            out: Diagnostics::new(),
        }
    }

    /// The files below `content/` and `theme/`, walked; kept in `memo` when the walk found
    /// nothing wrong.
    fn listing(&mut self, memo: Option<&Memo>) -> Arc<Listing> {
        let content = self.files(Path::new("content"));
        let theme = if self.root.join("theme").is_dir() {
            self.files(Path::new("theme"))
        } else {
            Vec::new()
        };
        let listing = Arc::new(Listing::new(content, theme));
        if let Some(memo) = memo
            && !self.out.has_errors()
        {
            memo.walked(Arc::clone(&listing));
        }
        listing
    }

    /// The handbook's own theme files (path below `theme/`, bytes), read.
    fn theme(&mut self, listing: &Listing) -> Vec<(String, Vec<u8>)> {
        let mut theme = Vec::new();
        for (real, rel) in &listing.theme {
            let below = rel.strip_prefix("theme").unwrap_or(rel);
            match std::fs::read(real) {
                Ok(bytes) => theme.push((below.to_string_lossy().replace('\\', "/"), bytes)),
                Err(e) => self.out.push(crate::fs::io_error(
                    &shown(self.root, rel),
                    FileOp::Read,
                    &e,
                )),
            }
        }
        theme
    }

    /// The files below `dir` (relative to the root), sorted, each as (real path, path below the
    /// root). Hidden and editor files are skipped; links leading outside, in a loop or nowhere
    /// are reported and not followed.
    fn files(&mut self, dir: &Path) -> Vec<(PathBuf, PathBuf)> {
        let real_root = self.real_root.clone();
        let root = self.root;
        let mut refused: Vec<Diagnostic> = Vec::new();
        let mut files = Vec::new();
        let walker = walkdir::WalkDir::new(root.join(dir))
            .sort_by_file_name()
            .follow_links(true)
            .into_iter()
            .filter_entry(|e| {
                if e.depth() > 0 && is_ignored_name(&e.file_name().to_string_lossy()) {
                    return false;
                }
                if !e.path_is_symlink() && e.depth() > 0 {
                    return true;
                }
                match inside(&real_root, e.path()) {
                    Ok(()) => true,
                    Err(msg) => {
                        let rel = e.path().strip_prefix(root).unwrap_or(e.path());
                        refused.push(Diagnostic::error(shown(root, rel), msg));
                        false
                    }
                }
            });
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    let rel = e
                        .path()
                        .strip_prefix(root)
                        .unwrap_or(e.path())
                        .to_path_buf();
                    files.push((e.path().to_path_buf(), rel));
                }
                Ok(_) => {}
                Err(e) => {
                    let path = e.path().unwrap_or(root).to_path_buf();
                    let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                    let looped = e.loop_ancestor().is_some()
                        || e.io_error().and_then(std::io::Error::raw_os_error) == Some(ELOOP);
                    let msg = if looped {
                        Msg::LinkLoop
                    } else {
                        Msg::Io {
                            op: FileOp::ReadDir,
                            cause: e
                                .io_error()
                                .map_or(crate::i18n::IoCause::Other(e.to_string()), |io| {
                                    crate::i18n::IoCause::of(io)
                                }),
                            other: None,
                        }
                    };
                    self.out.push(Diagnostic::error(shown(root, &rel), msg));
                }
            }
        }
        self.out.extend(refused);
        files
    }

    /// Reads a text file found by the walk.
    fn read(&mut self, real: &Path, shown: PathBuf) -> Option<SourceFile> {
        match crate::fs::read_text(real, &shown) {
            Ok(text) => Some(SourceFile { path: shown, text }),
            Err(e) => {
                self.out.push(e);
                None
            }
        }
    }
}

/// The error number of "too many levels of symbolic links" (Linux, and most Unix systems).
const ELOOP: i32 = 40;

/// Does `path` (a link, or the walk's starting folder) lead to a place inside `real_root`?
fn inside(real_root: &Path, path: &Path) -> Result<(), Msg> {
    match std::fs::canonicalize(path) {
        Ok(target) if target.starts_with(real_root) => Ok(()),
        Ok(target) => Err(Msg::LinkOutside {
            target: target.display().to_string(),
        }),
        Err(e) if e.raw_os_error() == Some(ELOOP) => Err(Msg::LinkLoop),
        Err(e) => Err(Msg::Io {
            op: FileOp::Read,
            cause: crate::i18n::IoCause::of(&e),
            other: None,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
