//! Words of three or more letters: every index word is listed in the bucket of each of its
//! letter triples, so the bucket of any triple of a query word holds every index word that
//! contains the query word — parts of compounds too. The page fetches the smallest.

use super::words::{FIELDS, Posting};
use serde::Serialize;

/// About this many postings (word × entry, counted once per triple) go into one bucket.
const BUCKET_POSTINGS: usize = 4096;

/// FNV-1a over UTF-16 units, as the page computes it (`gramHash` in handbook.js).
pub(crate) fn gram_hash(units: &[u16]) -> u32 {
    units.iter().fold(0x811c_9dc5_u32, |h, &u| {
        (h ^ u32::from(u)).wrapping_mul(0x0100_0193)
    })
}

/// The words in each bucket (indices into `words`), and how many buckets there are.
pub(crate) fn members(words: &[(Box<str>, Vec<Posting>)]) -> Vec<Vec<u32>> {
    let triples: Vec<Vec<u32>> = words.iter().map(|(w, _)| triple_hashes(w)).collect();
    let total: usize = words
        .iter()
        .zip(&triples)
        .map(|((_, p), t)| p.len() * t.len())
        .sum();
    let count = total.div_ceil(BUCKET_POSTINGS).max(1);
    let mut members = vec![Vec::new(); count];
    for (i, hashes) in triples.iter().enumerate() {
        let mut buckets: Vec<usize> = hashes.iter().map(|&h| h as usize % count).collect();
        buckets.sort_unstable();
        buckets.dedup();
        for b in buckets {
            members[b].push(u32::try_from(i).unwrap_or(u32::MAX));
        }
    }
    members
}

fn triple_hashes(word: &str) -> Vec<u32> {
    let units: Vec<u16> = word.encode_utf16().collect();
    units.windows(3).map(gram_hash).collect()
}

/// A bucket file: `{"v": index version, "t": [[word, title entries, their ranks, context
/// entries, ranks, text entries, ranks], ...]}`. Entries are gaps from the one before; a rank
/// is the word's place among this bucket's words in that field of that entry (so the page
/// knows which of several matching words comes first), left out when all are 0.
#[derive(Serialize)]
struct Bucket<'a> {
    v: &'a str,
    t: Vec<WordLists<'a>>,
}

#[derive(Serialize)]
struct WordLists<'a>(
    &'a str,
    Vec<u32>,
    Vec<u32>,
    Vec<u32>,
    Vec<u32>,
    Vec<u32>,
    Vec<u32>,
);

/// The bucket file of the words `members`.
pub(crate) fn bucket(
    words: &[(Box<str>, Vec<Posting>)],
    members: &[u32],
    version: &str,
) -> Vec<u8> {
    let ranks = ranks(words, members);
    let t = members
        .iter()
        .zip(ranks)
        .map(|(&i, ranks)| {
            let (word, postings) = &words[i as usize];
            let [a, b, c, d, e, f] = lists(postings, &ranks);
            WordLists(word, a, b, c, d, e, f)
        })
        .collect();
    serde_json::to_vec(&Bucket { v: version, t }).unwrap_or_default()
}

/// For each member word, the rank of each of its postings among the members' words that stand
/// in the same field of the same entry.
fn ranks(words: &[(Box<str>, Vec<Posting>)], members: &[u32]) -> Vec<Vec<u32>> {
    let mut all: Vec<(u32, u32, u32, u32)> = Vec::new();
    let mut ranks: Vec<Vec<u32>> = Vec::with_capacity(members.len());
    for (k, &i) in members.iter().enumerate() {
        let postings = &words[i as usize].1;
        ranks.push(vec![0; postings.len()]);
        for (j, p) in postings.iter().enumerate() {
            all.push((p.entry, p.key(), k as u32, j as u32));
        }
    }
    all.sort_unstable();
    let mut first = 0;
    for n in 0..all.len() {
        let (entry, key, k, j) = all[n];
        let (e0, key0, _, _) = all[first];
        if entry != e0 || key >> 24 != key0 >> 24 {
            first = n;
        }
        ranks[k as usize][j as usize] = (n - first) as u32;
    }
    ranks
}

/// Gap-coded entries and their ranks, per field.
fn lists(postings: &[Posting], ranks: &[u32]) -> [Vec<u32>; 2 * FIELDS] {
    let mut out: [Vec<u32>; 2 * FIELDS] = Default::default();
    let mut last = [None::<u32>; FIELDS];
    for (p, &rank) in postings.iter().zip(ranks) {
        let f = p.field().min(FIELDS - 1);
        let gap = match last[f] {
            Some(prev) => p.entry - prev,
            None => p.entry + 1,
        };
        last[f] = Some(p.entry);
        out[2 * f].push(gap);
        out[2 * f + 1].push(rank);
    }
    for f in 0..FIELDS {
        if out[2 * f + 1].iter().all(|&r| r == 0) {
            out[2 * f + 1].clear();
        }
    }
    out
}

/// The size class of a file for the manifest: one base-36 digit, the bit length of its size.
pub(crate) fn size_class(bytes: usize) -> char {
    let bits = usize::BITS - bytes.leading_zeros();
    char::from_digit(bits.min(35), 36).unwrap_or('z')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_matches_known_values() {
        // FNV-1a of "a" and "abc" (as bytes, which equal their UTF-16 units here).
        assert_eq!(gram_hash(&[u16::from(b'a')]), 0xe40c_292c);
        assert_eq!(
            gram_hash(&"abc".encode_utf16().collect::<Vec<_>>()),
            0x1a47_e90b
        );
    }

    #[test]
    fn size_classes() {
        assert_eq!(size_class(0), '0');
        assert_eq!(size_class(1), '1');
        assert_eq!(size_class(1024), 'b');
    }
}
