#!/usr/bin/env python3
"""Writes the generated seed files of fuzz/corpus/ (seed-*); run from the repository's folder.

The seeds are committed; this script says where each came from and makes them again after a
change. Inputs that a fuzzer found (crash-*, timeout-*, regress-*) are added by hand and kept.
"""
import os
import re
import struct

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")


def read(path):
    with open(os.path.join(ROOT, path), "rb") as f:
        return f.read()


def write(target, name, data):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "seed-" + name), "wb") as f:
        f.write(data)


STORIES = {lang: read(f"corpora/{lang}/shoigu.txt") for lang in ("en", "ru", "hy")}

# Texts with something a reader must handle: (name, bytes).
TEXTS = [
    ("empty", b""),
    ("blank", b" \t\n\r\n\xc2\xa0\n\xe3\x80\x80\n"),
    ("one-word", b"Word"),
    ("bom-crlf", b"\xef\xbb\xbfOne.\r\nTwo.\r\n\r\nThree.\rFour.\r"),
    ("bom-only", b"\xef\xbb\xbf"),
    ("utf16le", "\ufeffText. More.\n".encode("utf-16-le")),
    ("utf16be", "\ufeffText. More.\n".encode("utf-16-be")),
    ("utf32le", "\ufeffText.\n".encode("utf-32-le")),
    ("utf16-no-bom", "Text. More.\n".encode("utf-16-le")),
    ("nul", b"Before\x00after.\n"),
    ("bad-lead", b"Good.\nBad \xff byte.\n"),
    ("bad-cont", b"Good.\n\x80 alone.\n"),
    ("bad-trunc", b"Cut off \xe2\x82"),
    ("bad-overlong", b"Over \xc0\xaf long \xe0\x80\xaf.\n"),
    ("bad-surrogate", b"Half \xed\xa0\x80 pair.\n"),
    ("bad-beyond", b"Too \xf4\x90\x80\x80 big.\n"),
    ("latin1", "Caf\u00e9 cr\u00e8me.\n".encode("latin-1")),
    ("nfd", "Cafe\u0301 cre\u0300me. \u1100\u1161\u11a8 e\u0323\u0302.\n".encode()),
    ("nfd-marks-only", "\u0301\u0323\u0301 x\u0345\u0301\u0300\u0316.\n".encode()),
    ("nfc-expands", "\u0958\u2126 \ufb2c \U0001d15e.\n".encode()),
    ("controls", "A\x01b\x07c\x1b[0m. Bell\x7f and \u0085 next\u0080 line.\ufffe\uffff End.\n".encode()),
    ("controls-only", b"\x01\x02\x03\x04\n\n\x1f.\n"),
    ("markup", b"<seg>Not a tag</seg> &amp; ]]> </tmx> <!-- x --> <![CDATA[y]]>. &#0; &lt;\n"),
    ("long-run", b"word " * 800),
    ("long-word", b"x" * 4000),
    ("punctuation", b".!?" * 1000),
    ("dots", b". " * 1500 + b"A"),
    ("unspaced", b"a.Bc" * 1000),
    ("colons", "\u0561: ".encode() * 800),
    ("many-lines", b"line\n" * 600),
    ("many-paragraphs", b"P.\n\n" * 600),
    ("spaces", "\u2028\u2029\u3000\u00a0 \t\v\f".encode() * 200),
]


def segment_cases():
    """The inputs of tests/unit/cases/segment.txt, each with its language."""
    text = read("tests/unit/cases/segment.txt").decode()
    out = []
    for m in re.finditer(r"^### (\w+): (.*)\n(.*?)\n---\n", text, re.S | re.M):
        out.append((m.group(1), m.group(3).encode()))
    return out


LANG_BYTE = {"en": 0, "ru": 1, "hy": 2, "de": 3}


