// plans: checklists that remember, per plan (Vorhaben) — ticks, owners, due dates and notes,
// shared by link, saved to a file, put into a calendar and printed as a progress report.
// Loaded (deferred) only on pages with checklists, the start page and the print page.
// Plain DOM, no innerHTML with data, no element.style; every storage access may fail.
(function () {
  "use strict";
  const doc = document;
  const body = doc.body;
  const HANDBOOK = body.getAttribute("data-handbook") || "";
  const BASE = body.getAttribute("data-base") || "/";
  // Storage, version 2: one entry per handbook with every plan:
  // {"v":2,"current":"<plan>","plans":{"<plan>":{"name","date","partner","note","created","t",
  //   "lists":{"<checklist>":{"<point>":{"done","at","owner","due","note","t"}}}}}}
  // `at` is when the tick last changed (shown as „erledigt am“), `t` when anything last changed
  // (the newer entry wins when plans are merged). Reader state is keyed by the authors' ids only.
  const STORE_KEY = "handbook-plans:" + HANDBOOK;
  // Version 1 (the first release): one entry per checklist, {"v":1,"points":{"<id>":{"done","at"}}}.
  const V1_PREFIX = "handbook:" + HANDBOOK + ":";
  const VERSION = 2;
  const FIRST_PLAN = "Mein Vorhaben";
  const SOON_DAYS = 7;

  // ---------------------------------------------------------------- helpers
  function all(selector, scope) { return Array.from((scope || doc).querySelectorAll(selector)); }
  function element(tag, className, text) {
    const node = doc.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }
  function isObject(o) { return !!o && typeof o === "object" && !Array.isArray(o); }
  // Maps keyed by ids (plans, checklists, points) have no prototype, and parsed JSON becomes
  // such maps: an id such as `__proto__` or `constructor` is an ordinary key, never a
  // built-in's property.
  function dict() { return Object.create(null); }
  function plain(key, value) { return isObject(value) ? Object.assign(dict(), value) : value; }
  function parse(json) { return JSON.parse(json, plain); }
  function copy(o) { return parse(JSON.stringify(o)); }
  function text(v, max) { return typeof v === "string" ? v.slice(0, max || 2000) : ""; }
  function nowIso() { return new Date().toISOString(); }
  function newId() {
    const bytes = new Uint8Array(6);
    if (window.crypto && crypto.getRandomValues) crypto.getRandomValues(bytes);
    else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
    return "v" + Array.from(bytes, function (b) { return b.toString(36).padStart(2, "0"); }).join("");
  }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }
  function changedAt(entry) { const t = Date.parse(entry.t || entry.at); return isNaN(t) ? 0 : t; }
  function say(node, message, isError) {
    if (!node) return;
    node.textContent = message || "";
    node.classList.toggle("is-error", !!isError);
  }

  // ---------------------------------------------------------------- dates
  // Days are "YYYY-MM-DD" strings in the reader's time zone; shown the German way.
  function dayOf(date) {
    const pad = function (n) { return String(n).padStart(2, "0"); };
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  }
  function parseDay(day) {
    if (typeof day !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
    const parts = day.split("-").map(Number);
    const date = new Date(parts[0], parts[1] - 1, parts[2]);
    return dayOf(date) === day ? date : null;
  }
  function isDay(day) { return parseDay(day) !== null; }
  function addDays(day, n) {
    const date = parseDay(day);
    if (!date) return "";
    date.setDate(date.getDate() + n);
    return dayOf(date);
  }
  function daysFrom(from, to) {
    return Math.round((parseDay(to) - parseDay(from)) / 86400000);
  }
  function today() { return dayOf(new Date()); }
  function german(dayOrIso) {
    const date = parseDay(dayOrIso) || new Date(dayOrIso);
    if (isNaN(date)) return "";
    return date.toLocaleDateString("de-DE", { day: "numeric", month: "long", year: "numeric" });
  }
  function offsetWords(days) {
    if (days === 0) return "am Tag der Veranstaltung";
    const n = Math.abs(days);
    const span = n % 7 === 0 ? plural(n / 7, "Woche", "Wochen") : plural(n, "Tag", "Tage");
    return days < 0 ? span + " vor der Veranstaltung" : span + " nach der Veranstaltung";
  }

  // ---------------------------------------------------------------- storage
  // Every access may throw (private mode, disabled storage, quota, SecurityError).
  const storage = {
    read: function (key) {
      try { return { ok: true, value: window.localStorage.getItem(key) }; } catch (e) { return { ok: false, value: null }; }
    },
    // "" when written, otherwise why not: "full" or "blocked".
    write: function (key, value) {
      try {
        if (value === null) window.localStorage.removeItem(key);
        else window.localStorage.setItem(key, value);
        return "";
      } catch (e) {
        return e && (e.name === "QuotaExceededError" || e.code === 22) ? "full" : "blocked";
      }
    },
    keys: function () {
      const out = [];
      try { for (let i = 0; i < window.localStorage.length; i++) out.push(window.localStorage.key(i)); } catch (e) { /* none */ }
      return out;
    }
  };

  // ---------------------------------------------------------------- format and migrations
  function emptyState() { return { v: VERSION, current: "", plans: dict() }; }
  function newPlan(name) {
    const at = nowIso();
    return { name: name, date: "", partner: "", note: "", created: at, t: at, lists: dict() };
  }

  // A stored entry as the page uses it; null for anything malformed (which is kept, not shown).
  function readEntry(x) {
    if (!isObject(x) || typeof x.done !== "boolean") return null;
    return { done: x.done, at: typeof x.at === "string" ? x.at : "", owner: text(x.owner, 200), due: isDay(x.due) ? x.due : "", note: text(x.note), t: typeof x.t === "string" ? x.t : "" };
  }
  // The same, strictly: imported entries must be complete and well-formed.
  function validEntry(x) {
    const e = readEntry(x);
    if (!e || isNaN(Date.parse(e.at))) return null;
    if ((x.owner !== undefined && typeof x.owner !== "string") || (x.note !== undefined && typeof x.note !== "string") ||
      (x.due !== undefined && x.due !== "" && !isDay(x.due)) || (x.t !== undefined && isNaN(Date.parse(x.t)))) return null;
    const out = { done: e.done, at: e.at };
    if (e.owner) out.owner = e.owner;
    if (e.due) out.due = e.due;
    if (e.note) out.note = e.note;
    if (e.t) out.t = e.t;
    return out;
  }
  // A plan, strictly validated and normalised (imports, share links); null if anything is wrong.
  function validPlan(p) {
    if (!isObject(p) || typeof p.name !== "string" || !isObject(p.lists)) return null;
    if ((p.date && !isDay(p.date)) || (p.created !== undefined && isNaN(Date.parse(p.created)))) return null;
    const plan = { name: text(p.name, 200), date: p.date || "", partner: text(p.partner, 200), note: text(p.note),
      created: p.created || nowIso(), t: typeof p.t === "string" && !isNaN(Date.parse(p.t)) ? p.t : "1970-01-01T00:00:00.000Z", lists: dict() };
    for (const list of Object.keys(p.lists)) {
      if (!list || !isObject(p.lists[list])) return null;
      plan.lists[list] = dict();
      for (const point of Object.keys(p.lists[list])) {
        const e = validEntry(p.lists[list][point]);
        if (!point || !e) return null;
        plan.lists[list][point] = e;
      }
    }
    return plan;
  }

  // Older versions, each lifted to the next. Version 1 is the first release's per-checklist
  // entries, gathered as {"v":1,"lists":{"<checklist>":{"<point>":{"done","at"}}}}: every id is
  // kept, including those no page shows any more.
  const UPGRADES = {
    1: function (old) {
      const plan = newPlan(old.name || FIRST_PLAN);
      plan.lists = copy(old.lists);
      const id = newId();
      const plans = dict();
      plans[id] = plan;
      return { v: 2, current: id, plans: plans };
    }
  };
  function upgrade(old) {
    let state = old;
    while (state.v < VERSION) state = UPGRADES[state.v](state);
    return state;
  }
  function v1Points(raw) {
    let o;
    try { o = parse(raw); } catch (e) { return null; }
    return isObject(o) && o.v === 1 && isObject(o.points) ? o.points : null;
  }
  // The first release's entries still in storage: readable ones by checklist, and the unreadable.
  function v1Entries() {
    const found = { lists: dict(), keys: [], unreadable: [] };
    storage.keys().forEach(function (key) {
      if (!key || key.indexOf(V1_PREFIX) !== 0) return;
      const list = key.slice(V1_PREFIX.length);
      const points = v1Points(storage.read(key).value);
      if (points) { found.lists[list] = points; found.keys.push(key); } else found.unreadable.push(list);
    });
    return found;
  }
  // The stored text as a state, or why not ("corrupt", "newer").
  function parseStored(raw) {
    let o;
    try { o = parse(raw); } catch (e) { return { problem: "corrupt" }; }
    if (!isObject(o) || typeof o.v !== "number" || !UPGRADES[o.v] && o.v !== VERSION) {
      return { problem: isObject(o) && o.v > VERSION ? "newer" : "corrupt" };
    }
    const state = upgrade(o);
    if (!isObject(state.plans) || Object.keys(state.plans).some(function (id) { return !isObject(state.plans[id]) || !isObject(state.plans[id].lists); })) {
      return { problem: "corrupt" };
    }
    return { state: state };
  }

  // ---------------------------------------------------------------- state
  // The plans in memory, read again before each change (other tabs may have written), saved after.
  const store = {
    state: emptyState(),
    problem: "", // "", "blocked", "corrupt", "newer", "full"
    unreadableV1: [],
    undo: null,

    load: function () {
      const stored = storage.read(STORE_KEY);
      const old = v1Entries();
      this.unreadableV1 = old.unreadable;
      if (!stored.ok) { this.problem = "blocked"; return; }
      if (stored.value === null) {
        if (this.problem === "corrupt" || this.problem === "newer") this.problem = "";
        if (!Object.keys(old.lists).length) {
          if (this.problem !== "full") this.state = emptyState();
          return;
        }
        // First visit since the first release: its ticks become a first plan. Its entries
        // are removed only once the new one is written and reads back the same.
        const state = upgrade({ v: 1, lists: old.lists });
        const json = JSON.stringify(state);
        const failed = storage.write(STORE_KEY, json);
        this.state = state;
        if (failed) { this.problem = failed; return; }
        if (storage.read(STORE_KEY).value === json) old.keys.forEach(function (key) { storage.write(key, null); });
        return;
      }
      const parsed = parseStored(stored.value);
      if (parsed.problem) { this.problem = parsed.problem; return; }
      this.problem = "";
      this.state = parsed.state;
    },

    // Applies `change` to the newest stored state and saves it; the page keeps working in
    // memory when storage is blocked, full or unreadable.
    update: function (change) {
      const saving = this.problem !== "corrupt" && this.problem !== "newer" && this.problem !== "blocked";
      if (saving) this.load();
      const result = change(this.state);
      if (this.problem !== "corrupt" && this.problem !== "newer") {
        const failed = storage.write(STORE_KEY, JSON.stringify(this.state));
        this.problem = failed;
      }
      renderAll();
      return result;
    },

    // Starts over after unreadable data: it is kept beside, under a key of its own.
    restart: function () {
      const raw = storage.read(STORE_KEY).value;
      if (raw !== null && storage.write(STORE_KEY + ":unlesbar:" + nowIso(), raw)) return false;
      this.problem = "";
      this.state = emptyState();
      this.problem = storage.write(STORE_KEY, JSON.stringify(this.state));
      renderAll();
      return !this.problem;
    }
  };

  function planIds(state) {
    return Object.keys(state.plans).sort(function (a, b) {
      return String(state.plans[a].created).localeCompare(String(state.plans[b].created)) || a.localeCompare(b);
    });
  }
  function currentId(state) {
    return state.plans[state.current] ? state.current : planIds(state)[0] || "";
  }
  function currentPlan(state) { return state.plans[currentId(state)] || null; }
  // The current plan; a first one is made when there is none yet (a reader simply ticks).
  function ensurePlan(state) {
    let id = currentId(state);
    if (!id) {
      id = newId();
      state.plans[id] = newPlan(FIRST_PLAN);
    }
    state.current = id;
    return state.plans[id];
  }
  function entryOf(plan, list, point) {
    const points = plan && isObject(plan.lists[list]) ? plan.lists[list] : null;
    return points ? readEntry(points[point]) : null;
  }
  function setEntry(plan, list, point, change) {
    if (!isObject(plan.lists[list])) plan.lists[list] = dict();
    const stored = plan.lists[list][point];
    const entry = isObject(stored) && typeof stored.done === "boolean" ? stored : { done: false, at: "" };
    change(entry);
    entry.t = nowIso();
    ["owner", "due", "note"].forEach(function (k) { if (!entry[k]) delete entry[k]; });
    if (!entry.at) entry.at = entry.t;
    plan.lists[list][point] = entry;
  }
  function uniqueName(state, name) {
    const names = Object.keys(state.plans).map(function (id) { return state.plans[id].name; });
    if (names.indexOf(name) < 0) return name;
    for (let i = 2; ; i++) if (names.indexOf(name + " " + i) < 0) return name + " " + i;
  }
  // Merges `incoming` into `target`: per field and per point, the newer entry wins.
  function mergePlan(target, incoming) {
    let changes = 0;
    if (Date.parse(incoming.t) > Date.parse(target.t || 0)) {
      ["name", "date", "partner", "note"].forEach(function (k) { target[k] = incoming[k]; });
      target.t = incoming.t;
    }
    Object.keys(incoming.lists).forEach(function (list) {
      if (!isObject(target.lists[list])) target.lists[list] = dict();
      Object.keys(incoming.lists[list]).forEach(function (point) {
        const mine = target.lists[list][point], theirs = incoming.lists[list][point];
        if (!readEntry(mine) || changedAt(theirs) > changedAt(mine)) {
          if (JSON.stringify(mine) !== JSON.stringify(theirs)) changes++;
          target.lists[list][point] = copy(theirs);
        }
      });
    });
    return changes;
  }
  // The due day of a point: the reader's own, else the author's offset from the event date.
  function dueOf(plan, entry, offset) {
    if (entry && entry.due) return { day: entry.due, suggested: false };
    if (plan && isDay(plan.date) && offset !== null) return { day: addDays(plan.date, offset), suggested: true };
    return null;
  }
  function dueStatus(day, done) {
    if (!day || done) return "";
    const left = daysFrom(today(), day);
    return left < 0 ? "overdue" : left <= SOON_DAYS ? "soon" : "";
  }
  const STATUS_WORDS = { overdue: "überfällig", soon: "bald fällig" };

  const MESSAGES = {
    blocked: "Ihre Eingaben können in diesem Browser nicht gespeichert werden (zum Beispiel im privaten Modus). Sie gelten nur, solange diese Seite geöffnet ist.",
    full: "Der Speicher dieses Browsers ist voll: Ihre letzte Änderung gilt nur, solange diese Seite geöffnet ist. Sichern Sie Ihre Vorhaben auf der Startseite in einer Datei.",
    corrupt: "Die gespeicherten Vorhaben konnten nicht gelesen werden und bleiben unverändert. Neue Eingaben werden deshalb nicht gespeichert – mit „Neu beginnen“ fangen Sie neu an; die alten Daten bleiben dabei aufbewahrt.",
    newer: "Ihre Vorhaben wurden mit einer neueren Ausgabe dieses Handbuchs gespeichert und bleiben unverändert. Neue Eingaben werden hier nicht gespeichert.",
    unreadableV1: "Früher gespeicherte Häkchen dieser Checkliste konnten nicht gelesen werden und bleiben unverändert aufbewahrt.",
    unchanged: " Es wurde nichts geändert."
  };

  // ---------------------------------------------------------------- checklists
  const checklists = [];

  function setUpChecklist(section) {
    const list = section.getAttribute("data-checklist");
    const checklist = { list: list, section: section, points: [], undo: null };
    const tools = section.querySelector(".checklist-tools");
    if (tools) tools.hidden = false;
    const progress = section.querySelector(".checklist-progress");
    if (progress) progress.hidden = false;
    checklist.message = section.querySelector(".checklist-message");
    checklist.select = section.querySelector("[data-plan-select]");
    checklist.event = section.querySelector(".plan-event");
    const manage = section.querySelector(".plan-manage");
    if (manage) manage.href = BASE + "#vorhaben";

    all("li.checklist-point", section).forEach(function (li) {
      const box = li.querySelector("input[data-point]");
      if (!box) return;
      const point = box.getAttribute("data-point");
      const due = li.getAttribute("data-due");
      const label = li.querySelector("label");
      const base = list + "-" + point;
      const item = { id: point, li: li, box: box, offset: due !== null && due !== "" && !isNaN(+due) ? +due : null };
      item.meta = element("p", "point-meta");
      item.meta.id = "stand-" + base;
      item.meta.hidden = true;
      const toggle = element("button", "point-toggle");
      toggle.type = "button";
      toggle.id = "details-knopf-" + base;
      toggle.setAttribute("aria-expanded", "false");
      toggle.setAttribute("aria-controls", "details-" + base);
      if (label) {
        label.id = label.id || "text-" + base;
        toggle.setAttribute("aria-labelledby", toggle.id + " " + label.id);
      }
      toggle.appendChild(element("span", null, "Details"));
      item.toggle = toggle;
      box.setAttribute("aria-describedby", ((box.getAttribute("aria-describedby") || "") + " " + item.meta.id).trim());
      li.append(toggle, item.meta);
      checklist.points.push(item);
    });

    section.addEventListener("change", function (e) {
      const target = e.target;
      if (target.matches("input[data-point]")) {
        const point = target.getAttribute("data-point");
        const done = target.checked;
        checklist.undo = null;
        store.update(function (state) {
          setEntry(ensurePlan(state), list, point, function (entry) { entry.done = done; entry.at = nowIso(); });
        });
      } else if (target.matches("[data-plan-select]")) {
        const id = target.value;
        store.update(function (state) { if (state.plans[id]) state.current = id; });
      }
    });
    section.addEventListener("input", function (e) {
      if (e.target.matches("[data-field]")) fieldEdited(checklist, e.target, false);
    });
    section.addEventListener("focusout", function (e) {
      if (e.target.matches("[data-field]")) fieldEdited(checklist, e.target, true);
    });
    section.addEventListener("click", function (e) {
      const button = e.target.closest ? e.target.closest("button") : null;
      if (!button) return;
      if (button.classList.contains("point-toggle")) toggleDetails(checklist, button);
      const action = button.getAttribute("data-action");
      if (action === "reset") resetChecklist(checklist);
      else if (action === "undo") undoReset(checklist);
      else if (action === "restart") { if (store.restart()) say(checklist.message, "Sie beginnen neu; die unlesbaren Daten bleiben aufbewahrt.", false); }
    });
    checklists.push(checklist);
  }

  // Details of a point (owner, due date, note): made when first opened.
  function toggleDetails(checklist, toggle) {
    const item = checklist.points.find(function (p) { return p.toggle === toggle; });
    if (!item) return;
    if (!item.details) item.details = detailsFor(checklist, item);
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    item.details.hidden = !open;
    renderPoint(checklist, item, currentPlan(store.state));
    if (open) item.details.querySelector("input").focus();
  }

  function detailsFor(checklist, item) {
    const base = checklist.list + "-" + item.id;
    const box = element("div", "point-details");
    box.id = "details-" + base;
    box.setAttribute("role", "group");
    box.setAttribute("aria-labelledby", item.toggle.getAttribute("aria-labelledby"));
    box.hidden = true;
    const field = function (name, labelText, control) {
      const p = element("p", "point-field");
      const label = element("label", null, labelText);
      control.id = name + "-" + base;
      control.setAttribute("data-field", name);
      label.htmlFor = control.id;
      p.append(label, control);
      box.appendChild(p);
      return p;
    };
    const owner = element("input");
    owner.type = "text";
    owner.maxLength = 200;
    owner.autocomplete = "off";
    field("owner", "Zuständig", owner);
    const due = element("input");
    due.type = "date";
    const dueField = field("due", "Erledigen bis", due);
    item.suggestion = element("span", "point-suggestion");
    item.suggestion.id = "vorschlag-" + base;
    due.setAttribute("aria-describedby", item.suggestion.id);
    dueField.appendChild(item.suggestion);
    const note = element("textarea");
    note.rows = 2;
    note.maxLength = 2000;
    field("note", "Notiz", note);
    item.done = element("p", "point-done");
    box.appendChild(item.done);
    item.li.appendChild(box);
    return box;
  }

  const editTimers = new Map();
  function fieldEdited(checklist, control, now) {
    clearTimeout(editTimers.get(control));
    const save = function () {
      editTimers.delete(control);
      const name = control.getAttribute("data-field");
      const point = control.id.slice(name.length + 1 + checklist.list.length + 1);
      const value = name === "due" ? (isDay(control.value) ? control.value : "") : control.value.trim();
      const plan = currentPlan(store.state);
      const entry = entryOf(plan, checklist.list, point);
      if ((entry ? entry[name] : "") === value) return;
      store.update(function (state) {
        setEntry(ensurePlan(state), checklist.list, point, function (e) { e[name] = value; });
      });
    };
    if (now) save();
    else editTimers.set(control, setTimeout(save, 500));
  }

  function resetChecklist(checklist) {
    const plan = currentPlan(store.state);
    if (!plan || !isObject(plan.lists[checklist.list]) || !Object.keys(plan.lists[checklist.list]).length) {
      say(checklist.message, "In dieser Checkliste ist noch nichts eingetragen.", false);
      return;
    }
    const id = currentId(store.state);
    // Undo brings the entries back; a backup imported afterwards restores them, too.
    checklist.undo = { plan: id, entries: copy(plan.lists[checklist.list]) };
    store.update(function (state) { if (state.plans[id]) delete state.plans[id].lists[checklist.list]; });
    say(checklist.message, "Alle Häkchen und Angaben dieser Checkliste im Vorhaben „" + plan.name + "“ wurden entfernt. Mit „Rückgängig“ holen Sie sie zurück.", false);
    renderChecklist(checklist);
    const undo = checklist.section.querySelector("[data-action=undo]");
    if (undo) undo.focus();
    if (store.problem) say(checklist.message, MESSAGES[store.problem], true);
  }
  function undoReset(checklist) {
    const undo = checklist.undo;
    if (!undo) return;
    checklist.undo = null;
    store.update(function (state) { if (state.plans[undo.plan]) state.plans[undo.plan].lists[checklist.list] = undo.entries; });
    say(checklist.message, "Der vorherige Stand wurde wiederhergestellt.", false);
    const reset = checklist.section.querySelector("[data-action=reset]");
    if (reset) reset.focus();
    if (store.problem) say(checklist.message, MESSAGES[store.problem], true);
  }

  function renderPoint(checklist, item, plan) {
    const entry = entryOf(plan, checklist.list, item.id);
    const done = !!(entry && entry.done);
    item.box.checked = done;
    const due = dueOf(plan, entry, item.offset);
    const status = due ? dueStatus(due.day, done) : "";
    item.li.classList.toggle("is-overdue", status === "overdue");
    item.li.classList.toggle("is-soon", status === "soon");
    // The compact line: who, by when, how urgent, when done.
    const meta = item.meta;
    meta.textContent = "";
    const parts = [];
    if (status) parts.push(element("strong", "point-status point-status-" + status, STATUS_WORDS[status]));
    if (entry && entry.owner) parts.push(doc.createTextNode("Zuständig: " + entry.owner));
    if (due && !done) parts.push(doc.createTextNode("bis " + german(due.day) + (due.suggested ? " (Vorschlag)" : "")));
    if (done && entry.at) parts.push(doc.createTextNode("erledigt am " + german(entry.at)));
    if (entry && entry.note) parts.push(element("span", "point-note", "Notiz: " + entry.note));
    parts.forEach(function (part, i) {
      if (i) meta.appendChild(doc.createTextNode(" · "));
      meta.appendChild(part);
    });
    meta.hidden = !parts.length;
    if (!item.details) return;
    // Fields being edited keep what the reader is typing.
    all("[data-field]", item.details).forEach(function (control) {
      if (control === doc.activeElement) return;
      const value = entry ? entry[control.getAttribute("data-field")] || "" : "";
      if (control.value !== value) control.value = value;
    });
    const suggested = plan && isDay(plan.date) && item.offset !== null ? addDays(plan.date, item.offset) : "";
    item.suggestion.textContent = suggested ? "Vorschlag: " + german(suggested) + " (" + offsetWords(item.offset) + ")" : "";
    item.suggestion.hidden = !suggested;
    item.done.textContent = done && entry.at ? "Erledigt am " + german(entry.at) + "." : "Noch nicht erledigt.";
  }

  function renderChecklist(checklist) {
    const state = store.state;
    const plan = currentPlan(state);
    const section = checklist.section;
    let doneCount = 0;
    checklist.points.forEach(function (item) {
      renderPoint(checklist, item, plan);
      if (item.box.checked) doneCount++;
    });
    all(".checklist-phase", section).forEach(function (phase) {
      const boxes = all("input[data-point]", phase);
      const k = boxes.filter(function (b) { return b.checked; }).length;
      const counter = phase.querySelector(".phase-progress");
      if (counter) counter.textContent = k + "/" + boxes.length;
      phase.classList.toggle("is-done", k === boxes.length && k > 0);
    });
    const total = checklist.points.length;
    const progressText = section.querySelector(".checklist-progress-text");
    const words = doneCount + " von " + total + " erledigt";
    if (progressText && progressText.textContent !== words) progressText.textContent = words;
    const bar = section.querySelector(".checklist-progress progress");
    if (bar) { bar.max = total || 1; bar.value = doneCount; }
    const undo = section.querySelector("[data-action=undo]");
    if (undo) undo.hidden = !checklist.undo;
    const restart = section.querySelector("[data-action=restart]");
    if (restart) restart.hidden = store.problem !== "corrupt";
    fillPlanSelect(checklist.select, state);
    if (checklist.event) {
      const hasOffsets = checklist.points.some(function (p) { return p.offset !== null; });
      checklist.event.textContent = plan && isDay(plan.date) ? "Veranstaltung am " + german(plan.date) :
        hasOffsets ? "Mit einem Veranstaltungsdatum schlägt diese Checkliste Termine vor." : "";
    }
    const printed = section.querySelector(".checklist-date");
    if (printed) printed.textContent = german(nowIso()) + (plan ? " · Vorhaben „" + plan.name + "“" : "");
  }

  function fillPlanSelect(select, state) {
    if (!select) return;
    const ids = planIds(state);
    const current = currentId(state);
    const wanted = ids.length ? ids.map(function (id) { return [id, state.plans[id].name || "Ohne Namen"]; }) : [["", FIRST_PLAN]];
    const have = Array.from(select.options).map(function (o) { return [o.value, o.textContent]; });
    if (JSON.stringify(have) !== JSON.stringify(wanted)) {
      select.textContent = "";
      wanted.forEach(function (w) { select.appendChild(element("option", null, w[1])).value = w[0]; });
    }
    if (select.value !== current) select.value = current;
  }

  function checklistStatus(checklist) {
    if (store.problem) say(checklist.message, MESSAGES[store.problem], true);
    else if (store.unreadableV1.indexOf(checklist.list) >= 0) say(checklist.message, MESSAGES.unreadableV1, true);
    else if (checklist.message && checklist.message.classList.contains("is-error")) say(checklist.message, "", false);
  }

  // ---------------------------------------------------------------- start page
  const start = {};

  function setUpStart(panel) {
    start.panel = panel;
    start.app = panel.querySelector(".plans-app");
    start.list = panel.querySelector(".plan-list");
    start.message = panel.querySelector(".plans-message");
    start.form = panel.querySelector(".plan-form");
    start.shareBox = panel.querySelector(".share-box");
    start.summaries = all("li[data-checklist-summary]", panel);
    start.app.hidden = false;
    all(".js-only", panel).forEach(function (n) { n.hidden = false; });
    all(".no-js", panel).forEach(function (n) { n.hidden = true; });
    const backup = doc.querySelector(".backup");
    if (backup) backup.hidden = false;

    panel.addEventListener("change", function (e) {
      const target = e.target;
      if (target.name === "vorhaben") {
        const id = target.value;
        store.update(function (state) { if (state.plans[id]) state.current = id; });
      } else if (target.matches("input[data-plan-action=import]")) {
        readBackup(target);
      }
    });
    start.form.addEventListener("submit", function (e) { e.preventDefault(); });
    start.form.addEventListener("input", function (e) { planFieldEdited(e.target, false); });
    start.form.addEventListener("focusout", function (e) { planFieldEdited(e.target, true); });
    doc.addEventListener("click", function (e) {
      const button = e.target.closest ? e.target.closest("button[data-plan-action]") : null;
      if (button) planAction(button.getAttribute("data-plan-action"));
    });
  }

  const planTimers = new Map();
  function planFieldEdited(control, now) {
    const name = control.getAttribute("data-plan-field");
    if (!name) return;
    clearTimeout(planTimers.get(control));
    const save = function () {
      planTimers.delete(control);
      const value = name === "date" ? (isDay(control.value) ? control.value : "") : control.value.trim();
      const plan = currentPlan(store.state);
      if (plan && plan[name] === value) return;
      if (name === "name" && !value) return;
      store.update(function (state) {
        const p = ensurePlan(state);
        p[name] = value;
        p.t = nowIso();
      });
    };
    if (now) save();
    else planTimers.set(control, setTimeout(save, 500));
  }

  function startSay(message, isError, offerUndo) {
    say(start.message, message, isError);
    const undo = start.panel.querySelector("[data-plan-action=undo]");
    if (undo) undo.hidden = !offerUndo;
    if (!offerUndo) store.undo = null;
  }

  function planAction(action) {
    const state = store.state;
    const plan = currentPlan(state);
    const id = currentId(state);
    if (action === "new") {
      store.update(function (s) {
        const fresh = newId();
        s.plans[fresh] = newPlan(uniqueName(s, "Neues Vorhaben"));
        s.current = fresh;
      });
      startSay("Ein neues Vorhaben ist angelegt und ausgewählt. Geben Sie ihm einen Namen.", false);
      focusName();
    } else if (action === "duplicate" && plan) {
      store.update(function (s) {
        const original = s.plans[id];
        if (!original) return;
        const twin = copy(original);
        twin.name = uniqueName(s, original.name + " (Kopie)");
        twin.created = twin.t = nowIso();
        const fresh = newId();
        s.plans[fresh] = twin;
        s.current = fresh;
      });
      startSay("Das Vorhaben „" + plan.name + "“ wurde kopiert; die Kopie ist ausgewählt.", false);
      focusName();
    } else if (action === "delete" && plan) {
      const removed = copy(plan);
      store.update(function (s) {
        delete s.plans[id];
        s.current = planIds(s)[0] || "";
      });
      startSay("Das Vorhaben „" + removed.name + "“ wurde gelöscht.", false, true);
      store.undo = { id: id, plan: removed };
      const undo = start.panel.querySelector("[data-plan-action=undo]");
      if (undo) undo.focus();
    } else if (action === "undo" && store.undo) {
      const restored = store.undo;
      store.update(function (s) { s.plans[restored.id] = restored.plan; s.current = restored.id; });
      startSay("Das Vorhaben „" + restored.plan.name + "“ ist wieder da.", false);
      const radio = doc.getElementById("vorhaben-" + restored.id);
      if (radio) radio.focus();
    } else if (action === "restart") {
      if (store.restart()) startSay("Sie beginnen neu; die unlesbaren Daten bleiben in diesem Browser aufbewahrt.", false);
    } else if (action === "share" && plan) {
      shareLink(plan, id);
    } else if (action === "copy") {
      copyLink();
    } else if (action === "calendar" && plan) {
      calendar(plan, id);
    } else if (action === "report" && plan) {
      printReport(plan);
    } else if (action === "export") {
      writeBackup();
    } else if (action === "adopt" || action === "merge" || action === "dismiss") {
      sharedAction(action);
    }
  }

  function focusName() {
    const name = start.form.querySelector("[data-plan-field=name]");
    if (name) { name.focus(); name.select(); }
  }

  function planDone(plan) {
    let done = 0, total = 0;
    Object.keys(plan.lists).forEach(function (list) {
      const points = plan.lists[list];
      if (!isObject(points)) return;
      const summary = start.summaries.find(function (li) { return li.getAttribute("data-checklist-summary") === list; });
      const ids = summary ? (summary.getAttribute("data-points") || "").split(" ").filter(Boolean) : Object.keys(points);
      const k = ids.filter(function (p) { const e = readEntry(points[p]); return e && e.done; }).length;
      if (!k && !ids.some(function (p) { return readEntry(points[p]); })) return;
      done += k;
      total += ids.length;
    });
    return total ? done + " von " + total + " erledigt" : "noch nichts abgehakt";
  }

  function renderStart() {
    if (!start.panel) return;
    const state = store.state;
    const ids = planIds(state);
    const current = currentId(state);
    const plan = currentPlan(state);
    // The plans, one radio each: choosing one makes it the current plan everywhere.
    const list = start.list;
    const focused = doc.activeElement && list.contains(doc.activeElement) ? doc.activeElement.id : "";
    list.textContent = "";
    ids.forEach(function (id) {
      const p = state.plans[id];
      const row = element("div", "plan-choice");
      const radio = element("input");
      radio.type = "radio";
      radio.name = "vorhaben";
      radio.id = "vorhaben-" + id;
      radio.value = id;
      radio.checked = id === current;
      const label = element("label");
      label.htmlFor = radio.id;
      label.appendChild(element("span", "plan-name", p.name || "Ohne Namen"));
      const facts = [isDay(p.date) ? german(p.date) : "", text(p.partner), planDone(p)].filter(Boolean).join(" · ");
      label.appendChild(element("span", "plan-facts", facts));
      row.append(radio, label);
      list.appendChild(row);
    });
    if (focused && doc.getElementById(focused)) doc.getElementById(focused).focus();
    const none = start.panel.querySelector(".plans-none");
    if (none) none.hidden = ids.length > 0;
    list.hidden = !ids.length;
    start.form.hidden = !plan;
    all("[data-plan-action=duplicate], [data-plan-action=delete], [data-plan-action=share], [data-plan-action=calendar], [data-plan-action=report]", start.panel)
      .forEach(function (b) { b.hidden = !plan; });
    if (plan) {
      all("[data-plan-field]", start.form).forEach(function (control) {
        if (control === doc.activeElement) return;
        const value = text(plan[control.getAttribute("data-plan-field")]);
        if (control.value !== value) control.value = value;
      });
    }
    const restart = start.panel.querySelector("[data-plan-action=restart]");
    if (restart) restart.hidden = store.problem !== "corrupt";
    if (store.problem) say(start.message, MESSAGES[store.problem], true);
    else if (start.message.classList.contains("is-error") && start.message.getAttribute("data-sticky") !== "1") say(start.message, "", false);
    renderSummaries(plan);
  }

  // "x von N erledigt" per checklist for the current plan, linking to the first open point.
  function renderSummaries(plan) {
    start.summaries.forEach(function (li) {
      const list = li.getAttribute("data-checklist-summary");
      const total = +li.getAttribute("data-total") || 0;
      const ids = (li.getAttribute("data-points") || "").split(" ").filter(Boolean);
      const counter = li.querySelector(".overview-progress");
      const bar = li.querySelector("progress");
      const doneIds = ids.filter(function (p) { const e = entryOf(plan, list, p); return e && e.done; });
      const n = doneIds.length;
      if (counter) counter.textContent = n + " von " + total + " erledigt";
      if (bar) { bar.hidden = false; bar.value = n; }
      li.classList.toggle("is-done", total > 0 && n >= total);
      const link = li.querySelector("a");
      const open = ids.filter(function (p) { return doneIds.indexOf(p) < 0; })[0];
      if (link && ids.length) link.hash = n && open ? "#" + list + "-" + open : "#checkliste-" + list;
    });
  }

  // ---------------------------------------------------------------- catalogue
  // The checklists' texts, phases and due offsets, read from the pages that show them (this
  // page, or the chapters the start page links to: fetched once, same origin, cached offline).
  let cataloguePromise = null;
  function readChecklist(section, url) {
    const phases = all(".checklist-phase", section).map(function (fieldset) {
      const legend = fieldset.querySelector("legend:not(.visually-hidden)");
      const title = legend ? legend.firstChild.textContent.trim() : "";
      const points = all("li.checklist-point", fieldset).map(function (li) {
        const box = li.querySelector("input[data-point]");
        const label = li.querySelector("label");
        const due = li.getAttribute("data-due");
        return { id: box ? box.getAttribute("data-point") : "", text: label ? label.textContent.trim() : "",
          offset: due !== null && due !== "" && !isNaN(+due) ? +due : null };
      });
      return { title: title, points: points };
    });
    const heading = section.querySelector(".checklist-title");
    return { id: section.getAttribute("data-checklist"), title: heading ? heading.textContent.trim() : "", url: url, phases: phases };
  }
  function catalogue() {
    if (cataloguePromise) return cataloguePromise;
    const found = dict();
    all("section.checklist[data-checklist]").forEach(function (section) {
      found[section.getAttribute("data-checklist")] = readChecklist(section, location.pathname + "#" + section.id);
    });
    const pages = dict();
    (start.summaries || []).forEach(function (li) {
      const list = li.getAttribute("data-checklist-summary");
      const link = li.querySelector("a");
      if (found[list] || !link) return;
      const url = link.getAttribute("href").split("#")[0];
      (pages[url] = pages[url] || []).push({ list: list, title: link.textContent.trim(), ids: (li.getAttribute("data-points") || "").split(" ").filter(Boolean) });
    });
    cataloguePromise = Promise.all(Object.keys(pages).map(function (url) {
      return fetch(url).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.text();
      }).then(function (html) {
        const page = new DOMParser().parseFromString(html, "text/html");
        pages[url].forEach(function (wanted) {
          const section = page.querySelector("section.checklist[data-checklist='" + wanted.list + "']");
          if (section) found[wanted.list] = readChecklist(section, url + "#" + section.id);
        });
      }).catch(function () { /* below: the ids stand in for the texts */ });
    })).then(function () {
      Object.keys(pages).forEach(function (url) {
        pages[url].forEach(function (wanted) {
          if (found[wanted.list]) return;
          found[wanted.list] = { id: wanted.list, title: wanted.title, url: url, incomplete: true,
            phases: [{ title: "", points: wanted.ids.map(function (id) { return { id: id, text: id, offset: null }; }) }] };
        });
      });
      return found;
    });
    return cataloguePromise;
  }

  // The checklists a report or calendar covers: those the plan has entries in, and those
  // with suggested dates once the plan has an event date; in the start page's order.
  function coveredLists(plan, found) {
    const order = (start.summaries || []).map(function (li) { return li.getAttribute("data-checklist-summary"); });
    Object.keys(found).forEach(function (id) { if (order.indexOf(id) < 0) order.push(id); });
    return order.filter(function (id) {
      const c = found[id];
      if (!c) return false;
      const used = isObject(plan.lists[id]) && Object.keys(plan.lists[id]).some(function (p) { return readEntry(plan.lists[id][p]); });
      const dated = isDay(plan.date) && c.phases.some(function (ph) { return ph.points.some(function (p) { return p.offset !== null; }); });
      return used || dated;
    }).map(function (id) { return found[id]; });
  }

  // ---------------------------------------------------------------- report
  // "Stand der Vorbereitung": phases with progress, open points with owner and due date, done
  // points with their dates. Drawn into `box`, for paper or for a shared plan on screen.
  function drawReport(box, plan, found, level) {
    box.textContent = "";
    const h = function (n) { return "h" + Math.min(6, level + n); };
    const heading = box.appendChild(element(h(0), "report-title", "Stand der Vorbereitung: " + (plan.name || "Ohne Namen")));
    heading.id = box.id + "-titel";
    const facts = element("p", "report-facts");
    const lines = [];
    if (isDay(plan.date)) lines.push("Veranstaltung am " + german(plan.date));
    if (plan.partner) lines.push("Partnerorganisation: " + plan.partner);
    lines.push("Stand: " + german(nowIso()));
    facts.textContent = lines.join(" · ");
    box.appendChild(facts);
    if (plan.note) box.appendChild(element("p", "report-note", "Notiz: " + plan.note));
    const lists = coveredLists(plan, found);
    if (!lists.length) box.appendChild(element("p", null, "In diesem Vorhaben ist noch nichts eingetragen."));
    lists.forEach(function (c) {
      const section = element("section", "report-list");
      let done = 0, total = 0;
      const head = section.appendChild(element(h(1), null, c.title));
      c.phases.forEach(function (phase) {
        const rows = element("ul", "report-points");
        let k = 0;
        phase.points.forEach(function (p) {
          const entry = entryOf(plan, c.id, p.id);
          const isDone = !!(entry && entry.done);
          if (isDone) k++;
          const li = element("li", isDone ? "report-done" : "report-open");
          li.appendChild(element("span", "report-mark", isDone ? "✓" : "☐")).setAttribute("aria-hidden", "true");
          li.appendChild(element("span", "visually-hidden", isDone ? "Erledigt: " : "Offen: "));
          li.appendChild(element("span", "report-text", p.text));
          const due = dueOf(plan, entry, p.offset);
          const status = due ? dueStatus(due.day, isDone) : "";
          const meta = [];
          if (isDone) meta.push(entry.at ? "erledigt am " + german(entry.at) : "erledigt");
          if (entry && entry.owner) meta.push("Zuständig: " + entry.owner);
          if (!isDone && due) meta.push("bis " + german(due.day) + (due.suggested ? " (Vorschlag)" : "") + (status ? " – " + STATUS_WORDS[status] : ""));
          if (entry && entry.note) meta.push("Notiz: " + entry.note);
          if (meta.length) li.appendChild(element("span", "report-meta", meta.join(" · ")));
          rows.appendChild(li);
        });
        done += k;
        total += phase.points.length;
        if (phase.title) section.appendChild(element(h(2), "report-phase", phase.title + " – " + k + " von " + phase.points.length + " erledigt"));
        section.appendChild(rows);
      });
      head.textContent = c.title + " – " + done + " von " + total + " erledigt";
      box.appendChild(section);
    });
  }

  function printReport(plan) {
    startSay("Der Bericht wird vorbereitet …", false);
    catalogue().then(function (found) {
      let sheet = doc.getElementById("bericht");
      if (!sheet) {
        sheet = element("section", "report-sheet");
        sheet.id = "bericht";
        body.appendChild(sheet);
      }
      drawReport(sheet, plan, found, 1);
      sheet.setAttribute("aria-labelledby", sheet.id + "-titel");
      doc.documentElement.classList.add("print-report");
      startSay("Der Bericht „Stand der Vorbereitung“ ist zum Drucken bereit.", false);
      window.print();
    });
  }
  window.addEventListener("afterprint", function () { doc.documentElement.classList.remove("print-report"); });

  // ---------------------------------------------------------------- calendar (.ics, RFC 5545)
  function icsText(value) {
    return String(value).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
  }
  // Lines longer than 75 octets continue on the next line after a space (never inside a
  // character, and never after a space: some readers trim the ends of lines).
  function icsFold(line) {
    const encoder = new TextEncoder();
    const out = [];
    let current = "", size = 0;
    for (const ch of line) {
      const n = encoder.encode(ch).length;
      if (size + n > (out.length ? 74 : 75)) {
        let carried = "";
        while (current.length > 1 && /[ \t]$/.test(current)) {
          carried = current.slice(-1) + carried;
          current = current.slice(0, -1);
        }
        out.push(current);
        current = carried;
        size = carried.length;
      }
      current += ch;
      size += n;
    }
    out.push(current);
    return out.join("\r\n ");
  }
  function icsDay(day) { return day.replace(/-/g, ""); }
  function icsStamp(iso) { return iso.replace(/[-:]/g, "").replace(/\.\d+/, ""); }

  function calendarText(plan, planId, found) {
    const stamp = icsStamp(nowIso());
    const host = location.hostname || "handbuch";
    const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//" + icsText(doc.title.split(" – ").pop()) + "//Vorhaben//DE", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
    let count = 0;
    const event = function (uid, day, summary, description) {
      lines.push("BEGIN:VEVENT", "UID:" + uid + "@" + host, "DTSTAMP:" + stamp, "DTSTART;VALUE=DATE:" + icsDay(day),
        "DTEND;VALUE=DATE:" + icsDay(addDays(day, 1)), "SUMMARY:" + icsText(summary));
      if (description) lines.push("DESCRIPTION:" + icsText(description));
      lines.push("TRANSP:TRANSPARENT", "END:VEVENT");
      count++;
    };
    if (isDay(plan.date)) {
      event(planId + "-veranstaltung", plan.date, plan.name || "Veranstaltung",
        [plan.partner ? "Partnerorganisation: " + plan.partner : "", plan.note].filter(Boolean).join("\n"));
    }
    coveredLists(plan, found).forEach(function (c) {
      c.phases.forEach(function (phase) {
        phase.points.forEach(function (p) {
          const entry = entryOf(plan, c.id, p.id);
          const due = dueOf(plan, entry, p.offset);
          if (!due) return;
          const facts = ["Checkliste: " + c.title + (phase.title ? " – " + phase.title : "")];
          if (entry && entry.owner) facts.push("Zuständig: " + entry.owner);
          if (due.suggested) facts.push("Termin vorgeschlagen: " + offsetWords(p.offset));
          if (entry && entry.done) facts.push("Erledigt am " + german(entry.at));
          if (entry && entry.note) facts.push("Notiz: " + entry.note);
          event(planId + "-" + c.id + "-" + p.id, due.day, (plan.name || "Vorhaben") + ": " + p.text, facts.join("\n"));
        });
      });
    });
    lines.push("END:VCALENDAR");
    return { text: lines.map(icsFold).join("\r\n") + "\r\n", count: count };
  }

  function fileName(name) {
    const slug = (name || "vorhaben").toLowerCase().replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss")
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
    return slug || "vorhaben";
  }
  function download(name, type, content) {
    const url = URL.createObjectURL(new Blob([content], { type: type }));
    const link = element("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 5000);
  }

  function calendar(plan, planId) {
    catalogue().then(function (found) {
      const ics = calendarText(plan, planId, found);
      if (!ics.count) {
        startSay("Dieses Vorhaben hat noch keine Termine: Tragen Sie ein Datum der Veranstaltung oder bei einzelnen Punkten „Erledigen bis“ ein.", false);
        return;
      }
      try {
        const name = fileName(plan.name) + ".ics";
        download(name, "text/calendar;charset=utf-8", ics.text);
        startSay("Die Kalenderdatei „" + name + "“ mit " + plural(ics.count, "Termin", "Terminen") + " wurde erstellt. Öffnen Sie sie, um die Termine in Ihren Kalender zu übernehmen.", false);
      } catch (e) {
        startSay("Die Kalenderdatei kann in diesem Browser nicht erstellt werden.", true);
      }
    });
  }

  // ---------------------------------------------------------------- share link
  // The plan travels in the address after "#plan=" (never sent to a server): compact JSON,
  // compressed (deflate-raw), base64url. Times in seconds, base 36.
  const SHARE_FORMAT = "hbp";
  const SHARE_VERSION = 1;
  const MAX_LINK = 60000;
  const MAX_JSON = 500000;
  function time36(iso) { const t = Date.parse(iso); return isNaN(t) ? "" : Math.floor(t / 1000).toString(36); }
  function timeFrom36(s) {
    if (typeof s !== "string" || !/^[0-9a-z]{1,9}$/.test(s)) return "";
    return new Date(parseInt(s, 36) * 1000).toISOString();
  }
  function sharePayload(plan, planId) {
    const lists = dict();
    Object.keys(plan.lists).forEach(function (list) {
      const rows = [];
      Object.keys(plan.lists[list]).forEach(function (point) {
        const e = readEntry(plan.lists[list][point]);
        if (!e || isNaN(Date.parse(e.at))) return;
        const at = time36(e.at), t = time36(e.t || e.at);
        const row = [point, e.done ? 1 : 0, at, e.owner, e.due, e.note, t === at ? "" : t];
        while (row.length > 3 && row[row.length - 1] === "") row.pop();
        rows.push(row);
      });
      if (rows.length) lists[list] = rows;
    });
    return { f: SHARE_FORMAT, v: SHARE_VERSION, h: HANDBOOK, i: planId, n: plan.name, d: plan.date, p: plan.partner, o: plan.note,
      c: time36(plan.created), t: time36(plan.t), l: lists };
  }
  // The shared plan, validated; or {problem} (nothing is used unless everything is right).
  function planFromPayload(o) {
    if (!isObject(o) || o.f !== SHARE_FORMAT) return { problem: "Dieser Link enthält kein Vorhaben aus diesem Handbuch." };
    if (o.v !== SHARE_VERSION) return { problem: "Dieser Link stammt aus einer anderen Ausgabe des Handbuchs und kann hier nicht gelesen werden." };
    if (o.h !== HANDBOOK) return { problem: "Dieser Link gehört zu einem anderen Handbuch." };
    if (!isObject(o.l) || typeof o.n !== "string") return { problem: "Dieser Link ist unvollständig." };
    const raw = { name: o.n, date: o.d || "", partner: o.p || "", note: o.o || "", created: timeFrom36(o.c) || undefined, t: timeFrom36(o.t), lists: dict() };
    for (const list of Object.keys(o.l)) {
      if (!Array.isArray(o.l[list])) return { problem: "Dieser Link ist beschädigt." };
      raw.lists[list] = dict();
      for (const row of o.l[list]) {
        if (!Array.isArray(row) || typeof row[0] !== "string" || (row[1] !== 0 && row[1] !== 1)) return { problem: "Dieser Link ist beschädigt." };
        const entry = { done: row[1] === 1, at: timeFrom36(row[2]) };
        if (row[3]) entry.owner = row[3];
        if (row[4]) entry.due = row[4];
        if (row[5]) entry.note = row[5];
        if (row[6]) entry.t = timeFrom36(row[6]) || "x";
        raw.lists[list][row[0]] = entry;
      }
    }
    const plan = validPlan(raw);
    if (!plan) return { problem: "Dieser Link ist beschädigt." };
    return { plan: plan, id: typeof o.i === "string" ? o.i : "" };
  }
  function toBase64Url(bytes) {
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function fromBase64Url(s) {
    if (!/^[A-Za-z0-9_-]+$/.test(s) || s.length > MAX_LINK) throw new Error("alphabet");
    const binary = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(binary, function (c) { return c.charCodeAt(0); });
  }
  function canShare() { return typeof CompressionStream === "function" && typeof DecompressionStream === "function"; }
  function encodePlan(plan, planId) {
    const json = JSON.stringify(sharePayload(plan, planId));
    const stream = new Blob([json]).stream().pipeThrough(new CompressionStream("deflate-raw"));
    return new Response(stream).arrayBuffer().then(function (buffer) { return toBase64Url(new Uint8Array(buffer)); });
  }
  // Reads at most MAX_JSON bytes: a crafted link cannot fill the memory.
  function decodePlan(encoded) {
    let bytes;
    try { bytes = fromBase64Url(encoded); } catch (e) { return Promise.resolve({ problem: "Dieser Link ist beschädigt oder unvollständig." }); }
    const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
    const parts = [];
    let size = 0;
    const pump = function () {
      return reader.read().then(function (chunk) {
        if (chunk.done) return;
        size += chunk.value.length;
        if (size > MAX_JSON) throw new Error("too large");
        parts.push(chunk.value);
        return pump();
      });
    };
    return pump().then(function () {
      return new Blob(parts).text();
    }).then(function (json) {
      return planFromPayload(parse(json));
    }).catch(function () {
      return { problem: "Dieser Link ist beschädigt oder unvollständig." };
    });
  }

  function shareLink(plan, planId) {
    if (!canShare()) {
      startSay("Dieser Browser kann keine Links zum Teilen erstellen. Nutzen Sie „Sicherung herunterladen“.", true);
      return;
    }
    encodePlan(plan, planId).then(function (encoded) {
      const link = location.origin + BASE + "#plan=" + encoded;
      const box = start.shareBox;
      const field = box.querySelector("input");
      field.value = link;
      const mail = box.querySelector("a.share-mail");
      if (mail) mail.href = "mailto:?subject=" + encodeURIComponent("Vorhaben: " + plan.name) + "&body=" + encodeURIComponent(link);
      box.hidden = false;
      field.focus();
      field.select();
      startSay("Der Link für „" + plan.name + "“ ist fertig. Wer ihn öffnet, sieht den Stand und kann ihn übernehmen.", false);
    }).catch(function () {
      startSay("Der Link konnte nicht erstellt werden.", true);
    });
  }
  function copyLink() {
    const field = start.shareBox.querySelector("input");
    const copied = function () { startSay("Der Link ist kopiert.", false); };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(field.value).then(copied, function () { field.select(); startSay("Bitte kopieren Sie den markierten Link (Strg+C).", false); });
    } else {
      field.select();
      startSay("Bitte kopieren Sie den markierten Link (Strg+C).", false);
    }
  }

  // A shared plan opened from a link: shown read-only until the reader takes it over.
  const shared = { plan: null, id: "" };
  function openShared() {
    const view = doc.getElementById("geteilt");
    const match = /^#plan=(.*)$/.exec(location.hash);
    if (!view || !match) return;
    const message = view.querySelector(".shared-message");
    const actions = view.querySelector(".shared-actions");
    const report = view.querySelector(".shared-report");
    view.hidden = false;
    actions.hidden = true;
    report.textContent = "";
    const heading = view.querySelector("h2");
    if (!canShare()) {
      say(message, "Dieser Browser kann geteilte Vorhaben nicht öffnen." + MESSAGES.unchanged, true);
      return;
    }
    say(message, "Das geteilte Vorhaben wird geöffnet …", false);
    decodePlan(match[1]).then(function (result) {
      if (result.problem) {
        shared.plan = null;
        say(message, result.problem + MESSAGES.unchanged, true);
        heading.focus();
        return null;
      }
      shared.plan = result.plan;
      shared.id = result.id;
      return catalogue().then(function (found) {
        drawReport(report, shared.plan, found, 2);
        say(message, "Nur zum Ansehen: Übernehmen Sie das Vorhaben, um es zu bearbeiten. Sonst wird nichts gespeichert.", false);
        const select = view.querySelector("[data-shared-target]");
        const state = store.state;
        fillPlanSelect(select, state);
        if (state.plans[shared.id]) select.value = shared.id;
        view.querySelector(".shared-merge").hidden = !planIds(state).length;
        actions.hidden = false;
        heading.focus();
      });
    });
  }
  function closeShared() {
    const view = doc.getElementById("geteilt");
    if (view) view.hidden = true;
    shared.plan = null;
    try { history.replaceState(history.state, "", location.pathname + location.search); } catch (e) { /* file:// */ }
  }
  function sharedAction(action) {
    if (action === "dismiss" || !shared.plan) { closeShared(); return; }
    const incoming = shared.plan;
    let name = incoming.name;
    if (action === "adopt") {
      store.update(function (s) {
        const id = s.plans[shared.id] ? newId() : shared.id || newId();
        const plan = copy(incoming);
        plan.name = name = uniqueName(s, incoming.name || "Geteiltes Vorhaben");
        plan.created = nowIso();
        s.plans[id] = plan;
        s.current = id;
      });
      startSay("Das Vorhaben „" + name + "“ ist jetzt Ihres und ausgewählt.", false);
    } else {
      const target = doc.querySelector("[data-shared-target]").value;
      let changes = 0;
      store.update(function (s) {
        if (!s.plans[target]) return;
        changes = mergePlan(s.plans[target], incoming);
        name = s.plans[target].name;
        s.current = target;
      });
      startSay("Zusammengeführt mit „" + name + "“: " + plural(changes, "Punkt", "Punkte") + " übernommen (jeweils der neuere Eintrag).", false);
    }
    if (store.problem) startSay(MESSAGES[store.problem], true);
    closeShared();
    const heading = doc.getElementById("vorhaben-titel");
    if (heading) heading.focus();
  }

  // ---------------------------------------------------------------- backup file
  // All plans in one file; a file of the first release (per checklist) still imports.
  const BACKUP_FORMAT = "handbook-plans";
  function writeBackup() {
    const state = store.state;
    const exported = nowIso();
    const out = { format: BACKUP_FORMAT, v: VERSION, handbook: HANDBOOK, exported: exported, plans: state.plans };
    const n = Object.keys(state.plans).length;
    if (!n) { startSay("Es gibt noch kein Vorhaben zum Sichern.", false); return; }
    try {
      const name = "vorhaben-sicherung-" + exported.slice(0, 10) + ".json";
      download(name, "application/json", JSON.stringify(out, null, 2));
      startSay("Gesichert: " + plural(n, "Vorhaben", "Vorhaben") + " in der Datei „" + name + "“. Auf einem anderen Gerät lesen Sie sie mit „Sicherung einlesen“ ein.", false);
    } catch (e) {
      startSay("Das Sichern ist in diesem Browser nicht möglich.", true);
    }
  }
  function readBackup(input) {
    const file = input.files && input.files[0];
    input.value = "";
    if (!file) return;
    const reader = new FileReader();
    reader.onload = function () { importBackup(String(reader.result)); };
    reader.onerror = function () { startSay("Die Datei konnte nicht gelesen werden." + MESSAGES.unchanged, true); };
    reader.readAsText(file);
  }
  // Validates everything first: a wrong or foreign file changes nothing.
  function plansFromBackup(textContent) {
    let o;
    try { o = parse(textContent); } catch (e) { return { problem: "Diese Datei ist keine Sicherung (kein JSON)." }; }
    if (!isObject(o) || (o.format !== BACKUP_FORMAT && o.format !== "handbook-checklists")) return { problem: "Diese Datei ist keine Sicherung eines Handbuchs." };
    if (o.handbook !== HANDBOOK) return { problem: "Diese Datei stammt aus einem anderen Handbuch." };
    if (o.format === "handbook-checklists") {
      if (o.v !== 1) return { problem: "Diese Sicherung hat eine unbekannte Version." };
      if (!isObject(o.checklists)) return { problem: "Die Sicherung ist unvollständig." };
      const lists = dict();
      for (const id of Object.keys(o.checklists)) {
        const v = o.checklists[id];
        lists[id] = isObject(v) && isObject(v.points) ? v.points : v;
      }
      const plan = validPlan({ name: FIRST_PLAN, lists: lists });
      return plan ? { v1: plan } : { problem: "Die Sicherung ist beschädigt." };
    }
    if (o.v !== VERSION) return { problem: "Diese Sicherung hat eine unbekannte Version." };
    if (!isObject(o.plans)) return { problem: "Die Sicherung ist unvollständig." };
    const plans = dict();
    for (const id of Object.keys(o.plans)) {
      const plan = validPlan(o.plans[id]);
      if (!plan || !id) return { problem: "Die Sicherung ist beschädigt." };
      plans[id] = plan;
    }
    return { plans: plans };
  }
  function importBackup(textContent) {
    const result = plansFromBackup(textContent);
    if (result.problem) { startSay(result.problem + MESSAGES.unchanged, true); return; }
    if (store.problem === "corrupt" || store.problem === "newer") { startSay(MESSAGES[store.problem] + MESSAGES.unchanged, true); return; }
    let added = 0, changes = 0, into = "";
    const before = storage.read(STORE_KEY).value;
    store.update(function (state) {
      if (result.v1) {
        // The first release's ticks join the current plan; the newer tick wins.
        const plan = ensurePlan(state);
        into = plan.name;
        changes += mergePlan(plan, result.v1);
        return;
      }
      Object.keys(result.plans).forEach(function (id) {
        if (state.plans[id]) changes += mergePlan(state.plans[id], result.plans[id]);
        else { state.plans[id] = result.plans[id]; added++; }
      });
      if (!state.plans[state.current]) state.current = planIds(state)[0] || "";
    });
    if (store.problem === "full" || store.problem === "blocked") {
      if (before !== null) storage.write(STORE_KEY, before);
      store.load();
      renderAll();
      startSay("Die Sicherung konnte nicht gespeichert werden." + MESSAGES.unchanged, true);
      return;
    }
    startSay(result.v1 ? "Eingelesen: " + plural(changes, "Punkt", "Punkte") + " in das Vorhaben „" + into + "“ übernommen." :
      added || changes ? "Eingelesen: " + plural(added, "neues Vorhaben", "neue Vorhaben") + ", " + plural(changes, "Punkt", "Punkte") + " in bestehenden Vorhaben aktualisiert." :
        "Eingelesen: Ihre Vorhaben waren schon auf dem neuesten Stand.", false);
  }

  // ---------------------------------------------------------------- rendering and start
  function renderAll() {
    checklists.forEach(function (c) { renderChecklist(c); checklistStatus(c); });
    renderStart();
  }

  function ready() {
    all("section.checklist[data-checklist]").forEach(setUpChecklist);
    const panel = doc.getElementById("vorhaben");
    if (panel && panel.querySelector(".plans-app")) setUpStart(panel);
    store.load();
    renderAll();
    openShared();
    // Other tabs: follow their changes. Back/forward cache: read again. Paper: today's date.
    window.addEventListener("storage", function (e) {
      if (e.key !== null && e.key !== STORE_KEY) return;
      checklists.forEach(function (c) { c.undo = null; });
      store.load();
      renderAll();
    });
    window.addEventListener("pageshow", function (e) {
      if (!e.persisted) return;
      store.load();
      renderAll();
    });
    window.addEventListener("hashchange", openShared);
    window.addEventListener("beforeprint", function () { checklists.forEach(renderChecklist); });
  }

  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
