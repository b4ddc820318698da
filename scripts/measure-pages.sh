#!/usr/bin/env bash
# Extraction quality on real news pages: the quote dev set's 21 raw pages
# (../shared/quote-dev; the raw HTML is in the npm package its script
# fetches) through `crossread export`, against their known clean text.
#
# usage: scripts/measure-pages.sh FIXTURES_DIR CLEAN_DIR [QUOTE_DEV_DIR]
#   FIXTURES_DIR   the package's fixtures/ folder (raw pages)
#   CLEAN_DIR      the clean <name>.txt files (get-dev-corpus.sh output)
#   QUOTE_DEV_DIR  ../shared/quote-dev (ARTICLES list, score.py, gold.json)
# Prints paragraph recall/precision (scripts/measure-extraction.py) and the
# quote scorer on the extracted pages and on the clean text.
# Nothing from the pages is written inside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
fixtures=$(realpath "$1")
clean=$(realpath "$2")
qdev=$(realpath "${3:-../shared/quote-dev}")
bin=${CROSSREAD:-target/release/crossread}
[ -x "$bin" ] || cargo build --release --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The raw page of each named article, as <name>.html (the article id).
python3 - "$qdev" "$fixtures" "$tmp" <<'PY'
import os, shutil, sys
sys.path.insert(0, sys.argv[1])
import extract_dev_corpus as e
for name, rel, _ in e.ARTICLES:
    shutil.copy(os.path.join(sys.argv[2], rel), os.path.join(sys.argv[3], name + ".html"))
PY

"$bin" export "$tmp"/*.html > "$tmp/extracted.json"
echo "== extraction (crossread export on the raw pages vs the clean text)"
python3 scripts/measure-extraction.py "$tmp/extracted.json" "$clean"

# quotes --json -> score.py's predictions format.
predictions() {
  python3 -c '
import json, sys
doc = json.load(sys.stdin)
out = {a["id"]: [] for a in doc["articles"]}
for q in doc["quotes"]:
    out.setdefault(q["article"], []).append({"quote": q["text"], "speaker": q["speaker"]})
json.dump(out, sys.stdout)'
}
"$bin" quotes --json "$tmp/extracted.json" | predictions > "$tmp/pred-pages.json"
"$bin" quotes --json "$clean"/*.txt | predictions > "$tmp/pred-clean.json"
for which in pages clean; do
  echo "== quote scorer on the $which text"
  python3 "$qdev/score.py" "$tmp/pred-$which.json" "$qdev/gold.json" | tail -n 6
done
