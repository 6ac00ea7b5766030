#!/usr/bin/env python3
"""Benchmark: save -> changed page served by `handbook serve`, on synthetic books.

For each size it generates the same synthetic German book as build.py, starts the release
binary's preview, then saves one chapter N times (a new sentence each time) and polls the
chapter's URL until the page holds the new sentence. Prints the median and slowest times,
beside the time of a full build of the same book (`handbook check`), which is what every save
cost before the preview remembered unchanged chapters.

    cargo build --release && python3 benches/preview.py [--sizes 100,1000,10000] [--saves 15] [--parts 100]

HANDBOOK_BIN=path/to/an/older/handbook runs another binary on the same books (before/after).
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "benches"))
import build as synthetic  # noqa: E402  (the same book generator)
BIN = synthetic.BIN  # the release binary, or HANDBOOK_BIN
from compare import free_port, get  # noqa: E402  (a free port; a page's text, or "")


def measure(n, saves, per_part):
    tmp = tempfile.mkdtemp(prefix="handbook-preview-")
    try:
        book = os.path.join(tmp, "book")
        synthetic.make_book(book, n, per_part=per_part)
        started = time.perf_counter()
        subprocess.run([BIN, "check", book], check=True, capture_output=True)
        full = time.perf_counter() - started
        port = free_port()
        server = subprocess.Popen([BIN, "serve", book, "--port", str(port)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            folder = f"t{(n // 2 - 1) // per_part + 1:03d}" if per_part else ""
            chapter = os.path.join(book, "content", "chapters", folder, f"k{n // 2:05d}.md")
            url = f"http://127.0.0.1:{port}/{folder + '/' if folder else ''}k{n // 2:05d}/"
            deadline = time.time() + 120
            while "</html>" not in get(url):
                if time.time() > deadline:
                    raise SystemExit("the preview did not start")
                time.sleep(0.05)
            original = open(chapter, encoding="utf-8").read()
            times = []
            for k in range(saves):
                marker = f"Neuer Satz Nummer {k} zum Messen."
                time.sleep(0.3)
                t0 = time.perf_counter()
                with open(chapter, "w", encoding="utf-8") as f:
                    f.write(original + f"\n{marker}\n")
                while marker not in get(url):
                    if time.perf_counter() - t0 > 60:
                        raise SystemExit("the change never showed")
                    time.sleep(0.002)
                times.append(time.perf_counter() - t0)
            return full, times
        finally:
            server.kill()
            server.wait()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--saves", type=int, default=15)
    ap.add_argument("--parts", type=int, default=0, help="chapters per part (0: no parts)")
    args = ap.parse_args()
    print("| chapters | save -> served (median) | slowest | full rebuild (check) |")
    print("|---:|---:|---:|---:|")
    for n in [int(s) for s in args.sizes.split(",")]:
        full, times = measure(n, args.saves, args.parts)
        print(f"| {n:,} | {statistics.median(times) * 1000:.0f} ms | {max(times) * 1000:.0f} ms | {full * 1000:.0f} ms |", flush=True)


if __name__ == "__main__":
    main()
