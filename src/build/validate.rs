//! Validate: directives, data references, links and anchors, freshness. Collects every problem.

use crate::diagnostic::Diagnostic;
use crate::model::date::Date;
use crate::model::markdown::{Directive, Target};
use crate::model::site::{Page, Site};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// Which filters each kind of directive takes (besides `ids`).
fn filter_keys(kind: &str) -> &'static [&'static str] {
    match kind {
        "organisations" => &["level", "focus"],
        "agencies" => &["type"],
        "links" => &["group"],
        _ => &[],
    }
}

/// A directive's embedded view: the data file's view with its items filtered (and links grouped).
/// `Err((message, hint))` when the directive does not fit the data.
pub fn embed(site: &Site, d: &Directive) -> Result<Value, (String, String)> {
    if !crate::model::data::KINDS.contains(&d.kind.as_str()) {
        return Err((
            format!("unknown directive `{}`", d.kind),
            format!("use one of: {}", crate::model::data::KINDS.join(", ")),
        ));
    }
    let Some(data) = site.data.get(&d.id) else {
        let known: Vec<&str> = site
            .data
            .values()
            .filter(|f| f.body.kind() == d.kind)
            .map(|f| f.id.as_str())
            .collect();
        return Err((
            format!("no data file `{}` for this {} directive", d.id, d.kind),
            if known.is_empty() {
                format!("create content/data/{}.yaml with `kind: {}`", d.id, d.kind)
            } else {
                format!("known {} data: {}", d.kind, known.join(", "))
            },
        ));
    };
    if data.body.kind() != d.kind {
        return Err((
            format!("`{}` is a {} file, not {}", d.id, data.body.kind(), d.kind),
            format!("write {{{{ {} {} }}}}", data.body.kind(), d.id),
        ));
    }
    let mut view = site.views.get(&d.id).cloned().unwrap_or(Value::Null);
    let allowed = filter_keys(&d.kind);
    for (key, value) in &d.filters {
        if key == "ids" && d.kind != "checklist" {
            let wanted: Vec<&str> = value.split(',').collect();
            let ids = data.body.item_ids();
            if let Some(missing) = wanted.iter().find(|w| !ids.contains(w)) {
                return Err((
                    format!("`{}` has no item `{missing}`", d.id),
                    format!("known ids: {}", ids.join(", ")),
                ));
            }
            retain_items(&mut view, |item| {
                item["id"].as_str().is_some_and(|id| wanted.contains(&id))
            });
        } else if allowed.contains(&key.as_str()) {
            retain_items(&mut view, |item| match &item[key] {
                Value::String(s) => s == value,
                Value::Array(a) => a.iter().any(|v| v.as_str() == Some(value)),
                _ => false,
            });
            if view["items"].as_array().is_some_and(Vec::is_empty) {
                return Err((
                    format!("the filter {key}={value} leaves no items of `{}`", d.id),
                    "check the value's spelling".into(),
                ));
            }
        } else {
            let mut keys: Vec<&str> = allowed.to_vec();
            if d.kind != "checklist" {
                keys.push("ids");
            }
            return Err((
                format!("unknown filter `{key}` for {}", d.kind),
                if keys.is_empty() {
                    format!("{} takes no filters", d.kind)
                } else {
                    format!("use one of: {}", keys.join(", "))
                },
            ));
        }
    }
    if d.kind == "links" {
        group_links(&mut view);
    }
    Ok(view)
}

fn retain_items(view: &mut Value, keep: impl Fn(&Value) -> bool) {
    if let Some(items) = view.get_mut("items").and_then(Value::as_array_mut) {
        items.retain(|i| keep(i));
    }
}

/// Puts links into `groups[].items` (one untitled group when the file declares none).
fn group_links(view: &mut Value) {
    let items = view["items"].as_array().cloned().unwrap_or_default();
    let groups = view["groups"].as_array().cloned().unwrap_or_default();
    let grouped: Vec<Value> = if groups.is_empty() {
        vec![serde_json::json!({ "id": "", "title": "", "items": items })]
    } else {
        groups
            .into_iter()
            .filter_map(|mut g| {
                let members: Vec<Value> = items
                    .iter()
                    .filter(|i| i["group"] == g["id"])
                    .cloned()
                    .collect();
                if members.is_empty() {
                    return None;
                }
                g["items"] = Value::Array(members);
                Some(g)
            })
            .collect()
    };
    view["groups"] = Value::Array(grouped);
}

