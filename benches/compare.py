#!/usr/bin/env python3
"""Benchmark: handbook side by side with the anchors (mdBook, Zola, Hugo) on the same synthetic
German book, every tool found on PATH, runs interleaved.

For each size it generates build.py's synthetic book for handbook and the same chapters
(front matter title + the same Markdown, without handbook's data directives) for mdBook
(SUMMARY.md), Zola (a section with pages) and Hugo (content/ with a list layout), then prints:
cold build (median) and peak memory per tool with the ratio to the fastest anchor; save ->
changed page served by each tool's preview server; the floor (the time to write one page in a
folder per chapter and nothing else, which every tool must do for these addresses); and what a
reader downloads (gzip): a
chapter page's first visit (HTML, CSS, JS) and the first search („Arbeitgeber“: the
files it fetches, benches/search_size.py); for handbook also the first visit including what
its service worker precaches, and the start page. From 1,000 chapters on, handbook's book
comes in parts of 100 chapters (folders; the other tools get the same chapters in one list).

    cargo build --release && python3 benches/compare.py [--sizes 100,1000] [--runs 3] [--saves 5]

mdBook runs twice: as it comes (search index and print page, as handbook has) and without both
(its fastest build, the anchor the targets name at 100 chapters). mdBook installs with
`cargo install mdbook`, Hugo from Debian (`apt-get install hugo`); Zola
where it is installed.

HANDBOOK_BIN=path/to/another/handbook compares another binary of handbook (as in build.py).
"""
import argparse, gzip, json, os, re, resource, shutil, socket, statistics, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "benches"))
import build as synthetic  # noqa: E402
BIN = synthetic.BIN  # the release binary, or HANDBOOK_BIN
import search_size  # noqa: E402  (what a first search fetches)

DIRECTIVE = re.compile(r"^\{\{.*\}\}\s*$", re.M)


def chapters_of(book):
    """(slug, title, markdown body, file, handbook's address) of each synthetic chapter, in
    order, directives removed; chapters in parts (folders) come in their folders' order."""
    out = []
    folder = os.path.join(book, "content", "chapters")
    for dirpath, dirs, files in os.walk(folder):
        dirs.sort()
        part = os.path.relpath(dirpath, folder)
        for name in sorted(f for f in files if f.endswith(".md") and not f.startswith("_")):
            path = os.path.join(dirpath, name)
            text = open(path, encoding="utf-8").read()
            _, front, body = text.split("---\n", 2)
            title = re.search(r"^title: (.*)$", front, re.M).group(1)
            url = f"/{name[:-3]}/" if part == "." else f"/{part}/{name[:-3]}/"
            out.append((name[:-3], title, DIRECTIVE.sub("", body), path, url))
    return out


def make_mdbook(path, chapters, minimal=False):
    """mdBook's book; `minimal`: without its search index and print page (less than handbook
    does, but its fastest build)."""
    os.makedirs(os.path.join(path, "src"))
    toml = '[book]\ntitle = "Benchmark"\nlanguage = "de"\n'
    if minimal:
        toml += "[output.html.search]\nenable = false\n[output.html.print]\nenable = false\n"
    open(os.path.join(path, "book.toml"), "w").write(toml)
    with open(os.path.join(path, "src", "SUMMARY.md"), "w", encoding="utf-8") as s:
        s.write("# Inhalt\n\n")
        for slug, title, body, *_ in chapters:
            s.write(f"- [{title}]({slug}.md)\n")
            open(os.path.join(path, "src", slug + ".md"), "w", encoding="utf-8").write(f"# {title}\n\n{body}")


def make_hugo(path, chapters):
    os.makedirs(os.path.join(path, "content", "k"))
    os.makedirs(os.path.join(path, "layouts", "_default"))
    os.makedirs(os.path.join(path, "layouts", "partials"))
    open(os.path.join(path, "hugo.toml"), "w").write('baseURL = "https://example.org/"\ntitle = "Benchmark"\nlanguageCode = "de"\ndisableKinds = ["taxonomy", "term", "RSS"]\n')
    # The sidebar is a cached partial: the tuned variant measured for the anchors.
    open(os.path.join(path, "layouts", "partials", "nav.html"), "w").write(
        '<nav><ol>{{ range .Site.RegularPages.ByWeight }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol></nav>')
    page = '<!doctype html><html lang="de"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>{{ partialCached "nav.html" . }}<main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>'
    for kind in ("single", "list"):
        open(os.path.join(path, "layouts", "_default", kind + ".html"), "w").write(page)
    for n, (slug, title, body, *_) in enumerate(chapters):
        open(os.path.join(path, "content", "k", slug + ".md"), "w", encoding="utf-8").write(
            f'---\ntitle: "{title}"\nweight: {n + 1}\n---\n\n{body}')


