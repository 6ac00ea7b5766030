#!/usr/bin/env python3
"""Search weight: what a first search downloads (gzip -9), for this handbook and for synthetic
handbooks of 100, 1,000 and 10,000 chapters (those of benches/build.py), side by side with the
whole-text index of the first release (one file with every entry, fetched whole).

A first search fetches the manifest (search/index.json), one bucket per query word and the
chunks holding the hits it lists (at most ten); this script finds those files the way the page
does (handbook.js: fold, query words, the smallest letter-triple bucket, scoring, one entry per
shared address) and adds up their compressed sizes. "typed" counts every file fetched when the
query is typed letter by letter and searched after each (the page waits 120 ms for a pause, so
this is the most a slow typist can cause). The whole-text index is rebuilt from the chunks
byte for byte as the first release wrote it.

    cargo build --release && python3 benches/search_size.py [--sizes 100,1000,10000]

HANDBOOK_BIN=path/to/an/older/handbook measures another binary on the same books.
"""
import argparse, gzip, json, os, re, shutil, subprocess, sys, tempfile, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build as synthetic  # noqa: E402  (the benchmark books)
BIN = synthetic.BIN  # the release binary, or HANDBOOK_BIN

QUERIES = ["Arbeitgeber", "agentur", "Eltern", "für", "Veranstaltung Planung", "Öffnung", "a"]
FOLDS = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue", "ẞ": "ss"}
WORD_BREAK = re.compile(r'[\s.,;:!?()\[\]{}"\'„“”‚‘’«»/\\\-–—…·|+*&%$#@=<>~^_]+')
VALUE = [0, 130, 100, 13, 10, 1.3, 1]


def fold(text):
    out = []
    for ch in text:
        f = FOLDS.get(ch) or (ch.lower() if ord(ch) < 0x10000 else ch)
        out.append("".join(c for c in unicodedata.normalize("NFD", f) if not 0x300 <= ord(c) <= 0x36F))
    return "".join(out)


def query_words(query):
    words = []
    for w in WORD_BREAK.split(fold(query)):
        if w and w not in words:
            words.append(w)
    return words


def units(text):
    data = text.encode("utf-16-le")
    return [int.from_bytes(data[i:i + 2], "little") for i in range(0, len(data), 2)]


def gram_hash(u):
    h = 0x811C9DC5
    for c in u:
        h = ((h ^ c) * 0x01000193) & 0xFFFFFFFF
    return h


