//! Plans (Vorhaben) in the real browser: named plans with owners, due dates and notes per
//! point, the first release's ticks migrating, share links, backups, the calendar file, the
//! progress report on paper, tabs in sync, accessibility of the new controls, page weights.

use crate::browser::{
    KEY, PLAN, PLANS_KEY, Site, axe, build, open_plan, pdf_text, progress, ready, severe_console,
    start, stored, stored_plans, tick, ticked,
};
use crate::common::Book;
use crate::common::browser::{Options, Session};
use serde_json::{Value, json};

/// A point of the planning checklist as its YAML gives it.
struct Point {
    id: String,
    text: String,
    /// The suggested due offset in days (the point's own, else its phase's).
    due: Option<i64>,
}

/// The planning checklist's points, read from its YAML (not from the crate's internals).
fn points() -> Vec<Point> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("content/data/veranstaltungsplanung.yaml");
    let doc: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(path).expect("read")).expect("yaml");
    let mut out = Vec::new();
    for phase in doc["phases"].as_sequence().expect("phases") {
        for p in phase["points"].as_sequence().expect("points") {
            out.push(Point {
                id: p["id"].as_str().expect("id").to_string(),
                text: p["text"].as_str().expect("text").to_string(),
                due: p["due"].as_i64().or(phase["due"].as_i64()),
            });
        }
    }
    out
}

/// The start page, once its plans panel is ready.
fn open_start(s: &Session, site: &Site) {
    s.goto(&site.url("/"));
    s.wait_until(
        "the plans panel shows",
        "const a = document.querySelector('.plans-app'); return !!a && !a.hidden",
    );
}

/// Sets a field's value the way typing does (input event), then leaves it (saved at once).
fn set_field(s: &Session, css: &str, value: &str) {
    s.exec(
        "const f = document.querySelector(arguments[0]); f.focus(); f.value = arguments[1]; \
         f.dispatchEvent(new Event('input', { bubbles: true })); f.blur(); return true",
        json!([css, value]),
    );
}

/// Clears a text field and types into it like a reader; leaving it saves.
fn type_into(s: &Session, css: &str, text: &str) {
    s.exec(
        "const f = document.querySelector(arguments[0]); f.value = ''; f.focus(); return true",
        json!([css]),
    );
    s.send_keys(css, text);
    s.js("document.activeElement.blur(); return true");
}

fn current_plan(s: &Session) -> Value {
    let state = stored_plans(s);
    let id = state["current"].as_str().unwrap_or_default().to_string();
    state["plans"][id.as_str()].clone()
}

fn plan_names(s: &Session) -> Vec<String> {
    serde_json::from_value(s.js(
        "return Array.from(document.querySelectorAll('.plan-list .plan-name')).map(n => n.textContent)",
    ))
    .expect("names")
}

fn select_options(s: &Session) -> Vec<String> {
    serde_json::from_value(s.js(&format!(
        "return Array.from(document.querySelectorAll('#checkliste-{PLAN} [data-plan-select] option')).map(o => o.textContent)"
    )))
    .expect("options")
}

/// A day `days` from today, as the page stores it ("YYYY-MM-DD") and as it shows it.
fn day(s: &Session, days: i64) -> (String, String) {
    let v = s.exec(
        "const d = new Date(); d.setDate(d.getDate() + arguments[0]); \
         const p = n => String(n).padStart(2, '0'); \
         return [d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()), \
                 d.toLocaleDateString('de-DE', { day: 'numeric', month: 'long', year: 'numeric' })]",
        json!([days]),
    );
    (
        v[0].as_str().expect("day").to_string(),
        v[1].as_str().expect("german").to_string(),
    )
}

fn meta(s: &Session, point: &str) -> String {
    s.exec(
        "return document.getElementById(arguments[0]).textContent",
        json!([format!("stand-{PLAN}-{point}")]),
    )
    .as_str()
    .unwrap_or_default()
    .to_string()
}

fn click_plan_action(s: &Session, action: &str) {
    s.click(&format!("button[data-plan-action={action}]"));
}

/// Catches the files the page offers for download; `downloads` returns their texts.
fn catch_downloads(s: &Session) {
    s.js("window.__files = []; const make = URL.createObjectURL; URL.createObjectURL = function (b) { window.__files.push(b); return make.call(URL, b); }; return true");
}

fn downloaded(s: &Session, what: &str) -> String {
    s.wait_until(what, "return window.__files.length > 0");
    let text = s.js("return window.__files.shift().text()");
    text.as_str().expect("file text").to_string()
}

/// Stores a state (storage version 2) and reloads.
fn seed(s: &Session, state: &Value) {
    s.exec(
        "localStorage.setItem(arguments[0], arguments[1]); return true",
        json!([PLANS_KEY, state.to_string()]),
    );
    s.refresh();
}

const OWNERS: [&str; 4] = [
    "Frau Yılmaz",
    "Herr Becker",
    "MSO: Herr Demir",
    "Azubi-Team",
];
const NOTES: [&str; 6] = [
    "Raum 2.14 ist reserviert",
    "mit Frau Demir klären",
    "Angebot liegt vor",
    "Flyer auf Türkisch und Arabisch",
    "Termin bestätigt",
    "",
];

/// The full event plan: all 44 points with owners, due dates and short notes.
fn full_plan(points: &[Point]) -> Value {
    let mut entries = serde_json::Map::new();
    for (i, p) in points.iter().enumerate() {
        let mut e = json!({
            "done": i % 3 == 0,
            "at": format!("2026-11-{:02}T09:{:02}:00.000Z", 2 + i % 25, i % 60),
            "owner": OWNERS[i % OWNERS.len()],
            "due": format!("2027-{:02}-{:02}", 1 + i / 15, 1 + (i * 7) % 28),
        });
        if !NOTES[i % NOTES.len()].is_empty() {
            e["note"] = json!(NOTES[i % NOTES.len()]);
        }
        if i % 4 == 1 {
            e["t"] = json!(format!("2026-11-28T1{}:30:00.000Z", i % 10));
        }
        entries.insert(p.id.clone(), e);
    }
    json!({
        "name": "Infoabend mit dem Elternverein, März",
        "date": "2027-03-12",
        "partner": "Elternverein Bildungsbrücke e. V.",
        "note": "Dolmetscherin anfragen",
        "created": "2026-11-01T08:00:00.000Z",
        "t": "2026-11-02T08:00:00.000Z",
        "lists": { PLAN: Value::Object(entries) },
    })
}

