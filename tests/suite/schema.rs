//! The editors' schemas: every file of this handbook, of the fixture and of the starter
//! handbook passes them (checked by an independent validator, Python's `jsonschema`), and they
//! reject the mistakes the build rejects.

use crate::common::{Book, handbook, stderr};
use serde_json::{Value, json};
use std::path::Path;

/// What to check every file of the handbook at `root` against.
fn jobs(root: &Path) -> Vec<Value> {
    let schemas = root.join("schemas");
    let mut jobs = vec![json!({
        "schema": schemas.join("handbook.schema.json"),
        "file": root.join("content/handbook.yaml"),
    })];
    for entry in std::fs::read_dir(root.join("content/chapters")).expect("chapters") {
        let path = entry.expect("entry").path();
        jobs.push(json!({
            "schema": schemas.join("chapter.schema.json"),
            "file": path,
            "front_matter": true,
        }));
    }
    for entry in std::fs::read_dir(root.join("content/data")).expect("data") {
        let path = entry.expect("entry").path();
        jobs.push(json!({ "schema": schemas.join(format!("{}.schema.json", kind_of(&path))), "file": path }));
    }
    jobs
}

/// The `kind:` a data file names.
fn kind_of(path: &Path) -> String {
    std::fs::read_to_string(path)
        .expect("read")
        .lines()
        .find_map(|l| l.strip_prefix("kind:").map(|k| k.trim().to_string()))
        .expect("a kind")
}

/// Runs the independent validator; one line per file: `ok PATH` or `invalid PATH: why`.
fn validate(jobs: &[Value]) -> Vec<String> {
    use std::io::Write;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/schema_check.py");
    let mut child = std::process::Command::new("python3")
        .arg(script)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python3");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(serde_json::to_string(jobs).expect("json").as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert!(
        out.status.success(),
        "the validator failed (pip install jsonschema pyyaml): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

fn write_schemas(root: &Path) {
    let o = handbook(root, &["schema"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn every_file_of_every_handbook_passes_its_schema() {
    let starter = tempfile::tempdir().expect("temp");
    let init = handbook(starter.path(), &["init", "neu"]);
    assert!(init.status.success(), "{}", stderr(&init));
    let repo = Book::repo();
    let fixture = Book::new("basic");
    let roots = [
        repo.path().to_path_buf(),
        fixture.path().to_path_buf(),
        starter.path().join("neu"),
    ];
    let mut checked = 0;
    for root in &roots {
        write_schemas(root);
        let lines = validate(&jobs(root));
        let invalid: Vec<&String> = lines.iter().filter(|l| !l.starts_with("ok ")).collect();
        assert!(invalid.is_empty(), "{invalid:#?}");
        checked += lines.len();
    }
    assert!(checked > 40, "only {checked} files checked");
}

#[test]
fn schemas_reject_what_the_build_rejects() {
    let cases: [(&str, &str); 9] = [
        (
            "content/handbook.yaml",
            "title: T\ntitel: T\nbase_url: https://example.org/\ndescription: d\npublisher: p\n",
        ),
        (
            "content/handbook.yaml",
            "title: T\nbase_url: example.org\ndescription: d\npublisher: p\n",
        ),
        (
            "content/chapters/03-neu.md",
            "---\nsummary: Ohne Titel\n---\n\nText.\n",
        ),
        (
            "content/chapters/03-neu.md",
            "---\ntitle: Neu\nreviewed: 25.11.2026\n---\n\nText.\n",
        ),
        (
            "content/data/orte.yaml",
            "kind: list\ntitle: Orte\nitems:\n  - id: Haupt Sitz\n    title: A\n",
        ),
        (
            "content/data/verbaende.yaml",
            "kind: organisations\ntitle: V\nitems:\n  - id: a\n    name: A\n    level: kreis\n    description: d\n",
        ),
        (
            "content/data/stellen.yaml",
            "kind: agencies\ntitle: S\nitems:\n  - id: a\n    name: A\n    type: other\n    count: viele\n    description: d\n",
        ),
        (
            "content/data/links.yaml",
            "kind: links\ntitle: L\nitems:\n  - id: a\n    title: A\n    url: www.example.org\n",
        ),
        (
            "content/data/plan.yaml",
            "kind: checklist\ntitle: Plan\npoints:\n  - id: a\n    text: A\n    due: -1400\n",
        ),
    ];
    for (file, text) in cases {
        let book = Book::new("basic");
        write_schemas(book.path());
        book.write(file, text);
        let check = book.run(&["check"]);
        assert_eq!(
            check.status.code(),
            Some(1),
            "the build accepts {file}: {text}"
        );
        let job: Vec<Value> = jobs(book.path())
            .into_iter()
            .filter(|j| j["file"].as_str().is_some_and(|f| f.ends_with(file)))
            .collect();
        let lines = validate(&job);
        assert!(
            lines.len() == 1 && lines[0].starts_with("invalid "),
            "the schema accepts {file}: {text}\n{lines:?}"
        );
    }
}

#[test]
fn schemas_describe_fields_in_german() {
    let book = Book::new("basic");
    write_schemas(book.path());
    let schema: Value =
        serde_json::from_str(&book.read("schemas/checklist.schema.json")).expect("json");
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(schema["properties"]["kind"]["const"], "checklist");
    let text = serde_json::to_string(&schema).expect("text");
    assert!(
        text.contains("Die Häkchen der Leserinnen und Leser hängen daran"),
        "{text}"
    );
}
