#!/usr/bin/env bash
# Runs the two development scorers on a release build and prints their last
# lines. Measurement only: never used by `cargo test`.
#
#   scripts/eval-quotes.sh [QUOTE_DEV_DIR] [--verbose]
#
# QUOTE_DEV_DIR (or $QUOTE_DEV): the extracted quote-dev articles (*.txt).
# $QUOTE_GOLD: gold.json for them; $XSOURCE_DEV: the cross-source clusters.
# Defaults assume the shared data beside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
verbose=""
args=()
for a in "$@"; do
    if [ "$a" = "--verbose" ]; then verbose="--verbose"; else args+=("$a"); fi
done
corpus="${args[0]:-${QUOTE_DEV:-../shared/quote-dev-corpus}}"
shared="${SHARED:-../shared}"
gold="${QUOTE_GOLD:-$shared/quote-dev/gold.json}"
xsource="${XSOURCE_DEV:-$shared/xsource-dev}"
[ -d "$corpus" ] || { echo "eval-quotes: no corpus dir $corpus (bash $shared/quote-dev/get-dev-corpus.sh DIR)" >&2; exit 2; }
[ -f "$gold" ] || { echo "eval-quotes: no gold file $gold" >&2; exit 2; }

cargo build --release --quiet --bin crossread
bin=target/release/crossread
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# One prediction file: {"<name>.txt": [{quote, speaker}]}.
for f in "$corpus"/*.txt; do
    name="$(basename "$f")"
    "$bin" quotes --json "$f" > "$tmp/$name.json" || echo "{}" > "$tmp/$name.json"
done
python3 - "$tmp" > "$tmp/pred.json" <<'PY'
import json, os, sys
d = sys.argv[1]
out = {}
for fn in sorted(os.listdir(d)):
    if not fn.endswith(".txt.json"):
        continue
    doc = json.load(open(os.path.join(d, fn)))
    out[fn[:-5]] = [{"quote": q["text"], "speaker": q.get("speaker"),
                     "basis": q.get("basis")} for q in doc.get("quotes", [])]
print(json.dumps(out))
PY
if [ -n "$verbose" ]; then
    python3 "$shared/quote-dev/score.py" "$tmp/pred.json" "$gold" --verbose
    python3 "$shared/xsource-dev/score_xsource.py" "$xsource" --bin "$bin" --verbose
else
    echo "quote-dev: $(python3 "$shared/quote-dev/score.py" "$tmp/pred.json" "$gold" | tail -n 1)"
    echo "xsource:   $(python3 "$shared/xsource-dev/score_xsource.py" "$xsource" --bin "$bin" | tail -n 1)"
fi
