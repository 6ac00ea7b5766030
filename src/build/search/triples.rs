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
///
/// Both are written word by word: a bucket of a big handbook's common words holds millions of
/// postings, and no second copy of them is made.
pub(crate) fn bucket(
    words: &[(Box<str>, Vec<Posting>)],
    members: &[u32],
    version: &str,
) -> (Vec<u8>, Option<Vec<u8>>) {
    let ranks = ranks(words, members);
    let ranked = ranks.iter().any(|&r| r != 0);
    let mut bucket = Json::object_with_version(version, "t");
    let mut rank_file = Json::object_with_version(version, "r");
    let mut from = 0;
    let mut fields = Fields::default();
    for (n, &i) in members.iter().enumerate() {
        let (word, postings) = &words[i as usize];
        let to = from + postings.len();
        fields.fill(postings, &ranks[from..to]);
        from = to;
        bucket.item(n);
        bucket.push(b"[");
        bucket.value(&**word);
        for gaps in &fields.gaps {
            bucket.push(b",");
            bucket.value(gaps);
        }
        bucket.push(b"]");
        if ranked {
            rank_file.item(n);
            rank_file.value(&fields.ranks);
        }
    }
    bucket.push(if ranked {
        b"],\"r\":true}"
    } else {
        b"],\"r\":false}"
    });
    rank_file.push(b"]}");
    (bucket.0, ranked.then_some(rank_file.0))
}

/// JSON written piece by piece, as serde_json writes it compactly.
struct Json(Vec<u8>);

impl Json {
    /// `{"v":"VERSION","KEY":[` — what both files start with.
    fn object_with_version(version: &str, key: &str) -> Json {
        let mut json = Json(b"{\"v\":".to_vec());
        json.value(version);
        json.push(format!(",\"{key}\":[").as_bytes());
        json
    }

    fn push(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }

    /// Before the `n`th item of a list: a comma unless it is the first.
    fn item(&mut self, n: usize) {
        if n > 0 {
            self.push(b",");
        }
    }

    fn value<T: Serialize + ?Sized>(&mut self, value: &T) {
        // Writing into a Vec cannot fail, nor can strings and numbers be refused.
        let _ = serde_json::to_writer(&mut self.0, value);
    }
}

/// One word's gap-coded entries and their ranks, per field (ranks left out where all are 0);
/// reused from word to word.
#[derive(Default)]
struct Fields {
    gaps: [Vec<u32>; FIELDS],
    ranks: [Vec<u32>; FIELDS],
}

impl Fields {
    fn fill(&mut self, postings: &[Posting], ranks: &[u32]) {
        for list in self.gaps.iter_mut().chain(&mut self.ranks) {
            list.clear();
        }
        let mut last = [None::<u32>; FIELDS];
        for (p, &rank) in postings.iter().zip(ranks) {
            let f = p.field().min(FIELDS - 1);
            let gap = match last[f] {
                Some(prev) => p.entry - prev,
                None => p.entry + 1,
            };
            last[f] = Some(p.entry);
            self.gaps[f].push(gap);
            self.ranks[f].push(rank);
        }
        for list in &mut self.ranks {
            if list.iter().all(|&r| r == 0) {
                list.clear();
            }
        }
    }
}

/// For each posting of the member words (in order, word after word), its rank among the
/// members' words that stand in the same field of the same entry.
fn ranks(words: &[(Box<str>, Vec<Posting>)], members: &[u32]) -> Vec<u32> {
    // (entry, field and place, posting): sorted, the postings of one entry and field follow
    // each other, by place.
    let total = members.iter().map(|&i| words[i as usize].1.len()).sum();
    let mut all: Vec<(u32, u32, u32)> = Vec::with_capacity(total);
    for &i in members {
        for p in &words[i as usize].1 {
            let n = u32::try_from(all.len()).unwrap_or(u32::MAX);
            all.push((p.entry, p.key(), n));
        }
    }
    let mut ranks = vec![0; all.len()];
    all.sort_unstable();
    let mut first = 0;
    for n in 0..all.len() {
        let (entry, key, at) = all[n];
        let (e0, key0, _) = all[first];
        if entry != e0 || key >> 24 != key0 >> 24 {
            first = n;
        }
        ranks[at as usize] = (n - first) as u32;
    }
    ranks
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
