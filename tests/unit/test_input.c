/* Documents read as text (src/lib/input/): telling the format from the content; HTML pages
 * (paragraph order, what is left out, main and article, entities, <br>, <pre>, encodings);
 * Word documents and OpenDocument texts built here with libzip (paragraphs, tables, tracked
 * deletions and insertions, fields, footnotes and endnotes, hidden text, text boxes, a DTD or an
 * entity refused, damaged archives and zip bombs refused); and a doc read from each. */
#include "check.h"
#include "input.h"
#include "input/internal.h"
#include "input_files.h"
#include "worker.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- Helpers -------------------------------------------------------------------------------- */

/* The text a reader gives for DATA, or NULL (with *err) when it refuses it. Free with free(). */
typedef int (*reader_fn)(tma_buf *, const char *, const char *, size_t, tma_error *);

static char *read_with(reader_fn reader, const char *name, const char *data, size_t len,
                       tma_error *err)
{
    tma_buf out = TMA_BUF_INIT;
    *err = (tma_error){0};
    if (reader(&out, name, data, len, err) < 0) {
        tma_buf_free(&out);
        return NULL;
    }
    if (tma_buf_push(&out, '\0') < 0) {
        tma_buf_free(&out);
        return NULL;
    }
    return tma_buf_detach(&out);
}

static void expect_text(reader_fn reader, const char *data, size_t len, const char *expected,
                        int line)
{
    tma_error err;
    char *got = read_with(reader, "in", data, len, &err);
    if (got == NULL || strcmp(got, expected) != 0) {
        check_failed++;
        fprintf(stderr, "%s:%d: read\n%s\nexpected\n%s\n(%s)\n", __FILE__, line,
                got ? got : "(refused)", expected, got ? "" : err.message);
    } else {
        check_passed++;
    }
    free(got);
}

static void expect_refused(reader_fn reader, const char *data, size_t len, int code,
                           const char *needle, int line)
{
    tma_error err;
    char *got = read_with(reader, "in", data, len, &err);
    if (got != NULL || err.code != code || strstr(err.message, needle) == NULL ||
        strchr(err.message, '\n') != NULL || strcmp(err.path, "in") != 0) {
        check_failed++;
        fprintf(stderr, "%s:%d: expected a refusal (%d) with \"%s\", got %s (%d: %s)\n", __FILE__,
                line, code, needle, got ? got : "(refused)", err.code, err.message);
    } else {
        check_passed++;
    }
    free(got);
}

static int read_html(tma_buf *out, const char *name, const char *data, size_t len, tma_error *err)
{
    return tma_input_html(out, name, data, len, err);
}

#define HTML(page, expected) expect_text(read_html, page, strlen(page), expected, __LINE__)

static int read_docx(tma_buf *out, const char *name, const char *data, size_t len, tma_error *err)
{
    return tma_input_docx(out, name, data, len, err);
}

#define DOCX(body, expected) DOCX_NOTES(body, NULL, NULL, expected)
#define DOCX_NOTES(body, footnotes, endnotes, expected)                                            \
    do {                                                                                           \
        archive a_ = make_docx(body, footnotes, endnotes);                                         \
        expect_text(read_docx, a_.data, a_.len, expected, __LINE__);                               \
        free(a_.data);                                                                             \
    } while (0)

static int read_odt(tma_buf *out, const char *name, const char *data, size_t len, tma_error *err)
{
    return tma_input_odt(out, name, data, len, err);
}

#define ODT(text, expected)                                                                        \
    do {                                                                                           \
        archive a_ = make_odt(text);                                                               \
        expect_text(read_odt, a_.data, a_.len, expected, __LINE__);                                \
        free(a_.data);                                                                             \
    } while (0)

/* ---- Sniffing ------------------------------------------------------------------------------- */

static void expect_format(const char *name, const char *data, size_t len, tma_input_format format,
                          const char *what, int line)
{
    tma_input_sniffed s;
    tma_error err = {0};
    int rc = tma_input_sniff(&s, name, data, len, &err);
    int ok = rc == 0 &&
             (what == NULL ? s.what == NULL && s.format == format
                           : s.what != NULL && strstr(s.what, what) != NULL && s.remedy != NULL);
    if (!ok) {
        check_failed++;
        fprintf(stderr, "%s:%d: sniffed %s as %s / %s, expected %s / %s\n", __FILE__, line, name,
                tma_input_format_name(s.format), s.what ? s.what : "-",
                tma_input_format_name(format), what ? what : "-");
    } else {
        check_passed++;
    }
}

#define SNIFF(name, data, format, what)                                                            \
    expect_format(name, data, sizeof(data) - 1, format, what, __LINE__)

