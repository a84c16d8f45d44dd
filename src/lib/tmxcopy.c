/* TMX read back unit by unit and written anew (tmxcopy.h). */
#define _POSIX_C_SOURCE 200809L
#include "tmxcopy.h"

#include "buf.h"
#include "error.h"
#include "table.h"
#include "tmx.h"
#include "writer.h"
#include "xmlin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>

/* What a <tu> holds, in file order: its strings are offsets into the reader's text. */
typedef enum item_kind { ITEM_PROP, ITEM_NOTE, ITEM_TUV, ITEM_TUV_PROP, ITEM_SEG } item_kind;
typedef struct item {
    item_kind kind;
    size_t name, value; /* prop: type and text; note, seg: text; tuv: xml:lang */
} item;

/* One TMX file being read, and the unit read last. */
typedef struct unit_reader {
    tma_xml_stream xs;
    const tma_tmx_langs *langs;
    tma_table *tuids; /* the tuids seen, in this file or the whole corpus (borrowed) */
    char date[32];    /* the header's creationdate */
    int ended;        /* the body was empty: no unit to read */
    tma_buf text;     /* NUL-terminated strings of the unit */
    item *items;
    size_t count, cap;
    size_t tuid, created, score, segs[TMA_MAX_LANGS];
} unit_reader;

static const char *const TU_PROPS[] = {"x-align-type", "x-align-score", "x-tmalign-flag",
                                       "x-tmalign-review"};
static const char *const TUV_PROPS[] = {"x-source-file", "x-source-format", "x-paragraph"};
static const char *const HEADER_ATTRS[] = {"creationtool", "creationtoolversion", "segtype",
                                           "o-tmf",        "adminlang",           "srclang",
                                           "datatype",     "creationdate"};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *text_at(const unit_reader *r, size_t offset)
{
    return r->text.data + offset;
}

static int refuse(unit_reader *r, tma_error *err, const char *fmt, const char *arg)
{
    char what[200];
    snprintf(what, sizeof what, fmt, arg);
    return tma_xml_stream_refuse(&r->xs, err, what);
}

/* Appends the NUL-terminated S to the unit's text; its offset in *offset. */
static int keep(unit_reader *r, const char *s, size_t *offset, tma_error *err)
{
    *offset = r->text.len;
    if (tma_buf_append(&r->text, s, strlen(s)) < 0 || tma_buf_push(&r->text, '\0') < 0)
        return tma_error_nomem(err, "reading TMX");
    return 0;
}

static int add_item(unit_reader *r, item_kind kind, size_t name, size_t value, tma_error *err)
{
    item *items = tma_grow(r->items, &r->cap, r->count + 1, sizeof *items, 16);
    if (items == NULL)
        return tma_error_nomem(err, "reading TMX");
    r->items = items;
    r->items[r->count++] = (item){kind, name, value};
    return 0;
}

/* 1 if S is a TMX date as tmalign writes it: "20261205T231500Z". */
static int is_tmx_date(const char *s)
{
    static const char shape[] = "DDDDDDDDTDDDDDDZ";
    for (size_t i = 0; i < sizeof shape - 1; i++) {
        if (shape[i] == 'D' ? s[i] < '0' || s[i] > '9' : s[i] != shape[i])
            return 0;
    }
    return s[sizeof shape - 1] == '\0';
}

/* 1 if S is a score as tmalign writes it: "0.9731", "1.0000". */
static int is_score(const char *s)
{
    if (!(s[0] == '0' || s[0] == '1') || s[1] != '.')
        return 0;
    for (int i = 2; i < 6; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
    }
    return s[6] == '\0' && (s[0] == '0' || strcmp(s, "1.0000") == 0);
}

/* Moves to the next element or element end, passing over white space between elements. Returns
 * the node type, 0 at the end of the document, or a negative tma_status. */
static int next_tag(unit_reader *r, tma_error *err)
{
    for (;;) {
        int rc = tma_xml_stream_next(&r->xs, err);
        if (rc <= 0)
            return rc;
        int type = xmlTextReaderNodeType(r->xs.reader);
        if (type == XML_READER_TYPE_ELEMENT || type == XML_READER_TYPE_END_ELEMENT)
            return type;
        if (type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)
            continue;
        return refuse(r, err, "%stext stands between elements, where tmalign writes none", "");
    }
}

