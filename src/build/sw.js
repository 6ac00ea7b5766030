// Service worker of a handbook built by `handbook`. Within its budget it precaches every page
// and file of this build, so that after one visit the whole handbook works offline. Beyond it,
// it precaches the shell (styles, scripts, icons), the start page and the pages with checklists,
// and keeps every page the reader opens; on request (the start page's buttons) it keeps the
// whole book or its chapters, listed in offline.json, and carries them over to the next build
// (unchanged files copied, changed ones fetched anew). Pages are fetched from the network first
// (a new deploy shows at once), falling back to the kept copy when the network is slow or gone;
// other files come from the cache.
"use strict";
const VERSION = "__VERSION__";
const BASE = "__BASE__";
const FILES = __FILES__;
const WHOLE = __WHOLE__;
const SIZES = __SIZES__;
const PREFIX = "handbook:" + BASE + ":";
const CACHE = PREFIX + VERSION;
// Pages the reader opened (beyond the budget), kept across builds and refreshed when opened.
const PAGES = PREFIX + "pages";
// What the reader chose to keep ("all", "pages" or "part" with the addresses the part's files
// start with) and the build it was completed for.
const CHOICE = PREFIX + "choice";
const CHOICE_KEY = BASE + "offline-choice";
const LIST = BASE + "offline.json";
const NETWORK_TIMEOUT = 4000;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: "reload" }))))
      .then(() => self.skipWaiting())
  );
});

// Older builds' caches go, unless the reader keeps the book: then they wait until sync() has
// copied what did not change.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    readChoice()
      .then((kept) => kept && !WHOLE ? null : olderCaches().then((old) => Promise.all(old.map((k) => caches.delete(k)))))
      .then(() => self.clients.claim())
  );
});

function olderCaches() {
  return caches.keys().then((keys) => keys.filter((k) => k.startsWith(PREFIX) && ![CACHE, PAGES, CHOICE].includes(k)));
}

// (Asked through caches.match, which creates no cache while the reader has chosen nothing.)
function readChoice() {
  return caches.match(CHOICE_KEY, { cacheName: CHOICE })
    .then((r) => r ? r.json() : null)
    .catch(() => null);
}

function writeChoice(choice) {
  return caches.open(CHOICE).then((cache) =>
    choice ? cache.put(CHOICE_KEY, new Response(JSON.stringify(choice))) : cache.delete(CHOICE_KEY));
}

// A page as kept: its address without the query (filters live there).
function pageKey(request) {
  const url = new URL(request.url);
  return url.origin + url.pathname;
}

function kept(request, navigation) {
  const options = { ignoreSearch: navigation };
  return caches.open(CACHE).then((cache) => cache.match(request, options)).then((hit) =>
    hit || !navigation || WHOLE ? hit : caches.open(PAGES).then((pages) => pages.match(request, options)));
}

// An asset of an older build (a kept page asks for it) is answered with this build's.
function sameAsset(request) {
  const name = /\/assets\/([^/.]+)\.[0-9a-f]+(\.[a-z]+)$/.exec(new URL(request.url).pathname);
  const current = name && FILES.find((f) => f.startsWith(BASE + "assets/" + name[1] + ".") && f.endsWith(name[2]));
  return current ? caches.open(CACHE).then((cache) => cache.match(current)) : Promise.resolve(undefined);
}

function notSaved() {
  const css = FILES.find((f) => /\/assets\/style\.[^/]*\.css$/.test(f));
  const html = "<!doctype html><html lang=\"de\"><head><meta charset=\"utf-8\">" +
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Offline nicht gespeichert</title>" +
    (css ? "<link rel=\"stylesheet\" href=\"" + css + "\">" : "") + "</head><body><main class=\"content\" id=\"inhalt\">" +
    "<h1>Diese Seite ist offline nicht gespeichert</h1><p>Sie sind ohne Verbindung, und diese Seite wurde auf diesem Gerät " +
    "noch nicht geöffnet. Geöffnete Seiten bleiben offline lesbar; auf der <a href=\"" + BASE + "\">Startseite</a> " +
    "können Sie das ganze Handbuch offline speichern.</p></main></body></html>";
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

function missing() {
  return WHOLE
    ? caches.open(CACHE).then((cache) => cache.match(BASE + "404.html")).then((r) => r || Response.error())
    : Promise.resolve(notSaved());
}

function networkFirst(request) {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (response) => {
      if (!settled) {
        settled = true;
        resolve(response);
      }
    };
    // A slow network: the kept copy, if there is one (otherwise the network may still answer).
    const timer = setTimeout(() => kept(request, true).then((hit) => hit && finish(hit)), NETWORK_TIMEOUT);
    fetch(request).then((response) => {
      clearTimeout(timer);
      if (!WHOLE && response.ok && response.type === "basic") {
        const copy = response.clone();
        caches.open(PAGES).then((pages) => pages.put(pageKey(request), copy)).catch(() => {});
      }
      finish(response);
    }, () => {
      clearTimeout(timer);
      kept(request, true).then((hit) => hit || missing()).then(finish);
    });
  });
}

