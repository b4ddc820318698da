#!/usr/bin/env bash
# Story clustering at scale: time and peak RSS (/usr/bin/time -v) for 10k,
# 30k and 100k synthetic articles with story structure. The peak RSS is the
# whole process (generated articles included), so "x text" is an upper
# bound for what clustering needs on top of the loaded articles.
#
# usage: scripts/measure-stories.sh [N...]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --example stories_scale
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10000 30000 100000)
for n in "${sizes[@]}"; do
    log=$(mktemp)
    line=$(/usr/bin/time -v target/release/examples/stories_scale "$n" 2>"$log")
    rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    text_mb=$(sed -E 's/.*text_mb=([0-9.]+).*/\1/' <<<"$line")
    rm -f "$log"
    awk -v l="$line" -v rss="$rss_kb" -v t="$text_mb" \
        'BEGIN { printf "%s peak_rss_mb=%.0f rss/text=%.2f\n", l, rss / 1024, (rss / 1024) / t }'
done
