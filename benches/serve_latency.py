#!/usr/bin/env python3
"""Benchmark: from saving a chapter to the reloaded page in the browser, with `handbook serve`.

Starts the release binary's preview server on a copy of this handbook, opens a chapter in
headless Chromium (through chromedriver), then saves the chapter N times. For each save it
takes the time of the write and the time the reloaded page's DOM was ready (the page's own
performance clock, both on the same system clock) and prints a table.

    cargo build --release && python3 benches/serve_latency.py [--saves 20]
"""
import argparse, json, os, shutil, socket, statistics, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "benches"))
from build import BIN  # noqa: E402  (the release binary, or HANDBOOK_BIN)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port):
    for _ in range(400):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return
        except OSError:
            time.sleep(0.025)
    sys.exit(f"nothing listens on {port}")


def call(method, url, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.load(r)["value"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--saves", type=int, default=20)
    args = ap.parse_args()
    if not os.path.exists(BIN):
        sys.exit("build the release binary first: cargo build --release")
    tmp = tempfile.mkdtemp(prefix="handbook-serve-bench-")
    procs = []
    try:
        for d in ("content", "theme"):
            shutil.copytree(os.path.join(ROOT, d), os.path.join(tmp, d))
        port, dport = free_port(), free_port()
        serve = subprocess.Popen([BIN, "serve", tmp, "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        procs.append(serve)
        driver = subprocess.Popen(["chromedriver", f"--port={dport}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        procs.append(driver)
        wait_port(port)
        wait_port(dport)
        base = f"http://127.0.0.1:{dport}"
        caps = {"capabilities": {"alwaysMatch": {"goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": ARGS + [f"--user-data-dir={tmp}/profile"]}}}}
        session = call("POST", f"{base}/session", caps)["sessionId"]
        s = f"{base}/session/{session}"
        chapter = os.path.join(tmp, "content", "chapters", "03-rollen.md")
        text = open(chapter, encoding="utf-8").read()
        call("POST", f"{s}/url", {"url": f"http://127.0.0.1:{port}/rollen/"})
        latencies, phases = [], []
        for i in range(args.saves):
            deadline = time.time() + 10
            while call("POST", f"{s}/execute/sync", {"script": "return document.documentElement.getAttribute('data-live')", "args": []}) != "subscribed":
                if time.time() > deadline:
                    sys.exit("the page does not listen for rebuilds")
                time.sleep(0.01)
            marker = f"Messung {i}"
            saved = time.time() * 1000
            with open(chapter, "w", encoding="utf-8") as f:
                f.write(text.replace("title: Welche Rolle können MSO einnehmen?", f"title: {marker}"))
            deadline = time.time() + 10
            script = ("const h = document.querySelector('h1'); if (!h || h.textContent !== arguments[0]) return null;"
                      "const n = performance.getEntriesByType('navigation')[0];"
                      "return [performance.timeOrigin + n.domContentLoadedEventEnd, performance.timeOrigin, n.responseEnd, n.domContentLoadedEventEnd];")
            while True:
                ready = call("POST", f"{s}/execute/sync", {"script": script, "args": [marker]})
                if ready:
                    latencies.append(ready[0] - saved)
                    phases.append((ready[1] - saved, ready[2], ready[3]))
                    break
                if time.time() > deadline:
                    sys.exit(f"save {i} never showed")
                time.sleep(0.005)
            time.sleep(0.3)
        call("DELETE", s)
        if os.environ.get("PHASES"):
            for p in phases:
                print(f"reload starts {p[0]:.0f} ms after the save; HTML received after {p[1]:.0f} ms; DOM ready after {p[2]:.0f} ms")
        latencies.sort()
        print("| saves | median | p90 | min | max |")
        print("|---:|---:|---:|---:|---:|")
        p90 = latencies[int(0.9 * (len(latencies) - 1))]
        print(f"| {len(latencies)} | {statistics.median(latencies):.0f} ms | {p90:.0f} ms | {latencies[0]:.0f} ms | {latencies[-1]:.0f} ms |")
    finally:
        for p in procs:
            p.kill()
            p.wait()
        rebuilds = [l for l in (procs[0].stdout.read() if procs and procs[0].stdout else "").splitlines() if l.startswith("rebuilt")]
        if rebuilds:
            times = sorted(int(l.rsplit(" in ", 1)[1].split()[0]) for l in rebuilds)
            print(f"\nrebuild time as printed by serve: median {statistics.median(times):.0f} ms over {len(times)} rebuilds")
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
