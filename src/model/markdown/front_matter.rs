//! Front matter: the YAML block between `---` lines at the top of a chapter.

/// A Markdown text split into its YAML front matter and body.
pub struct FrontMatter<'a> {
    pub yaml: &'a str,
    /// Lines before the YAML starts (1: the opening `---`).
    pub yaml_line_offset: usize,
    pub body: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// Splits `---\nyaml\n---\nbody`. `None` when the text has no front matter.
pub fn split_front_matter(text: &str) -> Option<FrontMatter<'_>> {
    let rest = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - rest.len();
    let first_line_end = rest.find('\n')?;
    if rest[..first_line_end].trim_end() != "---" {
        return None;
    }
    let yaml_start = first_line_end + 1;
    let mut pos = yaml_start;
    while pos <= rest.len() {
        let end = rest[pos..].find('\n').map_or(rest.len(), |i| pos + i);
        if rest[pos..end].trim_end() == "---" {
            let body_start = (end + 1).min(rest.len());
            return Some(FrontMatter {
                yaml: &rest[yaml_start..pos],
                yaml_line_offset: 1,
                body: &rest[body_start..],
                body_offset: bom + body_start,
            });
        }
        if end == rest.len() {
            break;
        }
        pos = end + 1;
    }
    None
}