/// The HTML ids a data view puts on the page: `DATA-ITEM` for items (and checklist points),
/// `checkliste-DATA` for a whole checklist.
pub fn anchors_of(view: &Value) -> Vec<String> {
    let id = view["id"].as_str().unwrap_or("");
    let mut out = Vec::new();
    if view["kind"] == "checklist" {
        out.push(format!("checkliste-{id}"));
    }
    let mut push_items = |items: &Value| {
        for item in items.as_array().into_iter().flatten() {
            if let Some(i) = item["id"].as_str() {
                out.push(format!("{id}-{i}"));
            }
        }
    };
    push_items(&view["items"]);
    for phase in view["phases"].as_array().into_iter().flatten() {
        push_items(&phase["points"]);
    }
    out
}

/// Every anchor of a page: its heading ids and the ids of the data it embeds.
fn page_anchors(page: &Page, views: &[Result<Value, (String, String)>]) -> HashSet<String> {
    let mut anchors: HashSet<String> = page.md.headings.iter().map(|h| h.id.clone()).collect();
    for view in views.iter().flatten() {
        anchors.extend(anchors_of(view));
    }
    anchors
}

/// The hint for a missing anchor: the closest one there is, or how ids are made.
fn anchor_hint(anchor: &str, anchors: &HashSet<String>) -> String {
    match closest(anchor, anchors.iter().map(String::as_str)) {
        Some(c) => format!("did you mean `#{c}`?"),
        None => "headings get ids from their text: `## Erste Schritte` is `#erste-schritte`".into(),
    }
}