static void test_sniff(void)
{
    SNIFF("a.txt", "Plain text.\n", TMA_INPUT_TEXT, NULL);
    SNIFF("a.txt", "", TMA_INPUT_TEXT, NULL);
    SNIFF("a.txt", "Use <seg> and </seg> tags.\n", TMA_INPUT_TEXT, NULL);
    SNIFF("a.html", "<!DOCTYPE html>\n<p>x</p>", TMA_INPUT_HTML, NULL);
    SNIFF("a.txt", "\xEF\xBB\xBF  <!doctype HTML><p>x</p>", TMA_INPUT_HTML, NULL);
    SNIFF("story", "<!-- saved from url --> <!-- x -->\n<HTML><body>x", TMA_INPUT_HTML, NULL);
    SNIFF("story", "<head><title>x</title></head>", TMA_INPUT_HTML, NULL);
    SNIFF("x",
          "<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\" "
          "\"x\"><html xmlns=\"http://www.w3.org/1999/xhtml\">",
          TMA_INPUT_HTML, NULL);
    /* A fragment of a page: the extension says what a tag cannot. */
    SNIFF("page.htm", "<p>Story.</p>", TMA_INPUT_HTML, NULL);
    SNIFF("page.txt", "<p>Story.</p>", TMA_INPUT_TEXT, NULL);
    SNIFF("a.txt", "<htmlish> is no tag of a page", TMA_INPUT_TEXT, NULL);
    SNIFF("a.txt", "<!-- a comment that never ends", TMA_INPUT_TEXT, NULL);
    SNIFF("a.fodt", "<?xml version=\"1.0\"?><office:document office:mimetype=\"x\">",
          TMA_INPUT_TEXT, "flat OpenDocument");
    SNIFF("a.xml", "<?xml version=\"1.0\"?><w:wordDocument>", TMA_INPUT_TEXT, "Word 2003 XML");
    SNIFF("a.xml", "<?xml version=\"1.0\"?><data/>", TMA_INPUT_TEXT, "an XML document");

    SNIFF("a.txt", "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n", TMA_INPUT_TEXT, "a PDF document");
    SNIFF("a.rtf", "{\\rtf1\\ansi Hello}", TMA_INPUT_TEXT, "an RTF document");
    SNIFF("a.png", "\x89PNG\r\n\x1A\n\0\0\0\rIHDR", TMA_INPUT_TEXT, "a PNG image");
    SNIFF("a.gz", "\x1F\x8B\x08\0\0\0\0\0", TMA_INPUT_TEXT, "a gzip archive");
    SNIFF("a.mp4",
          "\0\0\0\x18"
          "ftypmp42",
          TMA_INPUT_TEXT, "MP4");
    /* Text that starts as a signature would, but is text. */
    SNIFF("a.txt", "BZh, said the bee.", TMA_INPUT_TEXT, NULL);
    SNIFF("a.txt", "ID3 tags hold the title.", TMA_INPUT_TEXT, NULL);

    unsigned char ole[512 * 3];
    size_t n = make_ole2(ole, "WordDocument");
    expect_format("a.doc", (const char *)ole, n, TMA_INPUT_TEXT, "Word 97-2003 document (.doc)",
                  __LINE__);
    n = make_ole2(ole, "Workbook");
    expect_format("a.doc", (const char *)ole, n, TMA_INPUT_TEXT, "Excel 97-2003", __LINE__);
    n = make_ole2(ole, "EncryptedPackage");
    expect_format("a.docx", (const char *)ole, n, TMA_INPUT_TEXT, "password-protected", __LINE__);
    /* An OLE2 header with nothing behind it: still a legacy Office file. */
    expect_format("a.doc", (const char *)ole, 8, TMA_INPUT_TEXT, "legacy Office file", __LINE__);
    ole[0x30] = 0x7F; /* a directory past the end */
    expect_format("a.doc", (const char *)ole, n, TMA_INPUT_TEXT, "legacy Office file", __LINE__);

    /* Zip archives, by their members, whatever their names say. */
    archive docx = make_docx("<w:p><w:r><w:t>x</w:t></w:r></w:p>", NULL, NULL);
    expect_format("story.txt", docx.data, docx.len, TMA_INPUT_DOCX, NULL, __LINE__);
    expect_format("story.odt", docx.data, docx.len, TMA_INPUT_DOCX, NULL, __LINE__);
    /* Damaged: cut short, the central directory gone. */
    expect_format("story.docx", docx.data, docx.len / 2, TMA_INPUT_TEXT, "damaged zip", __LINE__);
    free(docx.data);
    archive odt = make_odt("<text:p>x</text:p>");
    expect_format("story.docx", odt.data, odt.len, TMA_INPUT_ODT, NULL, __LINE__);
    free(odt.data);
    const char *xlsx_names[] = {"[Content_Types].xml", "xl/workbook.xml"};
    const char *xlsx_texts[] = {"<Types/>", "<workbook/>"};
    archive xlsx = make_zip(xlsx_names, xlsx_texts, 2);
    expect_format("a.xlsx", xlsx.data, xlsx.len, TMA_INPUT_TEXT, "Excel workbook", __LINE__);
    free(xlsx.data);
    const char *ods_names[] = {"mimetype", "content.xml"};
    const char *ods_texts[] = {"application/vnd.oasis.opendocument.spreadsheet", "<x/>"};
    archive ods = make_zip(ods_names, ods_texts, 2);
    expect_format("a.ods", ods.data, ods.len, TMA_INPUT_TEXT, "spreadsheet", __LINE__);
    free(ods.data);
    const char *epub_texts[] = {"application/epub+zip", "<x/>"};
    archive epub = make_zip(ods_names, epub_texts, 2);
    expect_format("a.epub", epub.data, epub.len, TMA_INPUT_TEXT, "EPUB", __LINE__);
    free(epub.data);
    const char *zip_names[] = {"story.txt"};
    const char *zip_texts[] = {"Text."};
    archive zip = make_zip(zip_names, zip_texts, 1);
    expect_format("a.zip", zip.data, zip.len, TMA_INPUT_TEXT, "holds no Word", __LINE__);
    free(zip.data);
}

