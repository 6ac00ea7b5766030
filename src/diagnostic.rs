//! Diagnostics: every problem found while building, located in its file and worded in the
//! handbook's language, printed like a compiler's: `path:line:col: Fehler: was — Hinweis`.

use crate::i18n::{Lang, Msg};
use std::path::{Path, PathBuf};

/// How bad a problem is: errors stop the build, warnings don't.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem: where it is, how bad, and what it is (with what to do about it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: PathBuf,
    /// Where in the file; `None` when the problem is the whole file.
    pub pos: Option<Pos>,
    pub severity: Severity,
    /// Boxed: a message can be large, and diagnostics travel in every `Result`.
    pub msg: Box<Msg>,
}

impl Diagnostic {
    pub fn error(path: impl AsRef<Path>, msg: Msg) -> Self {
        Diagnostic {
            path: path.as_ref().to_path_buf(),
            pos: None,
            severity: Severity::Error,
            msg: Box::new(msg),
        }
    }

    pub fn warning(path: impl AsRef<Path>, msg: Msg) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, msg)
        }
    }

    /// The same problem at `pos` (a position, or `None` for the whole file).
    pub fn at(mut self, pos: impl Into<Option<Pos>>) -> Self {
        self.pos = pos.into();
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col: Fehler: message — hint`, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = self.path.display().to_string();
        if let Some(pos) = self.pos {
            out.push_str(&format!(":{}:{}", pos.line, pos.col.max(1)));
        }
        out.push_str(&format!(
            ": {}: {}",
            lang.severity(self.is_error()),
            self.msg.text(lang)
        ));
        out
    }
}

/// In the handbook's default language (German).
impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::default()))
    }
}

/// A 1-based line and column in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl Pos {
    pub fn new(line: usize, col: usize) -> Self {
        Pos { line, col }
    }

    /// The position of byte `offset` in `text` (columns count characters).
    pub fn of_offset(text: &str, offset: usize) -> Pos {
        let offset = offset.min(text.len());
        let before = &text[..floor_char_boundary(text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        Pos { line, col }
    }
}

/// Where the lines of a text start: the positions of many offsets in it, each found by a binary
/// search instead of a count from the top.
pub struct Lines<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { text, starts }
    }

    /// [`Pos::of_offset`] in the text.
    pub fn pos(&self, offset: usize) -> Pos {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        let col = self.text[start..offset].chars().count() + 1;
        Pos { line, col }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Every problem a stage found: errors and warnings, collected before anything fails.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    list: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Diagnostics::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.list.push(d);
    }

    pub fn has_errors(&self) -> bool {
        self.list.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> usize {
        self.list.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.list.len() - self.errors()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.list.iter()
    }

    /// The value when nothing here is an error; otherwise everything, as the error.
    pub fn or_fail<T>(self, value: T) -> Result<(T, Diagnostics), Diagnostics> {
        if self.has_errors() {
            Err(self)
        } else {
            Ok((value, self))
        }
    }

    /// By file and position, errors and warnings interleaved, duplicates removed.
    pub fn sorted(mut self) -> Diagnostics {
        let key = |d: &Diagnostic| {
            (
                d.path.clone(),
                d.pos,
                d.severity,
                Lang::En.text(&d.msg).message,
            )
        };
        self.list.sort_by_cached_key(key);
        self.list.dedup();
        self
    }

    /// Keeps the warnings or errors of a stage's `result` and returns its value.
    pub fn take<T>(&mut self, result: Result<(T, Diagnostics), Diagnostics>) -> Option<T> {
        match result {
            Ok((v, warnings)) => {
                self.extend(warnings);
                Some(v)
            }
            Err(e) => {
                self.extend(e);
                None
            }
        }
    }

    /// Keeps the error of `result` and returns its value.
    pub fn keep<T>(&mut self, result: Result<T, impl Into<Diagnostics>>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.extend(e.into());
                None
            }
        }
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics { list: vec![d] }
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(list: Vec<Diagnostic>) -> Self {
        Diagnostics { list }
    }
}

impl Extend<Diagnostic> for Diagnostics {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, iter: I) {
        self.list.extend(iter);
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics {
            list: iter.into_iter().collect(),
        }
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_like_a_compiler_in_each_language() {
        let d = Diagnostic::error(
            "content/data/links.yaml",
            Msg::YamlMissingField {
                place: Some("items[3]".into()),
                field: "url".into(),
            },
        )
        .at(Pos::new(14, 3));
        assert_eq!(
            d.render(Lang::De),
            "content/data/links.yaml:14:3: Fehler: Hier fehlt das Feld `url` (in `items` Nr. 4) — Ergänzen Sie eine Zeile `url: …` in diesem Eintrag."
        );
        assert_eq!(
            d.render(Lang::En),
            "content/data/links.yaml:14:3: error: missing field `url` (in `items` #4) — add `url: …` to this entry"
        );
        let w = Diagnostic::warning("content/chapters", Msg::NoChapters);
        assert_eq!(
            w.to_string(),
            "content/chapters: Warnung: Das Handbuch hat noch keine Kapitel — Legen Sie Markdown-Dateien in content/chapters/ an, z. B. mit `handbook new chapter \"Titel\"`."
        );
    }

    #[test]
    fn offsets_become_lines_and_columns() {
        let text = "ab\ncdä\nf";
        assert_eq!(Pos::of_offset(text, 0), Pos::new(1, 1));
        assert_eq!(Pos::of_offset(text, 3), Pos::new(2, 1));
        assert_eq!(Pos::of_offset(text, 7), Pos::new(2, 4));
        assert_eq!(Pos::of_offset(text, 8), Pos::new(3, 1));
        assert_eq!(Pos::of_offset(text, 99), Pos::new(3, 2));
    }

    #[test]
    fn lines_find_what_counting_from_the_top_finds() {
        let text = "ä\nbc\n\nÖße\r\nx";
        let lines = Lines::new(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(
                lines.pos(offset),
                Pos::of_offset(text, offset),
                "at {offset}"
            );
        }
    }

    #[test]
    fn sorted_by_place_and_without_repeats() {
        let a = Diagnostic::error("b.md", Msg::NoFrontMatter).at(Pos::new(1, 1));
        let b = Diagnostic::warning("a.md", Msg::HeadingLevelOne).at(Pos::new(9, 1));
        let c = Diagnostic::warning("a.md", Msg::HeadingLevelOne).at(Pos::new(2, 1));
        let all: Diagnostics = vec![a.clone(), b.clone(), c.clone(), a.clone()].into();
        let sorted: Vec<Diagnostic> = all.sorted().into_iter().collect();
        assert_eq!(sorted, vec![c, b, a]);
    }
}
