#!/usr/bin/env python3
"""Runs `tmalign split` on sentence-splitting gold sets and counts the cases it gets exactly right
(sentences stripped, empty ones dropped, as the shared sets' README scores them).

usage: segmentation.py [--corpus NAME] TMALIGN GOLD_DIR [LANG...]  (default: en ru hy)
GOLD_DIR holds golden-LANG.jsonl: the shared sets (corpus "golden", the default) or the project's
own (tests/accuracy/segmentation-gold, corpus "project"). Prints each failing case and a line per
language; exits 1 when a language is below its threshold in thresholds.tsv (test "segmentation",
that corpus), 77 when GOLD_DIR is missing."""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def thresholds(corpus_name):
    found = {}
    with open(os.path.join(HERE, "thresholds.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            name, corpus, lang, metric, minimum = line.rstrip("\n").split("\t")
            if name == "segmentation" and corpus == corpus_name and metric == "cases":
                found[lang] = int(minimum)
    return found


def split(tmalign, lang, text):
    run = subprocess.run([tmalign, "split", "-l", lang], input=text.encode("utf-8"),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    if run.returncode != 0:
        return None, run.stderr.decode("utf-8", "replace").strip()
    lines = run.stdout.decode("utf-8").split("\n")
    return [s.strip() for s in lines if s.strip()], ""


def main():
    args = sys.argv[1:]
    corpus = "golden"
    if args[:1] == ["--corpus"]:
        corpus, args = args[1], args[2:]
    tmalign, gold_dir = args[0], args[1]
    langs = args[2:] or ["en", "ru", "hy"]
    if not os.path.isdir(gold_dir):
        print(f"skipped: {gold_dir} is missing")
        return 77
    minimum = thresholds(corpus)
    failed_langs = 0
    for lang in langs:
        path = os.path.join(gold_dir, f"golden-{lang}.jsonl")
        with open(path, encoding="utf-8") as f:
            cases = [json.loads(line) for line in f if line.strip()]
        right = 0
        for case in cases:
            got, error = split(tmalign, lang, case["text"])
            want = [s.strip() for s in case["sentences"] if s.strip()]
            if got == want:
                right += 1
                continue
            print(f"--- {case['id']}: {error or 'differs'}")
            for s in want:
                print(f"  want| {s}")
            for s in got or []:
                print(f"  got | {s}")
        need = minimum.get(lang, len(cases))
        ok = right >= need
        failed_langs += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {corpus} {lang}: {right}/{len(cases)} cases (minimum {need})")
    print(f"{len(langs) - failed_langs} passed, {failed_langs} failed")
    return 1 if failed_langs else 0


if __name__ == "__main__":
    sys.exit(main())
