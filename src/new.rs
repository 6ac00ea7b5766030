//! `handbook new`: skeletons authors fill in — a chapter with the next free number, or a data
//! file of a kind with one example entry, valid as written.

use crate::diagnostic::Diagnostic;
use crate::i18n::Msg;
use crate::model::data::Kind;
use crate::model::markdown::{is_valid_id, slugify};
use std::path::{Path, PathBuf};

/// What was created: where, and what to tell the author.
pub struct Created {
    pub path: PathBuf,
    pub msg: Msg,
}

/// Creates a chapter (`what` is `chapter`, `name` its title) or a data file (`what` a kind,
/// `name` its id) in the handbook at `root`. Existing files are never overwritten.
pub fn create(root: &Path, what: &str, name: &str) -> Result<Created, Diagnostic> {
    if what == "chapter" || what == "kapitel" {
        return chapter(root, name);
    }
    let Some(kind) = Kind::from_name(what) else {
        return Err(Diagnostic::error(
            shown_path(root, "content"),
            Msg::NewUnknownKind { kind: what.into() },
        ));
    };
    data(root, kind, name)
}

fn chapter(root: &Path, title: &str) -> Result<Created, Diagnostic> {
    let dir = shown_path(root, "content/chapters");
    let next = next_number(&dir);
    let file = format!("{next:02}-{}.md", slugify(title));
    let path = dir.join(&file);
    let text = format!(
        "---\ntitle: {}\nsummary: Ein Satz, worum es in diesem Kapitel geht.\n---\n\nDer Text des Kapitels, in Markdown.\n\n## Ein Abschnitt\n\nMehr Text.\n",
        yaml_text(title)
    );
    write_new(&path, &text)?;
    Ok(Created {
        msg: Msg::NewChapter {
            path: path.display().to_string(),
            file,
            title: title.into(),
        },
        path,
    })
}

fn data(root: &Path, kind: Kind, id: &str) -> Result<Created, Diagnostic> {
    let path = shown_path(root, &format!("content/data/{id}.yaml"));
    if !is_valid_id(id) {
        return Err(Diagnostic::error(
            &path,
            Msg::NewBadId {
                id: id.into(),
                suggestion: slugify(id),
            },
        ));
    }
    let text = format!(
        "{}\n# Kennungen (`id`) nie mehr ändern, wenn die Liste veröffentlicht ist.\nkind: {kind}\n{}",
        crate::schema::comment_for(kind),
        skeleton(kind)
    );
    write_new(&path, &text)?;
    Ok(Created {
        msg: Msg::NewData {
            path: path.display().to_string(),
            directive: format!("{{{{ {kind} {id} }}}}"),
        },
        path,
    })
}

/// One example entry of each kind, with every required field.
fn skeleton(kind: Kind) -> &'static str {
    match kind {
        Kind::Organisations => {
            "title: Verbände\nreviewed: 2026-01-01\nitems:\n  - id: beispiel-verband\n    name: Beispielverband e.V.\n    level: bund\n    description: Was der Verband tut.\n    url: https://example.org/\n"
        }
        Kind::Agencies => {
            "title: Stellen vor Ort\nreviewed: 2026-01-01\nitems:\n  - id: beispiel-stelle\n    name: Beispielstelle\n    type: other\n    description: Was die Stelle anbietet.\n"
        }
        Kind::Links => {
            "title: Links\nreviewed: 2026-01-01\nitems:\n  - id: beispiel\n    title: Beispielportal\n    url: https://example.org/\n    description: Was man dort findet.\n"
        }
        Kind::Checklist => {
            "title: Checkliste\nphases:\n  - id: vorbereitung\n    title: Vorbereitung\n    points:\n      - id: erster-punkt\n        text: Der erste Punkt.\n"
        }
        Kind::List => {
            "title: Liste\nitems:\n  - id: erste-karte\n    title: Erste Karte\n    text: Der Text der Karte.\n"
        }
    }
}

/// The next chapter number: one more than the highest number prefix in `dir`.
fn next_number(dir: &Path) -> u32 {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
            digits.parse::<u32>().ok()
        })
        .max()
        .map_or(1, |n| n + 1)
}

/// `text` as a YAML value: quoted when YAML would read it otherwise.
fn yaml_text(text: &str) -> String {
    let plain = !text.is_empty()
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.starts_with([
            '*', '&', '!', '%', '@', '`', '[', '{', '"', '\'', '-', '?', '|', '>',
        ]);
    if plain {
        text.to_string()
    } else {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

fn write_new(path: &Path, text: &str) -> Result<(), Diagnostic> {
    if path.exists() {
        return Err(Diagnostic::error(path, Msg::NewExists));
    }
    crate::fs::write(path, text.as_bytes())
}

/// `rel` below the handbook, as messages name it (without a leading `./`).
fn shown_path(root: &Path, rel: &str) -> PathBuf {
    crate::build::load::shown(root, Path::new(rel))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_become_yaml_text() {
        assert_eq!(yaml_text("Planung"), "Planung");
        assert_eq!(yaml_text("Ort: Köln"), "\"Ort: Köln\"");
        assert_eq!(yaml_text("*Wichtig*"), "\"*Wichtig*\"");
    }
}
