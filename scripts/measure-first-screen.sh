#!/usr/bin/env bash
# Time to the reader's first screen of text on the synthetic corpus, this
# build against another (OLD_BIN), runs interleaved so both see the same
# machine load. Each run starts the real binary in a pseudo-terminal of its
# own (WIDTHxHEIGHT, default 160x45), reads everything it writes, and notes
# when the written text (escape sequences removed) first holds
#   text:  the first words of the input's first article (the first screen
#          of article text), or the story list, whichever comes first;
#   list:  the story list's header ("N stories from M articles"): the
#          input grouped and analysed, the screen a multi-story input
#          settles on.
# Then it sends `q` and waits for the exit. Prints medians in ms and the
# load average.
#
#   OLD_BIN=path scripts/measure-first-screen.sh [ARTICLES ...] (default 10000 50000)
#   RUNS=5 SIZE=160x45 NO_BUILD=1 (use the binaries as they are)
set -euo pipefail
cd "$(dirname "$0")/.."
old=${OLD_BIN:?set OLD_BIN to the binary to compare with}
runs=${RUNS:-5}
size=${SIZE:-160x45}
counts=${*:-10000 50000}
[ -n "${NO_BUILD:-}" ] || cargo build --release --quiet --bin crossread --example gen_corpus
new=target/release/crossread
for n in $counts; do
  dir=${CORPUS_DIR:-target/corpus-$n}
  [ -f "$dir/articles.jsonl" ] || target/release/examples/gen_corpus --articles "$n" --out "$dir" >/dev/null
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$old" "$new" "$runs" "$size" $counts <<'EOF'
import fcntl, json, os, pty, re, select, signal, statistics, struct, subprocess, sys, termios, time

old, new, runs, size, *counts = sys.argv[1:]
runs = int(runs)
cols, rows = (int(x) for x in size.split("x"))
# CSI, OSC (ended by BEL or ST), and two-byte escapes. Cursor moves become
# a space: the diff skips cells that stay blank, so words are apart only so.
ESC = re.compile(rb"\x1b\[[0-9;?<>=!]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78DEHMc]")

def gap(m):
    return b" " if m.group(0)[-1:] in b"HfGCd" else b""

def one_run(binary, path, needle):
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", NO_COLOR="")
    env.pop("NO_COLOR")
    t0 = time.monotonic()
    proc = subprocess.Popen([binary, path], stdin=slave, stdout=slave, stderr=slave,
                            env=env, start_new_session=True)
    os.close(slave)
    raw, text_at, list_at = b"", None, None
    deadline = t0 + 120
    while list_at is None and time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(master, 1 << 16)
        except OSError:
            break
        if not chunk:
            break
        now = time.monotonic()
        raw += chunk
        # Answer a cursor-position query, as a terminal would.
        if b"\x1b[6n" in chunk:
            os.write(master, b"\x1b[1;1R")
        plain = ESC.sub(gap, raw[-(1 << 20):])
        listed = re.search(rb"\d+\s+stories\s+from\s+\d+\s+articles", plain) is not None
        if text_at is None and (needle.search(plain) or listed):
            text_at = now - t0
        if listed:
            list_at = now - t0
    os.write(master, b"q")
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    # Drain so the child never blocks on a full pty.
    os.close(master)
    return text_at, list_at

def ms(xs):
    xs = [x for x in xs if x is not None]
    return f"{statistics.median(xs) * 1000:8.0f}" if xs else "       -"

print(f"{size} terminal, {runs} runs each, interleaved (medians, ms)")
print(f"{'articles':>9} {'old text':>9} {'new text':>9} {'old list':>9} {'new list':>9}")
for n in counts:
    path = os.environ.get("CORPUS_DIR", f"target/corpus-{n}") + "/articles.jsonl"
    with open(path, encoding="utf-8") as f:
        first = json.loads(f.readline())
    words = first["paragraphs"][0].split()[:3]
    needle = re.compile(rb"\s+".join(re.escape(w.encode()) for w in words))
    res = {"old": [], "new": []}
    for _ in range(runs):
        for name, binary in (("old", old), ("new", new)):
            res[name].append(one_run(binary, path, needle))
    print(f"{n:>9} {ms([r[0] for r in res['old']])} {ms([r[0] for r in res['new']])}"
          f" {ms([r[1] for r in res['old']])} {ms([r[1] for r in res['new']])}")
EOF
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
