#!/usr/bin/env python3
"""How long `limber history` takes with one 1 MB note on a 15,000-session log.

Usage, from the repository root:

    python3 benches/history_note_timing.py            # release build
    python3 benches/history_note_timing.py --debug    # the debug build

Before issue 21 every row of the table was padded to the widest NOTE
cell, so one imported 1 MB note made `history` write about 15,000 MB
(22.6 s on a ten-year log). Now a cell is clipped at 200 columns without a
terminal, the last column is not padded, and the note is cut before it is
copied. The 15,000 sessions come from `examples/sample_log`
(`store::history::sample`), imported with `limber log import`; the note is
then written into the newest session's summary directly with SQLite, so
the figure does not depend on what `log import` lets through.

Measures, median of N runs each (process start to exit, output to a pipe
read to its end): `history` and `history --format csv` without the note,
then with it. Target: `history` with the note well under 1 s.
"""

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tui_timing as tt  # noqa: E402

SESSIONS = 15_000
NOTE_BYTES = 1_000_000


def timed(env, args, runs):
    out, size = [], 0
    for _ in range(runs):
        t = time.monotonic()
        p = subprocess.run(env.argv(*args), env=env.env, capture_output=True, check=True)
        out.append(time.monotonic() - t)
        size = len(p.stdout)
    return statistics.median(out), max(out), size


def plant_note(data_dir):
    db = sqlite3.connect(os.path.join(data_dir, "history.sqlite3"))
    try:
        sid, summary = db.execute(
            "SELECT id, summary FROM sessions ORDER BY started_at DESC LIMIT 1"
        ).fetchone()
        s = json.loads(summary)
        s["note"] = ("calf tight " * (NOTE_BYTES // 11 + 1))[:NOTE_BYTES]
        db.execute("UPDATE sessions SET summary = ? WHERE id = ?", (json.dumps(s), sid))
        db.commit()
    finally:
        db.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--debug", action="store_true", help="measure target/debug instead")
    args = ap.parse_args()
    profile = "debug" if args.debug else "release"
    if not args.no_build:
        flags = [] if args.debug else ["--release"]
        subprocess.run(["cargo", "build", *flags], cwd=tt.ROOT, check=True)
        subprocess.run(
            ["cargo", "build", *flags, "--example", "sample_log"], cwd=tt.ROOT, check=True
        )
    binary = os.path.join(tt.ROOT, "target", profile, "limber")
    gen = os.path.join(tt.ROOT, "target", profile, "examples", "sample_log")
    env = tt.Env(20, binary=binary)
    rows = []
    try:
        path = os.path.join(env.dir, "sessions.jsonl")
        with open(path, "wb") as f:
            subprocess.run([gen, str(SESSIONS)], stdout=f, check=True)
        subprocess.run(env.argv("log", "import", path), env=env.env, check=True,
                       capture_output=True)
        for label in ("no long note", "one 1 MB note"):
            if label != "no long note":
                plant_note(env.data)
            for cmd in (["history"], ["history", "--format", "csv"]):
                median, worst, size = timed(env, cmd, args.runs)
                rows.append((label, " ".join(cmd), median, worst, size))
    finally:
        env.cleanup()

    m = tt.machine()
    print(
        f"Measured with `python3 benches/history_note_timing.py"
        f"{' --debug' if args.debug else ''}` on {time.strftime('%Y-%m-%d')}: "
        f"{m['cpus']} cores ({m['model']}), Linux {m['kernel']}, {m['rustc']}, {profile} build, "
        f"{SESSIONS:,} sessions, output to a pipe; load average before: {m['load']}; "
        f"medians of {args.runs} runs.\n"
    )
    print("| log | command | time | slowest | output |")
    print("|---|---|---|---|---|")
    for label, cmd, median, worst, size in rows:
        print(f"| {label} | `limber {cmd}` | {tt.ms(median)} | {tt.ms(worst)} "
              f"| {size / 1e6:.2f} MB |")


if __name__ == "__main__":
    main()
