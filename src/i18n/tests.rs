//! Every message exists in every language, and each catalogue says it in its own words.

use super::*;

/// One message of every kind (a missing catalogue entry does not compile; this list makes
/// sure each one is also looked at).
fn samples() -> Vec<Msg> {
    vec![
        Msg::NoHandbook,
        Msg::NotAFolder {
            path: "x-path".into(),
        },
        Msg::Io {
            op: FileOp::Move,
            cause: IoCause::NotFound,
            other: Some("x-other".into()),
        },
        Msg::LinkOutside {
            target: "x-target".into(),
        },
        Msg::LinkLoop,
        Msg::NotPartOfHandbook,
        Msg::NotAChapter,
        Msg::GeneratedPath {
            generated: "x-generated".into(),
        },
        Msg::SameDataId {
            other: "x-other".into(),
        },
        Msg::YamlTooDeep { max: 3 },
        Msg::YamlUnknownField {
            place: Some("x-place".into()),
            field: "x-field".into(),
            expected: vec!["a".into(), "b".into()],
            suggestion: Some("x-suggestion".into()),
        },
        Msg::YamlMissingField {
            place: Some("x-place".into()),
            field: "x-field".into(),
        },
        Msg::YamlUnknownValue {
            place: Some("x-place".into()),
            value: "x-value".into(),
            expected: vec!["a".into(), "b".into()],
        },
        Msg::YamlWrongType {
            place: Some("x-place".into()),
            found: Shape::List,
            expected: Shape::List,
        },
        Msg::YamlDuplicateKey {
            key: "x-key".into(),
        },
        Msg::YamlNeedsQuotes {
            line: "x-line".into(),
            quoted: "x-quoted".into(),
        },
        Msg::YamlTab,
        Msg::YamlIndentation { expected_col: 3 },
        Msg::YamlMissingColon {
            line: "x-line".into(),
        },
        Msg::YamlUnclosedQuote,
        Msg::YamlSeveralDocuments,
        Msg::YamlEmpty,
        Msg::YamlUnreadable,
        Msg::YamlCommentCut {
            kept: "x-kept".into(),
            quoted: "x-quoted".into(),
        },
        Msg::DateFormat {
            value: "x-value".into(),
        },
        Msg::DateImpossible {
            value: "x-value".into(),
        },
        Msg::BaseUrlNotAbsolute {
            url: "x-url".into(),
        },
        Msg::ImprintNotAChapter {
            file: "x-file".into(),
            suggestion: Some("x-suggestion".into()),
        },
        Msg::UnknownLanguage {
            code: "x-code".into(),
        },
        Msg::NoFrontMatter,
        Msg::FrontMatterUnclosed,
        Msg::ReservedUrl {
            slug: "x-slug".into(),
        },
        Msg::SameUrl {
            slug: "x-slug".into(),
            other: "x-other".into(),
        },
        Msg::NoChapters,
        Msg::HeadingLevelOne,
        Msg::BracesInParagraph,
        Msg::DirectiveEmpty,
        Msg::DirectiveNeedsId {
            kind: "x-kind".into(),
        },
        Msg::DirectiveFilterForm {
            word: "x-word".into(),
        },
        Msg::DuplicateHeadingId {
            id: "x-id".into(),
            first_line: 3,
        },
        Msg::BlockedHtml {
            what: BlockedHtml::Script,
        },
        Msg::UnsafeLink {
            url: "x-url".into(),
        },
        Msg::DataFileName {
            stem: "x-stem".into(),
        },
        Msg::MissingKind,
        Msg::UnknownKind {
            kind: "x-kind".into(),
        },
        Msg::InvalidId {
            id: "x-id".into(),
            suggestion: "x-suggestion".into(),
        },
        Msg::DuplicateId {
            what: IdKind::Point,
            id: "x-id".into(),
            first_line: 3,
        },
        Msg::NotAWebAddress {
            url: "x-url".into(),
            id: "x-id".into(),
        },
        Msg::UnknownGroup {
            link: "x-link".into(),
            group: "x-group".into(),
            known: vec!["a".into(), "b".into()],
        },
        Msg::NoGroup {
            link: "x-link".into(),
        },
        Msg::ChecklistEmpty,
        Msg::ChecklistBoth,
        Msg::DueOutOfRange { days: 3, max: 3 },
        Msg::UnknownDirective {
            kind: "x-kind".into(),
        },
        Msg::NoSuchData {
            id: "x-id".into(),
            kind: "x-kind".into(),
            known: vec!["a".into(), "b".into()],
        },
        Msg::WrongKind {
            id: "x-id".into(),
            is: "x-is".into(),
            not: "x-not".into(),
        },
        Msg::NoSuchItem {
            data: "x-data".into(),
            missing: "x-missing".into(),
            known: vec!["a".into(), "b".into()],
        },
        Msg::FilterLeavesNothing {
            data: "x-data".into(),
            key: "x-key".into(),
            value: "x-value".into(),
        },
        Msg::UnknownFilter {
            key: "x-key".into(),
            kind: "x-kind".into(),
            allowed: vec!["a".into(), "b".into()],
        },
        Msg::IdOfHeadingAndData { id: "x-id".into() },
        Msg::EmbeddedTwice { id: "x-id".into() },
        Msg::NoSuchChapter {
            file: "x-file".into(),
            suggestion: Some("x-suggestion".into()),
        },
        Msg::AmbiguousChapter {
            file: "x-file".into(),
            candidates: vec!["a".into(), "b".into()],
        },
        Msg::NoSuchAnchor {
            file: Some("x-file".into()),
            anchor: "x-anchor".into(),
            suggestion: Some("x-suggestion".into()),
        },
        Msg::NoSuchFile {
            path: "x-path".into(),
            chapter: Some("x-chapter".into()),
        },
        Msg::AnchorInData {
            raw: "x-raw".into(),
        },
        Msg::DataUnused {
            kind: "x-kind".into(),
            id: "x-id".into(),
        },
        Msg::ChapterStale {
            date: "x-date".into(),
            months: 3,
        },
        Msg::ContactsStale {
            date: "x-date".into(),
            months: 3,
        },
        Msg::ContactsUndated,
        Msg::ReviewInFuture {
            date: "x-date".into(),
        },
        Msg::Template {
            chain: "x-chain".into(),
        },
        Msg::TemplateCycle {
            chain: vec!["a".into(), "b".into()],
        },
        Msg::OutReplacesSources,
        Msg::OutNotAFolder,
        Msg::BaseUrlOption {
            url: "x-url".into(),
        },
        Msg::Summary {
            verb: Verb::Built,
            chapters: 3,
            data_files: 3,
            warnings: 3,
            millis: 3,
        },
        Msg::BuildDetails {
            pages: 3,
            search: "x-search".into(),
            out: "x-out".into(),
        },
        Msg::ErrorCount {
            errors: 3,
            written: false,
        },
        Msg::Timing {
            stage: "render",
            micros: 3,
        },
        Msg::Serving {
            dir: "x-dir".into(),
            url: "x-url".into(),
        },
        Msg::Rebuilt {
            files: vec!["a".into(), "b".into()],
            millis: 3,
        },
        Msg::StillServing { errors: 3 },
        Msg::NoGoodBuildYet { errors: 3 },
        Msg::PortInUse {
            addr: "x-addr".into(),
            next: 3,
        },
        Msg::CannotListen {
            addr: "x-addr".into(),
            cause: "x-cause".into(),
        },
        Msg::CannotWatch {
            cause: "x-cause".into(),
        },
        Msg::NetlifyHeaders {
            cause: "x-cause".into(),
        },
        Msg::OpenBrowserFailed {
            url: "x-url".into(),
        },
        Msg::OverlayTitle,
        Msg::BuildFailedPage,
        Msg::HostRefused {
            host: "x-host".into(),
        },
        Msg::InitNotEmpty,
        Msg::InitCreated {
            dir: "x-dir".into(),
            files: 3,
        },
        Msg::InitNext {
            dir: "x-dir".into(),
        },
    ]
}