/* tma_input_extract: the refusal says what the file is and what to save it as, in one line. */
static void test_extract_refusals(void)
{
    tma_buf out = TMA_BUF_INIT;
    tma_input_format format;
    tma_error err = {0};
    const char pdf[] = "%PDF-1.7\n";
    CHECK_EQ_INT(tma_input_extract(&out, &format, "s.pdf", pdf, sizeof pdf - 1, &err),
                 TMA_ERR_INPUT);
    CHECK_EQ_STR(err.message, "is a PDF document, which tmalign cannot read; save it as .docx, "
                              ".odt, .html or UTF-8 text");
    CHECK_EQ_STR(err.path, "s.pdf");
    unsigned char ole[512 * 3];
    size_t n = make_ole2(ole, "WordDocument");
    CHECK_EQ_INT(tma_input_extract(&out, &format, "s.doc", (const char *)ole, n, &err),
                 TMA_ERR_INPUT);
    CHECK_EQ_STR(err.message, "is a Word 97-2003 document (.doc), which tmalign cannot read; save "
                              "it as .docx, .odt, .html or UTF-8 text");
    /* Text is left to the caller. */
    CHECK_EQ_INT(tma_input_extract(&out, &format, "s.txt", "Text.", 5, &err), 0);
    CHECK_EQ_INT(format, TMA_INPUT_TEXT);
    CHECK_EQ_INT(out.len, 0);
    /* A page with no text but its navigation. */
    const char *nav = "<html><body><nav>Home</nav><footer>(c)</footer></body></html>";
    CHECK_EQ_INT(tma_input_extract(&out, &format, "s.html", nav, strlen(nav), &err), TMA_ERR_INPUT);
    CHECK(strstr(err.message, "is an HTML page with no text to align") == err.message);
    tma_buf_free(&out);
}

/* ---- HTML ----------------------------------------------------------------------------------- */

