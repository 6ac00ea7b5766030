//! The checks within one data file: ids well-formed and unique, web addresses, link groups,
//! a checklist's shape.

use super::{Body, DataFile, Item, Phase, Point};
use crate::diagnostic::{Diagnostic, Pos};
use crate::model::markdown::{is_valid_id, slugify};
use crate::model::yaml::Positions;
use std::collections::HashMap;
use std::path::Path;

/// Every problem with the items of `d`.
pub(super) fn items(d: &DataFile) -> Vec<Diagnostic> {
    let mut c = Checker {
        file: d,
        seen: HashMap::new(),
        errors: Vec::new(),
    };
    match &d.body {
        Body::Organisations(items) => {
            for (i, item) in items.iter().enumerate() {
                c.id(item, "item");
                c.url(item, item.url.as_deref(), &format!("items[{i}].url"));
            }
        }
        Body::Agencies(items) => {
            for (i, item) in items.iter().enumerate() {
                c.id(item, "item");
                c.url(item, item.url.as_deref(), &format!("items[{i}].url"));
            }
        }
        Body::List(items) => {
            for (i, item) in items.iter().enumerate() {
                c.id(item, "item");
                c.url(item, item.url.as_deref(), &format!("items[{i}].url"));
            }
        }
        Body::Links { groups, items } => {
            for g in groups {
                c.id(g, "group");
            }
            let known: Vec<&str> = groups.iter().map(|g| g.id.as_str()).collect();
            for (i, item) in items.iter().enumerate() {
                c.id(item, "link");
                c.url(item, Some(&item.url), &format!("items[{i}].url"));
                c.group(item, item.group.as_deref(), &known);
            }
        }
        Body::Checklist(phases) => {
            for p in phases.iter().filter(|p| p.pos.is_some()) {
                c.id(p, "phase");
            }
            // Point ids are unique across the whole checklist: readers' ticks are stored by them.
            for p in phases.iter().flat_map(|p| &p.points) {
                c.id(p, "point");
            }
        }
    }
    c.errors
}

/// A checklist has points, either in phases or bare, not both.
pub(super) fn checklist_shape(
    path: &Path,
    positions: &Positions,
    phases: &[Phase],
    points: &[Point],
) -> Result<(), Diagnostic> {
    let at = |key: &str| positions.key(key).unwrap_or(Pos::new(1, 1));
    if phases.is_empty() && points.is_empty() {
        let pos = at("title");
        return Err(
            Diagnostic::error(path, pos.line, pos.col, "the checklist has no points")
                .with_hint("add `phases:` with `points:`, or `points:` directly"),
        );
    }
    if !phases.is_empty() && !points.is_empty() {
        let pos = at("points");
        return Err(Diagnostic::error(
            path,
            pos.line,
            pos.col,
            "a checklist has either `phases:` or `points:`, not both",
        )
        .with_hint("move these points into a phase"));
    }
    Ok(())
}

/// Walks the items of one file, remembering the ids seen.
struct Checker<'a> {
    file: &'a DataFile,
    /// Id -> where it was first seen.
    seen: HashMap<String, Option<Pos>>,
    errors: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn error(&mut self, pos: Option<Pos>, message: String, hint: String) {
        let pos = pos.unwrap_or(Pos::new(1, 1));
        self.errors
            .push(Diagnostic::error(&self.file.path, pos.line, pos.col, message).with_hint(hint));
    }

    fn id(&mut self, item: &dyn Item, what: &str) {
        let (id, pos) = (item.id(), item.pos());
        if !is_valid_id(id) {
            self.error(
                pos,
                format!("`{id}` is not a valid id"),
                format!(
                    "use lower-case letters, digits and `-`, e.g. `{}`",
                    slugify(id)
                ),
            );
        } else if let Some(first) = self.seen.get(id) {
            let line = first.map_or(1, |p| p.line);
            self.error(
                pos,
                format!("duplicate {what} id `{id}`"),
                format!("it is already used on line {line}; every id must be unique in its file"),
            );
        } else {
            self.seen.insert(id.to_string(), pos);
        }
    }

    fn url(&mut self, item: &dyn Item, url: Option<&str>, path: &str) {
        if let Some(u) = url
            && !(u.starts_with("https://") || u.starts_with("http://"))
        {
            let pos = self.file.positions.value(path).or(item.pos());
            self.error(
                pos,
                format!("the url `{u}` of `{}` is not a web address", item.id()),
                "write it with https:// (or http://) in front".into(),
            );
        }
    }

    fn group(&mut self, item: &dyn Item, group: Option<&str>, known: &[&str]) {
        match group {
            Some(g) if !known.contains(&g) => self.error(
                item.pos(),
                format!("link `{}` names the unknown group `{g}`", item.id()),
                if known.is_empty() {
                    "list the groups under `groups:` first".to_string()
                } else {
                    format!("use one of: {}", known.join(", "))
                },
            ),
            None if !known.is_empty() => self.error(
                item.pos(),
                format!("link `{}` has no group", item.id()),
                "add `group: …` with one of the ids under `groups:`".into(),
            ),
            _ => {}
        }
    }
}
