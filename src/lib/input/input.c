/* The paragraph writer the readers share, and tma_input_extract: the format sniffed, then read. */
#include "error.h"
#include "internal.h"
#include "text.h"

#include <stdint.h>
#include <string.h>

const char *tma_input_format_name(tma_input_format format)
{
    switch (format) {
    case TMA_INPUT_HTML:
        return "html";
    case TMA_INPUT_DOCX:
        return "docx";
    case TMA_INPUT_ODT:
        return "odt";
    default:
        return "text";
    }
}

/* ---- The paragraph writer ------------------------------------------------------------------ */

static int sink_failed(tma_input_sink *s, int status)
{
    if (s->status == 0)
        s->status = status;
    return -1;
}

/* Appends LEN bytes to B, counted against the cap on all the sink holds. */
static int put(tma_input_sink *s, tma_buf *b, const char *data, size_t len)
{
    if (s->status != 0)
        return -1;
    if (len > TMA_MAX_INPUT_BYTES - s->total)
        return sink_failed(s, TMA_ERR_LIMIT);
    if (tma_buf_append(b, data, len) < 0)
        return sink_failed(s, TMA_ERR_NOMEM);
    s->total += len;
    return 0;
}

static tma_input_sink_level *current(tma_input_sink *s)
{
    return &s->level[s->open < TMA_INPUT_SINK_LEVELS ? s->open : TMA_INPUT_SINK_LEVELS - 1];
}

/* Drops the white space at the end of L's text (the ASCII white space the writer keeps). */
static void trim_end(tma_input_sink_level *l)
{
    while (l->text.len > l->line_start) {
        char c = l->text.data[l->text.len - 1];
        if (c != ' ' && c != '\t')
            break;
        l->text.len--;
    }
}

/* Appends finished paragraphs to DEST, a blank line before them when DEST holds some. */
static int put_paragraphs(tma_input_sink *s, tma_buf *dest, const char *text, size_t len)
{
    if (len == 0)
        return 0;
    if (dest->len > 0 && put(s, dest, "\n\n", 2) < 0)
        return -1;
    return put(s, dest, text, len);
}

/* Where level INDEX's finished paragraphs go: after the paragraph that holds it; from level 1
 * straight to the output when level 0 holds nothing yet (no text can come before them). */
static tma_buf *destination(tma_input_sink *s, size_t index)
{
    if (index == 0)
        return &s->out;
    tma_input_sink_level *parent = &s->level[index - 1];
    if (index == 1 && parent->text.len == 0 && parent->after.len == 0)
        return &s->out;
    return &parent->after;
}

/* Ends the paragraph of level INDEX: its text, then what follows it, go where they belong. */
static int end_paragraph(tma_input_sink *s, size_t index)
{
    tma_input_sink_level *l = &s->level[index];
    if (!l->line_has_text)
        l->text.len = l->line_start; /* a last line of white space */
    else
        trim_end(l);
    while (l->text.len > 0 && l->text.data[l->text.len - 1] == '\n')
        l->text.len--;
    tma_buf *dest = destination(s, index);
    size_t held = l->text.len + l->after.len;
    int rc = 0;
    if (l->has_text)
        rc = put_paragraphs(s, dest, l->text.data, l->text.len);
    if (rc == 0)
        rc = put_paragraphs(s, dest, l->after.data, l->after.len);
    /* What moved is counted again where it went. */
    s->total -= held < s->total ? held : s->total;
    l->text.len = l->after.len = l->line_start = 0;
    l->line_has_text = l->has_text = l->space = l->joined = 0;
    return rc;
}

int tma_input_sink_break(tma_input_sink *s)
{
    if (s->status != 0)
        return -1;
    size_t index = s->open < TMA_INPUT_SINK_LEVELS ? s->open : TMA_INPUT_SINK_LEVELS - 1;
    tma_input_sink_level *l = &s->level[index];
    /* The paragraph so far goes out; what follows it waits for the end of the element. */
    tma_buf after = l->after;
    l->after = (tma_buf)TMA_BUF_INIT;
    size_t after_len = after.len;
    s->total -= after_len;
    int rc = end_paragraph(s, index);
    tma_buf_free(&l->after);
    l->after = after;
    s->total += after_len;
    return rc;
}