static void test_html(void)
{
    /* Blocks are paragraphs, in order; inline elements and white space flow as a browser shows
     * them. */
    HTML("<html><body><h1>Title</h1><p>One <b>bold</b>\n  and\t<i>it</i>alic.</p>"
         "<div>Two<div>nested</div>after</div><ul><li>Item one</li><li>Item two</li></ul>"
         "</body></html>",
         "Title\n\nOne bold and italic.\n\nTwo\n\nnested\n\nafter\n\nItem one\n\nItem two\n");
    /* Entities, named and numeric; a no-break space stays one. */
    HTML("<p>It&#x27;s &amp; caf&eacute; &mdash; &#8220;q&#8221;&nbsp;x &lt;tag&gt;</p>",
         "It's & caf\xC3\xA9 \xE2\x80\x94 \xE2\x80\x9Cq\xE2\x80\x9D\xC2\xA0x <tag>\n");
    /* <br> breaks a line; two of them (white space between) end the paragraph. */
    HTML("<p>Line one<br>line two <br/> <br>\nNext paragraph.<br></p>",
         "Line one\nline two\n\nNext paragraph.\n");
    /* The document type and comments never reach the text. */
    HTML("<!DOCTYPE html><!-- c --><html><body><p>A<!-- hidden -->B</p></body></html>", "AB\n");
    /* What is left out: scripts, styles, navigation, the site's header and footer, asides,
     * forms, hidden elements, ARIA's landmarks of the site. */
    HTML("<html><head><title>T</title><style>p{}</style><script>x=1</script></head><body>"
         "<header>Site</header><nav>Menu</nav><div role=\"navigation\">Menu 2</div>"
         "<p>Story.</p><aside>Related</aside><form><label>Mail</label><input><button>Go</button>"
         "</form><p hidden>Hidden</p><p aria-hidden=\"true\">Aria</p>"
         "<p style=\"color: red; display : none\">None</p><noscript>No JS</noscript>"
         "<template><p>T</p></template><select><option>O</option></select>"
         "<div role=\"contentinfo\">Info</div><footer>Copyright</footer>"
         "<script>document.write('<p>x</p>')</script></body></html>",
         "Story.\n");
    /* Where there is a main, only it is read; a story's own header and footer are kept. */
    HTML("<body><header>Site</header><p>Promo</p><main><nav>Crumbs</nav><article><header>"
         "<h1>Headline</h1></header><p>Body.</p><footer>By A. Writer</footer></article>"
         "<aside>More</aside></main><footer>Site footer</footer></body>",
         "Headline\n\nBody.\n\nBy A. Writer\n");
    HTML("<body><div>Promo</div><div role=\"main\"><p>Main text.</p></div></body>", "Main text.\n");
    /* Without a main, the article with the most text: teasers are articles too. */
    HTML("<body><article><p>Teaser.</p></article><div><article><h1>Story</h1><p>The story's "
         "long text.</p><article>A comment inside it.</article></article></div>"
         "<article><p>Other.</p></article></body>",
         "Story\n\nThe story's long text.\n\nA comment inside it.\n");
    /* A header or footer inside a section is a story's. */
    HTML("<body><header>Site</header><section><header>Part one</header><p>Text.</p></section>"
         "</body>",
         "Part one\n\nText.\n");
    /* Table cells are paragraphs. */
    HTML("<table><tr><td>A1</td><td>B1</td></tr><tr><th>A2</th><td><p>B2</p></td></tr></table>",
         "A1\n\nB1\n\nA2\n\nB2\n");
    /* <pre> keeps its spaces and lines. */
    HTML("<pre>  two  spaces\r\nline\n\nnext</pre><p>a  b</p>",
         "  two  spaces\nline\n\nnext\n\na b\n");
    /* A page in another encoding, as its <meta> says. */
    HTML("<html><head><meta charset=\"windows-1251\"></head><body><p>\xCF\xF0\xE8\xE2\xE5\xF2"
         " \xAB\xEC\xE8\xF0\xBB</p></body></html>",
         "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 \xC2\xAB\xD0\xBC\xD0\xB8\xD1\x80\xC2\xBB"
         "\n");
    /* Naming none, or UTF-8, it must be UTF-8: refused with the place of the bad byte. */
    const char *bad = "<html><body>\n<p>caf\xE9</p></body></html>";
    tma_error err;
    CHECK(read_with(read_html, "in.html", bad, strlen(bad), &err) == NULL);
    CHECK_EQ_INT(err.code, TMA_ERR_INPUT);
    CHECK_EQ_INT(err.line, 2);
    CHECK_EQ_INT(err.column, 7);
    CHECK(strstr(err.message, "invalid UTF-8") != NULL);
    /* An encoding libxml2 cannot convert: refused, not read as Latin-1. */
    const char *unknown = "<meta charset=\"x-no-such\"><p>caf\xE9</p>";
    CHECK(read_with(read_html, "in.html", unknown, strlen(unknown), &err) == NULL);
    CHECK_EQ_STR(err.message, "is an HTML page in x-no-such, an encoding tmalign cannot read; save "
                              "it as UTF-8");
    /* Bytes that are not in the encoding the page names: refused, not cut short there. */
    const char *sjis = "<meta charset=\"shift_jis\"><p>Text \x81\xFF\x80 and more.</p>";
    CHECK(read_with(read_html, "in.html", sjis, strlen(sjis), &err) == NULL);
    CHECK_EQ_STR(err.message, "is an HTML page whose bytes are not shift_jis, the encoding it "
                              "names; save it as UTF-8");
    /* Nested far deeper than the parser keeps: no recursion, the text is read. */
    size_t depth = 100000;
    char *deep = malloc(depth * 5 + 16);
    CHECK(deep != NULL);
    if (deep != NULL) {
        for (size_t k = 0; k < depth; k++)
            memcpy(deep + 5 * k, "<div>", 5);
        strcpy(deep + 5 * depth, "Deep.");
        char *got = read_with(read_html, "in", deep, strlen(deep), &err);
        CHECK(got != NULL && strcmp(got, "Deep.\n") == 0);
        free(got);
        free(deep);
    }
}

