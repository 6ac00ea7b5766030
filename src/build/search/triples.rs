//! Words of three or more letters: every index word is listed in the bucket of each of its
//! letter triples, so the bucket of any triple of a query word holds every index word that
//! contains the query word — parts of compounds too. The page fetches the smallest.

use super::words::{FIELDS, Posting};
use serde::Serialize;

/// About this many postings (word × entry, counted once per triple) go into one bucket; small
/// handbooks get at least [`MIN_BUCKETS`] buckets of [`SMALL_BUCKET_POSTINGS`].
const BUCKET_POSTINGS: usize = 4096;
const SMALL_BUCKET_POSTINGS: usize = 512;
const MIN_BUCKETS: usize = 64;

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
    let count = total
        .div_ceil(SMALL_BUCKET_POSTINGS)
        .min(MIN_BUCKETS)
        .max(total.div_ceil(BUCKET_POSTINGS))
        .max(1);
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

/// A bucket file: `{"v": index version, "t": [[word, title entries, context entries, text
/// entries], ...], "r": whether a ranks file exists}`; entries are gaps from the one before. The
/// ranks file beside it (`N.r.json`: `{"v": version, "r": [[title ranks, context ranks, text
/// ranks], ...]}`, the words in the same order) gives each posting's place among this bucket's
/// words in that field of that entry: the page fetches it only when the words matching a query
/// word start with it in some and not in others, so that which stands first matters.
#[derive(Serialize)]
struct Bucket<'a> {
    v: &'a str,
    t: Vec<WordGaps<'a>>,
    r: bool,
}

/// A word and the gap-coded entries that hold it in their title, context and text.
#[derive(Serialize)]
struct WordGaps<'a>(&'a str, Vec<u32>, Vec<u32>, Vec<u32>);

#[derive(Serialize)]
struct Ranks<'a> {
    v: &'a str,
    r: Vec<[Vec<u32>; FIELDS]>,
}

/// The bucket file of the words `members`, and its ranks file unless every rank is 0.
pub(crate) fn bucket(
    words: &[(Box<str>, Vec<Posting>)],
    members: &[u32],
    version: &str,
) -> (Vec<u8>, Option<Vec<u8>>) {
    let mut t = Vec::with_capacity(members.len());
    let mut r = Vec::with_capacity(members.len());
    for (&i, ranks) in members.iter().zip(ranks(words, members)) {
        let (word, postings) = &words[i as usize];
        let (gaps, ranks) = lists(postings, &ranks);
        let [a, b, c] = gaps;
        t.push(WordGaps(word, a, b, c));
        r.push(ranks);
    }
    let ranked = r.iter().any(|lists| lists.iter().any(|l| !l.is_empty()));
    let ranks = ranked.then(|| serde_json::to_vec(&Ranks { v: version, r }).unwrap_or_default());
    let bucket = serde_json::to_vec(&Bucket {
        v: version,
        t,
        r: ranked,
    });
    (bucket.unwrap_or_default(), ranks)
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

/// Gap-coded entries and their ranks, per field (ranks left out where all are 0).
fn lists(postings: &[Posting], ranks: &[u32]) -> ([Vec<u32>; FIELDS], [Vec<u32>; FIELDS]) {
    let mut gaps: [Vec<u32>; FIELDS] = Default::default();
    let mut out: [Vec<u32>; FIELDS] = Default::default();
    let mut last = [None::<u32>; FIELDS];
    for (p, &rank) in postings.iter().zip(ranks) {
        let f = p.field().min(FIELDS - 1);
        let gap = match last[f] {
            Some(prev) => p.entry - prev,
            None => p.entry + 1,
        };
        last[f] = Some(p.entry);
        gaps[f].push(gap);
        out[f].push(rank);
    }
    for list in &mut out {
        if list.iter().all(|&r| r == 0) {
            list.clear();
        }
    }
    (gaps, out)
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
