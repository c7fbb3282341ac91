#!/usr/bin/env python3
"""`limber report` on long logs and many patients: pages to look at, and
how long they take. Run by hand, from the repository root:

    python3 benches/report_timing.py              # release build, timings
    python3 benches/report_timing.py --debug      # debug build, pages only
    python3 benches/report_timing.py --shots      # also Chromium screenshots
    python3 benches/report_timing.py --no-build --binary OLD   # a previous build
    python3 benches/report_timing.py --no-build --same-as OLD  # the same pages as OLD

Makes logs with `examples/sample_log` (the generator is
`store::history::sample`) and fills in what a real patient's log has and
the generator leaves out: notes (some naming a warning sign), pain that rose
after a session, holds "as long as possible" on both sides, a skipped step.
Then, in a private temp home (the reader's own data is never touched):

  - one patient: `report --format html` on a one-year log (1,500 sessions);
  - three patients: `report --log a --log b --log c -o DIR`, the index and
    a page each, one export carrying a label (`{"label": ...}`);
  - timings (median of N runs, process start to exit): `report --format
    html` on a ten-year log (15,000 sessions), target < 0.5 s; and on 50
    one-year exports at once (`--logs DIR -o OUT`), target < 5 s.

With --shots, headless Chromium screenshots of the one-patient page and the
index go to /tmp/limber-report-*.png (apt-get install -y chromium).
"""

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tui_timing import bench_env  # noqa: E402

NOTES = [
    "easier today, less tight",
    "sharp pain in the knee-across step",
    "Numbness in right foot after massage, new",
    "tingling down the calf for an hour",
    "slept badly, stiff in the morning",
    "did it at work, in a hurry",
]


def build(release, no_build=False):
    flags = ["--release"] if release else []
    if not no_build:
        subprocess.run(
            ["cargo", "build", "-q", *flags, "--bin", "limber", "--example", "sample_log"],
            check=True,
        )
    d = "target/release" if release else "target/debug"
    return os.path.join(d, "limber"), os.path.join(d, "examples", "sample_log")


def enrich(raw, seed, label=None):
    """The generator's JSON Lines with notes, rises, holds and skips."""
    rng = random.Random(seed)
    lines = [json.loads(l) for l in raw.splitlines() if l.strip()]
    sessions = {}
    for l in lines:
        sessions.setdefault(l["session"], []).append(l)
    out = []
    total = len(sessions)
    for i, (sid, group) in enumerate(sorted(sessions.items())):
        stretch = group[0]["routine"]["id"] == "piriformis-stretch"
        ended = next((l for l in group if l["event"] == "session_ended"), None)
        completed = ended is not None and ended["outcome"]["outcome"] == "completed"
        extra = []
        for l in group:
            if l["event"] == "step_done" and stretch and l["index"] == 2 and completed:
                # The affected side's hold grows from 20 s to 45 s.
                held = 20_000 + 25_000 * i // total + rng.randrange(-4000, 4000)
                l["held_ms"] = max(held, 5000)
                other = dict(l)
                other["id"] = sid + "/h"
                other["side"] = "right"
                other["held_ms"] = 44_000 + rng.randrange(-3000, 3000)
                extra.append(other)
            if l["event"] == "step_done" and l["index"] == 3 and completed and rng.random() < 0.04:
                l["status"] = "skipped"
                ended["outcome"] = {"outcome": "completed_with_skips"}
            if l["event"] == "feedback":
                if rng.random() < 0.02:
                    before = next(
                        (x.get("pain_before") for x in group if x["event"] == "session_started"),
                        None,
                    )
                    if before is not None:
                        l["pain_after"] = min(before + 3, 10)
                if rng.random() < 0.03:
                    l["note"] = rng.choice(NOTES)
        out.extend(group)
        out.extend(extra)
    text = "".join(json.dumps(l, ensure_ascii=False) + "\n" for l in out)
    if label:
        text = json.dumps({"label": label}, ensure_ascii=False) + "\n" + text
    return text


def make_log(sample, sessions, seed, path, label=None):
    raw = subprocess.run([sample, str(sessions)], check=True, capture_output=True, text=True).stdout
    with open(path, "w") as f:
        f.write(enrich(raw, seed, label))


