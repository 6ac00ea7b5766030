//! The output port: where rendered files go — a folder on disk, memory (the preview), or nowhere (`check`).

use crate::diagnostic::Diagnostic;
use crate::i18n::FileOp;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// One piece of a file assembled from parts.
pub enum Piece {
    Text(String),
    /// A part written earlier with `Sink::append`; it is removed once assembled.
    Part(String),
}

/// Where rendered files go: a folder on disk, or memory for the preview server.
/// Shared by the threads that render chapters.
pub trait Sink: Sync {
    fn file(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic>;
    /// A file whose bytes are shared (a page the preview remembers): kept without a copy where
    /// the sink can.
    fn shared(&self, path: &str, bytes: &Arc<Vec<u8>>) -> Result<(), Diagnostic> {
        self.file(path, bytes)
    }
    /// Appends to a file (creating it).
    fn append(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic>;
    /// Writes `path` from pieces in order, removing the parts.
    fn assemble(&self, path: &str, pieces: &[Piece]) -> Result<(), Diagnostic>;
}

/// A sink that keeps nothing: `check` renders everything but writes nothing.
pub struct NullSink;

impl Sink for NullSink {
    fn file(&self, _: &str, _: &[u8]) -> Result<(), Diagnostic> {
        Ok(())
    }
    fn append(&self, _: &str, _: &[u8]) -> Result<(), Diagnostic> {
        Ok(())
    }
    fn assemble(&self, _: &str, _: &[Piece]) -> Result<(), Diagnostic> {
        Ok(())
    }
}

/// Writes files below a folder.
pub struct DiskSink {
    /// Where the files go (a temporary folder beside the output).
    root: PathBuf,
    /// The output folder, as messages name it: never the temporary folder.
    shown: PathBuf,
    /// Folders made so far: each is made once (thousands of chapters share few folders).
    made: Mutex<std::collections::HashSet<PathBuf>>,
}

impl DiskSink {
    pub fn new(root: PathBuf, shown: PathBuf) -> DiskSink {
        DiskSink {
            root,
            shown,
            made: Mutex::default(),
        }
    }

    /// The real path of `rel`, with its folder made.
    fn place(&self, rel: &str) -> Result<PathBuf, Diagnostic> {
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            let mut made = self
                .made
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if !made.contains(parent) {
                std::fs::create_dir_all(parent)
                    .map_err(|e| self.error(rel, FileOp::CreateDir, &e))?;
                made.insert(parent.to_path_buf());
            }
        }
        Ok(path)
    }

    /// An error about `rel`, named as it will be in the output folder.
    fn error(&self, rel: &str, op: FileOp, e: &std::io::Error) -> Diagnostic {
        crate::fs::io_error(&self.shown.join(rel), op, e)
    }
}

impl Sink for DiskSink {
    fn file(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let target = self.place(path)?;
        std::fs::write(&target, bytes).map_err(|e| self.error(path, FileOp::Write, &e))
    }

    fn append(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        use std::io::Write;
        let target = self.place(path)?;
        std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(&target)
            .and_then(|mut f| f.write_all(bytes))
            .map_err(|e| self.error(path, FileOp::Write, &e))
    }

    fn assemble(&self, path: &str, pieces: &[Piece]) -> Result<(), Diagnostic> {
        use std::io::Write;
        let target = self.place(path)?;
        let write_error = |e: std::io::Error| self.error(path, FileOp::Write, &e);
        let file = std::fs::File::create(&target).map_err(write_error)?;
        let mut w = std::io::BufWriter::new(file);
        for piece in pieces {
            match piece {
                Piece::Text(t) => w.write_all(t.as_bytes()).map_err(write_error)?,
                Piece::Part(p) => {
                    let part = self.root.join(p);
                    let mut f =
                        std::fs::File::open(&part).map_err(|e| self.error(p, FileOp::Read, &e))?;
                    std::io::copy(&mut f, &mut w).map_err(write_error)?;
                    drop(f);
                    std::fs::remove_file(&part).map_err(|e| self.error(p, FileOp::Remove, &e))?;
                }
            }
        }
        w.flush().map_err(write_error)?;
        // The parts' folder goes once it is empty (other parts may still be waiting).
        if let Some(Piece::Part(p)) = pieces.iter().find(|p| matches!(p, Piece::Part(_)))
            && let Some(dir) = self.root.join(p).parent()
        {
            let _ = std::fs::remove_dir(dir);
        }
        Ok(())
    }
}

/// The site in memory.
#[derive(Default)]
pub struct MemorySink {
    files: Mutex<HashMap<String, Arc<Vec<u8>>>>,
}

impl MemorySink {
    pub fn into_files(self) -> HashMap<String, Arc<Vec<u8>>> {
        self.files.into_inner().unwrap_or_default()
    }
}

impl Sink for MemorySink {
    fn file(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.shared(path, &Arc::new(bytes.to_vec()))
    }
    fn shared(&self, path: &str, bytes: &Arc<Vec<u8>>) -> Result<(), Diagnostic> {
        if let Ok(mut f) = self.files.lock() {
            f.insert(path.to_string(), Arc::clone(bytes));
        }
        Ok(())
    }
    fn append(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        if let Ok(mut f) = self.files.lock() {
            Arc::make_mut(f.entry(path.to_string()).or_default()).extend_from_slice(bytes);
        }
        Ok(())
    }
    fn assemble(&self, path: &str, pieces: &[Piece]) -> Result<(), Diagnostic> {
        if let Ok(mut f) = self.files.lock() {
            let mut out = Vec::new();
            for piece in pieces {
                match piece {
                    Piece::Text(t) => out.extend_from_slice(t.as_bytes()),
                    Piece::Part(p) => out.extend_from_slice(&f.remove(p).unwrap_or_default()),
                }
            }
            f.insert(path.to_string(), Arc::new(out));
        }
        Ok(())
    }
}

/// One file written in parts by several threads (the print page): each run of chapters
/// appends to its own part, in pieces of about a megabyte, hashing and counting what it
/// writes; the parts are put together in order at the end ([`Sink::assemble`]).
pub(crate) struct PartWriter<'s> {
    sink: &'s dyn Sink,
    path: String,
    buf: String,
    hasher: crate::hash::Hasher,
    bytes: usize,
}

/// A part as written: where it is, the hash and length of what it holds.
pub(crate) struct Part {
    pub path: String,
    pub hash: String,
    pub bytes: usize,
}

/// Parts are flushed to the sink when their buffer passes this size: few writes, little memory.
const PART_BUFFER: usize = 1 << 20;

impl<'s> PartWriter<'s> {
    pub(crate) fn new(sink: &'s dyn Sink, path: String) -> Self {
        PartWriter {
            sink,
            path,
            buf: String::new(),
            hasher: crate::hash::Hasher::default(),
            bytes: 0,
        }
    }

    pub(crate) fn push(&mut self, text: &str) -> Result<(), Diagnostic> {
        self.hasher.update(text.as_bytes());
        self.bytes += text.len();
        self.buf.push_str(text);
        if self.buf.len() > PART_BUFFER {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), Diagnostic> {
        if !self.buf.is_empty() {
            self.sink.append(&self.path, self.buf.as_bytes())?;
            self.buf.clear();
        }
        Ok(())
    }

    pub(crate) fn finish(mut self) -> Result<Part, Diagnostic> {
        self.flush()?;
        Ok(Part {
            path: self.path,
            hash: self.hasher.finish(),
            bytes: self.bytes,
        })
    }
}
