#!/usr/bin/env python3
"""Writes a benchmark variant's gold sentences as input for `tmalign align --segmented`: for every
document, OUT/DOC/LANG.txt with one gold sentence per line and a blank line between paragraphs.
This is how the aligners in issue #4's table were measured ("the gold sentences handed to the
aligner"), so tmalign's figures from it compare with theirs.

usage: gold-sentences.py BENCH_VARIANT_DIR OUT_DIR"""
import os
import sys


def main():
    bench, out = sys.argv[1], sys.argv[2]
    with open(os.path.join(bench, "manifest.tsv"), encoding="utf-8") as f:
        f.readline()
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    for row in rows:
        doc, langs = row[0], row[3].split(",")
        os.makedirs(os.path.join(out, doc), exist_ok=True)
        for lang in langs:
            base = os.path.join(bench, doc, lang)
            with open(base + ".seg", encoding="utf-8") as f:
                sentences = [line.rstrip("\n") for line in f if line.strip()]
            with open(base + ".spans", encoding="utf-8") as f:
                paragraphs = [int(line.split()[4]) for line in f if line.strip()]
            lines = []
            for k, (text, para) in enumerate(zip(sentences, paragraphs)):
                if k > 0 and para != paragraphs[k - 1]:
                    lines.append("")
                lines.append(text)
            with open(os.path.join(out, doc, lang + ".txt"), "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
