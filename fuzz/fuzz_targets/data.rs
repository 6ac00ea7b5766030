//! A data file of any kind (the text says which): parsed, checked, its Markdown rendered.
#![no_main]

use handbook::model::SourceFile;
use handbook::model::site::Resolver;
use std::path::PathBuf;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let file = SourceFile {
        path: PathBuf::from("content/data/liste.yaml"),
        text: text.into(),
    };
    if let Ok((mut data, _)) = handbook::model::data::parse(&file) {
        let _ = data.render_markdown(&Resolver::default());
        let _ = data.item_ids();
    }
});
