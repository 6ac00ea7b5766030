//! netlify.toml: the HTTP headers production sends, read so that the preview sends the same.

use serde::Deserialize;
use std::collections::BTreeMap;

/// The Content-Security-Policy of a handbook: everything from its own origin, no inline code.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// Headers for every response when a handbook has no netlify.toml.
pub fn default_headers() -> Vec<(String, String)> {
    vec![
        ("Content-Security-Policy".into(), CSP.into()),
        ("X-Content-Type-Options".into(), "nosniff".into()),
        (
            "Referrer-Policy".into(),
            "strict-origin-when-cross-origin".into(),
        ),
        (
            "Permissions-Policy".into(),
            "camera=(), microphone=(), geolocation=(), interest-cohort=()".into(),
        ),
        ("X-Frame-Options".into(), "DENY".into()),
    ]
}

#[derive(Debug, Deserialize)]
struct NetlifyToml {
    #[serde(default)]
    headers: Vec<HeaderRule>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct HeaderRule {
    #[serde(rename = "for")]
    pub path: String,
    #[serde(default)]
    pub values: BTreeMap<String, String>,
}

/// The `[[headers]]` rules of a netlify.toml.
pub fn parse(text: &str) -> Result<Vec<HeaderRule>, String> {
    toml::from_str::<NetlifyToml>(text)
        .map(|t| t.headers)
        .map_err(|e| e.to_string())
}

/// Does a Netlify path pattern (`/*`, `/assets/*`, `/sw.js`) match a request path?
fn matches(pattern: &str, path: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => path.starts_with(prefix),
        None => pattern == path,
    }
}

/// Every header the rules give a path (later rules win for the same name).
pub fn headers_for(rules: &[HeaderRule], path: &str) -> Vec<(String, String)> {
    let mut out: BTreeMap<String, (String, String)> = BTreeMap::new();
    for rule in rules.iter().filter(|r| matches(&r.path, path)) {
        for (name, value) in &rule.values {
            let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
            out.insert(name.to_ascii_lowercase(), (name.clone(), value));
        }
    }
    out.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_match_paths() {
        let rules = parse(
            "[build]\ncommand = \"x\"\n[[headers]]\nfor = \"/*\"\n[headers.values]\nX-A = \"1\"\n[[headers]]\nfor = \"/assets/*\"\n[headers.values]\nCache-Control = \"immutable\"\n",
        )
        .expect("valid");
        assert_eq!(
            headers_for(&rules, "/x/"),
            [("X-A".to_string(), "1".to_string())]
        );
        assert_eq!(headers_for(&rules, "/assets/a.css").len(), 2);
    }
}
