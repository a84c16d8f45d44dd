#!/usr/bin/env python3
"""Precision of tmalign's units against confidence: how many of the units whose x-align-score is in
the top K% match a gold bead exactly (strict, per unit).

usage: confidence-curve.py BENCH_VARIANT_DIR SYSTEM_DIR PAIR [--json OUT.json]
Reads SYSTEM_DIR/DOC.PAIR.tmx (else DOC.tmx) for every benchmark document of PAIR and maps each
unit to the gold sentences with the shared scorer's own functions; units that share a gold sentence
are joined, as the scorer joins them. Prints precision at the top
50%, 60%, ..., 100% of units by score; --json writes them as {"bench", "corpus", "pair", "top50":
{"precision"}, ...} for check-thresholds.py."""
import argparse
import json
import os
import sys
import xml.etree.ElementTree as ET


def join_shared(scores, groups):
    """Joins units that share a gold sentence, as score.py does (a gold sentence that tmalign cut in
    two makes two units that are one bead): the joined unit is as sure as its least sure part."""
    owner = {}
    joined = []  # [score, sides] or None once merged into another
    for s, group in zip(scores, groups):
        into = {owner[(k, i)] for k, side in enumerate(group) for i in side if (k, i) in owner}
        unit = [s, [set(side) for side in group]]
        for j in sorted(into):
            other = joined[j]
            unit[0] = min(unit[0], other[0])
            for k, side in enumerate(other[1]):
                unit[1][k] |= side
            joined[j] = None
        joined.append(unit)
        for k, side in enumerate(unit[1]):
            for i in side:
                owner[(k, i)] = len(joined) - 1
    return [(u[0], u[1]) for u in joined if u is not None]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bench")
    ap.add_argument("system")
    ap.add_argument("pair")
    ap.add_argument("--json")
    args = ap.parse_args()
    eval_dir = os.path.dirname(os.path.normpath(args.bench))
    sys.path.insert(0, os.path.dirname(eval_dir))
    import beads
    import score

    langs = args.pair.split("-")
    units = []  # (score, right)
    with open(os.path.join(args.bench, "manifest.tsv"), encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        docs = [dict(zip(header, line.rstrip("\n").split("\t")))["doc_id"] for line in f]
    for doc in docs:
        doc_dir = os.path.join(args.bench, doc)
        gold_path = os.path.join(doc_dir, f"{args.pair}.gold")
        path = os.path.join(args.system, f"{doc}.{args.pair}.tmx")
        if not os.path.exists(path):
            path = os.path.join(args.system, f"{doc}.tmx")
        if not os.path.exists(gold_path) or not os.path.exists(path):
            continue
        gold = {tuple(tuple(sorted(side)) for side in b)
                for b in beads.read_beads(gold_path, len(langs))}
        scores = []
        for tu in ET.parse(path).getroot().iter("tu"):
            value = [p.text for p in tu.findall("prop") if p.get("type") == "x-align-score"]
            scores.append(float(value[0]) if value else 0.0)
        groups = score.map_to_gold(score.read_tmx_beads(path, langs), langs, doc_dir, "tmx", [])
        for s, group in join_shared(scores, groups):
            units.append((s, tuple(tuple(sorted(side)) for side in group) in gold))
    units.sort(key=lambda u: -u[0])
    print(f"{args.pair}: {len(units)} units")
    result = {"bench": os.path.basename(os.path.normpath(args.bench)), "corpus": "all",
              "pair": args.pair}
    for k in (50, 60, 70, 80, 90, 100):
        top = units[: max(1, round(len(units) * k / 100))]
        precision = sum(right for _, right in top) / len(top)
        print(f"  top {k:3d}% (score >= {top[-1][0]:.4f}): strict precision {precision:.4f}")
        result[f"top{k}"] = {"precision": precision, "min_score": top[-1][0]}
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(result, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
