//! Offline: the service worker and the web app manifest. The worker precaches the whole
//! handbook while it stays within a budget; beyond it, the shell (styles, scripts, icons), the
//! start page, the 404 page and the pages with checklists, keeping each page the reader opens —
//! and the list of every file (`offline.json`), for readers who keep the whole book on request.

use crate::hash::hash;
use crate::model::site::Site;
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;

const SW_JS: &str = include_str!("sw.js");

/// The whole handbook is precached while its files take at most this many bytes on the
/// reader's device (about 5 MB to download: HTML and JSON compress to a quarter or less).
const WHOLE_BUDGET: usize = 20 << 20;

/// The list of every file a reader can keep offline, written beyond the budget.
pub(crate) const LIST: &str = "offline.json";

/// What a build adds for offline use.
pub(crate) struct Offline {
    pub sw: String,
    pub manifest: String,
    /// `offline.json`, when the handbook passes the budget.
    pub list: Option<String>,
}

/// One file of the build, as the service worker sees it.
struct File {
    url: String,
    hash: String,
    bytes: usize,
    /// Kept with the whole book, not with the chapters alone: the search index and the print
    /// page (all chapters again).
    whole_only: bool,
}

/// What a reader can keep, in bytes: everything, or the chapters (without the search index and
/// the print page).
#[derive(Serialize)]
struct Sizes {
    all: usize,
    pages: usize,
}

/// `offline.json`: `{"v": version, "files": [[url, bytes, hash, 1 if kept with the whole book
/// only], ...]}`.
#[derive(Serialize)]
struct List<'a> {
    v: &'a str,
    files: Vec<(&'a str, usize, &'a str, u8)>,
}

/// The service worker (versioned by the hashes of every file of this build), the web app
/// manifest and, beyond the budget, the list of files to keep.
pub(crate) fn offline_files(
    site: &Site,
    base_path: &str,
    written: &[(String, String, usize)],
    assets: &BTreeMap<String, String>,
) -> Offline {
    let files = files(base_path, written);
    let version = version(written);
    let total: usize = files.iter().map(|f| f.bytes).sum();
    let whole = total <= WHOLE_BUDGET;
    let mut precache: Vec<&str> = if whole {
        files.iter().map(|f| f.url.as_str()).collect()
    } else {
        shell(site, base_path, &files)
    };
    let webmanifest = format!("{base_path}manifest.webmanifest");
    precache.push(&webmanifest);
    let pages: usize = files
        .iter()
        .filter(|f| !f.whole_only)
        .map(|f| f.bytes)
        .sum();
    let sw = SW_JS
        .replace("__VERSION__", &version)
        .replace("__BASE__", base_path)
        .replace("__WHOLE__", if whole { "true" } else { "false" })
        .replace(
            "__SIZES__",
            &serde_json::to_string(&Sizes { all: total, pages }).unwrap_or_default(),
        )
        .replace(
            "__FILES__",
            &serde_json::to_string(&precache).unwrap_or_else(|_| "[]".into()),
        );
    let list = (!whole).then(|| {
        let list = List {
            v: &version,
            files: files
                .iter()
                .map(|f| {
                    (
                        f.url.as_str(),
                        f.bytes,
                        f.hash.as_str(),
                        u8::from(f.whole_only),
                    )
                })
                .collect(),
        };
        serde_json::to_string(&list).unwrap_or_default()
    });
    Offline {
        sw,
        manifest: web_manifest(site, base_path, assets),
        list,
    }
}

/// Every file a reader may keep, with its address (pages by their folder).
fn files(base_path: &str, written: &[(String, String, usize)]) -> Vec<File> {
    written
        .iter()
        .filter(|(path, _, _)| path != "sitemap.xml" && path != "robots.txt")
        .map(|(path, hash, bytes)| File {
            url: match path.strip_suffix("index.html") {
                Some(dir) => format!("{base_path}{dir}"),
                None => format!("{base_path}{path}"),
            },
            hash: hash.clone(),
            bytes: *bytes,
            whole_only: path.starts_with("search/") || path == "drucken/index.html",
        })
        .collect()
}

/// The build's version: a hash of every file's path and hash.
fn version(written: &[(String, String, usize)]) -> String {
    let mut input = String::new();
    for (path, h, _) in written {
        input.push_str(&format!("{path}:{h}\n"));
    }
    hash(input.as_bytes())
}

/// What is precached beyond the budget: the theme's assets, the start page, the 404 page and
/// every chapter with a checklist (plans are kept there, so they work offline from the start).
fn shell<'f>(site: &Site, base_path: &str, files: &'f [File]) -> Vec<&'f str> {
    let assets = format!("{base_path}assets/");
    let not_found = format!("{base_path}404.html");
    let checklists: std::collections::HashSet<&str> = site
        .chapters
        .iter()
        .filter(|c| c.md.directives.iter().any(|d| d.kind == "checklist"))
        .map(|c| c.url.as_str())
        .collect();
    files
        .iter()
        .map(|f| f.url.as_str())
        .filter(|url| {
            url.starts_with(&assets)
                || *url == base_path
                || *url == not_found
                || checklists.contains(*url)
        })
        .collect()
}

fn web_manifest(site: &Site, base_path: &str, assets: &BTreeMap<String, String>) -> String {
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
    serde_json::to_string_pretty(&manifest).unwrap_or_default()
}