static int is_element(const unit_reader *r, const char *name)
{
    return xmlTextReaderNodeType(r->xs.reader) == XML_READER_TYPE_ELEMENT &&
           strcmp((const char *)xmlTextReaderConstName(r->xs.reader), name) == 0;
}

/* Checks the attributes of the current element: each is one of NAMES (all of them required);
 * keeps their values in VALUES (offsets), in the order of NAMES. */
static int read_attributes(unit_reader *r, const char *const *names, size_t count, size_t *values,
                           tma_error *err)
{
    xmlTextReaderPtr reader = r->xs.reader;
    char element[64];
    snprintf(element, sizeof element, "<%s>", (const char *)xmlTextReaderConstName(reader));
    unsigned seen = 0;
    int rc = 0;
    for (int more = xmlTextReaderMoveToFirstAttribute(reader); more == 1 && rc == 0;
         more = xmlTextReaderMoveToNextAttribute(reader)) {
        const char *name = (const char *)xmlTextReaderConstName(reader);
        size_t i = 0;
        while (i < count && strcmp(names[i], name) != 0)
            i++;
        if (i == count) {
            char what[160];
            snprintf(what, sizeof what, "%.60s has an attribute %.40s%s", element, name,
                     strlen(name) > 40 ? "..." : "");
            rc = refuse(r, err, "%s that tmalign never writes", what);
            break;
        }
        seen |= 1u << i;
        rc = keep(r, (const char *)xmlTextReaderConstValue(reader), &values[i], err);
    }
    xmlTextReaderMoveToElement(reader);
    if (rc == 0 && seen != (1u << count) - 1)
        rc = refuse(r, err, "%s lacks an attribute that tmalign always writes", element);
    return rc;
}

/* Reads the text of the current element, which holds nothing else, into the unit's text. */
static int read_text(unit_reader *r, size_t *offset, tma_error *err)
{
    char element[64];
    snprintf(element, sizeof element, "<%s>", (const char *)xmlTextReaderConstName(r->xs.reader));
    *offset = r->text.len;
    if (xmlTextReaderIsEmptyElement(r->xs.reader))
        return tma_buf_push(&r->text, '\0') < 0 ? tma_error_nomem(err, "reading TMX") : 0;
    for (;;) {
        int rc = tma_xml_stream_next(&r->xs, err);
        if (rc == 0)
            rc = refuse(r, err, "the file ends inside %s", element);
        if (rc < 0)
            return rc;
        int type = xmlTextReaderNodeType(r->xs.reader);
        if (type == XML_READER_TYPE_END_ELEMENT)
            return tma_buf_push(&r->text, '\0') < 0 ? tma_error_nomem(err, "reading TMX") : 0;
        if (type == XML_READER_TYPE_ELEMENT)
            return refuse(r, err, "%s holds markup, which tmalign never writes there", element);
        const char *value = (const char *)xmlTextReaderConstValue(r->xs.reader);
        if (value != NULL && tma_buf_append(&r->text, value, strlen(value)) < 0)
            return tma_error_nomem(err, "reading TMX");
    }
}

/* Reads a <prop> whose type is one of TYPES. */
static int read_prop(unit_reader *r, item_kind kind, const char *const *types, size_t count,
                     tma_error *err)
{
    static const char *const TYPE[] = {"type"};
    size_t type, value;
    int rc = read_attributes(r, TYPE, 1, &type, err);
    size_t i = 0;
    while (rc == 0 && i < count && strcmp(types[i], text_at(r, type)) != 0)
        i++;
    if (rc == 0 && i == count)
        rc = refuse(r, err, "%sa <prop> has a type that tmalign never writes there", "");
    if (rc == 0)
        rc = read_text(r, &value, err);
    if (rc == 0 && kind == ITEM_TUV_PROP && strcmp(types[i], "x-source-format") == 0 &&
        strcmp(text_at(r, value), "html") != 0 && strcmp(text_at(r, value), "docx") != 0 &&
        strcmp(text_at(r, value), "odt") != 0)
        rc = refuse(r, err, "%sthe x-source-format is not a format tmalign writes", "");
    if (rc == 0 && kind == ITEM_PROP && strcmp(types[i], "x-align-score") == 0) {
        if (!is_score(text_at(r, value)))
            rc = refuse(r, err, "%sthe x-align-score is not a score tmalign writes", "");
        r->score = value;
    }
    return rc < 0 ? rc : add_item(r, kind, type, value, err);
}