fn closest<'a>(wanted: &str, options: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    options
        .map(|o| (edit_distance(wanted, o), o))
        .filter(|(d, o)| *d <= o.len().max(wanted.len()) / 3 + 1)
        .min()
        .map(|(_, o)| o)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push(
                (prev[j] + usize::from(ca != *cb))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1),
            );
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Checks the whole site; returns errors and warnings.
pub fn validate(site: &Site, today: Date) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let pages: Vec<&Page> = std::iter::once(&site.index).chain(&site.chapters).collect();
    // Each directive embedded once: its anchors and its errors come from the same view.
    let views: Vec<Vec<Result<Value, (String, String)>>> = pages
        .iter()
        .map(|p| p.md.directives.iter().map(|d| embed(site, d)).collect())
        .collect();
    let anchors: HashMap<&str, HashSet<String>> = pages
        .iter()
        .zip(&views)
        .map(|(p, v)| (p.file.as_str(), page_anchors(p, v)))
        .collect();
    let asset_paths: HashSet<&str> = site.assets.iter().map(|a| a.site_path.as_str()).collect();
    let files: HashSet<&str> = site.chapters.iter().map(|c| c.file.as_str()).collect();

    let check_target = |target: &Target, here: Option<&str>| -> Option<(String, String)> {
        match target {
            Target::External => None,
            Target::Chapter { file, anchor } => {
                let Some(target_anchors) = anchors.get(file.as_str()).filter(|_| files.contains(&file.as_str())) else {
                    let hint = match closest(file, files.iter().copied()) {
                        Some(c) => format!("did you mean `{c}`?"),
                        None => "link to a file in content/chapters/ by its file name".into(),
                    };
                    return Some((format!("link to a chapter that does not exist: `{file}`"), hint));
                };
                let anchor = anchor.as_deref()?;
                if target_anchors.contains(anchor) {
                    return None;
                }
                Some((
                    format!("`{file}` has no heading or item with the id `{anchor}`"),
                    anchor_hint(anchor, target_anchors),
                ))
            }
            Target::Anchor(anchor) => {
                let page_anchors = anchors.get(here?)?;
                if page_anchors.contains(anchor) {
                    return None;
                }
                Some((
                    format!("this page has no heading or item with the id `{anchor}`"),
                    anchor_hint(anchor, page_anchors),
                ))
            }
            Target::Asset(path) => (!asset_paths.contains(path.as_str())).then(|| {
                (
                    format!("link to a file that does not exist: `{path}`"),
                    "put the file below content/ (e.g. content/images/) and link to it by that path".into(),
                )
            }),
        }
    };

    for (page, page_views) in pages.iter().zip(&views) {
        for p in &page.md.problems {
            let d = if p.error {
                Diagnostic::error(&page.path, 0, 0, &p.message)
            } else {
                Diagnostic::warning(&page.path, 0, 0, &p.message)
            };
            out.push(d.at(p.pos).with_hint(&p.hint));
        }
        let headings: HashSet<&str> = page.md.headings.iter().map(|h| h.id.as_str()).collect();
        let mut embedded: HashSet<String> = HashSet::new();
        for (d, view) in page.md.directives.iter().zip(page_views) {
            let pos = d.pos;
            match view {
                Err((message, hint)) => out.push(
                    Diagnostic::error(&page.path, 0, 0, message)
                        .at(pos)
                        .with_hint(hint),
                ),
                Ok(view) => {
                    for a in anchors_of(view) {
                        if headings.contains(a.as_str()) {
                            out.push(
                                Diagnostic::error(
                                    &page.path,
                                    0,
                                    0,
                                    format!(
                                        "the id `{a}` is used by a heading and by embedded data"
                                    ),
                                )
                                .at(pos)
                                .with_hint(
                                    "give the heading another id: `## Titel {#anderer-name}`",
                                ),
                            );
                        } else if !embedded.insert(a.clone()) {
                            out.push(
                                Diagnostic::error(&page.path, 0, 0, format!("`{a}` is embedded twice on this page"))
                                    .at(pos)
                                    .with_hint("embed each item once per page; use filters to show different parts of a list"),
                            );
                            break;
                        }
                    }
                }
            }
        }
        for link in &page.md.links {
            if let Some((message, hint)) = check_target(&link.target, Some(&page.file)) {
                out.push(
                    Diagnostic::error(&page.path, 0, 0, message)
                        .at(link.pos)
                        .with_hint(hint),
                );
            }
        }
    }
    for l in &site.data_links {
        if let Target::Anchor(_) = l.link.target {
            out.push(
                Diagnostic::error(
                    &l.path,
                    0,
                    0,
                    format!(
                        "`{}` links within a page, but data can be embedded anywhere",
                        l.link.raw
                    ),
                )
                .at(l.pos)
                .with_hint("link to the chapter file with the anchor: `kapitel.md#abschnitt`"),
            );
        } else if let Some((message, hint)) = check_target(&l.link.target, None) {
            out.push(
                Diagnostic::error(&l.path, 0, 0, message)
                    .at(l.pos)
                    .with_hint(hint),
            );
        }
    }

    // Data that no chapter embeds is probably forgotten.
    let used: HashSet<&str> = pages
        .iter()
        .flat_map(|p| &p.md.directives)
        .map(|d| d.id.as_str())
        .collect();
    for d in site.data.values() {
        if !used.contains(d.id.as_str()) {
            out.push(
                Diagnostic::warning(&d.path, 0, 0, "no chapter embeds this data file").with_hint(
                    format!("add {{{{ {} {} }}}} to a chapter", d.body.kind(), d.id),
                ),
            );
        }
    }

    if let Some(months) = site.config.review_after_months {
        let months = i64::from(months);
        for c in &site.chapters {
            if let Some(r) = c.reviewed
                && r.months_until(&today) >= months
            {
                let pos = c.reviewed_pos;
                out.push(
                    Diagnostic::warning(
                        &c.path,
                        pos.line,
                        pos.col,
                        format!(
                            "the chapter was last reviewed on {r}, more than {months} months ago"
                        ),
                    )
                    .with_hint("check its content and set `reviewed:` to today's date"),
                );
            }
        }
        for d in site.data.values().filter(|d| d.body.has_contacts()) {
            match d.body.reviewed() {
                Some(r) if r.months_until(&today) >= months => {
                    let pos = crate::model::yaml::key_pos(&d.text, "reviewed");
                    out.push(
                        Diagnostic::warning(&d.path, pos.line, pos.col, format!("the contact data was last reviewed on {r}, more than {months} months ago"))
                            .with_hint("check addresses, phone numbers and links, then set `reviewed:` to today's date"),
                    );
                }
                None => out.push(
                    Diagnostic::warning(&d.path, 1, 1, "this list holds contact data but no review date")
                        .with_hint("add `reviewed: YYYY-MM-DD` after checking addresses, phone numbers and links"),
                ),
                _ => {}
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_names() {
        assert_eq!(
            closest(
                "05-kontakt.md",
                ["05-kontakte.md", "01-einleitung.md"].into_iter()
            ),
            Some("05-kontakte.md")
        );
        assert_eq!(closest("xyz", ["01-einleitung.md"].into_iter()), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