def main():
    # text: the file as read.
    for lang, story in STORIES.items():
        write("text", f"story-{lang}", story)
    for name, data in TEXTS:
        write("text", name, data)

    # segment: a language byte, then the file.
    for lang, story in STORIES.items():
        write("segment", f"story-{lang}", bytes([LANG_BYTE[lang]]) + story)
    for k, (lang, data) in enumerate(segment_cases()):
        write("segment", f"case-{k:02d}-{lang}", bytes([LANG_BYTE[lang]]) + data)
    for name, data in TEXTS:
        if name in ("nfd", "controls", "markup", "long-run", "dots", "unspaced", "colons",
                    "many-lines", "punctuation", "bom-crlf", "spaces"):
            for lang in ("en", "hy"):
                write("segment", f"{name}-{lang}", bytes([LANG_BYTE[lang]]) + data)

    # table: a mode byte (bit 0 fold, bit 1 kinds), then the table.
    data_dir = os.path.join(ROOT, "src", "data")
    for f in sorted(os.listdir(data_dir)):
        if f.endswith(".tsv"):
            mode = 3 if f.startswith("abbrev.") else 0
            write("table", f[:-4], bytes([mode]) + read(f"src/data/{f}"))
    write("table", "malformed", b"\x03# comment\n\nok\tprefix\n\tprefix\nnokind\nbad\tkind\n")
    write("table", "no-final-newline", b"\x01One\nTWO\n\xd0\x90\xd0\x91")
    write("table", "tab-in-plain", b"\x00a\tb\n")
    write("table", "crlf", b"\x03dr\tprefix\r\nmr\tprefix\r\n")

    # anchor: a byte for the language (0 en, 1 ru, 2 hy, 3 generic; +4 with the dictionaries),
    # then the file.
    for k, (lang, story) in enumerate(STORIES.items()):
        write("anchor", f"story-{lang}", bytes([LANG_BYTE[lang] + 4 * (k % 2)]) + story)
    numbers = {
        "en": "He paid $4 billion, 4.5 million and 1,250,000 rubles on 15June2016; twenty-two "
              "men, 3:1, 1991-1994, 7Apr2014, 0.5%, 10 000 and 1e9. Shoygu met Hasanov in Baku.",
        "ru": "Он заплатил $4 млрд, 4,5 миллиона и 1 250 000 рублей 15 июня 2016 г.; двадцать два "
              "человека, 3:1, 1991–1994 гг. Шойгу встретился с Гасановым в Баку. Азербайджан.",
        "hy": "Նա վճարել է 4 մլրդ դոլար, 4,5 միլիոն և 1 250 000 ռուբլի 2016 թ. հունիսի 15-ին: "
              "Շոյգուն հանդիպել է Հասանովի հետ Բաքվում: Ադրբեջան:",
    }
    for lang, text in numbers.items():
        for dicts in (0, 4):
            write("anchor", f"numbers-{lang}-{dicts}", bytes([LANG_BYTE[lang] + dicts]) + text.encode())
    write("anchor", "digits", b"\x00" + b"1" * 3000 + b" " + b"9 " * 500 + b"1.5" * 300)
    write("anchor", "groups", "\x01" .encode() + "1\u00a0000\u2009000 ".encode() * 200)
    write("anchor", "names", b"\x04" + b"Ivan Petrov " * 300)
    write("anchor", "long-name", b"\x05" + "Ш".encode() + "ойгу".encode() * 2000)
    write("anchor", "mixed-scripts", "\x02Shoygu Шойгу Շոյգու ΣΩΚΡΑΤΗΣ 東京 Ⅻ ½ ٣ ๓.".encode())

    # align: a parameter byte, then (flags, length) per sentence.
    def sentences(seq):
        return b"".join(bytes(p) for p in seq)
    write("align", "equal", b"\x00" + sentences((k % 2, 40 + k % 7) for k in range(200)))
    write("align", "three", b"\x80" + sentences((k % 3, 30 + (k * 7) % 50) for k in range(300)))
    write("align", "one-vs-many", b"\x00" + sentences([(0, 200)] + [(1, 3)] * 1500))
    write("align", "many-vs-one", b"\x80" + sentences([(0, 3)] * 1500 + [(1, 200)]))
    write("align", "empty-side", b"\x00" + sentences([(0, 10)] * 20))
    write("align", "zeros", b"\x1f" + sentences([(0x30, 0), (0x31, 0)] * 50))
    write("align", "long", b"\x60" + sentences([(8, 255), (9, 250), (0x0c, 100), (0x0d, 90)] * 30))
    write("align", "paragraphs", b"\x00" + sentences(((k % 2) | (4 if k % 10 < 2 else 0), 50)
                                                      for k in range(400)))
    write("align", "skewed", b"\x00" + sentences([(0, 60)] * 300 + [(1, 20)] * 900))

    # tmx: bit 0 three languages, bits 1-3 the order; versions split at 0xFF.
    story3 = STORIES["en"] + b"\xff" + STORIES["ru"] + b"\xff" + STORIES["hy"]
    write("tmx", "story3", b"\x01" + story3)
    write("tmx", "story2", b"\x00" + STORIES["en"][:2000] + b"\xff" + STORIES["ru"][:4000])
    write("tmx", "markup", b"\x01" + TEXTS[22][1] * 2 + b"\xff" + TEXTS[22][1] + b"\xff"
          + b"<seg>x</seg>. ]]>.\n")
    write("tmx", "controls", b"\x00" + TEXTS[20][1] + b"\xff" + TEXTS[21][1] + TEXTS[20][1])
    write("tmx", "nfd", b"\x02" + TEXTS[17][1] + b"\xff" + TEXTS[18][1] + b"\xff")
    write("tmx", "crlf-tabs", b"\x03One\ttwo.\r\nThree.\r\n\r\nFour.\xffA\tB.\r\n\r\nC.\xff1.\n\n2.")
    write("tmx", "name", b"\x00One. Two.\xffOdin. Dva.\xffbad\xfe name & <x>.txt")
    write("tmx", "padded", b"\x00\x01 Hello. World \x02\xff\x7f Privet. Mir\x01\x02 \x1f.")
    write("tmx", "removed-breaks-nfc", "\x00Cafe\x01\u0301. \x01\x02.\xffx\ufffe\u0301. Y.".encode())
    write("tmx", "one-vs-many", b"\x00One sentence.\xff" + b"Short. " * 300)


if __name__ == "__main__":
    main()
