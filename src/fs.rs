//! File-system access that names the path in every error.

use crate::diagnostic::{Diagnostic, Pos};
use crate::i18n::{FileOp, IoCause, Msg};
use std::path::{Path, PathBuf};

/// How the pure stages get at file contents (chapters are read when they are worked on, so a
/// big handbook never sits in memory whole). The build passes [`Disk`].
pub trait Files: Sync {
    fn text(&self, path: &Path) -> Result<String, Diagnostic>;
    fn bytes(&self, path: &Path) -> Result<Vec<u8>, Diagnostic>;
}

/// The file system.
pub struct Disk;

impl Files for Disk {
    fn text(&self, path: &Path) -> Result<String, Diagnostic> {
        read_text(path, path)
    }
    fn bytes(&self, path: &Path) -> Result<Vec<u8>, Diagnostic> {
        std::fs::read(path).map_err(|e| io_error(path, FileOp::Read, &e))
    }
}

/// Reads a UTF-8 text file (a byte-order mark at its start is dropped); `shown` is the path
/// as the user should see it.
pub fn read_text(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| io_error(shown, FileOp::Read, &e))?;
    let mut text = String::from_utf8(bytes).map_err(|e| {
        let text =
            String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]).into_owned();
        Diagnostic::error(shown, Msg::NotUtf8).at(Pos::of_offset(&text, text.len()))
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// An I/O error at `path`, in words.
pub fn io_error(path: &Path, op: FileOp, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        path,
        Msg::Io {
            op,
            cause: IoCause::of(e),
            other: None,
        },
    )
}

pub fn create_dir_all(path: &Path) -> Result<(), Diagnostic> {
    std::fs::create_dir_all(path).map_err(|e| io_error(path, FileOp::CreateDir, &e))
}

pub fn write(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    std::fs::write(path, bytes).map_err(|e| io_error(path, FileOp::Write, &e))
}

pub fn remove_dir_all(path: &Path) -> Result<(), Diagnostic> {
    match std::fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io_error(path, FileOp::Remove, &e)),
    }
}

/// An absolute, normalised form of `path` (it need not exist).
pub fn absolute(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for part in abs.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}
