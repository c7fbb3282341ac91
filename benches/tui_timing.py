#!/usr/bin/env python3
"""Timing benchmark for limber's coach, run by hand (not in CI).

Usage, from the repository root:

    python3 benches/tui_timing.py            # everything, about 6 minutes
    python3 benches/tui_timing.py --quick    # fewer runs and a 10 s CPU window
    python3 benches/tui_timing.py --cpu-only --binary target/debug/limber
                                             # (b) alone, on a debug build

It builds `cargo build --release`, then drives target/release/limber in a
pseudo-terminal (80x24, TERM=xterm-256color, LANG=C, NO_COLOR=1, a temp
data directory) and measures:

  (a) time to first frame: from spawn until the first output, and until the
      first complete frame (its footer drawn), for the home screen
      (`limber`) and for `limber run`; median of 20 runs each.
  (b) CPU used during a 60 s countdown: `limber run` on a routine with one
      70 s timed step; utime+stime from /proc/PID/stat (and the exact
      on-CPU time of all threads from /proc/PID/task/*/schedstat) sampled
      2 s after the first frame and 60 s later, as % of one core. The TUI,
      `--plain` and the TUI with `--voice` (espeak-ng on the PATH, which
      says the step's start and its halfway mark inside the window) run
      side by side; for the voice, the speakers' own CPU (reaped children,
      cutime+cstime) is shown apart. Target: < 0.1 %.
  (c) how late the last phase ends: a routine of exactly 5.000 s in 11
      phases (4 steps); when "Session complete" appears, minus 5.000 s after
      the session start. The start is estimated from every phase start seen
      (plain: each "»" line; TUI: each step's header), as the least delayed
      of (seen - planned offset), so one late first frame cannot skew it.
      Idle, with one busy-loop process (the other core busy) and with two.
      Target: < 10 ms. The figure includes the pseudo-terminal and this
      script's own wake-up, so it is an upper bound.

Results go to standard output as Markdown, ready for docs/PERFORMANCE.md.
Linux only (/proc). Python 3.11, standard library only.
"""

import argparse
import fcntl
import os
import platform
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "limber")
COLS, ROWS = (int(v) for v in os.environ.get("LIMBER_BENCH_SIZE", "80x24").split("x"))

COUNTDOWN_RON = """Routine(
    id: "bench-countdown",
    version: 1,
    lang: "en",
    title: "Bench countdown",
    schedule: Schedule(times_per_day: 1),
    get_ready: "0s",
    switch_side: "0s",
    steps: [
        Step(id: "sit", title: "Sit still", kind: Timed(duration: "%ds"), pose: "figure-four"),
    ],
)
"""

# 1 s + (3 x 500 ms holds, 2 x 250 ms rests) + 2 reps of 250+250 ms + 1 s
# = 1.0 + 2.0 + 1.0 + 1.0 = 5.000 s, 11 phases, no get-ready.
FIVE_SECONDS = 5.000
PHASES_RON = """Routine(
    id: "bench-five",
    version: 1,
    lang: "en",
    title: "Bench five seconds",
    schedule: Schedule(times_per_day: 1),
    get_ready: "0s",
    switch_side: "0s",
    steps: [
        Step(id: "a", title: "First", kind: Timed(duration: "1s")),
        Step(id: "b", title: "Holds", kind: Hold(duration: "500ms", reps: 3, rest: "250ms")),
        Step(id: "c", title: "Reps", kind: Reps(count: 2, tempo: [
            Beat(label: "Up", duration: "250ms"),
            Beat(label: "Down", duration: "250ms"),
        ])),
        Step(id: "d", title: "Last", kind: Timed(duration: "1s")),
    ],
)
"""


