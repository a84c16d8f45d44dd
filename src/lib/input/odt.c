/* An OpenDocument text (.odt): content.xml read as a stream, its office:body/office:text. What
 * is read:
 * - text:p and text:h are paragraphs (in lists and table cells too); one inside another (a
 *   note's body, a text box's) follows it;
 * - white space collapses as ODF says (a run of spaces, tabs and line ends is one space), text:s
 *   gives its text:c spaces, text:tab a tab, text:line-break a line break;
 * - text:note's body follows the citing paragraph; its citation mark (text:note-citation) is left
 *   out;
 * - text:tracked-changes, which holds the deleted text of tracked changes, is left out; inserted
 *   text is in the body, marked by text:change-start and text:change-end, and is read;
 * - fields (text:date, text:page-number, text:bookmark-ref, ...) hold the text they show, which is
 *   read; comments (office:annotation), index sources (the templates of a table of contents, not
 *   the table itself), forms, sequence and variable declarations and the titles and
 *   descriptions of drawings are left out.
 * Page headers and footers are in styles.xml, which is not read. */
#include "error.h"
#include "internal.h"

#include <stdlib.h>
#include <string.h>

static const char OFFICE[] = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
static const char TEXT[] = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
static const char SVG[] = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0";

/* The most spaces one text:s gives: more is not text. */
#define MAX_SPACES 1000

static int is_text(const tma_input_zip_xml *x, const char *local)
{
    return tma_input_zip_xml_is(x, TEXT, NULL, local);
}

/* Whether the element the reader is on is left out with all it holds. */
static int left_out(const tma_input_zip_xml *x)
{
    static const char *const TEXT_NAMES[] = {
        "note-citation",
        "tracked-changes",
        "deletion",
        "sequence-decls",
        "variable-decls",
        "user-field-decls",
        "dde-connection-decls",
        "alphabetical-index-auto-mark-file",
        "table-of-content-source",
        "illustration-index-source",
        "table-index-source",
        "object-index-source",
        "user-index-source",
        "alphabetical-index-source",
        "bibliography-source",
    };
    for (size_t k = 0; k < sizeof TEXT_NAMES / sizeof TEXT_NAMES[0]; k++)
        if (is_text(x, TEXT_NAMES[k]))
            return 1;
    return tma_input_zip_xml_is(x, OFFICE, NULL, "annotation") ||
           tma_input_zip_xml_is(x, OFFICE, NULL, "forms") ||
           tma_input_zip_xml_is(x, SVG, NULL, "title") ||
           tma_input_zip_xml_is(x, SVG, NULL, "desc");
}

/* The spaces a text:s gives: its text:c, 1 by default. */
static size_t space_count(const tma_input_zip_xml *x)
{
    xmlChar *c = xmlTextReaderGetAttributeNs(x->reader, BAD_CAST "c", BAD_CAST TEXT);
    size_t n = 1;
    if (c != NULL) {
        char *end;
        long v = strtol((const char *)c, &end, 10);
        if (end != (char *)c && *end == '\0' && v >= 0)
            n = v > MAX_SPACES ? MAX_SPACES : (size_t)v;
        xmlFree(c);
    }
    return n;
}

/* Reads office:text's content into S; NAME is the file, for messages. */
static int read_body(tma_input_zip_xml *x, tma_input_sink *s, const char *name, tma_error *err)
{
    size_t depth = 0, body = 0; /* elements open; office:text's depth, 0 outside it */
    int rc;
    while ((rc = tma_input_zip_xml_next(x, err)) > 0) {
        int type = rc;
        rc = 0;
        if (type == XML_READER_TYPE_END_ELEMENT) {
            if (body > 0 && depth > body && (is_text(x, "p") || is_text(x, "h")))
                rc = tma_input_sink_close(s, 0);
            if (depth == body)
                body = 0;
            depth--;
        } else if (type == XML_READER_TYPE_ELEMENT) {
            int empty = xmlTextReaderIsEmptyElement(x->reader) == 1;
            if (body == 0) {
                if (!empty)
                    depth++;
                if (!empty && tma_input_zip_xml_is(x, OFFICE, NULL, "text"))
                    body = depth;
                continue;
            }
            if (left_out(x)) {
                rc = tma_input_zip_xml_skip(x, err);
                if (rc < 0)
                    return rc;
                continue;
            }
            if (!empty)
                depth++;
            if (is_text(x, "p") || is_text(x, "h")) {
                rc = tma_input_sink_open(s);
                if (rc == 0 && empty)
                    rc = tma_input_sink_close(s, 0);
            } else if (s->open == 0) {
                continue; /* text is in paragraphs only */
            } else if (is_text(x, "s")) {
                rc = tma_input_sink_spaces(s, space_count(x));
            } else if (is_text(x, "tab")) {
                rc = tma_input_sink_text(s, "\t", 1, TMA_INPUT_SINK_LITERAL);
            } else if (is_text(x, "line-break")) {
                rc = tma_input_sink_line_break(s);
            }
        } else if (body > 0 && s->open > 0) {
            const char *v = (const char *)xmlTextReaderConstValue(x->reader);
            if (v != NULL)
                rc = tma_input_sink_text(s, v, strlen(v), TMA_INPUT_SINK_COLLAPSE);
        }
        if (rc < 0)
            return s->status != 0 ? tma_input_sink_fail(s, name, err) : rc;
    }
    return rc;
}

int tma_input_odt(tma_buf *out, const char *name, const char *data, size_t len, tma_error *err)
{
    tma_input_sink sink = {0};
    tma_input_zip z;
    tma_input_zip_xml x = {0};
    int rc = tma_input_zip_open(&z, name, ".odt", data, len, err);
    if (rc == 0) {
        rc = tma_input_zip_xml_open(&x, &z, "content.xml", err);
        if (rc == 1)
            rc = tma_error_set(err, TMA_ERR_INPUT, name, 0, 0,
                               "is an .odt file without content.xml; open it in LibreOffice and "
                               "save it again");
    }
    if (rc == 0) {
        rc = read_body(&x, &sink, name, err);
    }
    tma_input_zip_xml_close(&x);
    if (rc == 0 && tma_input_sink_finish(&sink) < 0)
        rc = tma_input_sink_fail(&sink, name, err);
    if (rc == 0 && tma_buf_append(out, sink.out.data, sink.out.len) < 0)
        rc = tma_error_nomem(err, "reading a document");
    tma_input_sink_free(&sink);
    tma_input_zip_close(&z);
    return rc;
}
