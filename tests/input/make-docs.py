#!/usr/bin/env python3
"""Writes the seed story (corpora/LANG/shoigu.txt) in the formats translators get stories in, for
tests/input/formats.sh: OUT/LANG/shoigu.html, .docx and .odt, each holding exactly the text of the
.txt file as a reader should extract it (a paragraph per paragraph of the .txt), wrapped in what a
reader must leave out; and with --refused, OUT/story.pdf and OUT/story.doc, which tmalign refuses.

The pages are built as news sites build them, each language in another way:
- en: site header with navigation, <main> holding breadcrumbs (a nav), the <article> (headline in
  its own <header>, photo captions as <figcaption>s), a related-stories <aside>, a newsletter
  <form>; site footer; scripts, styles, JSON-LD, a cookie banner (aria-hidden) and a hidden menu;
- ru: windows-1251 as the page says in <meta>, no <main>: the story is the longest of several
  <article>s (the others are teasers of related stories), quotes as named entities;
- hy: an older CMS: ARIA landmarks on <div>s (banner, navigation, main, contentinfo) and
  paragraphs parted by <br><br>, apostrophes as &#x27;.
The Word documents (python3-docx) have the headline as a heading, a caption in a layout table,
page headers and footers, a tracked deletion (w:del) and insertion (w:ins), a DATE field whose
result is the caption's last word, and hidden text (w:vanish). The OpenDocument texts (python3-odf)
have a heading, a caption in a table, tracked changes (a deletion in text:tracked-changes, an
insertion between text:change-start and -end), a comment (office:annotation), a text:date field,
spans and a text:s.

usage: make-docs.py OUT [--refused]
"""
import html
import os
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LANGS = ("en", "ru", "hy")
# What a reader must leave out; never part of the story's text.
NOT_STORY = "NOT-STORY"


def paragraphs(lang):
    with open(os.path.join(ROOT, "corpora", lang, "shoigu.txt"), encoding="utf-8") as f:
        return [p.strip() for p in f.read().split("\n\n") if p.strip()]


def is_caption(p):
    """The photo captions of the story: 'Russia - ...', 'Россия — ...', 'Ռուսաստան - ...'."""
    head = p.split(" ", 2)
    return len(head) > 2 and head[1] in ("-", "—", "–") and len(p) < 400


# ---- HTML -----------------------------------------------------------------------------------

def esc(text, apostrophe="'"):
    return html.escape(text, quote=False).replace("'", apostrophe)


def page_en(ps):
    body = [f"<header><h1 class=\"headline\">{esc(ps[0])}</h1>"
            "<div class=\"share\" aria-hidden=\"true\">Share NOT-STORY</div></header>"]
    for p in ps[1:]:
        if is_caption(p):
            body.append("<figure><img src=\"photo.jpg\" alt=\"NOT-STORY photo\">"
                        f"<figcaption>{esc(p)}</figcaption></figure>")
        else:
            body.append(f"<p>{esc(p)}</p>")
    body.insert(4, "<aside class=\"related\"><h2>Related NOT-STORY</h2><ul><li><a href=\"/a\">"
                   "Other NOT-STORY story</a></li></ul></aside>")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Russian Defense Chief | NOT-STORY News</title>
<link rel="stylesheet" href="/site.css">
<style>.headline {{ font-size: 2em; }} /* NOT-STORY */</style>
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "NOT-STORY"}}</script>
<script>window.dataLayer = ["<p>NOT-STORY</p>"];</script>
</head>
<body>
<div class="cookie-banner" aria-hidden="true">We use cookies NOT-STORY</div>
<header class="site-header">
  <a class="logo" href="/">NOT-STORY News</a>
  <nav aria-label="Sections"><ul><li><a href="/world">World NOT-STORY</a></li>
  <li><a href="/politics">Politics NOT-STORY</a></li></ul></nav>
  <form class="search" action="/search"><input name="q" placeholder="NOT-STORY">
  <button>Search NOT-STORY</button></form>
