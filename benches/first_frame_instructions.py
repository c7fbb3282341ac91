#!/usr/bin/env python3
"""Instructions limber runs up to its first frame, counted by callgrind.

Usage, from the repository root:

    python3 benches/first_frame_instructions.py BINARY [ARGS...]
    python3 benches/first_frame_instructions.py /tmp/old/limber run bench-countdown --pain 0

Wall-clock start-up figures swing with whatever else the machine runs;
an instruction count does not, so this is the figure to compare builds
by on a shared machine (benches/side_by_side.py gives the milliseconds).
valgrind is installed with `apt-get install valgrind` if missing.

The binary needs its symbols: the shipped release profile strips them,
so build one for this with them kept, e.g. (about the release profile,
without fat LTO, which only makes the build slow):

    CARGO_TARGET_DIR=/tmp/limber-prof CARGO_PROFILE_RELEASE_LTO=false \\
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_STRIP=false \\
    CARGO_PROFILE_RELEASE_DEBUG=line-tables-only cargo build --release --bin limber

It runs BINARY once as benches/tui_timing.py does (80x24 pseudo-terminal,
the bench routines in a temporary home, an empty history), then again
under `valgrind --tool=callgrind --dump-after=<ratatui's Terminal::try_draw>`,
so that the first dump counts everything from exec to the end of the first
frame (ld.so, main, threads), waits for the footer, quits, and prints that
count. `--keep DIR` (before BINARY) leaves the callgrind files there for
`callgrind_annotate --inclusive=yes DIR/callgrind.out.*.1`.
"""

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tui_timing as tt  # noqa: E402

FIRST_FRAME = "*Terminal*try_draw*"


class Callgrind:
    """tt.Env's command line under callgrind, for tt.Child."""

    def __init__(self, env, out_dir):
        self.base, self.out_dir = env, out_dir
        self.env, self.dir = env.env, env.dir

    def argv(self, *args):
        return ["valgrind", "--tool=callgrind", f"--dump-after={FIRST_FRAME}",
                f"--callgrind-out-file={self.out_dir}/callgrind.out.%p",
                *self.base.argv(*args)]


def count(binary, args, out_dir):
    """Instructions to the end of the first frame of `binary args`."""
    env = tt.Env(60, os.path.abspath(binary))
    quit_keys = b"qy" if args[:1] == ["run"] else b"q"
    try:
        # Once outside valgrind: the first start creates the database.
        c = tt.Child(env, *args)
        c.expect(b"help")
        c.close(quit_keys)
        c = tt.Child(Callgrind(env, out_dir), *args)
        c.expect(b"help", timeout=120)
        c.close(quit_keys, timeout=60)
    finally:
        env.cleanup()
    parts = glob.glob(os.path.join(out_dir, "callgrind.out.*.1"))
    if len(parts) != 1:
        sys.exit(f"expected one first-frame dump in {out_dir}, found {parts}")
    with open(parts[0]) as f:
        m = re.search(r"^(?:summary|totals): (\d+)", f.read(), re.M)
    return int(m.group(1))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("binary")
    ap.add_argument("args", nargs=argparse.REMAINDER)
    ap.add_argument("--keep", metavar="DIR", help="leave the callgrind files here")
    a = ap.parse_args()
    if not shutil.which("valgrind"):
        subprocess.run(["apt-get", "install", "-y", "valgrind"], check=True)
    out_dir = a.keep or tempfile.mkdtemp(prefix="limber-callgrind-")
    os.makedirs(out_dir, exist_ok=True)
    for f in glob.glob(os.path.join(out_dir, "callgrind.out.*")):
        os.remove(f)
    t = time.strftime("%Y-%m-%d %H:%M")
    n = count(a.binary, a.args, out_dir)
    print(f"{t} `{' '.join(['limber', *a.args])}` ({a.binary}): "
          f"{n:,} instructions to the first frame")
    if not a.keep:
        shutil.rmtree(out_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
