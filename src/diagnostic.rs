//! Diagnostics: every problem found while building, printed like a compiler's.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is: errors stop the build, warnings don't.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, with where it is and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub path: PathBuf,
    /// 1-based; 0 means "the whole file".
    pub line: usize,
    pub col: usize,
    pub severity: Severity,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(
        path: impl AsRef<Path>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            path: path.as_ref().to_path_buf(),
            line,
            col,
            severity: Severity::Error,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(
        path: impl AsRef<Path>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, line, col, message)
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn at(mut self, pos: Pos) -> Self {
        self.line = pos.line;
        self.col = pos.col;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.col.max(1))?;
        }
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {kind}: {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " — {hint}")?;
        }
        Ok(())
    }
}

/// A 1-based line and column in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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

    /// This position shifted down by `lines` (for text that starts later in its file).
    pub fn below(self, lines: usize) -> Pos {
        Pos {
            line: self.line + lines,
            col: self.col,
        }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Sorts diagnostics by file and position, errors and warnings interleaved, duplicates removed.
pub fn sorted(mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diags.sort_by(|a, b| {
        (&a.path, a.line, a.col, a.severity, &a.message)
            .cmp(&(&b.path, b.line, b.col, b.severity, &b.message))
    });
    diags.dedup();
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_like_a_compiler() {
        let d = Diagnostic::error("content/data/links.yaml", 14, 3, "missing field `url`")
            .with_hint("every link needs a url");
        assert_eq!(
            d.to_string(),
            "content/data/links.yaml:14:3: error: missing field `url` — every link needs a url"
        );
        let w = Diagnostic::warning("content/handbook.yaml", 0, 0, "old");
        assert_eq!(w.to_string(), "content/handbook.yaml: warning: old");
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
}
