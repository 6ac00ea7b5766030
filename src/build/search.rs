//! Search: what readers can find (chapter sections and data items), folded and split into small
//! static files under `search/`, so that a first search fetches only what it needs — the
//! manifest, one bucket per query word and the chunks of the hits it shows.
//!
//! - `search/index.json` — the manifest: the index version, how many entries each chunk holds,
//!   the size of each bucket (the page picks the smallest; an empty one is not written and
//!   not fetched), the entries that share a web address across lists (shown once);
//! - `search/g/N.json` — words of three or more letters, by letter triple ([`triples`]);
//! - `search/s/N.json` — query words of one or two letters, answered in advance ([`short`]);
//! - `search/c/N.json` — the entries themselves (the data lists' in groups, then one chunk per
//!   chapter), from which the page shows titles and snippets.

mod address;
mod entries;
mod fold;
mod index;
mod short;
mod triples;
mod words;

pub use entries::{Entry, chapter_docs, data_docs};
pub use index::{Collector, DataChunks, Deferred, MANIFEST, Written, write};