/* ---- DOCX ----------------------------------------------------------------------------------- */

/* The bodies below are XML written out with these two macros, which clang-format cannot lay out
 * (it breaks the literals between them apart): it is left off here. */
/* clang-format off */
#define P(text) "<w:p><w:r><w:t xml:space=\"preserve\">" text "</w:t></w:r></w:p>"
#define R(text) "<w:r><w:t xml:space=\"preserve\">" text "</w:t></w:r>"

static void test_docx(void)
{
    /* Paragraphs in order, runs joined, properties never text, empty paragraphs dropped. */
    DOCX("<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>" R("Head") R("line") "</w:p>"
         "<w:p/>" P("   ") "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Bold</w:t></w:r>" R(" text.")
         "</w:p>",
         "Headline\n\nBold text.\n");
    /* Tables: each cell's paragraphs in order. */
    DOCX(P("Before.") "<w:tbl><w:tblPr><w:tblW w:w=\"0\"/></w:tblPr><w:tblGrid><w:gridCol/>"
         "</w:tblGrid><w:tr><w:tc><w:tcPr/>" P("A1") P("A1 second") "</w:tc><w:tc>" P("B1")
         "</w:tc></w:tr><w:tr><w:tc>" P("A2") "</w:tc></w:tr></w:tbl>" P("After."),
         "Before.\n\nA1\n\nA1 second\n\nB1\n\nA2\n\nAfter.\n");
    /* Tracked changes: deletions and moves away left out, insertions and moves here kept. */
    DOCX("<w:p>" R("Kept ") "<w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>gone </w:delText>"
         "</w:r></w:del><w:ins w:id=\"2\" w:author=\"a\">" R("added ") "</w:ins>"
         "<w:moveFrom w:id=\"3\">" R("moved away ") "</w:moveFrom><w:moveTo w:id=\"4\">"
         R("moved here") "</w:moveTo></w:p>",
         "Kept added moved here\n");
    /* A deleted paragraph mark joins the paragraph to the next. */
    DOCX("<w:p><w:pPr><w:rPr><w:del w:id=\"1\" w:author=\"a\"/></w:rPr></w:pPr>" R("First ")
         "</w:p>" P("and second.") P("Third."),
         "First and second.\n\nThird.\n");
    /* A changed paragraph property (pPrChange) is no deleted mark. */
    DOCX("<w:p><w:pPr><w:pPrChange w:id=\"1\"><w:pPr><w:rPr><w:del w:id=\"2\"/></w:rPr></w:pPr>"
         "</w:pPrChange></w:pPr>" R("One.") "</w:p>" P("Two."),
         "One.\n\nTwo.\n");
    /* Fields: the result, never the instruction, nested fields too; a simple field's content. */
    DOCX("<w:p>" R("Page ") "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
         "<w:r><w:instrText> PAGE </w:instrText></w:r>"
         "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" R("7")
         "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>" R(" of ")
         "<w:fldSimple w:instr=\" NUMPAGES \">" R("9") "</w:fldSimple>" R(". ")
         "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>IF </w:instrText></w:r>"
         "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
         "<w:r><w:instrText>MERGEFIELD x</w:instrText></w:r>"
         "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" R("inner result")
         "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
         "<w:r><w:instrText> = 1 \"yes\" \"no\"</w:instrText></w:r>"
         "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" R("yes")
         "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>",
         "Page 7 of 9. yes\n");
    /* Hidden text is left out, unless its w:vanish is off. */
    DOCX("<w:p>" R("Shown.") "<w:r><w:rPr><w:vanish/></w:rPr><w:t> Hidden.</w:t></w:r>"
         "<w:r><w:rPr><w:vanish w:val=\"0\"/></w:rPr><w:t> Not hidden.</w:t></w:r>"
         "<w:r><w:rPr><w:rPrChange w:id=\"1\"><w:rPr><w:vanish/></w:rPr></w:rPrChange></w:rPr>"
         "<w:t> Was hidden.</w:t></w:r></w:p>",
         "Shown. Not hidden. Was hidden.\n");
    /* Breaks, tabs, hyphens; two breaks end a paragraph. */
    DOCX("<w:p>" R("a") "<w:r><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:noBreakHyphen/>"
         "<w:t>d</w:t><w:softHyphen/><w:t>e</w:t><w:cr/><w:br/><w:t>f</w:t></w:r></w:p>",
         "a\tb\nc\xE2\x80\x91" "de\n\nf\n");
    /* A text box's paragraphs follow the paragraph it is anchored in; mc:Fallback (its copy for
     * older Words) is left out. */
    DOCX("<w:p>" R("Anchor ") "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
         "<w:txbxContent>" P("Box text.") "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback>"
         "<w:pict><w:txbxContent>" P("Box text again.") "</w:txbxContent></w:pict>"
         "</mc:Fallback></mc:AlternateContent></w:r>" R("paragraph.") "</w:p>" P("Next."),
         "Anchor paragraph.\n\nBox text.\n\nNext.\n");
    /* Content controls give their content; comments are not text. */
    DOCX("<w:sdt><w:sdtPr><w:alias w:val=\"Title\"/><w:placeholder><w:docPart w:val=\"x\"/>"
         "</w:placeholder></w:sdtPr><w:sdtContent>" P("In a control.") "</w:sdtContent></w:sdt>"
         "<w:p>" R("Said") "<w:r><w:commentReference w:id=\"0\"/></w:r>" R(".") "</w:p>",
         "In a control.\n\nSaid.\n");
}