int tma_input_sink_line_break(tma_input_sink *s)
{
    if (s->status != 0)
        return -1;
    tma_input_sink_level *l = current(s);
    if (!l->line_has_text) {
        /* Nothing on the line: a blank line, which ends the paragraph. */
        l->text.len = l->line_start;
        return l->has_text ? tma_input_sink_break(s) : 0;
    }
    trim_end(l);
    if (put(s, &l->text, "\n", 1) < 0)
        return -1;
    l->line_start = l->text.len;
    l->line_has_text = 0;
    l->space = 0;
    return 0;
}

/* Notes whether the code points of TEXT[0..len) (valid UTF-8) hold one that is not white
 * space. */
static int holds_text(const char *text, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)text[i];
        if (c < 0x80) {
            if (c != ' ' && (c < '\t' || c > '\r'))
                return 1;
            i++;
            continue;
        }
        if (!tma_is_space(tma_utf8_next(text, len, &i)))
            return 1;
    }
    return 0;
}

static int is_html_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Writes the white space held back before a character, when the line has begun. */
static int put_space(tma_input_sink *s, tma_input_sink_level *l)
{
    int rc = 0;
    if (l->space && l->text.len > l->line_start)
        rc = put(s, &l->text, " ", 1);
    l->space = 0;
    return rc;
}

/* Writes TEXT[0..len), which holds no line end, to the current line; with TRIM, none of its
 * spaces and tabs at the start of a line. */
static int put_line(tma_input_sink *s, const char *text, size_t len, int trim)
{
    tma_input_sink_level *l = current(s);
    if (trim && l->text.len == l->line_start)
        while (len > 0 && (*text == ' ' || *text == '\t'))
            text++, len--;
    if (len == 0)
        return 0;
    if (put_space(s, l) < 0 || put(s, &l->text, text, len) < 0)
        return -1;
    if (!l->line_has_text && holds_text(text, len))
        l->line_has_text = l->has_text = 1;
    return 0;
}

int tma_input_sink_text(tma_input_sink *s, const char *text, size_t len, tma_input_sink_mode mode)
{
    if (s->status != 0)
        return -1;
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        if (mode == TMA_INPUT_SINK_COLLAPSE) {
            while (i < len && !is_html_space(text[i]))
                i++;
            if (put_line(s, text + start, i - start, 0) < 0)
                return -1;
            if (i < len)
                current(s)->space = 1;
            while (i < len && is_html_space(text[i]))
                i++;
            continue;
        }
        while (i < len && text[i] != '\n' && text[i] != '\r')
            i++;
        /* A line of a .docx starts with its first character that is not a space or tab (one
         * of the spaces and tabs that indent it); <pre> keeps them. */
        if (put_line(s, text + start, i - start, mode == TMA_INPUT_SINK_LITERAL) < 0)
            return -1;
        if (i == len)
            break;
        /* A line end: a space, or in <pre> a line break ("\r\n" one). */
        int crlf = text[i] == '\r' && i + 1 < len && text[i + 1] == '\n';
        i += crlf ? 2 : 1;
        if (mode == TMA_INPUT_SINK_PRE ? tma_input_sink_line_break(s) < 0
                                       : put_line(s, " ", 1, 1) < 0)
            return -1;
    }
    return 0;
}

int tma_input_sink_spaces(tma_input_sink *s, size_t n)
{
    if (s->status != 0)
        return -1;
    tma_input_sink_level *l = current(s);
    if (put_space(s, l) < 0)
        return -1;
    if (l->text.len == l->line_start)
        return 0; /* an indent */
    static const char spaces[] = "                ";
    while (n > 0) {
        size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
        if (put(s, &l->text, spaces, k) < 0)
            return -1;
        n -= k;
    }
    return 0;
}

int tma_input_sink_open(tma_input_sink *s)
{
    if (s->status != 0)
        return -1;
    if (s->open + 1 >= TMA_INPUT_SINK_LEVELS) {
        /* Too deep to keep apart: a paragraph of the deepest level. */
        s->open++;
        return tma_input_sink_break(s);
    }
    s->open++;
    tma_input_sink_level *l = current(s);
    if (l->joined) {
        /* The paragraph before lost its mark: this one goes on with it. */
        l->joined = 0;
        return 0;
    }
    /* Left by a paragraph that ended here with its mark deleted, then by an element between. */
    return l->text.len > 0 || l->after.len > 0 ? end_paragraph(s, s->open) : 0;
}

