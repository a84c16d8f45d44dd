#!/usr/bin/env python3
"""Compares score.py results with tests/accuracy/thresholds.tsv.

usage: check-thresholds.py TEST RESULT.json... ; each result's bench, corpus and pair pick its
thresholds. Prints one line per threshold and exits 1 when any is not met."""
import json
import os
import sys


def load_thresholds(test):
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "thresholds.tsv")
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            name, corpus, pair, metric, minimum = line.rstrip("\n").split("\t")
            if name == test:
                rows.append((corpus, pair, metric, float(minimum)))
    return rows


def main():
    test, paths = sys.argv[1], sys.argv[2:]
    results = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            r = json.load(f)
        corpus = r["bench"] if r["corpus"] == "all" else f'{r["bench"]}/{r["corpus"]}'
        results[(corpus, r["pair"])] = r
    failed = 0
    checked = 0
    for corpus, pair, metric, minimum in load_thresholds(test):
        key = (corpus, pair)
        if key not in results:
            print(f"FAIL {corpus} {pair}: no result")
            failed += 1
            checked += 1
            continue
        value = results[key]
        for part in metric.split("."):
            value = value[part]
        ok = value >= minimum
        checked += 1
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {corpus} {pair} {metric} = {value:.4f} (minimum {minimum})")
    print(f"{checked - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
