//! Embedding: what a directive `{{ KIND ID filters }}` shows of a data file — typed views that
//! templates draw, and the page anchors they create.

use crate::i18n::Msg;
use crate::model::data::{
    Agency, Body, DataFile, Item, Kind, LinkItem, ListItem, Organisation, Phase,
};
use crate::model::date::Date;
use crate::model::markdown::{Directive, Markdown};
use crate::model::site::Site;
use serde::Serialize;

/// A data file as a directive embeds it: its header and the items its filters keep.
#[derive(Debug, Clone, Serialize)]
pub struct Embed<'a> {
    pub id: &'a str,
    pub kind: Kind,
    pub title: &'a str,
    pub intro: Option<&'a Markdown>,
    pub reviewed: Option<Date>,
    #[serde(flatten)]
    pub items: Items<'a>,
}

/// The embedded items, by kind.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Items<'a> {
    Organisations {
        items: Vec<&'a Organisation>,
    },
    Agencies {
        items: Vec<&'a Agency>,
    },
    /// Links under their group headings (one untitled group when the file declares none).
    Links {
        groups: Vec<LinkGroupView<'a>>,
    },
    Checklist {
        phases: &'a [Phase],
        total: usize,
    },
    List {
        items: Vec<&'a ListItem>,
    },
}

/// A group of links with the links that belong to it.
#[derive(Debug, Clone, Serialize)]
pub struct LinkGroupView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub items: Vec<&'a LinkItem>,
}

/// Why a directive cannot be embedded.
pub type Refusal = Msg;

/// The view of directive `d`, or why it does not fit the handbook's data.
pub fn embed<'a>(site: &'a Site, d: &Directive) -> Result<Embed<'a>, Refusal> {
    let Some(kind) = Kind::from_name(&d.kind) else {
        return Err(Msg::UnknownDirective {
            kind: d.kind.clone(),
        });
    };
    let Some(data) = site.data.get(&d.id) else {
        return Err(no_such_file(site, d, kind));
    };
    if data.kind != kind {
        return Err(Msg::WrongKind {
            id: d.id.clone(),
            is: data.kind.to_string(),
            not: kind.to_string(),
        });
    }
    let filter = Filter::of(d, data)?;
    Ok(Embed {
        id: &data.id,
        kind,
        title: &data.header.title,
        intro: data.header.intro.as_ref(),
        reviewed: data.header.reviewed,
        items: filter.items(d, data)?,
    })
}

fn no_such_file(site: &Site, d: &Directive, kind: Kind) -> Refusal {
    Msg::NoSuchData {
        id: d.id.clone(),
        kind: kind.to_string(),
        known: site
            .data
            .values()
            .filter(|f| f.kind == kind)
            .map(|f| f.id.clone())
            .collect(),
    }
}

/// A directive's filters, checked against its kind and data.
struct Filter<'d> {
    ids: Option<Vec<&'d str>>,
    fields: Vec<(&'d str, &'d str)>,
}

impl<'d> Filter<'d> {
    fn of(d: &'d Directive, data: &DataFile) -> Result<Filter<'d>, Refusal> {
        let mut filter = Filter {
            ids: None,
            fields: Vec::new(),
        };
        for (key, value) in &d.filters {
            if key == "ids" && data.kind.takes_ids() {
                let wanted: Vec<&str> = value.split(',').collect();
                let ids = data.item_ids();
                if let Some(missing) = wanted.iter().find(|w| !ids.contains(w)) {
                    return Err(Msg::NoSuchItem {
                        data: d.id.clone(),
                        missing: missing.to_string(),
                        known: ids.iter().map(std::string::ToString::to_string).collect(),
                    });
                }
                filter.ids = Some(wanted);
            } else if data.kind.filters().contains(&key.as_str()) {
                filter.fields.push((key, value));
            } else {
                return Err(unknown_filter(key, data.kind));
            }
        }
        Ok(filter)
    }

    fn keeps(&self, item: &dyn Item) -> bool {
        self.ids.as_ref().is_none_or(|ids| ids.contains(&item.id()))
            && self
                .fields
                .iter()
                .all(|(k, v)| item.filter_values(k).contains(v))
    }

    /// The items the filters keep; a field filter that keeps nothing is probably misspelt.
    fn kept<'a, T: Item>(&self, d: &Directive, items: &'a [T]) -> Result<Vec<&'a T>, Refusal> {
        let kept: Vec<&T> = items.iter().filter(|i| self.keeps(*i)).collect();
        if kept.is_empty()
            && let Some((key, value)) = self.fields.last()
        {
            return Err(Msg::FilterLeavesNothing {
                data: d.id.clone(),
                key: key.to_string(),
                value: value.to_string(),
            });
        }
        Ok(kept)
    }

    fn items<'a>(&self, d: &Directive, data: &'a DataFile) -> Result<Items<'a>, Refusal> {
        Ok(match &data.body {
            Body::Organisations(items) => Items::Organisations {
                items: self.kept(d, items)?,
            },
            Body::Agencies(items) => Items::Agencies {
                items: self.kept(d, items)?,
            },
            Body::List(items) => Items::List {
                items: self.kept(d, items)?,
            },
            Body::Links { groups, items } => Items::Links {
                groups: grouped(groups, self.kept(d, items)?),
            },
            Body::Checklist(phases) => Items::Checklist {
                phases,
                total: data.item_ids().len(),
            },
        })
    }
}

fn unknown_filter(key: &str, kind: Kind) -> Refusal {
    let mut allowed: Vec<String> = kind
        .filters()
        .iter()
        .map(std::string::ToString::to_string)
        .collect();
    if kind.takes_ids() {
        allowed.push("ids".into());
    }
    Msg::UnknownFilter {
        key: key.into(),
        kind: kind.to_string(),
        allowed,
    }
}

/// Links under their groups, in the groups' order; groups without links are left out.
fn grouped<'a>(
    groups: &'a [crate::model::data::LinkGroup],
    items: Vec<&'a LinkItem>,
) -> Vec<LinkGroupView<'a>> {
    if groups.is_empty() {
        return vec![LinkGroupView {
            id: "",
            title: "",
            items,
        }];
    }
    groups
        .iter()
        .map(|g| LinkGroupView {
            id: &g.id,
            title: &g.title,
            items: items
                .iter()
                .filter(|i| i.group.as_deref() == Some(g.id.as_str()))
                .copied()
                .collect(),
        })
        .filter(|g| !g.items.is_empty())
        .collect()
}

impl Embed<'_> {
    /// The HTML ids this view puts on the page: `DATA-ITEM` for items (and checklist points),
    /// `checkliste-DATA` for a whole checklist.
    pub fn anchors(&self) -> Vec<String> {
        let item = |i: &str| format!("{}-{i}", self.id);
        match &self.items {
            Items::Organisations { items } => items.iter().map(|i| item(&i.id)).collect(),
            Items::Agencies { items } => items.iter().map(|i| item(&i.id)).collect(),
            Items::List { items } => items.iter().map(|i| item(&i.id)).collect(),
            Items::Links { groups } => groups
                .iter()
                .flat_map(|g| &g.items)
                .map(|i| item(&i.id))
                .collect(),
            Items::Checklist { phases, .. } => std::iter::once(format!("checkliste-{}", self.id))
                .chain(phases.iter().flat_map(|p| &p.points).map(|p| item(&p.id)))
                .collect(),
        }
    }
}
