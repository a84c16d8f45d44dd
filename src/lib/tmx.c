#define _POSIX_C_SOURCE 200809L
#include "tmx.h"

#include "buf.h"
#include "error.h"
#include "outfile.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/xmlwriter.h>

static int write_to_file(void *context, const char *buffer, int len)
{
    FILE *fp = context;
    return fwrite(buffer, 1, (size_t)len, fp) == (size_t)len ? len : -1;
}

/* 1 if XML 1.0 allows code point C in text and TMX tools accept it: no C0 controls but tab and
 * line feed, no DEL or C1 controls, no U+FFFE or U+FFFF. */
static int xml_allows(uint32_t c)
{
    if (c < 0x20)
        return c == '\t' || c == '\n';
    return !(c >= 0x7F && c <= 0x9F) && c != 0xFFFE && c != 0xFFFF;
}

/* The text of sentences [first, first + count) of DOC for a <seg>: white space collapsed, the
 * sentences joined by one space, characters XML forbids left out. NUL-terminated in OUT. */
static int seg_text(tma_buf *out, const tma_doc *doc, uint32_t first, uint32_t count)
{
    size_t text_len;
    const char *text = tma_doc_text(doc, &text_len);
    out->len = 0;
    for (uint32_t i = first; i < first + count; i++) {
        const tma_sentence *s = tma_doc_sentence(doc, i);
        if (i > first && tma_buf_push(out, ' ') < 0)
            return -1;
        if (tma_buf_reserve(out, s->len + 1) < 0)
            return -1;
        out->len += tma_text_collapse(out->data + out->len, s->len + 1, text + s->start, s->len);
    }
    /* Drop what XML forbids, in place. */
    size_t r = 0, wpos = 0;
    while (r < out->len) {
        size_t start = r;
        uint32_t c = tma_utf8_next(out->data, out->len, &r);
        if (xml_allows(c)) {
            memmove(out->data + wpos, out->data + start, r - start);
            wpos += r - start;
        }
    }
    out->len = wpos;
    return tma_buf_push(out, '\0') < 0 ? -1 : 0;
}

static void format_date(char *buf, size_t size, long long seconds)
{
    time_t t = seconds < 0 ? time(NULL) : (time_t)seconds;
    struct tm tm;
    if (gmtime_r(&t, &tm) == NULL || strftime(buf, size, "%Y%m%dT%H%M%SZ", &tm) == 0)
        snprintf(buf, size, "19700101T000000Z");
}

/* The file name of PATH without its folder and extension, for tuids. */
static void base_name(char *buf, size_t size, const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    const char *dot = strrchr(name, '.');
    size_t n = dot && dot != name ? (size_t)(dot - name) : strlen(name);
    snprintf(buf, size, "%.*s", (int)(n < size ? n : size - 1), name);
}

#define XW(call)                                                                                   \
    do {                                                                                           \
        if ((call) < 0)                                                                            \
            goto xml_failed;                                                                       \
    } while (0)

static int write_prop(xmlTextWriterPtr xw, const char *type, const char *value)
{
    if (xmlTextWriterStartElement(xw, BAD_CAST "prop") < 0 ||
        xmlTextWriterWriteAttribute(xw, BAD_CAST "type", BAD_CAST type) < 0 ||
        xmlTextWriterWriteString(xw, BAD_CAST value) < 0 || xmlTextWriterEndElement(xw) < 0)
        return -1;
    return 0;
}

/* "1-1", "2-1-1": sentences per language, in file order. */
static void bead_type(char *buf, size_t size, const tma_unit *u, const size_t *langs, size_t nlangs)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < nlangs && used < size; k++)
        used += (size_t)snprintf(buf + used, size - used, "%s%u", k ? "-" : "",
                                 (unsigned)u->count[langs[k]]);
}

