//! A chapter: front matter, Markdown and directives, parsed and validated beside one other
//! chapter and a data file, then rendered to HTML. Never a panic, whatever the text.
#![no_main]

use handbook::build::load::Sources;
use handbook::diagnostic::Diagnostic;
use handbook::fs::Files;
use handbook::model::SourceFile;
use std::path::{Path, PathBuf};

const CONFIG: &str = "title: T\nbase_url: https://example.org/\ndescription: d\npublisher: p\n";
const OTHER: &str = "---\ntitle: Andere\n---\n\n## Ziele\n";
const DATA: &str = "kind: checklist\ntitle: Plan\npoints:\n  - id: a\n    text: A\n";

/// The two chapters, in memory.
struct Memory<'a> {
    chapter: &'a str,
}

impl Files for Memory<'_> {
    fn text(&self, path: &Path) -> Result<String, Diagnostic> {
        Ok(if path.ends_with("01-kapitel.md") {
            self.chapter.to_string()
        } else {
            OTHER.to_string()
        })
    }
    fn bytes(&self, path: &Path) -> Result<Vec<u8>, Diagnostic> {
        self.text(path).map(String::into_bytes)
    }
}

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let Ok(chapter) = std::str::from_utf8(bytes) else {
        return;
    };
    let sources = Sources {
        config: SourceFile {
            path: PathBuf::from("content/handbook.yaml"),
            text: CONFIG.into(),
        },
        index: None,
        parts: Vec::new(),
        chapters: vec![
            PathBuf::from("content/chapters/01-kapitel.md"),
            PathBuf::from("content/chapters/02-andere.md"),
        ],
        data: vec![SourceFile {
            path: PathBuf::from("content/data/plan.yaml"),
            text: DATA.into(),
        }],
        assets: Vec::new(),
        theme: Vec::new(),
        warnings: Default::default(),
    };
    let files = Memory { chapter };
    if let Ok((site, _)) = handbook::build::parse::parse(sources, None, &files) {
        let _ = handbook::build::validate::validate(&site, handbook::model::date::Date::today());
        let body = handbook::model::markdown::split_front_matter(chapter).map_or(chapter, |f| f.body);
        let _ = handbook::model::markdown::render(body, &site.resolver);
    }
});
