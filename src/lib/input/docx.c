/* A Word document (.docx, Office Open XML): word/document.xml read as a stream, its footnotes
 * and endnotes from word/footnotes.xml and word/endnotes.xml. What is read:
 * - w:p is a paragraph; one inside another (a text box's, w:txbxContent) follows it;
 * - w:t is text, w:tab a tab, w:br and w:cr line breaks, w:noBreakHyphen U+2011;
 * - w:del and w:moveFrom (tracked deletions, moves away) are left out with their text, w:ins and
 *   w:moveTo kept; a paragraph mark deleted (w:pPr/w:rPr/w:del) joins the paragraph to the next;
 * - a complex field (w:fldChar begin, instruction, separate, result, end) gives its result and
 *   never its instruction (w:instrText, or a nested field's text inside it); w:fldSimple gives
 *   its content, the result;
 * - a run whose properties hide it (w:vanish) is left out;
 * - a footnote or endnote reference (w:footnoteReference, w:endnoteReference) brings the note's
 *   paragraphs after the paragraph that cites it, the first time it is cited;
 * - mc:Fallback (an older copy of what mc:Choice holds) is left out, as are property elements,
 *   comments and symbols in a font's private code points (w:sym).
 * Headers, footers and comments are other members, which are not read. */
#include "error.h"
#include "internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

static const char W[] = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
static const char W_STRICT[] = "http://purl.oclc.org/ooxml/wordprocessingml/main";
static const char MC[] = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/* Fields nest; deeper than this their text is read as a result's. */
#define MAX_FIELDS 64
#define MARKS      (TMA_INPUT_SINK_LEVELS + 1)

/* A footnote's or endnote's text, by its kind and id. */
typedef struct note {
    int endnote;
    long id;
    char *text; /* finished paragraphs; NULL once cited */
    size_t len;
} note;

typedef struct docx {
    tma_input_zip_xml x;
    tma_input_sink sink;
    const char *name;
    /* Fields open: for each, 1 while its instruction is read (before w:fldChar separate). */
    unsigned char fields[MAX_FIELDS];
    size_t field_depth, in_instruction;
    int run_hidden; /* the run's properties hold w:vanish */
    int in_text;    /* inside w:t */
    /* Per paragraph level open: its mark is a tracked deletion. */
    unsigned char mark_deleted[MARKS];
    size_t ppr_depth; /* inside w:pPr (its element depth + 1), 0 outside */
    size_t rpr_depth; /* inside a run's w:rPr, likewise */
    note *notes;
    size_t note_count, note_cap;
} docx;

static int is_w(const docx *d, const char *local)
{
    return tma_input_zip_xml_is(&d->x, W, W_STRICT, local);
}

/* The w: attribute LOCAL of the element the reader is on (free with xmlFree), or NULL. */
static char *w_attr(const docx *d, const char *local)
{
    xmlChar *v = xmlTextReaderGetAttributeNs(d->x.reader, BAD_CAST local, BAD_CAST W);
    if (v == NULL)
        v = xmlTextReaderGetAttributeNs(d->x.reader, BAD_CAST local, BAD_CAST W_STRICT);
    return (char *)v;
}

/* A w:val that turns a property off: "0", "false", "off". */
static int is_off(const char *v)
{
    return v != NULL && (strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "off") == 0);
}

static int note_cmp(const void *a, const void *b)
{
    const note *x = a, *y = b;
    if (x->endnote != y->endnote)
        return x->endnote - y->endnote;
    return (x->id > y->id) - (x->id < y->id);
}

static note *find_note(docx *d, int endnote, long id)
{
    note key = {endnote, id, NULL, 0};
    return d->note_count == 0 ? NULL : bsearch(&key, d->notes, d->note_count, sizeof key, note_cmp);
}

/* The field instruction parts hide text, and so does a hidden run. */
static int text_shown(const docx *d)
{
    return d->in_instruction == 0 && !d->run_hidden;
}

static void field_char(docx *d)
{
    char *type = w_attr(d, "fldCharType");
    if (type == NULL)
        return;
    if (strcmp(type, "begin") == 0) {
        if (d->field_depth < MAX_FIELDS) {
            d->fields[d->field_depth] = 1;
            d->in_instruction++;
        }
        d->field_depth++;
    } else if (strcmp(type, "separate") == 0) {
        if (d->field_depth > 0 && d->field_depth <= MAX_FIELDS && d->fields[d->field_depth - 1]) {
            d->fields[d->field_depth - 1] = 0;
            d->in_instruction--;
        }
    } else if (strcmp(type, "end") == 0 && d->field_depth > 0) {
        d->field_depth--;
        if (d->field_depth < MAX_FIELDS && d->fields[d->field_depth])
            d->in_instruction--;
    }
    xmlFree(type);
}