/* Reads the <tuv> of language K: its props and its one <seg>. */
static int read_tuv(unit_reader *r, size_t k, tma_error *err)
{
    static const char *const LANG[] = {"xml:lang"};
    size_t lang;
    int rc = read_attributes(r, LANG, 1, &lang, err);
    if (rc == 0 && (k >= r->langs->count || strcmp(text_at(r, lang), r->langs->codes[k]) != 0))
        rc = refuse(r, err, "a <tuv> is not in %s, the language tmalign writes there",
                    k < r->langs->count ? r->langs->codes[k] : "any language");
    if (rc == 0)
        rc = add_item(r, ITEM_TUV, lang, 0, err);
    int has_seg = 0;
    while (rc == 0 && xmlTextReaderIsEmptyElement(r->xs.reader) == 0) {
        rc = next_tag(r, err);
        if (rc == XML_READER_TYPE_END_ELEMENT)
            break;
        if (rc < 0)
            return rc;
        if (!has_seg && is_element(r, "prop")) {
            rc = read_prop(r, ITEM_TUV_PROP, TUV_PROPS, COUNT(TUV_PROPS), err);
        } else if (!has_seg && is_element(r, "seg")) {
            rc = read_attributes(r, NULL, 0, NULL, err);
            if (rc == 0)
                rc = read_text(r, &r->segs[k], err);
            if (rc == 0 && text_at(r, r->segs[k])[0] == '\0')
                rc = refuse(r, err, "%sa <seg> is empty, which tmalign never writes", "");
            if (rc == 0)
                rc = add_item(r, ITEM_SEG, 0, r->segs[k], err);
            has_seg = 1;
        } else if (rc == 0) {
            rc = refuse(r, err, "%sthe file ends inside a <tuv>", "");
        } else {
            rc = refuse(r, err, "a <tuv> holds <%.60s>, which tmalign never writes there",
                        (const char *)xmlTextReaderConstName(r->xs.reader));
        }
    }
    if (rc == 0 && !has_seg)
        rc = refuse(r, err, "%sa <tuv> has no <seg>", "");
    return rc < 0 ? rc : 0;
}

/* Reads the next <tu> of the body into R. Returns 1, 0 after the body (and the document) end, or
 * a negative tma_status. */
