#!/usr/bin/env python3
"""Writes the generated seed files of fuzz/corpus/ (seed-*); run from the repository's folder.

The seeds are committed; this script says where each came from and makes them again after a
change. Inputs that a fuzzer found (crash-*, timeout-*, regress-*) are added by hand and kept.
The shard seeds are batch output folders that a built tmalign makes: $TMALIGN, or build/tmalign
(without one they are left as they are).
"""
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

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


def b64(v):
    digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    out = digits[v & 63]
    while v >= 64:
        v >>= 6
        out = digits[v & 63] + out
    return out


def dictzip(text, chunk, name=None, comment=None, hcrc=False):
    """TEXT compressed as dictzip does: raw deflate flushed every CHUNK bytes, the chunk sizes in
    the header's RA field, the empty final block, CRC32 and ISIZE."""
    import zlib
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    sizes, body = [], b""
    for i in range(0, len(text), chunk):
        part = z.compress(text[i:i + chunk]) + z.flush(zlib.Z_FULL_FLUSH)
        sizes.append(len(part))
        body += part
    body += z.flush(zlib.Z_FINISH)
    ra = struct.pack("<HHH", 1, chunk, len(sizes)) + b"".join(struct.pack("<H", n) for n in sizes)
    extra = b"RA" + struct.pack("<H", len(ra)) + ra
    flags = 4 | (8 if name else 0) | (16 if comment else 0) | (2 if hcrc else 0)
    head = bytes([0x1F, 0x8B, 8, flags, 0, 0, 0, 0, 2, 3]) + struct.pack("<H", len(extra)) + extra
    if name:
        head += name + b"\0"
    if comment:
        head += comment + b"\0"
    if hcrc:
        head += struct.pack("<H", zlib.crc32(head) & 0xFFFF)
    return head + body + struct.pack("<II", zlib.crc32(text), len(text) & 0xFFFFFFFF)


# Entries in the styles of the installed dictionaries, written for the seeds (no dictionary's
# text is copied): mueller7's indented, labelled, wrapped entries and FreeDict's numbered ones.
LEXICON_ENTRIES = [
    ("house", "house\n   1. _n. [haʊs], _pl. [↗haʊzɪz]\n      1) дом; жилище; здание\n"
              "      2) семья; to keep house вести хозяйство; to keep the\n      house сидеть дома\n"
              "      10)колледж; пансион (при школе) {см. тж. home}\n"
              "      14)_attr. домашний, комнатный и т.п.\n   2. _v. [haʊz]\n"
              "      1) употр. как глагол: поселить(ся) на северо-\n      востоке; помочь кому-л.\n"
              "         а) жить;\n         б) = housing\n"),
    ("Haus", "Haus /haʊ̯s/ <n, neut>\n1. maison 2.\nein Gebäude\n 3.\nein Heim\n"
             "2. chambre, foyer#le foyer (Französisch)\nein Parlament\n"),
    ("Mailand", "Mailand /ˈmaɪ̯lant/ <n, neut>\nMilan\nStadt in Italien\n"),
    ("a", "a /ə/\n1. в, на\n2. кто\u2010то\n"),
    ("cause", "'cause\n   [kɘz] _уст. = because\n"),
    ("griffin", "griffin\n   _I  [↗grɪfɪn] _n.\n      1) _миф. грифон; _перен. страж\n"
                "   _II [↗grɪfɪn] _n. новичок\n"),
]


