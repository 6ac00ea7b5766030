//! YAML: parsing with serde_yaml, positions of every key and value, and errors explained in an
//! author's terms with the position of their cause.

mod comments;
mod explain;
mod line;
mod positions;

pub use comments::comment_cuts;
pub use positions::{MAX_DEPTH, Positions, Unreadable};

use crate::diagnostic::Diagnostic;
use crate::i18n::Msg;
use serde::de::DeserializeOwned;
use std::path::Path;

/// Parses `text` (which starts `line_offset` lines into the file at `path`). Nesting deeper than
/// [`MAX_DEPTH`] is refused before serde_yaml reads the text.
pub fn parse<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    line_offset: usize,
) -> Result<T, Diagnostic> {
    let positions = locate(path, text, line_offset)?;
    deserialize(path, text, line_offset, &positions)
}

/// Where the keys and values of `text` stand; an error when it is nested too deep.
pub fn locate(path: &Path, text: &str, line_offset: usize) -> Result<Positions, Diagnostic> {
    match Positions::of(text, line_offset) {
        Ok(p) => Ok(p),
        Err(Unreadable::TooDeep(pos)) => {
            Err(Diagnostic::error(path, Msg::YamlTooDeep { max: MAX_DEPTH }).at(pos))
        }
        // serde_yaml's error is explained when the text is read.
        Err(Unreadable::Syntax) => Ok(Positions::default()),
    }
}

/// Reads `text` into `T` (after [`locate`] has bounded its depth); errors are explained with
/// the help of `positions`.
pub fn deserialize<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    line_offset: usize,
    positions: &Positions,
) -> Result<T, Diagnostic> {
    serde_yaml::from_str(text).map_err(|e| {
        let (msg, pos) = explain::explain(&e, text, line_offset, positions);
        Diagnostic::error(path, msg).at(pos)
    })
}
