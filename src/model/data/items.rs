//! The items of each data kind, as authors write them and templates draw them.

use crate::diagnostic::Pos;
use crate::model::markdown::Markdown;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

/// Contact data, as several kinds of items carry it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Contact<'a> {
    pub address: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub fax: Option<&'a str>,
    pub email: Option<&'a str>,
    pub url: Option<&'a str>,
}

impl Contact<'_> {
    /// The fields in reading order: address, phone, fax, email, url.
    pub fn fields(&self) -> [Option<&str>; 5] {
        [self.address, self.phone, self.fax, self.email, self.url]
    }
}

/// Declares an item type with the contact fields (`address`, `phone`, `fax`, `email`, `url`)
/// written once, at the end of its fields, and a [`Contact`] view of them.
macro_rules! with_contact {
    ($(#[$meta:meta])* pub struct $name:ident { $($(#[$fmeta:meta])* pub $field:ident : $ty:ty,)* }) => {
        $(#[$meta])*
        pub struct $name {
            $($(#[$fmeta])* pub $field: $ty,)*
            /// Postal address; line breaks are kept.
            #[serde(default)]
            #[schemars(description = "Postanschrift; Zeilenumbrüche bleiben erhalten (mit `|` über mehrere Zeilen schreiben).")]
            pub address: Option<String>,
            #[serde(default)]
            #[schemars(description = "Telefonnummer, wie sie angezeigt werden soll, z. B. `02306 123456`.")]
            pub phone: Option<String>,
            #[serde(default)]
            #[schemars(description = "Faxnummer.")]
            pub fax: Option<String>,
            #[serde(default)]
            #[schemars(description = "E-Mail-Adresse.")]
            pub email: Option<String>,
            /// A web address (http or https).
            #[serde(default)]
            #[schemars(description = "Web-Adresse mit https:// davor.", regex(pattern = r"^https?://"))]
            pub url: Option<String>,
        }

        impl $name {
            pub fn contact(&self) -> Contact<'_> {
                Contact {
                    address: self.address.as_deref(),
                    phone: self.phone.as_deref(),
                    fax: self.fax.as_deref(),
                    email: self.email.as_deref(),
                    url: self.url.as_deref(),
                }
            }
        }
    };
}

with_contact! {
    /// An umbrella organisation (Dachverband).
    #[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct Organisation {
        #[schemars(description = "Kennung: Kleinbuchstaben, Ziffern und `-`. Nach der Veröffentlichung nie mehr ändern.", regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
        pub id: String,
        #[schemars(description = "Name des Verbands, wie er angezeigt wird.")]
        pub name: String,
        #[serde(default)]
        #[schemars(description = "Abkürzung, z. B. `BV`.")]
        pub short: Option<String>,
        #[schemars(description = "Ebene: `bund` (Bundesebene) oder `land` (Landesebene).")]
        pub level: Level,
        #[serde(default)]
        #[schemars(description = "Schwerpunkte als Liste, z. B. `[Eltern, Bildung]`; Leserinnen und Leser filtern danach.")]
        pub focus: Vec<String>,
        #[serde(default)]
        #[schemars(description = "Mitglieder oder Reichweite, wie die Quelle sie nennt (Markdown).")]
        pub members: Option<Markdown>,
        #[schemars(description = "Was der Verband tut (Markdown).")]
        pub description: Markdown,
        #[serde(skip)]
        #[schemars(skip)]
        pub pos: Option<Pos>,
    }
}

/// Where an organisation works.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Bund,
    Land,
}

impl Level {
    pub fn name(self) -> &'static str {
        match self {
            Level::Bund => "bund",
            Level::Land => "land",
        }
    }
}

with_contact! {
    /// A part of the municipal integration infrastructure, or one local office.
    #[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct Agency {
        #[schemars(description = "Kennung: Kleinbuchstaben, Ziffern und `-`. Nach der Veröffentlichung nie mehr ändern.", regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
        pub id: String,
        #[schemars(description = "Name der Stelle, wie er angezeigt wird.")]
        pub name: String,
        #[serde(rename = "type")]
        #[schemars(description = "Art der Stelle: `integrationsagentur`, `kommunales-integrationszentrum` oder `other`.")]
        pub kind: AgencyType,
        #[serde(default)]
        #[schemars(description = "Anzahl, nur die Zahl, z. B. `180`.")]
        pub count: Option<u32>,
        #[serde(default)]
        #[schemars(description = "Träger.")]
        pub carrier: Option<String>,
        #[serde(default)]
        #[schemars(description = "Ort, bei einer einzelnen Stelle.")]
        pub town: Option<String>,
        #[serde(default)]
        #[schemars(description = "Arbeitsfelder als Liste.")]
        pub fields: Vec<String>,
        #[schemars(description = "Beschreibung (Markdown).")]
        pub description: Markdown,
        #[serde(skip)]
        #[schemars(skip)]
        pub pos: Option<Pos>,
    }
}

