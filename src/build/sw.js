// Service worker of a handbook built by `handbook`: precaches every page and file of this
// build, so that after one visit the whole handbook works offline. Pages are fetched from
// the network first (a new deploy shows at once), falling back to this build's copy when
// the network is slow or gone; hashed assets come from the cache.
"use strict";
const VERSION = "__VERSION__";
const BASE = "__BASE__";
const FILES = __FILES__;
const PREFIX = "handbook:" + BASE + ":";
const CACHE = PREFIX + VERSION;
const NETWORK_TIMEOUT = 4000;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: "reload" }))))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

function fromCache(request) {
  return caches.open(CACHE).then((cache) =>
    cache.match(request, { ignoreSearch: true }).then((hit) => hit || cache.match(BASE + "404.html"))
  );
}

function networkFirst(request) {
  return new Promise((resolve) => {
    let settled = false;
    const fallback = () => {
      if (!settled) {
        settled = true;
        resolve(fromCache(request).then((r) => r || Response.error()));
      }
    };
    const timer = setTimeout(fallback, NETWORK_TIMEOUT);
    fetch(request).then((response) => {
      clearTimeout(timer);
      if (!settled) {
        settled = true;
        resolve(response);
      }
    }, () => {
      clearTimeout(timer);
      fallback();
    });
  });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || !url.pathname.startsWith(BASE)) {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(networkFirst(request));
    return;
  }
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(request).then((hit) => hit || fetch(request)))
  );
});