def make_zola(path, chapters):
    os.makedirs(os.path.join(path, "content", "k"))
    os.makedirs(os.path.join(path, "templates"))
    open(os.path.join(path, "config.toml"), "w").write('base_url = "https://example.org"\ntitle = "Benchmark"\ndefault_language = "de"\n')
    open(os.path.join(path, "content", "k", "_index.md"), "w").write("+++\ntitle = \"Kapitel\"\nsort_by = \"weight\"\n+++\n")
    page = '<!doctype html><html lang="de"><head><meta charset="utf-8"><title>{{ page.title }}</title></head><body><main><h1>{{ page.title }}</h1>{{ page.content | safe }}</main></body></html>'
    open(os.path.join(path, "templates", "page.html"), "w").write(page)
    open(os.path.join(path, "templates", "section.html"), "w").write('<!doctype html><html><body>{% for p in section.pages %}<a href="{{ p.permalink }}">{{ p.title }}</a>{% endfor %}</body></html>')
    open(os.path.join(path, "templates", "index.html"), "w").write("<!doctype html><html><body>Start</body></html>")
    for n, (slug, title, body, *_) in enumerate(chapters):
        open(os.path.join(path, "content", "k", slug + ".md"), "w", encoding="utf-8").write(
            f'+++\ntitle = "{title}"\nweight = {n + 1}\n+++\n\n{body}')


def tools(tmp, book):
    """The tools found, each as (name, source folder, build command, output folder, serve command, chapter URL path)."""
    chapters = chapters_of(book)
    mid, _, _, mid_file, mid_url = chapters[len(chapters) // 2]
    found = [("handbook", book, [BIN, "build", book, "--out", os.path.join(tmp, "out-handbook")], os.path.join(tmp, "out-handbook"),
              lambda port: [BIN, "serve", book, "--port", str(port)], mid_url, mid_file)]
    for name, minimal in (("mdBook", False), ("mdBook (no search, no print)", True)):
        if not shutil.which("mdbook"):
            break
        src = os.path.join(tmp, "mdbook-minimal" if minimal else "mdbook")
        make_mdbook(src, chapters, minimal)
        out = src + "-out"
        found.append((name, src, ["mdbook", "build", src, "-d", out], out,
                      lambda port, src=src: ["mdbook", "serve", src, "-n", "127.0.0.1", "-p", str(port), "-d", src + "-serve"], f"/{mid}.html",
                      os.path.join(src, "src", mid + ".md")))
    if shutil.which("hugo"):
        src = os.path.join(tmp, "hugo")
        make_hugo(src, chapters)
        out = os.path.join(tmp, "out-hugo")
        found.append(("Hugo", src, ["hugo", "--quiet", "-s", src, "-d", out], out,
                      lambda port: ["hugo", "server", "-s", src, "-p", str(port), "--disableFastRender"], f"/k/{mid}/",
                      os.path.join(src, "content", "k", mid + ".md")))
    if shutil.which("zola"):
        src = os.path.join(tmp, "zola")
        make_zola(src, chapters)
        out = os.path.join(tmp, "out-zola")
        found.append(("Zola", src, ["zola", "--root", src, "build", "--output-dir", out, "--force"], out,
                      lambda port: ["zola", "--root", src, "serve", "-p", str(port)], f"/k/{mid}/",
                      os.path.join(src, "content", "k", mid + ".md")))
    return found


def write_floor(out, n):
    """Seconds to write what every tool must write for these addresses, and nothing else: n
    folders with one 16 KB page each (`/k00001/index.html`, …). On a file system where creating
    a file costs far more than writing it, this bounds how fast any of the tools can be."""
    page = b"x" * 16384
    start = time.perf_counter()
    os.makedirs(out)
    for i in range(n):
        folder = os.path.join(out, f"k{i:05d}")
        os.mkdir(folder)
        with open(os.path.join(folder, "index.html"), "wb") as f:
            f.write(page)
    return time.perf_counter() - start


def timed(cmd):
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"{cmd[0]} failed:\n{proc.stderr[-2000:]}")
    return time.perf_counter() - start


def peak_memory(cmd):
    """Peak memory (MiB) of one run, in a fresh child process."""
    code = f"import resource, subprocess; subprocess.run({cmd!r}, capture_output=True); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip()
    return int(out or 0) / 1024


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except Exception:
        return ""