fn one_plan_state(id: &str, plan: Value) -> Value {
    json!({ "v": 2, "current": id, "plans": { id: plan } })
}

#[test]
fn plans_are_created_switched_renamed_duplicated_deleted_and_restored() {
    let Some((site, driver)) = start() else {
        return;
    };
    let pts = points();
    let s = driver.session(Options::js());
    open_start(&s, &site);
    assert!(
        s.displayed(".plans-none"),
        "a first visit says there is no plan yet"
    );
    let intro = s.text(".plans-intro.js-only");
    assert!(
        intro.contains("Vorhaben"),
        "the panel explains itself: {intro}"
    );

    // Create: the new plan is selected and its name field has the focus.
    click_plan_action(&s, "new");
    assert_eq!(
        s.js("return document.activeElement.id"),
        json!("vorhaben-name")
    );
    type_into(&s, "#vorhaben-name", "Infoabend Elternverein");
    s.wait_until(
        "the name is saved",
        "return document.querySelector('.plan-list .plan-name').textContent === 'Infoabend Elternverein'",
    );
    assert_eq!(current_plan(&s)["name"], "Infoabend Elternverein");

    // Its ticks, on the checklist.
    open_plan(&s, &site);
    assert_eq!(select_options(&s), ["Infoabend Elternverein"]);
    tick(&s, &pts[0].id);
    tick(&s, &pts[1].id);
    assert_eq!(progress(&s), "2 von 44 erledigt");

    // A second plan starts empty; the switch on the checklist changes back.
    open_start(&s, &site);
    click_plan_action(&s, "new");
    type_into(&s, "#vorhaben-name", "Betriebsbesichtigung");
    s.wait_until(
        "the second plan is saved",
        "return Array.from(document.querySelectorAll('.plan-name')).some(n => n.textContent === 'Betriebsbesichtigung')",
    );
    open_plan(&s, &site);
    assert_eq!(progress(&s), "0 von 44 erledigt", "a new plan has no ticks");
    assert_eq!(
        select_options(&s),
        ["Infoabend Elternverein", "Betriebsbesichtigung"]
    );
    s.exec(
        &format!("const sel = document.querySelector('#checkliste-{PLAN} [data-plan-select]'); sel.value = sel.options[0].value; sel.dispatchEvent(new Event('change', {{ bubbles: true }})); return true"),
        json!([]),
    );
    assert_eq!(
        progress(&s),
        "2 von 44 erledigt",
        "switching shows the plan's ticks"
    );
    s.refresh();
    ready(&s);
    assert_eq!(
        progress(&s),
        "2 von 44 erledigt",
        "the choice is remembered"
    );

    // Start page: progress per plan; duplicate the current one.
    open_start(&s, &site);
    let facts = s.text(".plan-choice:first-child .plan-facts");
    assert!(facts.contains("2 von 44 erledigt"), "{facts}");
    click_plan_action(&s, "duplicate");
    assert_eq!(
        plan_names(&s),
        [
            "Infoabend Elternverein",
            "Betriebsbesichtigung",
            "Infoabend Elternverein (Kopie)"
        ]
    );
    assert_eq!(current_plan(&s)["name"], "Infoabend Elternverein (Kopie)");
    assert_eq!(
        current_plan(&s)["lists"][PLAN][&pts[1].id]["done"],
        true,
        "the copy has the ticks"
    );

    // Rename the copy; the checklist's switch follows.
    type_into(&s, "#vorhaben-name", "Infoabend, zweiter Termin");
    s.wait_until(
        "the new name shows",
        "return Array.from(document.querySelectorAll('.plan-name')).some(n => n.textContent === 'Infoabend, zweiter Termin')",
    );

    // Delete it: no dialog, an undo.
    click_plan_action(&s, "delete");
    assert_eq!(s.alert_text(), None, "no native dialog");
    assert_eq!(
        plan_names(&s),
        ["Infoabend Elternverein", "Betriebsbesichtigung"]
    );
    assert!(s.text(".plans-message").contains("gelöscht"));
    assert_eq!(
        s.js("return document.activeElement.getAttribute('data-plan-action')"),
        json!("undo"),
        "the focus is on undo"
    );
    s.press("\u{E007}");
    assert_eq!(
        plan_names(&s),
        [
            "Infoabend Elternverein",
            "Betriebsbesichtigung",
            "Infoabend, zweiter Termin"
        ]
    );
    assert_eq!(current_plan(&s)["name"], "Infoabend, zweiter Termin");
    open_plan(&s, &site);
    assert_eq!(
        select_options(&s),
        [
            "Infoabend Elternverein",
            "Betriebsbesichtigung",
            "Infoabend, zweiter Termin"
        ]
    );
    assert_eq!(
        progress(&s),
        "2 von 44 erledigt",
        "the restored plan has its ticks"
    );
    assert!(severe_console(&s).is_empty(), "{:?}", severe_console(&s));
}