static int read_unit(unit_reader *r, tma_error *err)
{
    static const char *const TU_ATTRS[] = {"tuid", "creationdate"};
    size_t attrs[2];
    r->text.len = 0;
    r->count = 0;
    int rc = next_tag(r, err);
    if (rc == XML_READER_TYPE_END_ELEMENT) {
        /* </body>, then </tmx> and nothing more. */
        rc = next_tag(r, err);
        if (rc == XML_READER_TYPE_END_ELEMENT)
            rc = next_tag(r, err);
        if (rc == 0)
            return 0;
        return rc < 0 ? rc : refuse(r, err, "%smore follows the end of the body", "");
    }
    if (rc < 0)
        return rc;
    if (rc == 0 || !is_element(r, "tu"))
        return refuse(r, err, "%sthe body holds something other than <tu>s", "");
    if ((rc = read_attributes(r, TU_ATTRS, 2, attrs, err)) < 0)
        return rc;
    r->tuid = attrs[0];
    r->created = attrs[1];
    const char *tuid = text_at(r, r->tuid);
    if (tuid[0] == '\0')
        return refuse(r, err, "%sa tuid is empty", "");
    if (!is_tmx_date(text_at(r, r->created)))
        return refuse(r, err, "%sa <tu>'s creationdate is not a TMX date", "");
    if (tma_table_get(r->tuids, tuid, strlen(tuid)) >= 0)
        return refuse(r, err, "the tuid \"%.80s\" is given twice", tuid);
    if (tma_table_put(r->tuids, tuid, strlen(tuid), 1) < 0)
        return tma_error_nomem(err, "reading TMX");
    r->score = (size_t)-1;
    size_t tuvs = 0;
    while (xmlTextReaderIsEmptyElement(r->xs.reader) == 0) {
        rc = next_tag(r, err);
        if (rc == XML_READER_TYPE_END_ELEMENT)
            break;
        if (rc < 0)
            return rc;
        if (rc == 0)
            return refuse(r, err, "%sthe file ends inside a <tu>", "");
        if (tuvs == 0 && is_element(r, "prop")) {
            rc = read_prop(r, ITEM_PROP, TU_PROPS, COUNT(TU_PROPS), err);
        } else if (tuvs == 0 && is_element(r, "note")) {
            size_t text;
            rc = read_attributes(r, NULL, 0, NULL, err);
            if (rc == 0)
                rc = read_text(r, &text, err);
            if (rc == 0)
                rc = add_item(r, ITEM_NOTE, 0, text, err);
        } else if (is_element(r, "tuv")) {
            rc = read_tuv(r, tuvs++, err);
        } else {
            rc = refuse(r, err, "a <tu> holds <%.60s>, which tmalign never writes there",
                        (const char *)xmlTextReaderConstName(r->xs.reader));
        }
        if (rc < 0)
            return rc;
    }
    if (tuvs != r->langs->count)
        return refuse(r, err, "a <tu> lacks a <tuv> %s", "of a language of the file");
    if (r->score == (size_t)-1)
        return refuse(r, err, "%sa <tu> has no x-align-score", "");
    return 1;
}

/* Opens INPUT and reads up to its <body>: <tmx version="1.4">, the header tmalign writes with
 * LANGS' first code as srclang. */
static int open_reader(unit_reader *r, const char *input, const tma_tmx_langs *langs,
                       tma_table *tuids, tma_tmx_source source, tma_error *err)
{
    static const char *const VERSION[] = {"version"};
    *r = (unit_reader){.langs = langs, .tuids = tuids, .text = TMA_BUF_INIT};
    int rc = tma_xml_stream_open(&r->xs, input, TMA_MAX_INPUT_BYTES,
                                 source == TMA_TMX_FROM_SHARD
                                     ? "give the folder as tmalign wrote it"
                                     : "align the story again",
                                 err);
    size_t values[COUNT(HEADER_ATTRS)], version;
    if (rc == 0)
        rc = next_tag(r, err);
    if (rc == 0 || (rc > 0 && !is_element(r, "tmx")))
        rc = refuse(r, err, "%sis not a TMX file", "");
    if (rc > 0)
        rc = read_attributes(r, VERSION, 1, &version, err);
    if (rc == 0 && strcmp(text_at(r, version), "1.4") != 0)
        rc = refuse(r, err, "%sis not TMX 1.4, which tmalign writes", "");
    if (rc == 0)
        rc = next_tag(r, err);
    if (rc == 0 || (rc > 0 && (!is_element(r, "header") ||
                               !xmlTextReaderIsEmptyElement(r->xs.reader))))
        rc = refuse(r, err, "%sthe <header> is not the one tmalign writes", "");
    if (rc > 0)
        rc = read_attributes(r, HEADER_ATTRS, COUNT(HEADER_ATTRS), values, err);
    if (rc == 0 && strcmp(text_at(r, values[5]), langs->codes[0]) != 0)
        rc = refuse(r, err, "the srclang is not %s, the first language of the run",
                    langs->codes[0]);
    if (rc == 0 && !is_tmx_date(text_at(r, values[7])))
        rc = refuse(r, err, "%sthe header's creationdate is not a TMX date", "");
    if (rc == 0)
        snprintf(r->date, sizeof r->date, "%s", text_at(r, values[7]));
    if (rc == 0)
        rc = next_tag(r, err);
    if (rc == 0 || (rc > 0 && !is_element(r, "body")))
        rc = refuse(r, err, "%sthe <body> is missing", "");
    if (rc > 0 && xmlTextReaderIsEmptyElement(r->xs.reader)) {
        /* <body/>: a story with no unit; </tmx> must follow, and nothing more. */
        r->ended = 1;
        rc = next_tag(r, err);
        if (rc == XML_READER_TYPE_END_ELEMENT && (rc = next_tag(r, err)) > 0)
            rc = refuse(r, err, "%smore follows the end of the body", "");
    }
    return rc < 0 ? rc : 0;
}

