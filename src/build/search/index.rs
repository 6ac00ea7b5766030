//! The search files put together: the chunks of entries (the chapters' written by the runs that
//! render them, the data lists' here), then the buckets and the manifest from all their words.

use super::entries::Entry;
use super::short::{self, Group, Scratch};
use super::triples;
use super::words::{Posting, Words};
use crate::build::sink::Sink;
use crate::diagnostic::Diagnostic;
use crate::hash::{Hasher, hash};
use crate::model::site::Site;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use std::collections::BTreeMap;

/// The manifest's path; the page finds it in `data-search-index` and the rest beside it.
pub const MANIFEST: &str = "search/index.json";

/// Data entries go into chunks of at most this many (chapters have one chunk each).
const DATA_CHUNK: usize = 32;

fn chunk_path(k: usize) -> String {
    format!("search/c/{k}.json")
}

/// A chunk file: the entries as `[[title, context, url, text], ...]`.
fn chunk_file(entries: &[Entry]) -> Vec<u8> {
    serde_json::to_vec(entries).unwrap_or_else(|_| b"[]".to_vec())
}

/// What the search files took: each file with its hash and size (the service worker precaches
/// them) and the bytes of all.
#[derive(Debug, Default)]
pub struct Written {
    pub files: Vec<(String, String, usize)>,
    pub bytes: usize,
}

impl Written {
    fn put(&mut self, sink: &dyn Sink, path: String, bytes: &[u8]) -> Result<(), Diagnostic> {
        sink.file(&path, bytes)?;
        self.bytes += bytes.len();
        self.files.push((path, hash(bytes), bytes.len()));
        Ok(())
    }
}

/// The data lists' entries, in chunks; they come first in the index.
#[derive(Debug, Clone)]
pub struct DataChunks(Vec<Vec<Entry>>);

impl DataChunks {
    pub fn new(site: &Site, embedded_at: &HashMap<String, String>) -> DataChunks {
        let mut chunks = Vec::new();
        for list in super::data_docs(site, embedded_at) {
            let mut list = list.into_iter().peekable();
            while list.peek().is_some() {
                chunks.push(list.by_ref().take(DATA_CHUNK).collect());
            }
        }
        DataChunks(chunks)
    }

    /// How many chunks they take: the chapters' chunks are numbered after them.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The search part of a run of chapters: their words, and the size and hash of each chunk.
#[derive(Debug, Default)]
pub struct Collector {
    words: Words,
    counts: Vec<u32>,
    written: Written,
}

impl Collector {
    /// Adds entries (a chapter's, or a group of data items) as chunk `k` and writes that chunk.
    pub fn chunk(
        &mut self,
        sink: &dyn Sink,
        k: usize,
        entries: &[Entry],
    ) -> Result<(), Diagnostic> {
        for e in entries {
            self.words.add(e);
        }
        self.counts
            .push(u32::try_from(entries.len()).unwrap_or(u32::MAX));
        self.written.put(sink, chunk_path(k), &chunk_file(entries))
    }
}

/// Writes the data chunks, the buckets and the manifest, given the runs of chapters in order.
pub fn write(
    sink: &dyn Sink,
    data: DataChunks,
    runs: Vec<Collector>,
) -> Result<Written, Diagnostic> {
    let mut all = Collector::default();
    for (k, entries) in data.0.iter().enumerate() {
        all.chunk(sink, k, entries)?;
    }
    let mut written = std::mem::take(&mut all.written);
    let mut version = Hasher::default();
    for (_, h, _) in &written.files {
        version.update(h.as_bytes());
    }
    let mut words = vec![std::mem::take(&mut all.words)];
    for run in runs {
        for (_, h, _) in &run.written.files {
            version.update(h.as_bytes());
        }
        written.bytes += run.written.bytes;
        written.files.extend(run.written.files);
        words.push(run.words);
        all.counts.extend(run.counts);
    }
    let version = version.finish();
    let mut words = Words::merged(words);
    let entries = words.entries;
    let shared = shared_addresses(std::mem::take(&mut words.addresses));
    let words = words.sorted();
    let sizes = buckets(sink, &words, &version, &mut written)?;
    let short_sizes = short_files(sink, &words, entries, &version, &mut written)?;
    let manifest = Manifest {
        v: &version,
        n: entries,
        c: &all.counts,
        g: sizes.into_iter().map(triples::size_class).collect(),
        s: short_sizes.into_iter().map(triples::size_class).collect(),
        d: shared,
    };
    let bytes = serde_json::to_vec(&manifest).unwrap_or_default();
    written.put(sink, MANIFEST.to_string(), &bytes)?;
    Ok(written)
}

/// The manifest (`search/index.json`).
#[derive(Serialize)]
struct Manifest<'a> {
    /// The index version: every bucket carries it, so the page notices a newer build.
    v: &'a str,
    /// How many entries there are.
    n: u32,
    /// How many entries each chunk holds, in order.
    c: &'a [u32],
    /// The size class of each letter-triple bucket, one base-36 digit each; `0`: empty, no
    /// file written.
    g: String,
    /// The same for the files of one- and two-letter groups.
    s: String,
    /// Entries of different lists that share a web address: `[[entry, context], ...]` each.
    d: Vec<Vec<(u32, String)>>,
}