int tma_input_sink_close(tma_input_sink *s, int join)
{
    if (s->status != 0)
        return -1;
    if (s->open == 0)
        return 0;
    int rc;
    if (s->open >= TMA_INPUT_SINK_LEVELS) {
        rc = tma_input_sink_break(s);
    } else if (join) {
        current(s)->joined = 1;
        rc = 0;
    } else {
        rc = end_paragraph(s, s->open);
    }
    s->open--;
    return rc;
}

int tma_input_sink_after(tma_input_sink *s, const char *paragraphs, size_t len)
{
    if (s->status != 0)
        return -1;
    size_t index = s->open < TMA_INPUT_SINK_LEVELS ? s->open : TMA_INPUT_SINK_LEVELS - 1;
    /* Outside any paragraph (a note cited where no paragraph is open): they stand alone. */
    tma_buf *dest = index == 0 ? destination(s, 1) : &s->level[index].after;
    return put_paragraphs(s, dest, paragraphs, len);
}

int tma_input_sink_finish(tma_input_sink *s)
{
    if (s->status != 0)
        return -1;
    /* Paragraphs still open (a joined one waiting for the next), deepest first. */
    for (size_t k = TMA_INPUT_SINK_LEVELS; k-- > 0;)
        if (end_paragraph(s, k) < 0)
            return -1;
    s->open = 0;
    if (s->out.len > 0 && put(s, &s->out, "\n", 1) < 0)
        return -1;
    return 0;
}

int tma_input_sink_fail(const tma_input_sink *s, const char *name, tma_error *err)
{
    if (s->status == TMA_ERR_LIMIT)
        return tma_error_set(err, TMA_ERR_LIMIT, name, 0, 0,
                             "holds more than %zu MiB of text, the most tmalign reads as one "
                             "story; split it into smaller files",
                             TMA_MAX_INPUT_BYTES >> 20);
    return tma_error_nomem(err, "reading a document");
}

void tma_input_sink_free(tma_input_sink *s)
{
    tma_buf_free(&s->out);
    for (size_t k = 0; k < TMA_INPUT_SINK_LEVELS; k++) {
        tma_buf_free(&s->level[k].text);
        tma_buf_free(&s->level[k].after);
    }
    *s = (tma_input_sink){0};
}

/* ---- Extraction ---------------------------------------------------------------------------- */

int tma_input_extract(tma_buf *out, tma_input_format *format, const char *name, const char *data,
                      size_t len, tma_error *err)
{
    *format = TMA_INPUT_TEXT;
    tma_input_sniffed kind;
    int rc = tma_input_sniff(&kind, name, data, len, err);
    if (rc < 0)
        return rc;
    if (kind.what != NULL)
        return tma_error_set(err, TMA_ERR_INPUT, name, 0, 0, "is %s, which tmalign cannot read; %s",
                             kind.what, kind.remedy);
    size_t before = out->len;
    switch (kind.format) {
    case TMA_INPUT_HTML:
        rc = tma_input_html(out, name, data, len, err);
        break;
    case TMA_INPUT_DOCX:
        rc = tma_input_docx(out, name, data, len, err);
        break;
    case TMA_INPUT_ODT:
        rc = tma_input_odt(out, name, data, len, err);
        break;
    default:
        return 0;
    }
    if (rc < 0)
        return rc;
    *format = kind.format;
    if (out->len == before)
        return tma_error_set(err, TMA_ERR_INPUT, name, 0, 0, "is %s with no text to align%s",
                             kind.format == TMA_INPUT_HTML   ? "an HTML page"
                             : kind.format == TMA_INPUT_DOCX ? "a Word document"
                                                             : "an OpenDocument text",
                             kind.format == TMA_INPUT_HTML
                                 ? " (none outside navigation, header, footer, scripts and forms)"
                                 : "");
    return 0;
}