static void close_reader(unit_reader *r)
{
    tma_xml_stream_close(&r->xs);
    tma_buf_free(&r->text);
    free(r->items);
}

/* Reads the next unit unless the body was empty. */
static int next_unit(unit_reader *r, tma_error *err)
{
    return r->ended ? 0 : read_unit(r, err);
}

/* Writes the unit read last to XW, as tma_story_write_tmx wrote it. */
static int write_unit(xmlTextWriterPtr xw, const unit_reader *r)
{
    TMA_XW(xmlTextWriterStartElement(xw, BAD_CAST "tu"));
    TMA_XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "tuid", BAD_CAST text_at(r, r->tuid)));
    TMA_XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "creationdate",
                                       BAD_CAST text_at(r, r->created)));
    for (size_t i = 0; i < r->count; i++) {
        const item *it = &r->items[i];
        switch (it->kind) {
        case ITEM_PROP:
        case ITEM_TUV_PROP:
            TMA_XW(tma_tmx_write_prop(xw, text_at(r, it->name), text_at(r, it->value)));
            break;
        case ITEM_NOTE:
            TMA_XW(xmlTextWriterWriteElement(xw, BAD_CAST "note", BAD_CAST text_at(r, it->value)));
            break;
        case ITEM_TUV:
            TMA_XW(xmlTextWriterStartElement(xw, BAD_CAST "tuv"));
            TMA_XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "xml:lang",
                                               BAD_CAST text_at(r, it->name)));
            break;
        case ITEM_SEG:
            TMA_XW(xmlTextWriterWriteElement(xw, BAD_CAST "seg", BAD_CAST text_at(r, it->value)));
            TMA_XW(xmlTextWriterEndElement(xw)); /* the <tuv>, which ends with its <seg> */
            break;
        }
    }
    TMA_XW(xmlTextWriterEndElement(xw));
    return 0;
xml_failed:
    return -1;
}

static int write_failed(const char *path, tma_error *err)
{
    return tma_error_set(err, TMA_ERR_IO, path, 0, 0,
                         "cannot write the TMX (libxml2 failed; is the disk full?); free some "
                         "disk space and run again");
}

void tma_tmx_langs_pick(tma_tmx_langs *out, const char *map, char (*langs)[TMA_LANG_BYTES],
                        const size_t *which, size_t count)
{
    out->count = count;
    for (size_t k = 0; k < count; k++)
        tma_tmx_lang_code(out->codes[k], sizeof out->codes[k], map, langs[which ? which[k] : k]);
}

int tma_tmx_rewrite(tma_outfile *out, tma_outfile *tsv, const char *input,
                    const tma_tmx_langs *langs, tma_tmx_source source, tma_error *err)
{
    unit_reader r;
    tma_table tuids = TMA_TABLE_INIT;
    xmlTextWriterPtr xw = NULL;
    int rc = open_reader(&r, input, langs, &tuids, source, err);
    if (rc == 0 && (xw = tma_tmx_writer_new(out)) == NULL)
        rc = tma_error_nomem(err, "writing TMX");
    if (rc == 0 && tma_tmx_write_header(xw, langs->codes[0], r.date) < 0)
        rc = write_failed(out->path, err);
    while (rc == 0 && (rc = next_unit(&r, err)) > 0) {
        rc = write_unit(xw, &r) < 0 ? write_failed(out->path, err) : 0;
        if (rc == 0 && tsv != NULL && langs->count == 2) {
            tma_write_tsv_field(tsv->fp, text_at(&r, r.segs[0]));
            (void)tma_outfile_write(tsv, "\t", 1);
            tma_write_tsv_field(tsv->fp, text_at(&r, r.segs[1]));
            (void)tma_outfile_write(tsv, "\t", 1);
            (void)tma_outfile_write(tsv, text_at(&r, r.score), strlen(text_at(&r, r.score)));
            (void)tma_outfile_write(tsv, "\n", 1);
        }
    }
    if (rc == 0 && (xmlTextWriterEndDocument(xw) < 0 || xmlTextWriterFlush(xw) < 0))
        rc = write_failed(out->path, err);
    if (xw != NULL)
        xmlFreeTextWriter(xw);
    close_reader(&r);
    tma_table_free(&tuids);
    return rc;
}

