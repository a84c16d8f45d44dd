#!/usr/bin/env python3
"""Precision of tmalign's units against confidence: how many of the units whose x-align-score is in
the top K% match a gold bead exactly (strict, per unit).

usage: confidence-curve.py BENCH_VARIANT_DIR SYSTEM_DIR PAIR [--min-precision P --at K]
Reads SYSTEM_DIR/DOC.PAIR.tmx (else DOC.tmx) for every benchmark document of PAIR and maps each
unit to the gold sentences with the shared scorer's own functions. Prints precision at the top
50%, 60%, ..., 100% of units by score; with --min-precision, exits 1 when the precision at the top
K% is below P."""
import argparse
import os
import sys
import xml.etree.ElementTree as ET


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bench")
    ap.add_argument("system")
    ap.add_argument("pair")
    ap.add_argument("--min-precision", type=float)
    ap.add_argument("--at", type=float, default=80)
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
        for s, group in zip(scores, groups):
            units.append((s, tuple(tuple(sorted(side)) for side in group) in gold))
    units.sort(key=lambda u: -u[0])
    print(f"{args.pair}: {len(units)} units")
    result = None
    for k in (50, 60, 70, 80, 90, 100):
        top = units[: max(1, round(len(units) * k / 100))]
        precision = sum(right for _, right in top) / len(top)
        print(f"  top {k:3d}% (score >= {top[-1][0]:.4f}): strict precision {precision:.4f}")
        if k == args.at:
            result = precision
    if args.min_precision is not None and (result is None or result < args.min_precision):
        print(f"FAIL precision at top {args.at}% below {args.min_precision}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
