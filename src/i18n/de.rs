//! German: the handbook's default language. Hints say what to do, in full sentences.

use super::{BlockedHtml, FileOp, IdKind, IoCause, Msg, Shape, Text, Verb, list, place};

fn shape(s: Shape) -> &'static str {
    match s {
        Shape::Text => "ein Text",
        Shape::Number => "eine Zahl",
        Shape::YesNo => "ja oder nein (true/false)",
        Shape::List => "eine Liste",
        Shape::Map => "ein Eintrag mit Feldern",
        Shape::Nothing => "nichts",
        Shape::Unknown => "ein anderer Wert",
    }
}

fn at(p: &Option<String>) -> String {
    p.as_ref()
        .map_or(String::new(), |p| format!(" (in {})", place(p, "Nr. ")))
}

fn cause(c: &IoCause) -> String {
    match c {
        IoCause::NotFound => "nicht gefunden".into(),
        IoCause::PermissionDenied => "keine Berechtigung".into(),
        IoCause::AlreadyExists => "existiert bereits".into(),
        IoCause::NotADirectory => "ist kein Ordner".into(),
        IoCause::IsADirectory => "ist ein Ordner".into(),
        IoCause::DiskFull => "der Datenträger ist voll".into(),
        IoCause::ReadOnly => "der Datenträger ist schreibgeschützt".into(),
        IoCause::Other(s) => s.clone(),
    }
}

fn one_of(items: &[String]) -> String {
    list(items, "oder")
}

