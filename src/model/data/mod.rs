//! Data: the typed YAML lists in `content/data/` (organisations, agencies, links, checklists, lists).

mod check;
mod items;

pub use items::{
    Agency, AgencyType, ChapterLink, Contact, Item, Level, LinkGroup, LinkItem, ListItem,
    Organisation, Phase, Point,
};

use crate::diagnostic::{Diagnostic, Diagnostics, Pos};
use crate::i18n::Msg;
use crate::model::SourceFile;
use crate::model::date::Date;
use crate::model::markdown::{self, Link, Markdown, Resolve, is_valid_id};
use crate::model::yaml::Positions;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::PathBuf;

/// The kinds of data files, as written in `kind:` and in directives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Organisations,
    Agencies,
    Links,
    Checklist,
    List,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Organisations,
        Kind::Agencies,
        Kind::Links,
        Kind::Checklist,
        Kind::List,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Organisations => "organisations",
            Kind::Agencies => "agencies",
            Kind::Links => "links",
            Kind::Checklist => "checklist",
            Kind::List => "list",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Every kind's name, for hints: `organisations, agencies, …`.
    pub fn names() -> String {
        Kind::ALL.map(Kind::name).join(", ")
    }

    /// The directive filters this kind takes besides `ids`.
    pub fn filters(self) -> &'static [&'static str] {
        match self {
            Kind::Organisations => &["level", "focus"],
            Kind::Agencies => &["type"],
            Kind::Links => &["group"],
            Kind::Checklist | Kind::List => &[],
        }
    }

    /// Can a directive pick single items (`ids=a,b`)? Not from a checklist: it is one form.
    pub fn takes_ids(self) -> bool {
        self != Kind::Checklist
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What every data file has besides its items.
#[derive(Debug, Clone, Serialize)]
pub struct Header {
    pub title: String,
    pub intro: Option<Markdown>,
    pub reviewed: Option<Date>,
}

/// The items of a data file, by kind.
#[derive(Debug, Clone)]
pub enum Body {
    Organisations(Vec<Organisation>),
    Agencies(Vec<Agency>),
    Links {
        groups: Vec<LinkGroup>,
        items: Vec<LinkItem>,
    },
    /// Phases in order; a checklist written with bare `points:` has one untitled phase.
    Checklist(Vec<Phase>),
    List(Vec<ListItem>),
}

/// One parsed data file.
#[derive(Debug, Clone)]
pub struct DataFile {
    /// The file name without `.yaml`: directives name the file by it.
    pub id: String,
    pub kind: Kind,
    pub path: PathBuf,
    pub header: Header,
    pub body: Body,
    pub positions: Positions,
}

/// A link written in a data file's Markdown (or its `link:` field), located at its field.
#[derive(Debug, Clone)]
pub struct DataLink {
    pub path: PathBuf,
    pub pos: Option<Pos>,
    pub link: Link,
}

impl DataFile {
    /// Item ids in file order (for checklists: the point ids).
    pub fn item_ids(&self) -> Vec<&str> {
        match &self.body {
            Body::Organisations(items) => items.iter().map(|i| i.id.as_str()).collect(),
            Body::Agencies(items) => items.iter().map(|i| i.id.as_str()).collect(),
            Body::Links { items, .. } => items.iter().map(|i| i.id.as_str()).collect(),
            Body::List(items) => items.iter().map(|i| i.id.as_str()).collect(),
            Body::Checklist(phases) => phases
                .iter()
                .flat_map(|p| &p.points)
                .map(|p| p.id.as_str())
                .collect(),
        }
    }

    /// Does this list hold contact data (which goes stale)?
    pub fn has_contacts(&self) -> bool {
        match &self.body {
            Body::Organisations(_) | Body::Agencies(_) | Body::Links { .. } => true,
            Body::List(items) => items.iter().any(|i| {
                let c = i.contact();
                c.phone.is_some() || c.email.is_some() || c.address.is_some()
            }),
            Body::Checklist(_) => false,
        }
    }

    /// Renders every Markdown field to HTML and resolves `link:` fields to chapters; returns
    /// every link found, located at its field, for validation.
    pub fn render_markdown(&mut self, resolve: &dyn Resolve) -> Vec<DataLink> {
        let mut pass = MarkdownPass {
            resolve,
            file: &self.path,
            positions: &self.positions,
            links: Vec::new(),
        };
        if let Some(intro) = self.header.intro.as_mut() {
            pass.render("intro", intro);
        }
        match &mut self.body {
            Body::Organisations(items) => pass.items("items", items),
            Body::Agencies(items) => pass.items("items", items),
            Body::Links { items, .. } => pass.items("items", items),
            Body::Checklist(phases) => {
                let bare = self.positions.value("points").is_some();
                for (p, phase) in phases.iter_mut().enumerate() {
                    let at = if bare {
                        "points".to_string()
                    } else {
                        format!("phases[{p}].points")
                    };
                    pass.items(&at, &mut phase.points);
                }
            }
            Body::List(items) => {
                pass.items("items", items);
                for (i, item) in items.iter_mut().enumerate() {
                    if let Some(link) = item.link.as_mut() {
                        pass.chapter_link(&format!("items[{i}].link"), link);
                    }
                }
            }
        }
        pass.links
    }
}

/// Renders the Markdown fields of one data file and collects their links.
struct MarkdownPass<'a> {
    resolve: &'a dyn Resolve,
    file: &'a PathBuf,
    positions: &'a Positions,
    links: Vec<DataLink>,
}

