//! handbook.yaml: parsed, its language read, every diagnostic worded in every language.
#![no_main]

use std::path::Path;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let _ = handbook::model::config::language_of(text);
    if let Err(e) = handbook::model::config::Config::parse(Path::new("content/handbook.yaml"), text) {
        for lang in handbook::i18n::Lang::ALL {
            let _ = e.render(lang);
        }
    }
    let _ = handbook::model::yaml::comment_cuts(text, 0);
});