#[test]
fn every_point_keeps_owner_due_date_note_and_the_day_it_was_done() {
    let Some((site, driver)) = start() else {
        return;
    };
    let pts = points();
    let point = &pts[4].id;
    let s = driver.session(Options::js());
    open_plan(&s, &site);
    let toggle = format!("#details-knopf-{PLAN}-{point}");
    assert_eq!(
        s.js(&format!(
            "return document.querySelector('{toggle}').getAttribute('aria-expanded')"
        )),
        json!("false"),
        "details start closed"
    );
    // Keyboard: the toggle opens with Enter and the fields follow in tab order.
    s.js(&format!(
        "document.querySelector('{toggle}').focus(); return true"
    ));
    s.press("\u{E007}");
    assert_eq!(
        s.js(&format!(
            "return document.querySelector('{toggle}').getAttribute('aria-expanded')"
        )),
        json!("true")
    );
    assert_eq!(
        s.js("return document.activeElement.id"),
        json!(format!("owner-{PLAN}-{point}")),
        "the focus moves into the details"
    );
    s.press("Frau Yilmaz");
    s.press("\u{E004}");
    assert_eq!(
        s.js("return document.activeElement.id"),
        json!(format!("due-{PLAN}-{point}"))
    );
    let (due, due_german) = day(&s, 20);
    set_field(&s, &format!("#due-{PLAN}-{point}"), &due);
    s.js(&format!(
        "document.getElementById('note-{PLAN}-{point}').focus(); return true"
    ));
    s.press("Raum 2.14, bitte bestaetigen");
    s.press("\u{E004}");
    s.wait_until(
        "the details are saved",
        &format!("const v = JSON.parse(localStorage.getItem('{PLANS_KEY}') || 'null'); if (!v) return false; const p = v.plans[v.current].lists['{PLAN}']['{point}']; return p.owner === 'Frau Yilmaz' && p.note === 'Raum 2.14, bitte bestaetigen' && p.due === '{due}'"),
    );
    // Every field has its label; the checkbox is described by the compact line.
    let labels = s.js(&format!(
        "return ['owner', 'due', 'note'].map(f => document.getElementById(f + '-{PLAN}-{point}').labels[0].textContent)"
    ));
    assert_eq!(labels, json!(["Zuständig", "Erledigen bis", "Notiz"]));
    let described = s.js(&format!(
        "return document.getElementById('cb-{PLAN}-{point}').getAttribute('aria-describedby')"
    ));
    assert!(
        described
            .as_str()
            .is_some_and(|d| d.contains(&format!("stand-{PLAN}-{point}"))),
        "{described}"
    );
    let line = meta(&s, point);
    assert!(
        line.contains("Zuständig: Frau Yilmaz")
            && line.contains(&format!("bis {due_german}"))
            && line.contains("Notiz: Raum 2.14"),
        "{line}"
    );
    assert!(!line.contains("Vorschlag"), "the reader's own date: {line}");

    // Ticked: the day shows, the owner stays.
    tick(&s, point);
    let (_, today) = day(&s, 0);
    let line = meta(&s, point);
    assert!(line.contains(&format!("erledigt am {today}")), "{line}");
    assert!(line.contains("Zuständig: Frau Yilmaz"), "{line}");
    s.refresh();
    ready(&s);
    let line = meta(&s, point);
    assert!(
        line.contains(&format!("erledigt am {today}")) && line.contains("Notiz: Raum 2.14"),
        "after a reload: {line}"
    );
    s.click(&toggle);
    assert_eq!(
        s.js(&format!(
            "return document.getElementById('owner-{PLAN}-{point}').value"
        )),
        json!("Frau Yilmaz")
    );
    assert!(
        s.text(&format!("#details-{PLAN}-{point}"))
            .contains(&format!("Erledigt am {today}"))
    );
    assert!(severe_console(&s).is_empty(), "{:?}", severe_console(&s));
}

#[test]
fn the_event_date_suggests_due_dates_and_urgent_points_stand_out() {
    let Some((site, driver)) = start() else {
        return;
    };
    let pts = points();
    let first = pts
        .iter()
        .find(|p| p.due.is_none())
        .expect("an undated point");
    let overdue = pts.iter().find(|p| p.due == Some(-42)).expect("-42");
    let soon = pts.iter().find(|p| p.due == Some(-7)).expect("-7");
    let later = pts.iter().find(|p| p.due == Some(0)).expect("0");
    let s = driver.session(Options::js());
    open_plan(&s, &site);
    assert!(
        s.text(&format!("#checkliste-{PLAN} .plan-event"))
            .contains("Termine vor"),
        "without a date the checklist says what a date would bring"
    );
    assert_eq!(meta(&s, &overdue.id), "", "no date, no suggestion");

    // The event is ten days away.
    open_start(&s, &site);
    click_plan_action(&s, "new");
    let (event, event_german) = day(&s, 10);
    set_field(&s, "#vorhaben-datum", &event);
    s.wait_until(
        "the date is saved",
        &format!(
            "return (localStorage.getItem('{PLANS_KEY}') || '').includes('\"date\":\"{event}\"')"
        ),
    );
    open_plan(&s, &site);
    assert_eq!(
        s.text(&format!("#checkliste-{PLAN} .plan-event")),
        format!("Veranstaltung am {event_german}")
    );
    let (_, overdue_day) = day(&s, -32);
    let line = meta(&s, &overdue.id);
    assert!(
        line.contains("überfällig") && line.contains(&format!("bis {overdue_day} (Vorschlag)")),
        "six weeks before an event ten days away is overdue: {line}"
    );
    let (_, soon_day) = day(&s, 3);
    let line = meta(&s, &soon.id);
    assert!(
        line.contains("bald fällig") && line.contains(&format!("bis {soon_day}")),
        "{line}"
    );
    let line = meta(&s, &later.id);
    assert!(
        line == format!("bis {event_german} (Vorschlag)"),
        "not urgent, not marked: {line}"
    );
    assert_eq!(meta(&s, &first.id), "", "no offset, no suggestion");
    assert_eq!(
        s.js(&format!(
            "return document.getElementById('{PLAN}-{}').classList.contains('is-overdue')",
            overdue.id
        )),
        json!(true)
    );
    // The suggestion is explained in the details; the reader's own date overrides it.
    s.click(&format!("#details-knopf-{PLAN}-{}", overdue.id));
    let hint = s.text(&format!("#vorschlag-{PLAN}-{}", overdue.id));
    assert!(hint.contains("6 Wochen vor der Veranstaltung"), "{hint}");
    let (own, own_german) = day(&s, 5);
    set_field(&s, &format!("#due-{PLAN}-{}", overdue.id), &own);
    s.wait_until(
        "the own date wins",
        &format!(
            "return document.getElementById('stand-{PLAN}-{}').textContent.includes('bis {own_german}')",
            overdue.id
        ),
    );
    let line = meta(&s, &overdue.id);
    assert!(
        !line.contains("Vorschlag") && !line.contains("überfällig"),
        "{line}"
    );
    // Done points are no longer urgent.
    tick(&s, &soon.id);
    let line = meta(&s, &soon.id);
    assert!(
        !line.contains("fällig") && line.contains("erledigt am"),
        "{line}"
    );
}

