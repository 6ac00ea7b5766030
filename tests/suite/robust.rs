//! Bad input never panics: every content file of the handbook, cut short and mangled in many
//! ways, gives diagnostics (or a clean build), never a crash.

use crate::common::Book;

/// A small deterministic generator (xorshift), so that a failure can be repeated.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Things authors (and editors, and copy-paste) put into files.
const JUNK: [&[u8]; 16] = [
    b"{{",
    b"}}",
    b"{{ checklist }}",
    b"[x](",
    b"](#",
    b"---\n",
    b"\t",
    b": ",
    b"- ",
    b"\n  - id: a\n",
    b"\"",
    b"#",
    b"\0",
    b"\xff\xfe",
    "ü€😀".as_bytes(),
    b"\r\n",
];

fn mangle(rng: &mut Rng, text: &[u8]) -> Vec<u8> {
    let mut out = text.to_vec();
    match rng.below(4) {
        0 => out.truncate(rng.below(out.len() + 1)),
        1 => {
            for _ in 0..1 + rng.below(3) {
                let at = rng.below(out.len() + 1);
                let junk = JUNK[rng.below(JUNK.len())];
                out.splice(at..at, junk.iter().copied());
            }
        }
        2 => {
            let (a, b) = (rng.below(out.len() + 1), rng.below(out.len() + 1));
            out.drain(a.min(b)..a.max(b));
        }
        _ => {
            // Swap two lines: indentation and structure break in YAML.
            let mut lines: Vec<&[u8]> = text.split(|b| *b == b'\n').collect();
            let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
            lines.swap(a, b);
            out = lines.join(&b'\n');
        }
    }
    out
}

#[test]
fn mangled_content_gives_diagnostics_never_a_panic() {
    let book = Book::repo();
    let files: Vec<std::path::PathBuf> = walkdir::WalkDir::new(book.path().join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().to_path_buf())
        .collect();
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let mut reported = 0;
    for round in 0..300 {
        let file = &files[rng.below(files.len())];
        let original = std::fs::read(file).expect("read");
        std::fs::write(file, mangle(&mut rng, &original)).expect("write");
        let opts = handbook::Options::new(book.path());
        let result = std::panic::catch_unwind(|| handbook::check(&opts));
        let report = result
            .unwrap_or_else(|_| panic!("round {round}: a panic on a mangled {}", file.display()));
        for d in report.diagnostics.iter().filter(|d| d.is_error()) {
            let text = d.msg.text(handbook::i18n::Lang::De);
            assert!(
                !text.message.is_empty() && text.hint.is_some(),
                "round {round}: {d}"
            );
            // Parser jargon never reaches authors.
            let line = d.to_string();
            for jargon in [
                "mapping values",
                "while scanning",
                "expected a sequence",
                "invalid type",
                "did not find expected",
            ] {
                assert!(!line.contains(jargon), "round {round}: {line}");
            }
            reported += 1;
        }
        std::fs::write(file, &original).expect("restore");
    }
    assert!(
        reported > 100,
        "only {reported} errors reported in 300 rounds"
    );
}
