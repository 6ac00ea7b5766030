//! Memo: what the preview keeps from one build to the next — each chapter's front matter,
//! metadata and rendered outputs, keyed by everything they are made of — so a save redoes only
//! what it changed. The pipeline is the same with or without it: the output is too.

use crate::build::listing::Listing;
use crate::diagnostic::Diagnostics;
use rustc_hash::FxHashMap;
use std::hash::Hash;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

/// One kind of remembered result. Entries a build did not use are dropped after it, so the
/// memo holds one build's worth.
pub(crate) struct Table<K, V> {
    /// Each result, and whether this build used it.
    map: Mutex<FxHashMap<K, (V, bool)>>,
}

impl<K: Eq + Hash, V: Clone> Table<K, V> {
    fn new() -> Self {
        Table {
            map: Mutex::new(FxHashMap::default()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FxHashMap<K, (V, bool)>> {
        self.map.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The result for `key`, from this build or the last.
    pub(crate) fn get(&self, key: &K) -> Option<V> {
        let mut map = self.lock();
        let (value, used) = map.get_mut(key)?;
        *used = true;
        Some(value.clone())
    }

    pub(crate) fn put(&self, key: K, value: V) {
        self.lock().insert(key, (value, true));
    }

    /// Ends a build: what it used is kept for the next.
    fn rotate(&self) {
        self.lock().retain(|_, (_, used)| std::mem::take(used));
    }
}

/// A chapter's source: where it is and the hash of its text.
pub(crate) type SourceKey = (PathBuf, String);

/// What one chapter became, as the render stage made it.
#[derive(Debug)]
pub(crate) struct ChapterOutput {
    pub page: Arc<Vec<u8>>,
    /// The page's content hash (the service worker's version is made of them).
    pub page_hash: String,
    pub print: String,
    /// Its part of its part's print page.
    pub part_print: Option<String>,
    pub search: Arc<Vec<crate::build::search::Entry>>,
}

/// A page other than a chapter's (the start page, a part's page, the sitemap, the 404 page),
/// as rendered: its bytes and their hash.
#[derive(Debug)]
pub(crate) struct MadePage {
    pub bytes: Arc<Vec<u8>>,
    pub hash: String,
}

/// A parsed front matter with its warnings (or its errors).
pub(crate) type FrontResult =
    Result<(Option<crate::build::parse::Pending>, Diagnostics), Diagnostics>;

/// A parsed data file with its warnings (or its errors).
pub(crate) type DataResult = Result<(crate::model::data::DataFile, Diagnostics), Diagnostics>;

/// Everything remembered.
pub struct Memo {
    pub(crate) fronts: Table<SourceKey, FrontResult>,
    pub(crate) metadata: Table<SourceKey, Arc<crate::model::markdown::Rendered>>,
    /// (chapter number, text hash, hash of everything else a chapter page is made of).
    pub(crate) chapters: Table<(usize, String, String), Arc<ChapterOutput>>,
    /// The print pages' frames, by the hash of everything besides the chapters' texts.
    pub(crate) frames: Table<String, Arc<crate::build::print::Frames>>,
    /// The other pages: (path, hash of their own sources, hash of everything else).
    pub(crate) pages: Table<(String, String, String), Arc<MadePage>>,
    /// Each data file as parsed (before its Markdown, which depends on the chapters).
    pub(crate) data: Table<SourceKey, DataResult>,
    /// The theme's templates, parsed, by the hash of their files and the language.
    pub(crate) templates: Table<String, Arc<crate::build::templates::Templates>>,
    /// The hash each chapter file had when it was last read, and its absolute path.
    read: Mutex<FxHashMap<PathBuf, (String, PathBuf)>>,
    /// The files the last walk of the handbook's folders found.
    listing: Mutex<Option<Arc<Listing>>>,
    /// The files changed since the last build, as the watcher reported them; `None` when that
    /// is not known (the first build): then every file is read.
    changed: Mutex<Option<Vec<PathBuf>>>,
}

impl Memo {
    pub fn new() -> Memo {
        Memo {
            fronts: Table::new(),
            metadata: Table::new(),
            chapters: Table::new(),
            frames: Table::new(),
            pages: Table::new(),
            templates: Table::new(),
            data: Table::new(),
            read: Mutex::default(),
            listing: Mutex::default(),
            changed: Mutex::new(None),
        }
    }

    /// The files (or folders) that changed since the last build. Files not among them are
    /// taken as they were read last time, without reading them again.
    pub fn changed(&self, paths: &[PathBuf]) {
        let mut changed = self.changed.lock().unwrap_or_else(PoisonError::into_inner);
        let list = changed.get_or_insert_with(Vec::new);
        list.extend(paths.iter().map(|p| crate::fs::absolute(p)));
    }

    /// The hash `path` had when it was read last, if it did not change since.
    pub(crate) fn unchanged(&self, path: &Path) -> Option<String> {
        let changed = self.changed.lock().unwrap_or_else(PoisonError::into_inner);
        let changed = changed.as_ref()?;
        let read = self.read.lock().unwrap_or_else(PoisonError::into_inner);
        let (hash, absolute) = read.get(path)?;
        if changed.iter().any(|c| absolute.starts_with(c)) {
            return None;
        }
        Some(hash.clone())
    }

    /// `path` was read and its text hashes to `hash`.
    pub(crate) fn was_read(&self, path: &Path, hash: &str) {
        let absolute = crate::fs::absolute(path);
        let mut read = self.read.lock().unwrap_or_else(PoisonError::into_inner);
        read.insert(path.to_path_buf(), (hash.to_string(), absolute));
    }

    /// The last walk's files, unless what changed since can have changed them.
    pub(crate) fn listing(&self) -> Option<Arc<Listing>> {
        let changed = self.changed.lock().unwrap_or_else(PoisonError::into_inner);
        let changed = changed.as_ref()?;
        let listing = self.listing.lock().unwrap_or_else(PoisonError::into_inner);
        listing
            .as_ref()
            .filter(|l| l.still_holds(changed))
            .map(Arc::clone)
    }

    /// A walk found these files.
    pub(crate) fn walked(&self, listing: Arc<Listing>) {
        *self.listing.lock().unwrap_or_else(PoisonError::into_inner) = Some(listing);
    }

    /// Ends a build: results it did not use are forgotten, and changes are taken in.
    pub fn rotate(&self) {
        self.fronts.rotate();
        self.metadata.rotate();
        self.chapters.rotate();
        self.frames.rotate();
        self.pages.rotate();
        self.templates.rotate();
        self.data.rotate();
        let mut changed = self.changed.lock().unwrap_or_else(PoisonError::into_inner);
        *changed = Some(Vec::new());
    }
}

impl Default for Memo {
    fn default() -> Self {
        Memo::new()
    }
}
