//! Messages in the handbook's language: every diagnostic, summary and log line is a [`Msg`];
//! each language is one catalogue file (`de.rs`, `en.rs`) that words every message. A message
//! missing from a catalogue does not compile.

mod de;
mod en;

use std::fmt;

/// The languages messages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    De,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::De, Lang::En];

    /// The language of a code such as `de`, `de-DE` or `en_GB`; `None` when there is no catalogue.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "de" => Some(Lang::De),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// The words of `msg` in this language.
    pub fn text(self, msg: &Msg) -> Text {
        match self {
            Lang::De => de::text(msg),
            Lang::En => en::text(msg),
        }
    }

    /// "Fehler" / "error", "Warnung" / "warning".
    pub fn severity(self, error: bool) -> &'static str {
        match (self, error) {
            (Lang::De, true) => "Fehler",
            (Lang::De, false) => "Warnung",
            (Lang::En, true) => "error",
            (Lang::En, false) => "warning",
        }
    }
}

/// A message in words: what happened, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub message: String,
    pub hint: Option<String>,
}

impl Text {
    pub(crate) fn new(message: impl Into<String>) -> Text {
        Text {
            message: message.into(),
            hint: None,
        }
    }

    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Text {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " — {hint}")?;
        }
        Ok(())
    }
}

/// What went wrong with a file system operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileOp {
    Read,
    Write,
    CreateDir,
    Remove,
    /// Moving another path here.
    Move,
    ReadDir,
}

/// Why a file system operation failed, in words every catalogue has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IoCause {
    NotFound,
    PermissionDenied,
    AlreadyExists,
    NotADirectory,
    IsADirectory,
    DiskFull,
    ReadOnly,
    /// Anything else: the system's own words.
    Other(String),
}

impl IoCause {
    pub fn of(e: &std::io::Error) -> IoCause {
        use std::io::ErrorKind as K;
        match e.kind() {
            K::NotFound => IoCause::NotFound,
            K::PermissionDenied => IoCause::PermissionDenied,
            K::AlreadyExists => IoCause::AlreadyExists,
            K::NotADirectory => IoCause::NotADirectory,
            K::IsADirectory => IoCause::IsADirectory,
            K::StorageFull => IoCause::DiskFull,
            K::ReadOnlyFilesystem => IoCause::ReadOnly,
            _ => IoCause::Other(e.to_string()),
        }
    }
}

/// The shape of a YAML value, as serde names it: for "expected a list, found text".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Text,
    Number,
    YesNo,
    List,
    Map,
    Nothing,
    Unknown,
}

/// The kinds of ids, for "duplicate … id".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Item,
    Group,
    Link,
    Phase,
    Point,
}

/// Raw HTML a chapter must not contain, because the site's Content-Security-Policy blocks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockedHtml {
    Script,
    EventAttribute,
    StyleAttribute,
    ScriptAddress,
}

/// What a build printed at its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    Built,
    Checked,
    Rebuilt,
}

