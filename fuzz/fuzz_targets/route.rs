//! The preview's request routing: a request line's path and a Host header, whatever they hold.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let (path, host) = text.split_once('\n').unwrap_or((text, "localhost"));
    if let handbook::preview::Route::File(file) = handbook::preview::route(path) {
        assert!(!file.split('/').any(|s| s == ".." || s == "."), "{file}");
        assert!(!file.starts_with('/'), "{file}");
        let _ = handbook::preview::content_type(&file);
    }
    let _ = handbook::preview::allowed_host(host, "127.0.0.1");
});