def lexicon_seeds():
    # entry: the text of one entry.
    for name, text in LEXICON_ENTRIES:
        write("entry", name.lower(), text.encode())
    write("entry", "unclosed", "y\n   _n. (дом, хата [x {y\n".encode())
    write("entry", "long-description", "x\n   _n. очень длинное описание из многих слов\n".encode())
    write("entry", "headword-only", b"word")
    write("entry", "many-senses", ("run\n" + "".join(f"   {k}) бег{k}, ход; a run бег\n"
                                                      for k in range(1, 400))).encode())

    # dictd: the index, a NUL byte, the plain text.
    text, index = b"", b""
    for name, entry in LEXICON_ENTRIES:
        e = entry.encode()
        index += name.encode() + b"\t" + b64(len(text)).encode() + b"\t" + b64(len(e)).encode() + b"\n"
        text += e
    index += b"00-database-utf8\tA\tB\n\tA\tB\n"
    write("dictd", "good", index + b"\0" + text)
    write("dictd", "no-final-newline", index.rstrip(b"\n") + b"\0" + text)
    write("dictd", "extra-field", b"house\tA\tZ\tHouse\n\0" + text)
    write("dictd", "bad-line", b"a\tA\tB\nhouse A B\n\0" + text)
    write("dictd", "bad-number", b"house\tA\tB!\n\0" + text)
    write("dictd", "past-end", b"house\tAAAA\t////\n\0" + text)
    write("dictd", "latin1-headword", b"hous\xe9\tA\tB\n\0" + text)
    write("dictd", "latin1-entry", b"house\tA\tE\n\0x\n\xe9t\xe9\n")
    write("dictd", "same-key", b"run\tA\tE\nRun\tE\tE\n'run\tA\tE\n\0run\nab\n")

    # dictzip: the .dict.dz file.
    write("dictzip", "chunks", dictzip(text, 64))
    write("dictzip", "one-chunk", dictzip(text, 65535))
    write("dictzip", "name-comment-hcrc", dictzip(text, 100, b"x.dict", b"made for seeds", True))
    write("dictzip", "empty", dictzip(b"", 100))
    write("dictzip", "truncated", dictzip(text, 64)[:200])
    whole = dictzip(text, 64)
    write("dictzip", "reserved-block", whole[:32] + b"\x07" + whole[33:])
    import gzip
    write("dictzip", "plain-gzip", gzip.compress(text, mtime=0))
    write("dictzip", "not-gzip", text[:100])

    # glossary: the file.
    write("glossary", "header-crlf", "\ufeff# terms\r\nen\tru\r\n\r\nPower Plant\tэлектростанция\r\n"
                                     "  grid \t энергосистема \r\ngrid\tсеть\n#x\ty\nnuclear power "
                                     "plant\tАЭС".encode())
    write("glossary", "no-header", "house\tдом\nthe\tэтот\nd\u2019accord\td'accord\n".encode())
    write("glossary", "reversed", "ru\ten\nдом\thouse\n".encode())
    write("glossary", "no-tab", "house\tдом\nhouse дом\n".encode())
    write("glossary", "two-tabs", b"a\tb\tc\n")
    write("glossary", "empty-term", b"house\t \n")
    write("glossary", "bad-utf8", b"# x\nhouse\t\xd0\xb4\xd0\n")
    write("glossary", "long-term", b"a" * 1030 + b"\tb\n")
    write("glossary", "nfd-punct", "Cafe\u0301\tкафе\n?!\t...\n".encode())


def make_docs():
    """tests/input/make-docs.py as a module: the seed story's pages and the files refused."""
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "make_docs", os.path.join(ROOT, "tests", "input", "make-docs.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MC_NS = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
          'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/"')


def w_document(body):
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W_NS} {MC_NS}>'
            f"<w:body>{body}<w:sectPr/></w:body></w:document>").encode()


def w_p(text):
    from xml.sax.saxutils import escape
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def odf_content(text):
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODF_NS}>'
            f"<office:body><office:text>{text}</office:text></office:body>"
            "</office:document-content>").encode()


def zip_bytes(members, compress=True):
    import io
    import zipfile
    buf = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2016, 6, 15, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else method
            z.writestr(info, data)
    return buf.getvalue()


