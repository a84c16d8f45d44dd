#!/usr/bin/env python3
"""Builds the QA variant of the shared alignment benchmark: defects injected at known places.

The QA report (tmalign batch: qa.json) should flag what is wrong and only that. This script takes
the clean documents and gives each a defect of one kind, the kinds in turn over the documents
(document d gets DEFECTS[d % 8]), the last kind being "mixed" (one of each sentence-level kind in
one document):

  number     a number written in digits on both sides changed on one side   -> number-mismatch
  name       a capitalised name replaced by another name of the same side    -> name-mismatch
  delete     a sentence deleted on one side                                  -> unaligned
  replace    a sentence replaced by one of another document                  -> unaligned
  paragraph  a later paragraph (1-3 sentences) dropped from one side         -> unaligned
  swap       two neighbouring sentences of one paragraph swapped on one side -> (none required)
  story      a non-English side replaced by another document's               -> not-a-translation
  mixed      number, name, delete, replace and swap in one document

Sentence kinds are injected twice per document where the document has room (number and name once
per side that has a fitting sentence, at most two). Nothing else is edited, so that any other
finding is a false alarm.

The gold, OUT_DIR/qa-gold.json, lists every defect: its story, kind, language, the finding kind it
should raise (`expect`, null for swap: the versions still say the same) and the kinds that are no
false alarm there (`accept`), and where (`at`: [lang, sentence] pairs, 0-based sentences of the
variant's LANG.seg; a finding about any of them is about the defect). Every document also gets the
benchmark's gold beads, written as make-variant.py writes them, so that score.py and qa-score.py
read the variant as any other.

usage: make-qa-variant.py CLEAN_DIR OUT_DIR [--seed N]
Standard library only; reads ../beads.py beside CLEAN_DIR as make-variant.py does.
"""

import argparse
import importlib.util
import json
import os
import random
import re
import sys

DEFECTS = ["number", "name", "delete", "replace", "paragraph", "swap", "story", "mixed"]
EXPECT = {"number": "number-mismatch", "name": "name-mismatch", "delete": "unaligned",
          "replace": "unaligned", "paragraph": "unaligned", "swap": None,
          "story": "not-a-translation"}
# A sentence without its counterpart may also be merged into a neighbour's unit, which then scores
# low or is too long: those findings point at the defect too.
MISPLACED = ["unaligned", "low-confidence", "length-ratio"]
ACCEPT = {"number": ["number-mismatch"], "name": ["name-mismatch"], "delete": MISPLACED,
          "replace": MISPLACED + ["number-mismatch", "name-mismatch"], "paragraph": MISPLACED,
          "swap": MISPLACED, "story": None}  # story: every finding about that side
PER_DOC = 2
NAME = re.compile(r"\b[^\W\d_][^\W\d_]{3,}\b")
# What comes before a word that starts a sentence: nothing, or a full stop (Armenian's "։" and
# the colon that stands for it), then spaces, quotes, brackets and dashes.
SENTENCE_START = re.compile(r"(?:^|[.!?…։:])[\s\"'«»“”„(\[—–-]*$")
NUMBER = re.compile(r"\d+")


