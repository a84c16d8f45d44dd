#!/usr/bin/env python3
"""Alignment must not depend on the order of the files nor on other text around the translation
(issue 18). For 20 en-ru documents of bench/clean (every tenth of the manifest's en-ru documents),
aligns the English with the Russian four ways besides as given: the files swapped; three other
documents' text after the Russian; the same after the English; and both. Passes when every way
gives the same two-sided units of the document's own sentences as the plain alignment does (units
with a sentence of the added text are left out of the comparison, and the added sentences must be
in no unit with a sentence of the document). Prints each alignment that differs; --json writes the
share of the 100 alignments (20 documents, 5 ways) that give the plain units, for
check-thresholds.py (test "invariance").

usage: invariance.py TMALIGN BENCH_CLEAN_DIR OUT_DIR [--json OUT.json]"""
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def units(path):
    """The two-sided units of PATH as (en text, ru text)."""
    out = []
    for tu in ET.parse(path).getroot().iter("tu"):
        sides = {tuv.get(XML_LANG): tuv.find("seg").text or "" for tuv in tu.findall("tuv")}
        if sides.get("en") and sides.get("ru"):
            out.append((sides["en"], sides["ru"]))
    return out


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read().rstrip("\n")


def main():
    tmalign, bench, out = sys.argv[1:4]
    json_path = sys.argv[5] if len(sys.argv) > 5 and sys.argv[4] == "--json" else None
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(bench, "manifest.tsv"), encoding="utf-8") as f:
        f.readline()
        docs = [line.split("\t")[0] for line in f if "en" in line.split("\t")[3].split(",")
                and "ru" in line.split("\t")[3].split(",")]
    chosen = docs[::10][:20]
    changed = total = 0
    for doc in chosen:
        others = [docs[(docs.index(doc) + 5 * m + 1) % len(docs)] for m in range(3)]
        en, ru = read(os.path.join(bench, doc, "en.txt")), read(os.path.join(bench, doc, "ru.txt"))
        en_extra = "\n\n".join([en] + [read(os.path.join(bench, o, "en.txt")) for o in others])
        ru_extra = "\n\n".join([ru] + [read(os.path.join(bench, o, "ru.txt")) for o in others])
        ways = {"plain": (en, ru, False), "swapped": (en, ru, True),
                "extra-ru": (en, ru_extra, False), "extra-en": (en_extra, ru, False),
                "extra-both": (en_extra, ru_extra, True)}
        result = {}
        for name, (en_text, ru_text, swap) in ways.items():
            d = os.path.join(out, doc, name)
            os.makedirs(d, exist_ok=True)
            for lang, text in (("en", en_text), ("ru", ru_text)):
                with open(os.path.join(d, f"{lang}.txt"), "w", encoding="utf-8") as f:
                    f.write(text + "\n")
            files = [os.path.join(d, "en.txt"), os.path.join(d, "ru.txt")]
            langs = "en,ru"
            if swap:
                files.reverse()
                langs = "ru,en"
            subprocess.run([tmalign, "align", "-l", langs, "-o", os.path.join(d, "out.tmx")] + files,
                           check=True)
            result[name] = units(os.path.join(d, "out.tmx"))
        base = set(result["plain"])
        en_own, ru_own = en.replace("\n", " "), ru.replace("\n", " ")
        for name, got in result.items():
            total += 1
            own = {u for u in got if u[0] in en_own or u[1] in ru_own}
            if own != base:
                changed += 1
                print(f"{doc} {name}: {len(own ^ base)} units differ from the plain alignment")
                for u in sorted(own ^ base)[:4]:
                    print(f"    {'+' if u in own else '-'} {u[0][:70]!r} | {u[1][:70]!r}")
    share = (total - changed) / total
    print(f"{len(chosen)} documents, {changed} of {total} alignments differ from the plain one "
          f"({share:.4f} unchanged)")
    if json_path:
        with open(json_path, "w", encoding="utf-8") as f:
            json.dump({"bench": "clean", "corpus": "all", "pair": "en-ru",
                       "unchanged": {"share": share}}, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
