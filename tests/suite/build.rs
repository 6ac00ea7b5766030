//! The build command end to end: fixture output, bad input with exact errors, exit codes, determinism.

use crate::common::{Book, fixture_dir, snapshot, stderr, stdout};
use std::path::Path;

/// Builds a fixture in-process and compares every output file with `expected/`.
/// `HANDBOOK_BLESS=1 cargo test` rewrites the expectations.
#[test]
fn fixture_output_matches_expected() {
    let book = Book::new("basic");
    let out = book.path().join("public");
    let mut opts = handbook::Options::new(book.path());
    opts.today = handbook::model::date::Date::parse("2026-11-25").expect("date");
    let report = handbook::build(&opts, &out);
    assert!(report.ok(), "{:?}", report.diagnostics);
    assert_eq!(report.warnings(), 0, "{:?}", report.diagnostics);
    let actual = snapshot(&out);
    let expected_dir = fixture_dir("basic").join("expected");
    if std::env::var_os("HANDBOOK_BLESS").is_some() {
        let _ = std::fs::remove_dir_all(&expected_dir);
        for (rel, bytes) in &actual {
            let p = expected_dir.join(rel);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(p, bytes).expect("write");
        }
    }
    let expected = snapshot(&expected_dir);
    let names =
        |m: &std::collections::BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(&actual),
        names(&expected),
        "the set of output files differs"
    );
    for (rel, bytes) in &actual {
        assert_eq!(
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(&expected[rel]),
            "{rel} differs from tests/fixtures/basic/expected/{rel} (HANDBOOK_BLESS=1 rewrites it)"
        );
    }
}

#[test]
fn output_is_deterministic() {
    let book = Book::new("basic");
    let a = book.run(&["build", "--out", "a"]);
    let b = book.run(&["build", "--out", "b"]);
    assert!(a.status.success() && b.status.success(), "{}", stderr(&a));
    assert_eq!(
        snapshot(&book.path().join("a")),
        snapshot(&book.path().join("b"))
    );
}

