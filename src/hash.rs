//! Content hashes: for asset file names and the service worker's version.

/// A streaming content hash for file names: stable across builds and machines,
/// word-at-a-time (it runs over every byte of the output), not cryptographic.
#[derive(Clone)]
pub struct Hasher {
    h: u64,
    len: u64,
    pending: Vec<u8>,
}

impl Default for Hasher {
    fn default() -> Self {
        Hasher {
            h: 0xcbf2_9ce4_8422_2325,
            len: 0,
            pending: Vec::with_capacity(8),
        }
    }
}

impl Hasher {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;

    fn mix(&mut self, word: u64) {
        self.h = (self.h.rotate_left(23) ^ word).wrapping_mul(Self::K);
    }

    pub fn update(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len() as u64;
        if !self.pending.is_empty() {
            let take = (8 - self.pending.len()).min(bytes.len());
            self.pending.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
            if self.pending.len() < 8 {
                return;
            }
            let word = u64::from_le_bytes(self.pending[..8].try_into().unwrap_or([0; 8]));
            self.pending.clear();
            self.mix(word);
        }
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.mix(u64::from_le_bytes(c.try_into().unwrap_or([0; 8])));
        }
        self.pending.extend_from_slice(chunks.remainder());
    }

    pub fn finish(mut self) -> String {
        for b in std::mem::take(&mut self.pending) {
            self.mix(u64::from(b));
        }
        let len = self.len;
        self.mix(len);
        let mut h = self.h;
        h ^= h >> 29;
        h = h.wrapping_mul(Self::K);
        h ^= h >> 32;
        format!("{h:016x}")[..10].to_string()
    }
}

/// The content hash of some bytes.
pub fn hash(bytes: &[u8]) -> String {
    let mut h = Hasher::default();
    h.update(bytes);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable_and_streaming() {
        // Known values: the first is in the test fixture's expected asset names, so a change of
        // the hash shows there too (and would make every reader's browser fetch every asset).
        assert_eq!(
            hash(include_bytes!(
                "../tests/fixtures/basic/theme/assets/favicon.svg"
            )),
            "427d44bafe"
        );
        assert_eq!(hash(b""), "9941ea2cac");
        assert_ne!(hash(b"abc"), hash(b"abd"));
        assert_ne!(hash(b"abcdefgh1"), hash(b"abcdefgh2"));
        let mut h = Hasher::default();
        h.update(b"abc");
        h.update(b"defghijk");
        h.update(b"l");
        assert_eq!(
            h.finish(),
            hash(b"abcdefghijkl"),
            "pieces hash like the whole"
        );
    }
}