#[test]
fn every_message_is_worded_in_every_language() {
    for msg in samples() {
        let de = Lang::De.text(&msg);
        let en = Lang::En.text(&msg);
        for (lang, text) in [(Lang::De, &de), (Lang::En, &en)] {
            assert!(
                !text.message.trim().is_empty(),
                "{msg:?} has no {lang:?} message"
            );
            assert!(
                text.hint.as_ref().is_none_or(|h| !h.trim().is_empty()),
                "{msg:?} has an empty {lang:?} hint"
            );
        }
        assert_eq!(
            de.hint.is_some(),
            en.hint.is_some(),
            "{msg:?}: a hint in one language only"
        );
        assert_ne!(de.message, en.message, "{msg:?} is not translated");
    }
}

#[test]
fn languages_from_codes() {
    assert_eq!(Lang::from_code("de"), Some(Lang::De));
    assert_eq!(Lang::from_code("de-AT"), Some(Lang::De));
    assert_eq!(Lang::from_code("EN_gb"), Some(Lang::En));
    assert_eq!(Lang::from_code("tr"), None);
}

#[test]
fn places_count_from_one() {
    assert_eq!(
        place("phases[2].points[0]", "Nr. "),
        "`phases` Nr. 3 › `points` Nr. 1"
    );
    assert_eq!(place("title", "#"), "`title`");
}