fn maybe(suggestion: &Option<String>, fallback: &str) -> String {
    match suggestion {
        Some(s) => format!("Meinten Sie `{s}`?"),
        None => fallback.to_string(),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub(super) fn text(msg: &Msg) -> Text {
    use Msg as M;
    match msg {
        M::NoHandbook => Text::new("Hier liegt kein Handbuch: die Datei content/handbook.yaml fehlt")
            .hint("Geben Sie den Ordner an, der content/ enthält, oder legen Sie mit `handbook init ORDNER` ein neues Handbuch an."),
        M::NotAFolder { path } => Text::new(format!("{path} ist kein Ordner"))
            .hint("Geben Sie den Ordner an, der content/ enthält."),
        M::Io { op, cause: c, other } => {
            let what = match op {
                FileOp::Read => "Die Datei kann nicht gelesen werden".to_string(),
                FileOp::Write => "Die Datei kann nicht geschrieben werden".to_string(),
                FileOp::CreateDir => "Der Ordner kann nicht angelegt werden".to_string(),
                FileOp::Remove => "Der Ordner kann nicht gelöscht werden".to_string(),
                FileOp::ReadDir => "Der Ordner kann nicht gelesen werden".to_string(),
                FileOp::Move => format!(
                    "{} kann nicht hierher verschoben werden",
                    other.as_deref().unwrap_or("Der Ordner")
                ),
            };
            Text::new(format!("{what}: {}", cause(c)))
                .hint("Prüfen Sie, ob es den Pfad gibt und ob Sie dort lesen und schreiben dürfen.")
        }
        M::NotUtf8 => Text::new("Die Datei ist nicht als UTF-8-Text gespeichert")
            .hint("Speichern Sie sie in Ihrem Editor mit der Kodierung „UTF-8“ (in Word: „Nur Text“, Kodierung UTF-8)."),
        M::LinkOutside { target } => Text::new(format!(
            "Diese Verknüpfung (Symlink) zeigt aus dem Handbuch hinaus, auf {target}"
        ))
        .hint("Aus Sicherheitsgründen liest handbook nur Dateien innerhalb des Handbuch-Ordners. Kopieren Sie die Datei hierher, statt sie zu verknüpfen."),
        M::LinkLoop => Text::new("Diese Verknüpfung (Symlink) zeigt im Kreis auf sich selbst")
            .hint("Löschen Sie die Verknüpfung und legen Sie die Datei oder den Ordner direkt hier ab."),
        M::NotPartOfHandbook => Text::new("Diese Datei gehört zu keinem Teil des Handbuchs und wird nicht veröffentlicht")
            .hint("Kapitel gehören nach content/chapters/, Listen nach content/data/."),
        M::NotAChapter => Text::new("Diese Datei im Kapitel-Ordner ist kein Kapitel und wird nicht veröffentlicht")
            .hint("Kapitel sind Markdown-Dateien mit der Endung .md. Verschieben Sie andere Dateien (Entwürfe, Word-Dateien) aus content/chapters/ heraus, Bilder nach content/images/."),
        M::GeneratedPath { generated } => Text::new(format!(
            "Diese Datei würde {generated} ersetzen, das handbook selbst erzeugt"
        ))
        .hint("Benennen Sie die Datei um oder verschieben Sie sie in einen anderen Ordner, z. B. content/dateien/."),
        M::SameDataId { other } => Text::new(format!(
            "Diese Liste hat denselben Namen wie {other}"
        ))
        .hint("Listen werden über ihren Dateinamen ohne Endung angesprochen; zwei Dateien dürfen sich nicht nur in .yaml und .yml unterscheiden. Benennen oder löschen Sie eine der beiden."),
        M::YamlTooDeep { max } => Text::new(format!(
            "Die Einträge sind hier mehr als {max} Ebenen tief verschachtelt"
        ))
        .hint("Handbuch-Daten brauchen nur wenige Ebenen. Prüfen Sie die Einrückung und ob jede öffnende Klammer `[` oder `{` wieder geschlossen wird."),
        M::YamlUnknownField { place: p, field, expected, suggestion } => Text::new(format!(
            "Das Feld `{field}` gibt es hier nicht{}", at(p)
        ))
        .hint(match suggestion {
            Some(s) => format!("Meinten Sie `{s}`? Erlaubt sind: {}.", list(expected, "und")),
            None => format!("Entfernen Sie die Zeile oder korrigieren Sie den Namen. Erlaubt sind: {}.", list(expected, "und")),
        }),
        M::YamlMissingField { place: p, field } => Text::new(format!(
            "Hier fehlt das Feld `{field}`{}", at(p)
        ))
        .hint(format!("Ergänzen Sie eine Zeile `{field}: …` in diesem Eintrag.")),
        M::YamlUnknownValue { place: p, value, expected } => Text::new(format!(
            "`{value}` ist hier kein erlaubter Wert{}", at(p)
        ))
        .hint(format!("Schreiben Sie einen dieser Werte: {}.", one_of(expected))),
        M::YamlWrongType { place: p, found, expected } => Text::new(format!(
            "Hier steht {}, erwartet wird {}{}", shape(*found), shape(*expected), at(p)
        ))
        .hint(match expected {
            Shape::List => "Schreiben Sie jeden Wert in eine eigene, eingerückte Zeile mit `- ` davor, oder in eckige Klammern: `[Eins, Zwei]`.".to_string(),
            Shape::Text => "Setzen Sie den Wert in Anführungszeichen, dann ist er ein Text: `feld: \"…\"`.".to_string(),
            Shape::Number => "Schreiben Sie nur die Zahl, ohne Punkte, Einheiten oder Anführungszeichen, z. B. `count: 180`.".to_string(),
            Shape::Map => "Schreiben Sie die Felder dieses Eintrags eingerückt darunter, jedes als `feld: wert`.".to_string(),
            _ => "Prüfen Sie die Form des Werts.".to_string(),
        }),
        M::YamlDuplicateKey { key } => Text::new(format!(
            "Das Feld `{key}` steht in diesem Eintrag zweimal"
        ))
        .hint("Jedes Feld darf in einem Eintrag nur einmal vorkommen. Löschen Sie eine der beiden Zeilen."),
        M::YamlNeedsQuotes { line, quoted } => Text::new(format!(
            "Dieser Text enthält Zeichen, die in YAML eine eigene Bedeutung haben: `{line}`"
        ))
        .hint(format!("Setzen Sie den Text in Anführungszeichen: `{quoted}`")),
        M::YamlTab => Text::new("Diese Zeile ist mit einem Tabulator eingerückt")
            .hint("YAML erlaubt zum Einrücken nur Leerzeichen. Ersetzen Sie den Tabulator durch Leerzeichen (meist zwei pro Ebene)."),
        M::YamlIndentation { expected_col } => Text::new("Die Einrückung dieser Zeile passt nicht zu den Zeilen davor")
            .hint(format!(
                "Rücken Sie die Zeile so ein wie die anderen Felder desselben Eintrags: Sie sollte in Spalte {expected_col} beginnen."
            )),
        M::YamlMissingColon { line } => Text::new(format!(
            "In dieser Zeile fehlt der Doppelpunkt nach dem Feldnamen: `{line}`"
        ))
        .hint("Schreiben Sie Feldnamen und Wert mit Doppelpunkt und Leerzeichen: `feld: wert`."),
        M::YamlUnclosedQuote => Text::new("Ein Anführungszeichen wird geöffnet, aber nicht wieder geschlossen")
            .hint("Schließen Sie den Text mit demselben Anführungszeichen, mit dem er beginnt („\"“ oder „'“)."),
        M::YamlSeveralDocuments => Text::new("Die Datei enthält eine Trennlinie `---` und damit mehrere Dokumente")
            .hint("Eine Datei enthält genau eine Liste. Entfernen Sie die Zeile `---` oder teilen Sie die Datei in zwei."),
        M::YamlEmpty => Text::new("Die Datei ist leer")
            .hint("Schreiben Sie mindestens `kind:` und `title:` hinein, oder löschen Sie die Datei."),
        M::YamlUnreadable => Text::new("Ab hier ist der Text kein gültiges YAML")
            .hint("Prüfen Sie die Einrückung (nur Leerzeichen), den Doppelpunkt nach jedem Feldnamen und setzen Sie Texte mit `: `, `#` oder Klammern in Anführungszeichen."),
        M::YamlCommentCut { kept, quoted } => Text::new(format!(
            "Nach ` #` beginnt in YAML ein Kommentar: veröffentlicht wird nur „{kept}“"
        ))
        .hint(format!("Soll das `#` zum Text gehören, setzen Sie den Text in Anführungszeichen: `{quoted}`")),
        M::DateFormat { value } => Text::new(format!("`{value}` ist kein Datum in der Form JJJJ-MM-TT"))
            .hint("Schreiben Sie Daten als Jahr-Monat-Tag, z. B. `2026-11-25` für den 25. November 2026."),
        M::DateImpossible { value } => Text::new(format!("Den Tag `{value}` gibt es nicht im Kalender"))
            .hint("Prüfen Sie Monat und Tag, z. B. hat der Februar höchstens 29 Tage."),
        M::BaseUrlNotAbsolute { url } => Text::new(format!("`{url}` ist keine vollständige Web-Adresse"))
            .hint("Schreiben Sie die Adresse mit https:// davor, z. B. `https://example.org/` oder `https://example.org/handbuch/`."),
        M::ImprintNotAChapter { file, suggestion } => Text::new(format!(
            "Das Impressum `{file}` ist kein Kapitel dieses Handbuchs"
        ))
        .hint(maybe(suggestion, "Schreiben Sie den Dateinamen eines Kapitels aus content/chapters/.")),
        M::UnknownLanguage { code } => Text::new(format!("Für die Sprache `{code}` gibt es keine Meldungen"))
            .hint("Möglich sind `de` und `en`; die Meldungen erscheinen jetzt auf Deutsch."),
        M::NoFrontMatter => Text::new("Dem Kapitel fehlt der Kopf mit dem Titel")
            .hint("Beginnen Sie die Datei mit drei Zeilen: `---`, `title: Der Titel`, `---`."),
        M::FrontMatterUnclosed => Text::new("Der Kopf des Kapitels wird mit `---` geöffnet, aber nicht wieder geschlossen")
            .hint("Schreiben Sie nach den Feldern des Kopfes (title, summary, …) eine Zeile mit genau `---`."),
        M::ReservedUrl { slug } => Text::new(format!("Die Adresse `/{slug}/` benutzt handbook selbst"))
            .hint("Benennen Sie die Datei um, z. B. mit einem zweiten Wort."),
        M::SameUrl { slug, other } => Text::new(format!("Die Adresse `/{slug}/` hat auch {other}"))
            .hint("Die Dateinamen zweier Kapitel müssen sich auch ohne die Nummer am Anfang unterscheiden."),
        M::NoChapters => Text::new("Das Handbuch hat noch keine Kapitel")
            .hint("Legen Sie Markdown-Dateien in content/chapters/ an, z. B. mit `handbook new chapter \"Titel\"`."),
        M::HeadingLevelOne => Text::new("Eine Überschrift der ersten Ebene (`#`) mitten im Kapitel")
            .hint("Der Kapiteltitel ist die einzige Überschrift erster Ebene. Verwenden Sie `##` für Abschnitte."),
        M::BracesInParagraph => Text::new("`{{` mitten im Text wird als Text angezeigt")
            .hint("Eine Einbindung wie `{{ checklist name }}` muss allein in ihrem Absatz stehen, mit einer Leerzeile davor und danach."),
        M::DirectiveEmpty => Text::new("Die Einbindung `{{ }}` ist leer")
            .hint("Schreiben Sie sie als `{{ ART NAME }}`, z. B. `{{ checklist veranstaltungsplanung }}`."),
        M::DirectiveNeedsId { kind } => Text::new(format!("Der Einbindung `{kind}` fehlt der Name der Liste"))
            .hint(format!("Schreiben Sie den Dateinamen der Liste aus content/data/ dahinter, z. B. `{{{{ {kind} name }}}}`.")),
        M::DirectiveFilterForm { word } => Text::new(format!("`{word}` ist kein Filter der Form `feld=wert`"))
            .hint("Filter stehen hinter dem Namen der Liste, ohne Leerzeichen um das `=`, z. B. `{{ organisations dachverbaende level=bund }}`."),
        M::DuplicateHeadingId { id, first_line } => Text::new(format!("Die Abschnitts-Kennung `{id}` steht in diesem Kapitel zweimal"))
            .hint(format!("Sie wird schon in Zeile {first_line} verwendet. Geben Sie einer der beiden Überschriften eine andere: `## Titel {{#anderer-name}}`.")),
        M::BlockedHtml { what } => {
            let what_kind = *what;
            let what = match what {
                BlockedHtml::Script => "Ein `<script>` im Kapitel",
                BlockedHtml::EventAttribute => "Ein Ereignis-Attribut (`on…=`) im Kapitel",
                BlockedHtml::StyleAttribute => "Ein `style=`-Attribut im Kapitel",
                BlockedHtml::ScriptAddress => "Eine `javascript:`-Adresse im Kapitel",
            };
            Text::new(format!("{what} ist nicht erlaubt")).hint(format!(
                "Die Sicherheitsregeln der Website (Content-Security-Policy) würden es ohnehin blockieren. Entfernen Sie es; {}",
                if matches!(what_kind, BlockedHtml::StyleAttribute) {
                    "Gestaltung gehört in theme/assets/style.css."
                } else {
                    "Skripte gehören in theme/assets/ und werden dort eingebunden."
                }
            ))
        }
        M::UnsafeLink { url } => Text::new(format!("Die Adresse `{url}` ist in einem Link nicht erlaubt"))
            .hint("Links führen zu Kapiteln (`02-kapitel.md`), zu Dateien im Handbuch oder zu Adressen mit https://, http://, mailto: oder tel:."),
        M::DataFileName { stem } => Text::new(format!("`{stem}` ist kein gültiger Name für eine Liste"))
            .hint("Verwenden Sie im Dateinamen nur Kleinbuchstaben, Ziffern und `-`, z. B. `dachverbaende.yaml`."),
        M::MissingKind => Text::new("Der Liste fehlt die Angabe, welche Art von Liste sie ist")
            .hint("Beginnen Sie die Datei mit `kind: …`, einer dieser Arten: organisations, agencies, links, checklist, list."),
        M::UnknownKind { kind } => Text::new(format!("Die Art `{kind}` gibt es nicht"))
            .hint("Schreiben Sie eine dieser Arten: organisations, agencies, links, checklist, list."),
        M::InvalidId { id, suggestion } => Text::new(format!("`{id}` ist keine gültige Kennung"))
            .hint(format!("Kennungen bestehen aus Kleinbuchstaben, Ziffern und `-`, z. B. `{suggestion}`. Ändern Sie eine veröffentlichte Kennung nie: Die Häkchen der Leserinnen und Leser hängen daran.")),
        M::DuplicateId { what, id, first_line } => {
            let what = match what {
                IdKind::Item => "eines Eintrags",
                IdKind::Group => "einer Gruppe",
                IdKind::Link => "eines Links",
                IdKind::Phase => "einer Phase",
                IdKind::Point => "eines Punkts",
            };
            Text::new(format!("Die Kennung `{id}` {what} kommt doppelt vor"))
                .hint(format!("Sie wird schon in Zeile {first_line} verwendet. Jede Kennung darf in einer Datei nur einmal vorkommen."))
        }
        M::NotAWebAddress { url, id } => Text::new(format!("`{url}` (bei `{id}`) ist keine Web-Adresse"))
            .hint(format!("Schreiben Sie https:// davor: `https://{}`.", url.trim_start_matches('/'))),
        M::UnknownGroup { link, group, known } => Text::new(format!("Der Link `{link}` nennt die Gruppe `{group}`, die es nicht gibt"))
            .hint(if known.is_empty() {
                "Legen Sie die Gruppen zuerst unter `groups:` an.".to_string()
            } else {
                format!("Schreiben Sie eine dieser Gruppen: {}.", one_of(known))
            }),
        M::NoGroup { link } => Text::new(format!("Der Link `{link}` hat keine Gruppe"))
            .hint("Ergänzen Sie `group: …` mit einer der Kennungen unter `groups:`."),
        M::ChecklistEmpty => Text::new("Die Checkliste hat keine Punkte")
            .hint("Ergänzen Sie `phases:` mit `points:` darunter, oder `points:` direkt."),
        M::ChecklistBoth => Text::new("Eine Checkliste hat entweder `phases:` oder `points:`, nicht beides")
            .hint("Verschieben Sie diese Punkte in eine Phase."),
        M::DueOutOfRange { days, max } => Text::new(format!("`due: {days}` liegt mehr als {max} Tage vom Termin entfernt"))
            .hint("`due` zählt Tage ab dem Termin der Veranstaltung: `-14` heißt zwei Wochen vorher, `7` eine Woche danach."),
        M::UnknownDirective { kind } => Text::new(format!("Die Einbindung `{kind}` gibt es nicht"))
            .hint("Schreiben Sie eine dieser Arten: organisations, agencies, links, checklist, list."),
        M::NoSuchData { id, kind, known } => Text::new(format!("Es gibt keine Liste `{id}` für diese Einbindung ({kind})"))
            .hint(if known.is_empty() {
                format!("Legen Sie content/data/{id}.yaml mit `kind: {kind}` an.")
            } else {
                format!("Vorhandene Listen dieser Art: {}.", list(known, "und"))
            }),
        M::WrongKind { id, is, not } => Text::new(format!("`{id}` ist eine Liste der Art {is}, nicht {not}"))
            .hint(format!("Schreiben Sie `{{{{ {is} {id} }}}}`.")),
        M::NoSuchItem { data, missing, known } => Text::new(format!("`{data}` hat keinen Eintrag `{missing}`"))
            .hint(format!("Vorhandene Kennungen: {}.", list(known, "und"))),
        M::FilterLeavesNothing { data, key, value } => Text::new(format!("Der Filter {key}={value} lässt von `{data}` nichts übrig"))
            .hint("Prüfen Sie die Schreibweise des Werts."),
        M::UnknownFilter { key, kind, allowed } => Text::new(format!("Den Filter `{key}` gibt es für {kind} nicht"))
            .hint(if allowed.is_empty() {
                format!("Eine Einbindung von {kind} hat keine Filter.")
            } else {
                format!("Möglich sind: {}.", list(allowed, "und"))
            }),
        M::IdOfHeadingAndData { id } => Text::new(format!("Die Kennung `{id}` hat eine Überschrift und ein eingebundener Eintrag"))
            .hint("Geben Sie der Überschrift eine andere: `## Titel {#anderer-name}`."),
        M::EmbeddedTwice { id } => Text::new(format!("`{id}` ist auf dieser Seite zweimal eingebunden"))
            .hint("Binden Sie jeden Eintrag nur einmal pro Seite ein; zeigen Sie mit Filtern verschiedene Teile einer Liste."),
        M::NoSuchChapter { file, suggestion } => Text::new(format!("Der Link führt zu einem Kapitel, das es nicht gibt: `{file}`"))
            .hint(maybe(suggestion, "Verlinken Sie ein Kapitel über seinen Dateinamen in content/chapters/, z. B. `[Text](02-kapitel.md)`.")),
        M::AmbiguousChapter { file, candidates } => Text::new(format!("Ein Kapitel `{file}` gibt es in mehreren Teilen"))
            .hint(format!("Nennen Sie es mit seinem Ordner: {}.", list(candidates, "oder"))),
        M::NoSuchAnchor { file, anchor, suggestion } => Text::new(match file {
            Some(f) => format!("`{f}` hat keine Überschrift und keinen Eintrag mit der Kennung `{anchor}`"),
            None => format!("Diese Seite hat keine Überschrift und keinen Eintrag mit der Kennung `{anchor}`"),
        })
        .hint(match suggestion {
            Some(s) => format!("Meinten Sie `#{s}`?"),
            None => "Überschriften bekommen ihre Kennung aus dem Text: `## Erste Schritte` ist `#erste-schritte`.".to_string(),
        }),
        M::NoSuchFile { path, chapter } => Text::new(format!("Der Link führt zu einer Datei, die es nicht gibt: `{path}`"))
            .hint(match chapter {
                Some(file) => format!("Das ist die Web-Adresse eines Kapitels. Verlinken Sie stattdessen die Datei: `{file}` — so bleibt der Link richtig, auch wenn sich Adressen ändern."),
                None => "Legen Sie die Datei unter content/ ab (z. B. content/images/) und verlinken Sie sie mit diesem Pfad.".to_string(),
            }),
        M::AnchorInData { raw } => Text::new(format!("`{raw}` verweist auf einen Abschnitt derselben Seite, aber Listen können auf jeder Seite stehen"))
            .hint("Verlinken Sie die Kapiteldatei mit dem Abschnitt: `kapitel.md#abschnitt`."),
        M::DataUnused { kind, id } => Text::new("Kein Kapitel bindet diese Liste ein")
            .hint(format!("Schreiben Sie `{{{{ {kind} {id} }}}}` als eigenen Absatz in ein Kapitel.")),
        M::ChapterStale { date, months } => Text::new(format!("Das Kapitel wurde zuletzt am {date} geprüft, vor mehr als {months} Monaten"))
            .hint("Prüfen Sie den Inhalt und setzen Sie `reviewed:` auf das heutige Datum."),
        M::ContactsStale { date, months } => Text::new(format!("Die Kontaktdaten wurden zuletzt am {date} geprüft, vor mehr als {months} Monaten"))
            .hint("Prüfen Sie Adressen, Telefonnummern und Links und setzen Sie dann `reviewed:` auf das heutige Datum."),
        M::ContactsUndated => Text::new("Diese Liste enthält Kontaktdaten, aber kein Prüfdatum")
            .hint("Ergänzen Sie `reviewed: JJJJ-MM-TT`, nachdem Sie Adressen, Telefonnummern und Links geprüft haben."),
        M::ReviewInFuture { date } => Text::new(format!("Das Prüfdatum {date} liegt in der Zukunft"))
            .hint("Setzen Sie `reviewed:` auf den Tag, an dem Sie den Inhalt tatsächlich geprüft haben."),
        M::Template { chain } => Text::new(format!("Fehler in der Vorlage: {chain}"))
            .hint("Korrigieren Sie die Vorlage, oder löschen Sie Ihre Kopie in theme/, dann gilt die eingebaute."),
        M::TemplateNotUtf8 => Text::new("Die Vorlage ist nicht als UTF-8-Text gespeichert")
            .hint("Speichern Sie sie in Ihrem Editor mit der Kodierung „UTF-8“."),
        M::TemplateCycle { chain } => Text::new(format!("Die Vorlagen binden sich im Kreis ein: {}", chain.join(" → ")))
            .hint("Eine Vorlage darf sich weder selbst noch über andere wieder einbinden (include, extends, import). Entfernen Sie eine der Einbindungen."),
        M::OutReplacesSources => Text::new("Die Website wird hier nicht geschrieben: der Ordner würde die Quellen des Handbuchs ersetzen")
            .hint("Wählen Sie einen Ausgabeordner außerhalb von content/ und theme/, z. B. `--out public`."),
        M::OutNotAFolder => Text::new("Der Ausgabepfad ist eine Datei, kein Ordner")
            .hint("Löschen Sie die Datei oder wählen Sie mit `--out` einen anderen Ordner."),
        M::BaseUrlOption { url } => Text::new(format!("`{url}` ist keine vollständige Web-Adresse"))
            .hint("Schreiben Sie sie mit https:// davor, z. B. `--base-url https://example.org/handbuch/`."),
        M::Summary { verb, chapters, data_files, warnings, millis } => Text::new(format!(
            "{} {}, {}, {} in {:.2} s",
            match verb {
                Verb::Built => "Gebaut:",
                Verb::Checked => "Geprüft:",
                Verb::Rebuilt => "Neu gebaut:",
            },
            plural(*chapters, "Kapitel", "Kapitel"),
            plural(*data_files, "Liste", "Listen"),
            plural(*warnings, "Warnung", "Warnungen"),
            *millis as f64 / 1000.0,
        )),
        M::BuildDetails { pages, search, out } => Text::new(format!(
            " ({}, Suchindex {search}) nach {out}",
            plural(*pages, "Seite", "Seiten")
        )),
        M::ErrorCount { errors, written } => Text::new(format!(
            "{}{}",
            plural(*errors, "Fehler", "Fehler"),
            if *written { "" } else { " — es wurde nichts geschrieben" }
        )),
        M::Timing { stage, micros } => Text::new(format!(
            "  {:<10} {:>8.1} ms",
            match *stage {
                "load" => "Lesen",
                "parse" => "Verstehen",
                "validate" => "Prüfen",
                "render" => "Erzeugen",
                "write" => "Schreiben",
                other => other,
            },
            *micros as f64 / 1000.0
        )),
        M::Serving { dir, url } => Text::new(format!("Vorschau von {dir} unter {url} — beenden mit Strg+C")),
        M::Rebuilt { files, millis } => Text::new(format!("Neu gebaut ({}) in {millis} ms", files.join(", "))),
        M::StillServing { errors } => Text::new(format!(
            "{} — die Vorschau zeigt weiter den letzten fehlerfreien Stand",
            plural(*errors, "Fehler", "Fehler")
        )),
        M::NoGoodBuildYet { errors } => Text::new(format!(
            "{} — die Vorschau zeigt die Fehler, bis sie behoben sind",
            plural(*errors, "Fehler", "Fehler")
        )),
        M::PortInUse { addr, next } => Text::new(format!("Auf {addr} läuft schon ein anderes Programm"))
            .hint(format!("Beenden Sie es oder wählen Sie einen anderen Port, z. B. `--port {next}`.")),
        M::CannotListen { addr, cause } => Text::new(format!("Auf {addr} kann die Vorschau nicht starten: {cause}"))
            .hint("Prüfen Sie `--host` und `--port`."),
        M::CannotWatch { cause } => Text::new(format!("Änderungen an den Dateien können nicht beobachtet werden: {cause}"))
            .hint("Prüfen Sie, ob Sie den Ordner lesen dürfen."),
        M::NetlifyHeaders { cause } => Text::new(format!("Die Kopfzeilen aus netlify.toml sind nicht lesbar: {cause}"))
            .hint("Die Vorschau sendet die eingebauten Sicherheits-Kopfzeilen."),
        M::OpenBrowserFailed { url } => Text::new(format!("Der Browser ließ sich nicht öffnen; öffnen Sie {url} selbst")),
        M::OverlayTitle => Text::new("Die Vorschau zeigt den letzten fehlerfreien Stand. Bitte korrigieren Sie:"),
        M::BuildFailedPage => Text::new("Der Build ist fehlgeschlagen. Die Fehler stehen unten und im Terminal; die Seite lädt neu, sobald sie behoben sind."),
        M::HostRefused { host } => Text::new(format!(
            "403: Die Vorschau antwortet nur Anfragen an den eigenen Rechner, nicht an „{host}“. Öffnen Sie sie über die Adresse, die `handbook serve` anzeigt."
        )),
        M::SchemasWritten { dir, files } => Text::new(format!(
            "{files} Schemas in {dir} geschrieben: Editoren prüfen und ergänzen damit die YAML-Dateien"
        )),
        M::NewChapter { path, file, title } => Text::new(format!("Neues Kapitel {path} angelegt"))
            .hint(format!("Verlinken Sie es aus anderen Kapiteln mit `[{title}]({file})`.")),
        M::NewData { path, directive } => Text::new(format!("Neue Liste {path} angelegt"))
            .hint(format!("Binden Sie sie in ein Kapitel ein, als eigener Absatz: `{directive}`")),
        M::NewExists => Text::new("Diese Datei gibt es schon; sie bleibt, wie sie ist")
            .hint("Wählen Sie einen anderen Namen."),
        M::NewBadId { id, suggestion } => Text::new(format!("`{id}` ist kein gültiger Name für eine Liste"))
            .hint(format!("Verwenden Sie Kleinbuchstaben, Ziffern und `-`, z. B. `{suggestion}`.")),
        M::NewUnknownKind { kind } => Text::new(format!("`{kind}` kann handbook nicht anlegen"))
            .hint("Möglich sind: chapter, organisations, agencies, links, checklist, list."),
        M::InitNotEmpty => Text::new("Der Ordner ist nicht leer; es wurde nichts geschrieben")
            .hint("Wählen Sie einen neuen Ordnernamen, z. B. `handbook init mein-handbuch`."),
        M::InitCreated { dir, files } => Text::new(format!("Neues Handbuch in {dir} angelegt ({files} Dateien)")),
        M::InitNext { dir } => Text::new(format!(
            "Weiter mit: cd {dir} && handbook serve   (Vorschau unter http://127.0.0.1:3000, lädt bei jedem Speichern neu)"
        )),
    }
}