static void test_docx_notes(void)
{
    /* Footnotes and endnotes follow the paragraph that cites them, in citation order, once;
     * the separators and the note's own mark are not text. */
    const char *footnotes =
        "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p>"
        "</w:footnote><w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:r>"
        "<w:continuationSeparator/></w:r></w:p></w:footnote>"
        "<w:footnote w:id=\"2\"><w:p><w:r><w:footnoteRef/></w:r>" R(" Note two.") "</w:p>"
        "</w:footnote><w:footnote w:id=\"1\"><w:p><w:r><w:footnoteRef/></w:r>" R(" Note one.")
        "</w:p>" P("Its second paragraph.") "</w:footnote>";
    const char *endnotes = "<w:endnote w:id=\"1\">" P("End note.") "</w:endnote>";
    DOCX_NOTES("<w:p>" R("Cites one") "<w:r><w:footnoteReference w:id=\"1\"/></w:r>"
               R(" and two") "<w:r><w:footnoteReference w:id=\"2\"/></w:r>" R(".") "</w:p>"
               "<w:p>" R("Again") "<w:r><w:footnoteReference w:id=\"1\"/></w:r>" R(", and an end")
               "<w:r><w:endnoteReference w:id=\"1\"/></w:r>" R(".") "</w:p>"
               "<w:p>" R("Unknown") "<w:r><w:footnoteReference w:id=\"9\"/></w:r>" R(".")
               "</w:p>",
               footnotes, endnotes,
               "Cites one and two.\n\nNote one.\n\nIts second paragraph.\n\nNote two.\n\n"
               "Again, and an end.\n\nEnd note.\n\nUnknown.\n");
    /* A note cited in a table cell follows that cell's paragraph. */
    DOCX_NOTES("<w:tbl><w:tr><w:tc><w:p>" R("Cell")
               "<w:r><w:footnoteReference w:id=\"1\"/></w:r></w:p></w:tc><w:tc>" P("Next cell")
               "</w:tc></w:tr></w:tbl>",
               "<w:footnote w:id=\"1\">" P("Cell note.") "</w:footnote>", NULL,
               "Cell\n\nCell note.\n\nNext cell\n");
}
/* clang-format on */

static void test_docx_refusals(void)
{
    /* A DTD or an entity, which Word never writes: refused before anything expands. */
    archive a;
    const char *names[] = {"word/document.xml"};
    const char *dtd[] = {"<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY a \"aaaaaaaaaa\">"
                         "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><w:document " W_NS
                         "><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"};
    a = make_zip(names, dtd, 1);
    expect_refused(read_docx, a.data, a.len, TMA_ERR_INPUT, "declares a document type", __LINE__);
    free(a.data);
    const char *ext[] = {"<?xml version=\"1.0\"?><!DOCTYPE w:document SYSTEM "
                         "\"http://127.0.0.1:9/x.dtd\"><w:document " W_NS "/>"};
    a = make_zip(names, ext, 1);
    expect_refused(read_docx, a.data, a.len, TMA_ERR_INPUT, "declares a document type", __LINE__);
    free(a.data);
    /* Not well-formed. */
    const char *broken[] = {"<w:document " W_NS "><w:body><w:p></w:body>"};
    a = make_zip(names, broken, 1);
    expect_refused(read_docx, a.data, a.len, TMA_ERR_INPUT,
                   "is a damaged .docx file (word/document.xml is not well-formed XML: ", __LINE__);
    free(a.data);
    /* No word/document.xml. */
    const char *other[] = {"<x/>"};
    const char *other_names[] = {"word/other.xml"};
    a = make_zip(other_names, other, 1);
    expect_refused(read_docx, a.data, a.len, TMA_ERR_INPUT, "without word/document.xml", __LINE__);
    free(a.data);
    /* Not a zip archive at all. */
    expect_refused(read_docx, "PK\x03\x04junk", 8, TMA_ERR_INPUT, "is a damaged .docx file",
                   __LINE__);
}

