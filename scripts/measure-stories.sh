#!/usr/bin/env bash
# Story clustering at scale: time and peak RSS (/usr/bin/time -v) for 10k,
# 30k and 100k synthetic articles with story structure. The peak RSS is the
# whole process (generated articles included), so "x text" is an upper
# bound for what clustering needs on top of the loaded articles. cpu_s is
# user+sys of the whole process (generation included) and invol_cs the
# involuntary context switches: on a loaded machine, wall time well over
# cpu_s/2 with many switches is time spent waiting for a core. The wall
# time of each clustering stage goes to stderr.
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
    cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.2f", u + s}' "$log")
    invol=$(awk -F': ' '/Involuntary context switches/ {print $2}' "$log")
    grep '^stages' "$log" >&2 || true
    text_mb=$(sed -E 's/.*text_mb=([0-9.]+).*/\1/' <<<"$line")
    rm -f "$log"
    awk -v l="$line" -v rss="$rss_kb" -v t="$text_mb" \
        -v cpu="$cpu" -v invol="$invol" \
        'BEGIN { printf "%s peak_rss_mb=%.0f rss/text=%.2f cpu_s=%s invol_cs=%s\n", l, rss / 1024, (rss / 1024) / t, cpu, invol }'
done