# Word bodies with what the reader must handle (tests/unit/test_input.c has the same kinds).
DOCX_BODIES = {
    "tracked": '<w:p><w:r><w:t>Kept </w:t></w:r><w:del w:id="1"><w:r><w:delText>gone'
               '</w:delText></w:r></w:del><w:ins w:id="2"><w:r><w:t>added</w:t></w:r></w:ins>'
               '<w:moveFrom><w:r><w:t>x</w:t></w:r></w:moveFrom></w:p><w:p><w:pPr><w:rPr>'
               '<w:del w:id="3"/></w:rPr></w:pPr><w:r><w:t>Joined </w:t></w:r></w:p>'
               + w_p("to this."),
    "fields": '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>IF '
              '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r>'
              '<w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/>'
              '</w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r>'
              '<w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>result</w:t></w:r><w:r>'
              '<w:fldChar w:fldCharType="end"/></w:r><w:fldSimple w:instr="NUMPAGES"><w:r><w:t>'
              '9</w:t></w:r></w:fldSimple><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
    "table": "<w:tbl><w:tblPr/><w:tr><w:tc>" + w_p("A1") + w_p("A1b") + "</w:tc><w:tc>"
             + "<w:tbl><w:tr><w:tc>" + w_p("nested") + "</w:tc></w:tr></w:tbl></w:tc></w:tr>"
             "</w:tbl>",
    "runs": '<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r><w:r><w:tab/><w:t>'
            'a</w:t><w:br/><w:br/><w:cr/><w:t xml:space="preserve"> b </w:t><w:noBreakHyphen/>'
            '<w:softHyphen/><w:sym w:char="F0E0"/></w:r></w:p>',
    "textbox": '<w:p><w:r><w:t>Anchor</w:t></w:r><w:r><mc:AlternateContent><mc:Choice>'
               '<w:drawing><w:txbxContent>' + w_p("Box") + '<w:p><w:r><w:txbxContent>'
               + w_p("Box in box") + '</w:txbxContent></w:r></w:p></w:txbxContent></w:drawing>'
               '</mc:Choice><mc:Fallback><w:txbxContent>' + w_p("Fallback") + '</w:txbxContent>'
               '</mc:Fallback></mc:AlternateContent></w:r></w:p>',
    "notes": '<w:p><w:r><w:t>Cites</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r>'
             '<w:endnoteReference w:id="1"/></w:r><w:r><w:footnoteReference w:id="1"/></w:r>'
             '</w:p>',
}
FOOTNOTES = (f'<?xml version="1.0"?><w:footnotes {W_NS}><w:footnote w:type="separator" '
             'w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1">'
             + w_p("Footnote.") + w_p("Second.") + "</w:footnote></w:footnotes>").encode()
ENDNOTES = (f'<?xml version="1.0"?><w:endnotes {W_NS}><w:endnote w:id="1">' + w_p("Endnote.")
            + "</w:endnote></w:endnotes>").encode()

ODT_TEXTS = {
    "structure": '<text:sequence-decls/><text:h text:outline-level="1">Title</text:h><text:p>'
                 'One <text:span>two</text:span>\n three.</text:p><text:list><text:list-item>'
                 '<text:p>Item</text:p></text:list-item></text:list><table:table>'
                 '<table:table-row><table:table-cell><text:p>A1</text:p></table:table-cell>'
                 '</table:table-row></table:table>',
    "spaces": '<text:p>a<text:s text:c="3"/>b<text:tab/>c<text:line-break/>d<text:line-break/>'
              '<text:line-break/><text:s text:c="99999999999"/>e</text:p>',
    "tracked": '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>'
               'Deleted</text:p></text:deletion></text:changed-region></text:tracked-changes>'
               '<text:p>Kept <text:change text:change-id="c1"/><text:change-start '
               'text:change-id="c2"/>inserted<text:change-end text:change-id="c2"/>.</text:p>',
    "notes": '<text:p>Cited<text:note><text:note-citation>1</text:note-citation>'
             '<text:note-body><text:p>Note<text:note><text:note-body><text:p>Inner</text:p>'
             '</text:note-body></text:note></text:p></text:note-body></text:note> here.</text:p>',
    "fields": '<text:p>On <text:date>15 June</text:date><office:annotation><dc:creator>Ed'
              '</dc:creator><text:p>Comment</text:p></office:annotation>.</text:p>'
              '<text:table-of-content><text:table-of-content-source><text:index-title-template>'
              'T</text:index-title-template></text:table-of-content-source><text:index-body>'
              '<text:p>Chapter</text:p></text:index-body></text:table-of-content>',
    "frame": '<text:p>Anchor<draw:frame><svg:title>t</svg:title><draw:text-box><text:p>Boxed'
             '</text:p></draw:text-box></draw:frame></text:p>',
}