/// The kinds of municipal offices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AgencyType {
    Integrationsagentur,
    KommunalesIntegrationszentrum,
    Other,
}

impl AgencyType {
    pub fn name(self) -> &'static str {
        match self {
            AgencyType::Integrationsagentur => "integrationsagentur",
            AgencyType::KommunalesIntegrationszentrum => "kommunales-integrationszentrum",
            AgencyType::Other => "other",
        }
    }
}

/// A heading under which links are grouped.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkGroup {
    #[schemars(
        description = "Kennung: Kleinbuchstaben, Ziffern und `-`. Nach der Veröffentlichung nie mehr ändern.",
        regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")
    )]
    pub id: String,
    #[schemars(description = "Überschrift der Gruppe.")]
    pub title: String,
    #[serde(skip)]
    #[schemars(skip)]
    pub pos: Option<Pos>,
}

/// One entry of a link list.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkItem {
    #[schemars(
        description = "Kennung: Kleinbuchstaben, Ziffern und `-`. Nach der Veröffentlichung nie mehr ändern.",
        regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")
    )]
    pub id: String,
    #[schemars(description = "Name des Links, wie er angezeigt wird.")]
    pub title: String,
    #[schemars(
        description = "Web-Adresse mit https:// davor.",
        regex(pattern = r"^https?://")
    )]
    pub url: String,
    #[serde(default)]
    #[schemars(description = "Was man dort findet (Markdown).")]
    pub description: Option<Markdown>,
    #[serde(default)]
    #[schemars(description = "Kennung einer Gruppe aus `groups:`.")]
    pub group: Option<String>,
    #[serde(skip)]
    #[schemars(skip)]
    pub pos: Option<Pos>,
}

/// A phase of a checklist: a titled group of points.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    #[schemars(
        description = "Kennung: Kleinbuchstaben, Ziffern und `-`. Nach der Veröffentlichung nie mehr ändern.",
        regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")
    )]
    pub id: String,
    #[schemars(description = "Titel der Phase.")]
    pub title: String,
    #[schemars(description = "Die Punkte dieser Phase.")]
    pub points: Vec<Point>,
    /// Suggested due date of the phase's points, in days from the event date (negative: before).
    #[serde(default)]
    #[schemars(description = "Vorgeschlagene Frist für alle Punkte der Phase, in Tagen ab dem Termin der Veranstaltung: `-14` heißt zwei Wochen vorher, `7` eine Woche danach.", range(min = -365, max = 365))]
    pub due: Option<i32>,
    #[serde(skip)]
    #[schemars(skip)]
    pub pos: Option<Pos>,
}

/// A point of a checklist: readers tick it; their ticks are stored under its id.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Point {
    #[schemars(
        description = "Kennung des Punkts: Kleinbuchstaben, Ziffern und `-`. Die Häkchen der Leserinnen und Leser hängen daran: nach der Veröffentlichung nie mehr ändern.",
        regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$")
    )]
    pub id: String,
    #[schemars(description = "Der Punkt, eine Zeile (Markdown).")]
    pub text: Markdown,
    #[serde(default)]
    #[schemars(description = "Eine zweite Zeile mit Erläuterung (Markdown).")]
    pub hint: Option<Markdown>,
    /// Suggested due date, in days from the event date (negative: before); overrides the phase's.
    #[serde(default)]
    #[schemars(description = "Vorgeschlagene Frist in Tagen ab dem Termin der Veranstaltung (gilt vor der Frist der Phase): `-14` heißt zwei Wochen vorher.", range(min = -365, max = 365))]
    pub due: Option<i32>,
    #[serde(skip)]
    #[schemars(skip)]
    pub pos: Option<Pos>,
}

