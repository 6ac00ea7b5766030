#!/usr/bin/env python3
"""Benchmark: cold `handbook build` of synthetic German handbooks.

Generates handbooks of 100, 1,000 and 10,000 chapters (about 950 words of German
Markdown each, with headings, lists, links between chapters, data lists and
checklists), builds each with the release binary and prints a table: wall time
(median), peak memory (max RSS), output size and bytes per page, search files on disk.

    cargo build --release && python3 benches/build.py [--sizes 100,1000] [--runs 3] [--parts 100]

HANDBOOK_BIN=path/to/an/older/handbook runs another binary on the same books (before/after).
"""
import argparse, gzip, os, random, resource, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Another binary (an older release, to compare) with HANDBOOK_BIN.
BIN = os.environ.get("HANDBOOK_BIN") or os.path.join(ROOT, "target", "release", "handbook")

WORDS = ("Arbeitgeber Ausbildung Verwaltung Integrationsagentur Migrantenselbstorganisation "
         "Elternabend Bewerbungstraining Kooperation Vertrauen Jugendliche Nachwuchskräfte "
         "Veranstaltung Ansprechperson Netzwerk Beratung Vielfalt Öffnung Unternehmen Behörde "
         "Gemeinde Zusammenarbeit Planung Einladung Räumlichkeiten Mehrsprachigkeit Begegnung "
         "Förderung Qualifizierung Praktikum Betriebsbesichtigung Schnupperangebot Infoabend "
         "und oder mit für über zwischen gemeinsam rechtzeitig verlässlich regelmäßig").split()


def sentence(rng, n=None):
    n = n or rng.randint(8, 16)
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def chapter(rng, i, total):
    parts = [f"---\ntitle: Kapitel {i} über {rng.choice(WORDS)}\nsummary: {sentence(rng, 8)}\nreviewed: 2026-11-25\n---\n"]
    words = 0
    section = 0
    while words < 950:
        section += 1
        parts.append(f"## Abschnitt {section}: {rng.choice(WORDS)} und {rng.choice(WORDS)}\n")
        para = " ".join(sentence(rng) for _ in range(5))
        other = rng.randint(1, total)
        para += f" Siehe auch [Kapitel {other}](k{other:05d}.md#abschnitt-1-{''})".rstrip("-") if False else ""
        parts.append(para + f" Mehr dazu in [Kapitel {other}](k{other:05d}.md).\n")
        parts.append("\n".join(f"- {sentence(rng, 6)}" for _ in range(4)) + "\n")
        words += len(para.split()) + 24
        if section % 3 == 0:
            parts.append(f"> [!TIP]\n> {sentence(rng)}\n")
    if i % 10 == 0:
        parts.append(f"{{{{ checklist liste{i // 10 % 20} }}}}\n")
    if i % 25 == 0:
        parts.append("{{ organisations verbaende level=bund }}\n")
    return "\n".join(parts)


def make_book(path, n, seed=1, per_part=0):
    """The synthetic handbook of `n` chapters; with `per_part`, in parts (folders with a
    `_teil.md`) of that many chapters each. Links between chapters name the file only, which
    resolves in both layouts."""
    rng = random.Random(seed)
    os.makedirs(os.path.join(path, "content", "chapters"))
    os.makedirs(os.path.join(path, "content", "data"))
    with open(os.path.join(path, "content", "handbook.yaml"), "w") as f:
        f.write("title: Benchmark-Handbuch\nbase_url: https://example.org/\ndescription: Synthetisch.\npublisher: Bench e.V.\n")
    for i in range(1, n + 1):
        folder = os.path.join(path, "content", "chapters")
        if per_part:
            part = (i - 1) // per_part + 1
            folder = os.path.join(folder, f"t{part:03d}")
            if (i - 1) % per_part == 0:
                os.makedirs(folder)
                with open(os.path.join(folder, "_teil.md"), "w") as f:
                    # (its own generator: the chapters' text is the same in both layouts)
                    own = random.Random(-part)
                    f.write(f"---\ntitle: Teil {part} – {own.choice(WORDS)}\n---\n\n{sentence(own)}\n")
        with open(os.path.join(folder, f"k{i:05d}.md"), "w") as f:
            f.write(chapter(rng, i, n))
    for c in range(20):
        with open(os.path.join(path, "content", "data", f"liste{c}.yaml"), "w") as f:
            f.write(f"kind: checklist\ntitle: Checkliste {c}\nphases:\n")
            for p in range(4):
                f.write(f"  - id: phase-{p}\n    title: Phase {p}\n    points:\n")
                for q in range(5):
                    f.write(f"      - id: punkt-{p}-{q}\n        text: {sentence(rng, 7)}\n")
    with open(os.path.join(path, "content", "data", "verbaende.yaml"), "w") as f:
        f.write("kind: organisations\ntitle: Verbände\nitems:\n")
        for o in range(40):
            f.write(f"  - id: verband-{o}\n    name: Verband {o} e.V.\n    level: {'bund' if o % 2 else 'land'}\n"
                    f"    description: {sentence(rng)}\n    url: https://example.org/{o}\n")