/// The letter-triple buckets and their ranks, written on all cores; returns the buckets' sizes.
fn buckets(
    sink: &dyn Sink,
    words: &[(Box<str>, Vec<Posting>)],
    version: &str,
    written: &mut Written,
) -> Result<Vec<usize>, Diagnostic> {
    let members: Vec<(usize, Vec<u32>)> = triples::members(words).into_iter().enumerate().collect();
    let gaps = triples::gaps(words);
    let results = crate::parallel::map(members, &|(b, members)| {
        let mut w = Written::default();
        if members.is_empty() {
            // No word has a triple of this bucket: the manifest says so, no file is needed.
            return Ok((0, w));
        }
        let (bucket, ranks) = triples::bucket(words, &gaps, &members, version);
        w.put(sink, format!("search/g/{b}.json"), &bucket)?;
        if let Some(ranks) = ranks {
            w.put(sink, format!("search/g/{b}.r.json"), &ranks)?;
        }
        Ok::<_, Diagnostic>((bucket.len(), w))
    });
    let mut sizes = Vec::with_capacity(results.len());
    for result in results {
        let (size, w) = result?;
        sizes.push(size);
        written.bytes += w.bytes;
        written.files.extend(w.files);
    }
    Ok(sizes)
}

/// The files of one- and two-letter groups, written on all cores (none for a file without
/// groups); returns their sizes.
fn short_files(
    sink: &dyn Sink,
    words: &[(Box<str>, Vec<Posting>)],
    entries: u32,
    version: &str,
    written: &mut Written,
) -> Result<Vec<usize>, Diagnostic> {
    let files: Vec<(usize, Vec<Group>)> = short::files(words, short::groups(words))
        .into_iter()
        .enumerate()
        .collect();
    let count = files.len();
    // One group of files per thread, so each thread reuses one scratch.
    let per_thread = count.div_ceil(crate::parallel::threads()).max(1);
    let mut groups: Vec<Vec<(usize, Vec<Group>)>> = Vec::new();
    let mut rest = files.into_iter().peekable();
    while rest.peek().is_some() {
        groups.push(rest.by_ref().take(per_thread).collect());
    }
    let results = crate::parallel::map(groups, &|group| {
        let mut scratch = Scratch::new(entries);
        let mut w = Written::default();
        let mut sizes = Vec::with_capacity(group.len());
        for (k, file) in group {
            if file.is_empty() {
                sizes.push(0);
                continue;
            }
            let bytes = short::file(words, &file, version, &mut scratch);
            w.put(sink, format!("search/s/{k}.json"), &bytes)?;
            sizes.push(bytes.len());
        }
        Ok::<_, Diagnostic>((sizes, w))
    });
    let mut sizes = Vec::with_capacity(count);
    for result in results {
        let (group_sizes, w) = result?;
        sizes.extend(group_sizes);
        written.bytes += w.bytes;
        written.files.extend(w.files);
    }
    Ok(sizes)
}

/// Entries whose web address another list shares: the page shows such an organisation once.
/// Addresses that only one list holds need no note (its entries are all shown).
fn shared_addresses(addresses: Vec<(u32, String, String)>) -> Vec<Vec<(u32, String)>> {
    let mut by_address: BTreeMap<String, Vec<(u32, String)>> = BTreeMap::new();
    for (entry, address, context) in addresses {
        by_address
            .entry(address)
            .or_default()
            .push((entry, context));
    }
    let mut shared: Vec<Vec<(u32, String)>> = by_address
        .into_values()
        .filter(|group| group.iter().any(|(_, c)| *c != group[0].1))
        .collect();
    shared.sort_unstable();
    shared
}

/// The search files' inputs, kept to write them later (the preview writes them when a reader
/// first searches after a save): the data chunks and each chapter's entries, in order.
#[derive(Debug)]
pub struct Deferred {
    data: DataChunks,
    chapters: Vec<std::sync::Arc<Vec<Entry>>>,
}

impl Deferred {
    pub fn new(data: DataChunks, chapters: Vec<std::sync::Arc<Vec<Entry>>>) -> Deferred {
        Deferred { data, chapters }
    }

    /// Writes the search files as a build writes them.
    pub fn write(&self, sink: &dyn Sink) -> Result<Written, Diagnostic> {
        let first_chunk = self.data.len();
        let mut run = Collector::default();
        for (i, entries) in self.chapters.iter().enumerate() {
            run.chunk(sink, first_chunk + i, entries)?;
        }
        write(sink, self.data.clone(), vec![run])
    }
}
