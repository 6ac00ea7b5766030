//! English.

use super::{BlockedHtml, FileOp, IdKind, IoCause, Msg, Shape, Text, Verb, list, place};

fn shape(s: Shape) -> &'static str {
    match s {
        Shape::Text => "text",
        Shape::Number => "a number",
        Shape::YesNo => "true or false",
        Shape::List => "a list",
        Shape::Map => "an entry with fields",
        Shape::Nothing => "nothing",
        Shape::Unknown => "another value",
    }
}

fn at(p: &Option<String>) -> String {
    p.as_ref()
        .map_or(String::new(), |p| format!(" (in {})", place(p, "#")))
}

fn cause(c: &IoCause) -> String {
    match c {
        IoCause::NotFound => "not found".into(),
        IoCause::PermissionDenied => "permission denied".into(),
        IoCause::AlreadyExists => "already exists".into(),
        IoCause::NotADirectory => "not a folder".into(),
        IoCause::IsADirectory => "is a folder".into(),
        IoCause::DiskFull => "the disk is full".into(),
        IoCause::ReadOnly => "the disk is read-only".into(),
        IoCause::Other(s) => s.clone(),
    }
}

fn one_of(items: &[String]) -> String {
    list(items, "or")
}

fn maybe(suggestion: &Option<String>, fallback: &str) -> String {
    match suggestion {
        Some(s) => format!("did you mean `{s}`?"),
        None => fallback.to_string(),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub(super) fn text(msg: &Msg) -> Text {
    use Msg as M;
    match msg {
        M::NoHandbook => Text::new("file not found: this folder holds no handbook")
            .hint("pass the folder that holds content/, or run `handbook init DIR` to start a new handbook"),
        M::NotAFolder { path } => Text::new(format!("{path} is not a folder"))
            .hint("pass the folder that holds content/"),
        M::Io { op, cause: c, other } => {
            let what = match op {
                FileOp::Read => "cannot read file".to_string(),
                FileOp::Write => "cannot write file".to_string(),
                FileOp::CreateDir => "cannot create folder".to_string(),
                FileOp::Remove => "cannot remove folder".to_string(),
                FileOp::ReadDir => "cannot read folder".to_string(),
                FileOp::Move => format!("cannot move {} here", other.as_deref().unwrap_or("the folder")),
            };
            Text::new(format!("{what}: {}", cause(c)))
                .hint("check that the path exists and that you may read and write there")
        }
        M::NotUtf8 => Text::new("the file is not valid UTF-8 text").hint("save it as UTF-8 in your editor"),
        M::LinkOutside { target } => Text::new(format!("this symbolic link points outside the handbook, to {target}"))
            .hint("handbook reads only files inside the handbook's folder; copy the file here instead of linking it"),
        M::LinkLoop => Text::new("this symbolic link points to itself in a loop")
            .hint("remove the link and put the file or folder here"),
        M::NotPartOfHandbook => Text::new("this file is not part of the handbook and is not published")
            .hint("chapters belong in content/chapters/, data lists in content/data/"),
        M::NotAChapter => Text::new("this file in the chapters folder is not a chapter and is not published")
            .hint("chapters are Markdown files ending in .md; move other files out of content/chapters/, images to content/images/"),
        M::GeneratedPath { generated } => Text::new(format!("this file would replace {generated}, which handbook writes itself"))
            .hint("rename the file or move it to another folder, e.g. content/files/"),
        M::SameDataId { other } => Text::new(format!("this list has the same name as {other}"))
            .hint("lists are named by their file name without extension; rename or remove one of the two"),
        M::YamlTooDeep { max } => Text::new(format!("the entries are nested more than {max} levels deep here"))
            .hint("handbook data needs only a few levels: check the indentation and that every `[` or `{` is closed"),
        M::YamlUnknownField { place: p, field, expected, suggestion } => Text::new(format!("unknown field `{field}`{}", at(p)))
            .hint(match suggestion {
                Some(s) => format!("did you mean `{s}`? Allowed: {}", list(expected, "and")),
                None => format!("remove this line or correct its name; allowed: {}", list(expected, "and")),
            }),
        M::YamlMissingField { place: p, field } => Text::new(format!("missing field `{field}`{}", at(p)))
            .hint(format!("add `{field}: …` to this entry")),
        M::YamlUnknownValue { place: p, value, expected } => Text::new(format!("`{value}` is not an allowed value{}", at(p)))
            .hint(format!("use one of: {}", one_of(expected))),
        M::YamlWrongType { place: p, found, expected } => Text::new(format!("found {}, expected {}{}", shape(*found), shape(*expected), at(p)))
            .hint("check the value's form: text, a number, a list (`- …`) or fields (`field: value`)"),
        M::YamlDuplicateKey { key } => Text::new(format!("the field `{key}` appears twice in this entry"))
            .hint("each field may appear only once in an entry; remove one of the lines"),
        M::YamlNeedsQuotes { line, quoted } => Text::new(format!("this text holds characters with a meaning of their own in YAML: `{line}`"))
            .hint(format!("put the text in quotes: `{quoted}`")),
        M::YamlTab => Text::new("this line is indented with a tab")
            .hint("YAML allows only spaces for indentation; replace the tab with spaces"),
        M::YamlIndentation { expected_col } => Text::new("the indentation of this line does not match the lines before it")
            .hint(format!("indent it like the other fields of the same entry: it should start in column {expected_col}")),
        M::YamlMissingColon { line } => Text::new(format!("the colon after the field name is missing on this line: `{line}`"))
            .hint("write field and value with a colon and a space: `field: value`"),
        M::YamlUnclosedQuote => Text::new("a quote is opened but not closed")
            .hint("close the text with the same quote it starts with"),
        M::YamlSeveralDocuments => Text::new("the file holds a `---` line and with it several documents")
            .hint("a file holds exactly one list; remove the `---` line or split the file"),
        M::YamlEmpty => Text::new("the file is empty").hint("write at least `kind:` and `title:` into it, or remove it"),
        M::YamlUnreadable => Text::new("from here on the text is not valid YAML")
            .hint("check indentation (spaces only), the colon after each field name, and quote text containing `: `, `#` or brackets"),
        M::YamlCommentCut { kept, quoted } => Text::new(format!("YAML starts a comment at ` #`: only \"{kept}\" is published"))
            .hint(format!("if the `#` belongs to the text, quote it: `{quoted}`")),
        M::DateFormat { value } => Text::new(format!("`{value}` is not a date of the form YYYY-MM-DD"))
            .hint("write dates as year-month-day, e.g. `2026-11-25`"),
        M::DateImpossible { value } => Text::new(format!("the day `{value}` is not in the calendar"))
            .hint("check month and day; February has at most 29 days"),
        M::BaseUrlNotAbsolute { url } => Text::new(format!("base_url `{url}` is not an absolute URL"))
            .hint("write it like https://example.org/ or https://example.org/handbuch/"),
        M::ImprintNotAChapter { file, suggestion } => Text::new(format!("the imprint `{file}` is not a chapter of this handbook"))
            .hint(maybe(suggestion, "name a chapter file of content/chapters/")),
        M::UnknownLanguage { code } => Text::new(format!("there are no messages in the language `{code}`"))
            .hint("use `de` or `en`; messages are shown in German"),
        M::NoFrontMatter => Text::new("the chapter has no front matter")
            .hint("start the file with three lines: `---`, `title: Der Titel`, `---`"),
        M::FrontMatterUnclosed => Text::new("the front matter is opened with `---` but never closed")
            .hint("end the front matter's fields with a line of exactly `---`"),
        M::ReservedUrl { slug } => Text::new(format!("the chapter's URL `/{slug}/` is reserved")).hint("rename the file"),
        M::SameUrl { slug, other } => Text::new(format!("the URL `/{slug}/` is also the URL of {other}"))
            .hint("file names must differ after the number prefix"),
        M::NoChapters => Text::new("the handbook has no chapters").hint("add Markdown files to content/chapters/"),
        M::HeadingLevelOne => Text::new("a level-1 heading (`#`) inside a chapter")
            .hint("the chapter title is the page's only level-1 heading; use `##` for sections"),
        M::BracesInParagraph => Text::new("`{{` inside a paragraph is shown as text")
            .hint("a directive must stand alone in its paragraph, with empty lines around it"),
        M::DirectiveEmpty => Text::new("empty directive")
            .hint("write it as {{ KIND ID }}, e.g. {{ checklist veranstaltungsplanung }}"),
        M::DirectiveNeedsId { kind } => Text::new(format!("the directive `{kind}` needs the id of a data file"))
            .hint("write it as {{ KIND ID }}, e.g. {{ checklist veranstaltungsplanung }}"),
        M::DirectiveFilterForm { word } => Text::new(format!("`{word}` is not a filter of the form key=value"))
            .hint("write it as {{ KIND ID key=value }}, e.g. {{ organisations dachverbaende level=bund }}"),
        M::DuplicateHeadingId { id, first_line } => Text::new(format!("the heading id `{id}` is used twice in this chapter"))
            .hint(format!("it is already used on line {first_line}; give one heading another id: `## Titel {{#other-name}}`")),
        M::BlockedHtml { what } => {
            let what = match what {
                BlockedHtml::Script => "a `<script>`",
                BlockedHtml::EventAttribute => "an event attribute (`on…=`)",
                BlockedHtml::StyleAttribute => "a `style=` attribute",
                BlockedHtml::ScriptAddress => "a `javascript:` address",
            };
            Text::new(format!("{what} is not allowed in a chapter"))
                .hint("the site's Content-Security-Policy would block it anyway; remove it, styles belong in theme/assets/style.css")
        }
        M::UnsafeLink { url } => Text::new(format!("the address `{url}` is not allowed in a link"))
            .hint("links lead to chapters (`02-chapter.md`), files of the handbook, or https:, http:, mailto: and tel: addresses"),
        M::DataFileName { stem } => Text::new(format!("`{stem}` is not a valid data file name"))
            .hint("use lower-case letters, digits and `-` only, e.g. dachverbaende.yaml"),
        M::MissingKind => Text::new("missing field `kind`")
            .hint("start the file with `kind: …`, one of: organisations, agencies, links, checklist, list"),
        M::UnknownKind { kind } => Text::new(format!("unknown kind `{kind}`"))
            .hint("use one of: organisations, agencies, links, checklist, list"),
        M::InvalidId { id, suggestion } => Text::new(format!("`{id}` is not a valid id"))
            .hint(format!("use lower-case letters, digits and `-`, e.g. `{suggestion}`")),
        M::DuplicateId { what, id, first_line } => {
            let what = match what {
                IdKind::Item => "item",
                IdKind::Group => "group",
                IdKind::Link => "link",
                IdKind::Phase => "phase",
                IdKind::Point => "point",
            };
            Text::new(format!("duplicate {what} id `{id}`"))
                .hint(format!("it is already used on line {first_line}; every id must be unique in its file"))
        }
        M::NotAWebAddress { url, id } => Text::new(format!("the url `{url}` of `{id}` is not a web address"))
            .hint("write it with https:// (or http://) in front"),
        M::UnknownGroup { link, group, known } => Text::new(format!("link `{link}` names the unknown group `{group}`"))
            .hint(if known.is_empty() {
                "list the groups under `groups:` first".to_string()
            } else {
                format!("use one of: {}", one_of(known))
            }),
        M::NoGroup { link } => Text::new(format!("link `{link}` has no group"))
            .hint("add `group: …` with one of the ids under `groups:`"),
        M::ChecklistEmpty => Text::new("the checklist has no points")
            .hint("add `phases:` with `points:`, or `points:` directly"),
        M::ChecklistBoth => Text::new("a checklist has either `phases:` or `points:`, not both")
            .hint("move these points into a phase"),
        M::DueOutOfRange { days, max } => Text::new(format!("`due: {days}` is more than {max} days from the event"))
            .hint("`due` counts days from the event date: `-14` is two weeks before, `7` a week after"),
        M::UnknownDirective { kind } => Text::new(format!("unknown directive `{kind}`"))
            .hint("use one of: organisations, agencies, links, checklist, list"),
        M::NoSuchData { id, kind, known } => Text::new(format!("no data file `{id}` for this {kind} directive"))
            .hint(if known.is_empty() {
                format!("create content/data/{id}.yaml with `kind: {kind}`")
            } else {
                format!("known {kind} data: {}", list(known, "and"))
            }),
        M::WrongKind { id, is, not } => Text::new(format!("`{id}` is a {is} file, not {not}"))
            .hint(format!("write {{{{ {is} {id} }}}}")),
        M::NoSuchItem { data, missing, known } => Text::new(format!("`{data}` has no item `{missing}`"))
            .hint(format!("known ids: {}", list(known, "and"))),
        M::FilterLeavesNothing { data, key, value } => Text::new(format!("the filter {key}={value} leaves no items of `{data}`"))
            .hint("check the value's spelling"),
        M::UnknownFilter { key, kind, allowed } => Text::new(format!("unknown filter `{key}` for {kind}"))
            .hint(if allowed.is_empty() {
                format!("{kind} takes no filters")
            } else {
                format!("use one of: {}", list(allowed, "and"))
            }),
        M::IdOfHeadingAndData { id } => Text::new(format!("the id `{id}` is used by a heading and by embedded data"))
            .hint("give the heading another id: `## Titel {#anderer-name}`"),
        M::EmbeddedTwice { id } => Text::new(format!("`{id}` is embedded twice on this page"))
            .hint("embed each item once per page; use filters to show different parts of a list"),
        M::NoSuchChapter { file, suggestion } => Text::new(format!("link to a chapter that does not exist: `{file}`"))
            .hint(maybe(suggestion, "link to a file in content/chapters/ by its file name")),
        M::AmbiguousChapter { file, candidates } => Text::new(format!("several parts have a chapter `{file}`"))
            .hint(format!("name it with its folder: {}", list(candidates, "or"))),
        M::NoSuchAnchor { file, anchor, suggestion } => Text::new(match file {
            Some(f) => format!("`{f}` has no heading or item with the id `{anchor}`"),
            None => format!("this page has no heading or item with the id `{anchor}`"),
        })
        .hint(match suggestion {
            Some(s) => format!("did you mean `#{s}`?"),
            None => "headings get ids from their text: `## Erste Schritte` is `#erste-schritte`".to_string(),
        }),
        M::NoSuchFile { path, chapter } => Text::new(format!("link to a file that does not exist: `{path}`"))
            .hint(match chapter {
                Some(file) => format!("this is a chapter's web address; link its file instead: `{file}`, which keeps working when addresses change"),
                None => "put the file below content/ (e.g. content/images/) and link to it by that path".to_string(),
            }),
        M::AnchorInData { raw } => Text::new(format!("`{raw}` links within a page, but data can be embedded anywhere"))
            .hint("link to the chapter file with the anchor: `kapitel.md#abschnitt`"),
        M::DataUnused { kind, id } => Text::new("no chapter embeds this data file")
            .hint(format!("add {{{{ {kind} {id} }}}} to a chapter")),
        M::ChapterStale { date, months } => Text::new(format!("the chapter was last reviewed on {date}, more than {months} months ago"))
            .hint("check its content and set `reviewed:` to today's date"),
        M::ContactsStale { date, months } => Text::new(format!("the contact data was last reviewed on {date}, more than {months} months ago"))
            .hint("check addresses, phone numbers and links, then set `reviewed:` to today's date"),
        M::ContactsUndated => Text::new("this list holds contact data but no review date")
            .hint("add `reviewed: YYYY-MM-DD` after checking addresses, phone numbers and links"),
        M::ReviewInFuture { date } => Text::new(format!("the review date {date} lies in the future"))
            .hint("set `reviewed:` to the day you actually checked the content"),
        M::Template { chain } => Text::new(format!("template error: {chain}"))
            .hint("fix the template, or delete your copy in theme/ to use the built-in one"),
        M::TemplateNotUtf8 => Text::new("the template is not valid UTF-8").hint("save it as UTF-8 in your editor"),
        M::TemplateCycle { chain } => Text::new(format!("templates include each other in a loop: {}", chain.join(" → ")))
            .hint("a template may not include, extend or import itself, directly or through others; remove one of these"),
        M::OutReplacesSources => Text::new("refusing to write the site here: the folder would replace the handbook's sources")
            .hint("choose an output folder outside content/ and theme/, e.g. --out public"),
        M::OutNotAFolder => Text::new("the output path exists and is not a folder")
            .hint("remove the file or choose another --out"),
        M::BaseUrlOption { url } => Text::new(format!("`{url}` is not an absolute URL"))
            .hint("write it like --base-url https://example.org/handbuch/"),
        M::Summary { verb, chapters, data_files, warnings, millis } => Text::new(format!(
            "{} {}, {}, {} in {:.2} s",
            match verb {
                Verb::Built => "built",
                Verb::Checked => "checked",
                Verb::Rebuilt => "rebuilt",
            },
            plural(*chapters, "chapter", "chapters"),
            plural(*data_files, "data file", "data files"),
            plural(*warnings, "warning", "warnings"),
            *millis as f64 / 1000.0,
        )),
        M::BuildDetails { pages, search, out } => Text::new(format!(
            " ({}, search index {search}) into {out}",
            plural(*pages, "page", "pages")
        )),
        M::ErrorCount { errors, written } => Text::new(format!(
            "{}{}",
            plural(*errors, "error", "errors"),
            if *written { "" } else { " — nothing was written" }
        )),
        M::Timing { stage, micros } => Text::new(format!("  {stage:<10} {:>8.1} ms", *micros as f64 / 1000.0)),
        M::Serving { dir, url } => Text::new(format!("Serving {dir} at {url} — press Ctrl-C to stop")),
        M::Rebuilt { files, millis } => Text::new(format!("rebuilt ({}) in {millis} ms", files.join(", "))),
        M::StillServing { errors } => Text::new(format!(
            "{} — still serving the last good build",
            plural(*errors, "error", "errors")
        )),
        M::NoGoodBuildYet { errors } => Text::new(format!(
            "{} — the preview shows them until they are fixed",
            plural(*errors, "error", "errors")
        )),
        M::PortInUse { addr, next } => Text::new(format!("cannot listen on {addr}: the port is already in use"))
            .hint(format!("stop the other program or choose another port, e.g. --port {next}")),
        M::CannotListen { addr, cause } => Text::new(format!("cannot listen on {addr}: {cause}"))
            .hint("check --host and --port"),
        M::CannotWatch { cause } => Text::new(format!("cannot watch the files for changes: {cause}"))
            .hint("check that you may read the folder"),
        M::NetlifyHeaders { cause } => Text::new(format!("cannot read the headers of netlify.toml: {cause}"))
            .hint("the preview sends the built-in security headers"),
        M::OpenBrowserFailed { url } => Text::new(format!("could not open a browser; open {url} yourself")),
        M::OverlayTitle => Text::new("The preview shows the last good build. Please fix:"),
        M::BuildFailedPage => Text::new("The build failed. The errors are below and in the terminal; the page reloads once they are fixed."),
        M::HostRefused { host } => Text::new(format!(
            "403: the preview answers only requests to this computer, not to \"{host}\". Open it at the address `handbook serve` prints."
        )),
        M::SchemasWritten { dir, files } => Text::new(format!(
            "wrote {files} schemas into {dir}: editors check and complete the YAML files with them"
        )),
        M::NewChapter { path, file, title } => Text::new(format!("created the chapter {path}"))
            .hint(format!("link it from other chapters with `[{title}]({file})`")),
        M::NewData { path, directive } => Text::new(format!("created the list {path}"))
            .hint(format!("embed it in a chapter, as a paragraph of its own: `{directive}`")),
        M::NewExists => Text::new("this file exists already; it stays as it is")
            .hint("choose another name"),
        M::NewBadId { id, suggestion } => Text::new(format!("`{id}` is not a valid list name"))
            .hint(format!("use lower-case letters, digits and `-`, e.g. `{suggestion}`")),
        M::NewUnknownKind { kind } => Text::new(format!("handbook cannot create `{kind}`"))
            .hint("use one of: chapter, organisations, agencies, links, checklist, list"),
        M::InitNotEmpty => Text::new("the folder is not empty; nothing was written")
            .hint("choose a new folder name, e.g. `handbook init my-handbook`"),
        M::InitCreated { dir, files } => Text::new(format!("created a new handbook in {dir} ({files} files)")),
        M::InitNext { dir } => Text::new(format!(
            "next: cd {dir} && handbook serve   (preview at http://127.0.0.1:3000, reloads on every save)"
        )),
    }
}
