#!/usr/bin/env bash
# Times `crossread search --lines` against `fzf --filter` and `rg -i -F`
# on the same file, whole process, several runs each, and prints the median
# times, the ratios (fzf / crossread: higher is better for crossread;
# crossread / rg: the target is at most 3x) and how many passages each
# returned. rg matches literally, so its counts differ for fuzzy queries.
# OLD_BIN=path adds a column for another crossread binary (before/after).
# crossread, rg and the old build are run in turn, run after run, so the
# ratios compare the same moments of a noisy machine.
#
#   scripts/compare-fzf.sh [ARTICLES] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
articles=${1:-10000}
runs=${2:-7}
dir=${CORPUS_DIR:-target/corpus-$articles}

if ! command -v fzf >/dev/null 2>&1; then
  echo "installing fzf..." >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fzf) >/dev/null
fi
if ! command -v rg >/dev/null 2>&1; then
  echo "installing ripgrep..." >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ripgrep) >/dev/null
fi
cargo build --release --quiet --bin crossread --example gen_corpus
[ -f "$dir/lines.txt" ] || target/release/examples/gen_corpus --articles "$articles" --out "$dir"
lines="$dir/lines.txt"
bin=target/release/crossread
total=$(wc -l <"$lines")

# Wall time in milliseconds of one run of a command (stdout discarded).
time_ms() {
  local t0 t1
  t0=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  t1=$(date +%s%N)
  echo $(((t1 - t0) / 1000000))
}

# The median of its arguments.
median() {
  printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"
}

fzf_filter() { fzf --filter "$1" <"$lines"; }
# rg reads the query as one literal string, case-insensitively.
rg_filter() { rg -i -F -e "$1" "$lines"; }
old=${OLD_BIN:-}

printf 'fzf %s, rg %s, %s passages, %s runs per measurement (medians; crossread, rg and old interleaved)\n' \
  "$(fzf --version | cut -d' ' -f1)" "$(rg --version | head -1 | cut -d' ' -f2)" "$total" "$runs"
printf '%-20s %10s %10s %8s %10s %8s %10s %12s %12s\n' \
  query crossread fzf fzf/cr rg cr/rg old "crossread#" "fzf#"
for q in "tiktok" "sarah foth" "trump" "refugee ban court" "rednot" "'supreme court"; do
  # crossread, rg and the old build take turns, so a slower or faster
  # moment of a shared machine weighs on all of them alike.
  cs=() rs=() os=() fs=()
  for _ in $(seq "$runs"); do
    cs+=("$(time_ms "$bin" search --lines "$lines" "$q")")
    rs+=("$(time_ms rg_filter "$q")")
    [ -n "$old" ] && os+=("$(time_ms "$old" search --lines "$lines" "$q")")
  done
  # fzf is 10-50x slower: three runs are enough to place it.
  for _ in 1 2 3; do fs+=("$(time_ms fzf_filter "$q")"); done
  c=$(median "${cs[@]}")
  r=$(median "${rs[@]}")
  f=$(median "${fs[@]}")
  o=-
  [ -n "$old" ] && o="$(median "${os[@]}")ms"
  cn=$("$bin" search --lines "$lines" "$q" | wc -l || true)
  fn=$(fzf_filter "$q" | wc -l || true)
  ratio=$(awk -v f="$f" -v c="$c" 'BEGIN { printf "%.1fx", (c > 0 ? f / c : 0) }')
  vs_rg=$(awk -v r="$r" -v c="$c" 'BEGIN { printf "%.1fx", (r > 0 ? c / r : 0) }')
  printf '%-20s %8sms %8sms %8s %8sms %8s %10s %12s %12s\n' "$q" "$c" "$f" "$ratio" "$r" "$vs_rg" "$o" "$cn" "$fn"
done