</header>
<div class="menu" hidden>Menu NOT-STORY</div>
<main id="content">
<nav class="breadcrumbs"><a href="/">Home</a> &gt; <a href="/world">World NOT-STORY</a></nav>
<article class="story">
{chr(10).join(body)}
</article>
<form class="newsletter"><label>Get the NOT-STORY newsletter</label>
<input type="email"><button>Sign up NOT-STORY</button></form>
</main>
<footer class="site-footer"><p>&copy; 2016 NOT-STORY News</p>
<nav><a href="/about">About NOT-STORY</a></nav></footer>
<noscript><img src="/pixel.gif" alt="NOT-STORY"></noscript>
<script src="/app.js"></script>
</body>
</html>
"""


def page_ru(ps):
    def ent(text):
        return esc(text).replace("«", "&laquo;").replace("»", "&raquo;").replace("—", "&mdash;")
    story = [f"<h1>{ent(ps[0])}</h1>"]
    for p in ps[1:]:
        story.append(f"<div class=\"caption\">{ent(p)}</div>" if is_caption(p)
                     else f"<p>{ent(p)}</p>")
    teasers = "\n".join(f"<article class=\"teaser\"><h3><a href=\"/n{k}\">Заголовок NOT-STORY {k}"
                        "</a></h3><p>Короткий анонс NOT-STORY.</p></article>" for k in range(4))
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1251" />
<title>NOT-STORY Новости</title>
<script type="text/javascript">document.write("<p>NOT-STORY</p>");</script>
</head>
<body>
<header><div class="logo">NOT-STORY Новости</div>
<nav><a href="/">Главная NOT-STORY</a> | <a href="/politics">Политика NOT-STORY</a></nav></header>
<div id="wrapper">
<div class="column">
<article id="story">
{chr(10).join(story)}
</article>
<section class="related"><h2>Читайте также NOT-STORY</h2>
{teasers}
</section>
</div>
<aside class="sidebar"><h2>Популярное NOT-STORY</h2><p>NOT-STORY</p></aside>
</div>
<footer><p>&copy; 2016 NOT-STORY. Все права защищены.</p></footer>
</body>
</html>
"""


def page_hy(ps):
    text = "<br><br>\n".join(esc(p, "&#x27;") for p in ps[1:])
    return f"""<html>
<head>
<meta charset="UTF-8">
<title>NOT-STORY Լուրեր</title>
<style type="text/css">body {{ margin: 0 }}</style>
</head>
<body>
<div role="banner"><img src="/logo.png" alt="NOT-STORY"> NOT-STORY Լուրեր</div>
<div role="navigation"><a href="/">Գլխավոր NOT-STORY</a> <a href="/news">Լուրեր NOT-STORY</a></div>
<div role="main">
<h2 class="title">{esc(ps[0], "&#x27;")}</h2>
<div class="date" style="display: none">NOT-STORY 15.06.2016</div>
<div class="text">
{text}
</div>
</div>
<div role="complementary">NOT-STORY</div>
<div role="contentinfo">&copy; NOT-STORY 2016</div>
</body>
</html>
"""


def write_html(out, lang, ps):
    page = {"en": page_en, "ru": page_ru, "hy": page_hy}[lang](ps)
    encoding = "windows-1251" if lang == "ru" else "utf-8"
    with open(os.path.join(out, lang, "shoigu.html"), "wb") as f:
        f.write(page.encode(encoding, "xmlcharrefreplace"))


# ---- DOCX -----------------------------------------------------------------------------------

