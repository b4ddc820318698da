#!/usr/bin/env python3
"""Honest ceiling for story clustering on a labelled folder (measurement only; reads, never copies, the texts).

usage: stories-ceiling.py ARTICLES_DIR LABELS.json

Assumptions (each stated so the bound can be judged):
1. Boilerplate: a line (stripped, lowercased) that occurs in >= 3 different articles is furniture and carries
   no evidence; it is removed before anything else.
2. Content words: lowercase alphabetic tokens of >= 3 letters not in the small stop list below.
3. An article is UNPLACEABLE if (a) after 1-2 it shares no content word with any of its gold event-mates, or
   (b) its whole text (whitespace-normalised) is identical to an article filed under another event (no
   text-only method can send identical inputs to different events).
4. The ceiling is the gold clustering with every unplaceable article made a singleton. This is not a strict
   mathematical upper bound (a method could place an unplaceable article by luck), but it is the best any
   method that links only on shared evidence can do. Events with one article contribute no pairs.
Prints the counts and pairwise / B-cubed P, R, F1 of that clustering, scored like score_stories.py.
"""
import collections, json, os, re, sys

STOP = set("""the and for that with was were are but not have has had this from they their them his her its
you your our who what when where which will would could should been being into about after before over than
then also there here just more most said says say one two all any can may out new year years all she him
""".split())


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    d, labels = sys.argv[1], json.load(open(sys.argv[2]))
    texts = {}
    for a in labels:
        p = os.path.join(d, a + ".txt")
        texts[a] = open(p, encoding="utf-8", errors="replace").read() if os.path.exists(p) else ""
    line_df = collections.Counter()
    for t in texts.values():
        line_df.update({l.strip().lower() for l in t.splitlines() if l.strip()})
    words = {}
    for a, t in texts.items():
        kept = [l for l in t.splitlines() if l.strip() and line_df[l.strip().lower()] < 3]
        words[a] = {w for w in re.findall(r"[a-z]+", " ".join(kept).lower()) if len(w) >= 3 and w not in STOP}
    norm = {a: " ".join(t.split()) for a, t in texts.items()}
    by_text = collections.defaultdict(set)
    for a, t in norm.items():
        by_text[t].add(labels[a])
    members = collections.defaultdict(list)
    for a in labels:
        members[labels[a]].append(a)
    no_shared, ident = set(), set()
    for a in labels:
        mates = [b for b in members[labels[a]] if b != a]
        if mates and not any(words[a] & words[b] for b in mates):
            no_shared.add(a)
        if len(by_text[norm[a]]) > 1:
            ident.add(a)
    unpl = no_shared | ident
    pred = {a: ("single", a) if a in unpl else labels[a] for a in labels}
    arts = sorted(labels)
    ev = collections.Counter(labels[a] for a in arts)
    st = collections.Counter(pred[a] for a in arts)
    both = collections.Counter((labels[a], pred[a]) for a in arts)
    pairs = lambda c: sum(n * (n - 1) // 2 for n in c.values())
    tp, ps, gs = pairs(both), pairs(st), pairs(ev)
    f = lambda p, r: 2 * p * r / (p + r) if p + r else 0.0
    P, R = (tp / ps if ps else 1.0), (tp / gs if gs else 1.0)
    bp = sum(both[(labels[a], pred[a])] / st[pred[a]] for a in arts) / len(arts)
    br = sum(both[(labels[a], pred[a])] / ev[labels[a]] for a in arts) / len(arts)
    print(f"articles={len(arts)} events={len(ev)} unplaceable={len(unpl)} "
          f"(no shared content word={len(no_shared)}, identical text across events={len(ident)})")
    print(f"ceiling pairwise P={P:.3f} R={R:.3f} F1={f(P, R):.3f} bcubed P={bp:.3f} R={br:.3f} F1={f(bp, br):.3f}")


if __name__ == "__main__":
    main()