#[test]
fn the_first_releases_ticks_become_a_first_plan_and_nothing_is_lost() {
    let Some((site, driver)) = start() else {
        return;
    };
    let pts = points();
    let s = driver.session(Options::js());
    s.goto(&site.url("/404.html"));
    let v1 = json!({ "v": 1, "points": {
        pts[0].id.clone(): { "done": true, "at": "2026-10-01T08:00:00.000Z" },
        pts[43].id.clone(): { "done": true, "at": "2026-10-02T08:00:00.000Z" },
        pts[5].id.clone(): { "done": false, "at": "2026-10-03T08:00:00.000Z" },
        "ein-frueherer-punkt": { "done": true, "at": "2026-09-01T08:00:00.000Z" },
    }});
    let other = json!({ "v": 1, "points": { "eigene-rolle": { "done": true, "at": "2026-10-04T08:00:00.000Z" } } });
    s.exec(
        "localStorage.setItem(arguments[0], arguments[1]); localStorage.setItem('handbook:/:selbstcheck', arguments[2]); localStorage.setItem('handbook:/:nachhaltigkeit', '{kaputt'); return true",
        json!([KEY, v1.to_string(), other.to_string()]),
    );
    open_plan(&s, &site);
    assert!(ticked(&s, &pts[0].id) && ticked(&s, &pts[43].id) && !ticked(&s, &pts[5].id));
    assert_eq!(progress(&s), "2 von 44 erledigt");
    let state = stored_plans(&s);
    assert_eq!(state["v"], 2);
    let plan = current_plan(&s);
    assert_eq!(plan["name"], "Mein Vorhaben");
    assert_eq!(
        plan["lists"][PLAN], v1["points"],
        "every entry, also of points no page shows"
    );
    assert_eq!(plan["lists"]["selbstcheck"], other["points"]);
    let left: Vec<String> = serde_json::from_value(
        s.js("return Object.keys(localStorage).filter(k => k.startsWith('handbook:/:')).sort()"),
    )
    .expect("keys");
    assert_eq!(
        left,
        ["handbook:/:nachhaltigkeit"],
        "moved entries are removed once the new one is written; the unreadable one stays"
    );
    s.goto(&site.url("/nachhaltigkeit/"));
    ready(&s);
    let message = s.text(".checklist-message");
    assert!(
        message.contains("konnten nicht gelesen werden"),
        "{message}"
    );
    assert_eq!(
        s.js("return localStorage.getItem('handbook:/:nachhaltigkeit')"),
        json!("{kaputt")
    );
    assert!(severe_console(&s).is_empty(), "{:?}", severe_console(&s));
}

#[test]
fn a_full_storage_keeps_the_first_releases_ticks_where_they_are() {
    let Some((site, driver)) = start() else {
        return;
    };
    let pts = points();
    let s = driver.session(Options::js());
    s.goto(&site.url("/404.html"));
    let v1 = json!({ "v": 1, "points": { pts[2].id.clone(): { "done": true, "at": "2026-10-01T08:00:00.000Z" } } });
    // Fill the storage to the last character: the new entry cannot be written.
    s.exec(
        "localStorage.setItem(arguments[0], arguments[1]); \
         let size = 1 << 22, junk = ''; \
         for (let i = 0; size >= 1; size = Math.floor(size / 2)) { \
           try { localStorage.setItem('junk' + i, 'x'.repeat(size)); i++; } catch (e) {} } \
         return true",
        json!([KEY, v1.to_string()]),
    );
    open_plan(&s, &site);
    assert!(ticked(&s, &pts[2].id), "the ticks show");
    let message = s.text(&format!("#checkliste-{PLAN} .checklist-message"));
    assert!(message.contains("Speicher"), "{message}");
    assert_eq!(
        s.exec("return localStorage.getItem(arguments[0])", json!([KEY])),
        json!(v1.to_string()),
        "the old entry is kept while the new one cannot be written"
    );
    assert_eq!(
        s.exec(
            "return localStorage.getItem(arguments[0])",
            json!([PLANS_KEY])
        ),
        Value::Null
    );
    assert!(severe_console(&s).is_empty(), "{:?}", severe_console(&s));
}

#[test]
fn unreadable_plans_are_explained_kept_and_can_be_started_over() {
    let Some((site, driver)) = start() else {
        return;
    };
    let pts = points();
    let s = driver.session(Options::js());
    s.goto(&site.url("/404.html"));
    s.exec(
        "localStorage.setItem(arguments[0], '{\"v\":2,\"plans\":7}'); return true",
        json!([PLANS_KEY]),
    );
    open_plan(&s, &site);
    let message = s.text(&format!("#checkliste-{PLAN} .checklist-message"));
    assert!(message.contains("nicht gelesen werden"), "{message}");
    tick(&s, &pts[0].id);
    assert!(ticked(&s, &pts[0].id), "ticking still works");
    assert_eq!(
        s.exec(
            "return localStorage.getItem(arguments[0])",
            json!([PLANS_KEY])
        ),
        json!("{\"v\":2,\"plans\":7}"),
        "unreadable data is left untouched"
    );
    s.click(&format!("#checkliste-{PLAN} button[data-action=restart]"));
    tick(&s, &pts[1].id);
    assert_eq!(stored(&s)[&pts[1].id]["done"], true, "saved again");
    let kept = s.js("return Object.keys(localStorage).filter(k => k.startsWith('handbook-plans:/:unlesbar:')).map(k => localStorage.getItem(k))");
    assert_eq!(
        kept,
        json!(["{\"v\":2,\"plans\":7}"]),
        "the old data is kept aside"
    );
    assert!(severe_console(&s).is_empty(), "{:?}", severe_console(&s));
}

/// Clicks "Link teilen" and returns the link.
fn share(s: &Session) -> String {
    click_plan_action(s, "share");
    s.wait_until(
        "the link is made",
        "const b = document.querySelector('.share-box'); return !b.hidden && b.querySelector('input').value.includes('#plan=')",
    );
    s.js("return document.getElementById('vorhaben-link').value")
        .as_str()
        .expect("link")
        .to_string()
}