class Site:
    def __init__(self, out):
        self.dir = os.path.join(out, "search")
        self.cache = {}
        self.manifest = self.json("index.json")

    def raw(self, path):
        if path not in self.cache:
            with open(os.path.join(self.dir, path), "rb") as f:
                data = f.read()
            self.cache[path] = (data, len(gzip.compress(data, 9)))
        return self.cache[path][0]

    def gz(self, path):
        self.raw(path)
        return self.cache[path][1]

    def json(self, path):
        return json.loads(self.raw(path))

    def word_file(self, w):
        m = self.manifest
        u = units(w)
        if len(u) < 3:
            k = gram_hash(u) % len(m["s"])
            return None if m["s"][k] == "0" else "s/%d.json" % k
        best = -1
        for i in range(len(u) - 2):
            b = gram_hash(u[i:i + 3]) % len(m["g"])
            if best < 0 or int(m["g"][b], 36) < int(m["g"][best], 36):
                best = b
        return None if m["g"][best] == "0" else "g/%d.json" % best

    def classes(self, w, path):
        """Per entry, the class of query word `w` in the file `path` (None: an empty file the
        page does not fetch)."""
        found = {}
        if path is None:
            return found
        f = self.json(path)
        if path.startswith("s/"):
            for k, gaps in enumerate(f["g"].get(w, [])):
                e = -1
                for g in gaps:
                    e += g
                    found[e] = k + 1
            return found
        first = {}
        matching = [(k, word[0].find(w)) for k, word in enumerate(f["t"]) if w in word[0]]
        starting = sum(1 for _, at in matching if at == 0)
        ranks = None
        if f["r"] and 0 < starting < len(matching):
            ranks = self.json(path.replace(".json", ".r.json"))["r"]
            self.fetched.add(path.replace(".json", ".r.json"))
        for k, at in matching:
            for field in range(3):
                gaps = f["t"][k][1 + field]
                rank = ranks[k][field] if ranks else []
                e = -1
                for i, g in enumerate(gaps):
                    e += g
                    place = field * 16777216 + (rank[i] if rank else 0) + 1
                    if e not in first or place < first[e]:
                        first[e] = place
                        found[e] = 2 * field + (1 if at == 0 else 2)
        return found

    def hits(self, words, files):
        lists = [self.classes(w, p) for w, p in zip(words, files)]
        ranked = []
        for e in lists[0]:
            total = 0
            for c in lists:
                if e not in c:
                    total = -1
                    break
                total += VALUE[c[e]]
            if total > 0:
                ranked.append((-total, e))
        ranked.sort()
        shared = {}
        for k, group in enumerate(self.manifest["d"]):
            for e, context in group:
                shared[e] = (k, context)
        kept, hits = {}, []
        for _, e in ranked:
            a = shared.get(e)
            if a and a[0] in kept and kept[a[0]] != a[1]:
                continue
            if a and a[0] not in kept:
                kept[a[0]] = a[1]
            hits.append(e)
        return hits

    def chunk_of(self, e):
        start = 0
        for k, n in enumerate(self.manifest["c"]):
            if e < start + n:
                return k
            start += n
        return len(self.manifest["c"]) - 1

    def first_search(self, query):
        """The files a search for `query` fetches (paths)."""
        words = query_words(query)
        if not words:
            return set()
        files = [self.word_file(w) for w in words]
        self.fetched = set()
        hits = self.hits(words, files)
        return {"index.json"} | (set(files) - {None}) | self.fetched | {"c/%d.json" % self.chunk_of(e) for e in hits[:10]}

    def typed(self, query):
        fetched = set()
        for i in range(1, len(query) + 1):
            fetched |= self.first_search(query[:i])
        return fetched

    def bytes(self, paths):
        return sum(self.gz(p) for p in paths)

    def whole_text(self):
        docs = []
        for k in range(len(self.manifest["c"])):
            docs.append(self.raw("c/%d.json" % k)[1:-1])
        data = b'{"v":1,"docs":[' + b",".join(d for d in docs if d) + b"]}"
        return len(data), len(gzip.compress(data, 9))


def measure(name, out):
    site = Site(out)
    raw, whole = site.whole_text()
    cells = []
    for q in QUERIES:
        cells.append("%.1f / %.1f" % (site.bytes(site.first_search(q)) / 1024, site.bytes(site.typed(q)) / 1024))
    files = sum(len(fs) for _, _, fs in os.walk(site.dir))
    total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(site.dir) for f in fs)
    print("| %s | %s | %s KB | %d files, %.1f MB |" % (name, " | ".join(cells), format(round(whole / 1024), ","), files, total / 2**20))


def build(book, out):
    proc = subprocess.run([BIN, "build", book, "--out", out], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit("build failed:\n" + proc.stderr)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100,1000,10000")
    args = ap.parse_args()
    if not os.path.exists(BIN):
        sys.exit("build the release binary first: cargo build --release")
    print("First search, KB gzip: the query searched once / typed letter by letter.\n")
    print("| handbook | " + " | ".join("„%s“" % q for q in QUERIES) + " | whole-text index (first release) | search/ on disk |")
    print("|---|" + "---:|" * (len(QUERIES) + 2))
    tmp = tempfile.mkdtemp(prefix="handbook-search-size-")
    try:
        out = os.path.join(tmp, "this")
        build(ROOT, out)
        measure("this handbook", out)
        for n in [int(s) for s in args.sizes.split(",")]:
            book = os.path.join(tmp, "book%d" % n)
            synthetic.make_book(book, n)
            out = os.path.join(tmp, "out%d" % n)
            build(book, out)
            measure("%s chapters" % format(n, ","), out)
            shutil.rmtree(book, ignore_errors=True)
            shutil.rmtree(out, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
