//! Query words of one or two letters: too many index words contain them to list those, so the
//! build answers them itself — for each such letter group, the entries that contain it, sorted
//! by how the page scores them (in the title, at a word start or not; in the context; in the
//! text). A few hundred groups share a handful of files.

use super::triples::gram_hash;
use super::words::{FIELDS, Posting};
use serde::Serialize;
use std::collections::BTreeMap;

/// A letter group and the words (indices) that contain it.
pub(crate) type Group = (String, Vec<u32>);

/// About this many entries (summed over the groups) go into one file; small handbooks get at
/// least [`MIN_FILES`] files of [`SMALL_FILE_ENTRIES`].
const FILE_ENTRIES: usize = 32768;
const SMALL_FILE_ENTRIES: usize = 4096;
const MIN_FILES: usize = 16;

/// The letter groups of one or two UTF-16 units the words contain, each with the words
/// (indices) that contain it.
pub(crate) fn groups(words: &[(Box<str>, Vec<Posting>)]) -> BTreeMap<String, Vec<u32>> {
    let mut groups: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (i, (word, _)) in words.iter().enumerate() {
        let units: Vec<u16> = word.encode_utf16().collect();
        let mut mine: Vec<String> = units
            .windows(1)
            .chain(units.windows(2))
            .filter_map(|g| String::from_utf16(g).ok())
            .collect();
        mine.sort_unstable();
        mine.dedup();
        for g in mine {
            groups
                .entry(g)
                .or_default()
                .push(u32::try_from(i).unwrap_or(u32::MAX));
        }
    }
    groups
}

/// How many files the groups go into, and which group goes where.
pub(crate) fn files(
    words: &[(Box<str>, Vec<Posting>)],
    groups: BTreeMap<String, Vec<u32>>,
) -> Vec<Vec<Group>> {
    let total: usize = groups
        .values()
        .map(|m| m.iter().map(|&i| words[i as usize].1.len()).sum::<usize>())
        .sum();
    let count = total
        .div_ceil(SMALL_FILE_ENTRIES)
        .min(MIN_FILES)
        .max(total.div_ceil(FILE_ENTRIES))
        .max(1);
    let mut files = vec![Vec::new(); count];
    for (g, members) in groups {
        let units: Vec<u16> = g.encode_utf16().collect();
        files[gram_hash(&units) as usize % count].push((g, members));
    }
    files
}

/// A file of letter groups: `{"v": index version, "g": {group: [entries with it in the title
/// at a word start, in the title, in the context at a word start, in the context, in the text
/// at a word start, in the text]}}`, each list gap-coded, empty lists at the end left out.
#[derive(Serialize)]
struct File<'a> {
    v: &'a str,
    g: BTreeMap<&'a str, Vec<Vec<u32>>>,
}

/// Where the best posting of a group stands in an entry, for each entry (scratch, reused).
pub(crate) struct Scratch {
    best: Vec<u32>,
    starts: Vec<bool>,
    touched: Vec<u32>,
}

impl Scratch {
    pub(crate) fn new(entries: u32) -> Scratch {
        Scratch {
            best: vec![u32::MAX; entries as usize],
            starts: vec![false; entries as usize],
            touched: Vec::new(),
        }
    }
}

/// One file of groups.
pub(crate) fn file(
    words: &[(Box<str>, Vec<Posting>)],
    groups: &[Group],
    version: &str,
    scratch: &mut Scratch,
) -> Vec<u8> {
    let g = groups
        .iter()
        .map(|(g, members)| (g.as_str(), classes(words, g, members, scratch)))
        .collect();
    serde_json::to_vec(&File { v: version, g }).unwrap_or_default()
}

/// The entries holding `group`, by class: the first field whose words contain it, and whether
/// the first of them there starts with it.
fn classes(
    words: &[(Box<str>, Vec<Posting>)],
    group: &str,
    members: &[u32],
    s: &mut Scratch,
) -> Vec<Vec<u32>> {
    for &i in members {
        let (word, postings) = &words[i as usize];
        let starts = word.starts_with(group);
        for p in postings {
            let e = p.entry as usize;
            if s.best[e] == u32::MAX {
                s.touched.push(p.entry);
            }
            if p.key() < s.best[e] {
                s.best[e] = p.key();
                s.starts[e] = starts;
            }
        }
    }
    // In entry order: sorted when few entries hold the group, read off in order when many do.
    if s.touched.len() * 16 < s.best.len() {
        s.touched.sort_unstable();
    } else {
        s.touched.clear();
        s.touched.extend(
            (0..s.best.len())
                .filter(|&e| s.best[e] != u32::MAX)
                .filter_map(|e| u32::try_from(e).ok()),
        );
    }
    let mut lists: Vec<Vec<u32>> = vec![Vec::new(); 2 * FIELDS];
    let mut last: Vec<Option<u32>> = vec![None; 2 * FIELDS];
    for &entry in &s.touched {
        let e = entry as usize;
        let field = ((s.best[e] >> 24) as usize).min(FIELDS - 1);
        let class = 2 * field + usize::from(!s.starts[e]);
        lists[class].push(last[class].map_or(entry + 1, |prev| entry - prev));
        last[class] = Some(entry);
        s.best[e] = u32::MAX;
    }
    s.touched.clear();
    while lists.last().is_some_and(Vec::is_empty) {
        lists.pop();
    }
    lists
}
