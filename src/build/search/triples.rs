//! Words of three or more letters: every index word is listed in the bucket of each of its
//! letter triples, so the bucket of any triple of a query word holds every index word that
//! contains the query word — parts of compounds too. The page fetches the smallest.

use super::words::{FIELDS, Posting};
use serde::Serialize;

/// About this many postings (word × entry, counted once per triple) go into one bucket; small
/// handbooks get at least [`MIN_BUCKETS`] buckets of [`SMALL_BUCKET_POSTINGS`].
const BUCKET_POSTINGS: usize = 8192;
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

/// Each word's entries, per field, gap-coded, as the JSON that follows the word in a bucket
/// (`,[title],[context],[text]`): the same in each of the word's buckets, so made once.
pub(crate) fn gaps(words: &[(Box<str>, Vec<Posting>)]) -> Vec<Vec<u8>> {
    let indices: Vec<usize> = (0..words.len()).collect();
    crate::parallel::map(indices, &|i| {
        let mut fields: [Vec<u32>; FIELDS] = Default::default();
        let mut last = [None::<u32>; FIELDS];
        for p in &words[i].1 {
            let f = p.field().min(FIELDS - 1);
            let gap = last[f].map_or(p.entry + 1, |prev| p.entry - prev);
            last[f] = Some(p.entry);
            fields[f].push(gap);
        }
        let mut json = Json(Vec::new());
        for list in &fields {
            json.push(b",");
            json.value(list);
        }
        json.0
    })
}

/// A bucket file: `{"v": index version, "t": [[word, title entries, context entries, text
/// entries], ...], "r": whether a ranks file exists}`; entries are gaps from the one before
/// (`gaps`: each word's, made by [`gaps`]). The ranks file beside it (`N.r.json`: `{"v":
/// version, "r": [[title ranks, context ranks, text ranks], ...]}`, the words in the same order)
/// gives each posting's place among this bucket's words in that field of that entry: the page
/// fetches it only when the words matching a query word start with it in some and not in
/// others, so that which stands first matters.
///
/// Both are written word by word: a bucket of a big handbook's common words holds millions of
/// postings, and no second copy of them is made.
pub(crate) fn bucket(
    words: &[(Box<str>, Vec<Posting>)],
    gaps: &[Vec<u8>],
    members: &[u32],
    version: &str,
) -> (Vec<u8>, Option<Vec<u8>>) {
    let ranks = ranks(words, members);
    let ranked = ranks.iter().any(|&r| r != 0);
    let mut bucket = Json::object_with_version(version, "t");
    let mut rank_file = Json::object_with_version(version, "r");
    let mut from = 0;
    let mut fields: [Vec<u32>; FIELDS] = Default::default();
    for (n, &i) in members.iter().enumerate() {
        let (word, postings) = &words[i as usize];
        let to = from + postings.len();
        bucket.item(n);
        bucket.push(b"[");
        bucket.value(&**word);
        bucket.push(&gaps[i as usize]);
        bucket.push(b"]");
        if ranked {
            by_field(postings, &ranks[from..to], &mut fields);
            rank_file.item(n);
            rank_file.value(&fields);
        }
        from = to;
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

/// One word's ranks in this bucket, per field (left out where all are 0); `fields` is reused
/// from word to word.
fn by_field(postings: &[Posting], ranks: &[u32], fields: &mut [Vec<u32>; FIELDS]) {
    for list in fields.iter_mut() {
        list.clear();
    }
    for (p, &rank) in postings.iter().zip(ranks) {
        fields[p.field().min(FIELDS - 1)].push(rank);
    }
    for list in fields.iter_mut() {
        if list.iter().all(|&r| r == 0) {
            list.clear();
        }
    }
}

/// For each posting of the member words (in order, word after word), its rank among the
/// members' words that stand in the same field of the same entry.
fn ranks(words: &[(Box<str>, Vec<Posting>)], members: &[u32]) -> Vec<u32> {
    let total = members.iter().map(|&i| words[i as usize].1.len()).sum();
    let mut postings: Vec<(u32, u32)> = Vec::with_capacity(total);
    for &i in members {
        postings.extend(words[i as usize].1.iter().map(|p| (p.entry, p.key())));
    }
    // In this order, the postings of one entry and field follow each other, by place.
    let order = in_entry_order(&postings);
    let mut ranks = vec![0; total];
    let mut first = 0;
    for (k, &n) in order.iter().enumerate() {
        let (entry, key) = postings[n as usize];
        let (entry0, key0) = postings[order[first] as usize];
        if entry != entry0 || key >> 24 != key0 >> 24 {
            first = k;
        }
        ranks[n as usize] = u32::try_from(k - first).unwrap_or(u32::MAX);
    }
    ranks
}

/// The indices of `postings` (entry, key) sorted by entry, key and index. Where the entries
/// are dense (a bucket of common words), they are counted into their entries and only each
/// entry's few are sorted.
fn in_entry_order(postings: &[(u32, u32)]) -> Vec<u32> {
    let index = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let (Some(low), Some(high)) = (
        postings.iter().map(|p| p.0).min(),
        postings.iter().map(|p| p.0).max(),
    ) else {
        return Vec::new();
    };
    let span = (high - low) as usize + 1;
    if span > 2 * postings.len() {
        let mut order: Vec<u32> = (0..postings.len()).map(index).collect();
        order.sort_unstable_by_key(|&n| (postings[n as usize], n));
        return order;
    }
    // Where each entry's postings start in the order.
    let mut starts = vec![0; span + 1];
    for &(entry, _) in postings {
        starts[(entry - low) as usize + 1] += 1;
    }
    for e in 1..=span {
        starts[e] += starts[e - 1];
    }
    let mut next = starts.clone();
    let mut order = vec![0; postings.len()];
    for (n, &(entry, _)) in postings.iter().enumerate() {
        let at = &mut next[(entry - low) as usize];
        order[*at] = index(n);
        *at += 1;
    }
    for e in 0..span {
        order[starts[e]..starts[e + 1]].sort_unstable_by_key(|&n| (postings[n as usize].1, n));
    }
    order
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