fn entries_equal(a: &Value, b: &Value) -> bool {
    let (Some(a), Some(b)) = (a.as_object(), b.as_object()) else {
        return false;
    };
    a.len() == b.len()
        && a.iter().all(|(id, x)| {
            let y = &b[id];
            ["done", "owner", "due", "note"].iter().all(|k| {
                x[k] == y[k] || (x[k].is_null() && y[k] == "") || (y[k].is_null() && x[k] == "")
            }) && x["at"].as_str().map(|t| &t[..19]) == y["at"].as_str().map(|t| &t[..19])
        })
}

#[test]
fn a_share_link_opened_in_a_fresh_browser_gives_the_same_plan() {
    let Some((site, driver)) = start() else {
        return;
    };
    let pts = points();
    let plan = full_plan(&pts);
    let a = driver.session(Options::js());
    a.goto(&site.url("/404.html"));
    seed(&a, &one_plan_state("vabcdef012345", plan.clone()));
    open_start(&a, &site);
    let link = share(&a);
    eprintln!(
        "share link for the full event plan (44 points with owners, dates, notes): {} characters",
        link.len()
    );
    assert!(link.len() <= 2000, "the link has {} characters", link.len());
    assert!(link.starts_with(&site.url("/#plan=")), "{link}");

    // A colleague opens it in a fresh browser: read-only until taken over.
    let b = driver.session(Options::js());
    b.goto(&link);
    b.wait_until(
        "the shared plan shows",
        "const a = document.querySelector('.shared-actions'); return !!a && !a.hidden",
    );
    let report = b.text(".shared-report");
    assert!(
        report.contains("Infoabend mit dem Elternverein, März"),
        "{report}"
    );
    assert!(
        report.contains(&pts[1].text) && report.contains("Zuständig: Herr Becker"),
        "{report}"
    );
    assert!(report.contains("Partnerorganisation: Elternverein Bildungsbrücke e. V."));
    assert_eq!(
        b.exec(
            "return localStorage.getItem(arguments[0])",
            json!([PLANS_KEY])
        ),
        Value::Null,
        "nothing is saved before the reader takes it over"
    );
    assert_eq!(b.count(".shared-report input"), 0, "read-only");
    click_plan_action(&b, "adopt");
    let mine = current_plan(&b);
    for k in ["name", "date", "partner", "note"] {
        assert_eq!(mine[k], plan[k], "{k}");
    }
    assert!(
        entries_equal(&mine["lists"][PLAN], &plan["lists"][PLAN]),
        "the same entries:\n{}\n{}",
        mine["lists"][PLAN],
        plan["lists"][PLAN]
    );
    assert_eq!(
        b.js("return location.hash"),
        json!(""),
        "the link is used up"
    );
    open_plan(&b, &site);
    assert_eq!(progress(&b), "15 von 44 erledigt");
    assert!(meta(&b, &pts[2].id).contains("Zuständig: MSO: Herr Demir"));

    // Later: the colleague changed point 3, the sender point 4; merged, the newer entry wins.
    b.exec(
        &format!("const v = JSON.parse(localStorage.getItem('{PLANS_KEY}')); const p = v.plans[v.current].lists['{PLAN}']['{}']; p.owner = 'Kollegin'; p.t = new Date().toISOString(); localStorage.setItem('{PLANS_KEY}', JSON.stringify(v)); return true", pts[3].id),
        json!([]),
    );
    a.exec(
        &format!("const v = JSON.parse(localStorage.getItem('{PLANS_KEY}')); const p = v.plans[v.current].lists['{PLAN}']; p['{}'].owner = 'Sender neu'; p['{}'].t = new Date().toISOString(); p['{}'].owner = 'Sender alt'; p['{}'].t = '2026-01-01T00:00:00.000Z'; localStorage.setItem('{PLANS_KEY}', JSON.stringify(v)); return true", pts[4].id, pts[4].id, pts[3].id, pts[3].id),
        json!([]),
    );
    open_start(&a, &site);
    let newer = share(&a);
    b.goto(&newer);
    b.wait_until(
        "the shared plan shows",
        "const a = document.querySelector('.shared-actions'); return !!a && !a.hidden",
    );
    assert_eq!(
        b.js(
            "return document.querySelector('[data-shared-target]').selectedOptions[0].textContent"
        ),
        json!("Infoabend mit dem Elternverein, März"),
        "the plan it came from is offered for merging"
    );
    click_plan_action(&b, "merge");
    let merged = current_plan(&b);
    assert_eq!(
        merged["lists"][PLAN][&pts[3].id]["owner"], "Kollegin",
        "the newer local entry stays"
    );
    assert_eq!(
        merged["lists"][PLAN][&pts[4].id]["owner"], "Sender neu",
        "the newer shared entry wins"
    );
    assert_eq!(
        stored_plans(&b)["plans"]
            .as_object()
            .map(serde_json::Map::len),
        Some(1)
    );

    // A broken or foreign link changes nothing and says so.
    let before = stored_plans(&b);
    let foreign = b.js("const json = JSON.stringify({ f: 'hbp', v: 1, h: '/anderes-handbuch/', n: 'X', l: {} }); \
        return new Response(new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer() \
        .then(b => btoa(String.fromCharCode(...new Uint8Array(b))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, ''))");
    for (what, hash, says) in [
        (
            "broken",
            "#plan=das-ist-kein-plan".to_string(),
            "beschädigt",
        ),
        (
            "cut",
            format!(
                "#plan={}",
                &newer.split("#plan=").nth(1).unwrap_or("")[..200]
            ),
            "beschädigt",
        ),
        (
            "foreign",
            format!("#plan={}", foreign.as_str().expect("foreign")),
            "anderen Handbuch",
        ),
    ] {
        b.goto(&site.url("/404.html"));
        b.goto(&site.url(&format!("/{hash}")));
        b.wait_until(
            &format!("the {what} link is refused"),
            "const m = document.querySelector('.shared-message'); return !!m && m.textContent.includes('nichts geändert')",
        );
        let message = b.text(".shared-message");
        assert!(message.contains(says), "{what}: {message}");
        assert!(
            !b.displayed(".shared-actions"),
            "{what}: nothing to take over"
        );
        assert_eq!(stored_plans(&b), before, "{what} changed the storage");
    }
    assert!(severe_console(&b).is_empty(), "{:?}", severe_console(&b));
}