/// Every message the tool says, with what it needs to say it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    // ---- files and folders
    NoHandbook,
    NotAFolder {
        path: String,
    },
    Io {
        op: FileOp,
        cause: IoCause,
        /// For [`FileOp::Move`]: where from.
        other: Option<String>,
    },
    NotUtf8,
    LinkOutside {
        target: String,
    },
    LinkLoop,
    NotPartOfHandbook,
    NotAChapter,
    GeneratedPath {
        generated: String,
    },
    SameDataId {
        other: String,
    },
    // ---- YAML
    YamlTooDeep {
        max: usize,
    },
    YamlUnknownField {
        place: Option<String>,
        field: String,
        expected: Vec<String>,
        suggestion: Option<String>,
    },
    YamlMissingField {
        place: Option<String>,
        field: String,
    },
    YamlUnknownValue {
        place: Option<String>,
        value: String,
        expected: Vec<String>,
    },
    YamlWrongType {
        place: Option<String>,
        found: Shape,
        expected: Shape,
    },
    YamlDuplicateKey {
        key: String,
    },
    YamlNeedsQuotes {
        line: String,
        quoted: String,
    },
    YamlTab,
    YamlIndentation {
        expected_col: usize,
    },
    YamlMissingColon {
        line: String,
    },
    YamlUnclosedQuote,
    YamlSeveralDocuments,
    YamlEmpty,
    YamlUnreadable,
    YamlCommentCut {
        kept: String,
        quoted: String,
    },
    DateFormat {
        value: String,
    },
    DateImpossible {
        value: String,
    },
    // ---- handbook.yaml
    BaseUrlNotAbsolute {
        url: String,
    },
    ImprintNotAChapter {
        file: String,
        suggestion: Option<String>,
    },
    UnknownLanguage {
        code: String,
    },
    // ---- chapters
    NoFrontMatter,
    FrontMatterUnclosed,
    ReservedUrl {
        slug: String,
    },
    SameUrl {
        slug: String,
        other: String,
    },
    NoChapters,
    HeadingLevelOne,
    BracesInParagraph,
    DirectiveEmpty,
    DirectiveNeedsId {
        kind: String,
    },
    DirectiveFilterForm {
        word: String,
    },
    DuplicateHeadingId {
        id: String,
        first_line: usize,
    },
    BlockedHtml {
        what: BlockedHtml,
    },
    UnsafeLink {
        url: String,
    },
    // ---- data files
    DataFileName {
        stem: String,
    },
    MissingKind,
    UnknownKind {
        kind: String,
    },
    InvalidId {
        id: String,
        suggestion: String,
    },
    DuplicateId {
        what: IdKind,
        id: String,
        first_line: usize,
    },
    NotAWebAddress {
        url: String,
        id: String,
    },
    UnknownGroup {
        link: String,
        group: String,
        known: Vec<String>,
    },
    NoGroup {
        link: String,
    },
    ChecklistEmpty,
    ChecklistBoth,
    DueOutOfRange {
        days: i32,
        max: i32,
    },
    // ---- directives and links
    UnknownDirective {
        kind: String,
    },
    NoSuchData {
        id: String,
        kind: String,
        known: Vec<String>,
    },
    WrongKind {
        id: String,
        is: String,
        not: String,
    },
    NoSuchItem {
        data: String,
        missing: String,
        known: Vec<String>,
    },
    FilterLeavesNothing {
        data: String,
        key: String,
        value: String,
    },
    UnknownFilter {
        key: String,
        kind: String,
        allowed: Vec<String>,
    },
    IdOfHeadingAndData {
        id: String,
    },
    EmbeddedTwice {
        id: String,
    },
    NoSuchChapter {
        file: String,
        suggestion: Option<String>,
    },
    AmbiguousChapter {
        file: String,
        candidates: Vec<String>,
    },
    NoSuchAnchor {
        /// The chapter file; `None` for the page itself.
        file: Option<String>,
        anchor: String,
        suggestion: Option<String>,
    },
    NoSuchFile {
        path: String,
        /// The chapter whose web address this is, when it is one.
        chapter: Option<String>,
    },
    AnchorInData {
        raw: String,
    },
    DataUnused {
        kind: String,
        id: String,
    },
    ChapterStale {
        date: String,
        months: i64,
    },
    ContactsStale {
        date: String,
        months: i64,
    },
    ContactsUndated,
    ReviewInFuture {
        date: String,
    },
    // ---- theme
    Template {
        chain: String,
    },
    TemplateNotUtf8,
    TemplateCycle {
        chain: Vec<String>,
    },
    // ---- output
    OutReplacesSources,
    OutNotAFolder,
    // ---- the command line and its lines
    BaseUrlOption {
        url: String,
    },
    Summary {
        verb: Verb,
        chapters: usize,
        data_files: usize,
        warnings: usize,
        millis: u128,
    },
    BuildDetails {
        pages: usize,
        search: String,
        out: String,
    },
    ErrorCount {
        errors: usize,
        written: bool,
    },
    Timing {
        stage: &'static str,
        micros: u128,
    },
    // ---- serve
    Serving {
        dir: String,
        url: String,
    },
    Rebuilt {
        files: Vec<String>,
        millis: u128,
    },
    StillServing {
        errors: usize,
    },
    NoGoodBuildYet {
        errors: usize,
    },
    PortInUse {
        addr: String,
        next: u16,
    },
    CannotListen {
        addr: String,
        cause: String,
    },
    CannotWatch {
        cause: String,
    },
    NetlifyHeaders {
        cause: String,
    },
    OpenBrowserFailed {
        url: String,
    },
    OverlayTitle,
    BuildFailedPage,
    HostRefused {
        host: String,
    },
    // ---- schema and new
    SchemasWritten {
        dir: String,
        files: usize,
    },
    NewChapter {
        path: String,
        file: String,
        title: String,
    },
    NewData {
        path: String,
        directive: String,
    },
    NewExists,
    NewBadId {
        id: String,
        suggestion: String,
    },
    NewUnknownKind {
        kind: String,
    },
    // ---- init
    InitNotEmpty,
    InitCreated {
        dir: String,
        files: usize,
    },
    InitNext {
        dir: String,
    },
}

impl Msg {
    /// Its words in `lang`.
    pub fn text(&self, lang: Lang) -> Text {
        lang.text(self)
    }
}

/// `phases[2].points[0]` -> `phases Nr. 3 › points Nr. 1` (entries counted from one).
pub(crate) fn place(path: &str, number: &str) -> String {
    let mut out = String::new();
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(inner) = rest.strip_prefix('[') {
            let (n, after) = inner.split_once(']').unwrap_or((inner, ""));
            match n.parse::<usize>() {
                Ok(i) => out.push_str(&format!(" {number}{}", i + 1)),
                Err(_) => out.push_str(&format!("[{n}]")),
            }
            rest = after;
        } else if let Some(after) = rest.strip_prefix('.') {
            out.push_str(" › ");
            rest = after;
        } else {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            out.push_str(&format!("`{}`", &rest[..end]));
            rest = &rest[end..];
        }
    }
    out
}

/// `a`, `b` and `c` (with the language's "and").
pub(crate) fn list(items: &[String], and: &str) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests;