/* A note cited: its paragraphs follow the citing paragraph, the first time only. */
static int cite_note(docx *d, int endnote)
{
    char *id = w_attr(d, "id");
    if (id == NULL)
        return 0;
    char *end;
    long n = strtol(id, &end, 10);
    int valid = end != id && *end == '\0';
    xmlFree(id);
    note *nt = valid ? find_note(d, endnote, n) : NULL;
    if (nt == NULL || nt->text == NULL)
        return 0;
    int rc = tma_input_sink_after(&d->sink, nt->text, nt->len);
    free(nt->text);
    nt->text = NULL;
    return rc;
}

/* Ends the element the reader is on (DEPTH elements open after it). */
static int end_element(docx *d, int notes, int endnote, note *current, size_t depth, tma_error *err)
{
    if (d->ppr_depth > depth)
        d->ppr_depth = 0;
    if (d->rpr_depth > depth)
        d->rpr_depth = 0;
    if (is_w(d, "t")) {
        d->in_text = 0;
    } else if (is_w(d, "p")) {
        size_t level = d->sink.open < MARKS ? d->sink.open : MARKS - 1;
        int join = d->mark_deleted[level];
        d->mark_deleted[level] = 0;
        return tma_input_sink_close(&d->sink, join);
    } else if (is_w(d, "r")) {
        d->run_hidden = 0;
    } else if (notes && depth == 1 && (is_w(d, "footnote") || is_w(d, "endnote"))) {
        /* The note's paragraphs, kept until it is cited. */
        (void)endnote;
        if (tma_input_sink_finish(&d->sink) < 0)
            return -1;
        if (current->id != LONG_MIN && d->sink.out.len > 1) {
            note *grown = tma_grow(d->notes, &d->note_cap, d->note_count + 1, sizeof *grown, 16);
            if (grown == NULL)
                return tma_error_nomem(err, "reading notes");
            d->notes = grown;
            current->len = d->sink.out.len - 1; /* without the final "\n" */
            current->text = tma_buf_detach(&d->sink.out);
            d->notes[d->note_count++] = *current;
        }
        d->sink.out.len = 0;
        d->sink.total = 0;
        current->id = LONG_MIN;
    }
    return 0;
}

/* Whether the element the reader is on is left out with all it holds. */
static int left_out(const docx *d)
{
    static const char *const NAMES[] = {
        "del",      "moveFrom",         "instrText", "delText",   "delInstrText", "sdtPr",
        "sdtEndPr", "sectPr",           "tblPr",     "tblGrid",   "trPr",         "tcPr",
        "sym",      "commentReference", "pPrChange", "rPrChange",
    };
    for (size_t k = 0; k < sizeof NAMES / sizeof NAMES[0]; k++)
        if (is_w(d, NAMES[k]))
            return 1;
    return tma_input_zip_xml_is(&d->x, MC, NULL, "Fallback");
}

/* Starts the element the reader is on (DEPTH elements open, it included unless EMPTY). */
static int start_element(docx *d, int notes, int endnote, note *current, size_t depth, int empty)
{
    size_t level = d->sink.open < MARKS ? d->sink.open : MARKS - 1;
    if (d->ppr_depth > 0) {
        /* In a paragraph's properties only a deleted paragraph mark matters. */
        if (is_w(d, "rPr") && !empty)
            d->rpr_depth = depth;
        else if (is_w(d, "del") && d->rpr_depth > 0)
            d->mark_deleted[level] = 1;
        return 0;
    }
    if (d->rpr_depth > 0) {
        /* In a run's properties only w:vanish does. */
        if (is_w(d, "vanish")) {
            char *v = w_attr(d, "val");
            d->run_hidden = !is_off(v);
            xmlFree(v);
        }
        return 0;
    }
    if (is_w(d, "p")) {
        if (tma_input_sink_open(&d->sink) < 0)
            return -1;
        level = d->sink.open < MARKS ? d->sink.open : MARKS - 1;
        d->mark_deleted[level] = 0;
        return empty ? tma_input_sink_close(&d->sink, 0) : 0;
    }
    if (is_w(d, "pPr") && !empty)
        d->ppr_depth = depth;
    else if (is_w(d, "rPr") && !empty)
        d->rpr_depth = depth;
    else if (is_w(d, "r"))
        d->run_hidden = 0;
    else if (is_w(d, "t"))
        d->in_text = !empty;
    else if (is_w(d, "tab") && text_shown(d))
        return tma_input_sink_text(&d->sink, "\t", 1, TMA_INPUT_SINK_LITERAL);
    else if ((is_w(d, "br") || is_w(d, "cr")) && text_shown(d))
        return tma_input_sink_line_break(&d->sink);
    else if (is_w(d, "noBreakHyphen") && text_shown(d))
        return tma_input_sink_text(&d->sink, "\xE2\x80\x91", 3, TMA_INPUT_SINK_LITERAL);
    else if (is_w(d, "fldChar"))
        field_char(d);
    else if (!notes && (is_w(d, "footnoteReference") || is_w(d, "endnoteReference")))
        return text_shown(d) ? cite_note(d, is_w(d, "endnoteReference")) : 0;
    else if (notes && depth == 2 && !empty && (is_w(d, "footnote") || is_w(d, "endnote"))) {
        /* A note; a separator (w:type) holds no text of the document. */
        char *type = w_attr(d, "type");
        char *id = w_attr(d, "id");
        char *end = NULL;
        long n = id != NULL ? strtol(id, &end, 10) : 0;
        int normal = type == NULL || strcmp(type, "normal") == 0;
        *current = (note){endnote, LONG_MIN, NULL, 0};
        if (normal && id != NULL && end != id && *end == '\0' && n != LONG_MIN)
            current->id = n;
        xmlFree(type);
        xmlFree(id);
        /* Whatever the notes' fields and runs left open ends with the note. */
        d->field_depth = d->in_instruction = 0;
        d->run_hidden = 0;
    }
    return 0;
}

