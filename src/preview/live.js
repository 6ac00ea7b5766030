// Live reload for `handbook serve`: long-polls the server, reloads on a new build (keeping
// the scroll position) and shows build errors as an overlay. Not part of published sites.
(function () {
  "use strict";
  var key = "handbook-scroll:" + location.pathname;
  try {
    var y = sessionStorage.getItem(key);
    if (y !== null) {
      sessionStorage.removeItem(key);
      window.scrollTo(0, Number(y));
    }
  } catch (e) { /* no session storage: nothing to restore */ }
  var link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = "/__handbook/live.css";
  document.head.appendChild(link);
  var generation = null;
  var box = null;
  function show(errors, title) {
    if (!box) {
      box = document.createElement("div");
      box.className = "handbook-overlay";
      box.setAttribute("role", "alert");
      document.body.appendChild(box);
    }
    box.textContent = "";
    var h = document.createElement("p");
    h.className = "handbook-overlay-title";
    h.textContent = title;
    box.appendChild(h);
    errors.forEach(function (line) {
      var p = document.createElement("pre");
      p.textContent = line;
      box.appendChild(p);
    });
  }
  function clear() {
    if (box) { box.remove(); box = null; }
  }
  function poll() {
    fetch("/__handbook/poll?since=" + (generation === null ? -1 : generation), { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (generation !== null && s.generation !== generation && s.errors.length === 0) {
          try { sessionStorage.setItem(key, String(window.scrollY)); } catch (e) { /* ignore */ }
          location.reload();
          return;
        }
        generation = s.generation;
        if (s.errors.length) { show(s.errors, s.title); } else { clear(); }
        document.documentElement.setAttribute("data-live", "subscribed");
        poll();
      })
      .catch(function () {
        document.documentElement.setAttribute("data-live", "reconnecting");
        setTimeout(poll, 500);
      });
  }
  poll();
})();