function cacheFirst(request) {
  return kept(request, false).then((hit) => hit || fetch(request).then((response) => {
    if (!WHOLE && response.ok && response.type === "basic") {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(request, copy)).catch(() => {});
    }
    return response;
  }, (error) => sameAsset(request).then((r) => {
    if (r) return r;
    throw error;
  })));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || !url.pathname.startsWith(BASE)) {
    return;
  }
  event.respondWith(request.mode === "navigate" ? networkFirst(request) : cacheFirst(request));
});

// ---------------------------------------------------------------- keeping the book
// The page asks with a message and a port: "state", "all", "pages", "part" (with `files`: the
// addresses its files start with), "none" or "sync" (sent on every page, so keeping goes on
// after a new build or a lost connection).
self.addEventListener("message", (event) => {
  const ask = event.data && event.data.offline;
  const port = event.ports && event.ports[0];
  const reply = (message) => { if (port) port.postMessage(message); };
  let work = null;
  if (ask === "state") work = state();
  else if (ask === "all" || ask === "pages") work = writeChoice({ choice: ask, done: "" }).then(() => sync(reply));
  else if (ask === "part") {
    const files = (event.data.files || []).filter((f) => typeof f === "string" && f.startsWith(BASE) && f.length > BASE.length);
    if (files.length) work = writeChoice({ choice: ask, files: files, done: "" }).then(() => sync(reply));
  }
  else if (ask === "none") work = forget().then(() => state());
  else if (ask === "sync") work = sync(null);
  if (work) event.waitUntil(work.then(reply, () => state().then(reply)));
});

function state(failed) {
  return readChoice().then((choice) => ({
    whole: WHOLE,
    sizes: SIZES,
    kept: choice ? choice.choice : null,
    part: choice && choice.files ? choice.files[0] : null,
    complete: !!choice && choice.done === VERSION,
    failed: failed || 0,
  }));
}

// Keeps what the reader chose: every listed file not in the cache yet is copied from an older
// build's cache when its hash is the same, or fetched.
function sync(report) {
  return readChoice().then((choice) => {
    if (!choice || WHOLE || choice.done === VERSION) return state();
    return Promise.all([caches.open(CACHE), fetch(LIST, { cache: "no-cache" }).then((r) => r.json()), olderLists()])
      .then(([cache, list, older]) => {
        if (list.v !== VERSION) return state(); // a newer build is out: its worker keeps it
        // The chapters alone: without the search index and the print page; a part: its pages
        // and its print page.
        const wanted = (f) => choice.choice === "all" ||
          (choice.choice === "part" ? choice.files.some((start) => f[0].startsWith(start)) : !f[3]);
        const files = list.files.filter(wanted);
        const total = files.reduce((sum, f) => sum + f[1], 0);
        let next = 0, bytes = 0, failed = 0, reported = 0;
        const one = (f) => cache.match(f[0]).then((hit) => hit || copy(older, f).then((r) => r
          ? cache.put(f[0], r)
          : cache.add(new Request(f[0], { cache: "reload" })))).catch(() => { failed++; });
        const worker = () => {
          if (next >= files.length) return Promise.resolve();
          const f = files[next++];
          return one(f).then(() => {
            bytes += f[1];
            if (report && (bytes - reported > total / 50 || next === files.length)) {
              reported = bytes;
              report({ progress: true, bytes: bytes, total: total });
            }
            return worker();
          });
        };
        return Promise.all([worker(), worker(), worker(), worker()])
          .then(() => cache.put(LIST, new Response(JSON.stringify(list))))
          .then(readChoice)
          .then((now) => failed || !now || JSON.stringify(now.files) !== JSON.stringify(choice.files) || now.choice !== choice.choice ? null
            : writeChoice(Object.assign({}, choice, { done: VERSION }))
              .then(olderCaches).then((old) => Promise.all(old.map((k) => caches.delete(k)))))
          .then(() => state(failed));
      });
  });
}

// The lists of older builds the reader kept, with their caches: url -> [hash, cache name].
function olderLists() {
  return olderCaches().then((names) => Promise.all(names.map((name) =>
    caches.open(name).then((cache) => cache.match(LIST)).then((r) => r ? r.json() : { files: [] })
      .then((list) => list.files.map((f) => [f[0], f[2], name]))
      .catch(() => []))))
    .then((lists) => {
      const older = {};
      lists.forEach((list) => list.forEach((f) => { older[f[0]] = f; }));
      return older;
    });
}

function copy(older, f) {
  const was = older[f[0]];
  return was && was[1] === f[2] ? caches.open(was[2]).then((cache) => cache.match(f[0])) : Promise.resolve(undefined);
}

// Lets go of what was kept: the cache goes back to the shell.
function forget() {
  const shell = new Set(FILES.map((f) => new URL(f, self.location.origin).href));
  return writeChoice(null)
    .then(() => caches.open(CACHE))
    .then((cache) => cache.keys().then((keys) =>
      Promise.all(keys.filter((k) => !shell.has(k.url)).map((k) => cache.delete(k)))))
    .then(olderCaches)
    .then((old) => Promise.all(old.map((k) => caches.delete(k))));
}