struct tma_tmx_corpus {
    char *path; /* owned */
    tma_outfile out;
    xmlTextWriterPtr xw;
    tma_tmx_langs langs;
    tma_table tuids;
    int failed; /* a write failed: only tma_tmx_corpus_free is left */
};

int tma_tmx_corpus_open(tma_tmx_corpus **out, const char *path, const tma_tmx_langs *langs,
                        const tma_tmx_options *options, tma_error *err)
{
    char date[32];
    tma_tmx_corpus *c = calloc(1, sizeof *c);
    *out = NULL;
    if (c == NULL || (c->path = strdup(path)) == NULL) {
        free(c);
        return tma_error_nomem(err, "writing TMX");
    }
    c->out = (tma_outfile)TMA_OUTFILE_INIT;
    c->langs = *langs;
    c->tuids = (tma_table)TMA_TABLE_INIT;
    int rc = tma_outfile_open(&c->out, path, err);
    if (rc == 0 && (c->xw = tma_tmx_writer_new(&c->out)) == NULL)
        rc = tma_error_nomem(err, "writing TMX");
    tma_tmx_format_date(date, sizeof date, options->creation_time);
    if (rc == 0 && tma_tmx_write_header(c->xw, langs->codes[0], date) < 0)
        rc = write_failed(path, err);
    if (rc < 0) {
        tma_tmx_corpus_free(c);
        return rc;
    }
    *out = c;
    return 0;
}

int tma_tmx_corpus_add(tma_tmx_corpus *c, const char *input, tma_tmx_source source,
                       tma_error *err)
{
    if (c->failed || c->xw == NULL)
        return tma_error_set(err, TMA_ERR_INTERNAL, c->path, 0, 0,
                             "written to after a failure or once finished");
    unit_reader r;
    int rc = open_reader(&r, input, &c->langs, &c->tuids, source, err);
    while (rc == 0 && (rc = next_unit(&r, err)) > 0) {
        rc = 0;
        if (write_unit(c->xw, &r) < 0) {
            c->failed = 1;
            rc = write_failed(c->path, err);
        }
    }
    close_reader(&r);
    if (rc < 0 && source == TMA_TMX_FROM_OUTPUT && err != NULL && err->code == TMA_ERR_INPUT)
        tma_error_about(err, "force", rc);
    return rc;
}

int tma_tmx_corpus_finish(tma_tmx_corpus *c, tma_error *err)
{
    if (c->failed)
        return tma_error_set(err, TMA_ERR_INTERNAL, c->path, 0, 0, "finished after a failure");
    if (c->xw == NULL)
        return 0;
    if (xmlTextWriterEndDocument(c->xw) < 0 || xmlTextWriterFlush(c->xw) < 0) {
        c->failed = 1;
        return write_failed(c->path, err);
    }
    xmlFreeTextWriter(c->xw);
    c->xw = NULL;
    int rc = tma_outfile_finish(&c->out, err);
    c->failed = rc < 0;
    return rc;
}

int tma_tmx_corpus_commit(tma_tmx_corpus *c, tma_error *err)
{
    int rc = tma_tmx_corpus_finish(c, err);
    return rc < 0 ? rc : tma_outfile_commit(&c->out, err);
}

void tma_tmx_corpus_free(tma_tmx_corpus *c)
{
    if (c == NULL)
        return;
    if (c->xw != NULL)
        xmlFreeTextWriter(c->xw);
    tma_outfile_discard(&c->out);
    tma_table_free(&c->tuids);
    free(c->path);
    free(c);
}
