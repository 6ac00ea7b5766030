//! `content/handbook.yaml`: the settings of a whole handbook.

use crate::diagnostic::{Diagnostic, Pos};
use crate::model::date::Date;
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    #[serde(default)]
    pub subtitle: Option<String>,
    /// A short name (for a phone's home screen); defaults to the title's first word.
    #[serde(default)]
    pub short_title: Option<String>,
    #[serde(default = "default_language")]
    pub language: String,
    pub base_url: String,
    pub description: String,
    pub publisher: String,
    /// The region the handbook is about, as shown in lists (`Landesebene NRW`, `189 in NRW`).
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub edition: Option<Date>,
    /// Warn when a chapter or a list with contact data was reviewed longer ago than this.
    #[serde(default)]
    pub review_after_months: Option<u32>,
    /// The chapter file that is the imprint (linked from every page's footer).
    #[serde(default)]
    pub imprint: Option<String>,
}

fn default_language() -> String {
    "de".into()
}

/// An absolute http(s) URL ending in `/`, or `None`.
pub fn normalise_base_url(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    if rest.is_empty() || rest.starts_with('/') || url.contains(char::is_whitespace) {
        return None;
    }
    Some(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

impl Config {
    pub fn parse(path: &Path, text: &str) -> Result<Config, Diagnostic> {
        let positions = crate::model::yaml::locate(path, text, 0)?;
        let mut config: Config = crate::model::yaml::deserialize(path, text, 0)?;
        let pos = positions.key("base_url").unwrap_or(Pos::new(1, 1));
        let url = config.base_url.trim().to_string();
        if !(url.starts_with("https://") || url.starts_with("http://")) || url.len() < 10 {
            return Err(Diagnostic::error(
                path,
                pos.line,
                pos.col,
                format!("base_url `{url}` is not an absolute URL"),
            )
            .with_hint("write it like https://example.org/ or https://example.org/handbuch/"));
        }
        if !url.ends_with('/') {
            config.base_url = format!("{url}/");
        } else {
            config.base_url = url;
        }
        Ok(config)
    }

    /// The path part of the base URL: `/` or `/sub/path/`.
    pub fn base_path(&self) -> String {
        let after_scheme = self.base_url.split_once("://").map_or("", |(_, rest)| rest);
        match after_scheme.find('/') {
            Some(i) => after_scheme[i..].to_string(),
            None => "/".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, String> {
        Config::parse(Path::new("content/handbook.yaml"), text).map_err(|e| e.to_string())
    }

    #[test]
    fn base_path_from_url() {
        let c = parse("title: T\nbase_url: https://x.org/hb\ndescription: d\npublisher: p\n")
            .expect("valid");
        assert_eq!(c.base_url, "https://x.org/hb/");
        assert_eq!(c.base_path(), "/hb/");
        assert_eq!(c.language, "de");
    }

    #[test]
    fn unknown_keys_list_the_valid_ones() {
        let e = parse("title: T\ntitel: x\n").expect_err("unknown key");
        assert!(e.starts_with("content/handbook.yaml:2:1: error: unknown field `titel`, expected one of `title`, `subtitle`"), "{e}");
    }

    #[test]
    fn relative_base_url_is_an_error() {
        let e =
            parse("title: T\nbase_url: /x/\ndescription: d\npublisher: p\n").expect_err("relative");
        assert_eq!(
            e,
            "content/handbook.yaml:2:1: error: base_url `/x/` is not an absolute URL — write it like https://example.org/ or https://example.org/handbuch/"
        );
    }
}
