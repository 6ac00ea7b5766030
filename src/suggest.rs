//! Suggestions for misspellings: the closest of the known names, if one is close enough.

/// The option closest to `wanted` by edit distance, when it differs by at most about a third.
pub fn closest<'a>(wanted: &str, options: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    options
        .map(|o| (edit_distance(wanted, o), o))
        .filter(|(d, o)| *d <= o.len().max(wanted.len()) / 3 + 1)
        .min()
        .map(|(_, o)| o)
}

/// Levenshtein distance, by characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
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
