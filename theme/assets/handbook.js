// handbook: what every page needs — colour scheme, chapter list, wide tables, print links and
// buttons, German search, directory filters, offline use. The checklists and plans live in
// plans.js, loaded only where they are used.
// Loaded in <head> without defer so the chosen colour scheme applies before the first paint;
// everything else waits for DOMContentLoaded. Plain DOM, no innerHTML with data, no element.style.
(function () {
  "use strict";
  const doc = document;
  const root = doc.documentElement;

  // ---------------------------------------------------------------- helpers
  // Storage may throw on every access (private mode, disabled storage, quota, SecurityError).
  function readSetting(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function writeSetting(key, value) {
    try {
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, value);
    } catch (e) { /* the choice lasts for this page only */ }
  }
  function all(selector, scope) { return Array.from((scope || doc).querySelectorAll(selector)); }
  function element(tag, className, text) {
    const node = doc.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  // ---------------------------------------------------------------- colour scheme
  // Follows the system until the reader chooses; the choice is remembered.
  const THEME_KEY = "handbook-theme";
  const systemDark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  const chosenTheme = readSetting(THEME_KEY);
  if (chosenTheme === "dark" || chosenTheme === "light") root.setAttribute("data-theme", chosenTheme);
  root.classList.add("js");

  function isDark() {
    const theme = root.getAttribute("data-theme");
    return theme ? theme === "dark" : !!(systemDark && systemDark.matches);
  }

  // The button says what it does: „Dunkel darstellen“ in the light scheme, „Hell darstellen“ in
  // the dark one, each with its icon.
  function themeToggle() {
    const toggle = doc.querySelector(".theme-toggle");
    if (!toggle) return;
    const label = toggle.querySelector(".theme-toggle-label");
    const show = function () {
      const dark = isDark();
      toggle.classList.toggle("is-dark", dark);
      if (label) label.textContent = dark ? "Hell" : "Dunkel";
    };
    toggle.hidden = false;
    show();
    toggle.addEventListener("click", function () {
      const next = isDark() ? "light" : "dark";
      const system = systemDark && systemDark.matches ? "dark" : "light";
      // Choosing what the system shows anyway means: follow the system again.
      if (next === system) {
        root.removeAttribute("data-theme");
        writeSetting(THEME_KEY, null);
      } else {
        root.setAttribute("data-theme", next);
        writeSetting(THEME_KEY, next);
      }
      show();
    });
    if (systemDark && systemDark.addEventListener) systemDark.addEventListener("change", show);
  }

  // ---------------------------------------------------------------- page furniture
  // On phones the chapter list starts closed; it opens again when the window grows.
  function chapterList() {
    const details = doc.querySelector(".sidebar-details");
    if (!details || !window.matchMedia) return;
    const narrow = window.matchMedia("(max-width: 59.99em)");
    const fit = function () { details.open = !narrow.matches; };
    fit();
    details.setAttribute("data-ready", "");
    if (narrow.addEventListener) narrow.addEventListener("change", fit);
  }

  // Phones and tablets: the header stays in reach while reading (CSS), and its „Kapitel“ button
  // opens the chapter list below it, wherever the reader is; Escape, a click elsewhere or leaving
  // it with the keyboard close it. The list is the page's own, copied.
  function chaptersMenu() {
    const button = doc.querySelector(".chapters-button");
    const panel = doc.getElementById("kapitel-schnell");
    const source = doc.querySelector(".sidebar .chapter-list");
    if (!button || !panel || !source) return;
    const header = button.closest(".site-header");
    panel.appendChild(source.cloneNode(true));
    const more = doc.querySelector(".sidebar-all");
    if (more) panel.appendChild(more.cloneNode(true));
    const start = panel.insertBefore(element("p", "chapters-start"), panel.firstChild);
    const home = start.appendChild(element("a", null, "Startseite und Inhalt"));
    home.href = doc.body.getAttribute("data-base") || "/";
    button.hidden = false;
    const set = function (open, focusButton) {
      panel.hidden = !open;
      button.setAttribute("aria-expanded", String(open));
      header.classList.toggle("chapters-open", open);
      if (open) {
        const current = panel.querySelector("[aria-current=page]") || panel.querySelector("a");
        if (current) current.focus({ preventScroll: true });
      } else if (focusButton) button.focus({ preventScroll: true });
    };
    button.addEventListener("click", function () { set(panel.hidden, false); });
    panel.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { e.preventDefault(); set(false, true); }
    });
    button.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && !panel.hidden) { e.preventDefault(); set(false, true); }
    });
    doc.addEventListener("click", function (e) {
      if (!panel.hidden && !panel.contains(e.target) && !button.contains(e.target)) set(false, false);
    });
    panel.addEventListener("focusout", function (e) {
      if (e.relatedTarget && !panel.contains(e.relatedTarget) && e.relatedTarget !== button) set(false, false);
    });
    // Growing past the width where the chapter list is always shown closes the menu.
    if (window.matchMedia) {
      const wide = window.matchMedia("(min-width: 60em)");
      if (wide.addEventListener) wide.addEventListener("change", function () { if (wide.matches) set(false, false); });
    }
  }

  // Wide tables scroll sideways: make them reachable by keyboard.
  function wideTables() {
    all(".table-wrap").forEach(function (wrap) {
      if (wrap.scrollWidth <= wrap.clientWidth) return;
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "Tabelle, seitlich verschiebbar");
    });
  }

  // Printed links add their chapter or address, unless the link text already shows it.
  function printedLinks() {
    const bare = function (url) { return url.trim().replace(/^https?:\/\//, "").replace(/\/$/, ""); };
    all("a[data-chapter], a[href^='http']").forEach(function (link) {
      const text = link.textContent.trim();
      const chapter = link.getAttribute("data-chapter");
      const shown = chapter ? text === chapter : bare(text) === bare(link.getAttribute("href"));
      if (shown) link.classList.add("names-target");
    });
  }

  function printButtons() {
    all(".print-button, [data-action=print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  // Offline use: the service worker keeps the handbook (all of it, or beyond its budget the
  // pages opened). Every page asks it to go on keeping what the reader chose; the start page
  // offers the choice where the whole handbook is not kept anyway.
  function offline() {
    const worker = doc.body.getAttribute("data-sw");
    if (!worker || !("serviceWorker" in navigator) || !window.MessageChannel) return;
    try {
      navigator.serviceWorker.register(worker).catch(function () { /* offline use is optional */ });
      navigator.serviceWorker.ready.then(function (registration) {
        const sw = registration.active;
        if (!sw) return;
        askWorker(sw, "sync");
        const box = doc.querySelector(".offline-keep");
        if (box) askWorker(sw, "state").then(function (state) { if (state && !state.whole) keepControl(box, sw, state); });
      });
    } catch (e) { /* ditto */ }
  }

  // A question to the service worker; `progress` hears its reports on the way.
  function askWorker(sw, what, progress, files) {
    return new Promise(function (resolve) {
      const channel = new MessageChannel();
      channel.port1.onmessage = function (e) {
        if (e.data && e.data.progress) { if (progress) progress(e.data); } else resolve(e.data);
      };
      sw.postMessage({ offline: what, files: files }, [channel.port2]);
    });
  }

  // The buttons of a keep box: the whole book or its chapters (start page), a part (the part's
  // page, whose button names the addresses its files start with), and letting go.
  function keepControl(box, sw, state) {
    const status = box.querySelector(".offline-status");
    const buttons = all("[data-offline]", box);
    const size = function (bytes) { return (bytes / 1048576).toLocaleString("de-DE", { maximumFractionDigits: 1 }) + " MB"; };
    const label = { all: "Ganzes Handbuch offline speichern", pages: "Nur die Kapitel offline speichern" };
    const filesOf = function (b) { return (b.getAttribute("data-offline-files") || "").split(" ").filter(Boolean); };
    const partButton = box.querySelector("[data-offline=part]");
    const thisPart = partButton ? filesOf(partButton)[0] : null;
    const keeps = function (now, what) { return now.kept === what && (what !== "part" || now.part === thisPart); };
    const show = function (now) {
      buttons.forEach(function (b) {
        const what = b.getAttribute("data-offline");
        b.disabled = false;
        b.hidden = what === "none" ? !now.kept : keeps(now, what) && now.complete;
        if (label[what]) b.textContent = label[what] + " (" + size(now.sizes[what]) + ")";
      });
      const whole = now.kept === "all" ? "Das ganze Handbuch ist auf diesem Gerät offline gespeichert."
        : now.kept === "pages" ? "Alle Kapitel sind auf diesem Gerät offline gespeichert."
          : now.part === thisPart ? "Dieser Teil ist auf diesem Gerät offline gespeichert."
            : thisPart ? "Ein anderer Teil ist auf diesem Gerät offline gespeichert; speichern Sie diesen, ersetzt er ihn."
              : "Ein Teil des Handbuchs ist auf diesem Gerät offline gespeichert.";
      status.textContent = now.failed ? "Nicht alles ließ sich speichern. Versuchen Sie es mit Verbindung noch einmal."
        : !now.kept ? "Geöffnete Seiten bleiben auf diesem Gerät offline lesbar. Wenn Sie ohne Verbindung arbeiten, speichern Sie vorher " + (thisPart ? "diesen Teil." : "das Handbuch.")
          : !now.complete ? "Das Speichern geht weiter, sobald eine Seite des Handbuchs mit Verbindung geöffnet ist."
            : whole;
    };
    show(state);
    box.hidden = false;
    box.addEventListener("click", function (e) {
      const button = e.target.closest ? e.target.closest("[data-offline]") : null;
      if (!button) return;
      const what = button.getAttribute("data-offline");
      buttons.forEach(function (b) { b.disabled = true; });
      if (what !== "none" && navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () { /* a wish */ });
      status.textContent = what === "none" ? "Wird gelöscht …" : "Wird gespeichert …";
      askWorker(sw, what, function (p) {
        status.textContent = "Wird gespeichert: " + Math.min(100, Math.round(100 * p.bytes / Math.max(1, p.total))) + " %";
      }, filesOf(button)).then(show);
    });
  }

  // ---------------------------------------------------------------- search
  // German folding, applied to index and query alike: ä→ae, ö→oe, ü→ue, ß→ss, lower case,
  // other diacritics dropped. Each query word must occur somewhere (so prefixes and parts of
  // compounds match); `sourceIndex` (optional) collects the source index of every folded character.
  const FOLDS = { "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue", "ẞ": "ss" };
  const foldedChars = {};
  function fold(text, sourceIndex) {
    let out = "";
    for (let i = 0; i < text.length; i++) {
      const ch = text.charAt(i);
      let folded = foldedChars[ch];
      if (folded === undefined) {
        folded = FOLDS[ch] || ch.toLowerCase();
        if (folded.normalize) folded = folded.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
        foldedChars[ch] = folded;
      }
      if (sourceIndex) for (let k = 0; k < folded.length; k++) sourceIndex.push(i);
      out += folded;
    }
    return out;
  }
  const WORD_BREAK = /[\s.,;:!?()[\]{}"'„“”‚‘’«»/\\\-–—…·|+*&%$#@=<>~^_]+/;
  function queryWords(query) {
    return fold(query).split(WORD_BREAK).filter(function (w, i, list) { return w && list.indexOf(w) === i; });
  }
  // The text (shortened to about `max` characters around the first hit) with every hit in <mark>.
  function highlighted(text, words, max) {
    const sourceIndex = [];
    const folded = fold(text, sourceIndex);
    const hits = [];
    const out = doc.createDocumentFragment();
    words.forEach(function (w) {
      for (let i = folded.indexOf(w); i >= 0; i = folded.indexOf(w, i + w.length)) {
        hits.push([sourceIndex[i], sourceIndex[i + w.length - 1] + 1]);
      }
    });
    hits.sort(function (a, b) { return a[0] - b[0]; });
    let from = 0;
    let to = text.length;
    if (max && text.length > max) {
      from = hits.length ? Math.max(0, hits[0][0] - Math.round(max / 3)) : 0;
      if (from > 0) {
        const space = text.indexOf(" ", from);
        from = space >= 0 && space < hits[0][0] ? space + 1 : from;
      }
      to = Math.min(text.length, from + max);
      if (to < text.length) {
        const lastSpace = text.lastIndexOf(" ", to);
        if (lastSpace > from) to = lastSpace;
      }
    }
    let pos = from;
    if (from > 0) out.appendChild(doc.createTextNode("… "));
    hits.forEach(function (hit) {
      const start = Math.max(hit[0], pos);
      const end = Math.min(hit[1], to);
      if (end <= start) return;
      if (start > pos) out.appendChild(doc.createTextNode(text.slice(pos, start)));
      out.appendChild(element("mark", null, text.slice(start, end)));
      pos = end;
    });
    if (pos < to) out.appendChild(doc.createTextNode(text.slice(pos, to)));
    if (to < text.length) out.appendChild(doc.createTextNode(" …"));
    return out;
  }

  // Ranked entries, each organisation once: an entry whose address was already shown from
  // another list (a directory and the link list) is left out, and its list named at the first.
  // Two entries of the same list stay apart even when they share an address.
  function distinct(ranked) {
    const kept = {};
    const hits = [];
    ranked.forEach(function (entry) {
      const first = entry.address ? kept[entry.address] : null;
      if (first && first.entry.context !== entry.context) {
        if (first.also.indexOf(entry.context) < 0) first.also.push(entry.context);
        return;
      }
      const hit = { entry: entry, also: [] };
      if (!first && entry.address) kept[entry.address] = hit;
      hits.push(hit);
    });
    return hits;
  }

  // The index lies beside its manifest (search/index.json) in small files: for each query word
  // one bucket — g/ lists every index word under each of its letter triples, s/ answers one- and
  // two-letter words in advance — telling per entry the first field that holds the word and
  // whether it stands at a word start there; c/ holds the entries' texts for the hits shown.
  // Scores as ever: title 100 (130 at a word start), context 10 (13), text 1 (1.3), summed.
  const VALUE = [0, 130, 100, 13, 10, 1.3, 1];
  function gramHash(text) {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    return h;
  }

  function searchIndex(url) {
    const dir = url.replace(/[^/]*$/, "");
    let files = {};
    let manifest = null;
    let loading = null;
    function get(path) {
      return files[path] || (files[path] = fetch(dir + path).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      }));
    }
    function checked(file) {
      if (!file || file.v !== manifest.v) throw new Error("stale");
      return file;
    }
    // Per entry of the index, the class (1–6, 0 for none) of one query word. A file whose size
    // class is 0 was not written: nothing in the index holds its letters.
    function classes(w) {
      const n = manifest.n;
      const found = new Uint8Array(n);
      if (w.length < 3) {
        const k = gramHash(w) % manifest.s.length;
        if (manifest.s.charAt(k) === "0") return Promise.resolve(found);
        return get("s/" + k + ".json").then(function (file) {
          (checked(file).g[w] || []).forEach(function (gaps, k) {
            let e = -1;
            gaps.forEach(function (gap) { e += gap; found[e] = k + 1; });
          });
          return found;
        });
      }
      let best = -1;
      for (let i = 0; i + 3 <= w.length; i++) {
        const b = gramHash(w.slice(i, i + 3)) % manifest.g.length;
        if (best < 0 || parseInt(manifest.g.charAt(b), 36) < parseInt(manifest.g.charAt(best), 36)) best = b;
      }
      if (manifest.g.charAt(best) === "0") return Promise.resolve(found);
      // Where several words contain the query word, at their start in some and not in others,
      // the one standing first in a field decides: then the ranks come too.
      return get("g/" + best + ".json").then(function (file) {
        const matching = [];
        let starting = 0;
        checked(file).t.forEach(function (word, k) {
          const at = word[0].indexOf(w);
          if (at >= 0) matching.push([k, at === 0 ? 1 : 2]);
          if (at === 0) starting++;
        });
        const mixed = file.r && starting > 0 && starting < matching.length;
        return (mixed ? get("g/" + best + ".r.json") : Promise.resolve(null)).then(function (ranks) {
          const first = new Int32Array(n);
          if (ranks) checked(ranks);
          matching.forEach(function (match) {
            for (let f = 0; f < 3; f++) {
              const gaps = file.t[match[0]][1 + f], rank = ranks ? ranks.r[match[0]][f] : [];
              for (let i = 0, e = -1; i < gaps.length; i++) {
                e += gaps[i];
                const place = f * 16777216 + (rank[i] || 0) + 1;
                if (!first[e] || place < first[e]) { first[e] = place; found[e] = 2 * f + match[1]; }
              }
            }
          });
          return found;
        });
      });
    }
    function entry(e) {
      let k = 0, start = 0;
      while (start + manifest.c[k] <= e) start += manifest.c[k++];
      return get("c/" + k + ".json").then(function (chunk) {
        if (!Array.isArray(chunk) || chunk.length !== manifest.c[k]) throw new Error("stale");
        const d = chunk[e - start];
        return { title: String(d[0] || ""), context: String(d[1] || ""), url: String(d[2] || ""), text: String(d[3] || "") };
      });
    }
    return {
      load: function () {
        if (!loading) {
          loading = get("index.json").then(function (m) {
            if (!m || !Array.isArray(m.c) || typeof m.g !== "string" || typeof m.s !== "string" || !m.s) throw new Error("format");
            m.shared = {};
            (m.d || []).forEach(function (group, k) {
              group.forEach(function (d) { m.shared[d[0]] = { address: "a" + k, context: d[1] }; });
            });
            manifest = m;
          });
          loading.catch(function () { files = {}; loading = null; });
        }
        return loading;
      },
      // Ranked entries for the query words: [{ e, address, context }], best first.
      rank: function (words) {
        return Promise.all(words.map(classes)).then(function (lists) {
          const ranked = [];
          for (let e = 0; e < manifest.n; e++) {
            let total = 0;
            for (let k = 0; k < lists.length && total >= 0; k++) total = lists[k][e] ? total + VALUE[lists[k][e]] : -1;
            if (total > 0) ranked.push([total, e]);
          }
          ranked.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
          return ranked.map(function (r) { return manifest.shared[r[1]] ? { e: r[1], address: manifest.shared[r[1]].address, context: manifest.shared[r[1]].context } : { e: r[1] }; });
        });
      },
      entry: entry,
      // A newer build was published: start again from its manifest.
      reset: function () { files = {}; loading = null; }
    };
  }

  function search() {
    const url = doc.body.getAttribute("data-search-index");
    const box = doc.getElementById("suche");
    const field = doc.getElementById("suchfeld");
    const list = doc.getElementById("suchergebnisse");
    const status = doc.getElementById("suchstatus");
    if (!box || !field || !list || !status || !url || !window.fetch || !window.Promise) return;
    box.hidden = false;
    const MAX_SHOWN = 10;
    const index = searchIndex(url);
    let ready = false;
    let active = -1;
    let options = [];
    let timer = 0;
    let asked = 0;
    let shown = null;

    function note(text, visible) {
      status.textContent = text;
      status.className = visible ? "search-note" : "visually-hidden";
    }
    function close() {
      list.hidden = true;
      field.setAttribute("aria-expanded", "false");
      field.removeAttribute("aria-activedescendant");
      active = -1;
      status.className = "visually-hidden";
    }
    function select(i) {
      if (!options.length) return;
      active = (i + options.length) % options.length;
      options.forEach(function (option, k) { option.setAttribute("aria-selected", String(k === active)); });
      field.setAttribute("aria-activedescendant", options[active].id);
      if (options[active].scrollIntoView) options[active].scrollIntoView({ block: "nearest" });
    }
    function find(words, retry) {
      return index.load().then(function () {
        ready = true;
        return index.rank(words);
      }).then(function (ranked) {
        const hits = distinct(ranked);
        return Promise.all(hits.slice(0, MAX_SHOWN).map(function (hit) {
          return index.entry(hit.entry.e).then(function (d) { hit.doc = d; });
        })).then(function () { return hits; });
      }).catch(function (error) {
        index.reset();
        if (retry && error && error.message === "stale") return find(words, false);
        throw error;
      });
    }
    // Searches for what the field holds; resolves once the results (or the note) show.
    function run() {
      const query = field.value;
      const words = queryWords(query);
      const ticket = ++asked;
      if (!words.length) { close(); note(""); shown = query; return Promise.resolve(); }
      if (!ready) note("Suchindex wird geladen …");
      return find(words, true).then(function (hits) {
        if (ticket === asked) show(hits, words, query);
      }, function () {
        if (ticket === asked && doc.activeElement === field) note("Die Suche ist gerade nicht verfügbar. Bitte versuchen Sie es später noch einmal.", query.trim());
      });
    }
    function show(hits, words, query) {
      shown = query;
      list.textContent = "";
      options = hits.slice(0, MAX_SHOWN).map(function (hit, k) {
        const entry = hit.doc;
        const link = element("a", "search-hit");
        link.href = entry.url;
        link.id = "treffer-" + k;
        link.tabIndex = -1;
        link.setAttribute("role", "option");
        link.setAttribute("aria-selected", "false");
        link.appendChild(element("span", "search-hit-title")).appendChild(highlighted(entry.title, words, 160));
        if (entry.context) {
          const context = link.appendChild(element("span", "search-hit-context"));
          context.appendChild(highlighted(entry.context, words, 120));
          if (hit.also.length) context.appendChild(doc.createTextNode(" · auch in: " + hit.also.join(", ")));
        }
        if (entry.text) link.appendChild(element("span", "search-hit-text")).appendChild(highlighted(entry.text, words, 150));
        list.appendChild(link);
        return link;
      });
      active = -1;
      field.removeAttribute("aria-activedescendant");
      const n = hits.length;
      if (!n) {
        close();
        note("Keine Treffer für „" + query.trim() + "“.", true);
        return;
      }
      list.hidden = false;
      field.setAttribute("aria-expanded", "true");
      status.textContent = n === 1 ? "1 Treffer" : n + " Treffer" + (n > MAX_SHOWN ? ", die ersten " + MAX_SHOWN + " sind aufgeführt" : "");
      status.className = "search-count";
    }
    // The results for what the field holds now, searching first if they are not shown yet.
    function current() { return !list.hidden && shown === field.value ? Promise.resolve() : (clearTimeout(timer), run()); }
    function open(link) { close(); window.location.href = link.href; }

    field.addEventListener("focus", function () {
      index.load().catch(function () { /* said when the reader searches */ });
      if (field.value.trim()) run();
    });
    field.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 120); });
    field.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        const down = e.key === "ArrowDown";
        if (list.hidden) current().then(function () { if (!list.hidden) select(down ? 0 : -1); });
        else select(active < 0 && !down ? -1 : active + (down ? 1 : -1));
      } else if (e.key === "Enter") {
        e.preventDefault();
        current().then(function () {
          const link = options[active >= 0 ? active : 0];
          if (link && !list.hidden) open(link);
        });
      } else if (e.key === "Escape") {
        if (!list.hidden || status.className === "search-note") { e.preventDefault(); close(); }
      }
    });
    list.addEventListener("mousedown", function (e) { e.preventDefault(); }); // keep focus in the field
    list.addEventListener("click", function (e) {
      const link = e.target.closest ? e.target.closest("a") : null;
      if (link && !(e.ctrlKey || e.metaKey || e.shiftKey || e.button)) { e.preventDefault(); open(link); }
    });
    box.addEventListener("focusout", function (e) { if (!box.contains(e.relatedTarget)) close(); });
    doc.addEventListener("keydown", function (e) {
      const target = e.target;
      const tag = target && target.tagName;
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      if (tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable) ||
        (tag === "INPUT" && !/^(checkbox|radio|button|submit|reset|file|range|color|image)$/.test(target.type))) return;
      e.preventDefault();
      field.focus();
      field.select();
    });
  }

  // ---------------------------------------------------------------- directories
  // One filter for every directory entry a page shows, however many lists it has (a chapter may
  // list federal and state organisations and the municipal offices in separate sections): a text
  // field, and a choice of level, kind or field of work where that tells the entries apart. It
  // sits above the first list; every other list says when it is filtered and links back to it.
  // The state lives in the address (?suche=&ebene=&typ=&thema=) so a filtered view can be shared.
  const FILTER_KEYS = ["suche", "ebene", "typ", "thema"];
  const FILTER_LABEL = { ebene: "Ebene", typ: "Art", thema: "Arbeitsfeld" };
  const FILTER_ALL = { ebene: "Alle Ebenen", typ: "Alle Arten", thema: "Alle Arbeitsfelder" };

  function entryCount(n) { return n === 1 ? "1 Eintrag" : n + " Einträge"; }

  function directories() {
    const sections = all(".directory[data-directory]");
    const cards = [];
    // value → { label, n } for each choice
    const values = { ebene: {}, typ: {}, thema: {} };
    const note = function (key, value, label) {
      const known = values[key][value] || (values[key][value] = { label: label || value, n: 0 });
      known.n++;
    };
    sections.forEach(function (section) {
      section.cards = all(".card", section).map(function (li) {
        const tag = li.querySelector(".card-meta .tag");
        const label = tag ? tag.textContent.trim() : "";
        const card = { el: li, text: fold(li.textContent), ebene: li.getAttribute("data-level") || "",
          typ: li.getAttribute("data-type") || "", thema: (li.getAttribute("data-focus") || "").split("|").filter(Boolean) };
        if (card.ebene) note("ebene", card.ebene, label);
        if (card.typ) note("typ", card.typ, label);
        card.thema.forEach(function (t) { note("thema", t); });
        cards.push(card);
        return card;
      });
    });
    // A short list is read at a glance: it needs no filter.
    const box = sections.length ? sections[0].querySelector(".directory-filters") : null;
    if (!box || cards.length < 4) return;
    // A choice is offered when one of its values picks out some entries but not all; a value
    // that picks a single entry only is no help (typing its name is quicker).
    const offered = {};
    ["ebene", "typ", "thema"].forEach(function (key) {
      offered[key] = Object.keys(values[key]).some(function (v) { return values[key][v].n > 1 && values[key][v].n < cards.length; });
    });
    const several = sections.length > 1;
    const params = new URLSearchParams(window.location.search);
    const filter = {};
    FILTER_KEYS.forEach(function (k) {
      const value = params.get(k) || "";
      filter[k] = k === "suche" || (offered[k] && values[k][value]) ? value : "";
    });

    box.textContent = "";
    box.id = "eintraege-filtern";
    const textField = element("p", "filter-field");
    const textLabel = element("label", null, several ? "Alle Einträge dieser Seite filtern" : "Einträge filtern");
    const input = element("input");
    input.type = "search";
    input.id = textLabel.htmlFor = "filter-suche";
    input.setAttribute("data-filter", "suche");
    input.autocomplete = "off";
    input.value = filter.suche;
    textField.append(textLabel, input);
    box.appendChild(textField);
    ["ebene", "typ", "thema"].forEach(function (key) {
      if (!offered[key]) return;
      const field = element("p", "filter-field");
      const label = element("label", null, FILTER_LABEL[key]);
      const choice = element("select");
      choice.id = label.htmlFor = "filter-" + key;
      choice.setAttribute("data-filter", key);
      choice.appendChild(element("option", null, FILTER_ALL[key])).value = "";
      const names = values[key];
      Object.keys(names).sort(function (a, b) { return names[a].label.localeCompare(names[b].label, "de"); }).forEach(function (v) {
        choice.appendChild(element("option", null, names[v].label)).value = v;
      });
      choice.value = filter[key];
      field.append(label, choice);
      box.appendChild(field);
    });
    const count = box.appendChild(element("p", "directory-count"));
    count.setAttribute("aria-live", "off");
    box.hidden = false;

    // Every further list says when the filter above hides some of its entries.
    sections.slice(1).forEach(function (section) {
      const list = section.querySelector(".cards");
      section.note = element("p", "directory-note");
      section.note.hidden = true;
      section.noteText = section.note.appendChild(element("span"));
      const back = section.note.appendChild(element("a", null, "Filter ändern"));
      back.href = "#eintraege-filtern";
      back.addEventListener("click", function (e) {
        e.preventDefault();
        box.scrollIntoView({ block: "start" });
        input.focus({ preventScroll: true });
      });
      section.insertBefore(section.note, list);
    });

    const changed = function (e) {
      const key = e.target.getAttribute("data-filter");
      if (!key || filter[key] === e.target.value) return;
      filter[key] = e.target.value;
      apply(true);
    };
    box.addEventListener("input", changed);
    box.addEventListener("change", changed);

    function matches(card, words) {
      return words.every(function (w) { return card.text.indexOf(w) >= 0; }) &&
        (!filter.ebene || card.ebene === filter.ebene) &&
        (!filter.typ || card.typ === filter.typ) &&
        (!filter.thema || card.thema.indexOf(filter.thema) >= 0);
    }

    function apply(byReader) {
      const words = queryWords(filter.suche);
      const active = words.length > 0 || !!(filter.ebene || filter.typ || filter.thema);
      let shown = 0;
      sections.forEach(function (section, i) {
        let here = 0;
        section.cards.forEach(function (card) {
          const ok = matches(card, words);
          card.el.classList.toggle("is-filtered", !ok);
          if (ok) here++;
        });
        shown += here;
        const total = section.cards.length;
        const empty = section.querySelector(".directory-empty");
        if (empty) empty.hidden = i > 0 || here > 0;
        if (section.note) {
          section.note.hidden = !active;
          section.noteText.textContent = here === 0 ? "Kein Eintrag dieser Liste passt zum Filter. "
            : here === total ? (total === 1 ? "Der Eintrag dieser Liste passt" : "Alle " + total + " Einträge dieser Liste passen") + " zum Filter. "
              : "Gefiltert: " + here + " von " + total + " Einträgen dieser Liste. ";
        }
      });
      const where = several ? " in " + sections.length + " Listen auf dieser Seite" : "";
      count.setAttribute("aria-live", byReader ? "polite" : "off");
      count.textContent = shown === cards.length ? entryCount(cards.length) + where : shown + " von " + cards.length + " Einträgen" + where;
      if (!byReader) return;
      const query = new URLSearchParams(window.location.search);
      FILTER_KEYS.forEach(function (k) { if (filter[k]) query.set(k, filter[k]); else query.delete(k); });
      const qs = query.toString();
      try {
        history.replaceState(history.state, "", window.location.pathname + (qs ? "?" + qs : "") + window.location.hash);
      } catch (e) { /* file:// */ }
    }
    apply(false);
  }

  // ---------------------------------------------------------------- start
  function ready() {
    // Each feature on its own: one failing must not take the others down.
    [themeToggle, chapterList, chaptersMenu, wideTables, printedLinks, printButtons, search, directories, offline].forEach(function (feature) {
      try { feature(); } catch (e) { if (window.console) console.error(e); }
    });
  }

  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
