#!/usr/bin/env python3
"""Page weight: what a reader downloads on the first visit of each page of this handbook
(HTML + CSS + JS, gzip -9), and the size of the search manifest (fetched on first search).

    cargo build --release && python3 benches/weight.py
"""
import glob, gzip, os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "benches"))
from build import BIN  # noqa: E402  (the release binary, or HANDBOOK_BIN)


def gz(path):
    return len(gzip.compress(open(path, "rb").read(), 9))


def main():
    if not os.path.exists(BIN):
        sys.exit("build the release binary first: cargo build --release")
    out = tempfile.mkdtemp(prefix="handbook-weight-")
    subprocess.run([BIN, "build", ROOT, "--out", out], check=True, capture_output=True)
    css = gz(glob.glob(f"{out}/assets/style.*.css")[0])
    js = gz(glob.glob(f"{out}/assets/handbook.*.js")[0])
    search = f"{out}/search/index.json"
    print("| page | HTML gz | + CSS + JS gz = first visit |")
    print("|---|---:|---:|")
    rows = []
    for page in sorted(glob.glob(f"{out}/**/index.html", recursive=True)):
        rel = "/" + os.path.relpath(os.path.dirname(page), out).replace(".", "").strip("/")
        rel = rel if rel == "/" else rel + "/"
        rows.append((rel, gz(page)))
    for rel, html in rows:
        print(f"| {rel} | {html / 1024:.1f} KB | {(html + css + js) / 1024:.1f} KB |")
    print(f"\nCSS {css / 1024:.1f} KB, JS {js / 1024:.1f} KB (gzip); search manifest {gz(search) / 1024:.1f} KB gzip, fetched on first search with a bucket per word and the chunks of the hits (benches/search_size.py)")


if __name__ == "__main__":
    main()
