//! Which templates include, extend or import which, and which macros call which: a loop among
//! them would make Tera recurse until the stack overflows, so loops are found before rendering.

use std::collections::{BTreeMap, BTreeSet};

/// A loop of templates or macros (`base.html → page.html → base.html`), if there is one.
pub(crate) fn find_loop(templates: &BTreeMap<String, String>) -> Option<Vec<String>> {
    let graph = graph(templates);
    let mut done: BTreeSet<&str> = BTreeSet::new();
    for start in graph.keys() {
        let mut path: Vec<&str> = Vec::new();
        if let Some(found) = visit(&graph, start, &mut path, &mut done) {
            return Some(found);
        }
    }
    None
}

/// Depth-first walk; returns the loop found, from its first node back to it.
fn visit<'g>(
    graph: &'g BTreeMap<String, BTreeSet<String>>,
    node: &'g str,
    path: &mut Vec<&'g str>,
    done: &mut BTreeSet<&'g str>,
) -> Option<Vec<String>> {
    if let Some(i) = path.iter().position(|n| *n == node) {
        let mut cycle: Vec<String> = path[i..]
            .iter()
            .map(std::string::ToString::to_string)
            .collect();
        cycle.push(node.to_string());
        return Some(cycle);
    }
    if done.contains(node) {
        return None;
    }
    path.push(node);
    for next in graph.get(node).into_iter().flatten() {
        if let Some(found) = visit(graph, next, path, done) {
            return Some(found);
        }
    }
    path.pop();
    done.insert(node);
    None
}

/// Nodes are template names and macros (`partials/x.html::name`); edges lead to what a node
/// includes, extends, imports or calls.
fn graph(templates: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (name, source) in templates {
        let mut imports: BTreeMap<String, String> = BTreeMap::new();
        imports.insert("self".into(), name.clone());
        let mut current_macro: Option<String> = None;
        for tag in tags(source) {
            let words: Vec<&str> = tag.split_whitespace().collect();
            let node = current_macro.clone().unwrap_or_else(|| name.clone());
            match words.first().copied() {
                Some("include" | "extends") => {
                    for target in quoted(tag) {
                        graph.entry(node.clone()).or_default().insert(target);
                    }
                }
                Some("import") => {
                    if let (Some(target), Some(alias)) = (quoted(tag).first(), words.last()) {
                        imports.insert(alias.to_string(), target.clone());
                        graph
                            .entry(node.clone())
                            .or_default()
                            .insert(target.clone());
                    }
                }
                Some("macro") => {
                    let macro_name = words
                        .get(1)
                        .map(|w| w.split('(').next().unwrap_or(w))
                        .unwrap_or("");
                    let id = format!("{name}::{macro_name}");
                    graph.entry(name.clone()).or_default();
                    graph.entry(id.clone()).or_default();
                    current_macro = Some(id);
                    continue;
                }
                Some("endmacro") => {
                    current_macro = None;
                    continue;
                }
                _ => {}
            }
            for (namespace, called) in calls(tag) {
                if let Some(file) = imports.get(&namespace) {
                    graph
                        .entry(node.clone())
                        .or_default()
                        .insert(format!("{file}::{called}"));
                }
            }
        }
    }
    graph
}

/// The insides of every `{% … %}` and `{{ … }}` of a template.
fn tags(source: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(start) = rest.find(['{']) {
        let after = &rest[start..];
        let close = if after.starts_with("{%") {
            "%}"
        } else if after.starts_with("{{") {
            "}}"
        } else {
            rest = &rest[start + 1..];
            continue;
        };
        let Some(end) = after[2..].find(close) else {
            break;
        };
        out.push(after[2..2 + end].trim_matches(|c: char| c == '-' || c.is_whitespace()));
        rest = &after[2 + end + 2..];
    }
    out
}

/// Every `"…"` or `'…'` string in a tag.
fn quoted(tag: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = tag.char_indices();
    while let Some((i, c)) = chars.next() {
        if c == '"' || c == '\'' {
            if let Some(len) = tag[i + 1..].find(c) {
                out.push(tag[i + 1..i + 1 + len].to_string());
                for _ in 0..=len {
                    chars.next();
                }
            }
        }
    }
    out
}

/// Every macro call `namespace::name(` in a tag.
fn calls(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = tag;
    while let Some(i) = rest.find("::") {
        let before = &rest[..i];
        let namespace: String = before
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let after = &rest[i + 2..];
        let name: String = after
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !namespace.is_empty() && after[name.len()..].trim_start().starts_with('(') {
            out.push((namespace, name.clone()));
        }
        rest = &after[name.len()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .collect()
    }

    #[test]
    fn loops_of_includes_extends_and_macros_are_found() {
        let ok = set(&[
            (
                "base.html",
                "{% block main %}{% endblock %}{% include \"partials/a.html\" %}",
            ),
            ("page.html", "{% extends \"base.html\" %}"),
            ("partials/a.html", "x"),
        ]);
        assert_eq!(find_loop(&ok), None);
        let own = set(&[("page.html", "{%- include 'page.html' -%}")]);
        assert_eq!(
            find_loop(&own),
            Some(vec!["page.html".to_string(), "page.html".to_string()])
        );
        let through = set(&[
            ("a.html", "{% extends \"b.html\" %}"),
            (
                "b.html",
                "{% include [\"c.html\", \"x.html\"] ignore missing %}",
            ),
            ("c.html", "{% include \"b.html\" %}"),
        ]);
        assert_eq!(
            find_loop(&through),
            Some(vec!["b.html".into(), "c.html".into(), "b.html".into()])
        );
        let recursive = set(&[(
            "m.html",
            "{% macro down(n) %}{{ self::down(n=n) }}{% endmacro down %}",
        )]);
        assert_eq!(
            find_loop(&recursive),
            Some(vec!["m.html::down".into(), "m.html::down".into()])
        );
    }
}
