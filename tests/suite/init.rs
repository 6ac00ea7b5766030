//! `handbook init`: the starter handbook builds and serves with no warnings.

use crate::common::{handbook, stderr, stdout};

#[test]
fn init_writes_a_handbook_that_builds_clean() {
    let tmp = tempfile::tempdir().expect("tmp");
    let o = handbook(tmp.path(), &["init", "mein-handbuch"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("Neues Handbuch in mein-handbuch angelegt (10 Dateien)"),
        "{}",
        stdout(&o)
    );
    let dir = tmp.path().join("mein-handbuch");
    let o = handbook(&dir, &["build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "", "no warnings");
    assert!(
        stdout(&o).starts_with("Gebaut: 2 Kapitel, 5 Listen, 0 Warnungen"),
        "{}",
        stdout(&o)
    );
    let page = std::fs::read_to_string(dir.join("public/planung/index.html")).expect("page");
    assert_eq!(page.matches("type=\"checkbox\"").count(), 3);
    for kind in ["organisations", "agencies", "links", "checklist", "list"] {
        let found = std::fs::read_dir(dir.join("content/data"))
            .expect("data")
            .filter_map(Result::ok)
            .any(|e| {
                std::fs::read_to_string(e.path())
                    .unwrap_or_default()
                    .starts_with(&format!("kind: {kind}\n"))
            });
        assert!(found, "no {kind} data file");
    }
    let serve = crate::common::Serve::start(&dir);
    let (code, body) = crate::common::raw_get(serve.port, "GET", "/planung/");
    assert_eq!(code, 200);
    assert!(body.contains("Allen Beteiligten danken"));
}

#[test]
fn init_never_overwrites() {
    let tmp = tempfile::tempdir().expect("tmp");
    std::fs::write(tmp.path().join("notiz.txt"), "wichtig").expect("write");
    let o = handbook(tmp.path(), &["init", "."]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        ".: Fehler: Der Ordner ist nicht leer; es wurde nichts geschrieben — Wählen Sie einen neuen Ordnernamen, z. B. `handbook init mein-handbuch`.\n"
    );
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("notiz.txt")).expect("read"),
        "wichtig"
    );
    assert!(!tmp.path().join("content").exists());
}