#[test]
fn a_backup_file_restores_every_plan_and_a_first_release_file_still_imports() {
    let Some((site, driver)) = start() else {
        return;
    };
    let pts = points();
    let tmp = tempfile::tempdir().expect("tmp");
    let s = driver.session(Options::js());
    s.goto(&site.url("/404.html"));
    let mut second = full_plan(&pts);
    second["name"] = json!("Zweites Vorhaben");
    second["created"] = json!("2026-11-05T08:00:00.000Z");
    let state = json!({ "v": 2, "current": "veins", "plans": { "veins": full_plan(&pts), "vzwei": second } });
    seed(&s, &state);
    open_start(&s, &site);
    assert!(s.text(".backup summary").contains("Sichern"));
    s.click(".backup summary");
    catch_downloads(&s);
    click_plan_action(&s, "export");
    let file = downloaded(&s, "the backup is offered");
    let backup: Value = serde_json::from_str(&file).expect("the backup is JSON");
    assert_eq!(backup["format"], "handbook-plans");
    assert_eq!(backup["plans"], state["plans"]);

    // Both plans deleted, then the file read in: both are back.
    click_plan_action(&s, "delete");
    click_plan_action(&s, "delete");
    assert_eq!(plan_names(&s), Vec::<String>::new());
    let import = |name: &str, text: &str| {
        let path = tmp.path().join(name);
        std::fs::write(&path, text).expect("write");
        s.send_keys(
            "input[data-plan-action=import]",
            &path.display().to_string(),
        );
    };
    let before = stored_plans(&s);
    let mut foreign = backup.clone();
    foreign["handbook"] = json!("/anderes-handbuch/");
    let mut broken = backup.clone();
    broken["plans"]["veins"]["lists"][PLAN][&pts[0].id]["done"] = json!("ja");
    for (name, text) in [
        ("kaputt.json", "{ das ist kein JSON".to_string()),
        (
            "fremd.json",
            "{\"format\": \"etwas-anderes\", \"v\": 1}".to_string(),
        ),
        ("anderes-handbuch.json", foreign.to_string()),
        ("beschaedigt.json", broken.to_string()),
    ] {
        import(name, &text);
        s.wait_until(
            &format!("{name} is refused"),
            "return document.querySelector('.plans-message').textContent.includes('nichts geändert')",
        );
        assert_eq!(stored_plans(&s), before, "{name} changed the storage");
        s.js("document.querySelector('.plans-message').textContent = ''; return true");
    }
    import("sicherung.json", &file);
    s.wait_until(
        "the backup is read in",
        "return document.querySelectorAll('.plan-list .plan-name').length === 2",
    );
    assert_eq!(stored_plans(&s)["plans"], state["plans"]);

    // A file the first release exported joins the current plan.
    let v1 = json!({ "format": "handbook-checklists", "v": 1, "handbook": "/", "exported": "2026-10-01T08:00:00.000Z",
        "checklists": { "selbstcheck": { "points": { "eigene-rolle": { "done": true, "at": "2026-10-01T08:00:00.000Z" } } } } });
    import("checklisten.json", &v1.to_string());
    s.wait_until(
        "the old file is read in",
        "return document.querySelector('.plans-message').textContent.includes('Eingelesen')",
    );
    assert_eq!(
        current_plan(&s)["lists"]["selbstcheck"]["eigene-rolle"]["done"],
        true
    );
    assert!(severe_console(&s).is_empty(), "{:?}", severe_console(&s));
}

#[test]
fn the_calendar_file_parses_with_an_independent_icalendar_parser() {
    let Some((site, driver)) = start() else {
        return;
    };
    let pts = points();
    let s = driver.session(Options::js());
    s.goto(&site.url("/404.html"));
    let mut plan = full_plan(&pts);
    // Only a few points have their own date, the rest get suggestions from the event date.
    for (i, p) in pts.iter().enumerate() {
        if i % 10 != 0 {
            let entry = plan["lists"][PLAN][&p.id].as_object_mut().expect("entry");
            entry.remove("due");
        }
    }
    plan["name"] = json!("Infoabend; Eltern, März \\ Test");
    seed(&s, &one_plan_state("vkalender", plan.clone()));
    open_start(&s, &site);
    catch_downloads(&s);
    click_plan_action(&s, "calendar");
    let ics = downloaded(&s, "the calendar file is offered");
    let own_dates = pts.iter().enumerate().filter(|(i, _)| i % 10 == 0).count();
    let suggested = pts
        .iter()
        .enumerate()
        .filter(|(i, p)| i % 10 != 0 && p.due.is_some())
        .count();

    // The raw text: CRLF, folded at 75 octets.
    assert!(
        ics.ends_with("\r\n") && !ics.replace("\r\n", "").contains('\n'),
        "CRLF only"
    );
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "a line of {} octets: {line}", line.len());
        assert!(
            !line.ends_with(' '),
            "a folded line ends with a space: {line}"
        );
    }
    let parser = ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes()));
    let calendars: Vec<_> = parser.collect::<Result<_, _>>().expect("the file parses");
    assert_eq!(calendars.len(), 1);
    let cal = &calendars[0];
    let prop = |props: &[ical::property::Property], name: &str| {
        props
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
    };
    assert_eq!(prop(&cal.properties, "VERSION").as_deref(), Some("2.0"));
    assert!(prop(&cal.properties, "PRODID").is_some());
    assert_eq!(
        cal.events.len(),
        1 + own_dates + suggested,
        "the event and one entry per dated point"
    );
    let mut uids = std::collections::BTreeSet::new();
    let event = &cal.events[0].properties;
    assert_eq!(
        prop(event, "SUMMARY").as_deref(),
        Some("Infoabend\\; Eltern\\, März \\\\ Test"),
        "escaped text (the parser keeps the escapes)"
    );
    assert_eq!(prop(event, "DTSTART").as_deref(), Some("20270312"));
    assert_eq!(prop(event, "DTEND").as_deref(), Some("20270313"));
    for e in &cal.events {
        let p = &e.properties;
        let uid = prop(p, "UID").expect("UID");
        assert!(uids.insert(uid.clone()), "UID {uid} twice");
        assert!(prop(p, "DTSTAMP").is_some_and(|d| d.ends_with('Z') && d.len() == 16));
        let start = p.iter().find(|x| x.name == "DTSTART").expect("DTSTART");
        assert_eq!(
            start
                .params
                .as_ref()
                .map(|ps| ps.iter().any(|(k, v)| k == "VALUE" && v == &["DATE"])),
            Some(true),
            "all-day"
        );
        let summary = prop(p, "SUMMARY").expect("SUMMARY");
        assert!(
            summary.starts_with("Infoabend\\; Eltern\\, März"),
            "{summary}"
        );
    }
    // Each point: its text, its date (own or suggested from the event date, 12 March 2027).
    for (i, point) in pts.iter().enumerate() {
        let found = cal.events.iter().find(|e| {
            prop(&e.properties, "UID")
                .is_some_and(|u| u.starts_with(&format!("vkalender-{PLAN}-{}@", point.id)))
        });
        let expected = if i % 10 == 0 {
            Some(
                plan["lists"][PLAN][&point.id]["due"]
                    .as_str()
                    .expect("due")
                    .replace('-', ""),
            )
        } else {
            point.due.map(|d| {
                let date = time_after("2027-03-12", d);
                date.replace('-', "")
            })
        };
        match (found, expected) {
            (None, None) => {}
            (Some(e), Some(day)) => {
                assert_eq!(prop(&e.properties, "DTSTART"), Some(day), "{}", point.id);
                let summary = prop(&e.properties, "SUMMARY")
                    .expect("summary")
                    .replace("\\,", ",")
                    .replace("\\;", ";");
                assert!(summary.ends_with(&point.text), "{summary}");
            }
            (f, e) => panic!("{}: entry {:?}, expected {e:?}", point.id, f.map(|_| ())),
        }
    }
}