static void test_zip_caps(void)
{
    /* A member that unpacks past the cap: refused as it inflates, with memory to spare. */
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    CHECK(za != NULL);
    if (za == NULL)
        return;
    zip_source_keep(src);
    CHECK(zip_file_add(za, "[Content_Types].xml", zip_source_buffer(za, "<x/>", 4, 0), 0) >= 0);
    fill f = {TMA_INPUT_MAX_MEMBER_BYTES + 1, 0, "<w:document " W_NS "><w:body>", {0}};
    zip_error_init(&f.error);
    zip_source_t *bomb = zip_source_function(za, fill_source, &f);
    CHECK(zip_file_add(za, "word/document.xml", bomb, 0) >= 0);
    archive a = closed_zip(za, src);
    zip_error_fini(&f.error);
    printf("a %zu MiB member in %zu KiB\n", (size_t)(f.size >> 20), a.len >> 10);
    expect_refused(read_docx, a.data, a.len, TMA_ERR_LIMIT,
                   "word/document.xml unpacks to more than 256 MiB", __LINE__);
    free(a.data);

    /* More members than any document has. */
    src = zip_source_buffer_create(NULL, 0, 0, &ze);
    za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    zip_source_keep(src);
    CHECK(zip_file_add(za, "word/document.xml", zip_source_buffer(za, "<x/>", 4, 0), 0) >= 0);
    for (int k = 0; k < TMA_INPUT_MAX_MEMBERS; k++) {
        char name[32];
        snprintf(name, sizeof name, "m%d", k);
        zip_source_t *e = zip_source_buffer(za, "", 0, 0);
        zip_set_file_compression(za, (zip_uint64_t)zip_file_add(za, name, e, 0), ZIP_CM_STORE, 0);
    }
    a = closed_zip(za, src);
    expect_refused(read_docx, a.data, a.len, TMA_ERR_LIMIT, "more than 10000 files", __LINE__);
    free(a.data);
    zip_error_fini(&ze);
}

/* ---- ODT ------------------------------------------------------------------------------------ */

static void test_odt(void)
{
    /* Headings, paragraphs, lists and tables in order; white space collapses; spans flow. */
    ODT("<text:sequence-decls><text:sequence-decl text:name=\"Figure\"/></text:sequence-decls>"
        "<text:h text:outline-level=\"1\">Title</text:h>\n<text:p>One\n  <text:span>two</text:span>"
        " three.</text:p><text:list><text:list-item><text:p>Item</text:p></text:list-item>"
        "</text:list><table:table><table:table-row><table:table-cell><text:p>A1</text:p>"
        "</table:table-cell><table:table-cell><text:p>B1</text:p></table:table-cell>"
        "</table:table-row></table:table><text:p/><text:p> </text:p><text:p>End.</text:p>",
        "Title\n\nOne two three.\n\nItem\n\nA1\n\nB1\n\nEnd.\n");
    /* Spaces that stay, tabs and line breaks; two line breaks end a paragraph. */
    ODT("<text:p>a<text:s text:c=\"3\"/>b<text:tab/>c<text:line-break/>d<text:line-break/>"
        "<text:line-break/>e <text:s/>f</text:p>",
        "a   b\tc\nd\n\ne  f\n");
    /* Tracked changes: the deleted text is in text:tracked-changes, left out; the inserted
     * text is in the body. */
    ODT("<text:tracked-changes><text:changed-region xml:id=\"c1\" text:id=\"c1\"><text:deletion>"
        "<text:p>Deleted words</text:p></text:deletion></text:changed-region>"
        "<text:changed-region text:id=\"c2\"><text:insertion/></text:changed-region>"
        "</text:tracked-changes><text:p>Kept <text:change text:change-id=\"c1\"/>"
        "<text:change-start text:change-id=\"c2\"/>inserted <text:change-end "
        "text:change-id=\"c2\"/>text.</text:p>",
        "Kept inserted text.\n");
    /* Notes: the citation mark left out, the body after the paragraph. */
    ODT("<text:p>Cited<text:note text:id=\"n1\" text:note-class=\"footnote\">"
        "<text:note-citation>1</text:note-citation><text:note-body><text:p>The note.</text:p>"
        "<text:p>Its second paragraph.</text:p></text:note-body></text:note> here.</text:p>"
        "<text:p>Next.</text:p>",
        "Cited here.\n\nThe note.\n\nIts second paragraph.\n\nNext.\n");
    /* Fields show their text; comments are left out; a table of contents is read, its
     * template not. */
    ODT("<text:p>On <text:date text:date-value=\"2016-06-15\">15 June</text:date>, page "
        "<text:page-number>3</text:page-number><office:annotation><dc:creator>Ed</dc:creator>"
        "<text:p>A comment.</text:p></office:annotation>.</text:p>"
        "<text:table-of-content><text:table-of-content-source><text:index-title-template>"
        "Contents template</text:index-title-template></text:table-of-content-source>"
        "<text:index-body><text:p>Chapter 1</text:p></text:index-body></text:table-of-content>",
        "On 15 June, page 3.\n\nChapter 1\n");
    /* A text box follows its paragraph; a drawing's title and description are not text. */
    ODT("<text:p>Anchor<draw:frame><svg:title>Photo title</svg:title><svg:desc>Description"
        "</svg:desc><draw:text-box><text:p>Boxed.</text:p></draw:text-box></draw:frame> text."
        "</text:p>",
        "Anchor text.\n\nBoxed.\n");
}

