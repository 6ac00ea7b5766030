//! The word index: every folded word of the entries, with where it stands in each entry — the
//! first field that holds it (title, context, text) and its place among that field's words.
//! That is what the page needs to score a query exactly as it scores the full text.

use super::address::address;
use super::entries::Entry;
use super::fold::{fold, words};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Fields, in the order the page ranks them.
pub(crate) const FIELDS: usize = 3;

/// Places are counted up to this; a field with more distinct words ranks the rest alike (a
/// section of 16,000 different words is a book, not a section).
const MAX_PLACE: u32 = (1 << 14) - 1;

/// One word in one entry: the first field that holds it and its place there (the number of
/// distinct words before its first occurrence in that field). Six bytes: a big handbook holds
/// millions of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C, packed(2))]
pub(crate) struct Posting {
    pub entry: u32,
    /// The field in the top two bits, the place below.
    packed: u16,
}

impl Posting {
    fn new(entry: u32, field: usize, place: usize) -> Posting {
        let place = u32::try_from(place).unwrap_or(MAX_PLACE).min(MAX_PLACE);
        let field = u32::try_from(field).unwrap_or(2).min(2);
        Posting {
            entry,
            packed: u16::try_from((field << 14) | place).unwrap_or(u16::MAX),
        }
    }
    pub(crate) fn field(self) -> usize {
        usize::from(self.packed >> 14)
    }
    /// Field first, then place: the lower, the earlier the word stands.
    pub(crate) fn key(self) -> u32 {
        let place = u32::from(self.packed) & MAX_PLACE;
        ((self.field() as u32) << 24) | place
    }
}

/// The words of a run of entries, numbered from 0, and the entries that end with a web address.
#[derive(Debug, Default)]
pub(crate) struct Words {
    pub(crate) words: HashMap<Box<str>, Vec<Posting>>,
    /// Entries whose text ends with a web address: (entry, address, context).
    pub(crate) addresses: Vec<(u32, String, String)>,
    pub(crate) entries: u32,
}

impl Words {
    /// Adds an entry (numbered after those added before).
    pub(crate) fn add(&mut self, e: &Entry) {
        let entry = self.entries;
        self.entries += 1;
        let fields = [e.title(), e.context(), e.text()].map(fold);
        // Words of earlier fields (a word counts in the first field that holds it), and of this.
        let mut seen: HashSet<&str> = HashSet::default();
        let mut here: HashSet<&str> = HashSet::default();
        for (field, folded) in fields.iter().enumerate() {
            for word in words(folded) {
                if !here.insert(word) || seen.contains(word) {
                    continue;
                }
                let posting = Posting::new(entry, field, here.len() - 1);
                match self.words.get_mut(word) {
                    Some(list) => list.push(posting),
                    None => {
                        self.words.insert(word.into(), vec![posting]);
                    }
                }
            }
            seen.extend(here.drain());
        }
        if let Some(a) = address(e.text()) {
            self.addresses.push((entry, a, e.context().to_string()));
        }
    }

    /// The words of runs of entries that follow each other, as one: each word's postings in a
    /// list of exactly their length, and each run's lists freed as they are copied (a big
    /// handbook's index never sits in memory twice).
    pub(crate) fn merged(runs: Vec<Words>) -> Words {
        let mut lengths: HashMap<&str, usize> = HashMap::default();
        for run in &runs {
            for (word, postings) in &run.words {
                *lengths.entry(word).or_default() += postings.len();
            }
        }
        let lengths: HashMap<Box<str>, usize> = lengths
            .into_iter()
            .map(|(word, n)| (Box::from(word), n))
            .collect();
        let mut all = Words::default();
        all.words.reserve(lengths.len());
        for run in runs {
            let offset = all.entries;
            for (word, postings) in run.words {
                let list = all.words.entry(word).or_insert_with_key(|word| {
                    Vec::with_capacity(lengths.get(word).copied().unwrap_or_default())
                });
                list.extend(postings.into_iter().map(|p| Posting {
                    entry: p.entry + offset,
                    ..p
                }));
            }
            all.addresses.extend(
                run.addresses
                    .into_iter()
                    .map(|(e, a, c)| (e + offset, a, c)),
            );
            all.entries += run.entries;
        }
        all
    }

    /// The words in a stable order, each with its postings (in entry order).
    pub(crate) fn sorted(self) -> Vec<(Box<str>, Vec<Posting>)> {
        let mut all: Vec<_> = self.words.into_iter().collect();
        all.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        all
    }
}