HTML_PAGES = {
    "blocks": b"<html><body><h1>T</h1><p>One <b>two</b>\n three.</p><div>a<div>b</div>c</div>"
              b"<ul><li>x</li></ul><table><tr><td>A</td><td>B</td></tr></table></body></html>",
    "furniture": b"<!DOCTYPE html><html><head><title>T</title><script>x</script><style>p{}"
                 b"</style></head><body><header>Site</header><nav>Nav</nav><main><article>"
                 b"<header><h1>H</h1></header><p>Story.</p><aside>A</aside><form><input>"
                 b"</form></article></main><footer>F</footer></body></html>",
    "articles": b"<body><article><p>Teaser</p></article><article><p>The longer story text."
                b"</p><article>comment</article></article></body>",
    "entities": b"<p>It&#x27;s &amp; caf&eacute; &nbsp;&mdash;&#0;&#xD800;&#x110000;&bogus;"
                b"&#128512; &lt;</p>",
    "br-pre": b"<p>a<br>b<br><br>c</p><pre>  x\r\n\n y </pre>",
    "hidden": b'<p hidden>h</p><p aria-hidden="true">a</p><p style="display:none">d</p>'
              b'<div role="navigation">n</div><div role="main"><p>m</p></div>',
    "cp1251": b'<meta charset="windows-1251"><p>\xcf\xf0\xe8\xe2\xe5\xf2</p>',
    "bad-utf8": b"<html><body><p>caf\xe9</p>",
    "unknown-charset": b'<meta charset="x-no-such"><p>text</p>',
    "unclosed": b"<p><font><b><i>" * 400 + b"deep",
    "controls": b"<p>a\x01b\x7f\x0bc</p>",
    "xhtml": b'<?xml version="1.0"?><!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml">'
             b"<body><p>x</p></body></html>",
}


