#!/usr/bin/env python3
"""How tmalign treats sentences that translate nothing: on the swapped-sentences variant
(bench/make-variant.py --swap), the share of swapped sentences that tmalign leaves unaligned or puts
in a unit scoring under the QA threshold.

usage: swapped.py VARIANT_DIR SYSTEM_DIR PAIR [--threshold 0.5] [--json OUT.json]
Reads SYSTEM_DIR/DOC.PAIR.tmx (else DOC.tmx) for every document of the variant that has PAIR and
whose swapped.tsv names a sentence of one of PAIR's languages, and maps each unit to the variant's
sentences with the shared scorer's own functions. A swapped sentence counts as caught when its unit
has no other language or scores under the threshold. --json writes {"bench", "corpus": "all",
"pair", "caught": {"share"}} for check-thresholds.py."""
import argparse
import json
import os
import sys
import xml.etree.ElementTree as ET


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("variant")
    ap.add_argument("system")
    ap.add_argument("pair")
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--json")
    ap.add_argument("--shared", default=os.environ.get("TMA_SHARED_DIR", ""))
    args = ap.parse_args()
    sys.path.insert(0, os.path.join(args.shared, "eval", "alignment"))
    import score

    langs = args.pair.split("-")
    caught = total = 0
    missed = []
    with open(os.path.join(args.variant, "manifest.tsv"), encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        rows = [dict(zip(header, line.rstrip("\n").split("\t"))) for line in f if line.strip()]
    for row in rows:
        doc = row["doc_id"]
        if not set(langs) <= set(row["langs"].split(",")):
            continue
        doc_dir = os.path.join(args.variant, doc)
        with open(os.path.join(doc_dir, "swapped.tsv"), encoding="utf-8") as f:
            swapped = [(line.split("\t")[0], int(line.split("\t")[1])) for line in f if line.strip()]
        swapped = [(langs.index(lang), i) for lang, i in swapped if lang in langs]
        if not swapped:
            continue
        path = os.path.join(args.system, f"{doc}.{args.pair}.tmx")
        if not os.path.exists(path):
            path = os.path.join(args.system, f"{doc}.tmx")
        scores = []
        for tu in ET.parse(path).getroot().iter("tu"):
            value = [p.text for p in tu.findall("prop") if p.get("type") == "x-align-score"]
            scores.append(float(value[0]) if value else 0.0)
        groups = score.map_to_gold(score.read_tmx_beads(path, langs), langs, doc_dir, "tmx", [])
        for k, i in swapped:
            total += 1
            units = [(s, g) for s, g in zip(scores, groups) if i in g[k]]
            ok = all(s < args.threshold or all(not side for m, side in enumerate(g) if m != k)
                     for s, g in units)
            caught += ok
            if not ok:
                missed.append(f"{doc} {langs[k]}:{i} scores {max(s for s, _ in units):.4f}")
    share = caught / total if total else 1.0
    print(f"{args.pair}: {caught} of {total} swapped sentences unaligned or under "
          f"{args.threshold} ({share:.4f})")
    for line in missed[:20]:
        print(f"  missed: {line}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"bench": os.path.basename(os.path.normpath(args.variant)), "corpus": "all",
                       "pair": args.pair, "caught": {"share": share}}, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