/// A day plus some days ("YYYY-MM-DD"), by counting through the calendar.
fn time_after(day: &str, days: i64) -> String {
    let mut parts = day.split('-').map(|p| p.parse::<i64>().expect("number"));
    let (mut y, mut m, mut d) = (
        parts.next().expect("y"),
        parts.next().expect("m"),
        parts.next().expect("d"),
    );
    let len = |y: i64, m: i64| match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    for _ in 0..days.abs() {
        if days > 0 {
            d += 1;
            if d > len(y, m) {
                d = 1;
                m += 1;
                if m > 12 {
                    m = 1;
                    y += 1;
                }
            }
        } else {
            d -= 1;
            if d < 1 {
                m -= 1;
                if m < 1 {
                    m = 12;
                    y -= 1;
                }
                d = len(y, m);
            }
        }
    }
    format!("{y:04}-{m:02}-{d:02}")
}

#[test]
fn the_progress_report_prints_on_few_pages() {
    let Some((site, driver)) = start() else {
        return;
    };
    let pts = points();
    let s = driver.session(Options::js());
    s.goto(&site.url("/404.html"));
    seed(&s, &one_plan_state("vbericht", full_plan(&pts)));
    open_start(&s, &site);
    s.js("window.print = function () { window.__printed = true; }; return true");
    click_plan_action(&s, "report");
    s.wait_until("the report is ready", "return window.__printed === true");
    let (pages, text) = pdf_text(&s.print_pdf());
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Stand der Vorbereitung: Infoabend mit dem Elternverein, März"),
        "{flat}"
    );
    assert!(flat.contains("Veranstaltung am 12. März 2027"));
    assert!(
        flat.contains("Checkliste Veranstaltungsplanung – 15 von 44 erledigt"),
        "{flat}"
    );
    assert!(flat.contains("Im Vorfeld – 2 von 4 erledigt"), "{flat}");
    assert!(flat.contains("Nach der Veranstaltung"));
    assert!(
        flat.contains("Zuständig: Herr Becker"),
        "open points name their owner"
    );
    assert!(
        flat.contains("erledigt am 2. November 2026"),
        "done points their day: {flat}"
    );
    assert!(flat.contains("bis ") && flat.contains("Notiz: Angebot liegt vor"));
    for screen in ["Ihre Vorhaben", "Link teilen", "Suchen", "Neues Vorhaben"] {
        assert!(!flat.contains(screen), "the report shows “{screen}”");
    }
    assert!(
        !text.lines().any(|l| l.trim() == "Inhalt"),
        "the table of contents is not on the report"
    );
    assert!(pages <= 4, "the report takes {pages} pages");
    // Afterwards the page prints as before.
    s.js("window.dispatchEvent(new Event('afterprint')); return true");
    let (_, again) = pdf_text(&s.print_pdf());
    assert!(
        again.lines().any(|l| l.trim() == "Inhalt"),
        "the start page prints itself again"
    );
}

#[test]
fn tabs_stay_in_sync() {
    let Some((site, driver)) = start() else {
        return;
    };
    let pts = points();
    let s = driver.session(Options::js());
    open_start(&s, &site);
    click_plan_action(&s, "new");
    type_into(&s, "#vorhaben-name", "Erstes");
    let first = s.window();
    let second = s.new_tab();
    s.switch_to(&second);
    open_plan(&s, &site);
    tick(&s, &pts[0].id);
    s.click(&format!("#details-knopf-{PLAN}-{}", pts[0].id));
    type_into(&s, &format!("#owner-{PLAN}-{}", pts[0].id), "Herr Becker");
    s.switch_to(&first);
    s.wait_until(
        "the start page follows",
        "return document.querySelector('.plan-facts').textContent.includes('1 von 44')",
    );
    click_plan_action(&s, "new");
    type_into(&s, "#vorhaben-name", "Zweites");
    s.switch_to(&second);
    s.wait_until(
        "the checklist follows the new plan",
        &format!("return document.querySelector('#checkliste-{PLAN} .checklist-progress-text').textContent === '0 von 44 erledigt' && Array.from(document.querySelectorAll('#checkliste-{PLAN} [data-plan-select] option')).map(o => o.textContent).join('|') === 'Erstes|Zweites'"),
    );
    s.switch_to(&first);
    s.click(".plan-choice:first-child label");
    s.switch_to(&second);
    s.wait_until(
        "the checklist follows the switch",
        &format!(
            "return document.getElementById('stand-{PLAN}-{}').textContent.includes('Herr Becker')",
            pts[0].id
        ),
    );
    assert!(ticked(&s, &pts[0].id));
}