def input_seeds():
    docs = make_docs()
    stories = {lang: docs.paragraphs(lang) for lang in ("en", "ru", "hy")}
    pages = {"en": docs.page_en, "ru": docs.page_ru, "hy": docs.page_hy}

    # html: the page.
    for lang, ps in stories.items():
        encoding = "windows-1251" if lang == "ru" else "utf-8"
        write("html", f"story-{lang}", pages[lang](ps).encode(encoding, "xmlcharrefreplace"))
    for name, page in HTML_PAGES.items():
        write("html", name, page)

    # docx: bit 0 of byte 0 for a whole .docx, else document.xml 0xFF footnotes 0xFF endnotes.
    for lang, ps in stories.items():
        body = "".join(w_p(p) for p in ps)
        write("docx", f"story-{lang}", b"\x00" + w_document(body))
    for name, body in DOCX_BODIES.items():
        write("docx", name, b"\x00" + w_document(body) + b"\xff" + FOOTNOTES + b"\xff" + ENDNOTES)
    write("docx", "doctype", b'\x00<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaa">'
          b'<!ENTITY b "&a;&a;&a;&a;">]><w:document ' + W_NS.encode() + b'><w:body><w:p><w:r>'
          b'<w:t>&b;</w:t></w:r></w:p></w:body></w:document>')
    write("docx", "broken", b"\x00" + w_document("<w:p><w:r><w:t>x</w:r></w:p>"))
    docx = zip_bytes([("[Content_Types].xml", b"<Types/>"),
                      ("word/document.xml", w_document(DOCX_BODIES["tracked"])),
                      ("word/footnotes.xml", FOOTNOTES)])
    write("docx", "zip", b"\x01" + docx)
    write("docx", "zip-cut", b"\x01" + docx[:len(docx) // 2])

    # odt: bit 0 of byte 0 for a whole .odt, else content.xml.
    for lang, ps in stories.items():
        from xml.sax.saxutils import escape
        text = "".join(f"<text:p>{escape(p)}</text:p>" for p in ps)
        write("odt", f"story-{lang}", b"\x00" + odf_content(text))
    for name, text in ODT_TEXTS.items():
        write("odt", name, b"\x00" + odf_content(text))
    odt = zip_bytes([("mimetype", b"application/vnd.oasis.opendocument.text"),
                     ("content.xml", odf_content(ODT_TEXTS["notes"]))])
    write("odt", "zip", b"\x01" + odt)

    # sniff: byte 0 picks the name (.txt, .html, .docx, none), then the file.
    sniffed = {
        "text": (0, STORIES["en"][:500]),
        "markup-text": (0, TEXTS[22][1]),
        "pdf": (0, docs.pdf()),
        "doc": (2, docs.word97("Text")),
        "rtf": (0, b"{\\rtf1\\ansi Hello\\par}"),
        "png": (0, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        "bzip2-text": (0, b"BZh, said the bee."),
        "html-doctype": (0, HTML_PAGES["furniture"]),
        "html-comment": (3, b"<!-- saved --> <HTML><p>x</p>"),
        "html-fragment": (1, b"<p>x</p>"),
        "xml-fodt": (0, b'<?xml version="1.0"?><office:document/>'),
        "docx": (0, docx),
        "odt": (2, odt),
        "xlsx": (2, zip_bytes([("xl/workbook.xml", b"<workbook/>")])),
        "epub": (0, zip_bytes([("mimetype", b"application/epub+zip")])),
        "docx-whole": (0, zip_bytes([("word/document.xml", w_document(w_p("x")))])),
        "empty-zip": (0, b"PK\x05\x06" + bytes(18)),
    }
    for name, (pick, data) in sniffed.items():
        write("sniff", name, bytes([pick]) + data)


def main():
    lexicon_seeds()
    input_seeds()

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

    shard_seeds()


def paragraphs(lang, first, last):
    """Paragraphs [first, last) of the corpus story in LANG."""
    return b"\n\n".join(STORIES[lang].split(b"\n\n")[first:last]) + b"\n"


def batch_shard(tmalign, langs, stories, options=()):
    """Runs a batch over STORIES ({name: {lang: text}}) in LANGS and returns the files of its
    output folder that a merge reads, {path: bytes}: the manifest, each story's state file and
    QA part, TMX and TSV files (not corpus.tmx, the QA report or the lock)."""
    work = tempfile.mkdtemp(prefix="tmalign-seeds-")
    try:
        for lang in langs:
            os.makedirs(os.path.join(work, "corpus", lang))
            for name, texts in stories.items():
                with open(os.path.join(work, "corpus", lang, name + ".txt"), "wb") as f:
                    f.write(texts[lang])
        env = dict(os.environ, SOURCE_DATE_EPOCH="0")
        # Exit 1 when a story failed, which some seeds want.
        subprocess.run([tmalign, "batch", "corpus", "-o", "out", "-j", "1", "--quiet", *options],
                       cwd=work, env=env, check=False, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        out = os.path.join(work, "out")
        files = {}
        for root, _, names in os.walk(out):
            for n in names:
                rel = os.path.relpath(os.path.join(root, n), out)
                if rel == ".tmalign/lock" or rel == "corpus.tmx" or rel.startswith("qa."):
                    continue
                with open(os.path.join(root, n), "rb") as f:
                    files[rel] = f.read()
        return files
    finally:
        shutil.rmtree(work)


def fnv1a(data):
    h = 14695981039346656037
    for b in data:
        h = ((h ^ b) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return h


def shard_input(options, files, extra=()):
    """The fuzz_shard input for the shard FILES ({path: bytes}, as batch_shard gives) with the
    option byte OPTIONS: each story's name in a path becomes {N} and its ID {#N}, N its line in
    the manifest, so that a name changed in the manifest names its files too. EXTRA: more
    (header, content) pairs, after the files."""
    names = []
    for line in files[".tmalign/manifest.tsv"].split(b"\n"):
        if line.startswith(b"story\t"):
            names.append(bytes.fromhex(line.split(b"\t")[1].decode()).decode())
    out = bytes([options])
    for rel in sorted(files):
        head = rel
        for k, name in enumerate(names):
            head = head.replace(f".tmalign/stories/{fnv1a(name.encode()):016x}.",
                                f".tmalign/stories/{{#{k}}}.")
            if head.startswith(name + ".") and "/" not in head:
                head = f"{{{k}}}" + head[len(name):]
        out += b"\xff" + head.encode() + b"\n" + files[rel]
    for head, content in extra:
        out += b"\xff" + head + b"\n" + content
    return out


# fuzz_shard's option bits (fuzz_shard.c).
GOOD_THREE, GOOD_TSV, GOOD, GOOD_FIRST, USER_FILES, TWICE, OUT_IS_SHARD, SLASH = (
    1 << k for k in range(8))


def shard_seeds():
    tmalign = os.environ.get("TMALIGN", os.path.join(ROOT, "build", "tmalign"))
    if not os.access(tmalign, os.X_OK):
        print(f"make-seeds: no {tmalign} (set TMALIGN): the shard seeds are left as they are",
              file=sys.stderr)
        return
    for f in os.listdir(os.path.join(CORPUS, "shard")) if os.path.isdir(
            os.path.join(CORPUS, "shard")) else []:
        if f.startswith("seed-"):
            os.remove(os.path.join(CORPUS, "shard", f))
    s = {lang: paragraphs(lang, 0, 3) for lang in ("en", "ru", "hy")}
    t = {lang: paragraphs(lang, 3, 4) for lang in ("en", "ru", "hy")}
    failed = dict(t, ru=b"")
    two = batch_shard(tmalign, ("en", "ru"), {"s": s})
    three = batch_shard(tmalign, ("en", "ru", "hy"), {"s": s})

    # Good shards, as merge takes them, alone and with the target's own good shard.
    write("shard", "2lang", shard_input(GOOD, two))
    write("shard", "2lang-alone", shard_input(SLASH, two))
    write("shard", "3lang", shard_input(GOOD_THREE | GOOD | GOOD_FIRST, three))
    write("shard", "3lang-two-stories", shard_input(
        GOOD_THREE | TWICE, batch_shard(tmalign, ("en", "ru", "hy"), {"s": s, "t": t})))
    write("shard", "2lang-tsv", shard_input(
        GOOD_TSV | GOOD | USER_FILES, batch_shard(tmalign, ("en", "ru"), {"s": s}, ["--tsv"])))
    write("shard", "3lang-tsv", shard_input(
        GOOD_THREE | GOOD_TSV | GOOD, batch_shard(tmalign, ("en", "ru", "hy"), {"s": s},
                                                  ["--tsv"])))
    write("shard", "failed-story", shard_input(
        USER_FILES, batch_shard(tmalign, ("en", "ru"), {"s": s, "u": failed})))
    write("shard", "lang-codes", shard_input(0, batch_shard(
        tmalign, ("en", "ru"), {"s": s}, ["--lang-code", "en=en-US,ru=ru-RU"])))

    # Hostile ones, each a good two-language shard with one thing changed.
    def changed(rel, *pairs, options=GOOD):
        files = dict(two)
        for old, new in zip(pairs[::2], pairs[1::2]):
            assert old in files[rel], (rel, old)
            files[rel] = files[rel].replace(old, new, 1)
        return shard_input(options, files)
    qa = next(rel for rel in two if rel.endswith(".qa.xml"))
    state = next(rel for rel in two if rel.endswith(".state"))
    write("shard", "dotdot-name", changed(".tmalign/manifest.tsv", b"story\t73\t",
                                          b"story\t" + b"../x".hex().encode() + b"\taligned\n"
                                          + b"story\t73\t"))
    write("shard", "slash-name", changed(".tmalign/manifest.tsv", b"story\t73\t",
                                         b"story\t" + b"a/b".hex().encode() + b"\t"))
    write("shard", "doctype-qa", changed(qa, b"?>\n", b"?>\n<!DOCTYPE story [<!ENTITY e "
                                         b"\"xxxxxxxx\">]>\n", b'name="s"', b'name="&e;"'))
    write("shard", "doctype-tmx", changed("s.tmx", b"?>\n", b"?>\n<!DOCTYPE tmx SYSTEM "
                                          b"\"http://127.0.0.1:9/tmx14.dtd\">\n"))
    write("shard", "tu-attribute", changed("s.tmx", b"<tu ", b'<tu x-fuzz="1" '))
    write("shard", "langs-script", changed(".tmalign/manifest.tsv", b"langs\ten,ru",
                                           b"langs\ten,<script>", options=0))
    write("shard", "other-langs", shard_input(GOOD | GOOD_THREE, two))
    write("shard", "out-is-shard", shard_input(OUT_IS_SHARD | GOOD, two))
    # Files that are not regular files: a symbolic link (to a private file outside the shard),
    # a FIFO, a folder.
    def replaced(rel, head, content=b""):
        files = dict(two)
        del files[rel]
        return shard_input(GOOD, files, [(head, content)])
    write("shard", "symlink-tmx", replaced("s.tmx", b"@{0}.tmx", b"\x00"))
    write("shard", "fifo-tmx", replaced("s.tmx", b"|{0}.tmx"))
    write("shard", "folder-state", replaced(state, b"+.tmalign/stories/{#0}.state"))
    write("shard", "symlink-qa", replaced(qa, b"@.tmalign/stories/{#0}.qa.xml", b"\x03"))


if __name__ == "__main__":
    main()