impl MarkdownPass<'_> {
    fn render(&mut self, path: &str, md: &mut Markdown) {
        let r = markdown::render_inline(&md.source, self.resolve);
        md.html = r.html;
        let pos = self.positions.value(path);
        self.links.extend(r.links.into_iter().map(|link| DataLink {
            path: self.file.clone(),
            pos,
            link,
        }));
    }

    fn items<T: Item>(&mut self, at: &str, items: &mut [T]) {
        for (i, item) in items.iter_mut().enumerate() {
            for (name, md) in item.markdown_mut() {
                self.render(&format!("{at}[{i}].{name}"), md);
            }
        }
    }

    fn chapter_link(&mut self, path: &str, link: &mut ChapterLink) {
        let target = markdown::classify(&link.source);
        if let markdown::Target::Chapter { file, anchor } = &target
            && let Some((url, title)) = self.resolve.chapter(file)
        {
            link.url = match anchor {
                Some(a) => format!("{url}#{a}"),
                None => url,
            };
            link.title = title;
        }
        self.links.push(DataLink {
            path: self.file.clone(),
            pos: self.positions.value(path),
            link: Link {
                target,
                raw: link.source.clone(),
                offset: 0,
                pos: None,
            },
        });
    }
}

/// Declares the form of a data file of one kind: `kind`, `title`, `intro` and `reviewed`
/// written once, then the kind's own fields. Each form is parsed directly (a tagged enum would
/// buffer the document and lose the line numbers of errors).
macro_rules! file_form {
    ($name:ident $(<$g:ident>)? { $($(#[$fmeta:meta])* $field:ident : $ty:ty,)* }) => {
        #[derive(Deserialize, schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        struct $name $(<$g>)? {
            #[serde(rename = "kind")]
            #[schemars(description = "Art der Liste; steht als erste Zeile in der Datei.")]
            _kind: Kind,
            #[schemars(description = "Titel der Liste.")]
            title: String,
            #[serde(default)]
            #[schemars(description = "Einleitender Text (Markdown).")]
            intro: Option<Markdown>,
            #[serde(default)]
            #[schemars(description = "Wann Adressen, Telefonnummern und Links zuletzt geprüft wurden, z. B. `2026-11-25`.")]
            reviewed: Option<Date>,
            $($(#[$fmeta])* $field: $ty,)*
        }

        impl $(<$g>)? $name $(<$g>)? {
            fn header(&mut self) -> Header {
                Header {
                    title: std::mem::take(&mut self.title),
                    intro: self.intro.take(),
                    reviewed: self.reviewed,
                }
            }
        }
    };
}

file_form!(ItemsFile<T> {
    #[schemars(description = "Die Einträge der Liste.")]
    items: Vec<T>,
});
file_form!(LinksFile {
    #[serde(default)]
    #[schemars(description = "Gruppen mit Überschrift, in ihrer Reihenfolge (optional).")]
    groups: Vec<LinkGroup>,
    #[schemars(description = "Die Links.")]
    items: Vec<LinkItem>,
});
file_form!(ChecklistFile {
    #[serde(default)]
    #[schemars(description = "Die Phasen der Checkliste, jede mit ihren Punkten.")]
    phases: Vec<Phase>,
    #[serde(default)]
    #[schemars(description = "Punkte ohne Phasen (statt `phases:`).")]
    points: Vec<Point>,
});

/// The JSON Schema of each kind's file form (draft-07), for editors: the same types the
/// engine parses with, so they cannot drift; `kind` is fixed to the kind.
pub fn schemas() -> Vec<(Kind, serde_json::Value)> {
    fn of<T: schemars::JsonSchema>(kind: Kind) -> (Kind, serde_json::Value) {
        let mut schema = schemars::generate::SchemaSettings::draft07()
            .into_generator()
            .into_root_schema_for::<T>()
            .to_value();
        schema["title"] = format!("handbook: Liste der Art {kind}").into();
        schema["properties"]["kind"] = serde_json::json!({
            "const": kind.name(),
            "description": "Art der Liste; steht als erste Zeile in der Datei.",
        });
        (kind, schema)
    }
    vec![
        of::<ItemsFile<Organisation>>(Kind::Organisations),
        of::<ItemsFile<Agency>>(Kind::Agencies),
        of::<LinksFile>(Kind::Links),
        of::<ChecklistFile>(Kind::Checklist),
        of::<ItemsFile<ListItem>>(Kind::List),
    ]
}

/// Just the kind, read first to choose the form.
#[derive(Deserialize)]
struct KindOnly {
    kind: String,
}

/// Reads `kind:`, then the file in that kind's form.
fn parse_body(file: &SourceFile) -> Result<(Kind, Header, Body, Positions), Diagnostic> {
    let (path, text) = (&file.path, &file.text);
    let positions = crate::model::yaml::locate(path, text, 0)?;
    let kind: KindOnly =
        crate::model::yaml::deserialize(path, text, 0, &positions).map_err(|mut e| {
            if let Msg::YamlMissingField { field, .. } = &*e.msg
                && field == "kind"
            {
                *e.msg = Msg::MissingKind;
            }
            e
        })?;
    let Some(kind) = Kind::from_name(&kind.kind) else {
        return Err(
            Diagnostic::error(path, Msg::UnknownKind { kind: kind.kind })
                .at(positions.value("kind")),
        );
    };
    let (header, body) = match kind {
        Kind::Organisations => {
            let mut f: ItemsFile<Organisation> =
                crate::model::yaml::deserialize(path, text, 0, &positions)?;
            (f.header(), Body::Organisations(f.items))
        }
        Kind::Agencies => {
            let mut f: ItemsFile<Agency> =
                crate::model::yaml::deserialize(path, text, 0, &positions)?;
            (f.header(), Body::Agencies(f.items))
        }
        Kind::List => {
            let mut f: ItemsFile<ListItem> =
                crate::model::yaml::deserialize(path, text, 0, &positions)?;
            (f.header(), Body::List(f.items))
        }
        Kind::Links => {
            let mut f: LinksFile = crate::model::yaml::deserialize(path, text, 0, &positions)?;
            let header = f.header();
            (
                header,
                Body::Links {
                    groups: f.groups,
                    items: f.items,
                },
            )
        }
        Kind::Checklist => {
            let mut f: ChecklistFile = crate::model::yaml::deserialize(path, text, 0, &positions)?;
            let header = f.header();
            check::checklist_shape(path, &positions, &f.phases, &f.points)?;
            let phases = if f.phases.is_empty() {
                vec![Phase {
                    id: "punkte".into(),
                    title: String::new(),
                    points: f.points,
                    due: None,
                    pos: None,
                }]
            } else {
                f.phases
            };
            (header, Body::Checklist(phases))
        }
    };
    Ok((kind, header, body, positions))
}

/// Gives every item the position of its `id:`, so that messages about it point there.
fn locate(body: &mut Body, positions: &Positions) {
    fn at<T: Item>(items: &mut [T], path: &str, positions: &Positions) {
        for (i, item) in items.iter_mut().enumerate() {
            item.set_pos(positions.key(&format!("{path}[{i}].id")));
        }
    }
    match body {
        Body::Organisations(items) => at(items, "items", positions),
        Body::Agencies(items) => at(items, "items", positions),
        Body::List(items) => at(items, "items", positions),
        Body::Links { groups, items } => {
            at(groups, "groups", positions);
            at(items, "items", positions);
        }
        Body::Checklist(phases) if positions.value("points").is_some() => {
            for phase in phases.iter_mut() {
                at(&mut phase.points, "points", positions);
            }
        }
        Body::Checklist(phases) => {
            at(phases, "phases", positions);
            for (p, phase) in phases.iter_mut().enumerate() {
                at(&mut phase.points, &format!("phases[{p}].points"), positions);
            }
        }
    }
}

/// Parses one data file and checks what can be checked within it; on success with its warnings.
pub fn parse(file: &SourceFile) -> Result<(DataFile, Diagnostics), Diagnostics> {
    let stem = file
        .path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("")
        .to_string();
    let mut errors = Diagnostics::new();
    if !is_valid_id(&stem) {
        errors.push(Diagnostic::error(
            &file.path,
            Msg::DataFileName { stem: stem.clone() },
        ));
    }
    let (kind, header, mut body, positions) = match parse_body(file) {
        Ok(parts) => parts,
        Err(e) => {
            errors.push(e);
            return Err(errors);
        }
    };
    locate(&mut body, &positions);
    let data = DataFile {
        id: stem,
        kind,
        path: file.path.clone(),
        header,
        body,
        positions,
    };
    errors.extend(check::items(&data));
    errors.extend(
        crate::model::yaml::comment_cuts(&file.text, 0)
            .into_iter()
            .map(|(pos, msg)| Diagnostic::warning(&file.path, msg).at(pos)),
    );
    errors.or_fail(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(name: &str, text: &str) -> Result<DataFile, Vec<String>> {
        let file = SourceFile {
            path: PathBuf::from(format!("content/data/{name}.yaml")),
            text: text.into(),
        };
        parse(&file)
            .map(|(d, _)| d)
            .map_err(|es| es.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn checklist_with_phases() {
        let d = parse_str(
            "plan",
            "kind: checklist\ntitle: Plan\nphases:\n  - id: a\n    title: A\n    points:\n      - id: p1\n        text: Eins\n",
        )
        .expect("valid");
        assert_eq!(d.kind, Kind::Checklist);
        assert_eq!(d.item_ids(), ["p1"]);
        let Body::Checklist(phases) = &d.body else {
            panic!("a checklist")
        };
        assert_eq!(phases[0].points[0].pos, Some(Pos::new(7, 9)));
    }

    #[test]
    fn bare_points_are_one_untitled_phase() {
        let d = parse_str(
            "kurz",
            "kind: checklist\ntitle: Kurz\npoints:\n  - id: a\n    text: A\n  - id: b\n    text: B\n",
        )
        .expect("valid");
        let Body::Checklist(phases) = &d.body else {
            panic!("a checklist")
        };
        assert_eq!(phases.len(), 1);
        assert_eq!(phases[0].title, "");
        assert_eq!(phases[0].points[1].pos, Some(Pos::new(6, 5)));
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
                "content/data/plan.yaml:12:9: Fehler: Die Kennung `p1` eines Punkts kommt doppelt vor — Sie wird schon in Zeile 7 verwendet. Jede Kennung darf in einer Datei nur einmal vorkommen."
            ]
        );
    }

    #[test]
    fn unknown_kind() {
        let e = parse_str("x", "kind: people\ntitle: X\n").expect_err("unknown kind");
        assert_eq!(
            e,
            [
                "content/data/x.yaml:1:7: Fehler: Die Art `people` gibt es nicht — Schreiben Sie eine dieser Arten: organisations, agencies, links, checklist, list."
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
                "content/data/links.yaml:4:5: Fehler: Hier fehlt das Feld `url` (in `items` Nr. 1) — Ergänzen Sie eine Zeile `url: …` in diesem Eintrag."
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
        assert_eq!(
            e,
            [
                "content/data/orgs.yaml:4:5: Fehler: `Tür Verband` ist keine gültige Kennung — Kennungen bestehen aus Kleinbuchstaben, Ziffern und `-`, z. B. `tuer-verband`. Ändern Sie eine veröffentlichte Kennung nie: Die Häkchen der Leserinnen und Leser hängen daran.",
                "content/data/orgs.yaml:8:10: Fehler: `www.x.de` (bei `Tür Verband`) ist keine Web-Adresse — Schreiben Sie https:// davor: `https://www.x.de`."
            ]
        );
    }
}
