//! `handbook serve`: the live preview — the same build into memory, served, rebuilt on change.

pub mod serve;
pub mod watch;
