//! Offline: the service worker that precaches a build, and the web app manifest.

use crate::hash::hash;
use crate::model::site::Site;
use serde_json::json;
use std::collections::BTreeMap;

const SW_JS: &str = include_str!("sw.js");

/// The service worker (precaching every file of this build, versioned by their hashes) and
/// the web app manifest.
pub(crate) fn offline_files(
    site: &Site,
    base_path: &str,
    written: &[(String, String)],
    assets: &BTreeMap<String, String>,
) -> (String, String) {
    let mut files: Vec<String> = Vec::new();
    let mut version_input = String::new();
    for (path, h) in written {
        version_input.push_str(&format!("{path}:{h}\n"));
        if path == "sitemap.xml" || path == "robots.txt" {
            continue;
        }
        let url = match path.strip_suffix("index.html") {
            Some(dir) => format!("{base_path}{dir}"),
            None => format!("{base_path}{path}"),
        };
        files.push(url);
    }
    files.push(format!("{base_path}manifest.webmanifest"));
    let version = hash(version_input.as_bytes());
    let sw = SW_JS
        .replace("__VERSION__", &version)
        .replace("__BASE__", base_path)
        .replace(
            "__FILES__",
            &serde_json::to_string(&files).unwrap_or_else(|_| "[]".into()),
        );
    let cfg = &site.config;
    let manifest = json!({
        "name": cfg.title,
        "short_name": cfg.short_title.as_deref().unwrap_or_else(|| cfg.title.split_whitespace().next().unwrap_or("Handbuch")),
        "description": cfg.description,
        "lang": cfg.language,
        "start_url": base_path,
        "scope": base_path,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1d4f6e",
        "icons": [
            { "src": assets.get("favicon.svg"), "sizes": "any", "type": "image/svg+xml", "purpose": "any" },
            { "src": assets.get("icon-192.png"), "sizes": "192x192", "type": "image/png", "purpose": "any maskable" },
            { "src": assets.get("icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any maskable" },
        ],
    });
    (
        sw,
        serde_json::to_string_pretty(&manifest).unwrap_or_default(),
    )
}