def load_make_variant():
    here = os.path.dirname(os.path.abspath(__file__))
    sys.dont_write_bytecode = True  # no __pycache__ in the repository
    spec = importlib.util.spec_from_file_location("make_variant",
                                                  os.path.join(here, "make-variant.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free(side, used):
    """The sentences of SIDE whose clean sentences no defect has touched yet."""
    return [s for s in side if s[1] and not s[1] & used]


def counterpart(sides, lang, s):
    """The text of S's counterparts on the other sides (the clean documents are 1-1)."""
    return " ".join(t[0] for other in sides if other != lang for t in sides[other] if t[1] & s[1])


def names_in(text):
    """Capitalised words of at least four letters that do not begin a sentence of the text: names,
    mostly (a segment may hold several sentences, and a capital that starts one says nothing)."""
    return [m for m in NAME.finditer(text) if m.group()[0].isupper() and not m.group().isupper()
            and not SENTENCE_START.search(text, 0, m.start())]


def change_number(sides, lang, used, rng):
    """Changes the last digit of a number that the other sides write the same way."""
    cands = []
    for s in free(sides[lang], used):
        others = set(NUMBER.findall(counterpart(sides, lang, s)))
        cands += [(s, m) for m in NUMBER.finditer(s[0]) if m.group() in others]
    if not cands:
        return None
    s, m = rng.choice(cands)
    old = m.group()
    new = old[:-1] + str((int(old[-1]) + rng.randint(1, 8)) % 10)
    s[0] = s[0][:m.start()] + new + s[0][m.end():]
    return [s]


def replace_name(sides, lang, used, rng):
    """Replaces a name by another name of the same side, from another sentence: one that starts
    unlike every name of the sentence, so that it is not the same name inflected ("Яхью", "Яхьи")."""
    cands = [(s, m) for s in free(sides[lang], used) for m in names_in(s[0])]
    rng.shuffle(cands)
    for s, m in cands:
        words = set(w.group()[:3].lower() for w in names_in(s[0]))
        others = sorted({w.group() for t in sides[lang] if t is not s for w in names_in(t[0])
                         if w.group()[:3].lower() not in words})
        if others:
            s[0] = s[0][:m.start()] + rng.choice(others) + s[0][m.end():]
            return [s]
    return None


def delete_sentence(sides, lang, used, rng):
    cands = free(sides[lang][1:], used)
    if not cands:
        return None
    s = rng.choice(cands)
    sides[lang].remove(s)
    return [s]


def replace_sentence(sides, lang, used, rng, pool):
    cands = free(sides[lang], used)
    if not cands or not pool:
        return None
    s = rng.choice(cands)
    text = rng.choice(pool)
    foreign = [text[:1].upper() + text[1:], set(), s[2]]
    sides[lang][sides[lang].index(s)] = foreign
    return [s, foreign]


def drop_paragraph(sides, lang, used, rng):
    paras = {}
    for s in sides[lang]:
        paras.setdefault(s[2], []).append(s)
    first = min(paras)
    cands = [ss for p, ss in paras.items() if p != first and 1 <= len(ss) <= 3
             and len(free(ss, used)) == len(ss)]
    if not cands:
        return None
    gone = rng.choice(cands)
    sides[lang] = [s for s in sides[lang] if s not in gone]
    return gone


def swap_sentences(sides, lang, used, rng):
    side = sides[lang]
    cands = [i for i in range(len(side) - 1) if side[i][2] == side[i + 1][2]
             and len(free(side[i:i + 2], used)) == 2]
    if not cands:
        return None
    i = rng.choice(cands)
    side[i], side[i + 1] = side[i + 1], side[i]
    return side[i:i + 2]


def position(sides, lang, s):
    return next(i for i, t in enumerate(sides[lang]) if t is s)


def where(sides, kind, lang, touched):
    """The [lang, sentence] places of the variant that a finding about the defect points at."""
    atoms = set().union(*(s[1] for s in touched))
    at = [[other, i] for other in sides for i, t in enumerate(sides[other]) if t[1] & atoms
          and (other != lang or kind in ("number", "name", "swap"))]
    if kind == "replace":
        at += [[lang, position(sides, lang, touched[1])]]
    return sorted(at)


def inject(kind, sides, langs, used, rng, pool):
    """Injects one defect of KIND; returns (lang, touched sentences) or None where it cannot."""
    order = langs[:]
    rng.shuffle(order)
    for lang in order:
        if kind == "number":
            touched = change_number(sides, lang, used, rng)
        elif kind == "name":
            touched = replace_name(sides, lang, used, rng) if lang != "en" else None
        elif kind == "delete":
            touched = delete_sentence(sides, lang, used, rng)
        elif kind == "replace":
            touched = replace_sentence(sides, lang, used, rng, pool[lang])
        elif kind == "paragraph":
            touched = drop_paragraph(sides, lang, used, rng)
        else:
            touched = swap_sentences(sides, lang, used, rng)
        if touched:
            used |= set().union(*(s[1] for s in touched))
            return lang, touched
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("clean")
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=19)
    args = ap.parse_args()
    mv = load_make_variant()
    header, rows, components = mv.start_variant(args.clean, args.out)
    docs = {row[0]: mv.read_doc(os.path.join(args.clean, row[0]), row[3].split(","))
            for row in rows}
    manifest, defects = [header], []
    for d, row in enumerate(rows):
        doc, langs = row[0], row[3].split(",")
        rng = random.Random(f"{args.seed}/{doc}")
        sides = {lang: [s[:] for s in side] for lang, side in docs[doc].items()}
        kind = DEFECTS[d % len(DEFECTS)]
        found = []
        if kind == "story":
            lang = rng.choice(langs[1:])
            donors = [r[0] for r in rows if r[0] != doc and r[1] == row[1]]
            donor = docs[rng.choice(donors)][lang]
            sides[lang] = [[s[0], set(), s[2]] for s in donor]
            defects.append({"story": doc, "defect": kind, "lang": lang, "expect": EXPECT[kind],
                            "accept": None, "at": []})
        else:
            pool = {lang: [s[0] for r in rows if r[0] != doc and lang in r[3].split(",")
                           for s in docs[r[0]][lang]] for lang in langs}
            kinds = ["number", "name", "delete", "replace", "swap"] if kind == "mixed" \
                else [kind] * (1 if kind in ("paragraph", "swap") else PER_DOC)
            used = set()
            for k in kinds:
                injected = inject(k, sides, langs, used, rng, pool)
                if injected:
                    found.append((k,) + injected)
        for k, lang, touched in found:
            defects.append({"story": doc, "defect": k, "lang": lang, "expect": EXPECT[k],
                            "accept": ACCEPT[k], "at": where(sides, k, lang, touched)})
        doc_dir = os.path.join(args.out, doc)
        os.makedirs(doc_dir)
        for lang in langs:
            mv.write_side(doc_dir, lang, sides[lang])
        for k, a in enumerate(langs):
            for b in langs[k + 1:]:
                mv.write_gold(doc_dir, [a, b], sides, components)
        if len(langs) == 3:
            mv.write_gold(doc_dir, langs, sides, components)
        counts = {lang: str(len(sides[lang])) for lang in langs}
        manifest.append("\t".join(row[:5] + [counts.get(l, "0") for l in ("en", "ru", "hy")])
                        + "\n")
    with open(os.path.join(args.out, "manifest.tsv"), "w", encoding="utf-8") as f:
        f.writelines(manifest)
    with open(os.path.join(args.out, "qa-gold.json"), "w", encoding="utf-8") as f:
        json.dump({"seed": args.seed, "defects": defects}, f, ensure_ascii=False, indent=1)
    counts = {}
    for defect in defects:
        counts[defect["defect"]] = counts.get(defect["defect"], 0) + 1
    print(f"{len(rows)} documents, {len(defects)} defects: "
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()
