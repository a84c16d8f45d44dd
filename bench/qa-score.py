#!/usr/bin/env python3
"""Scores the findings of `tmalign batch` (OUT/qa.json) against a benchmark variant.

usage: qa-score.py [--json PREFIX] [--label NAME] VARIANT_DIR BATCH_OUT_DIR...

Each BATCH_OUT_DIR holds a qa.json of stories named after VARIANT_DIR's documents
(tests/accuracy/align-bench.sh --batch lays them out so). What is true depends on the variant:

- with VARIANT_DIR/qa-gold.json (bench/make-qa-variant.py): a finding is true when it is about a
  defect whose `expect` or `accept` holds its kind (a story-level defect of language L takes every
  finding of the story about L); a defect is found when a finding of its `expect` kind is about it;
- `unaligned` findings are also true when they cover a gold null sentence (a sentence of LANG with
  nothing on the `lacks` side in the variant's LANG-LACKS gold beads), and its recall is counted
  over those sentences (leaving out stories given with another story's translation);
- a variant without qa-gold.json and without null beads (bench/clean) has nothing wrong: every
  finding but `spelling` is a false alarm. hard-s1 has no defect list: only `unaligned` is scored,
  the other kinds are counted.

A finding is about sentence k of LANG when its byte span and k's span in LANG.spans share at
least half of the shorter (a unit side may hold several gold sentences, a gold segment two of
tmalign's sentences; file-level findings, with the span 0-0, are about the whole file). Prints a table per finding kind (findings, true,
precision, expected, found, recall) and, with a qa-gold.json, per defect kind (defects, found by
any accepted kind). --show-false KIND prints the false findings of KIND. --json PREFIX writes PREFIX.KIND.json per kind for
tests/accuracy/check-thresholds.py ({"bench": NAME, "corpus": "all", "pair": KIND, ...}).
Standard library only.
"""

import argparse
import importlib.util
import json
import os
import sys

IGNORED = {"spelling"}


