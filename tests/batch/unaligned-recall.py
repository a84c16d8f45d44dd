#!/usr/bin/env python3
"""Scores the `unaligned` findings of a batch QA report against the gold null beads of the
benchmark the corpus was built from (make-corpus.sh).

usage: unaligned-recall.py QA_JSON BENCH_DIR [PAIR...]   (default pairs: en-ru en-hy)

A gold unaligned sentence is a null bead of DOC/L1-L2.gold: sentence i of L1 (or L2) with nothing on
the other side. A finding {kind: unaligned, document: DOC, lang: L, lacks: M, start, end} finds it
when L and M are the pair's languages and its byte span covers at least half of the gold sentence's
span in DOC/L.spans. Prints recall and the number of findings per gold sentence, and checks them
against tests/accuracy/thresholds.tsv (test "batch"). Standard library only."""
import json
import os
import sys


def read_spans(path):
    spans = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.split()
            if fields:
                spans.append((int(fields[2]), int(fields[3])))
    return spans


def gold_nulls(bench, doc, pair):
    """(lang, lacks, byte_start, byte_end) of every gold null bead of DOC's PAIR."""
    la, lb = pair.split("-")
    path = os.path.join(bench, doc, f"{la}-{lb}.gold")
    if not os.path.exists(path):
        return []
    spans = {la: read_spans(os.path.join(bench, doc, f"{la}.spans")),
             lb: read_spans(os.path.join(bench, doc, f"{lb}.spans"))}
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            a, b = (line.rstrip("\n").split("\t") + [""])[:2]
            a = [int(x) for x in a.split(",") if x.strip()]
            b = [int(x) for x in b.split(",") if x.strip()]
            if a and not b:
                out += [(la, lb) + spans[la][i] for i in a]
            elif b and not a:
                out += [(lb, la) + spans[lb][i] for i in b]
    return out


def thresholds():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "accuracy",
                        "thresholds.tsv")
    rows = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            name, corpus, pair, metric, minimum = line.rstrip("\n").split("\t")
            if name == "batch":
                rows[(corpus, pair, metric)] = float(minimum)
    return rows


def main():
    qa_path, bench = sys.argv[1], sys.argv[2]
    pairs = sys.argv[3:] or ["en-ru", "en-hy"]
    with open(qa_path, encoding="utf-8") as f:
        qa = json.load(f)
    docs = [s["name"] for s in qa["stories"]
            if os.path.exists(os.path.join(bench, s["name"], "en-ru.gold"))]
    findings = {}
    for f in qa["findings"]:
        if f["kind"] == "unaligned":
            findings.setdefault((f["document"], f["lang"], f["lacks"]), []).append(
                (f["start"], f["end"]))
    gold_total = found = finding_total = 0
    per_pair = {}
    for pair in pairs:
        g = n = fd = 0
        la, lb = pair.split("-")
        for doc in docs:
            gold = gold_nulls(bench, doc, pair)
            mine = findings.get((doc, la, lb), []) + findings.get((doc, lb, la), [])
            fd += len(mine)
            g += len(gold)
            for lang, lacks, start, end in gold:
                spans = findings.get((doc, lang, lacks), [])
                if any(min(end, e) - max(start, s) >= (end - start) / 2 for s, e in spans):
                    n += 1
        per_pair[pair] = (g, n, fd)
        gold_total += g
        found += n
        finding_total += fd
    for pair, (g, n, fd) in per_pair.items():
        print(f"{pair}: gold unaligned {g}, found {n} (recall {n / max(g, 1):.3f}), "
              f"findings {fd}")
    recall = found / max(gold_total, 1)
    per_gold = finding_total / max(gold_total, 1)
    print(f"all: {len(docs)} documents, gold unaligned {gold_total}, found {found}, "
          f"recall {recall:.4f}; findings {finding_total} = {per_gold:.2f} per gold sentence")
    limits = thresholds()
    key = "+".join(pairs)
    minimum = limits.get(("hard-s1/flores200", key, "unaligned.recall"), 0.8)
    ceiling = limits.get(("hard-s1/flores200", key, "unaligned.gold_per_finding"), 0.5)
    failed = 0
    if recall < minimum:
        print(f"FAIL recall {recall:.4f} is under {minimum}")
        failed += 1
    if finding_total and gold_total / finding_total < ceiling:
        print(f"FAIL {finding_total} findings for {gold_total} gold sentences: more than "
              f"{1 / ceiling:.1f} per gold sentence")
        failed += 1
    print(f"{2 - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