def dir_size(path):
    total = 0
    for dirpath, _, files in os.walk(path):
        for name in files:
            total += os.path.getsize(os.path.join(dirpath, name))
    return total


def build_once(book, out):
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    # A fresh child per run; ru_maxrss of children is the largest so far, so each size runs
    # in its own process (see main) to read its own peak.
    proc = subprocess.run([BIN, "build", book, "--out", out], capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"build failed:\n{proc.stderr}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before)


def measure(n, runs, per_part):
    tmp = tempfile.mkdtemp(prefix="handbook-bench-")
    try:
        book = os.path.join(tmp, "book")
        make_book(book, n, per_part=per_part)
        out = os.path.join(tmp, "public")
        times, peak = [], 0
        for _ in range(runs):
            t, p = build_once(book, out)
            times.append(t)
            peak = max(peak, p)
        pages = sum(1 for d, _, fs in os.walk(out) for f in fs if f.endswith(".html"))
        size = dir_size(out)
        chapter_page = os.path.join(out, "t001" if per_part else "", "k00002", "index.html")
        page_bytes = os.path.getsize(chapter_page)
        page_gz = len(gzip.compress(open(chapter_page, "rb").read()))
        # The search index is split into many small files (benches/search_size.py measures
        # what a search fetches): here, all of them on disk and how many.
        search = os.path.join(out, "search")
        search_bytes = dir_size(search)
        search_files = sum(len(fs) for _, _, fs in os.walk(search))
        return statistics.median(times), peak / 1024, size, pages, page_bytes, page_gz, search_bytes, search_files
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--parts", type=int, default=0, help="chapters per part (0: no parts)")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if not os.path.exists(BIN):
        sys.exit("build the release binary first: cargo build --release")
    if args.one:
        r = measure(args.one, args.runs, args.parts)
        print(" ".join(str(x) for x in r))
        return
    print("| chapters | build (median) | peak memory | output | bytes/page (total/pages) | one chapter page (raw / gz) | search files (raw, files) |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n in [int(s) for s in args.sizes.split(",")]:
        runs = args.runs if n < 10000 else max(1, min(args.runs, 2))
        # Each size in its own process: RUSAGE_CHILDREN's peak then belongs to that size.
        line = subprocess.run([sys.executable, __file__, "--one", str(n), "--runs", str(runs), "--parts", str(args.parts)], capture_output=True, text=True, check=True).stdout.split()
        t, peak, size, pages, page_bytes, page_gz, sb, sgz = float(line[0]), float(line[1]), int(line[2]), int(line[3]), int(line[4]), int(line[5]), int(line[6]), int(line[7])
        print(f"| {n:,} | {t:.2f} s | {peak:.0f} MiB | {size / 2**20:.1f} MiB | {size // pages:,} B | {page_bytes:,} B / {page_gz:,} B | {sb / 1024:,.0f} KiB, {sgz:,} |")


if __name__ == "__main__":
    main()