def save_to_served(serve, url_path, source, saves):
    port = free_port()
    proc = subprocess.Popen(serve(port), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}{url_path}"
    try:
        deadline = time.time() + 300
        while "</html>" not in get(url).lower():
            if time.time() > deadline:
                return None
            time.sleep(0.1)
        original = open(source, encoding="utf-8").read()
        times = []
        for k in range(saves):
            marker = f"Messsatz{k}x{time.time_ns()}"
            time.sleep(1.2)  # longer than every tool's debounce
            t0 = time.perf_counter()
            open(source, "w", encoding="utf-8").write(original + f"\n\n{marker}\n")
            while marker not in get(url):
                if time.perf_counter() - t0 > 60:
                    return None
                time.sleep(0.005)
            times.append(time.perf_counter() - t0)
        open(source, "w", encoding="utf-8").write(original)
        return statistics.median(times)
    finally:
        proc.kill()
        proc.wait()


def gz(path):
    return len(gzip.compress(open(path, "rb").read())) if os.path.exists(path) else 0


def client_bytes(name, out, url_path):
    """(first visit of a chapter: HTML + CSS + JS it loads, first search) in bytes gzip."""
    page = os.path.join(out, url_path.strip("/"), "index.html") if url_path.endswith("/") else os.path.join(out, url_path.strip("/"))
    html = open(page, encoding="utf-8", errors="replace").read()
    total = gz(page)
    for ref in re.findall(r'(?:href|src)="([^"]+\.(?:css|js))"', html):
        local = ref.split("?")[0]
        local = os.path.join(out, local.lstrip("/")) if local.startswith("/") else os.path.join(os.path.dirname(page), local)
        total += gz(local)
    search = 0
    if name == "handbook":
        site = search_size.Site(out)
        search = site.bytes(site.first_search("Arbeitgeber"))
    elif name == "mdBook":
        search = sum(gz(os.path.join(out, f)) for f in os.listdir(out) if f.startswith("searchindex") and f.endswith(".js"))
    return total, search


def handbook_pages(out, url_path, visit):
    """handbook only: (first visit of a chapter including what the service worker precaches,
    start page) in bytes gzip."""
    sw = open(os.path.join(out, "sw.js"), encoding="utf-8").read()
    precache = json.loads(re.search(r"const FILES = (\[.*?\]);", sw).group(1))
    local = [os.path.join(out, u.lstrip("/"), "index.html") if u.endswith("/") else os.path.join(out, u.lstrip("/")) for u in precache]
    return visit + gz(os.path.join(out, "sw.js")) + sum(gz(p) for p in set(local)), gz(os.path.join(out, "index.html"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100,1000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--saves", type=int, default=5)
    ap.add_argument("--parts", type=int, default=100,
                    help="from 1,000 chapters on, handbook's book comes in parts of this many (0: flat)")
    args = ap.parse_args()
    print(f"date: {time.strftime('%Y-%m-%d')}, machine: {os.cpu_count()} cores")
    print("| chapters | tool | cold build (median) | peak memory | ÷ fastest anchor | save → served | first visit (gz) | first search (gz) |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for n in [int(s) for s in args.sizes.split(",")]:
        tmp = tempfile.mkdtemp(prefix="handbook-compare-")
        try:
            book = os.path.join(tmp, "book")
            synthetic.make_book(book, n, per_part=args.parts if n >= 1000 else 0)
            found = tools(tmp, book)
            times = {t[0]: [] for t in found}
            floors = []
            for _ in range(args.runs):  # interleaved: every tool once per round
                for name, _, cmd, out, *_ in found:
                    shutil.rmtree(out, ignore_errors=True)
                    times[name].append(timed(cmd))
                floor_out = os.path.join(tmp, "out-floor")
                shutil.rmtree(floor_out, ignore_errors=True)
                floors.append(write_floor(floor_out, n))
            medians = {k: statistics.median(v) for k, v in times.items()}
            anchors = [v for k, v in medians.items() if k != "handbook"]
            fastest = min(anchors) if anchors else None
            extra = None
            for name, _, cmd, out, serve, url_path, source in found:
                memory = peak_memory(cmd)
                served = save_to_served(serve, url_path, source, args.saves) if args.saves else None
                visit, search = client_bytes(name, out, url_path)
                ratio = f"{medians[name] / fastest:.2f}" if fastest else "–"
                served_s = f"{served * 1000:.0f} ms" if served else "–"
                print(f"| {n:,} | {name} | {medians[name]:.2f} s | {memory:.0f} MiB | {ratio} | {served_s} | {visit / 1024:.1f} KB | {search / 1024:.1f} KB |", flush=True)
                if name == "handbook":
                    extra = handbook_pages(out, url_path, visit)
            floor = statistics.median(floors)
            floor_ratio = f"{floor / fastest:.2f}" if fastest else "–"
            print(f"| {n:,} | floor: {n:,} folders with one page each | {floor:.2f} s | – | {floor_ratio} | – | – | – |", flush=True)
            if extra:
                print(f"|  | handbook: first visit incl. the service worker's precache {extra[0] / 1024:.0f} KB gz, start page {extra[1] / 1024:.1f} KB gz |||||||", flush=True)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
