#!/usr/bin/env python3
"""Write <lang>.spans for every <lang>.seg of a gold document directory.

Usage: python3 corpora/gold/make_spans.py corpora/gold/shoigu

For each <lang>.seg in the directory (one gold sentence per line) the script
finds every sentence in <lang>.txt, searching left to right from the end of
the previous match, and writes <lang>.spans with one line per sentence:

    cp_start cp_end byte_start byte_end paragraph

(0-based, ends exclusive; code-point and UTF-8 byte offsets into <lang>.txt;
paragraph = 0-based number of the paragraph, paragraphs being separated by a
blank line).  This is the layout of the shared alignment benchmark
(/work/shared/eval/alignment/README.md, section "Layout").

It stops with an error, before writing anything, if a sentence cannot be
found, if a sentence runs across a paragraph break, or if a file is not
NFC-normalised UTF-8 with LF line ends.  It writes the .spans files and
nothing else.  Python 3 standard library only.
"""
import os
import sys
import unicodedata


def die(msg):
    sys.exit(f"make_spans.py: error: {msg}")


def read_utf8(path):
    with open(path, "rb") as f:
        raw = f.read()
    if raw.startswith(b"\xef\xbb\xbf"):
        die(f"{path}: starts with a BOM")
    if b"\r" in raw:
        die(f"{path}: contains CR characters (line ends must be LF)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        die(f"{path}: not valid UTF-8 ({e})")
    if not unicodedata.is_normalized("NFC", text):
        die(f"{path}: not NFC-normalised")
    return text


def spans_for(text, sentences, txt_path):
    # paragraph start offsets (code points): a paragraph starts after each "\n\n"
    par_starts = [0]
    pos = text.find("\n\n")
    while pos != -1:
        par_starts.append(pos + 2)
        pos = text.find("\n\n", pos + 2)

    rows = []
    cursor = 0
    byte_cursor, byte_cp = 0, 0  # running UTF-8 length of text[:byte_cp]
    par = 0
    for k, sent in enumerate(sentences):
        if not sent:
            die(f"sentence {k} is empty")
        start = text.find(sent, cursor)
        if start == -1:
            where = text.find(sent)
            hint = (f" (it occurs earlier, at code point {where}: order differs)" if where != -1
                    else "")
            die(f"sentence {k} not found in {txt_path} after code point {cursor}{hint}: "
                f"{sent[:80]!r}")
        end = start + len(sent)
        if "\n" in sent:
            die(f"sentence {k} contains a line break: {sent[:80]!r}")
        while par + 1 < len(par_starts) and par_starts[par + 1] <= start:
            par += 1
        if par + 1 < len(par_starts) and end > par_starts[par + 1] - 2:
            die(f"sentence {k} runs across a paragraph break: {sent[:80]!r}")
        byte_cursor += len(text[byte_cp:start].encode("utf-8"))
        byte_start = byte_cursor
        byte_end = byte_start + len(sent.encode("utf-8"))
        byte_cursor, byte_cp = byte_end, end
        rows.append((start, end, byte_start, byte_end, par))
        cursor = end
    return rows


def main(argv):
    if len(argv) != 2:
        die("usage: python3 corpora/gold/make_spans.py DOC_DIR")
    doc_dir = argv[1]
    langs = sorted(name[:-4] for name in os.listdir(doc_dir) if name.endswith(".seg"))
    if not langs:
        die(f"no .seg files in {doc_dir}")
    results = {}
    for lang in langs:  # check everything first, then write
        seg_path = os.path.join(doc_dir, f"{lang}.seg")
        txt_path = os.path.join(doc_dir, f"{lang}.txt")
        if not os.path.exists(txt_path):
            die(f"{txt_path} is missing")
        seg_text = read_utf8(seg_path)
        if not seg_text.endswith("\n"):
            die(f"{seg_path}: no final line end")
        sentences = seg_text[:-1].split("\n")
        text = read_utf8(txt_path)
        results[lang] = spans_for(text, sentences, txt_path)
    for lang, rows in results.items():
        out = os.path.join(doc_dir, f"{lang}.spans")
        with open(out, "w", encoding="utf-8", newline="\n") as f:
            for row in rows:
                f.write(" ".join(map(str, row)) + "\n")


if __name__ == "__main__":
    main(sys.argv)