def load_unaligned_recall():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "batch",
                        "unaligned-recall.py")
    sys.dont_write_bytecode = True  # no __pycache__ in the repository
    spec = importlib.util.spec_from_file_location("unaligned_recall", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def overlaps(start, end, s, e):
    """1 if [start, end) and [s, e) share at least half of the shorter: a gold segment may hold
    two of tmalign's sentences, and a unit side several gold sentences."""
    return min(end, e) - max(start, s) >= max(min(end - start, e - s), 1) / 2


class Variant:
    def __init__(self, root, ur):
        self.root, self.ur, self.spans = root, ur, {}
        path = os.path.join(root, "qa-gold.json")
        self.defects = []
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                self.defects = json.load(f)["defects"]
        self.has_gold = os.path.exists(path)
        self.by_story = {}
        for d in self.defects:
            self.by_story.setdefault(d["story"], []).append(d)
        self.story_defect = {d["story"]: d["lang"] for d in self.defects if d["defect"] == "story"}

    def sentences(self, doc, lang, start, end):
        """The sentences of DOC's LANG that the byte span [start, end) overlaps."""
        key = (doc, lang)
        if key not in self.spans:
            path = os.path.join(self.root, doc, f"{lang}.spans")
            self.spans[key] = self.ur.read_spans(path) if os.path.exists(path) else []
        return {k for k, (s, e) in enumerate(self.spans[key])
                if overlaps(start, end, s, e)}

    def nulls(self, doc, langs):
        """Gold null sentences of DOC: {(lang, lacks): [(start, end)...]} over every pair."""
        out = {}
        for i, a in enumerate(langs):
            for b in langs[i + 1:]:
                for lang, lacks, s, e in self.ur.gold_nulls(self.root, doc, f"{a}-{b}"):
                    out.setdefault((lang, lacks), []).append((s, e))
        return out


def about(variant, f, defect):
    """1 if finding F is about DEFECT: the same story and one of its places (or its side)."""
    if defect["defect"] == "story":
        return defect["lang"] in (f["lang"], f.get("other"), f.get("lacks"))
    places = variant.sentences(f["document"], f["lang"], f["start"], f["end"])
    return any(lang == f["lang"] and k in places for lang, k in defect["at"])


def covers_null(variant, f, nulls):
    spans = nulls.get((f["lang"], f.get("lacks")), [])
    return any(overlaps(f["start"], f["end"], s, e) for s, e in spans)


def score(variant, reports, show_false=None):
    kinds = {}  # kind -> [findings, true, expected, found]

    def row(kind):
        return kinds.setdefault(kind, [0, 0, 0, 0])

    caught = {}  # defect kind -> [defects, found by an accepted kind]
    units = 0
    for qa in reports:
        units += qa["summary"]["units"]
        langs = qa["languages"]
        for story in qa["stories"]:
            doc = story["name"]
            findings = [f for f in qa["findings"]
                        if f["document"] == doc and f["kind"] not in IGNORED]
            if doc in variant.story_defect:
                # Whatever else a story with another story's translation raises follows from it.
                findings = [f for f in findings if f["kind"] == "not-a-translation"]
            defects = variant.by_story.get(doc, [])
            nulls = variant.nulls(doc, [l for l in langs if story["sentences"].get(l)])
            for f in findings:
                r = row(f["kind"])
                r[0] += 1
                true = any(about(variant, f, d) and
                           (f["kind"] == d["expect"] or d["accept"] is None
                            or f["kind"] in d["accept"]) for d in defects)
                if f["kind"] == "unaligned" and covers_null(variant, f, nulls):
                    true = True
                r[1] += true
                if not true and f["kind"] == show_false:
                    print(f"false: {doc} {f['lang']}/{f.get('other') or f.get('lacks')}: "
                          f"{f['message']} | {f['text'][:160]}")
            for d in defects:
                hits = [f for f in findings if about(variant, f, d)]
                if d["expect"] and d["expect"] != "unaligned":
                    r = row(d["expect"])
                    r[2] += 1
                    r[3] += any(f["kind"] == d["expect"] for f in hits)
                c = caught.setdefault(d["defect"], [0, 0])
                c[0] += 1
                c[1] += any(d["accept"] is None or f["kind"] in d["accept"] for f in hits)
            if doc in variant.story_defect:
                continue
            unaligned = [f for f in findings if f["kind"] == "unaligned"]
            for (lang, lacks), spans in nulls.items():
                r = row("unaligned")
                for s, e in spans:
                    r[2] += 1
                    r[3] += any(f["lang"] == lang and f.get("lacks") == lacks and
                                overlaps(f["start"], f["end"], s, e) for f in unaligned)
    return kinds, caught, units


def ratio(a, b):
    return a / b if b else None


def show(x):
    return "–" if x is None else f"{x:.3f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", help="write PREFIX.KIND.json per kind for check-thresholds.py")
    ap.add_argument("--label", help="the bench name in the JSON (default: the variant's folder)")
    ap.add_argument("--show-false", metavar="KIND", help="print the false findings of KIND")
    ap.add_argument("variant")
    ap.add_argument("outs", nargs="+")
    args = ap.parse_args()
    variant = Variant(args.variant, load_unaligned_recall())
    reports = []
    for out in args.outs:
        with open(os.path.join(out, "qa.json"), encoding="utf-8") as f:
            reports.append(json.load(f))
    kinds, caught, units = score(variant, reports, args.show_false)
    nothing_wrong = not variant.has_gold and kinds.get("unaligned", [0, 0, 0, 0])[2] == 0
    label = args.label or os.path.basename(os.path.normpath(args.variant))
    total = sum(r[0] for r in kinds.values())
    print(f"{label}: {units} units, {total} findings (not counting spelling)"
          + (f", one per {units / total:.1f} units" if total else ""))
    print("| finding kind | findings | true | precision | expected | found | recall |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    results = {}
    for kind in sorted(kinds):
        n, true, expected, found = kinds[kind]
        scored = variant.has_gold or nothing_wrong or kind == "unaligned"
        p, r = (ratio(true, n), ratio(found, expected)) if scored else (None, None)
        print(f"| {kind} | {n} | {true if scored else '–'} | {show(p)} | {expected} | {found} "
              f"| {show(r)} |")
        results[kind] = {"findings": n, "precision": p, "recall": r}
    if caught:
        print("\n| defect | defects | found (by an accepted kind) | share |")
        print("|---|---:|---:|---:|")
        for kind, (n, found) in sorted(caught.items()):
            print(f"| {kind} | {n} | {found} | {show(ratio(found, n))} |")
    if args.json:
        results["all"] = {"findings": total, "units_per_finding": units / total if total else units}
        for kind, r in results.items():
            r = {"bench": label, "corpus": "all", "pair": kind,
                 **{k: (v if v is not None else 0.0) for k, v in r.items()}}
            with open(f"{args.json}.{kind}.json", "w", encoding="utf-8") as f:
                json.dump(r, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
