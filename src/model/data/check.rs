//! The checks within one data file: ids well-formed and unique, web addresses, link groups,
//! a checklist's shape.

use super::{Body, DataFile, Item, Phase, Point};
use crate::diagnostic::{Diagnostic, Pos};
use crate::i18n::{IdKind, Msg};
use crate::model::markdown::{is_valid_id, slugify};
use crate::model::yaml::Positions;
use std::collections::HashMap;
use std::path::Path;

/// Due offsets go at most this many days from the event.
const MAX_DUE_DAYS: i32 = 365;

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
                c.id(item, IdKind::Item);
                c.url(item, item.url.as_deref(), &format!("items[{i}].url"));
            }
        }
        Body::Agencies(items) => {
            for (i, item) in items.iter().enumerate() {
                c.id(item, IdKind::Item);
                c.url(item, item.url.as_deref(), &format!("items[{i}].url"));
            }
        }
        Body::List(items) => {
            for (i, item) in items.iter().enumerate() {
                c.id(item, IdKind::Item);
                c.url(item, item.url.as_deref(), &format!("items[{i}].url"));
            }
        }
        Body::Links { groups, items } => {
            for g in groups {
                c.id(g, IdKind::Group);
            }
            let known: Vec<&str> = groups.iter().map(|g| g.id.as_str()).collect();
            for (i, item) in items.iter().enumerate() {
                c.id(item, IdKind::Link);
                c.url(item, Some(&item.url), &format!("items[{i}].url"));
                c.group(item, item.group.as_deref(), &known);
            }
        }
        Body::Checklist(phases) => {
            let bare = d.positions.value("points").is_some();
            for (i, phase) in phases.iter().enumerate() {
                let at = if bare {
                    "points".to_string()
                } else {
                    c.id(phase, IdKind::Phase);
                    c.due(phase.due, &format!("phases[{i}].due"));
                    format!("phases[{i}].points")
                };
                // Point ids are unique across the whole checklist: readers' ticks are stored by them.
                for (j, p) in phase.points.iter().enumerate() {
                    c.id(p, IdKind::Point);
                    c.due(p.due, &format!("{at}[{j}].due"));
                }
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
    if phases.is_empty() && points.is_empty() {
        return Err(Diagnostic::error(path, Msg::ChecklistEmpty).at(positions.key("title")));
    }
    if !phases.is_empty() && !points.is_empty() {
        return Err(Diagnostic::error(path, Msg::ChecklistBoth).at(positions.key("points")));
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
    fn error(&mut self, pos: Option<Pos>, msg: Msg) {
        self.errors
            .push(Diagnostic::error(&self.file.path, msg).at(pos.or(Some(Pos::new(1, 1)))));
    }

    fn id(&mut self, item: &dyn Item, what: IdKind) {
        let (id, pos) = (item.id(), item.pos());
        if !is_valid_id(id) {
            self.error(
                pos,
                Msg::InvalidId {
                    id: id.into(),
                    suggestion: slugify(id),
                },
            );
        } else if let Some(first) = self.seen.get(id) {
            let first_line = first.map_or(1, |p| p.line);
            self.error(
                pos,
                Msg::DuplicateId {
                    what,
                    id: id.into(),
                    first_line,
                },
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
                Msg::NotAWebAddress {
                    url: u.into(),
                    id: item.id().into(),
                },
            );
        }
    }

    fn group(&mut self, item: &dyn Item, group: Option<&str>, known: &[&str]) {
        let link = item.id().to_string();
        match group {
            Some(g) if !known.contains(&g) => self.error(
                item.pos(),
                Msg::UnknownGroup {
                    link,
                    group: g.into(),
                    known: known.iter().map(std::string::ToString::to_string).collect(),
                },
            ),
            None if !known.is_empty() => self.error(item.pos(), Msg::NoGroup { link }),
            _ => {}
        }
    }

    /// A `due:` offset farther from the event than a year is a typo.
    fn due(&mut self, due: Option<i32>, path: &str) {
        if let Some(days) = due
            && days.abs() > MAX_DUE_DAYS
        {
            self.error(
                self.file.positions.value(path),
                Msg::DueOutOfRange {
                    days,
                    max: MAX_DUE_DAYS,
                },
            );
        }
    }
}
