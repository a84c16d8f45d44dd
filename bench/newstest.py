#!/usr/bin/env python3
"""Long en-ru documents built from WMT newstest 2014-2020, for the benchmarks in bench/.

  newstest.py text --shared DIR --lang en [--lines N]
      The document as tmalign reads it, on standard output: the newstest lines of LANG (2014 to
      2020 in order, repeated from the start when N is larger than the 18,819 lines there are),
      paragraphs of 5 lines, one blank line between paragraphs.

  newstest.py bench --shared DIR --out DIR [--lines N]
      The same document laid out as a one-document alignment benchmark that
      ../shared/eval/alignment/score.py reads (see that folder's README.md, "Layout"):
      OUT/manifest.tsv and OUT/newstest-enru/{en,ru}.{txt,seg,spans} and en-ru.gold. Gold
      sentence k is line k and gold bead k is "k<TAB>k". As that layout asks, the sentences of a
      paragraph are joined by one space.

Line i of newstest<year>.en translates line i of newstest<year>.ru, so the same cut into
paragraphs on both sides keeps every paragraph a translation of its counterpart.
"""

import argparse
import os
import sys
import unicodedata

YEARS = range(2014, 2021)
LANGS = ("en", "ru")
PARAGRAPH_LINES = 5
DOC_ID = "newstest-enru"


def newstest_lines(shared, lang):
    """Every newstest line of lang in year order, stripped and in NFC as the layout requires."""
    lines = []
    for year in YEARS:
        path = os.path.join(shared, "eval", "alignment", "raw", "wmt-newstest", f"newstest{year}.{lang}")
        with open(path, encoding="utf-8") as f:
            lines.extend(unicodedata.normalize("NFC", line.strip()) for line in f)
    if any(not line for line in lines):
        sys.exit(f"newstest.py: empty line in the {lang} newstest files")
    return lines


def cycled(lines, count):
    """The first count lines of lines repeated end to end (all of them when count is None)."""
    if count is None:
        return list(lines)
    return [lines[i % len(lines)] for i in range(count)]


def paragraphs(lines):
    return [lines[i:i + PARAGRAPH_LINES] for i in range(0, len(lines), PARAGRAPH_LINES)]


def write_text(shared, lang, count):
    out = sys.stdout
    for k, para in enumerate(paragraphs(cycled(newstest_lines(shared, lang), count))):
        if k:
            out.write("\n")
        out.write("\n".join(para) + "\n")


def write_bench_side(doc_dir, lang, lines):
    """lang.txt, lang.seg and lang.spans (cp_start cp_end byte_start byte_end paragraph)."""
    text, spans, cp, byte = [], [], 0, 0
    for p, para in enumerate(paragraphs(lines)):
        if p:
            text.append("\n\n")
            cp, byte = cp + 2, byte + 2
        for k, line in enumerate(para):
            if k:
                text.append(" ")
                cp, byte = cp + 1, byte + 1
            n_cp, n_byte = len(line), len(line.encode("utf-8"))
            spans.append(f"{cp} {cp + n_cp} {byte} {byte + n_byte} {p}\n")
            text.append(line)
            cp, byte = cp + n_cp, byte + n_byte
    text.append("\n")
    for name, content in ((f"{lang}.txt", "".join(text)), (f"{lang}.seg", "".join(l + "\n" for l in lines)),
                          (f"{lang}.spans", "".join(spans))):
        with open(os.path.join(doc_dir, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(content)


def write_bench(shared, out, count):
    sides = {lang: cycled(newstest_lines(shared, lang), count) for lang in LANGS}
    n = len(sides["en"])
    if len(sides["ru"]) != n:
        sys.exit(f"newstest.py: {n} English lines but {len(sides['ru'])} Russian ones")
    doc_dir = os.path.join(out, DOC_ID)
    os.makedirs(doc_dir, exist_ok=True)
    for lang, lines in sides.items():
        write_bench_side(doc_dir, lang, lines)
    with open(os.path.join(doc_dir, "en-ru.gold"), "w", encoding="utf-8") as f:
        f.writelines(f"{k}\t{k}\n" for k in range(n))
    with open(os.path.join(out, "manifest.tsv"), "w", encoding="utf-8") as f:
        f.write("doc_id\tcorpus\tsplit\tlangs\toriglang\tn_en\tn_ru\tn_hy\n")
        f.write(f"{DOC_ID}\tnewstest\t2014-2020\ten,ru\tmixed\t{n}\t{n}\t0\n")
    print(DOC_ID)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 1)[1])
    ap.add_argument("what", choices=("text", "bench"))
    ap.add_argument("--shared", required=True, help="the shared data folder (holds eval/)")
    ap.add_argument("--lang", choices=LANGS, help="text: the side to print")
    ap.add_argument("--out", help="bench: the folder to write")
    ap.add_argument("--lines", type=int, help="lines per side (default: all 18,819, once)")
    args = ap.parse_args()
    if args.lines is not None and args.lines < 1:
        ap.error("--lines must be positive")
    if args.what == "text":
        if not args.lang:
            ap.error("text needs --lang")
        write_text(args.shared, args.lang, args.lines)
    else:
        if not args.out:
            ap.error("bench needs --out")
        write_bench(args.shared, args.out, args.lines)


if __name__ == "__main__":
    main()