#[test]
fn summary_line_and_exit_code() {
    let book = Book::new("basic");
    let o = book.run(&["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("Gebaut: 2 Kapitel, 5 Listen, 0 Warnungen in "),
        "{out}"
    );
    // The search index: every file under search/, in bytes or rounded kilobytes.
    let index: usize = crate::common::snapshot(&book.path().join("public/search"))
        .values()
        .map(Vec::len)
        .sum();
    let index = if index < 10 * 1024 {
        format!("{index} B")
    } else {
        format!("{} KB", (index + 512) / 1024)
    };
    assert!(
        out.trim_end()
            .ends_with(&format!("s (5 Seiten, Suchindex {index}) nach public")),
        "{out}"
    );
    for f in [
        "index.html",
        "einleitung/index.html",
        "kontakt/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "drucken/index.html",
        "images/logo.svg",
        "search/index.json",
        "search/c/0.json",
        "search/g/0.json",
        "search/s/0.json",
    ] {
        assert!(book.path().join("public").join(f).is_file(), "{f} missing");
    }
}

#[test]
fn check_writes_nothing() {
    let book = Book::new("basic");
    let o = book.run(&["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("Geprüft: 2 Kapitel, 5 Listen, 0 Warnungen"));
    assert!(!book.path().join("public").exists());
}

#[test]
fn usage_errors_exit_2() {
    let book = Book::new("basic");
    for args in [
        &["build", "--nope"][..],
        &["frobnicate"][..],
        &[][..],
        &["serve", "--port", "x"][..],
    ] {
        let o = book.run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
    let o = book.run(&["--version"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        format!("handbook {}\n", env!("CARGO_PKG_VERSION"))
    );
    let o = book.run(&["build", "--help"]);
    assert!(
        stdout(&o).contains("Usage: handbook build [OPTIONS] [DIR]"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_folder_without_a_handbook() {
    let dir = tempfile::tempdir().expect("tmp");
    let o = crate::common::handbook(dir.path(), &["build"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "content/handbook.yaml: Fehler: Hier liegt kein Handbuch: die Datei content/handbook.yaml fehlt — Geben Sie den Ordner an, der content/ enthält, oder legen Sie mit `handbook init ORDNER` ein neues Handbuch an.\n1 Fehler — es wurde nichts geschrieben\n"
    );
}

#[test]
fn refuses_to_replace_the_sources() {
    let book = Book::new("basic");
    let o = book.run(&["build", "--out", "content/site"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("content/site: Fehler: Die Website wird hier nicht geschrieben"),
        "{}",
        stderr(&o)
    );
    let o = book.run(&["build", "--out", "."]);
    assert_eq!(o.status.code(), Some(1));
    assert!(book.path().join("content/handbook.yaml").is_file());
}

/// One case of bad input: a file to (over)write and the exact diagnostics.
struct Case {
    name: &'static str,
    file: &'static str,
    text: &'static str,
    expected: &'static str,
}

const CASES: &[Case] = &[
    Case {
        name: "malformed YAML in data",
        file: "content/data/orte.yaml",
        text: "kind: list\ntitle: Orte\nitems:\n  - id: a\n    title: [A\n",
        expected: "content/data/orte.yaml:5:12: Fehler: Dieser Text enthält Zeichen, die in YAML eine eigene Bedeutung haben: `title: [A` — Setzen Sie den Text in Anführungszeichen: `title: \"[A\"`",
    },
    Case {
        name: "malformed front matter",
        file: "content/chapters/03-neu.md",
        text: "---\ntitle: Neu\nsummary: a: b\n---\nText\n",
        expected: "content/chapters/03-neu.md:3:10: Fehler: Dieser Text enthält Zeichen, die in YAML eine eigene Bedeutung haben: `summary: a: b` — Setzen Sie den Text in Anführungszeichen: `summary: \"a: b\"`",
    },
    Case {
        name: "no front matter",
        file: "content/chapters/03-neu.md",
        text: "# Neu\n",
        expected: "content/chapters/03-neu.md:1:1: Fehler: Dem Kapitel fehlt der Kopf mit dem Titel — Beginnen Sie die Datei mit drei Zeilen: `---`, `title: Der Titel`, `---`.",
    },
    Case {
        name: "missing field",
        file: "content/data/links.yaml",
        text: "kind: links\ntitle: Links\nitems:\n  - id: beispiel\n    title: Beispiel\n",
        expected: "content/data/links.yaml:4:5: Fehler: Hier fehlt das Feld `url` (in `items` Nr. 1) — Ergänzen Sie eine Zeile `url: …` in diesem Eintrag.",
    },
    Case {
        name: "unknown field in handbook.yaml",
        file: "content/handbook.yaml",
        text: "title: T\ntitel: T\nbase_url: https://example.org/\ndescription: d\npublisher: p\n",
        expected: "content/handbook.yaml:2:1: Fehler: Das Feld `titel` gibt es hier nicht — Meinten Sie `title`? Erlaubt sind: `title`, `subtitle`, `short_title`, `language`, `base_url`, `description`, `publisher`, `region`, `edition`, `review_after_months` und `imprint`.",
    },
    Case {
        name: "mistyped field",
        file: "content/data/stellen.yaml",
        text: "kind: agencies\ntitle: S\nitems:\n  - id: a\n    name: A\n    type: integrationsagentur\n    count: viele\n    description: d\n",
        expected: "content/data/stellen.yaml:7:12: Fehler: Hier steht ein Text, erwartet wird eine Zahl (in `items` Nr. 1 › `count`) — Schreiben Sie nur die Zahl, ohne Punkte, Einheiten oder Anführungszeichen, z. B. `count: 180`.",
    },
    Case {
        name: "unknown enum value",
        file: "content/data/stellen.yaml",
        text: "kind: agencies\ntitle: S\nitems:\n  - id: a\n    name: A\n    type: amt\n    description: d\n",
        expected: "content/data/stellen.yaml:6:11: Fehler: `amt` ist hier kein erlaubter Wert (in `items` Nr. 1 › `type`) — Schreiben Sie einen dieser Werte: `integrationsagentur`, `kommunales-integrationszentrum` oder `other`.",
    },
    Case {
        name: "duplicate id",
        file: "content/data/plan.yaml",
        text: "kind: checklist\ntitle: Plan\npoints:\n  - id: ziele\n    text: A\n  - id: raum\n    text: B\n  - id: danken\n    text: C\n  - id: ziele\n    text: D\n",
        expected: "content/data/plan.yaml:10:5: Fehler: Die Kennung `ziele` eines Punkts kommt doppelt vor — Sie wird schon in Zeile 4 verwendet. Jede Kennung darf in einer Datei nur einmal vorkommen.",
    },
    Case {
        name: "malformed id",
        file: "content/data/orte.yaml",
        text: "kind: list\ntitle: Orte\nitems:\n  - id: Haupt Sitz\n    title: Hauptsitz\n",
        expected: "content/data/orte.yaml:4:5: Fehler: `Haupt Sitz` ist keine gültige Kennung — Kennungen bestehen aus Kleinbuchstaben, Ziffern und `-`, z. B. `haupt-sitz`. Ändern Sie eine veröffentlichte Kennung nie: Die Häkchen der Leserinnen und Leser hängen daran.",
    },
    Case {
        name: "unknown directive",
        file: "content/chapters/03-neu.md",
        text: "---\ntitle: Neu\n---\n\nText\n\n{{ tabelle plan }}\n",
        expected: "content/chapters/03-neu.md:7:1: Fehler: Die Einbindung `tabelle` gibt es nicht — Schreiben Sie eine dieser Arten: organisations, agencies, links, checklist, list.",
    },
    Case {
        name: "unknown data id",
        file: "content/chapters/03-neu.md",
        text: "---\ntitle: Neu\n---\n\n{{ checklist plaene }}\n",
        expected: "content/chapters/03-neu.md:5:1: Fehler: Es gibt keine Liste `plaene` für diese Einbindung (checklist) — Vorhandene Listen dieser Art: `plan`.",
    },
    Case {
        name: "directive of the wrong kind",
        file: "content/chapters/03-neu.md",
        text: "---\ntitle: Neu\n---\n\n{{ list plan }}\n",
        expected: "content/chapters/03-neu.md:5:1: Fehler: `plan` ist eine Liste der Art checklist, nicht list — Schreiben Sie `{{ checklist plan }}`.",
    },
    Case {
        name: "unknown filter",
        file: "content/chapters/03-neu.md",
        text: "---\ntitle: Neu\n---\n\n{{ links links farbe=rot }}\n",
        expected: "content/chapters/03-neu.md:5:1: Fehler: Den Filter `farbe` gibt es für links nicht — Möglich sind: `group` und `ids`.",
    },
    Case {
        name: "link to a missing chapter",
        file: "content/chapters/03-neu.md",
        text: "---\ntitle: Neu\n---\n\nSiehe [hier](02-kontakte.md).\n",
        expected: "content/chapters/03-neu.md:5:7: Fehler: Der Link führt zu einem Kapitel, das es nicht gibt: `02-kontakte.md` — Meinten Sie `02-kontakt.md`?",
    },
    Case {
        name: "link to a missing anchor",
        file: "content/chapters/03-neu.md",
        text: "---\ntitle: Neu\n---\n\nSiehe [hier](01-einleitung.md#zeile).\n",
        expected: "content/chapters/03-neu.md:5:7: Fehler: `01-einleitung.md` hat keine Überschrift und keinen Eintrag mit der Kennung `zeile` — Meinten Sie `#ziele`?",
    },
    Case {
        name: "link to a missing anchor on the same page",
        file: "content/chapters/03-neu.md",
        text: "---\ntitle: Neu\n---\n\n## Oben\n\n[hoch](#open)\n",
        expected: "content/chapters/03-neu.md:7:1: Fehler: Diese Seite hat keine Überschrift und keinen Eintrag mit der Kennung `open` — Meinten Sie `#oben`?",
    },
    Case {
        name: "link to a missing asset",
        file: "content/chapters/03-neu.md",
        text: "---\ntitle: Neu\n---\n\n![Bild](../images/foto.jpg)\n",
        expected: "content/chapters/03-neu.md:5:1: Fehler: Der Link führt zu einer Datei, die es nicht gibt: `images/foto.jpg` — Legen Sie die Datei unter content/ ab (z. B. content/images/) und verlinken Sie sie mit diesem Pfad.",
    },
    Case {
        name: "link in data to a missing chapter",
        file: "content/data/orte.yaml",
        text: "kind: list\ntitle: Orte\nitems:\n  - id: hauptsitz\n    title: Hauptsitz\n    link: 09-fehlt.md\n",
        expected: "content/data/orte.yaml:6:11: Fehler: Der Link führt zu einem Kapitel, das es nicht gibt: `09-fehlt.md` — Verlinken Sie ein Kapitel über seinen Dateinamen in content/chapters/, z. B. `[Text](02-kapitel.md)`.",
    },
    Case {
        name: "template syntax error",
        file: "theme/templates/404.html",
        text: "{% extends \"base.html\" %}{% block main %}{{ page.title {% endblock main %}",
        expected: "theme/templates/404.html:1:56: Fehler: Fehler in der Vorlage: Failed to parse '404.html':  --> 1:56\n  |\n1 | {% extends \"base.html\" %}{% block main %}{{ page.title {% endblock main %}\n  |                                                        ^---\n  |\n  = expected `or`, `and`, `not`, `<=`, `>=`, `<`, `>`, `==`, `!=`, `+`, `-`, `*`, `/`, `%`, a filter, or a variable end (`}}`) — Korrigieren Sie die Vorlage, oder löschen Sie Ihre Kopie in theme/, dann gilt die eingebaute.",
    },
    Case {
        name: "template runtime error",
        file: "theme/templates/404.html",
        text: "{% extends \"base.html\" %}{% block main %}{{ page.nope.deeper }}{% endblock main %}",
        expected: "theme/templates/404.html: Fehler: Fehler in der Vorlage: Failed to render '404.html': Variable `page.nope.deeper` not found in context while rendering '404.html' — Korrigieren Sie die Vorlage, oder löschen Sie Ihre Kopie in theme/, dann gilt die eingebaute.",
    },
    Case {
        name: "a copied file where the start page goes",
        file: "content/index.html",
        text: "<p>Start</p>\n",
        expected: "content/index.html: Fehler: Diese Datei würde /hb/index.html ersetzen, das handbook selbst erzeugt — Benennen Sie die Datei um oder verschieben Sie sie in einen anderen Ordner, z. B. content/dateien/.",
    },
    Case {
        name: "a copied file in the theme's asset folder",
        file: "content/assets/style.css",
        text: "body {}\n",
        expected: "content/assets/style.css: Fehler: Diese Datei würde /hb/assets/style.css ersetzen, das handbook selbst erzeugt — Benennen Sie die Datei um oder verschieben Sie sie in einen anderen Ordner, z. B. content/dateien/.",
    },
    Case {
        name: "a copied file where a chapter page goes",
        file: "content/kontakt/index.html",
        text: "<p>Kontakt</p>\n",
        expected: "content/kontakt/index.html: Fehler: Diese Datei würde /hb/kontakt/index.html ersetzen, das handbook selbst erzeugt — Benennen Sie die Datei um oder verschieben Sie sie in einen anderen Ordner, z. B. content/dateien/.",
    },
    Case {
        name: "x.yaml and x.yml",
        file: "content/data/plan.yml",
        text: "kind: checklist\ntitle: Plan 2\npoints:\n  - id: a\n    text: A\n",
        expected: "content/data/plan.yml: Fehler: Diese Liste hat denselben Namen wie content/data/plan.yaml — Listen werden über ihren Dateinamen ohne Endung angesprochen; zwei Dateien dürfen sich nicht nur in .yaml und .yml unterscheiden. Benennen oder löschen Sie eine der beiden.",
    },
    Case {
        name: "a heading id given twice",
        file: "content/chapters/03-neu.md",
        text: "---\ntitle: Neu\n---\n\n## Eins {#abschnitt}\n\nText.\n\n## Zwei {#abschnitt}\n",
        expected: "content/chapters/03-neu.md:9:1: Fehler: Die Abschnitts-Kennung `abschnitt` steht in diesem Kapitel zweimal — Sie wird schon in Zeile 5 verwendet. Geben Sie einer der beiden Überschriften eine andere: `## Titel {#anderer-name}`.",
    },
    Case {
        name: "an imprint that names no chapter",
        file: "content/handbook.yaml",
        text: "title: Testhandbuch\nbase_url: https://example.org/hb/\ndescription: d\npublisher: p\nimprint: 09-impressum.md\n",
        expected: "content/handbook.yaml:5:1: Fehler: Das Impressum `09-impressum.md` ist kein Kapitel dieses Handbuchs — Schreiben Sie den Dateinamen eines Kapitels aus content/chapters/.",
    },
    Case {
        name: "a template that includes itself",
        file: "theme/templates/partials/list.html",
        text: "<div>{% include \"partials/list.html\" %}</div>\n",
        expected: "theme/templates/partials/list.html: Fehler: Die Vorlagen binden sich im Kreis ein: partials/list.html → partials/list.html — Eine Vorlage darf sich weder selbst noch über andere wieder einbinden (include, extends, import). Entfernen Sie eine der Einbindungen.",
    },
    Case {
        name: "templates that extend each other",
        file: "theme/templates/404.html",
        text: "{% extends \"404.html\" %}\n",
        expected: "theme/templates/404.html: Fehler: Die Vorlagen binden sich im Kreis ein: 404.html → 404.html — Eine Vorlage darf sich weder selbst noch über andere wieder einbinden (include, extends, import). Entfernen Sie eine der Einbindungen.",
    },
    Case {
        name: "a javascript: link in a chapter",
        file: "content/chapters/03-neu.md",
        text: "---\ntitle: Neu\n---\n\nBitte [klicken](JavaScript:alert(1)).\n",
        expected: "content/chapters/03-neu.md:5:7: Fehler: Die Adresse `JavaScript:alert(1)` ist in einem Link nicht erlaubt — Links führen zu Kapiteln (`02-kapitel.md`), zu Dateien im Handbuch oder zu Adressen mit https://, http://, mailto: oder tel:.",
    },
    Case {
        name: "a data: link in a data field",
        file: "content/data/orte.yaml",
        text: "kind: list\ntitle: Orte\nitems:\n  - id: a\n    title: A\n    text: Siehe [hier](data:text/html,hallo).\n",
        expected: "content/data/orte.yaml:6:11: Fehler: Die Adresse `data:text/html,hallo` ist in einem Link nicht erlaubt — Links führen zu Kapiteln (`02-kapitel.md`), zu Dateien im Handbuch oder zu Adressen mit https://, http://, mailto: oder tel:.",
    },
    Case {
        name: "a script in a chapter",
        file: "content/chapters/03-neu.md",
        text: "---\ntitle: Neu\n---\n\n<script>alert(1)</script>\n",
        expected: "content/chapters/03-neu.md:5:1: Fehler: Ein `<script>` im Kapitel ist nicht erlaubt — Die Sicherheitsregeln der Website (Content-Security-Policy) würden es ohnehin blockieren. Entfernen Sie es; Skripte gehören in theme/assets/ und werden dort eingebunden.",
    },
    Case {
        name: "an event attribute in a chapter",
        file: "content/chapters/03-neu.md",
        text: "---\ntitle: Neu\n---\n\n<img src=\"../images/logo.svg\" alt=\"\" onerror=\"alert(1)\">\n",
        expected: "content/chapters/03-neu.md:5:1: Fehler: Ein Ereignis-Attribut (`on…=`) im Kapitel ist nicht erlaubt — Die Sicherheitsregeln der Website (Content-Security-Policy) würden es ohnehin blockieren. Entfernen Sie es; Skripte gehören in theme/assets/ und werden dort eingebunden.",
    },
    Case {
        name: "a style attribute in a chapter",
        file: "content/chapters/03-neu.md",
        text: "---\ntitle: Neu\n---\n\n<p style=\"color: red\">Rot</p>\n",
        expected: "content/chapters/03-neu.md:5:1: Fehler: Ein `style=`-Attribut im Kapitel ist nicht erlaubt — Die Sicherheitsregeln der Website (Content-Security-Policy) würden es ohnehin blockieren. Entfernen Sie es; Gestaltung gehört in theme/assets/style.css.",
    },
    Case {
        name: "text that starts with a YAML sign",
        file: "content/data/orte.yaml",
        text: "kind: list\ntitle: Orte\nitems:\n  - id: a\n    title: A\n    text: **Wichtig:** bitte anmelden\n",
        expected: "content/data/orte.yaml:6:11: Fehler: Dieser Text enthält Zeichen, die in YAML eine eigene Bedeutung haben: `text: **Wichtig:** bitte anmelden` — Setzen Sie den Text in Anführungszeichen: `text: \"**Wichtig:** bitte anmelden\"`",
    },
    Case {
        name: "a tab used for indentation",
        file: "content/data/orte.yaml",
        text: "kind: list\ntitle: Orte\nitems:\n\t- id: a\n\t  title: A\n",
        expected: "content/data/orte.yaml:4:1: Fehler: Diese Zeile ist mit einem Tabulator eingerückt — YAML erlaubt zum Einrücken nur Leerzeichen. Ersetzen Sie den Tabulator durch Leerzeichen (meist zwei pro Ebene).",
    },
    Case {
        name: "a missing colon",
        file: "content/data/orte.yaml",
        text: "kind: list\ntitle: Orte\nitems\n  - id: a\n    title: A\n",
        expected: "content/data/orte.yaml:3:1: Fehler: In dieser Zeile fehlt der Doppelpunkt nach dem Feldnamen: `items` — Schreiben Sie Feldnamen und Wert mit Doppelpunkt und Leerzeichen: `feld: wert`.",
    },
    Case {
        name: "indentation that does not match",
        file: "content/data/orte.yaml",
        text: "kind: list\ntitle: Orte\nitems:\n  - id: a\n      title: A\n",
        expected: "content/data/orte.yaml:5:1: Fehler: Die Einrückung dieser Zeile passt nicht zu den Zeilen davor — Rücken Sie die Zeile so ein wie die anderen Felder desselben Eintrags: Sie sollte in Spalte 5 beginnen.",
    },
    Case {
        name: "a day the calendar does not have",
        file: "content/chapters/03-neu.md",
        text: "---\ntitle: Neu\nreviewed: 2026-02-30\n---\n\nText.\n",
        expected: "content/chapters/03-neu.md:3:11: Fehler: Den Tag `2026-02-30` gibt es nicht im Kalender — Prüfen Sie Monat und Tag, z. B. hat der Februar höchstens 29 Tage.",
    },
    Case {
        name: "a date in another form",
        file: "content/handbook.yaml",
        text: "title: Testhandbuch\nbase_url: https://example.org/hb/\ndescription: d\npublisher: p\nedition: 25.11.2026\n",
        expected: "content/handbook.yaml:5:10: Fehler: `25.11.2026` ist kein Datum in der Form JJJJ-MM-TT — Schreiben Sie Daten als Jahr-Monat-Tag, z. B. `2026-11-25` für den 25. November 2026.",
    },
    Case {
        name: "front matter never closed",
        file: "content/chapters/03-neu.md",
        text: "---\ntitle: Neu\n\nText ohne Ende des Kopfes.\n",
        expected: "content/chapters/03-neu.md:1:1: Fehler: Der Kopf des Kapitels wird mit `---` geöffnet, aber nicht wieder geschlossen — Schreiben Sie nach den Feldern des Kopfes (title, summary, …) eine Zeile mit genau `---`.",
    },
    Case {
        name: "a chapter linked by its web address",
        file: "content/chapters/03-neu.md",
        text: "---\ntitle: Neu\n---\n\nSiehe [Kontakt](/kontakt/).\n",
        expected: "content/chapters/03-neu.md:5:7: Fehler: Der Link führt zu einer Datei, die es nicht gibt: `kontakt/` — Das ist die Web-Adresse eines Kapitels. Verlinken Sie stattdessen die Datei: `02-kontakt.md` — so bleibt der Link richtig, auch wenn sich Adressen ändern.",
    },
    Case {
        name: "a base_url that is no address",
        file: "content/handbook.yaml",
        text: "title: Testhandbuch\nbase_url: example.org\ndescription: d\npublisher: p\n",
        expected: "content/handbook.yaml:2:11: Fehler: `example.org` ist keine vollständige Web-Adresse — Schreiben Sie die Adresse mit https:// davor, z. B. `https://example.org/` oder `https://example.org/handbuch/`.",
    },
    Case {
        name: "an unknown field with a likely meaning",
        file: "content/data/orte.yaml",
        text: "kind: list\ntitle: Orte\nitems:\n  - id: a\n    titel: A\n",
        expected: "content/data/orte.yaml:5:5: Fehler: Das Feld `titel` gibt es hier nicht (in `items` Nr. 1) — Meinten Sie `title`? Erlaubt sind: `id`, `title`, `text`, `points`, `examples`, `link`, `address`, `phone`, `fax`, `email` und `url`.",
    },
    Case {
        name: "a list written as text",
        file: "content/data/verbaende.yaml",
        text: "kind: organisations\ntitle: V\nitems:\n  - id: a\n    name: A\n    level: bund\n    focus: Eltern\n    description: d\n",
        expected: "content/data/verbaende.yaml:7:12: Fehler: Hier steht ein Text, erwartet wird eine Liste (in `items` Nr. 1 › `focus`) — Schreiben Sie jeden Wert in eine eigene, eingerückte Zeile mit `- ` davor, oder in eckige Klammern: `[Eins, Zwei]`.",
    },
    Case {
        name: "a due offset far from the event",
        file: "content/data/plan.yaml",
        text: "kind: checklist\ntitle: Plan\npoints:\n  - id: a\n    text: A\n    due: -1400\n",
        expected: "content/data/plan.yaml:6:10: Fehler: `due: -1400` liegt mehr als 365 Tage vom Termin entfernt — `due` zählt Tage ab dem Termin der Veranstaltung: `-14` heißt zwei Wochen vorher, `7` eine Woche danach.",
    },
];

/// Each bad input: the exact diagnostics, exit code 1, and the previous output untouched.
#[test]
fn bad_input_is_reported_and_the_previous_output_kept() {
    let mut failures = Vec::new();
    for case in CASES {
        let book = Book::new("basic");
        let first = book.run(&["build"]);
        assert!(first.status.success(), "{}", stderr(&first));
        let before = snapshot(&book.path().join("public"));
        book.write(case.file, case.text);
        let o = book.run(&["build"]);
        let err = stderr(&o);
        let diagnostics: Vec<&str> = err
            .lines()
            .filter(|l| !l.ends_with("es wurde nichts geschrieben"))
            .collect();
        let expected: Vec<&str> = case.expected.lines().collect();
        if o.status.code() != Some(1) || diagnostics != expected {
            failures.push(format!(
                "{}: exit {:?}\n--- got:\n{err}--- expected:\n{}\n",
                case.name,
                o.status.code(),
                case.expected
            ));
        }
        assert_eq!(
            snapshot(&book.path().join("public")),
            before,
            "{}: the previous output changed",
            case.name
        );
        let leftovers: Vec<_> = std::fs::read_dir(book.path())
            .expect("read dir")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".public"))
            .collect();
        assert!(
            leftovers.is_empty(),
            "{}: temporary folders left: {leftovers:?}",
            case.name
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn all_problems_are_collected() {
    let book = Book::new("basic");
    book.write(
        "content/chapters/03-neu.md",
        "---\ntitle: Neu\n---\n\n[a](x.md) [b](#y)\n\n{{ list nix }}\n",
    );
    book.write(
        "content/data/orte.yaml",
        "kind: list\ntitle: Orte\nitems:\n  - id: A\n    title: a\n",
    );
    let o = book.run(&["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(
        err.lines().filter(|l| l.contains(": Fehler: ")).count(),
        1,
        "data errors stop before link checks: {err}"
    );
    book.write(
        "content/data/orte.yaml",
        "kind: list\ntitle: Orte\nitems:\n  - id: hauptsitz\n    title: a\n",
    );
    let err = stderr(&book.run(&["check"]));
    assert_eq!(
        err.lines().filter(|l| l.contains(": Fehler: ")).count(),
        3,
        "{err}"
    );
    assert!(err.ends_with("3 Fehler\n"), "{err}");
}

#[test]
fn warnings_do_not_fail_the_build() {
    let book = Book::new("basic");
    book.edit(
        "content/handbook.yaml",
        "imprint:",
        "review_after_months: 12\nimprint:",
    );
    book.edit(
        "content/chapters/01-einleitung.md",
        "reviewed: 2026-11-01",
        "reviewed: 2020-01-01",
    );
    book.write(
        "content/data/extra.yaml",
        "kind: list\ntitle: Extra\nitems:\n  - id: a\n    title: A\n",
    );
    let o = book.run(&["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("content/chapters/01-einleitung.md:4:1: Warnung: Das Kapitel wurde zuletzt am 1. Januar 2020 geprüft, vor mehr als 12 Monaten — Prüfen Sie den Inhalt und setzen Sie `reviewed:` auf das heutige Datum."), "{err}");
    assert!(err.contains("content/data/extra.yaml: Warnung: Kein Kapitel bindet diese Liste ein — Schreiben Sie `{{ list extra }}` als eigenen Absatz in ein Kapitel."), "{err}");
    assert!(err.contains("content/data/orte.yaml:1:1: Warnung: Diese Liste enthält Kontaktdaten, aber kein Prüfdatum — Ergänzen Sie `reviewed: JJJJ-MM-TT`, nachdem Sie Adressen, Telefonnummern und Links geprüft haben."), "{err}");
    assert!(
        stdout(&o).starts_with("Gebaut: 2 Kapitel, 6 Listen, 3 Warnungen"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn theme_files_override_the_built_in_ones_one_by_one() {
    let book = Book::new("basic");
    std::fs::remove_file(book.path().join("theme/templates/404.html")).expect("rm");
    let o = book.run(&["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = book.read("public/404.html");
    assert!(
        page.contains("Diese Seite gibt es nicht"),
        "built-in 404 template: {page}"
    );
    assert!(
        !page.contains("skip-link"),
        "the fixture's base.html is used: {page}"
    );
}

#[test]
fn sub_path_base_url_everywhere() {
    let book = Book::new("basic");
    assert!(book.run(&["build"]).status.success());
    let page = book.read("public/kontakt/index.html");
    assert!(
        page.contains("<link rel=\"canonical\" href=\"https://example.org/hb/kontakt/\">"),
        "{page}"
    );
    assert!(page.contains("href=\"/hb/assets/style."), "{page}");
    assert!(
        book.read("public/sitemap.xml")
            .contains("<loc>https://example.org/hb/einleitung/</loc>")
    );
    assert!(Path::new(&book.path().join("public/images/logo.svg")).is_file());
}

#[test]
fn a_handbook_without_chapters_builds_a_whole_print_page_once() {
    let book = Book::new("basic");
    for f in ["01-einleitung.md", "02-kontakt.md"] {
        std::fs::remove_file(book.path().join("content/chapters").join(f)).expect("rm");
    }
    std::fs::remove_dir_all(book.path().join("content/data")).expect("rm data");
    book.write("content/index.md", "Noch leer.\n");
    book.edit("content/handbook.yaml", "imprint: 02-kontakt.md\n", "");
    let o = book.run(&["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let print = book.read("public/drucken/index.html");
    assert_eq!(print.matches("<html").count(), 1, "{print}");
    assert_eq!(print.matches("</html>").count(), 1);
}
