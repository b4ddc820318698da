#!/usr/bin/env bash
# Bytes the real binary writes to its terminal per action, frames for a
# burst of keys, and idle CPU, measured in tmux (pipe-pane captures exactly
# what the program writes to its pty). Each size runs the reader twice,
# with scroll regions off (CROSSREAD_SCROLL_REGION=off: every row
# rewritten, as before them) and on (the default for TERM=xterm-256color),
# and `less` on the story's text, wrapped at the zoomed column's width,
# for the same scrolls.
#
#   scripts/measure-terminal.sh [WIDTHxHEIGHT ...]   (default: 80x24 200x50)
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in tmux less jq; do
  command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 1; }
done
# A tmux server of our own, without the user's configuration.
tmux() { command tmux -L crossread-measure -f /dev/null "$@"; }
cargo build --release --quiet --bin crossread
bin=$PWD/target/release/crossread
sizes=${*:-80x24 200x50}
out=$(mktemp -d)
trap 'tmux kill-server 2>/dev/null || true; rm -rf "$out"' EXIT

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
record() { printf '%s\t%s\n' "$1" "$2" >>"$out/$label"; }
step() { # step NAME KEYS...: bytes written by sending KEYS
  local name=$1; shift
  local before; before=$(bytes)
  tmux send-keys -t measure "$@"
  settle
  record "$name" $(( $(bytes) - before ))
}
start() { # start W H COMMAND: a fresh session capturing COMMAND's output
  tmux kill-session -t measure 2>/dev/null || true
  : >"$out/raw"
  # The program starts after a second, once the capture is on.
  tmux new-session -d -s measure -x "$1" -y "$2" "sleep 1; $3"
  tmux pipe-pane -t measure -o "cat >> $out/raw"
  sleep 1.5
  settle
  record "first frame" "$(bytes)"
}

reader() { # reader W H MODE
  label=$3
  : >"$out/$label"
  start "$1" "$2" "TERM=xterm-256color CROSSREAD_SCROLL_REGION=$3 $bin; sleep 60"
  step "scroll one line (j)" j
  step "scroll one line (k)" k
  step "page (space)" Space
  step "focus change (l)" l
  step "filter: open (/)" /
  step "filter keystroke (f)" f
  step "filter keystroke (o)" o
  step "filter clear (Esc)" Escape
  local before frames_before frames
  before=$(bytes)
  frames_before=$(grep -ao $'\e\[?2026h' "$out/raw" | wc -l)
  tmux send-keys -t measure jjjjjjjjjjjjjjjjjjjjjjjjjjjjjj
  settle
  frames=$(( $(grep -ao $'\e\[?2026h' "$out/raw" | wc -l) - frames_before ))
  record "burst of 30 j" "$(( $(bytes) - before )) B, $frames fr"
  step "zoom (z)" z
  zoom_steps
  local pid t0 t1 tick
  pid=$(pgrep -n -f "^$bin")
  t0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  before=$(bytes)
  sleep 10
  t1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  tick=$(getconf CLK_TCK)
  record "idle 10 s" "$(( $(bytes) - before )) B, $(( (t1 - t0) * 1000 / tick )) ms"
  tmux send-keys -t measure q
}

zoom_steps() { # the same keys in the zoomed reader and in less, from the top
  step "zoom: top (g)" g
  step "zoom: scroll one line (j)" j
  step "zoom: scroll one line (j) again" j
  step "zoom: scroll one line (k)" k
  step "zoom: page (space)" Space
  step "zoom: page back (b)" b
  # One line costs what the line coming in holds (a blank line almost
  # nothing): the mean of ten, each on its own frame.
  local before i
  before=$(bytes)
  for i in 1 2 3 4 5 6 7 8 9 10; do
    tmux send-keys -t measure j
    settle
  done
  record "zoom: one line (j), mean of 10" $(( ($(bytes) - before) / 10 ))
}

pager() { # less on the story's text, as wide as the zoomed column's
  local w=$1 h=$2
  label=less
  : >"$out/$label"
  # The zoomed column: at most 100 text cells plus gutter and scrollbar.
  local text=$(( (w < 104 ? w : 104) - 4 ))
  "$bin" export | jq -r '.articles[].paragraphs[] | ., ""' | fold -s -w "$text" >"$out/text"
  start "$w" "$h" "TERM=xterm-256color less $out/text; sleep 60"
  zoom_steps
  tmux send-keys -t measure q
}

for size in $sizes; do
  w=${size%x*}; h=${size#*x}
  reader "$w" "$h" off
  reader "$w" "$h" on
  pager "$w" "$h"
  printf '%s\n  %-34s %14s %14s %8s\n' "$size" "bytes written" "regions off" "regions on" "less"
  cut -f1 "$out/on" | while IFS= read -r name; do
    value() { awk -F'\t' -v n="$name" '$1 == n { print $2 }' "$out/$1"; }
    printf '  %-34s %14s %14s %8s\n' "$name" "$(value off)" "$(value on)" "$(value less)"
  done
done
