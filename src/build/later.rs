//! Files the preview writes only when a reader first asks for one: the search files and the print
//! pages, which hold every chapter, so that a save waits for its own page only. They are the bytes
//! a published build writes (a property test compares them).

use crate::build::memo::ChapterOutput;
use crate::build::print::Frames;
use crate::build::search;
use crate::build::sink::Sink;
use crate::diagnostic::Diagnostic;
use std::sync::Arc;

/// The whole book's print page.
pub(crate) const WHOLE_PRINT: &str = "drucken/index.html";

/// What those files are made of: the chapters as rendered, the print pages' frames, the data
/// lists' search entries.
#[derive(Debug)]
pub struct Later {
    search: search::Deferred,
    frames: Arc<Frames>,
    chapters: Vec<Arc<ChapterOutput>>,
    /// Each part's print page and its first chapter.
    parts: Vec<(String, usize)>,
}

impl Later {
    pub(crate) fn new(
        data: search::DataChunks,
        frames: Arc<Frames>,
        chapters: Vec<Arc<ChapterOutput>>,
        parts: Vec<(String, usize)>,
    ) -> Later {
        let entries = chapters.iter().map(|c| Arc::clone(&c.search)).collect();
        Later {
            search: search::Deferred::new(data, entries),
            frames,
            chapters,
            parts,
        }
    }

    /// How many pages they hold (the build's summary counts them).
    pub(crate) fn pages(&self) -> usize {
        1 + self.parts.len()
    }

    /// Whether `path` is one of these files.
    pub fn holds(&self, path: &str) -> bool {
        self.is_search(path) || self.is_print(path)
    }

    /// Whether `path` is a search file.
    pub fn is_search(&self, path: &str) -> bool {
        path.starts_with("search/")
    }

    /// Whether `path` is a print page.
    pub fn is_print(&self, path: &str) -> bool {
        path == WHOLE_PRINT || self.parts.iter().any(|(p, _)| p == path)
    }

    /// Writes them all, as a published build writes them.
    pub fn write(&self, sink: &dyn Sink) -> Result<(), Diagnostic> {
        self.write_search(sink)?;
        self.write_print(sink)
    }

    /// Writes the search files.
    pub fn write_search(&self, sink: &dyn Sink) -> Result<(), Diagnostic> {
        self.search.write(sink).map(|_| ())
    }

    /// Writes the print pages.
    pub fn write_print(&self, sink: &dyn Sink) -> Result<(), Diagnostic> {
        self.whole_print(sink)?;
        for k in 0..self.parts.len() {
            self.part_print(sink, k)?;
        }
        Ok(())
    }

    /// The whole book's print page: its frame around every chapter, or the list of parts.
    fn whole_print(&self, sink: &dyn Sink) -> Result<(), Diagnostic> {
        let frame = &self.frames.whole;
        let mut page = String::new();
        if frame.len() > 1 {
            for (piece, c) in frame.iter().zip(&self.chapters) {
                page.push_str(piece);
                page.push_str(&c.print);
            }
        }
        page.push_str(frame.last().map_or("", String::as_str));
        sink.file(WHOLE_PRINT, page.as_bytes())
    }

    /// Part `k`'s print page: its frame around its chapters.
    fn part_print(&self, sink: &dyn Sink, k: usize) -> Result<(), Diagnostic> {
        let (path, start) = &self.parts[k];
        let frame = &self.frames.parts[k];
        let mut page = String::new();
        let chapters = self.chapters.iter().skip(*start);
        for (piece, c) in frame
            .iter()
            .zip(chapters)
            .take(frame.len().saturating_sub(1))
        {
            if let Some(html) = &c.part_print {
                page.push_str(piece);
                page.push_str(html);
            }
        }
        page.push_str(frame.last().map_or("", String::as_str));
        sink.file(path, page.as_bytes())
    }
}
