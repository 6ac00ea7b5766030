//! `content/handbook.yaml`: the settings of a whole handbook.

use crate::diagnostic::Diagnostic;
use crate::model::date::Date;
use crate::model::yaml::Positions;
use serde::Deserialize;
use std::path::Path;

/// The settings of a whole handbook.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Die Einstellungen des ganzen Handbuchs (content/handbook.yaml).")]
pub struct Config {
    #[schemars(description = "Titel des Handbuchs.")]
    pub title: String,
    #[serde(default)]
    #[schemars(description = "Untertitel, unter dem Titel auf der Startseite.")]
    pub subtitle: Option<String>,
    /// A short name (for a phone's home screen); defaults to the title's first word.
    #[serde(default)]
    #[schemars(
        description = "Kurzer Name für die Kopfzeile und den Startbildschirm eines Telefons."
    )]
    pub short_title: Option<String>,
    #[serde(default = "default_language")]
    #[schemars(
        description = "Sprache des Handbuchs und der Meldungen: `de` (Standard) oder `en`."
    )]
    pub language: String,
    #[schemars(
        description = "Die Adresse, unter der das Handbuch veröffentlicht wird, z. B. `https://example.org/handbuch/`. Zuerst anpassen!"
    )]
    pub base_url: BaseUrl,
    #[schemars(description = "Ein Satz für Suchmaschinen und Link-Vorschauen.")]
    pub description: String,
    #[schemars(description = "Herausgeber, z. B. der Verein.")]
    pub publisher: String,
    /// The region the handbook is about, as shown in lists (`Landesebene NRW`, `189 in NRW`).
    #[serde(default)]
    #[schemars(description = "Region, die Listen nennen (`Landesebene NRW`, `189 in NRW`).")]
    pub region: Option<String>,
    #[serde(default)]
    #[schemars(description = "Datum dieser Ausgabe, z. B. `2026-11-25`.")]
    pub edition: Option<Date>,
    /// Warn when a chapter or a list with contact data was reviewed longer ago than this.
    #[serde(default)]
    #[schemars(
        description = "Nach wie vielen Monaten an eine neue Prüfung von Kapiteln und Kontaktdaten erinnert wird."
    )]
    pub review_after_months: Option<u32>,
    /// The chapter file that is the imprint (linked from every page's footer).
    #[serde(default)]
    #[schemars(
        description = "Dateiname des Kapitels mit dem Impressum, z. B. `13-herausgeber.md`; es wird auf jeder Seite verlinkt.",
        regex(pattern = r"\.md$")
    )]
    pub imprint: Option<String>,
}

fn default_language() -> String {
    "de".into()
}

/// Where a handbook is published: an absolute http(s) address ending in `/`, maybe with a
/// sub-path (`https://example.org/handbuch/`). Checked once, wherever it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// The address, normalised to end in `/`; `None` when it is not an absolute web address.
    pub fn parse(url: &str) -> Option<BaseUrl> {
        let url = url.trim();
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))?;
        let host = rest.split('/').next().unwrap_or("");
        if host.is_empty() || url.contains(char::is_whitespace) || url.contains(['?', '#']) {
            return None;
        }
        Some(BaseUrl(if url.ends_with('/') {
            url.to_string()
        } else {
            format!("{url}/")
        }))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The path part: `/` or `/sub/path/`.
    pub fn path(&self) -> &str {
        let after_scheme = self.0.split_once("://").map_or("", |(_, rest)| rest);
        after_scheme.find('/').map_or("/", |i| &after_scheme[i..])
    }

    /// Scheme and host: page URLs (which carry the path) are appended to it.
    pub fn origin(&self) -> &str {
        let path = self.path();
        &self.0[..self.0.len() - path.len()]
    }
}

impl std::fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for BaseUrl {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        BaseUrl::parse(s).ok_or_else(|| {
            crate::i18n::Lang::default()
                .text(&crate::i18n::Msg::BaseUrlOption { url: s.into() })
                .to_string()
        })
    }
}

impl schemars::JsonSchema for BaseUrl {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "BaseUrl".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": r"^https?://[^/\s?#]+",
        })
    }
}

impl<'de> Deserialize<'de> for BaseUrl {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // The YAML explainer reads this marker and words it for authors.
        let s = String::deserialize(deserializer)?;
        BaseUrl::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("base-url:{s}")))
    }
}

/// The `language:` of a handbook.yaml, read line by line: messages need it even when the file
/// has errors elsewhere.
pub fn language_of(text: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let value = line.strip_prefix("language:")?;
        let value = value.split(" #").next().unwrap_or("").trim();
        Some(value.trim_matches(['"', '\'']).to_string()).filter(|v| !v.is_empty())
    })
}

impl Config {
    /// Reads handbook.yaml; also where its keys stand.
    pub fn parse(path: &Path, text: &str) -> Result<(Config, Positions), Diagnostic> {
        let positions = crate::model::yaml::locate(path, text, 0)?;
        let config = crate::model::yaml::deserialize(path, text, 0, &positions)?;
        Ok((config, positions))
    }

    /// The path part of the base URL: `/` or `/sub/path/`.
    pub fn base_path(&self) -> String {
        self.base_url.path().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, String> {
        Config::parse(Path::new("content/handbook.yaml"), text)
            .map(|(c, _)| c)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn base_path_from_url() {
        let c = parse("title: T\nbase_url: https://x.org/hb\ndescription: d\npublisher: p\n")
            .expect("valid");
        assert_eq!(c.base_url.as_str(), "https://x.org/hb/");
        assert_eq!(c.base_path(), "/hb/");
        assert_eq!(c.base_url.origin(), "https://x.org");
        assert_eq!(c.language, "de");
    }

    #[test]
    fn unknown_keys_say_which_were_meant() {
        let e = parse("title: T\ntitel: x\n").expect_err("unknown key");
        assert!(
            e.starts_with("content/handbook.yaml:2:1: Fehler: Das Feld `titel` gibt es hier nicht — Meinten Sie `title`? Erlaubt sind: `title`, `subtitle`"),
            "{e}"
        );
    }

    #[test]
    fn a_relative_base_url_is_an_error_at_its_value() {
        let e =
            parse("title: T\nbase_url: /x/\ndescription: d\npublisher: p\n").expect_err("relative");
        assert_eq!(
            e,
            "content/handbook.yaml:2:11: Fehler: `/x/` ist keine vollständige Web-Adresse — Schreiben Sie die Adresse mit https:// davor, z. B. `https://example.org/` oder `https://example.org/handbuch/`."
        );
    }

    #[test]
    fn base_urls() {
        for ok in ["https://x.org", "http://x.org/a/b", " https://x.org/ "] {
            assert!(BaseUrl::parse(ok).is_some(), "{ok}");
        }
        for bad in [
            "foo",
            "/x/",
            "https://",
            "https:///x",
            "ftp://x.org",
            "https://x .org",
        ] {
            assert!(BaseUrl::parse(bad).is_none(), "{bad}");
        }
    }
}
