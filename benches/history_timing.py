#!/usr/bin/env python3
"""How the coach and `limber status` fare with a long history, run by hand.

Usage, from the repository root:

    python3 benches/history_timing.py           # about 2 minutes
    python3 benches/history_timing.py --quick

Builds the release binary and `examples/sample_log` (the generator is
`store::history::sample`), then, with an empty history and with 15,000
generated sessions imported by `limber log import`, measures in one run:

  - the first complete frame of `limber` (home) and of `limber run`
    (median of N runs, in an 80x24 pseudo-terminal, as tui_timing.py);
  - how late "Session complete" shows after a 5.000 s routine (the finish
    screen re-reads the counts when the session ends);
  - peak RSS (VmHWM) of the coach at the finish screen;
  - the time of `limber status` (median of N runs, process start to exit).

Targets: first frame at 15k within 1.5x of empty, finish late < 20 ms,
peak RSS < 12 MB, status < 10 ms. Linux only (/proc).
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tui_timing as tt  # noqa: E402

SESSIONS = 15_000


def vm_hwm_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def finish_and_rss(env, runs):
    late, rss = [], []
    for _ in range(runs):
        late.append(tt.lateness_once(env, False))
    # Peak RSS at the finish screen of one more run.
    c = tt.Child(env, "run", "bench-five", "--pain", "0")
    try:
        c.expect(b"Session complete", timeout=30.0)
        rss.append(vm_hwm_kb(c.pid))
    finally:
        c.close(b"q")
    return late, rss


def status_times(env, runs):
    out = []
    for _ in range(runs):
        t = time.monotonic()
        subprocess.run(env.argv("status"), env=env.env, capture_output=True, check=True)
        out.append(time.monotonic() - t)
    return out


def measure(env, runs):
    frames = tt.first_frame(env, runs)
    late, rss = finish_and_rss(env, max(3, runs // 2))
    status = status_times(env, runs * 2)
    return frames, late, rss, status


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--no-build", action="store_true")
    args = ap.parse_args()
    runs = 5 if args.quick else 15
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release"], cwd=tt.ROOT, check=True)
        subprocess.run(
            ["cargo", "build", "--release", "--example", "sample_log"], cwd=tt.ROOT, check=True
        )
    gen = os.path.join(tt.ROOT, "target", "release", "examples", "sample_log")
    results = {}
    for label, n in (("empty", 0), (f"{SESSIONS:,} sessions", SESSIONS)):
        env = tt.Env(20)
        try:
            if n:
                path = os.path.join(env.dir, "sessions.jsonl")
                with open(path, "wb") as f:
                    subprocess.run([gen, str(n)], stdout=f, check=True)
                t = time.monotonic()
                subprocess.run(env.argv("log", "import", path), env=env.env, check=True,
                               capture_output=True)
                print(f"import of {n} sessions: {time.monotonic() - t:.1f} s", file=sys.stderr)
            results[label] = measure(env, runs)
            db = os.path.join(env.data, "history.sqlite3")
            size = os.path.getsize(db) / 1e6 if os.path.exists(db) else 0.0
            results[label] += (size,)
        finally:
            env.cleanup()

    m = tt.machine()
    print(
        f"Measured with `python3 benches/history_timing.py` on {time.strftime('%Y-%m-%d')}: "
        f"{m['cpus']} cores ({m['model']}), Linux {m['kernel']}, {m['rustc']}, release build, "
        f"80x24 pseudo-terminal; load average before: {m['load']}; medians of {runs} runs.\n"
    )
    print("| history | database | first frame `limber` | first frame `limber run` "
          "| finish screen late by | peak RSS | `limber status` |")
    print("|---|---|---|---|---|---|---|")
    for label, (frames, late, rss, status, size) in results.items():
        home = frames["home screen (`limber`)"][1]
        run = frames["session (`limber run`)"][1]
        print(
            f"| {label} | {size:.1f} MB | {tt.ms(home)} | {tt.ms(run)} "
            f"| {tt.ms(statistics.median(late))} (max {tt.ms(max(late))}) "
            f"| {max(rss) / 1024:.1f} MB | {tt.ms(statistics.median(status))} "
            f"(max {tt.ms(max(status))}) |"
        )


if __name__ == "__main__":
    main()
