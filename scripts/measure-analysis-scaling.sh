#!/usr/bin/env bash
# Analysis of one huge article (issue 14): time and memory must grow
# linearly with its length. For each size, one article made of the
# synthetic corpus's paragraphs (gen_corpus, 2000 articles, in order, as
# many as it takes), measured two ways:
#   engine  `profile_analysis --one-article MB`: `analyze` alone on one
#           core, no analysis limits; seconds, MB/s, peak heap / text
#           (counting allocator)
#   cli     `crossread quotes --json FILE` (one JSONL line): wall seconds
#           and peak RSS / input size (`/usr/bin/time -v`), load and
#           limits included. OLD_BIN=path adds the same for another build.
#
#   scripts/measure-analysis-scaling.sh [MB ...]      (default 4 8 16 40)
#
# Measurement only: never used by `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(4 8 16 40)
dir=${SCALING_DIR:-target/scaling}
mkdir -p "$dir"
cargo build --release --quiet --bin crossread --example profile_analysis --example gen_corpus
bin=target/release/crossread
[ -f "$dir/corpus/lines.txt" ] ||
    target/release/examples/gen_corpus --articles 2000 --out "$dir/corpus" >/dev/null

for mb in "${sizes[@]}"; do
    f="$dir/one-${mb}mb.jsonl"
    [ -f "$f" ] || python3 - "$dir/corpus/lines.txt" "$mb" "$f" <<'PY'
import json, sys
paras = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8")]
limit, out, n, i = float(sys.argv[2]) * 1e6, [], 0, 0
while n < limit:
    p = paras[i % len(paras)]
    out.append(p)
    n += len(p.encode())
    i += 1
with open(sys.argv[3], "w", encoding="utf-8") as f:
    f.write(json.dumps({"id": "one", "title": "One article", "paragraphs": out}) + "\n")
PY
done

echo "engine (one core, whole article):"
target/release/examples/profile_analysis --one-article "${sizes[@]}"

cli() {
    local name=$1 b=$2 f=$3
    local size
    size=$(stat -c %s "$f")
    /usr/bin/time -v -o "$dir/time.out" "$b" quotes --json "$f" >"$dir/out.json" 2>"$dir/err.txt"
    local secs kb quotes
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$dir/time.out")
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$dir/time.out")
    quotes=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["quotes"]))' "$dir/out.json")
    printf '%-5s %-16s %9.1f MB %7.2f s %8.1f MB %6.2fx %8s quotes%s\n' "$name" "$(basename "$f")" \
        "$(echo "$size / 1000000" | bc -l)" "$secs" "$(echo "$kb / 1000" | bc -l)" \
        "$(echo "$kb * 1024 / $size" | bc -l)" "$quotes" \
        "$(grep -q 'limit' "$dir/err.txt" && echo ' (cut to the analysis limits)' || true)"
}

echo "whole command, crossread quotes --json (wall, peak RSS, RSS / input):"
for mb in "${sizes[@]}"; do
    cli new "$bin" "$dir/one-${mb}mb.jsonl"
    if [ -n "${OLD_BIN:-}" ]; then
        cli old "$OLD_BIN" "$dir/one-${mb}mb.jsonl"
    fi
done
uptime
