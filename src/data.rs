//! Data: the typed YAML lists in `content/data/` (organisations, agencies, links, checklists, lists).

use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::load::SourceFile;
use crate::markdown::is_valid_id;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::PathBuf;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub short: Option<String>,
    pub level: Level,
    #[serde(default)]
    pub focus: Vec<String>,
    #[serde(default)]
    pub members: Option<String>,
    pub description: String,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub fax: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Bund,
    Land,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: AgencyType,
    #[serde(default)]
    pub count: Option<u32>,
    #[serde(default)]
    pub carrier: Option<String>,
    #[serde(default)]
    pub town: Option<String>,
    #[serde(default)]
    pub fields: Vec<String>,
    pub description: String,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub fax: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AgencyType {
    Integrationsagentur,
    KommunalesIntegrationszentrum,
    Other,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkGroup {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkItem {
    pub id: String,
    pub title: String,
    pub url: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub group: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    pub id: String,
    pub title: String,
    pub points: Vec<Point>,
    /// Suggested due date of the phase's points, in days from the event date (negative: before).
    #[serde(default)]
    pub due: Option<i32>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Point {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub hint: Option<String>,
    /// Suggested due date, in days from the event date (negative: before); overrides the phase's.
    #[serde(default)]
    pub due: Option<i32>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListItem {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub points: Vec<String>,
    #[serde(default)]
    pub examples: Vec<String>,
    #[serde(default)]
    pub link: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub fax: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

/// The body of a data file, by kind.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Body {
    Organisations {
        title: String,
        intro: Option<String>,
        reviewed: Option<Date>,
        items: Vec<Organisation>,
    },
    Agencies {
        title: String,
        intro: Option<String>,
        reviewed: Option<Date>,
        items: Vec<Agency>,
    },
    Links {
        title: String,
        intro: Option<String>,
        reviewed: Option<Date>,
        groups: Vec<LinkGroup>,
        items: Vec<LinkItem>,
    },
    Checklist {
        title: String,
        intro: Option<String>,
        reviewed: Option<Date>,
        phases: Vec<Phase>,
        points: Vec<Point>,
    },
    List {
        title: String,
        intro: Option<String>,
        reviewed: Option<Date>,
        items: Vec<ListItem>,
    },
}

/// The file forms, one per kind. Each is parsed directly (not through a tagged enum, which
/// would buffer the document and lose the line numbers of errors).
#[derive(Deserialize)]
struct KindOnly {
    kind: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemsFile<T> {
    #[allow(dead_code)]
    kind: String,
    title: String,
    #[serde(default)]
    intro: Option<String>,
    #[serde(default)]
    reviewed: Option<Date>,
    items: Vec<T>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LinksFile {
    #[allow(dead_code)]
    kind: String,
    title: String,
    #[serde(default)]
    intro: Option<String>,
    #[serde(default)]
    reviewed: Option<Date>,
    #[serde(default)]
    groups: Vec<LinkGroup>,
    items: Vec<LinkItem>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChecklistFile {
    #[allow(dead_code)]
    kind: String,
    title: String,
    #[serde(default)]
    intro: Option<String>,
    #[serde(default)]
    reviewed: Option<Date>,
    #[serde(default)]
    phases: Vec<Phase>,
    #[serde(default)]
    points: Vec<Point>,
}

fn parse_body(file: &SourceFile) -> Result<Body, Diagnostic> {
    let path = &file.path;
    let text = &file.text;
    let kind: KindOnly = crate::yaml::parse(path, text, 0).map_err(|mut e| {
        if e.message.contains("missing field `kind`") {
            e.hint = Some(format!(
                "start the file with `kind: …`, one of: {}",
                KINDS.join(", ")
            ));
        }
        e
    })?;
    Ok(match kind.kind.as_str() {
        "organisations" => {
            let f: ItemsFile<Organisation> = crate::yaml::parse(path, text, 0)?;
            Body::Organisations {
                title: f.title,
                intro: f.intro,
                reviewed: f.reviewed,
                items: f.items,
            }
        }
        "agencies" => {
            let f: ItemsFile<Agency> = crate::yaml::parse(path, text, 0)?;
            Body::Agencies {
                title: f.title,
                intro: f.intro,
                reviewed: f.reviewed,
                items: f.items,
            }
        }
        "list" => {
            let f: ItemsFile<ListItem> = crate::yaml::parse(path, text, 0)?;
            Body::List {
                title: f.title,
                intro: f.intro,
                reviewed: f.reviewed,
                items: f.items,
            }
        }
        "links" => {
            let f: LinksFile = crate::yaml::parse(path, text, 0)?;
            Body::Links {
                title: f.title,
                intro: f.intro,
                reviewed: f.reviewed,
                groups: f.groups,
                items: f.items,
            }
        }
        "checklist" => {
            let f: ChecklistFile = crate::yaml::parse(path, text, 0)?;
            Body::Checklist {
                title: f.title,
                intro: f.intro,
                reviewed: f.reviewed,
                phases: f.phases,
                points: f.points,
            }
        }
        other => {
            let pos = crate::yaml::key_pos(text, "kind");
            return Err(Diagnostic::error(
                path,
                pos.line,
                pos.col,
                format!("unknown kind `{other}`"),
            )
            .with_hint(format!("use one of: {}", KINDS.join(", "))));
        }
    })
}

/// The kinds, as written in `kind:` and in directives.
pub const KINDS: [&str; 5] = ["organisations", "agencies", "links", "checklist", "list"];

/// One parsed data file.
#[derive(Debug, Clone)]
pub struct DataFile {
    pub id: String,
    pub path: PathBuf,
    pub text: String,
    pub body: Body,
}

impl Body {
    pub fn kind(&self) -> &'static str {
        match self {
            Body::Organisations { .. } => "organisations",
            Body::Agencies { .. } => "agencies",
            Body::Links { .. } => "links",
            Body::Checklist { .. } => "checklist",
            Body::List { .. } => "list",
        }
    }

    pub fn title(&self) -> &str {
        match self {
            Body::Organisations { title, .. }
            | Body::Agencies { title, .. }
            | Body::Links { title, .. }
            | Body::Checklist { title, .. }
            | Body::List { title, .. } => title,
        }
    }

    pub fn reviewed(&self) -> Option<Date> {
        match self {
            Body::Organisations { reviewed, .. }
            | Body::Agencies { reviewed, .. }
            | Body::Links { reviewed, .. }
            | Body::Checklist { reviewed, .. }
            | Body::List { reviewed, .. } => *reviewed,
        }
    }

    /// Does this list hold contact data (which goes stale)?
    pub fn has_contacts(&self) -> bool {
        match self {
            Body::Organisations { .. } | Body::Agencies { .. } | Body::Links { .. } => true,
            Body::List { items, .. } => items
                .iter()
                .any(|i| i.phone.is_some() || i.email.is_some() || i.address.is_some()),
            Body::Checklist { .. } => false,
        }
    }

    /// The checklist's phases; a checklist with bare `points` has one untitled phase.
    pub fn phases(&self) -> Vec<Phase> {
        match self {
            Body::Checklist { phases, points, .. } if phases.is_empty() => {
                vec![Phase {
                    id: "punkte".into(),
                    title: String::new(),
                    points: points.clone(),
                    due: None,
                }]
            }
            Body::Checklist { phases, .. } => phases.clone(),
            _ => Vec::new(),
        }
    }

    /// Item ids in file order (for checklists: the point ids).
    pub fn item_ids(&self) -> Vec<&str> {
        match self {
            Body::Organisations { items, .. } => items.iter().map(|i| i.id.as_str()).collect(),
            Body::Agencies { items, .. } => items.iter().map(|i| i.id.as_str()).collect(),
            Body::Links { items, .. } => items.iter().map(|i| i.id.as_str()).collect(),
            Body::List { items, .. } => items.iter().map(|i| i.id.as_str()).collect(),
            Body::Checklist { phases, points, .. } => phases
                .iter()
                .flat_map(|p| &p.points)
                .chain(points)
                .map(|p| p.id.as_str())
                .collect(),
        }
    }
}

/// Parses one data file and checks what can be checked within it.
pub fn parse(file: &SourceFile) -> Result<DataFile, Vec<Diagnostic>> {
    let stem = file
        .path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("")
        .to_string();
    let mut errors = Vec::new();
    if !is_valid_id(&stem) {
        errors.push(
            Diagnostic::error(
                &file.path,
                0,
                0,
                format!("`{stem}` is not a valid data file name"),
            )
            .with_hint("use lower-case letters, digits and `-` only, e.g. dachverbaende.yaml"),
        );
    }
    let body = match parse_body(file) {
        Ok(b) => b,
        Err(e) => {
            errors.push(e);
            return Err(errors);
        }
    };
    let data = DataFile {
        id: stem,
        path: file.path.clone(),
        text: file.text.clone(),
        body,
    };
    errors.extend(check(&data));
    if errors.is_empty() {
        Ok(data)
    } else {
        Err(errors)
    }
}

fn check(d: &DataFile) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut check_id = |id: &str, what: &str, errors: &mut Vec<Diagnostic>| {
        let n = seen.entry(id.to_string()).or_insert(0);
        let pos = crate::yaml::id_pos(&d.text, id, *n);
        *n += 1;
        if !is_valid_id(id) {
            errors.push(
                Diagnostic::error(
                    &d.path,
                    pos.line,
                    pos.col,
                    format!("`{id}` is not a valid id"),
                )
                .with_hint(format!(
                    "use lower-case letters, digits and `-`, e.g. `{}`",
                    crate::markdown::slugify(id)
                )),
            );
        } else if *n > 1 {
            let first = crate::yaml::id_pos(&d.text, id, 0);
            errors.push(
                Diagnostic::error(
                    &d.path,
                    pos.line,
                    pos.col,
                    format!("duplicate {what} id `{id}`"),
                )
                .with_hint(format!(
                    "it is already used on line {}; every id must be unique in its file",
                    first.line
                )),
            );
        }
    };
    let url_error = |id: &str, url: &str| {
        let pos = crate::yaml::id_pos(&d.text, id, 0);
        Diagnostic::error(
            &d.path,
            pos.line,
            pos.col,
            format!("the url `{url}` of `{id}` is not a web address"),
        )
        .with_hint("write it with https:// (or http://) in front")
    };
    let check_url = |id: &str, url: &Option<String>, errors: &mut Vec<Diagnostic>| {
        if let Some(u) = url
            && !(u.starts_with("https://") || u.starts_with("http://"))
        {
            errors.push(url_error(id, u));
        }
    };
    match &d.body {
        Body::Organisations { items, .. } => {
            for i in items {
                check_id(&i.id, "item", &mut errors);
                check_url(&i.id, &i.url, &mut errors);
            }
        }
        Body::Agencies { items, .. } => {
            for i in items {
                check_id(&i.id, "item", &mut errors);
                check_url(&i.id, &i.url, &mut errors);
            }
        }
        Body::List { items, .. } => {
            for i in items {
                check_id(&i.id, "item", &mut errors);
                check_url(&i.id, &i.url, &mut errors);
            }
        }
        Body::Links { groups, items, .. } => {
            for g in groups {
                check_id(&g.id, "group", &mut errors);
            }
            for i in items {
                check_id(&i.id, "link", &mut errors);
                check_url(&i.id, &Some(i.url.clone()), &mut errors);
                match &i.group {
                    Some(g) if !groups.iter().any(|x| &x.id == g) => {
                        let pos = crate::yaml::id_pos(&d.text, &i.id, 0);
                        let known: Vec<_> = groups.iter().map(|g| g.id.as_str()).collect();
                        errors.push(
                            Diagnostic::error(
                                &d.path,
                                pos.line,
                                pos.col,
                                format!("link `{}` names the unknown group `{g}`", i.id),
                            )
                            .with_hint(if known.is_empty() {
                                "list the groups under `groups:` first".to_string()
                            } else {
                                format!("use one of: {}", known.join(", "))
                            }),
                        );
                    }
                    None if !groups.is_empty() => {
                        let pos = crate::yaml::id_pos(&d.text, &i.id, 0);
                        errors.push(
                            Diagnostic::error(
                                &d.path,
                                pos.line,
                                pos.col,
                                format!("link `{}` has no group", i.id),
                            )
                            .with_hint("add `group: …` with one of the ids under `groups:`"),
                        );
                    }
                    _ => {}
                }
            }
        }
        Body::Checklist { phases, points, .. } => {
            if phases.is_empty() && points.is_empty() {
                let pos = crate::yaml::key_pos(&d.text, "title");
                errors.push(
                    Diagnostic::error(&d.path, pos.line, pos.col, "the checklist has no points")
                        .with_hint("add `phases:` with `points:`, or `points:` directly"),
                );
            }
            if !phases.is_empty() && !points.is_empty() {
                let pos = crate::yaml::key_pos(&d.text, "points");
                errors.push(
                    Diagnostic::error(
                        &d.path,
                        pos.line,
                        pos.col,
                        "a checklist has either `phases:` or `points:`, not both",
                    )
                    .with_hint("move these points into a phase"),
                );
            }
            for p in phases {
                check_id(&p.id, "phase", &mut errors);
            }
            // Point ids are unique across the whole checklist: readers' ticks are stored by them.
            for p in phases.iter().flat_map(|p| &p.points).chain(points) {
                check_id(&p.id, "point", &mut errors);
            }
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(name: &str, text: &str) -> Result<DataFile, Vec<String>> {
        let file = SourceFile {
            path: PathBuf::from(format!("content/data/{name}.yaml")),
            text: text.into(),
        };
        parse(&file).map_err(|es| es.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn checklist_with_phases() {
        let d = parse_str(
            "plan",
            "kind: checklist\ntitle: Plan\nphases:\n  - id: a\n    title: A\n    points:\n      - id: p1\n        text: Eins\n",
        )
        .expect("valid");
        assert_eq!(d.body.kind(), "checklist");
        assert_eq!(d.body.item_ids(), ["p1"]);
    }

    #[test]
    fn duplicate_point_ids_across_phases() {
        let e = parse_str(
            "plan",
            "kind: checklist\ntitle: Plan\nphases:\n  - id: a\n    title: A\n    points:\n      - id: p1\n        text: Eins\n  - id: b\n    title: B\n    points:\n      - id: p1\n        text: Zwei\n",
        )
        .expect_err("duplicate");
        assert_eq!(
            e,
            [
                "content/data/plan.yaml:12:9: error: duplicate point id `p1` — it is already used on line 7; every id must be unique in its file"
            ]
        );
    }

    #[test]
    fn unknown_kind() {
        let e = parse_str("x", "kind: people\ntitle: X\n").expect_err("unknown kind");
        assert_eq!(
            e,
            [
                "content/data/x.yaml:1:1: error: unknown kind `people` — use one of: organisations, agencies, links, checklist, list"
            ]
        );
    }

    #[test]
    fn missing_url_in_link() {
        let e = parse_str(
            "links",
            "kind: links\ntitle: L\nitems:\n  - id: a\n    title: A\n",
        )
        .expect_err("no url");
        assert_eq!(
            e,
            [
                "content/data/links.yaml:4:5: error: items[0]: missing field `url` — add `url: …` to this entry"
            ]
        );
    }

    #[test]
    fn bad_ids_and_urls() {
        let e = parse_str(
            "orgs",
            "kind: organisations\ntitle: O\nitems:\n  - id: Tür Verband\n    name: T\n    level: bund\n    description: d\n    url: www.x.de\n",
        )
        .expect_err("bad");
        assert_eq!(e.len(), 2);
        assert_eq!(
            e[0],
            "content/data/orgs.yaml:4:5: error: `Tür Verband` is not a valid id — use lower-case letters, digits and `-`, e.g. `tuer-verband`"
        );
        assert_eq!(
            e[1],
            "content/data/orgs.yaml:4:5: error: the url `www.x.de` of `Tür Verband` is not a web address — write it with https:// (or http://) in front"
        );
    }
}
