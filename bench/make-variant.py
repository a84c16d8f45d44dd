#!/usr/bin/env python3
"""Builds an edited variant of the shared alignment benchmark from its clean documents.

The shared benchmark has one edited variant (bench/hard-s1) and tmalign is measured on held-out
variants of the same kind. Tuning on hard-s1 alone would fit its particular edits, so this script
makes more variants with the edits its README describes, from another seed: sentences of the
non-English sides merged with the next (2-1) or cut in two at a comma or semicolon (1-2), about 5%
of sentences deleted (half on the English side, 0-1; half on the others, 1-0), and in about a
quarter of the documents one short paragraph (1-2 sentences, never the first) dropped from one side.
The figures are our reading of the README and of hard-s1's counts, not the generator that made it.

With --swap P it makes the swapped-sentences variant instead (issue 18): no edits, but in each
document P of the sentences of one side, chosen at random, are replaced by sentences of other
documents in the same language, so that they translate nothing on the other sides; their old
counterparts are left without one. Each document's swapped.tsv names them (LANG<TAB>index in
LANG.seg), for tests/accuracy/swapped.py.

usage: make-variant.py CLEAN_DIR OUT_DIR --seed N [--swap P]
The output has the benchmark's layout (manifest.tsv; per document LANG.txt, .seg, .spans and the
gold beads of every pair and, for three languages, of en-ru-hy), so score.py reads it as is.
"""

import argparse
import os
import random
import re
import shutil
import sys

P_MERGE = 0.05
P_SPLIT = 0.055
P_DELETE_OTHER = 0.028
P_DELETE_EN = 0.04
P_DROP_PARAGRAPH = 0.25


def read_doc(doc_dir, langs):
    """Per language: a list of [text, atoms, paragraph]; atom i is clean gold sentence i."""
    sides = {}
    for lang in langs:
        with open(os.path.join(doc_dir, f"{lang}.seg"), encoding="utf-8") as f:
            texts = [line.rstrip("\n") for line in f if line.strip()]
        with open(os.path.join(doc_dir, f"{lang}.spans"), encoding="utf-8") as f:
            paras = [int(line.split()[4]) for line in f if line.strip()]
        sides[lang] = [[t, {i}, p] for i, (t, p) in enumerate(zip(texts, paras))]
    return sides


def lower_first(text):
    return text[:1].lower() + text[1:] if text[:1].isupper() and not text[1:2].isupper() else text


def merge(a, b):
    head = re.sub(r"[.!?]$", "", a[0].rstrip())
    return [head + "; " + lower_first(b[0]), a[1] | b[1], a[2]]


def split(s, rng):
    text = s[0]
    cuts = [m.start() for m in re.finditer(r"[,;] ", text)
            if 0.2 * len(text) < m.start() < 0.8 * len(text)]
    if not cuts:
        return None
    cut = rng.choice(cuts)
    first, second = text[:cut] + ".", text[cut + 2:]
    second = second[:1].upper() + second[1:]
    return [[first, s[1], s[2]], [second, set(s[1]), s[2]]]


def edit_side(side, rng, p_delete):
    out = []
    i = 0
    while i < len(side):
        s = side[i]
        r = rng.random()
        if r < p_delete:
            i += 1
            continue
        r -= p_delete
        if r < P_MERGE and i + 1 < len(side) and side[i + 1][2] == s[2]:
            out.append(merge(s, side[i + 1]))
            i += 2
            continue
        r -= P_MERGE
        if r < P_SPLIT:
            parts = split(s, rng)
            if parts:
                out.extend(parts)
                i += 1
                continue
        out.append(s)
        i += 1
    return out


def drop_paragraph(sides, langs, rng):
    lang = rng.choice(langs)
    paras = {}
    for s in sides[lang]:
        paras.setdefault(s[2], []).append(s)
    first = min(paras) if paras else 0
    short = [p for p, ss in paras.items() if p != first and 1 <= len(ss) <= 2]
    if short:
        gone = rng.choice(short)
        sides[lang] = [s for s in sides[lang] if s[2] != gone]


def swap_side(side, lang, doc, pool, p_swap, rng):
    """Replaces P_SWAP of SIDE's sentences (at least one) by sentences of POOL (LANG's sentences
    of every document, as (doc, text)) from other documents. Returns the indices replaced."""
    count = max(1, round(len(side) * p_swap))
    chosen = sorted(rng.sample(range(len(side)), min(count, len(side))))
    others = [text for d, text in pool if d != doc]
    for i in chosen:
        # Capitalised, or the splitter would rightly take one that starts in lowercase for the
        # rest of the sentence before it.
        text = rng.choice(others)
        side[i] = [text[:1].upper() + text[1:], set(), side[i][2]]
    return chosen