def bench_env(home):
    """The environment every benchmarked program runs in: a private home,
    the C locale, no colour, an xterm."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": home,
        "XDG_CONFIG_HOME": os.path.join(home, ".config"),
        "XDG_DATA_HOME": os.path.join(home, ".local/share"),
        "LANG": "C",
        "NO_COLOR": "1",
        "TERM": "xterm-256color",
    }


class Env:
    """A temp home with the bench routines and an acknowledged notice."""

    def __init__(self, countdown_secs, binary=None):
        # Which limber to run: side_by_side.py runs two builds at once.
        self.bin = binary or BIN
        self.dir = tempfile.mkdtemp(prefix="limber-bench-")
        self.routines = os.path.join(self.dir, "routines")
        self.data = os.path.join(self.dir, "data")
        os.makedirs(self.routines)
        os.makedirs(self.data)
        with open(os.path.join(self.routines, "bench-countdown.ron"), "w") as f:
            f.write(COUNTDOWN_RON % countdown_secs)
        with open(os.path.join(self.routines, "bench-five.ron"), "w") as f:
            f.write(PHASES_RON)
        self.ack()
        home = os.path.join(self.dir, "home")
        os.makedirs(home)
        self.env = bench_env(home)

    def ack(self):
        with open(os.path.join(self.data, "settings.json"), "w") as f:
            f.write('{"safety_acknowledged": true}')

    def argv(self, *args):
        return [self.bin, "--data-dir", self.data, "--routines", self.routines, *args]

    def cleanup(self):
        shutil.rmtree(self.dir, ignore_errors=True)


class Child:
    """limber in a pseudo-terminal; output read with timestamps."""

    def __init__(self, env, *args):
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        self.spawned = time.monotonic()
        self.proc = subprocess.Popen(
            env.argv(*args),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env.env,
            cwd=env.dir,
            start_new_session=True,
            # Make the pty the controlling terminal, as a real one would be.
            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),
        )
        os.close(slave)
        self.master = master
        self.buf = bytearray()
        self.first_output = None
        self.last_read = None
        self.reads = []  # (time of a read, output length after it)
        self.eof = False

    @property
    def pid(self):
        return self.proc.pid

    def pump(self, timeout):
        """Reads what is there (waiting up to `timeout`); returns the time
        the last read returned, or None."""
        if self.eof:
            return None
        r, _, _ = select.select([self.master], [], [], max(0.0, timeout))
        if not r:
            return None
        try:
            data = os.read(self.master, 65536)
        except OSError:
            data = b""
        now = time.monotonic()
        if not data:
            self.eof = True
            return None
        if self.first_output is None:
            self.first_output = now
        self.buf += data
        self.reads.append((now, len(self.buf)))
        return now

    def expect(self, needle, timeout=15.0, start=0):
        """Waits until `needle` is in the output after byte `start`; returns
        (time of the read that brought it, index just past it)."""
        deadline = time.monotonic() + timeout
        while True:
            i = self.buf.find(needle, start)
            if i >= 0:
                return self.last_read, i + len(needle)
            left = deadline - time.monotonic()
            if left <= 0 or self.eof:
                tail = bytes(self.buf[-400:])
                raise TimeoutError(f"no {needle!r} in output; tail: {tail!r}")
            t = self.pump(left)
            if t is not None:
                self.last_read = t

    def time_of(self, index):
        """When byte `index` of the output was read."""
        for t, length in self.reads:
            if length > index:
                return t
        raise IndexError(index)

    def drain_until(self, deadline):
        while time.monotonic() < deadline and not self.eof:
            self.pump(deadline - time.monotonic())

    def send(self, data):
        os.write(self.master, data)

    def close(self, keys=b"q", timeout=10.0):
        """Asks limber to quit with `keys`, then makes sure it is gone."""
        try:
            if self.proc.poll() is None and keys:
                self.send(keys)
            deadline = time.monotonic() + timeout
            while self.proc.poll() is None and time.monotonic() < deadline:
                self.pump(0.05)
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait()
        finally:
            os.close(self.master)


def cpu_sample(pid):
    """(utime+stime in seconds, on-CPU ns of all threads, voluntary context
    switches of all threads) for `pid`."""
    with open(f"/proc/{pid}/stat") as f:
        stat = f.read()
    fields = stat[stat.rindex(")") + 2 :].split()
    ticks = int(fields[11]) + int(fields[12])
    oncpu = 0
    switches = 0
    task_dir = f"/proc/{pid}/task"
    for tid in os.listdir(task_dir):
        try:
            with open(f"{task_dir}/{tid}/schedstat") as f:
                oncpu += int(f.read().split()[0])
            with open(f"{task_dir}/{tid}/status") as f:
                for line in f:
                    if line.startswith("voluntary_ctxt_switches"):
                        switches += int(line.split()[1])
        except (FileNotFoundError, ProcessLookupError):
            pass
    return ticks / os.sysconf("SC_CLK_TCK"), oncpu, switches


def children_cpu(pid):
    """CPU seconds of the reaped children of `pid` (the voice's speakers)."""
    with open(f"/proc/{pid}/stat") as f:
        stat = f.read()
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")


def busy_loops(n):
    return [
        subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(n)
    ]


def stop(procs):
    for p in procs:
        p.kill()
        p.wait()


def ms(x):
    return f"{x * 1000:.1f} ms"


# (a) ------------------------------------------------------------------------


def first_frame(env, runs):
    """Median time from spawn to first output and to a complete first
    frame (footer drawn: ends with "help")."""
    results = {}
    cases = [
        ("home screen (`limber`)", (), b"help", b"q"),
        ("session (`limber run`)", ("run", "bench-countdown", "--pain", "0"), b"help", b"qy"),
    ]
    for name, args, needle, quit_keys in cases:
        first, full = [], []
        for _ in range(runs):
            c = Child(env, *args)
            try:
                t, _ = c.expect(needle)
                first.append(c.first_output - c.spawned)
                full.append(t - c.spawned)
            finally:
                c.close(quit_keys)
        results[name] = (statistics.median(first), statistics.median(full), max(full))
    return results


# (b) ------------------------------------------------------------------------


def countdown_cpu(env, window):
    """CPU of the TUI and of --plain while a long countdown runs."""
    tui = Child(env, "run", "bench-countdown", "--pain", "0")
    plain = Child(env, "run", "bench-countdown", "--plain", "--pain", "0")
    voice = Child(env, "run", "bench-countdown", "--pain", "0", "--voice")
    children = (tui, plain, voice)
    try:
        tui.expect(b"help")
        plain.expect(": Work".encode())
        voice.expect(b"help")
        # Let start-up work settle before the window opens.
        settle = time.monotonic() + 2.0
        for c in children:
            c.drain_until(settle)
        t0 = time.monotonic()
        before = {c: cpu_sample(c.pid) for c in children}
        speakers0 = children_cpu(voice.pid)
        end = t0 + window
        while time.monotonic() < end:
            for c in children:
                c.drain_until(min(end, time.monotonic() + 0.1))
        elapsed = time.monotonic() - t0
        after = {c: cpu_sample(c.pid) for c in children}
        speakers = children_cpu(voice.pid) - speakers0
    finally:
        tui.close(b"qy")
        voice.close(b"qy")
        plain.close(b"\x03")
    out = {}
    for name, c in (("TUI", tui), ("--plain", plain), ("TUI, --voice", voice)):
        (u0, n0, s0), (u1, n1, s1) = before[c], after[c]
        out[name] = {
            "window": elapsed,
            "stat_pct": 100.0 * (u1 - u0) / elapsed,
            "stat_s": u1 - u0,
            "sched_pct": 100.0 * (n1 - n0) / 1e9 / elapsed,
            "sched_ms": (n1 - n0) / 1e6,
            "wakeups_per_s": (s1 - s0) / elapsed,
        }
    out["TUI, --voice"]["speakers_pct"] = 100.0 * speakers / elapsed
    return out


# (c) ------------------------------------------------------------------------


# Where each phase of bench-five starts, in seconds from the session start.
# Plain mode prints a "»" line for each of the 11 phases; the TUI header
# (row 1) changes at each of the 4 steps.
PLAIN_ANCHORS = [0.0, 1.0, 1.5, 1.75, 2.25, 2.5, 3.0, 3.25, 3.5, 3.75, 4.0]
TUI_ANCHORS = [(b"First", 0.0), (b"Holds", 1.0), (b"Reps", 3.0), (b"Last", 4.0)]


def lateness_once(env, plain):
    """How late "Session complete" shows, against the session start.

    The start is estimated from every phase start seen: each is observed
    at start + planned offset + some delay >= 0, so the least delayed one
    gives the best estimate (min of observed - offset). A single late
    first frame then cannot make the finish look early or late."""
    args = ("run", "bench-five", "--plain", "--pain", "0") if plain else ("run", "bench-five", "--pain", "0")
    c = Child(env, *args)
    try:
        t_end, _ = c.expect(b"Session complete", timeout=30.0)
    finally:
        c.close(b"" if plain else b"q")
    end_index = c.buf.find(b"Session complete")
    if plain:
        marks = [m.start() for m in re.finditer("\u00bb ".encode(), c.buf[:end_index])]
        if len(marks) != len(PLAIN_ANCHORS):
            raise RuntimeError(f"expected {len(PLAIN_ANCHORS)} phase lines, got {len(marks)}")
        seen = [(c.time_of(i), off) for i, off in zip(marks, PLAIN_ANCHORS)]
    else:
        seen = []
        for title, off in TUI_ANCHORS:
            header = rb"\x1b\[1;1H(?:\x1b\[[0-9;]*m)*" + title
            m = re.search(header, c.buf)
            if not m:
                raise RuntimeError(f"no header {title!r} in the TUI output")
            seen.append((c.time_of(m.end() - 1), off))
    start = min(t - off for t, off in seen)
    return t_end - start - FIVE_SECONDS


def lateness(env, runs):
    out = {}
    for busy in (0, 1, 2):
        hogs = busy_loops(busy)
        try:
            time.sleep(0.5 if busy else 0)
            for plain in (True, False):
                late = [lateness_once(env, plain) for _ in range(runs)]
                out[(busy, "--plain" if plain else "TUI")] = late
        finally:
            stop(hogs)
    return out


# ----------------------------------------------------------------------------


def machine():
    model = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    load = os.getloadavg()
    return {
        "cpus": os.cpu_count(),
        "model": model,
        "kernel": platform.release(),
        "rustc": rustc,
        "load": f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}",
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer runs, 10 s CPU window")
    ap.add_argument("--no-build", action="store_true", help="use the existing release binary")
    ap.add_argument("--cpu-only", action="store_true", help="only (b), the CPU during a countdown")
    ap.add_argument("--binary", help="run this limber (say, a debug build) instead; implies --no-build")
    args = ap.parse_args()
    frame_runs, cpu_window, late_runs = (5, 10.0, 3) if args.quick else (20, 60.0, 8)
    # The countdown outlasts the window: start-up and the 2 s settle first.
    countdown_secs = 20 if args.quick else 70

    if not (args.no_build or args.binary):
        subprocess.run(["cargo", "build", "--release"], cwd=ROOT, check=True)
    binary = os.path.abspath(args.binary) if args.binary else None
    env = Env(countdown_secs, binary)
    try:
        m = machine()
        print("## Coach (TUI)\n")
        print(
            f"Measured with `python3 benches/tui_timing.py` on {time.strftime('%Y-%m-%d')}: "
            f"{m['cpus']} cores ({m['model']}), Linux {m['kernel']}, {m['rustc']}, "
            f"{'`' + args.binary + '`' if args.binary else 'release build'}, {COLS}x{ROWS} pseudo-terminal; "
            f"load average before: {m['load']}.\n"
        )

        if not args.cpu_only:
            print(f"### (a) Time to first frame (median of {frame_runs} runs)\n")
            print("| screen | first output | first complete frame | slowest frame |")
            print("|---|---|---|---|")
            for name, (first, full, worst) in first_frame(env, frame_runs).items():
                print(f"| {name} | {ms(first)} | {ms(full)} | {ms(worst)} |")
            sys.stdout.flush()

        print(
            f"\n### (b) CPU during a countdown: a {cpu_window:.0f} s window inside a "
            f"{countdown_secs} s timed step (target < 0.1 % of one core)\n"
        )
        print("| mode | window | CPU (/proc stat, 10 ms ticks) | CPU (schedstat, exact) | wake-ups |")
        print("|---|---|---|---|---|")
        for name, r in countdown_cpu(env, cpu_window).items():
            print(
                f"| {name} | {r['window']:.1f} s | {r['stat_pct']:.3f} % ({r['stat_s'] * 1000:.0f} ms) "
                f"| {r['sched_pct']:.4f} % ({r['sched_ms']:.1f} ms) | {r['wakeups_per_s']:.2f}/s |"
            )
            if "speakers_pct" in r:
                print(f"\nThe voice's speakers themselves (espeak-ng): {r['speakers_pct']:.3f} % over the window.")
        sys.stdout.flush()
        if args.cpu_only:
            return

        print(
            f"\n### (c) Lateness of the finish after {FIVE_SECONDS:.3f} s of planned phases "
            f"({late_runs} runs each; target < 10 ms)\n"
        )
        print("| load | mode | median | max | min |")
        print("|---|---|---|---|---|")
        loads = {0: "idle", 1: "1 busy loop (other core busy)", 2: "2 busy loops (both cores busy)"}
        for (busy, mode), late in lateness(env, late_runs).items():
            print(
                f"| {loads[busy]} | {mode} | {ms(statistics.median(late))} "
                f"| {ms(max(late))} | {ms(min(late))} |"
            )
    finally:
        env.cleanup()


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.default_int_handler)
    main()
