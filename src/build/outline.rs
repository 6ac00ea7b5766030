//! The outline: chapters and parts in reading order, with their numbers (`5`, `2.3`) and
//! places in the site (`kontakt`, `grundlagen/begriffe`). A part is a folder below
//! `content/chapters/`; its chapters follow one another, its title comes from `_teil.md`.

use crate::model::site::slug_of;
use std::collections::{BTreeMap, BTreeSet};

/// What orders a chapter or a part: `order:` when given, then the file or folder name.
pub(crate) type Key = (i64, String);

/// A chapter as the outline places it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlacedChapter<T> {
    pub item: T,
    /// The file below `content/chapters/`.
    pub file: String,
    pub slug: String,
    pub number: String,
    pub part: Option<usize>,
}

/// A part as the outline places it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlacedPart<P> {
    pub item: P,
    pub folder: String,
    pub slug: String,
    pub number: usize,
    /// Its chapters, as a range of the placed chapters.
    pub chapters: std::ops::Range<usize>,
}

/// Places `chapters` (each with its file below `content/chapters/` and its `order:`) and the
/// parts their folders make (`parts`: folder -> its `order:` and what it carries).
pub(crate) fn place<T, P>(
    chapters: Vec<(T, String, Option<i64>)>,
    mut parts: BTreeMap<String, (Option<i64>, P)>,
) -> (Vec<PlacedChapter<T>>, Vec<PlacedPart<P>>) {
    enum Top<T> {
        Chapter(T, String),
        Part(String),
    }
    let mut tops: Vec<(Key, Top<T>)> = Vec::new();
    let mut in_parts: BTreeMap<String, Vec<(Key, T, String)>> = BTreeMap::new();
    for (item, file, order) in chapters {
        let key = (order.unwrap_or(i64::MAX), file.clone());
        match file.split_once('/') {
            Some((folder, _)) => in_parts
                .entry(folder.to_string())
                .or_default()
                .push((key, item, file)),
            None => tops.push((key, Top::Chapter(item, file))),
        }
    }
    let folders: BTreeSet<String> = parts.keys().chain(in_parts.keys()).cloned().collect();
    for folder in folders {
        let order = parts.get(&folder).and_then(|(o, _)| *o);
        let key = (order.unwrap_or(i64::MAX), folder.clone());
        tops.push((key, Top::Part(folder)));
    }
    tops.sort_by(|a, b| a.0.cmp(&b.0));
    let mut placed_chapters = Vec::new();
    let mut placed_parts = Vec::new();
    for (n, (_, top)) in tops.into_iter().enumerate() {
        let number = n + 1;
        match top {
            Top::Chapter(item, file) => placed_chapters.push(PlacedChapter {
                slug: slug_of(&file),
                item,
                file,
                number: number.to_string(),
                part: None,
            }),
            Top::Part(folder) => {
                let Some(item) = parts.remove(&folder).map(|(_, p)| p) else {
                    continue;
                };
                let members = in_parts.remove(&folder).unwrap_or_default();
                let part = placed_parts.len();
                let from = placed_chapters.len();
                placed_chapters.extend(part_chapters(&folder, number, part, members));
                placed_parts.push(PlacedPart {
                    item,
                    slug: slug_of(&folder),
                    folder,
                    number,
                    chapters: from..placed_chapters.len(),
                });
            }
        }
    }
    (placed_chapters, placed_parts)
}

/// The chapters of part `part` (number `number`, in `folder`), in their order.
fn part_chapters<T>(
    folder: &str,
    number: usize,
    part: usize,
    mut members: Vec<(Key, T, String)>,
) -> impl Iterator<Item = PlacedChapter<T>> {
    members.sort_by(|a, b| a.0.cmp(&b.0));
    let part_slug = slug_of(folder);
    members
        .into_iter()
        .enumerate()
        .map(move |(j, (_, item, file))| {
            let name = file.rsplit('/').next().unwrap_or(&file).to_string();
            PlacedChapter {
                slug: format!("{part_slug}/{}", slug_of(&name)),
                item,
                file,
                number: format!("{number}.{}", j + 1),
                part: Some(part),
            }
        })
}

/// A part's title when it has no `_teil.md`: its folder's name, without the number.
pub(crate) fn title_of_folder(folder: &str) -> String {
    let rest = folder.trim_start_matches(|c: char| c.is_ascii_digit());
    let rest = rest.trim_start_matches(['-', '_', '.', ' ']);
    let words = if rest.is_empty() { folder } else { rest }.replace(['-', '_'], " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_books_are_numbered_by_file_name_and_order() {
        let (chapters, parts) = place::<&str, ()>(
            vec![
                ("b", "02-b.md".into(), None),
                ("a", "01-a.md".into(), None),
                ("c", "09-c.md".into(), Some(1)),
            ],
            BTreeMap::new(),
        );
        assert!(parts.is_empty());
        let order: Vec<(&str, &str, &str)> = chapters
            .iter()
            .map(|c| (c.item, c.number.as_str(), c.slug.as_str()))
            .collect();
        assert_eq!(order, [("c", "1", "c"), ("a", "2", "a"), ("b", "3", "b")]);
    }

    #[test]
    fn parts_number_their_chapters() {
        let mut parts = BTreeMap::new();
        parts.insert("02-grundlagen".to_string(), (None, "Grundlagen"));
        parts.insert("03-leer".to_string(), (None, "Leer"));
        let (chapters, parts) = place(
            vec![
                ("e", "01-einleitung.md".into(), None),
                ("r", "02-grundlagen/02-recht.md".into(), None),
                ("b", "02-grundlagen/01-begriffe.md".into(), None),
                ("s", "04-schluss.md".into(), None),
            ],
            parts,
        );
        let order: Vec<(&str, &str, &str, Option<usize>)> = chapters
            .iter()
            .map(|c| (c.item, c.number.as_str(), c.slug.as_str(), c.part))
            .collect();
        assert_eq!(
            order,
            [
                ("e", "1", "einleitung", None),
                ("b", "2.1", "grundlagen/begriffe", Some(0)),
                ("r", "2.2", "grundlagen/recht", Some(0)),
                ("s", "4", "schluss", None),
            ]
        );
        assert_eq!(parts[0].chapters, 1..3);
        assert_eq!((parts[1].slug.as_str(), parts[1].number), ("leer", 3));
        assert_eq!(parts[1].chapters, 3..3);
        assert_eq!(
            title_of_folder("02-grundlagen-und-recht"),
            "Grundlagen und recht"
        );
    }
}
