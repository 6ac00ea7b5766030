//! Search on the split index: a fixed set of German queries typed into the page's search box
//! must find what the whole-text search (the algorithm of the first release, run here over
//! every entry of the built index) finds — the same hits in the same order, the same count,
//! the same lists named for organisations shown once.

use crate::browser::start;
use crate::common::browser::{Options, Session};
use serde_json::{Value, json};

/// Umlauts and ß both ways, parts of compounds, several words, one and two letters, numbers,
/// contact data, web addresses, titles, nothing at all.
const QUERIES: &[&str] = &[
    "fuer",
    "für",
    "agentur",
    "Integrationsagenturen",
    "Muensterstr",
    "Münsterstraße",
    "strasse",
    "Elternnetzwerk nrw",
    "nachhaltigkeit",
    "MSO",
    "mso eltern",
    "Integrationszentren",
    "kommunal integration",
    "eltern",
    "Ansprechperson",
    "Köln",
    "Koeln",
    "Düsseldorf",
    "e.V.",
    "Checkliste",
    "Veranstaltung planen",
    "Argumente für Arbeitgeber",
    "Vertrauen",
    "Förderung",
    "Dachverband",
    "0211",
    "www",
    "https",
    "ins",
    "ung",
    "a",
    "e",
    "ü",
    "ab",
    "ng",
    "xyzzyquux",
];

