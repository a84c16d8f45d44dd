/* Documents in the formats translators get stories in, read as the text tmalign aligns (issue
 * 22): HTML pages, Word documents (.docx) and OpenDocument text (.odt) become plain UTF-8 text,
 * a paragraph per block, blank lines between paragraphs, which then goes through the text
 * module as a text file does (text.h: NFC, paragraphs, offsets). Byte offsets of a document read
 * this way refer to that text.
 *
 * The format comes from the content (tma_input_sniff): magic bytes, the names of a zip
 * archive's members, the start of an HTML page; the file name's extension only tells a page
 * that opens with some other tag from text. PDF, RTF, legacy Office files (Word 97-2003 .doc and
 * other OLE2 files), spreadsheets, presentations, images and other binaries are refused with one
 * line saying what the file is and what to save it as.
 *
 * The module is src/lib/input/, one job per file: sniff.c tells the format; html.c reads a page
 * through libxml2's HTML parser; zip.c opens a .docx or .odt (libzip) with caps on its members
 * and reads its XML with no network, DTD or entity; docx.c and odt.c read their formats' XML;
 * input.c holds the paragraph writer they share (internal.h) and tma_input_extract. */
#ifndef TMA_INPUT_H
#define TMA_INPUT_H

#include "buf.h"
#include "tmalign.h"

#include <stddef.h>

typedef enum tma_input_format {
    TMA_INPUT_TEXT = 0, /* plain text, read as it is */
    TMA_INPUT_HTML,
    TMA_INPUT_DOCX,
    TMA_INPUT_ODT,
} tma_input_format;

/* The format's name as the TMX's x-source-format prop and tma_doc_format give it: "text",
 * "html", "docx", "odt". */
const char *tma_input_format_name(tma_input_format format);

/* What tma_input_sniff found. */
typedef struct tma_input_sniffed {
    tma_input_format format; /* how to read the file, when WHAT is NULL */
    /* NULL when tmalign reads the file; otherwise what the file is, for a refusal ("a PDF
     * document"), and what to do about it ("save it as .docx, .odt, .html or UTF-8 text");
     * static strings. */
    const char *what;
    const char *remedy;
} tma_input_sniffed;

/* The most members a zip archive may have, and the most bytes one member may unpack to, for
 * tmalign to read it as a .docx or .odt: no document comes near either, a zip bomb does. */
#define TMA_INPUT_MAX_MEMBERS      10000
#define TMA_INPUT_MAX_MEMBER_BYTES ((size_t)256 * 1024 * 1024)

/* Tells the format of LEN bytes at DATA, the file NAME (whose extension is a hint for HTML
 * only). Never fails on the content: what it cannot read is a refusal in OUT. Returns 0, or
 * TMA_ERR_NOMEM with *err filled. */
int tma_input_sniff(tma_input_sniffed *out, const char *name, const char *data, size_t len,
                    tma_error *err);

/* Reads LEN bytes at DATA, the file NAME (for messages), in the format tma_input_sniff tells.
 * Plain text is left to the caller: *format is TMA_INPUT_TEXT and OUT stays as it is. A
 * document's text is appended to OUT, plain UTF-8 with a blank line between paragraphs and "\n"
 * at the end, and *format says which format it was. A format tmalign does not read, a damaged
 * document or one with no text is refused with one line naming NAME (TMA_ERR_INPUT), one over
 * the caps TMA_ERR_LIMIT. */
int tma_input_extract(tma_buf *out, tma_input_format *format, const char *name, const char *data,
                      size_t len, tma_error *err);

/* The readers, which tma_input_extract calls after sniffing: each appends the text of the
 * document at DATA to OUT as tma_input_extract describes, or refuses it. */

/* An HTML page, through libxml2's HTML parser (no network). Where the page has a <main> (or an
 * element with role="main"), only that is read; otherwise where it has <article>s, the one with
 * the most text. script, style, noscript, template, head, nav, aside, forms and their controls,
 * embedded objects and media, elements marked hidden or aria-hidden, and the site's header and
 * footer (one outside any article, section or main; ARIA's banner, contentinfo, navigation,
 * complementary and search landmarks likewise) are left out. Block elements (p, div, headings,
 * list items, table cells, ...) are paragraphs; <br> is a line break and two of them a paragraph
 * break; white space collapses as a browser shows it, but in <pre>; entities are decoded. The
 * page's encoding is its <meta charset> or BOM; with none, or UTF-8, the bytes must be UTF-8. */
int tma_input_html(tma_buf *out, const char *name, const char *data, size_t len, tma_error *err);

/* A Word document (.docx): the main document's paragraphs in order, a table's cells' paragraphs
 * in order, footnotes and endnotes as paragraphs after the paragraph that cites them, text boxes
 * after the paragraph they are anchored in. Tracked deletions (and moves away) are left out,
 * insertions kept, a deleted paragraph mark joins its paragraph to the next; a field gives its
 * result, never its instruction; hidden text (w:vanish), comments and page headers and footers
 * are left out. */
int tma_input_docx(tma_buf *out, const char *name, const char *data, size_t len, tma_error *err);

/* An OpenDocument text (.odt): content.xml's paragraphs and headings in order, lists and table
 * cells as paragraphs, notes (footnotes and endnotes) as paragraphs after the paragraph that
 * cites them, text boxes after theirs. Tracked changes as the document shows them with the
 * changes accepted: deletions left out, insertions kept. Fields give their text; comments,
 * citation marks and index sources are left out. */
int tma_input_odt(tma_buf *out, const char *name, const char *data, size_t len, tma_error *err);

#endif
