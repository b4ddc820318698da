#!/usr/bin/env bash
# Times `crossread search --lines` against `fzf --filter` on the same file,
# whole process, several runs each, and prints the median time ratio per
# query together with how many passages each returned.
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
cargo build --release --quiet --bin crossread --example gen_corpus
[ -f "$dir/lines.txt" ] || target/release/examples/gen_corpus --articles "$articles" --out "$dir"
lines="$dir/lines.txt"
bin=target/release/crossread
total=$(wc -l <"$lines")

# Median wall time in milliseconds of a command (stdout discarded).
median_ms() {
  local times=() t0 t1
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    times+=($(((t1 - t0) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p"
}

fzf_filter() { fzf --filter "$1" <"$lines"; }

printf 'fzf %s, %s passages, %s runs per measurement (medians)\n' "$(fzf --version | cut -d' ' -f1)" "$total" "$runs"
printf '%-20s %10s %10s %8s %12s %12s\n' query crossread fzf ratio "crossread#" "fzf#"
for q in "tiktok" "sarah foth" "trump" "refugee ban court" "rednot" "'supreme court"; do
  c=$(median_ms "$bin" search --lines "$lines" "$q")
  f=$(median_ms fzf_filter "$q")
  cn=$("$bin" search --lines "$lines" "$q" | wc -l || true)
  fn=$(fzf_filter "$q" | wc -l || true)
  ratio=$(awk -v f="$f" -v c="$c" 'BEGIN { printf "%.1fx", (c > 0 ? f / c : 0) }')
  printf '%-20s %8sms %8sms %8s %12s %12s\n' "$q" "$c" "$f" "$ratio" "$cn" "$fn"
done
