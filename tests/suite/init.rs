//! `handbook init`: the starter handbook builds and serves with no warnings.

use crate::common::{handbook, stderr, stdout};

#[test]
fn init_writes_a_handbook_that_builds_clean() {
    let tmp = tempfile::tempdir().expect("tmp");
    let o = handbook(tmp.path(), &["init", "mein-handbuch"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("Neues Handbuch in mein-handbuch angelegt (18 Dateien)"),
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
                let text = std::fs::read_to_string(e.path()).unwrap_or_default();
                // The first line names the schema editors check the file with.
                text.starts_with(&format!(
                    "# yaml-language-server: $schema=../../schemas/{kind}.schema.json\n"
                )) && text.contains(&format!("\nkind: {kind}\n"))
            });
        assert!(found, "no {kind} data file");
    }
    assert!(dir.join("schemas/checklist.schema.json").is_file());
    let serve = crate::common::Serve::start(&dir);
    let (code, body) = crate::common::raw_get(serve.port, "GET", "/planung/");
    assert_eq!(code, 200);
    assert!(body.contains("Allen Beteiligten danken"));
}

/// The next step `init` prints works when typed as shown (with `handbook` on the PATH, as the
/// README's set-up puts it there).
#[test]
fn the_next_step_init_prints_works_as_typed() {
    let tmp = tempfile::tempdir().expect("tmp");
    let o = handbook(tmp.path(), &["init", "mein-handbuch"]);
    let out = stdout(&o);
    let step = out
        .lines()
        .find_map(|l| l.strip_prefix("Weiter mit: "))
        .and_then(|l| l.split("   ").next())
        .expect("a next step");
    assert_eq!(step, "cd mein-handbuch && handbook serve");
    let bin_dir = std::path::Path::new(env!("CARGO_BIN_EXE_handbook"))
        .parent()
        .expect("bin dir");
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let port = crate::common::browser::free_port();
    use std::os::unix::process::CommandExt;
    let mut child = std::process::Command::new("sh")
        .args(["-c", &format!("{step} --port {port}")])
        .process_group(0)
        .current_dir(tmp.path())
        .env("PATH", path)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("sh");
    crate::common::browser::wait_for_port(port);
    let (code, _) = crate::common::raw_get(port, "GET", "/");
    // The shell and the preview it started are one process group: both end.
    let _ = std::process::Command::new("kill")
        .args(["-TERM", "--", &format!("-{}", child.id())])
        .status();
    let _ = child.wait();
    assert_eq!(code, 200);
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
