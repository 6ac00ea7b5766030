// handbook: colour scheme, checklists that remember, German search, directory filters, print.
// Loaded in <head> without defer so the chosen colour scheme applies before the first paint;
// everything else waits for DOMContentLoaded. Plain DOM, no innerHTML with data, no element.style.
(function () {
  "use strict";
  var d = document, de = d.documentElement, W = window;

  // Storage: every access may throw (private mode, disabled storage, quota, SecurityError).
  function get(k) { try { return [1, W.localStorage.getItem(k)]; } catch (e) { return [0, null]; } }
  function put(k, v) {
    try { if (v === null) W.localStorage.removeItem(k); else W.localStorage.setItem(k, v); return 1; } catch (e) { return 0; }
  }
  function keys() {
    var out = [];
    try { for (var i = 0; i < W.localStorage.length; i++) out.push(W.localStorage.key(i)); } catch (e) { /* none */ }
    return out;
  }
  function all(sel, root) { return Array.prototype.slice.call((root || d).querySelectorAll(sel)); }
  function el(tag, cls, text) {
    var e = d.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function isObj(o) { return !!o && typeof o === "object" && !Array.isArray(o); }

  // Colour scheme: follows the system until the reader chooses; the choice is remembered.
  var THEME = "handbook-theme", dark = W.matchMedia ? W.matchMedia("(prefers-color-scheme: dark)") : null;
  var chosen = get(THEME)[1];
  if (chosen === "dark" || chosen === "light") de.setAttribute("data-theme", chosen);
  de.classList.add("js");
  function isDark() {
    var t = de.getAttribute("data-theme");
    return t ? t === "dark" : !!(dark && dark.matches);
  }

  function ready() {
    var b = d.body;
    var toggle = d.querySelector(".theme-toggle");
    if (toggle) {
      var sync = function () { toggle.setAttribute("aria-pressed", String(isDark())); };
      toggle.hidden = false;
      sync();
      toggle.addEventListener("click", function () {
        var next = isDark() ? "light" : "dark";
        // Choosing what the system shows anyway means: follow the system again.
        if (next === (dark && dark.matches ? "dark" : "light")) { de.removeAttribute("data-theme"); put(THEME, null); }
        else { de.setAttribute("data-theme", next); put(THEME, next); }
        sync();
      });
      if (dark && dark.addEventListener) dark.addEventListener("change", sync);
    }

    // On phones the chapter list starts closed; it opens again when the window grows.
    var det = d.querySelector(".sidebar-details");
    if (det && W.matchMedia) {
      var narrow = W.matchMedia("(max-width: 59.99em)");
      var fit = function () { det.open = !narrow.matches; };
      fit();
      det.setAttribute("data-ready", "");
      if (narrow.addEventListener) narrow.addEventListener("change", fit);
    }

    // Wide tables scroll sideways: make them reachable by keyboard.
    all(".table-wrap").forEach(function (w) {
      if (w.scrollWidth > w.clientWidth) {
        w.tabIndex = 0;
        w.setAttribute("role", "region");
        w.setAttribute("aria-label", "Tabelle, seitlich verschiebbar");
      }
    });
    // Printed links add their chapter or address, unless the link text already shows it.
    var bare = function (u) { return u.trim().replace(/^https?:\/\//, "").replace(/\/$/, ""); };
    all("a[data-chapter], a[href^='http']").forEach(function (a) {
      var t = a.textContent.trim(), c = a.getAttribute("data-chapter");
      if (c ? t === c : bare(t) === bare(a.getAttribute("href"))) a.classList.add("names-target");
    });
    all(".print-button, [data-action=print]").forEach(function (btn) {
      btn.hidden = false;
      btn.addEventListener("click", function () { W.print(); });
    });

    // Each feature on its own: one failing must not take the others down.
    [function () { checklists(b.getAttribute("data-handbook") || ""); },
      function () { search(b.getAttribute("data-search-index")); }, directories].forEach(function (f) {
      try { f(); } catch (e) { if (W.console) console.error(e); }
    });

    var sw = b.getAttribute("data-sw");
    if (sw && "serviceWorker" in navigator) {
      try { navigator.serviceWorker.register(sw).catch(function () { /* offline use is optional */ }); } catch (e) { /* ditto */ }
    }
  }

  // ---------------------------------------------------------------- checklists
  // One localStorage entry per handbook and checklist: {"v":1,"points":{"<id>":{"done":bool,"at":iso}}}.
  // Keyed by the author's point ids only; ids this page does not know are kept as they are.
  function parseState(raw) {
    var o;
    try { o = JSON.parse(raw); } catch (e) { return null; }
    return isObj(o) && o.v === 1 && isObj(o.points) ? o : null;
  }
  function today() { return new Date().toLocaleDateString("de-DE", { day: "numeric", month: "long", year: "numeric" }); }
  var MSG = {
    nostore: "Ihre Häkchen können in diesem Browser nicht gespeichert werden (zum Beispiel im privaten Modus). Sie gelten nur, solange diese Seite geöffnet ist.",
    bad: "Die gespeicherten Häkchen dieser Checkliste konnten nicht gelesen werden und bleiben unverändert. Neue Häkchen werden deshalb nicht gespeichert – mit „Zurücksetzen“ beginnen Sie neu.",
    unchanged: " Es wurde nichts geändert."
  };

  function checklists(hb) {
    var PFX = "handbook:" + hb + ":", lists = {};
    all("section.checklist[data-checklist]").forEach(function (sec) {
      var id = sec.getAttribute("data-checklist");
      var c = lists[id] || (lists[id] = { id: id, key: PFX + id, els: [], state: { v: 1, points: {} }, bad: null, nostore: 0, undo: null });
      c.els.push(sec);
    });

    function load(c) {
      var r = get(c.key);
      if (!r[0]) { c.nostore = 1; return; }
      if (r[1] === null) { c.state = { v: 1, points: {} }; c.bad = null; return; }
      var o = parseState(r[1]);
      if (o) { c.state = o; c.bad = null; } else c.bad = r[1];
    }
    function save(c) {
      if (c.bad !== null) return;
      if (!put(c.key, JSON.stringify(c.state))) { c.nostore = 1; say(c, MSG.nostore, 1); }
    }
    function say(c, text, error, only) {
      (only ? [only] : c.els).forEach(function (sec) {
        var m = sec.querySelector(".checklist-message");
        if (!m) return;
        m.textContent = text || "";
        m.classList.toggle("is-error", !!error);
      });
    }
    function done(state, id) { var p = state.points[id]; return !!(p && p.done === true); }
    function render(c) {
      c.els.forEach(function (sec) {
        var boxes = all("input[data-point]", sec), n = 0;
        boxes.forEach(function (box) { box.checked = done(c.state, box.getAttribute("data-point")); if (box.checked) n++; });
        all(".checklist-phase", sec).forEach(function (f) {
          var bs = all("input[data-point]", f), k = bs.filter(function (x) { return x.checked; }).length;
          var pp = f.querySelector(".phase-progress");
          if (pp) pp.textContent = k + "/" + bs.length;
          f.classList.toggle("is-done", k === bs.length && k > 0);
        });
        var t = sec.querySelector(".checklist-progress-text"), text = n + " von " + boxes.length + " erledigt";
        if (t && t.textContent !== text) t.textContent = text;
        var bar = sec.querySelector(".checklist-progress progress");
        if (bar) { bar.max = boxes.length || 1; bar.value = n; }
        var u = sec.querySelector("[data-action=undo]");
        if (u) u.hidden = !c.undo;
        var date = sec.querySelector(".checklist-date");
        if (date) date.textContent = today();
      });
    }
    function renderAll() { Object.keys(lists).forEach(function (id) { render(lists[id]); }); summaries(); }
    function status(c) {
      if (c.bad !== null) say(c, MSG.bad, 1);
      else if (c.nostore) say(c, MSG.nostore, 1);
    }

    Object.keys(lists).forEach(function (id) {
      var c = lists[id];
      load(c);
      c.els.forEach(function (sec) {
        var tools = sec.querySelector(".checklist-tools");
        if (tools) tools.hidden = false;
        sec.addEventListener("change", function (e) {
          var box = e.target;
          if (box.matches("input[data-point]")) {
            if (c.bad === null && !c.nostore) load(c); // read-modify-write: keep what other tabs wrote
            c.state.points[box.getAttribute("data-point")] = { done: box.checked, at: new Date().toISOString() };
            c.undo = null;
            save(c);
            render(c);
          } else if (box.matches("input[data-action=import]")) {
            var file = box.files && box.files[0];
            box.value = "";
            if (!file) return;
            var fr = new FileReader();
            fr.onload = function () { importText(String(fr.result), c, sec); };
            fr.onerror = function () { say(c, "Die Datei konnte nicht gelesen werden." + MSG.unchanged, 1, sec); };
            fr.readAsText(file);
          }
        });
        sec.addEventListener("click", function (e) {
          var btn = e.target.closest ? e.target.closest("button[data-action]") : null;
          if (!btn) return;
          var act = btn.getAttribute("data-action");
          if (act === "reset") reset(c, sec);
          else if (act === "undo") undo(c, sec);
          else if (act === "export") exportAll(c, sec);
        });
      });
      render(c);
      status(c);
    });

    function reset(c, sec) {
      var title = sec.querySelector(".checklist-title");
      if (!W.confirm("Alle Häkchen der Checkliste „" + (title ? title.textContent.trim() : c.id) + "“ entfernen?")) return;
      var r = get(c.key);
      c.undo = { raw: r[0] ? r[1] : undefined, state: JSON.parse(JSON.stringify(c.state)), bad: c.bad };
      // The reader starts over: this checklist's entries go (undo brings them back), so a
      // backup imported afterwards restores its ticks.
      c.state = { v: 1, points: {} };
      c.bad = null;
      save(c);
      render(c);
      say(c, "Alle Häkchen wurden entfernt. Mit „Rückgängig“ holen Sie sie zurück.", 0);
      if (c.nostore) status(c);
    }
    function undo(c, sec) {
      var u = c.undo;
      if (!u) return;
      c.undo = null;
      if (u.raw !== undefined && !put(c.key, u.raw)) c.nostore = 1;
      c.state = u.state;
      c.bad = u.bad;
      render(c);
      say(c, "Der vorherige Stand wurde wiederhergestellt.", 0);
      status(c);
      var r = sec.querySelector("[data-action=reset]");
      if (r) r.focus();
    }

    function exportAll(c, sec) {
      var out = { format: "handbook-checklists", v: 1, handbook: hb, exported: new Date().toISOString(), checklists: {} };
      keys().forEach(function (k) {
        if (k && k.indexOf(PFX) === 0) {
          var o = parseState(get(k)[1]);
          if (o) out.checklists[k.slice(PFX.length)] = { points: o.points };
        }
      });
      Object.keys(lists).forEach(function (id) { if (lists[id].bad === null) out.checklists[id] = { points: lists[id].state.points }; });
      var n = Object.keys(out.checklists).length;
      try {
        var url = URL.createObjectURL(new Blob([JSON.stringify(out, null, 2)], { type: "application/json" }));
        var a = el("a");
        a.href = url;
        a.download = "checklisten-" + out.exported.slice(0, 10) + ".json";
        a.hidden = true;
        d.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 5000);
        say(c, "Export erstellt: " + n + (n === 1 ? " Checkliste" : " Checklisten") + " in der Datei „" + a.download + "“.", 0, sec);
      } catch (e) {
        say(c, "Der Export ist in diesem Browser nicht möglich.", 1, sec);
      }
    }

    // Import: validate everything first; a wrong or foreign file changes nothing.
    function importText(text, c, sec) {
      var o, fail = function (m) { say(c, m + MSG.unchanged, 1, sec); };
      try { o = JSON.parse(text); } catch (e) { return fail("Diese Datei ist keine gültige Export-Datei (kein JSON)."); }
      if (!isObj(o) || o.format !== "handbook-checklists") return fail("Diese Datei ist kein Checklisten-Export eines Handbuchs.");
      if (o.v !== 1) return fail("Diese Export-Datei hat eine unbekannte Version.");
      if (o.handbook !== hb) return fail("Diese Datei stammt aus einem anderen Handbuch.");
      if (!isObj(o.checklists)) return fail("Die Export-Datei ist unvollständig.");
      var incoming = {}, ok = true;
      Object.keys(o.checklists).forEach(function (id) {
        var v = o.checklists[id], pts = isObj(v) && isObj(v.points) ? v.points : v;
        if (!isObj(pts) || !id) { ok = false; return; }
        Object.keys(pts).forEach(function (p) {
          var x = pts[p];
          if (!isObj(x) || typeof x.done !== "boolean" || typeof x.at !== "string" || isNaN(Date.parse(x.at))) ok = false;
        });
        incoming[id] = pts;
      });
      if (!ok) return fail("Die Export-Datei ist beschädigt.");
      var writes = [], changed = 0, lists2 = 0, nostore = false;
      Object.keys(incoming).forEach(function (id) {
        var key = PFX + id, r = get(key), cur = null, old = r[0] ? r[1] : undefined;
        if (!r[0]) nostore = true;
        cur = (r[0] && r[1] !== null && parseState(r[1])) || (lists[id] && lists[id].bad === null && !r[0] ? lists[id].state : null) || { v: 1, points: {} };
        cur = JSON.parse(JSON.stringify(cur));
        var n = 0;
        Object.keys(incoming[id]).forEach(function (p) {
          var x = incoming[id][p], have = cur.points[p], t = have && Date.parse(have.at);
          if (!have || isNaN(t) || Date.parse(x.at) > t) {
            if (!have || have.done !== x.done) n++;
            cur.points[p] = { done: x.done, at: x.at };
          }
        });
        if (n) lists2++;
        changed += n;
        writes.push({ id: id, key: key, old: old, state: cur });
      });
      if (!nostore) {
        for (var i = 0; i < writes.length; i++) {
          if (!put(writes[i].key, JSON.stringify(writes[i].state))) {
            for (var j = 0; j < i; j++) if (writes[j].old !== undefined) put(writes[j].key, writes[j].old);
            return fail("Die Häkchen konnten nicht gespeichert werden.");
          }
        }
      }
      writes.forEach(function (w) {
        var l = lists[w.id];
        if (l) { l.state = w.state; l.bad = null; l.undo = null; if (nostore) l.nostore = 1; render(l); }
      });
      summaries();
      say(c, changed ? "Import abgeschlossen: " + changed + (changed === 1 ? " Punkt" : " Punkte") + " in " + lists2 + (lists2 === 1 ? " Checkliste" : " Checklisten") + " übernommen." :
        "Import abgeschlossen: Ihre Häkchen waren schon auf dem neuesten Stand.", 0, sec);
      if (nostore) say(c, MSG.nostore, 1);
    }

    // Start page: "x von N erledigt" per checklist, linking to the first open point when known.
    function summaries() {
      all("li[data-checklist-summary]").forEach(function (li) {
        var id = li.getAttribute("data-checklist-summary"), total = +li.getAttribute("data-total") || 0;
        var ids = (li.getAttribute("data-points") || "").split(" ").filter(Boolean);
        var r = get(PFX + id), span = li.querySelector(".overview-progress"), bar = li.querySelector("progress");
        var o = lists[id] ? (lists[id].bad === null ? lists[id].state : null) : (r[1] === null ? { v: 1, points: {} } : parseState(r[1]));
        if (!r[0] && !lists[id]) return;
        if (!o) { if (span) span.textContent = "Gespeicherte Häkchen nicht lesbar"; return; }
        var n = ids.length ? ids.filter(function (p) { return done(o, p); }).length :
          Math.min(total, Object.keys(o.points).filter(function (p) { return done(o, p); }).length);
        if (span) span.textContent = n + " von " + total + " erledigt";
        if (bar) { bar.hidden = false; bar.value = n; }
        li.classList.toggle("is-done", total > 0 && n >= total);
        var a = li.querySelector("a"), open = ids.filter(function (p) { return !done(o, p); })[0];
        if (a && ids.length) a.hash = n && open ? "#" + id + "-" + open : "#checkliste-" + id;
      });
    }
    summaries();

    // Other tabs: follow their changes. Back/forward cache: re-read.
    W.addEventListener("storage", function (e) {
      if (e.key !== null && e.key.indexOf(PFX) !== 0) return;
      Object.keys(lists).forEach(function (id) {
        var c = lists[id];
        if (e.key === null || e.key === c.key) { c.undo = null; load(c); render(c); status(c); }
      });
      summaries();
    });
    W.addEventListener("pageshow", function (e) {
      if (!e.persisted) return;
      Object.keys(lists).forEach(function (id) { load(lists[id]); });
      renderAll();
    });
    W.addEventListener("beforeprint", renderAll);
  }

  // ---------------------------------------------------------------- search
  // German folding, applied to index and query alike: ä→ae, ö→oe, ü→ue, ß→ss, lower case,
  // other diacritics dropped. Each query word must occur somewhere (so prefixes and parts of
  // compounds match); `m` (optional) collects the source index of every folded character.
  var FOLD = { "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue", "ẞ": "ss" }, cache = {};
  function fold(s, m) {
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var ch = s.charAt(i), f = cache[ch];
      if (f === undefined) {
        f = FOLD[ch] || ch.toLowerCase();
        if (f.normalize) f = f.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
        cache[ch] = f;
      }
      if (m) for (var k = 0; k < f.length; k++) m.push(i);
      out += f;
    }
    return out;
  }
  var SPLIT = /[\s.,;:!?()[\]{}"'„“”‚‘’«»/\\\-–—…·|+*&%$#@=<>~^_]+/;
  function words(q) {
    return fold(q).split(SPLIT).filter(function (w, i, a) { return w && a.indexOf(w) === i; });
  }
  function atStart(s, i) { return i === 0 || SPLIT.test(s.charAt(i - 1)); }
  // The text of `s` (shortened to about `max` characters around the first hit) with every hit in <mark>.
  function marked(s, ws, max) {
    var m = [], f = fold(s, m), hits = [], frag = d.createDocumentFragment();
    ws.forEach(function (w) {
      for (var i = f.indexOf(w); i >= 0; i = f.indexOf(w, i + w.length)) hits.push([m[i], m[i + w.length - 1] + 1]);
    });
    hits.sort(function (a, b) { return a[0] - b[0]; });
    var from = 0, to = s.length;
    if (max && s.length > max) {
      from = hits.length ? Math.max(0, hits[0][0] - Math.round(max / 3)) : 0;
      if (from > 0) { var sp = s.indexOf(" ", from); from = sp >= 0 && sp < hits[0][0] ? sp + 1 : from; }
      to = Math.min(s.length, from + max);
      if (to < s.length) { var ls = s.lastIndexOf(" ", to); if (ls > from) to = ls; }
    }
    var pos = from;
    if (from > 0) frag.appendChild(d.createTextNode("… "));
    hits.forEach(function (h) {
      var a = Math.max(h[0], pos), b = Math.min(h[1], to);
      if (b <= a) return;
      if (a > pos) frag.appendChild(d.createTextNode(s.slice(pos, a)));
      frag.appendChild(el("mark", null, s.slice(a, b)));
      pos = b;
    });
    if (pos < to) frag.appendChild(d.createTextNode(s.slice(pos, to)));
    if (to < s.length) frag.appendChild(d.createTextNode(" …"));
    return frag;
  }

  function search(url) {
    var box = d.getElementById("suche"), q = d.getElementById("suchfeld"), list = d.getElementById("suchergebnisse"),
      st = d.getElementById("suchstatus");
    if (!box || !q || !list || !st || !url || !W.fetch) return;
    box.hidden = false;
    var docs = null, loading = null, active = -1, opts = [], timer = 0, MAX = 10;

    function note(text, visible) {
      st.textContent = text;
      st.className = visible ? "search-note" : "visually-hidden";
    }
    function load() {
      if (loading) return;
      loading = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      }).then(function (j) {
        if (!j || j.v !== 1 || !Array.isArray(j.docs)) throw new Error("format");
        docs = j.docs.map(function (x) {
          return { t: String(x[0] || ""), c: String(x[1] || ""), u: String(x[2] || ""), x: String(x[3] || ""),
            T: fold(String(x[0] || "")), C: fold(String(x[1] || "")), X: fold(String(x[3] || "")) };
        });
        if (q.value.trim() && d.activeElement === q) run();
      }).catch(function () {
        loading = null;
        if (d.activeElement === q) note("Die Suche ist gerade nicht verfügbar. Bitte versuchen Sie es später noch einmal.", q.value.trim());
      });
    }
    function close() {
      list.hidden = true;
      q.setAttribute("aria-expanded", "false");
      q.removeAttribute("aria-activedescendant");
      active = -1;
      if (st.className === "search-note") st.className = "visually-hidden";
    }
    function select(i) {
      if (!opts.length) return;
      active = (i + opts.length) % opts.length;
      opts.forEach(function (o, k) { o.setAttribute("aria-selected", String(k === active)); });
      q.setAttribute("aria-activedescendant", opts[active].id);
      if (opts[active].scrollIntoView) opts[active].scrollIntoView({ block: "nearest" });
    }
    function run() {
      var ws = words(q.value);
      if (!ws.length) { close(); note(""); return; }
      if (!docs) { load(); if (loading) note("Suchindex wird geladen …"); return; }
      var res = [];
      docs.forEach(function (doc, i) {
        var score = 0;
        for (var k = 0; k < ws.length; k++) {
          var w = ws[k], a = doc.T.indexOf(w), b = doc.C.indexOf(w), c = doc.X.indexOf(w);
          if (a >= 0) score += atStart(doc.T, a) ? 130 : 100;
          else if (b >= 0) score += atStart(doc.C, b) ? 13 : 10;
          else if (c >= 0) score += atStart(doc.X, c) ? 1.3 : 1;
          else return;
        }
        res.push([score, i]);
      });
      res.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
      list.textContent = "";
      opts = res.slice(0, MAX).map(function (r, k) {
        var doc = docs[r[1]], a = el("a", "search-hit");
        a.href = doc.u;
        a.id = "treffer-" + k;
        a.tabIndex = -1;
        a.setAttribute("role", "option");
        a.setAttribute("aria-selected", "false");
        a.appendChild(el("span", "search-hit-title")).appendChild(marked(doc.t, ws, 160));
        if (doc.c) a.appendChild(el("span", "search-hit-context")).appendChild(marked(doc.c, ws, 120));
        if (doc.x) a.appendChild(el("span", "search-hit-text")).appendChild(marked(doc.x, ws, 150));
        list.appendChild(a);
        return a;
      });
      active = -1;
      q.removeAttribute("aria-activedescendant");
      var n = res.length;
      if (!n) {
        close();
        note("Keine Treffer für „" + q.value.trim() + "“.", 1);
        return;
      }
      list.hidden = false;
      q.setAttribute("aria-expanded", "true");
      note(n === 1 ? "1 Treffer" : n + " Treffer" + (n > MAX ? ", die ersten " + MAX + " werden angezeigt" : ""));
    }
    function go(a) { close(); W.location.href = a.href; }

    q.addEventListener("focus", function () { load(); if (q.value.trim()) run(); });
    q.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 120); });
    q.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        if (list.hidden) { run(); if (!list.hidden) select(e.key === "ArrowDown" ? 0 : -1); }
        else select(active < 0 && e.key === "ArrowUp" ? -1 : active + (e.key === "ArrowDown" ? 1 : -1));
      } else if (e.key === "Enter") {
        clearTimeout(timer);
        if (list.hidden) run();
        var a = opts[active >= 0 ? active : 0];
        if (a && !list.hidden) { e.preventDefault(); go(a); }
      } else if (e.key === "Escape") {
        if (!list.hidden || st.className === "search-note") { e.preventDefault(); close(); }
      }
    });
    list.addEventListener("mousedown", function (e) { e.preventDefault(); }); // keep focus in the field
    list.addEventListener("click", function (e) {
      var a = e.target.closest ? e.target.closest("a") : null;
      if (a && !(e.ctrlKey || e.metaKey || e.shiftKey || e.button)) { e.preventDefault(); go(a); }
    });
    box.addEventListener("focusout", function (e) { if (!box.contains(e.relatedTarget)) close(); });
    d.addEventListener("keydown", function (e) {
      var t = e.target, tag = t && t.tagName;
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      if (tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable) ||
        (tag === "INPUT" && !/^(checkbox|radio|button|submit|reset|file|range|color|image)$/.test(t.type))) return;
      e.preventDefault();
      q.focus();
      q.select();
    });
  }

  // ---------------------------------------------------------------- directories
  // One filter state per page, kept in the address (?suche=&ebene=&typ=&thema=) so a filtered
  // view can be shared. Every directory section gets its own controls; they mirror each other.
  // A choice only filters the directories that offer it (ebene for organisations, typ for agencies).
  function directories() {
    var secs = all(".directory[data-directory]");
    if (!secs.length) return;
    var KEYS = ["suche", "ebene", "typ", "thema"], LABEL = { ebene: "Ebene", typ: "Art", thema: "Schwerpunkt" };
    var ALL = { ebene: "Alle Ebenen", typ: "Alle Arten", thema: "Alle Schwerpunkte" };
    var params = new URLSearchParams(W.location.search), F = {}, groups = {}, uid = 0;
    KEYS.forEach(function (k) { F[k] = params.get(k) || ""; });
    // Each list offers only the filters its own entries can use (a list already limited to one
    // level by its directive gets no level filter); the text filter is shared by all lists.
    secs.forEach(function (sec, k) {
      var g = groups[k] = { secs: [], ebene: {}, typ: {}, thema: {} };
      g.secs.push(sec);
      sec.cards = all(".card", sec).map(function (li) {
        var tag = li.querySelector(".card-meta .tag"), label = tag ? tag.textContent.trim() : "";
        var card = { el: li, f: fold(li.textContent), ebene: li.getAttribute("data-level"), typ: li.getAttribute("data-type"),
          thema: (li.getAttribute("data-focus") || "").split("|").filter(Boolean) };
        if (card.ebene) g.ebene[card.ebene] = label || card.ebene;
        if (card.typ) g.typ[card.typ] = label || card.typ;
        card.thema.forEach(function (t) { g.thema[t] = t; });
        return card;
      });
      sec.group = g;
    });
    function offers(g, k) { var n = Object.keys(g[k]).length; return k === "thema" ? n > 0 : n > 1; }
    function uses(g, k) { return !!F[k] && offers(g, k) && g[k][F[k]] !== undefined && g.secs[0].controls; }

    secs.forEach(function (sec) {
      var box = sec.querySelector(".directory-filters"), g = sec.group;
      // A short list needs no filter: it is read at a glance.
      if (!box || sec.cards.length < 4) return;
      sec.controls = true;
      box.textContent = "";
      var n = ++uid, p = el("p", "filter-field"), lab = el("label", null, "Einträge filtern"), inp = el("input");
      inp.type = "search";
      inp.id = lab.htmlFor = "filter-" + n;
      inp.setAttribute("data-filter", "suche");
      inp.autocomplete = "off";
      p.appendChild(lab);
      p.appendChild(inp);
      box.appendChild(p);
      ["ebene", "typ", "thema"].forEach(function (k) {
        if (!offers(g, k)) return;
        var fp = el("p", "filter-field"), fl = el("label", null, LABEL[k]), s = el("select");
        s.id = fl.htmlFor = "filter-" + n + "-" + k;
        s.setAttribute("data-filter", k);
        s.appendChild(el("option", null, ALL[k])).value = "";
        Object.keys(g[k]).sort(function (a, b) { return g[k][a].localeCompare(g[k][b], "de"); }).forEach(function (v) {
          s.appendChild(el("option", null, g[k][v])).value = v;
        });
        fp.appendChild(fl);
        fp.appendChild(s);
        box.appendChild(fp);
      });
      sec.count = box.appendChild(el("p", "directory-count"));
      sec.count.setAttribute("aria-live", "off");
      box.hidden = false;
      var onChange = function (e) {
        var k = e.target.getAttribute("data-filter");
        if (!k || F[k] === e.target.value) return;
        F[k] = e.target.value;
        apply(sec, e.target);
      };
      box.addEventListener("input", onChange);
      box.addEventListener("change", onChange);
    });

    function apply(from, control) {
      secs.forEach(function (sec) {
        var g = sec.group, shown = 0, ws = sec.controls ? words(F.suche) : [];
        sec.cards.forEach(function (c) {
          var ok = ws.every(function (w) { return c.f.indexOf(w) >= 0; }) &&
            (!uses(g, "ebene") || c.ebene === F.ebene) && (!uses(g, "typ") || c.typ === F.typ) &&
            (!uses(g, "thema") || c.thema.indexOf(F.thema) >= 0);
          c.el.classList.toggle("is-filtered", !ok);
          if (ok) shown++;
        });
        var empty = sec.querySelector(".directory-empty");
        if (empty) empty.hidden = shown > 0;
        all("[data-filter]", sec).forEach(function (f) {
          var k = f.getAttribute("data-filter"), v = k === "suche" || uses(g, k) ? F[k] : "";
          if (f !== control && f.value !== v) f.value = v;
        });
        if (sec.count) {
          var total = sec.cards.length;
          sec.count.setAttribute("aria-live", sec === from ? "polite" : "off");
          sec.count.textContent = shown === total ? total + (total === 1 ? " Eintrag" : " Einträge") : shown + " von " + total + " Einträgen";
        }
      });
      if (!from) return;
      var p = new URLSearchParams(W.location.search);
      KEYS.forEach(function (k) { if (F[k]) p.set(k, F[k]); else p.delete(k); });
      var qs = p.toString();
      try { history.replaceState(history.state, "", W.location.pathname + (qs ? "?" + qs : "") + W.location.hash); } catch (e) { /* file:// */ }
    }
    apply(null, null);
  }

  if (d.readyState === "loading") d.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
