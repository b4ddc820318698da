#!/usr/bin/env python3
"""Paragraph recall and precision of HTML extraction against known clean text.

usage: measure-extraction.py EXTRACTED.json CLEAN_DIR [--verbose]

EXTRACTED.json is a story (`crossread export --jsonl` lines or a story JSON with
"articles") whose article ids are the clean files' names (CLEAN_DIR/<id>.txt:
title, blank line, paragraphs separated by blank lines). Titles are left out.

  norm(s)   = NFKC, lower-case, whitespace collapsed.
  recall    = known paragraphs whose norm occurs in the norm of the article's
              whole extracted text / known paragraphs
  precision = characters of extracted paragraphs whose norm occurs in the norm
              of the whole known text / characters extracted
Both are pooled over all articles (per-article figures with --verbose).
"""
import json
import os
import sys
import unicodedata


def norm(s):
    return " ".join(unicodedata.normalize("NFKC", s).lower().split())


def load(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        doc = json.loads(text)
        arts = doc["articles"] if isinstance(doc, dict) else doc
    except json.JSONDecodeError:
        arts = [json.loads(l) for l in text.splitlines() if l.strip()]
    return {a["id"]: a.get("paragraphs", []) for a in arts}


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    verbose = "--verbose" in sys.argv
    got = load(args[0])
    clean_dir = args[1]
    tk = tf = oc = ob = 0
    missing = []
    for name in sorted(os.listdir(clean_dir)):
        if not name.endswith(".txt"):
            continue
        stem = name[:-4]
        with open(os.path.join(clean_dir, name), encoding="utf-8") as f:
            known = [norm(p) for p in f.read().split("\n\n")[1:] if p.strip()]
        out = [norm(p) for p in got.get(stem, [])]
        if stem not in got:
            missing.append(stem)
        whole_out = " ".join(out)
        whole_known = " ".join(known)
        found = [k for k in known if k in whole_out]
        belong = sum(len(o) for o in out if o in whole_known)
        chars = sum(len(o) for o in out)
        tk += len(known)
        tf += len(found)
        oc += chars
        ob += belong
        if verbose:
            print("%-40s recall %3d/%3d  precision %.3f" % (stem, len(found), len(known), belong / chars if chars else 0))
            for k in known:
                if k not in whole_out:
                    print("    MISSED:", k[:100])
            for o in out:
                if o not in whole_known:
                    print("    EXTRA: ", o[:100])
    print("articles %d (missing %d)  paragraph recall %.3f (%d/%d)  precision %.3f" % (
        len([n for n in os.listdir(clean_dir) if n.endswith(".txt")]), len(missing),
        tf / tk if tk else 0, tf, tk, ob / oc if oc else 0))
    if missing:
        print("missing:", " ".join(missing))


if __name__ == "__main__":
    main()