/* Reads the member open in D->x: with NOTES, w:footnotes or w:endnotes, each note into d->notes
 * (ENDNOTE says which); otherwise the document's body into d->sink. */
static int read_member(docx *d, int notes, int endnote, tma_error *err)
{
    size_t depth = 0; /* elements open */
    note current = {0, LONG_MIN, NULL, 0};
    int rc;
    while ((rc = tma_input_zip_xml_next(&d->x, err)) > 0) {
        int type = rc;
        rc = 0;
        if (type == XML_READER_TYPE_END_ELEMENT) {
            depth--;
            rc = end_element(d, notes, endnote, &current, depth, err);
        } else if (type == XML_READER_TYPE_ELEMENT) {
            int empty = xmlTextReaderIsEmptyElement(d->x.reader) == 1;
            /* In properties only their own tracked changes (the formatting before) are. */
            int in_properties = d->ppr_depth > 0 || d->rpr_depth > 0;
            if (in_properties ? is_w(d, "pPrChange") || is_w(d, "rPrChange") : left_out(d)) {
                rc = tma_input_zip_xml_skip(&d->x, err);
                if (rc < 0)
                    return rc;
                continue;
            }
            if (!empty)
                depth++;
            rc = start_element(d, notes, endnote, &current, depth, empty);
        } else if (d->in_text && text_shown(d) && d->sink.open > 0) {
            /* Text counts inside w:t only: white space between elements is not text. */
            const char *v = (const char *)xmlTextReaderConstValue(d->x.reader);
            if (v != NULL)
                rc = tma_input_sink_text(&d->sink, v, strlen(v), TMA_INPUT_SINK_LITERAL);
        }
        if (rc < 0)
            return d->sink.status != 0 ? tma_input_sink_fail(&d->sink, d->name, err) : rc;
    }
    return rc;
}

/* Reads the notes of MEMBER (word/footnotes.xml or word/endnotes.xml), if it is there. */
static int read_notes(docx *d, tma_input_zip *z, const char *member, int endnote, tma_error *err)
{
    int rc = tma_input_zip_xml_open(&d->x, z, member, err);
    if (rc == 0)
        rc = read_member(d, 1, endnote, err);
    tma_input_zip_xml_close(&d->x);
    return rc < 0 ? rc : 0;
}

int tma_input_docx(tma_buf *out, const char *name, const char *data, size_t len, tma_error *err)
{
    docx d = {.name = name};
    tma_input_zip z;
    int rc = tma_input_zip_open(&z, name, ".docx", data, len, err);
    if (rc == 0)
        rc = read_notes(&d, &z, "word/footnotes.xml", 0, err);
    if (rc == 0)
        rc = read_notes(&d, &z, "word/endnotes.xml", 1, err);
    if (rc == 0 && d.note_count > 0)
        qsort(d.notes, d.note_count, sizeof *d.notes, note_cmp);
    tma_input_sink_free(&d.sink);
    d.field_depth = d.in_instruction = 0;
    d.run_hidden = d.in_text = 0;
    d.ppr_depth = d.rpr_depth = 0;
    if (rc == 0) {
        rc = tma_input_zip_xml_open(&d.x, &z, "word/document.xml", err);
        if (rc == 1)
            rc = tma_error_set(err, TMA_ERR_INPUT, name, 0, 0,
                               "is a .docx file without word/document.xml; open it in Word or "
                               "LibreOffice and save it again");
    }
    if (rc == 0)
        rc = read_member(&d, 0, 0, err);
    tma_input_zip_xml_close(&d.x);
    if (rc == 0 && tma_input_sink_finish(&d.sink) < 0)
        rc = tma_input_sink_fail(&d.sink, name, err);
    if (rc == 0 && tma_buf_append(out, d.sink.out.data, d.sink.out.len) < 0)
        rc = tma_error_nomem(err, "reading a document");
    tma_input_sink_free(&d.sink);
    for (size_t k = 0; k < d.note_count; k++)
        free(d.notes[k].text);
    free(d.notes);
    tma_input_zip_close(&z);
    return rc;
}