def run(binary, home, *args):
    t0 = time.perf_counter()
    r = subprocess.run([binary, *args], env=bench_env(home), capture_output=True, text=True)
    dt = time.perf_counter() - t0
    if r.returncode != 0:
        sys.exit(f"limber {' '.join(args)}: {r.returncode}\n{r.stderr}")
    return dt


def median_time(n, binary, home, make_args):
    times = []
    for k in range(n):
        times.append(run(binary, home, *make_args(k)))
    return statistics.median(times)


def same_page(old, binary, home, work, log, name):
    """A speed-up must not change the page: OLD's and this build's, byte
    for byte (same logs, same day)."""
    pages = []
    for k, b in enumerate([old, binary]):
        out = os.path.join(work, f"same-{name}-{k}.html")
        run(b, home, "report", "--log", log, "--format", "html", "-o", out)
        with open(out, "rb") as f:
            pages.append(f.read())
    if pages[0] != pages[1]:
        sys.exit(f"the {name} page differs from {old}'s: {work}/same-{name}-*.html")
    print(f"{name} page: byte-identical to {old}'s ({len(pages[1]):,} bytes)")


def shot(page, png, height):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("no chromium: apt-get install -y chromium")
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", f"--screenshot={png}",
         f"--window-size=1200,{height}", "file://" + os.path.abspath(page)],
        check=True, capture_output=True,
    )
    print(f"screenshot: {png}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--debug", action="store_true", help="debug build, no timings")
    ap.add_argument("--shots", action="store_true", help="Chromium screenshots")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-build", action="store_true", help="time the build already there")
    ap.add_argument("--binary", help="time this limber instead (e.g. the previous build)")
    ap.add_argument("--same-as", metavar="OLD",
                    help="check that OLD writes the same one-year and ten-year pages, byte for byte")
    a = ap.parse_args()
    binary, sample = build(not a.debug, a.no_build)
    if a.binary:
        binary = a.binary
    work = tempfile.mkdtemp(prefix="limber-report-")
    home = os.path.join(work, "home")
    os.makedirs(home)

    year = os.path.join(work, "year.jsonl")
    make_log(sample, 1500, 1, year, label="Anna K.")
    page = os.path.join(work, "year.html")
    run(binary, home, "report", "--log", year, "--format", "html", "-o", page)
    print(f"one patient, one year: {page}")
    if a.same_as:
        same_page(a.same_as, binary, home, work, year, "year")

    three = []
    for k, name in enumerate(["anna", "boris", "chen"]):
        p = os.path.join(work, f"{name}.jsonl")
        make_log(sample, 400 + 500 * k, 10 + k, p, label="Anna K." if k == 0 else None)
        three.append(p)
    out3 = os.path.join(work, "three")
    run(binary, home, "report", *sum((["--log", p] for p in three), []), "-o", out3)
    print(f"three patients: {out3}/index.html")

    if a.shots:
        shot(page, "/tmp/limber-report-year.png", 4000)
        shot(os.path.join(out3, "index.html"), "/tmp/limber-report-index.png", 600)

    if a.debug:
        return
    ten = os.path.join(work, "ten.jsonl")
    make_log(sample, 15_000, 2, ten)
    if a.same_as:
        same_page(a.same_as, binary, home, work, ten, "ten")
    t = median_time(a.runs, binary, home, lambda k: [
        "report", "--log", ten, "--format", "html", "-o", os.path.join(work, f"ten{k}.html")])
    print(f"report --format html, ten-year log (15,000 sessions): {t:.3f} s (target < 0.5)")

    fifty = os.path.join(work, "fifty")
    os.makedirs(fifty)
    for k in range(50):
        make_log(sample, 1500, 100 + k, os.path.join(fifty, f"patient{k:02}.jsonl"))
    t = median_time(max(a.runs // 2, 1), binary, home, lambda k: [
        "report", "--logs", fifty, "-o", os.path.join(work, f"out{k}")])
    print(f"report --logs DIR, 50 one-year exports: {t:.3f} s (target < 5)")


if __name__ == "__main__":
    main()
