#!/usr/bin/env python3
"""Filter keystrokes before the index, robust to a noisy machine.

Runs the `while_indexing` benchmark of each given bench binary ROUNDS
times, the binaries alternated (old, new, old, new, ...), and prints for
each binary and phase (typed from the start / once the sketch is done, at
10k and 50k articles):

- per keystroke, the median of its complete-reply time over the rounds;
  the worst four of those medians and which keystrokes they are (what
  the code costs, without the host's one-off stalls), their median and
  their sum (the steadiest figure of the three);
- the raw worst keystroke of each round (what one run shows).

Usage:
    cargo bench --bench engine --no-run      # prints the binary's path
    scripts/measure-keystrokes.py 5 OLD_BIN NEW_BIN

(Build the old binary from a worktree with its own CARGO_TARGET_DIR, and
run nothing else meanwhile: two cores.)
"""

import os
import re
import statistics
import subprocess
import sys

KEYSTROKE = re.compile(
    r"^\s+(?P<phase>.*?), (?P<key>\"[^\"]*\"): screen \S+, "
    r"complete (?P<value>[\d.]+)(?P<unit>µs|ms|s)\b"
)
UNIT_MS = {"µs": 1e-3, "ms": 1.0, "s": 1e3}
# The worst keystrokes shown per phase (their medians, worst first).
TOP = 4


def one_run(binary):
    """{phase: [(keystroke, ms), ...]} of one benchmark run."""
    env = dict(os.environ, CROSSREAD_BENCH_KEYSTROKES="1")
    out = subprocess.run(
        [binary, "--bench", "while_indexing"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    phases = {}
    for line in (out.stdout + out.stderr).splitlines():
        m = KEYSTROKE.match(line)
        if m:
            ms = float(m["value"]) * UNIT_MS[m["unit"]]
            phases.setdefault(m["phase"], []).append((m["key"], ms))
    return phases


def main():
    if len(sys.argv) < 3 or not sys.argv[1].isdigit():
        sys.exit(__doc__)
    rounds, binaries = int(sys.argv[1]), sys.argv[2:]
    runs = {b: [] for b in binaries}
    for r in range(rounds):
        for b in binaries:
            with open("/proc/loadavg") as f:
                load = f.read().split()[0]
            print(f"round {r + 1}/{rounds}, load {load}: {b}", file=sys.stderr)
            runs[b].append(one_run(b))
    for b in binaries:
        print(f"== {b}")
        phases = runs[b][0].keys()
        for phase in phases:
            seqs = [run[phase] for run in runs[b] if phase in run]
            n = min(len(s) for s in seqs)
            medians = [
                (statistics.median(s[i][1] for s in seqs), seqs[0][i][0])
                for i in range(n)
            ]
            ranked = sorted(medians, reverse=True)
            print(
                f"  {phase}: per-keystroke median over {len(seqs)} runs: "
                f"worst {', '.join(f'{m:.1f} ms ({k})' for m, k in ranked[:TOP])}; "
                f"median {statistics.median(m for m, _ in medians):.1f} ms, "
                f"sum {sum(m for m, _ in medians):.0f} ms; "
                f"raw worst per run "
                f"{', '.join(f'{max(v for _, v in s):.1f}' for s in seqs)} ms"
            )


if __name__ == "__main__":
    main()
