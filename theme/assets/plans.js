// plans: the checklists that remember (loaded only on pages with checklists and on the start page).
(function () {
  "use strict";
  var d = document, W = window;
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

  function ready() { checklists(d.body.getAttribute("data-handbook") || ""); }
  if (d.readyState === "loading") d.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