def write_docx(out, lang, ps):
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run(text, deleted=False, hidden=False):
        r = OxmlElement("w:r")
        if hidden:
            rpr = OxmlElement("w:rPr")
            rpr.append(OxmlElement("w:vanish"))
            r.append(rpr)
        t = OxmlElement("w:delText" if deleted else "w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        r.append(t)
        return r

    def tracked(kind, *runs):
        e = OxmlElement(kind)
        e.set(qn("w:id"), "1" if kind == "w:ins" else "2")
        e.set(qn("w:author"), "Editor")
        e.set(qn("w:date"), "2016-06-15T10:00:00Z")
        for r in runs:
            e.append(r)
        return e

    def field_char(kind):
        r = OxmlElement("w:r")
        c = OxmlElement("w:fldChar")
        c.set(qn("w:fldCharType"), kind)
        r.append(c)
        return r

    def instruction(text):
        r = OxmlElement("w:r")
        t = OxmlElement("w:instrText")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        r.append(t)
        return r

    d = docx.Document()
    section = d.sections[0]
    section.header.paragraphs[0].text = "NOT-STORY page header"
    section.footer.paragraphs[0].text = "NOT-STORY page footer 1"
    d.add_heading(ps[0], level=1)
    first_caption = True
    for k, p in enumerate(ps[1:], 1):
        if is_caption(p) and first_caption:
            # A layout table holding the photo's caption, its last word a DATE field's result.
            first_caption = False
            cell = d.add_table(rows=1, cols=1).cell(0, 0)
            para = cell.paragraphs[0]
            head, _, last = p.rpartition(" ")
            para.add_run(head + " ")
            para._p.append(field_char("begin"))
            para._p.append(instruction(' DATE \\@ "NOT-STORY" '))
            para._p.append(field_char("separate"))
            para._p.append(run(last))
            para._p.append(field_char("end"))
            continue
        para = d.add_paragraph(style="Caption" if is_caption(p) else None)
        if k == 2:
            # The editor deleted words and inserted the first half of the paragraph.
            words = p.split(" ")
            half = " ".join(words[:len(words) // 2]) + " "
            para._p.append(tracked("w:ins", run(half)))
            para._p.append(tracked("w:del", run("NOT-STORY deleted words ", deleted=True)))
            para._p.append(run(" ".join(words[len(words) // 2:])))
        elif k == 3:
            para.add_run(p)
            para._p.append(run(" NOT-STORY hidden note", hidden=True))
        else:
            words = p.split(" ")
            # Runs as Word splits them, one in bold.
            para.add_run(" ".join(words[:3]) + " ")
            para.add_run(" ".join(words[3:5]) + (" " if len(words) > 5 else "")).bold = True
            para.add_run(" ".join(words[5:]))
    d.core_properties.title = "NOT-STORY"
    d.save(os.path.join(out, lang, "shoigu.docx"))


# ---- ODT ------------------------------------------------------------------------------------

def write_odt(out, lang, ps):
    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TextProperties
    from odf.table import Table, TableColumn, TableRow, TableCell
    from odf.text import (H, P, S, Span, TrackedChanges, ChangedRegion, Deletion, Insertion,
                          Change, ChangeStart, ChangeEnd, Date)
    from odf.office import Annotation, ChangeInfo
    from odf.dc import Creator, Date as DcDate
    from odf.namespaces import TEXTNS as TEXT_NS, XMLNS as XML_NS

    d = OpenDocumentText()
    bold = Style(name="Bold", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    d.automaticstyles.addElement(bold)

    def info():
        ci = ChangeInfo()
        ci.addElement(Creator(text="Editor"))
        ci.addElement(DcDate(text="2016-06-15T10:00:00"))
        return ci

    changes = TrackedChanges()
    deleted = ChangedRegion(qattributes={(XML_NS, "id"): "ct1", (TEXT_NS, "id"): "ct1"})
    deletion = Deletion()
    deletion.addElement(info())
    deletion.addElement(P(text="NOT-STORY deleted paragraph"))
    deleted.addElement(deletion)
    changes.addElement(deleted)
    inserted = ChangedRegion(qattributes={(XML_NS, "id"): "ct2", (TEXT_NS, "id"): "ct2"})
    insertion = Insertion()
    insertion.addElement(info())
    inserted.addElement(insertion)
    changes.addElement(inserted)
    d.text.addElement(changes)

    d.text.addElement(H(outlinelevel=1, text=ps[0]))
    first_caption = True
    for k, p in enumerate(ps[1:], 1):
        if is_caption(p) and first_caption:
            first_caption = False
            table = Table(name="Photo")
            table.addElement(TableColumn())
            row = TableRow()
            cell = TableCell()
            para = P()
            head, _, last = p.rpartition(" ")
            para.addText(head + " ")
            para.addElement(Date(datevalue="2016-06-15", text=last))
            cell.addElement(para)
            row.addElement(cell)
            table.addElement(row)
            d.text.addElement(table)
            continue
        para = P()
        words = p.split(" ")
        if k == 2:
            para.addElement(Change(changeid="ct1"))
            para.addElement(ChangeStart(changeid="ct2"))
            para.addText(" ".join(words[:4]) + " ")
            para.addElement(ChangeEnd(changeid="ct2"))
            para.addText(" ".join(words[4:]))
        elif k == 3:
            note = Annotation()
            note.addElement(Creator(text="Editor"))
            note.addElement(P(text="NOT-STORY comment"))
            para.addElement(note)
            para.addText(p)
        else:
            # A space as text:s, as LibreOffice writes one it cannot leave as text, and a span.
            para.addText(words[0])
            para.addElement(S())
            para.addElement(Span(stylename=bold, text=" ".join(words[1:3])))
            para.addText(" " + " ".join(words[3:]) if len(words) > 3 else "")
        d.text.addElement(para)
    d.save(os.path.join(out, lang, "shoigu.odt"))


# ---- Files tmalign refuses ------------------------------------------------------------------

def pdf():
    """A one-page PDF with the headline, written by hand (objects, xref table, trailer)."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            None,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    stream = b"BT /F1 18 Tf 72 720 Td (Russian Defense Chief Urges Closer Ties) Tj ET"
    objs[3] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for k, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % k + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out


def word97(text):
    """A Word 97-2003 document's container: an OLE2 compound file (512-byte sectors, version 3)
    whose directory holds the Root Entry and the WordDocument stream (the text stands in for
    Word's binary stream, which tmalign never reads), as Word writes its .doc files."""
    ENDOFCHAIN, FATSECT, FREESECT = 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    stream = text.encode("utf-16-le").ljust(4096, b"\0")
    data_sectors = len(stream) // 512
    fat = [FATSECT, ENDOFCHAIN] + [2 + k + 1 for k in range(data_sectors - 1)] + [ENDOFCHAIN]
    fat += [FREESECT] * (128 - len(fat))
    header = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + bytes(16)
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
    header += struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, ENDOFCHAIN, 0, ENDOFCHAIN, 0)
    header += struct.pack("<I", 0) + struct.pack("<I", FREESECT) * 108

    def entry(name, kind, child, start, size):
        n = (name + "\0").encode("utf-16-le")
        return (n.ljust(64, b"\0") + struct.pack("<HBB", len(n), kind, 1)
                + struct.pack("<III", FREESECT, FREESECT, child) + bytes(16) + bytes(4)
                + bytes(16) + struct.pack("<IQ", start, size))
    directory = entry("Root Entry", 5, 1, ENDOFCHAIN, 0) + entry("WordDocument", 2, FREESECT, 2,
                                                                  len(stream))
    directory = directory.ljust(512, b"\0")
    return header + struct.pack("<128I", *fat) + directory + stream


def main():
    out = sys.argv[1]
    if "--refused" in sys.argv[2:]:
        os.makedirs(out, exist_ok=True)
        with open(os.path.join(out, "story.pdf"), "wb") as f:
            f.write(pdf())
        with open(os.path.join(out, "story.doc"), "wb") as f:
            f.write(word97("Russian Defense Chief Urges Closer Ties With Azerbaijan"))
        return 0
    for lang in LANGS:
        os.makedirs(os.path.join(out, lang), exist_ok=True)
        ps = paragraphs(lang)
        write_html(out, lang, ps)
        write_docx(out, lang, ps)
        write_odt(out, lang, ps)
    return 0


if __name__ == "__main__":
    sys.exit(main())