with_contact! {
    /// A card of a generic list (arguments, formats, roles, locations, …).
    #[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct ListItem {
        #[schemars(description = "Kennung: Kleinbuchstaben, Ziffern und `-`. Nach der Veröffentlichung nie mehr ändern.", regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))]
        pub id: String,
        #[schemars(description = "Titel der Karte.")]
        pub title: String,
        #[serde(default)]
        #[schemars(description = "Text (Markdown, auch mehrere Absätze).")]
        pub text: Option<Markdown>,
        #[serde(default)]
        #[schemars(description = "Aufzählungspunkte als Liste.")]
        pub points: Vec<Markdown>,
        #[serde(default)]
        #[schemars(description = "Beispielsätze als Liste; sie erscheinen als Zitate.")]
        pub examples: Vec<Markdown>,
        #[serde(default)]
        #[schemars(description = "„Mehr dazu“: der Dateiname eines Kapitels, z. B. `09-veranstaltungsplanung.md`.")]
        pub link: Option<ChapterLink>,
        #[serde(skip)]
        #[schemars(skip)]
        pub pos: Option<Pos>,
    }
}

/// A "Mehr dazu" link from a list item to a chapter (`link: 09-veranstaltungsplanung.md`),
/// resolved to the chapter's URL and title once the chapters are known.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ChapterLink {
    /// As written.
    #[serde(skip)]
    pub source: String,
    pub url: String,
    pub title: String,
}

/// What authors write: the file name of a chapter, maybe with an anchor.
impl JsonSchema for ChapterLink {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ChapterLink".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": r"\.md(#[^#]*)?$",
        })
    }
}

impl<'de> Deserialize<'de> for ChapterLink {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(|source| ChapterLink {
            source,
            ..ChapterLink::default()
        })
    }
}

/// What every item has: an id, and where the id stands in its file.
pub trait Item {
    fn id(&self) -> &str;
    fn pos(&self) -> Option<Pos>;
    fn set_pos(&mut self, pos: Option<Pos>);
    /// The values a directive filter `key=…` compares with (none for keys the kind lacks).
    fn filter_values(&self, _key: &str) -> Vec<&str> {
        Vec::new()
    }
    /// The Markdown fields, with their paths below the item (`description`, `points[1]`).
    fn markdown_mut(&mut self) -> Vec<(String, &mut Markdown)> {
        Vec::new()
    }
}

macro_rules! item_basics {
    () => {
        fn id(&self) -> &str {
            &self.id
        }
        fn pos(&self) -> Option<Pos> {
            self.pos
        }
        fn set_pos(&mut self, pos: Option<Pos>) {
            self.pos = pos;
        }
    };
}

/// A Markdown field under its name, when it is there.
fn field<'a>(name: &str, md: Option<&'a mut Markdown>) -> Option<(String, &'a mut Markdown)> {
    md.map(|m| (name.to_string(), m))
}

/// The entries of a list of Markdown texts, named `NAME[i]`.
fn entries<'a>(name: &str, list: &'a mut [Markdown]) -> Vec<(String, &'a mut Markdown)> {
    list.iter_mut()
        .enumerate()
        .map(|(i, m)| (format!("{name}[{i}]"), m))
        .collect()
}

impl Item for Organisation {
    item_basics!();
    fn filter_values(&self, key: &str) -> Vec<&str> {
        match key {
            "level" => vec![self.level.name()],
            "focus" => self.focus.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        }
    }
    fn markdown_mut(&mut self) -> Vec<(String, &mut Markdown)> {
        let mut out = vec![("description".to_string(), &mut self.description)];
        out.extend(field("members", self.members.as_mut()));
        out
    }
}

impl Item for Agency {
    item_basics!();
    fn filter_values(&self, key: &str) -> Vec<&str> {
        match key {
            "type" => vec![self.kind.name()],
            _ => Vec::new(),
        }
    }
    fn markdown_mut(&mut self) -> Vec<(String, &mut Markdown)> {
        vec![("description".to_string(), &mut self.description)]
    }
}

impl Item for LinkGroup {
    item_basics!();
}

impl Item for LinkItem {
    item_basics!();
    fn filter_values(&self, key: &str) -> Vec<&str> {
        match key {
            "group" => self.group.as_deref().into_iter().collect(),
            _ => Vec::new(),
        }
    }
    fn markdown_mut(&mut self) -> Vec<(String, &mut Markdown)> {
        field("description", self.description.as_mut())
            .into_iter()
            .collect()
    }
}

impl Item for Phase {
    item_basics!();
}

impl Item for Point {
    item_basics!();
    fn markdown_mut(&mut self) -> Vec<(String, &mut Markdown)> {
        let mut out = vec![("text".to_string(), &mut self.text)];
        out.extend(field("hint", self.hint.as_mut()));
        out
    }
}

impl Item for ListItem {
    item_basics!();
    fn markdown_mut(&mut self) -> Vec<(String, &mut Markdown)> {
        let mut out: Vec<_> = field("text", self.text.as_mut()).into_iter().collect();
        out.extend(entries("points", &mut self.points));
        out.extend(entries("examples", &mut self.examples));
        out
    }
}