/// The whole-text search of the first release: every entry folded in the page, each query word
/// required in title, context or text, scored 100/130, 10/13, 1/1.3, sorted by score and then
/// index order, an organisation that two lists hold shown once.
const WHOLE_TEXT: &str = r#"
return (async () => {
  const queries = arguments[0];
  const dir = document.body.getAttribute('data-search-index').replace(/[^/]*$/, '');
  const get = async (p) => (await fetch(dir + p)).json();
  const m = await get('index.json');
  let docs = [];
  for (let k = 0; k < m.c.length; k++) docs = docs.concat(await get('c/' + k + '.json'));
  const FOLDS = { "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue", "ẞ": "ss" };
  const fold = (text) => {
    let out = "";
    for (let i = 0; i < text.length; i++) {
      const ch = text.charAt(i);
      out += (FOLDS[ch] || ch.toLowerCase()).normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    }
    return out;
  };
  const WORD_BREAK = /[\s.,;:!?()[\]{}"'„“”‚‘’«»/\\\-–—…·|+*&%$#@=<>~^_]+/;
  const queryWords = (q) => fold(q).split(WORD_BREAK).filter((w, i, l) => w && l.indexOf(w) === i);
  const atWordStart = (t, i) => i === 0 || WORD_BREAK.test(t.charAt(i - 1));
  const address = (text) => { const f = /https?:\/\/(?:www\.)?(\S+?)\/?$/.exec(text); return f ? f[1].toLowerCase() : ""; };
  const entries = docs.map((d) => ({ title: d[0], context: d[1], url: d[2], text: d[3], address: address(d[3]),
    t: fold(d[0]), c: fold(d[1]), x: fold(d[3]) }));
  const score = (e, words) => {
    let total = 0;
    for (const w of words) {
      const a = e.t.indexOf(w), b = e.c.indexOf(w), c = e.x.indexOf(w);
      if (a >= 0) total += atWordStart(e.t, a) ? 130 : 100;
      else if (b >= 0) total += atWordStart(e.c, b) ? 13 : 10;
      else if (c >= 0) total += atWordStart(e.x, c) ? 1.3 : 1;
      else return 0;
    }
    return total;
  };
  const distinct = (ranked) => {
    const kept = {}, hits = [];
    ranked.forEach((entry) => {
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
  };
  return queries.map((q) => {
    const words = queryWords(q);
    const ranked = [];
    entries.forEach((e, i) => { const s = score(e, words); if (s > 0) ranked.push([s, i]); });
    ranked.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    const hits = distinct(ranked.map((r) => entries[r[1]]));
    return { count: hits.length, shown: hits.slice(0, 10).map((h) => [h.entry.url, h.also.join(", ")]) };
  });
})();
"#;

/// What the page shows for `query`: the number of hits and, for each hit listed, its address
/// and the other lists it names.
fn shown(s: &Session, query: &str) -> Value {
    s.exec("const q = document.getElementById('suchfeld'); q.value = ''; q.dispatchEvent(new Event('input')); return true", json!([]));
    s.wait_until(
        "the results clear",
        "return document.getElementById('suchergebnisse').hidden && document.getElementById('suchstatus').textContent === ''",
    );
    s.exec(
        "const q = document.getElementById('suchfeld'); q.value = arguments[0]; q.dispatchEvent(new Event('input')); return true",
        json!([query]),
    );
    s.wait_until(
        &format!("results for {query}"),
        "const st = document.getElementById('suchstatus'); return /Treffer/.test(st.textContent) && (st.className === 'search-count' || st.className === 'search-note')",
    );
    s.js(r#"
        const st = document.getElementById('suchstatus');
        const count = st.className === 'search-count' ? parseInt(st.textContent, 10) : 0;
        const shown = Array.from(document.querySelectorAll('#suchergebnisse:not([hidden]) [role=option]')).map((o) => {
          const c = o.querySelector('.search-hit-context');
          const also = c && c.textContent.includes(' · auch in: ') ? c.textContent.split(' · auch in: ')[1] : '';
          return [o.getAttribute('href'), also];
        });
        return { count: count, shown: shown };
    "#)
}

#[test]
fn the_split_index_finds_what_the_whole_text_finds() {
    let Some((site, driver)) = start() else {
        return;
    };
    let s = driver.session(Options::js());
    s.goto(&site.url("/einleitung/"));
    s.wait_until(
        "the search box shows",
        "return !document.getElementById('suche').hidden",
    );
    s.click("#suchfeld");
    let expected = s.exec(WHOLE_TEXT, json!([QUERIES]));
    let expected = expected.as_array().expect("whole-text results");
    let mut differences = Vec::new();
    for (query, want) in QUERIES.iter().zip(expected) {
        let got = shown(&s, query);
        if &got != want {
            differences.push(format!(
                "{query}:\n  split index {got}\n  whole text  {want}"
            ));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
    // The queries find something, mostly, and many more than are listed: the comparison is
    // not between empty lists.
    let counts: Vec<u64> = expected
        .iter()
        .filter_map(|r| r["count"].as_u64())
        .collect();
    assert!(
        counts.iter().filter(|&&n| n > 0).count() > QUERIES.len() * 3 / 4
            && counts.iter().filter(|&&n| n > 10).count() >= 10,
        "{counts:?}"
    );
}

/// The page's letter-triple hash (FNV-1a over UTF-16 units).
fn gram_hash(text: &str) -> u32 {
    text.encode_utf16().fold(0x811c_9dc5_u32, |h, u| {
        (h ^ u32::from(u)).wrapping_mul(0x0100_0193)
    })
}

/// The size class of the file the page reads for a folded query word (`s` for one or two
/// letters, else the smallest of its triples' buckets in `g`).
fn file_class(manifest: &Value, word: &str) -> char {
    let units: Vec<char> = word.chars().collect();
    let classes = |key: &str| -> Vec<char> { manifest[key].as_str().expect(key).chars().collect() };
    if units.len() < 3 {
        let s = classes("s");
        return s[gram_hash(word) as usize % s.len()];
    }
    let g = classes("g");
    units
        .windows(3)
        .map(|t| g[gram_hash(&t.iter().collect::<String>()) as usize % g.len()])
        .min_by_key(|c| c.to_digit(36))
        .expect("a triple")
}

#[test]
fn words_whose_files_are_empty_are_answered_without_a_download() {
    // A handbook of many sections and few words: most buckets hold nothing, and the build
    // writes no file for them.
    let book = crate::common::Book::new("basic");
    std::fs::remove_dir_all(book.path().join("theme")).expect("the fixture has a theme");
    std::fs::remove_dir_all(book.path().join("content/chapters")).expect("chapters");
    std::fs::remove_file(book.path().join("content/index.md")).ok();
    book.edit("content/handbook.yaml", "imprint: 02-kontakt.md\n", "");
    for data in ["links", "stellen", "verbaende", "plan", "orte"] {
        std::fs::remove_file(book.path().join(format!("content/data/{data}.yaml"))).expect("data");
    }
    let sections = "## Elternabend\n\nWir laden ein.\n\n".repeat(2500);
    book.write(
        "content/chapters/01-eltern.md",
        &format!("---\ntitle: Eltern\n---\n\n{sections}"),
    );
    let o = book.run(&["build", "--base-url", "https://example.org/"]);
    assert!(o.status.success(), "{}", crate::common::stderr(&o));
    let public = book.path().join("public");
    let manifest: Value =
        serde_json::from_str(&book.read("public/search/index.json")).expect("manifest");
    for key in ["g", "s"] {
        let classes = manifest[key].as_str().expect(key);
        let dir = if key == "g" { "search/g" } else { "search/s" };
        for (k, class) in classes.chars().enumerate() {
            let file = public.join(format!("{dir}/{k}.json"));
            assert_eq!(
                class == '0',
                !file.exists(),
                "{dir}/{k}.json, class {class}"
            );
        }
        assert!(classes.contains('0'), "{key}: {classes}");
    }
    // Query words whose file is empty and words that are found, of every length.
    let queries = [
        "xyz",
        "haus",
        "quark",
        "zoo",
        "q",
        "x",
        "zz",
        "eltern",
        "abend",
        "wir laden",
        "e",
        "la",
        "ein",
    ];
    let empty: Vec<_> = queries
        .iter()
        .filter(|q| !q.contains(' ') && file_class(&manifest, q) == '0')
        .collect();
    assert!(
        empty.iter().any(|q| q.len() < 3) && empty.iter().any(|q| q.len() >= 3),
        "some query words of both kinds meet an empty file: {empty:?}"
    );
    if !crate::common::browser::available() {
        return;
    }
    let server = crate::common::browser::StaticServer::start(public);
    let driver = crate::common::browser::Driver::start();
    let s = driver.session(Options::js());
    s.goto(&format!("{}/eltern/", server.url));
    s.wait_until(
        "the search box shows",
        "return !document.getElementById('suche').hidden",
    );
    s.click("#suchfeld");
    let expected = s.exec(WHOLE_TEXT, json!([queries]));
    let expected = expected.as_array().expect("whole-text results");
    for (query, want) in queries.iter().zip(expected) {
        // A download that failed would show an error instead of a count of hits.
        assert_eq!(&shown(&s, query), want, "{query}");
    }
    let failed = s.js("return performance.getEntriesByType('resource').filter((r) => r.name.includes('/search/') && r.responseStatus >= 400).map((r) => r.name)");
    assert_eq!(
        failed,
        json!([]),
        "the page asked for files that do not exist"
    );
}
