#!/usr/bin/env bash
# Whole-process times of `crossread list` and `crossread search --lines` on
# the synthetic corpus, this build against another (OLD_BIN), runs
# interleaved so both see the same machine load; prints medians and checks
# that both binaries give byte-identical output (text and --json).
#
#   OLD_BIN=path scripts/measure-cli.sh [ARTICLES] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
articles=${1:-10000}
runs=${2:-7}
dir=${CORPUS_DIR:-target/corpus-$articles}
old=${OLD_BIN:?set OLD_BIN to the binary to compare with}
cargo build --release --quiet --bin crossread --example gen_corpus
[ -f "$dir/lines.txt" ] || target/release/examples/gen_corpus --articles "$articles" --out "$dir"
new=target/release/crossread
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

ms() { # ms CMD...: wall milliseconds of one run, output discarded
  local t0 t1
  t0=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  t1=$(date +%s%N)
  echo $(((t1 - t0) / 1000000))
}
median() { sort -n | sed -n "$(((runs + 1) / 2))p"; }

printf '%s articles, %s runs each, interleaved (medians)\n' "$articles" "$runs"
printf '%-34s %9s %9s %7s %s\n' command old new old/new same-output
measure() { # measure LABEL ARGS...
  local label=$1; shift
  local o=() n=()
  for _ in $(seq "$runs"); do
    o+=("$(ms "$old" "$@")")
    n+=("$(ms "$new" "$@")")
  done
  local same=yes
  for json in "" --json; do
    "$old" "$@" $json >"$out/old" 2>/dev/null || true
    "$new" "$@" $json >"$out/new" 2>/dev/null || true
    cmp -s "$out/old" "$out/new" || same=NO
  done
  local om nm
  om=$(printf '%s\n' "${o[@]}" | median)
  nm=$(printf '%s\n' "${n[@]}" | median)
  printf '%-34s %7sms %7sms %6sx %s\n' "$label" "$om" "$nm" \
    "$(awk -v o="$om" -v n="$nm" 'BEGIN { printf "%.2f", (n > 0 ? o / n : 0) }')" "$same"
}
measure "list" list "$dir/articles.jsonl"
for q in "tiktok" "sarah foth" "trump" "refugee ban court" "rednot" "'supreme court"; do
  measure "search --lines '$q'" search --lines "$dir/lines.txt" "$q"
done
