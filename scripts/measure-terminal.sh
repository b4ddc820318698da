#!/usr/bin/env bash
# Bytes the real binary writes to its terminal per action, frames for a
# burst of keys, and idle CPU, measured in tmux (pipe-pane captures exactly
# what the program writes to its pty).
#
#   scripts/measure-terminal.sh [WIDTHxHEIGHT ...]   (default: 80x24 200x50)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v tmux >/dev/null || { echo "needs tmux" >&2; exit 1; }
# A tmux server of our own, without the user's configuration.
tmux() { command tmux -L crossread-measure -f /dev/null "$@"; }
cargo build --release --quiet --bin crossread
bin=$PWD/target/release/crossread
sizes=${*:-80x24 200x50}
out=$(mktemp -d)
trap 'tmux kill-session -t measure 2>/dev/null || true; rm -rf "$out"' EXIT

settle() { # wait until the capture file stops growing
  local last=-1 now
  while true; do
    sleep 0.25
    now=$(stat -c %s "$out/raw")
    [ "$now" = "$last" ] && break
    last=$now
  done
}
bytes() { stat -c %s "$out/raw"; }
step() { # step NAME KEYS...: bytes written by sending KEYS
  local name=$1; shift
  local before; before=$(bytes)
  tmux send-keys -t measure "$@"
  settle
  printf '  %-28s %7d bytes\n' "$name" $(( $(bytes) - before ))
}

for size in $sizes; do
  w=${size%x*}; h=${size#*x}
  tmux kill-session -t measure 2>/dev/null || true
  : >"$out/raw"
  tmux new-session -d -s measure -x "$w" -y "$h" "TERM=xterm-256color $bin; sleep 60"
  tmux pipe-pane -t measure -o "cat >> $out/raw"
  settle
  echo "$size"
  printf '  %-28s %7d bytes\n' "first frame" "$(bytes)"
  step "scroll one line (j)" j
  step "scroll one line (k)" k
  step "page (space)" Space
  step "focus change (l)" l
  step "filter: open (/)" /
  step "filter keystroke (f)" f
  step "filter keystroke (o)" o
  step "filter clear (Esc)" Escape
  before=$(bytes)
  frames_before=$(grep -ao $'\e\[?2026h' "$out/raw" | wc -l)
  tmux send-keys -t measure jjjjjjjjjjjjjjjjjjjjjjjjjjjjjj
  settle
  frames=$(( $(grep -ao $'\e\[?2026h' "$out/raw" | wc -l) - frames_before ))
  printf '  %-28s %7d bytes, %d frames\n' "burst of 30 j" $(( $(bytes) - before )) "$frames"
  pid=$(pgrep -n -f "^$bin")
  t0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  before=$(bytes)
  sleep 10
  t1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  tick=$(getconf CLK_TCK)
  printf '  %-28s %7d bytes, %d ms CPU\n' "idle 10 s" $(( $(bytes) - before )) $(( (t1 - t0) * 1000 / tick ))
  tmux send-keys -t measure q
done