int tma_tmx_write_units(const tma_story *story, const tma_unit *units, size_t count,
                        const size_t *langs, size_t nlangs, const char *path,
                        const tma_tmx_options *options, tma_error *err)
{
    tma_outfile out = TMA_OUTFILE_INIT;
    tma_buf seg = TMA_BUF_INIT;
    xmlTextWriterPtr xw = NULL;
    char date[32], prefix[256], value[64];
    const tma_doc *source = tma_story_doc(story, langs[0]);
    int rc = tma_outfile_open(&out, path, err);
    if (rc < 0)
        return rc;
    format_date(date, sizeof date, options->creation_time);
    if (options->tuid_prefix != NULL)
        snprintf(prefix, sizeof prefix, "%s", options->tuid_prefix);
    else
        base_name(prefix, sizeof prefix, tma_doc_path(source));

    xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(write_to_file, NULL, out.fp, NULL);
    if (ob == NULL || (xw = xmlNewTextWriter(ob)) == NULL) {
        if (ob != NULL)
            xmlOutputBufferClose(ob);
        rc = tma_error_nomem(err, "writing TMX");
        goto cleanup;
    }
    XW(xmlTextWriterSetIndent(xw, 1));
    XW(xmlTextWriterSetIndentString(xw, BAD_CAST "  "));
    XW(xmlTextWriterStartDocument(xw, "1.0", "UTF-8", NULL));
    XW(xmlTextWriterStartElement(xw, BAD_CAST "tmx"));
    XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "version", BAD_CAST "1.4"));
    XW(xmlTextWriterStartElement(xw, BAD_CAST "header"));
    XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "creationtool", BAD_CAST "tmalign"));
    XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "creationtoolversion", BAD_CAST TMA_VERSION));
    XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "segtype", BAD_CAST "sentence"));
    XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "o-tmf", BAD_CAST "tmalign"));
    XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "adminlang", BAD_CAST "en"));
    XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "srclang", BAD_CAST tma_doc_lang(source)));
    XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "datatype", BAD_CAST "plaintext"));
    XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "creationdate", BAD_CAST date));
    XW(xmlTextWriterEndElement(xw));
    XW(xmlTextWriterStartElement(xw, BAD_CAST "body"));
    for (size_t i = 0; i < count; i++) {
        const tma_unit *u = &units[i];
        int complete = 1;
        for (size_t k = 0; k < nlangs; k++)
            complete &= u->count[langs[k]] > 0;
        if (!complete)
            continue;
        const tma_doc *first_doc = tma_story_doc(story, langs[0]);
        XW(xmlTextWriterStartElement(xw, BAD_CAST "tu"));
        XW(xmlTextWriterWriteFormatAttribute(xw, BAD_CAST "tuid", "%s-%s-%u", prefix,
                                             tma_doc_lang(first_doc),
                                             (unsigned)u->first[langs[0]] + 1));
        XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "creationdate", BAD_CAST date));
        bead_type(value, sizeof value, u, langs, nlangs);
        XW(write_prop(xw, "x-align-type", value));
        snprintf(value, sizeof value, "%.4f", u->score);
        XW(write_prop(xw, "x-align-score", value));
        for (size_t k = 0; k < nlangs; k++) {
            const tma_doc *doc = tma_story_doc(story, langs[k]);
            uint32_t first = u->first[langs[k]], n = u->count[langs[k]];
            if (seg_text(&seg, doc, first, n) < 0) {
                rc = tma_error_nomem(err, "writing TMX");
                goto cleanup;
            }
            XW(xmlTextWriterStartElement(xw, BAD_CAST "tuv"));
            XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "xml:lang", BAD_CAST tma_doc_lang(doc)));
            XW(write_prop(xw, "x-source-file", tma_doc_path(doc)));
            snprintf(value, sizeof value, "%u",
                     (unsigned)tma_doc_sentence(doc, first)->paragraph + 1);
            XW(write_prop(xw, "x-paragraph", value));
            XW(xmlTextWriterStartElement(xw, BAD_CAST "seg"));
            XW(xmlTextWriterWriteString(xw, BAD_CAST seg.data));
            XW(xmlTextWriterEndElement(xw));
            XW(xmlTextWriterEndElement(xw));
        }
        XW(xmlTextWriterEndElement(xw));
    }
    XW(xmlTextWriterEndDocument(xw));
    XW(xmlTextWriterFlush(xw));
    xmlFreeTextWriter(xw);
    xw = NULL;
    rc = tma_outfile_commit(&out, err);
    goto cleanup;
xml_failed:
    rc = tma_error_set(err, TMA_ERR_IO, path, 0, 0,
                       "cannot write the TMX (libxml2 failed; is the disk full?); free some disk "
                       "space and run again");
cleanup:
    if (xw != NULL)
        xmlFreeTextWriter(xw);
    tma_buf_free(&seg);
    tma_outfile_discard(&out);
    return rc;
}

int tma_tmx_pair_path(char *buf, size_t size, const char *path, const char *la, const char *lb,
                      tma_error *err)
{
    size_t len = strlen(path);
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(path, '.');
    if (dot == NULL || (slash != NULL && dot < slash))
        dot = path + len;
    int n = snprintf(buf, size, "%.*s.%s-%s%s", (int)(dot - path), path, la, lb,
                     *dot ? dot : ".tmx");
    if (n < 0 || (size_t)n >= size)
        return tma_error_set(err, TMA_ERR_USAGE, path, 0, 0,
                             "the output path is too long; choose a shorter one");
    return 0;
}

int tma_story_write_tmx(const tma_story *story, const char *path, const tma_tmx_options *options,
                        tma_error *err)
{
    static const tma_tmx_options defaults = TMA_TMX_OPTIONS_INIT;
    size_t n = tma_story_lang_count(story);
    size_t all[TMA_MAX_LANGS] = {0};
    size_t unit_count;
    const tma_unit *units = tma_story_units(story, &unit_count);
    if (options == NULL)
        options = &defaults;
    for (size_t k = 0; k < n; k++)
        all[k] = k;
    int rc = tma_tmx_write_units(story, units, unit_count, all, n, path, options, err);
    for (size_t a = 0; a < n && rc == 0 && n > 2; a++) {
        for (size_t b = a + 1; b < n && rc == 0; b++) {
            char pair_path[4096];
            tma_unit *pair;
            size_t pair_count;
            size_t langs[2] = {a, b};
            rc = tma_tmx_pair_path(pair_path, sizeof pair_path, path,
                                   tma_doc_lang(tma_story_doc(story, a)),
                                   tma_doc_lang(tma_story_doc(story, b)), err);
            if (rc == 0)
                rc = tma_story_pair_units(&pair, &pair_count, story, a, b, err);
            if (rc == 0) {
                rc = tma_tmx_write_units(story, pair, pair_count, langs, 2, pair_path, options,
                                         err);
                free(pair);
            }
        }
    }
    return rc;
}
