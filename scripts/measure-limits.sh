#!/usr/bin/env bash
# Time and peak memory of `crossread quotes` (load + whole analysis) on
# inputs at and past the analysis limits (README "Bounded resources"):
# one long paragraph, one long article of ordinary paragraphs, and many
# short paragraphs. Prints input size, wall time, peak RSS and their ratio.
#
#   scripts/measure-limits.sh [MIB]      (default 8 MiB per input)
set -euo pipefail
cd "$(dirname "$0")/.."
mib=${1:-8}
dir=${LIMITS_DIR:-target/limits-$mib}
mkdir -p "$dir"
cargo build --release --quiet --bin crossread
bin=target/release/crossread
bytes=$((mib * 1024 * 1024))

# Invented sentences, some quoted and attributed, to LIMIT bytes; SEP between them.
gen() {
  awk -v limit="$1" -v sep="$2" 'BEGIN {
    srand(7); split("Hana Ruiz,Omar Diallo,Lena Berg,Tom Achebe", who, ",");
    split("the council bridge budget vote city plan residents week river road school delay report", w, " ");
    n = 0; out = 0;
    while (out < limit) {
      s = ""; k = 8 + int(rand() * 12);
      for (i = 0; i < k; i++) s = s (i ? " " : "") w[1 + int(rand() * 15)];
      if (rand() < 0.4) s = "“" toupper(substr(s, 1, 1)) substr(s, 2) ",” said " who[1 + int(rand() * 4)] ".";
      else s = toupper(substr(s, 1, 1)) substr(s, 2) ".";
      printf "%s%s", (n++ ? sep : ""), s; out += length(s) + length(sep);
    }
    printf "\n";
  }'
}

[ -f "$dir/paragraph.txt" ] || gen "$bytes" " " >"$dir/paragraph.txt"
[ -f "$dir/article.txt" ] || gen "$bytes" "\n\n" >"$dir/article.txt"
[ -f "$dir/lines.txt" ] || gen "$bytes" "\n" >"$dir/lines.txt"

printf '%-14s %10s %9s %12s %8s\n' input bytes seconds peak_rss_kb rss/input
for f in paragraph article lines; do
  size=$(stat -c %s "$dir/$f.txt")
  /usr/bin/time -f '%e %M' -o "$dir/time.out" "$bin" quotes "$dir/$f.txt" >/dev/null 2>&1 || true
  read -r secs kb <"$dir/time.out"
  printf '%-14s %10s %9s %12s %8.1f\n' "$f.txt" "$size" "$secs" "$kb" "$(echo "$kb * 1024 / $size" | bc -l)"
done