#[test]
fn the_plan_controls_pass_axe_in_light_and_dark() {
    let Some((site, driver)) = start() else {
        return;
    };
    let pts = points();
    let mut failures = Vec::new();
    for (scheme, dark) in [("light", false), ("dark", true)] {
        let s = driver.session(Options {
            dark,
            ..Options::js()
        });
        s.goto(&site.url("/404.html"));
        let mut plan = full_plan(&pts);
        let (date, _) = day(&s, 10);
        plan["date"] = json!(date);
        for e in plan["lists"][PLAN]
            .as_object_mut()
            .expect("entries")
            .values_mut()
            .step_by(2)
        {
            e.as_object_mut().expect("entry").remove("due");
        }
        seed(&s, &one_plan_state("vaxe", plan));
        open_plan(&s, &site);
        for p in pts
            .iter()
            .take(3)
            .chain(pts.iter().filter(|p| p.due == Some(-42)).take(1))
        {
            s.click(&format!("#details-knopf-{PLAN}-{}", p.id));
        }
        assert!(s.count(".is-overdue") > 0, "urgent points are marked");
        failures.extend(
            axe(&s)
                .into_iter()
                .map(|v| format!("{scheme} checklist: {v}")),
        );
        open_start(&s, &site);
        let link = share(&s);
        s.click(".backup summary");
        failures.extend(
            axe(&s)
                .into_iter()
                .map(|v| format!("{scheme} start page: {v}")),
        );
        s.goto(&link);
        s.wait_until(
            "the shared plan shows",
            "const a = document.querySelector('.shared-actions'); return !!a && !a.hidden",
        );
        failures.extend(
            axe(&s)
                .into_iter()
                .map(|v| format!("{scheme} shared plan: {v}")),
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn gzip_len(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes).expect("gzip");
    e.finish().expect("gzip").len()
}

/// First visit, compressed: a chapter's HTML with the stylesheet and the scripts it loads.
/// Without checklists at most 30 KB; with them (the plans script too) at most 45 KB.
#[test]
fn the_plans_script_loads_only_where_it_is_used_and_pages_stay_light() {
    let book = Book::repo();
    build(&book);
    let files = crate::common::snapshot(&book.path().join("public"));
    let asset = |prefix: &str| {
        files
            .iter()
            .find(|(p, _)| p.starts_with(prefix))
            .map(|(p, b)| (p.clone(), gzip_len(b)))
            .expect(prefix)
    };
    let (_, css) = asset("assets/style.");
    let (_, base_js) = asset("assets/handbook.");
    let (plans_path, plans_js) = asset("assets/plans.");
    let mut report = Vec::new();
    for (page, bytes) in files
        .iter()
        .filter(|(p, _)| p.ends_with("index.html") && !p.starts_with("drucken/"))
    {
        let html = String::from_utf8_lossy(bytes);
        let has_checklist = html.contains("data-checklist=\"");
        let loads_plans = html.contains(plans_path.as_str());
        let start_page = page == "index.html";
        assert_eq!(
            loads_plans,
            has_checklist || start_page,
            "{page}: the plans script loads only with checklists and on the start page"
        );
        let total = gzip_len(bytes) + css + base_js + if loads_plans { plans_js } else { 0 };
        let limit = if has_checklist || start_page { 45 } else { 30 } * 1024;
        report.push(format!("{page}: {total}"));
        assert!(
            total <= limit,
            "{page}: {total} bytes on first visit (limit {limit})"
        );
    }
    eprintln!(
        "first visit, gzip: style {css}, handbook.js {base_js}, plans.js {plans_js}; pages: {}",
        report.join(", ")
    );
}

#[test]
fn ids_that_name_built_in_properties_are_ordinary_ids_on_import() {
    let Some((site, driver)) = start() else {
        return;
    };
    let tmp = tempfile::tempdir().expect("tmp");
    let s = driver.session(Options::js());
    open_start(&s, &site);
    s.click(".backup summary");
    let at = "2026-10-01T08:00:00.000Z";
    let tick = json!({ "done": true, "at": at });
    // The JSON text holds `__proto__` as an ordinary key (serde_json writes it as such).
    let backup = json!({ "format": "handbook-checklists", "v": 1, "handbook": "/", "exported": at,
        "checklists": {
            "selbstcheck": { "points": { "vielfalt-im-betrieb": tick, "constructor": tick, "toString": tick,
                "hasOwnProperty": tick, "__proto__": tick } },
            "__proto__": { "points": { "polluted": tick } }
        } });
    let path = tmp.path().join("sicherung.json");
    std::fs::write(&path, backup.to_string()).expect("write");
    s.send_keys(
        "input[data-plan-action=import]",
        &path.display().to_string(),
    );
    s.wait_until(
        "the file is read in",
        "return document.querySelector('.plans-message').textContent.includes('Eingelesen')",
    );
    assert_eq!(
        s.text(".plans-message"),
        "Eingelesen: 6 Punkte in das Vorhaben „Mein Vorhaben“ übernommen."
    );
    // Nothing was written onto built-in objects.
    assert_eq!(
        s.js("return [({}).done, ({}).polluted, typeof Object.prototype.eigene, ({}).toString === Object.prototype.toString]"),
        json!([null, null, "undefined", true])
    );
    // The storage holds every id as it came, and the page agrees with it.
    let plan = current_plan(&s);
    for id in [
        "vielfalt-im-betrieb",
        "constructor",
        "toString",
        "hasOwnProperty",
        "__proto__",
    ] {
        assert_eq!(
            plan["lists"]["selbstcheck"][id]["done"], true,
            "{id}: {plan}"
        );
    }
    assert_eq!(
        plan["lists"]["__proto__"]["polluted"]["done"], true,
        "{plan}"
    );
    s.goto(&site.url("/interne-aufstellung/"));
    s.wait_until(
        "the tick shows",
        "const b = document.querySelector('#cb-selbstcheck-vielfalt-im-betrieb'); return !!b && b.checked",
    );
    assert!(severe_console(&s).is_empty(), "{:?}", severe_console(&s));
}