def write_side(doc_dir, lang, side):
    paras = []
    for s in side:
        if not paras or paras[-1][0] != s[2]:
            paras.append((s[2], []))
        paras[-1][1].append(s)
    # Spans in code points and in UTF-8 bytes, counted as the text grows (linear in its length).
    pieces, spans, chars, size = [], [], 0, 0
    def add(piece):
        nonlocal chars, size
        pieces.append(piece)
        chars += len(piece)
        size += len(piece.encode())
    for k, (_, ss) in enumerate(paras):
        if k:
            add("\n\n")
        for n, s in enumerate(ss):
            if n:
                add(" ")
            start, b0 = chars, size
            add(s[0])
            spans.append((start, chars, b0, size, k))
    add("\n")
    with open(os.path.join(doc_dir, f"{lang}.txt"), "w", encoding="utf-8") as f:
        f.write("".join(pieces))
    with open(os.path.join(doc_dir, f"{lang}.seg"), "w", encoding="utf-8") as f:
        f.writelines(s[0] + "\n" for s in side)
    with open(os.path.join(doc_dir, f"{lang}.spans"), "w", encoding="utf-8") as f:
        for start, end, b0, b1, para in spans:
            f.write(f"{start} {end} {b0} {b1} {para}\n")


def write_gold(doc_dir, langs, sides, components):
    sizes = [len(sides[lang]) for lang in langs]
    groups = []
    for k, a in enumerate(langs):
        for m, b in enumerate(langs):
            if m <= k:
                continue
            holding = {}  # clean sentence -> the sentences of B that hold it
            for j, t in enumerate(sides[b]):
                for atom in t[1]:
                    holding.setdefault(atom, []).append(j)
            for i, s in enumerate(sides[a]):
                for j in sorted({j for atom in s[1] for j in holding.get(atom, ())}):
                    group = [set() for _ in langs]
                    group[k].add(i)
                    group[m].add(j)
                    groups.append(group)
    beads = components(groups, sizes)
    with open(os.path.join(doc_dir, "-".join(langs) + ".gold"), "w", encoding="utf-8") as f:
        for bead in beads:
            f.write("\t".join(",".join(map(str, sorted(side))) for side in bead) + "\n")


def start_variant(clean, out):
    """Makes the folder OUT anew and reads CLEAN's manifest: returns its header line, its rows
    (lists of fields) and the benchmark's own bead builder (beads.py beside CLEAN's parent)."""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(clean)), ".."))
    from beads import components  # read from ../shared

    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    with open(os.path.join(clean, "manifest.tsv"), encoding="utf-8") as f:
        header = f.readline()
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    return header, rows, components


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("clean")
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--swap", type=float, default=0.0)
    args = ap.parse_args()
    header, rows, components = start_variant(args.clean, args.out)
    manifest = [header]
    pools = {}
    if args.swap > 0:
        for row in rows:
            for lang in row[3].split(","):
                for s in read_doc(os.path.join(args.clean, row[0]), [lang])[lang]:
                    pools.setdefault(lang, []).append((row[0], s[0]))
    for row in rows:
        doc, langs = row[0], row[3].split(",")
        rng = random.Random(f"{args.seed}/{doc}")
        sides = read_doc(os.path.join(args.clean, doc), langs)
        swapped = []
        if args.swap > 0:
            lang = rng.choice(langs)
            swapped = [(lang, i) for i in swap_side(sides[lang], lang, doc, pools[lang], args.swap, rng)]
        for lang in langs if args.swap == 0 else []:
            p_delete = P_DELETE_EN if lang == "en" else P_DELETE_OTHER
            if lang == "en":
                sides[lang] = [s for s in sides[lang] if rng.random() >= p_delete]
            else:
                sides[lang] = edit_side(sides[lang], rng, p_delete)
        if args.swap == 0 and rng.random() < P_DROP_PARAGRAPH:
            drop_paragraph(sides, langs, rng)
        doc_dir = os.path.join(args.out, doc)
        os.makedirs(doc_dir)
        if args.swap > 0:
            with open(os.path.join(doc_dir, "swapped.tsv"), "w", encoding="utf-8") as f:
                f.writelines(f"{lang}\t{i}\n" for lang, i in swapped)
        for lang in langs:
            write_side(doc_dir, lang, sides[lang])
        for k, a in enumerate(langs):
            for b in langs[k + 1:]:
                write_gold(doc_dir, [a, b], sides, components)
        if len(langs) == 3:
            write_gold(doc_dir, langs, sides, components)
        counts = {lang: str(len(sides[lang])) for lang in langs}
        manifest.append("\t".join(row[:5] + [counts.get(l, "0") for l in ("en", "ru", "hy")]) + "\n")
    with open(os.path.join(args.out, "manifest.tsv"), "w", encoding="utf-8") as f:
        f.writelines(manifest)


if __name__ == "__main__":
    main()