/* ---- Paragraph nesting past the writer's levels ------------------------------------------- */

static void test_deep_nesting(void)
{
    /* Notes inside text boxes inside notes, deeper than the levels kept apart: every word is
     * read, once. */
    char body[16384] = "";
    size_t n = 0;
    for (int k = 0; k < 12; k++)
        n += (size_t)snprintf(body + n, sizeof body - n, "<text:p>L%d<text:note><text:note-body>",
                              k);
    for (int k = 12; k-- > 0;)
        n += (size_t)snprintf(body + n, sizeof body - n, "</text:note-body></text:note></text:p>");
    archive a = make_odt(body);
    tma_error err;
    char *got = read_with(read_odt, "in", a.data, a.len, &err);
    CHECK(got != NULL);
    for (int k = 0; got != NULL && k < 12; k++) {
        char word[8];
        snprintf(word, sizeof word, "L%d\n", k);
        CHECK(strstr(got, word) != NULL);
    }
    free(got);
    free(a.data);
}

/* ---- Documents ------------------------------------------------------------------------------ */

static void test_doc(tma_worker *w)
{
    /* A doc read from a page: its text is the page's, its offsets that text's. */
    const char *page = "<!DOCTYPE html><html><head><title>T</title></head><body><nav>Home</nav>"
                       "<main><h1>Headline here</h1><p>First sentence. Second one.</p></main>"
                       "</body></html>";
    tma_doc *doc;
    tma_error err = {0};
    CHECK_EQ_INT(tma_doc_read_mem(&doc, w, "s.html", page, strlen(page), "en", &err), 0);
    if (doc == NULL)
        return;
    CHECK_EQ_STR(tma_doc_format(doc), "html");
    size_t len;
    const char *text = tma_doc_text(doc, &len);
    CHECK(len == strlen("Headline here\n\nFirst sentence. Second one.\n") &&
          memcmp(text, "Headline here\n\nFirst sentence. Second one.\n", len) == 0);
    CHECK_EQ_INT(tma_doc_paragraph_count(doc), 2);
    CHECK_EQ_INT(tma_doc_sentence_count(doc), 3);
    const tma_sentence *s = tma_doc_sentence(doc, 2);
    CHECK_EQ_INT(s->orig_start, strlen("Headline here\n\nFirst sentence. "));
    CHECK_EQ_INT(s->paragraph, 1);
    tma_doc_free(doc);

    archive a = make_docx(P("Docx text."), NULL, NULL);
    CHECK_EQ_INT(tma_doc_read_mem(&doc, w, "s.txt", a.data, a.len, "en", &err), 0);
    if (doc != NULL)
        CHECK_EQ_STR(tma_doc_format(doc), "docx");
    tma_doc_free(doc);
    free(a.data);
    CHECK_EQ_INT(tma_doc_read_mem(&doc, w, "s.docx", "Plain.", 6, "en", &err), 0);
    if (doc != NULL)
        CHECK_EQ_STR(tma_doc_format(doc), "text");
    tma_doc_free(doc);
    CHECK_EQ_INT(tma_doc_read_mem(&doc, w, "s.pdf", "%PDF-1.4\n", 9, "en", &err), TMA_ERR_INPUT);
    CHECK(doc == NULL);
}

int main(void)
{
    tma_ctx *ctx;
    tma_worker *w;
    if (test_worker_start(&ctx, &w) < 0)
        return 1;
    test_sniff();
    test_extract_refusals();
    test_html();
    test_docx();
    test_docx_notes();
    test_docx_refusals();
    test_zip_caps();
    test_odt();
    test_deep_nesting();
    test_doc(w);
    tma_worker_free(w);
    tma_ctx_free(ctx);
    return check_summary();
}
