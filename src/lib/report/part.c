#define _POSIX_C_SOURCE 200809L
/* A story's part of the report as XML (OUT/.tmalign/stories/HASH.qa.xml): written by the worker
 * that built it, read back by every run and merge that renders the report. */
#include "report.h"

#include "buf.h"
#include "error.h"
#include "internal.h"
#include "xmlin.h"
#include "writer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

/* ---- A story's part as XML ----------------------------------------------------------------- */

static int write_attr_u(xmlTextWriterPtr xw, const char *name, unsigned long long v)
{
    return xmlTextWriterWriteFormatAttribute(xw, BAD_CAST name, "%llu", v);
}

/* An xmlOutputBuffer's write callback that appends to the tma_buf CONTEXT. */
static int append_to_buf(void *context, const char *buffer, int len)
{
    return tma_buf_append(context, buffer, (size_t)len) < 0 ? -1 : len;
}

/* A unit's review by its value (TMA_REVIEW_LINKED ...), as the part names it. */
static const char *const REVIEW_NAMES[] = {"", "linked", "approved", "rejected"};

/* Unit U with its sides of the languages LANGS[0..n) (indices into the story's docs). Returns
 * < 0 as libxml2's writer does. */
static int write_unit(xmlTextWriterPtr xw, const tma_report_unit *u, const size_t *langs, size_t n)
{
    TMA_XW(xmlTextWriterStartElement(xw, BAD_CAST "unit"));
    TMA_XW(xmlTextWriterWriteFormatAttribute(xw, BAD_CAST "score", "%.4f", u->score));
    if (u->review > 0 && u->review < (int)(sizeof REVIEW_NAMES / sizeof REVIEW_NAMES[0]))
        TMA_XW(
            xmlTextWriterWriteAttribute(xw, BAD_CAST "review", BAD_CAST REVIEW_NAMES[u->review]));
    for (size_t j = 0; j < n; j++) {
        const tma_report_side *d = &u->side[langs[j]];
        TMA_XW(xmlTextWriterStartElement(xw, BAD_CAST "side"));
        TMA_XW(write_attr_u(xw, "first", d->first));
        TMA_XW(write_attr_u(xw, "count", d->count));
        TMA_XW(write_attr_u(xw, "start", d->start));
        TMA_XW(write_attr_u(xw, "end", d->end));
        for (uint32_t i = 0; i < d->sentence_count; i++)
            TMA_XW(xmlTextWriterWriteElement(xw, BAD_CAST "s", BAD_CAST d->sentences[i]));
        TMA_XW(xmlTextWriterEndElement(xw));
    }
    TMA_XW(xmlTextWriterEndElement(xw));
    return 0;
xml_failed:
    return -1;
}

int tma_report_story_to_xml(const tma_report_story *s, tma_buf *out, tma_error *err)
{
    xmlTextWriterPtr xw = NULL;
    xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(append_to_buf, NULL, out, NULL);
    if (ob == NULL || (xw = xmlNewTextWriter(ob)) == NULL) {
        if (ob != NULL)
            xmlOutputBufferClose(ob);
        return tma_error_nomem(err, "writing the QA report");
    }
    TMA_XW(xmlTextWriterSetIndent(xw, 1));
    TMA_XW(xmlTextWriterStartDocument(xw, "1.0", "UTF-8", NULL));
    TMA_XW(xmlTextWriterStartElement(xw, BAD_CAST "story"));
    TMA_XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "name", BAD_CAST s->name));
    TMA_XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "status", BAD_CAST tma_report_status(s)));
    for (size_t k = 0; k < s->lang_count; k++) {
        TMA_XW(xmlTextWriterStartElement(xw, BAD_CAST "doc"));
        TMA_XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "lang", BAD_CAST s->docs[k].lang));
        TMA_XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "file", BAD_CAST s->docs[k].file));
        TMA_XW(write_attr_u(xw, "sentences", s->docs[k].sentences));
        TMA_XW(xmlTextWriterEndElement(xw));
    }
    if (s->reviewed) {
        TMA_XW(xmlTextWriterStartElement(xw, BAD_CAST "review"));
        TMA_XW(write_attr_u(xw, "decisions", s->review.decisions));
        TMA_XW(write_attr_u(xw, "applied", s->review.applied));
        TMA_XW(write_attr_u(xw, "stale", s->review.stale));
        TMA_XW(write_attr_u(xw, "approved", s->review.approved));
        TMA_XW(write_attr_u(xw, "rejected", s->review.rejected));
        TMA_XW(xmlTextWriterEndElement(xw));
    }
    size_t all[TMA_MAX_LANGS];
    for (size_t k = 0; k < s->lang_count; k++)
        all[k] = k;
    for (size_t i = 0; i < s->unit_count; i++)
        TMA_XW(write_unit(xw, &s->units[i], all, s->lang_count));
    for (size_t p = 0; p < s->pair_count; p++) {
        const tma_report_pair *pair = &s->pairs[p];
        TMA_XW(xmlTextWriterStartElement(xw, BAD_CAST "pair"));
        TMA_XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "a", BAD_CAST s->docs[pair->a].lang));
        TMA_XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "b", BAD_CAST s->docs[pair->b].lang));
        size_t ab[2] = {pair->a, pair->b};
        for (size_t i = 0; i < pair->unit_count; i++)
            TMA_XW(write_unit(xw, &pair->units[i], ab, 2));
        TMA_XW(xmlTextWriterEndElement(xw));
    }
    for (size_t i = 0; i < s->finding_count; i++) {
        const tma_finding *f = &s->findings[i];
        TMA_XW(xmlTextWriterStartElement(xw, BAD_CAST "finding"));
        TMA_XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "kind",
                                           BAD_CAST tma_report_kind_name(f->kind)));
        TMA_XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "lang", BAD_CAST f->lang));
        TMA_XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "other", BAD_CAST f->other));
        TMA_XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "file", BAD_CAST f->file));
        TMA_XW(xmlTextWriterWriteFormatAttribute(xw, BAD_CAST "line", "%ld", f->line));
        TMA_XW(xmlTextWriterWriteFormatAttribute(xw, BAD_CAST "column", "%ld", f->column));
        TMA_XW(write_attr_u(xw, "start", f->start));
        TMA_XW(write_attr_u(xw, "end", f->end));
        TMA_XW(xmlTextWriterWriteFormatAttribute(xw, BAD_CAST "unit", "%ld", f->unit));
        TMA_XW(xmlTextWriterWriteFormatAttribute(xw, BAD_CAST "value", "%.4f", f->value));
        TMA_XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "message", BAD_CAST f->message));
        if (f->tmx != NULL && f->tmx[0])
            TMA_XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "tmx", BAD_CAST f->tmx));
        if (f->tuid != NULL && f->tuid[0])
            TMA_XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "tuid", BAD_CAST f->tuid));
        TMA_XW(xmlTextWriterWriteString(xw, BAD_CAST f->text));
        TMA_XW(xmlTextWriterEndElement(xw));
    }
    TMA_XW(xmlTextWriterEndDocument(xw));
    TMA_XW(xmlTextWriterFlush(xw));
    xmlFreeTextWriter(xw);
    return 0;
xml_failed:
    xmlFreeTextWriter(xw);
    return tma_error_nomem(err, "writing the QA report");
}

/* ---- Reading a story's part ---------------------------------------------------------------- */

/* Attribute NAME of NODE copied into ARENA, or "" when absent; NULL when out of memory. */
static const char *attr_str(tma_arena *arena, xmlNodePtr node, const char *name)
{
    xmlChar *v = xmlGetNoNsProp(node, BAD_CAST name);
    const char *s = tma_report_strdup(arena, v ? (const char *)v : "");
    xmlFree(v);
    return s;
}

static unsigned long long attr_u(xmlNodePtr node, const char *name)
{
    xmlChar *v = xmlGetNoNsProp(node, BAD_CAST name);
    unsigned long long n = v ? strtoull((const char *)v, NULL, 10) : 0;
    xmlFree(v);
    return n;
}

static double attr_d(xmlNodePtr node, const char *name)
{
    xmlChar *v = xmlGetNoNsProp(node, BAD_CAST name);
    double d = v ? strtod((const char *)v, NULL) : 0;
    xmlFree(v);
    return d;
}

/* A whole number: strtol saturates rather than overflows, and a fraction or NaN reads as 0. */
static long attr_l(xmlNodePtr node, const char *name)
{
    xmlChar *v = xmlGetNoNsProp(node, BAD_CAST name);
    long n = v ? strtol((const char *)v, NULL, 10) : 0;
    xmlFree(v);
    return n;
}

static const char *node_text(tma_arena *arena, xmlNodePtr node)
{
    xmlChar *v = xmlNodeGetContent(node);
    const char *s = tma_report_strdup(arena, v ? (const char *)v : "");
    xmlFree(v);
    return s;
}

static int is_element(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, BAD_CAST name) == 0;
}

/* Copies attribute NAME of NODE, a language code, empty or absent, into DST. Returns 0, or -1 when
 * it is something else, which tmalign never writes. */
static int copy_lang(char *dst, size_t size, xmlNodePtr node, const char *name)
{
    xmlChar *v = xmlGetNoNsProp(node, BAD_CAST name);
    int ok = v == NULL || v[0] == 0 ||
             (strlen((const char *)v) < size && tma_lang_is_valid((const char *)v));
    snprintf(dst, size, "%s", ok && v ? (const char *)v : "");
    xmlFree(v);
    return ok ? 0 : -1;
}

/* Side D from the <side> element NODE: its sentences from its <s> elements, or, in a part written
 * before the sentences were kept, its whole text as one. Returns 0, or -1 when out of memory. */
static int read_side(tma_report_side *d, tma_arena *arena, xmlNodePtr node, tma_buf *scratch)
{
    d->first = (uint32_t)attr_u(node, "first");
    d->count = (uint32_t)attr_u(node, "count");
    d->start = (size_t)attr_u(node, "start");
    d->end = (size_t)attr_u(node, "end");
    d->sentence_count = 0;
    for (xmlNodePtr c = node->children; c != NULL; c = c->next)
        d->sentence_count += is_element(c, "s");
    if (d->sentence_count == 0) {
        if ((d->text = node_text(arena, node)) == NULL)
            return -1;
        d->sentence_count = d->text[0] ? 1 : 0;
        d->sentences = d->sentence_count ? tma_arena_array(arena, 1, sizeof *d->sentences) : NULL;
        if (d->sentence_count && d->sentences == NULL)
            return -1;
        if (d->sentence_count)
            d->sentences[0] = d->text;
        return 0;
    }
    d->sentences = tma_arena_array(arena, d->sentence_count, sizeof *d->sentences);
    if (d->sentences == NULL)
        return -1;
    uint32_t i = 0;
    scratch->len = 0;
    for (xmlNodePtr c = node->children; c != NULL; c = c->next) {
        if (!is_element(c, "s"))
            continue;
        const char *t = d->sentences[i++] = node_text(arena, c);
        if (t == NULL || (scratch->len > 0 && tma_buf_push(scratch, ' ') < 0) ||
            tma_buf_append(scratch, t, strlen(t)) < 0)
            return -1;
    }
    d->text = tma_arena_strndup(arena, scratch->data ? scratch->data : "", scratch->len);
    return d->text == NULL ? -1 : 0;
}

/* Unit U from the <unit> element NODE, its <side> elements being those of the languages
 * LANGS[0..n). Returns 0, -1 when out of memory, 1 when it is not what tmalign writes. */
static int read_unit(tma_report_unit *u, tma_arena *arena, xmlNodePtr node, const size_t *langs,
                     size_t n, tma_buf *scratch)
{
    memset(u, 0, sizeof *u);
    for (size_t k = 0; k < TMA_MAX_LANGS; k++)
        u->side[k].text = "";
    u->score = attr_d(node, "score");
    if (!(u->score >= 0 && u->score <= 1))
        return 1;
    xmlChar *review = xmlGetNoNsProp(node, BAD_CAST "review");
    for (int r = 1; review != NULL && r < (int)(sizeof REVIEW_NAMES / sizeof REVIEW_NAMES[0]); r++)
        if (xmlStrcmp(review, BAD_CAST REVIEW_NAMES[r]) == 0)
            u->review = r;
    xmlFree(review);
    size_t j = 0;
    for (xmlNodePtr c = node->children; c != NULL && j < n; c = c->next) {
        if (is_element(c, "side") && read_side(&u->side[langs[j++]], arena, c, scratch) < 0)
            return -1;
    }
    return 0;
}

/* Pair P of story S from the <pair> element NODE. Returns as read_unit. */
static int read_pair(tma_report_pair *p, tma_report_story *s, tma_arena *arena, xmlNodePtr node,
                     tma_buf *scratch)
{
    char a[TMA_LANG_BYTES], b[TMA_LANG_BYTES];
    if (copy_lang(a, sizeof a, node, "a") < 0 || copy_lang(b, sizeof b, node, "b") < 0)
        return 1;
    p->a = tma_report_lang_index(s, a);
    p->b = tma_report_lang_index(s, b);
    if (p->a >= p->b || p->b >= s->lang_count)
        return 1;
    size_t count = 0;
    for (xmlNodePtr c = node->children; c != NULL; c = c->next)
        count += is_element(c, "unit");
    p->units = count ? tma_arena_array(arena, count, sizeof *p->units) : NULL;
    if (count && p->units == NULL)
        return -1;
    size_t ab[2] = {p->a, p->b};
    for (xmlNodePtr c = node->children; c != NULL; c = c->next) {
        if (!is_element(c, "unit"))
            continue;
        int rc = read_unit(&p->units[p->unit_count++], arena, c, ab, 2, scratch);
        if (rc != 0)
            return rc;
    }
    return 0;
}

int tma_report_read_story(tma_report *report, const char *path, tma_error *err)
{
    xmlDocPtr doc;
    int read_rc = tma_xml_read_written(&doc, path, TMA_REPORT_PART_MAX_BYTES, err);
    if (read_rc < 0)
        return read_rc;
    if (doc == NULL)
        return tma_error_about(err, "force",
                               tma_error_set(err, TMA_ERR_IO, path, 0, 0,
                                             "cannot read this part of the QA report; align "
                                             "every story again"));
    xmlNodePtr root = xmlDocGetRootElement(doc);
    tma_arena *arena = &report->arena;
    tma_buf scratch = TMA_BUF_INIT;
    int rc = 0;
    if (root == NULL || !is_element(root, "story")) {
        xmlFreeDoc(doc);
        return tma_error_about(err, "force",
                               tma_error_set(err, TMA_ERR_IO, path, 0, 0,
                                             "is not a part of a QA report; align every story "
                                             "again"));
    }
    tma_report_story *stories =
        tma_grow(report->stories, &report->story_cap, report->story_count + 1, sizeof *stories, 64);
    if (stories == NULL) {
        xmlFreeDoc(doc);
        return tma_error_nomem(err, "reading the QA report");
    }
    report->stories = stories;
    tma_report_story *s = &report->stories[report->story_count];
    memset(s, 0, sizeof *s);
    s->name = attr_str(arena, root, "name");
    xmlChar *status = xmlGetNoNsProp(root, BAD_CAST "status");
    s->partial = status != NULL && xmlStrcmp(status, BAD_CAST "partial") == 0;
    s->failed = !s->partial && (status == NULL || xmlStrcmp(status, BAD_CAST "aligned") != 0);
    xmlFree(status);
    size_t units = 0, findings = 0, pairs = 0;
    for (xmlNodePtr n = root->children; n != NULL; n = n->next) {
        units += is_element(n, "unit");
        findings += is_element(n, "finding");
        pairs += is_element(n, "pair");
    }
    s->units = units ? tma_arena_array(arena, units, sizeof *s->units) : NULL;
    s->findings = findings ? tma_arena_array(arena, findings, sizeof *s->findings) : NULL;
    s->pairs = pairs ? tma_arena_array(arena, pairs, sizeof *s->pairs) : NULL;
    if (s->name == NULL || (units && s->units == NULL) || (findings && s->findings == NULL) ||
        (pairs && s->pairs == NULL))
        goto nomem;
    xmlNodePtr n;
    for (n = root->children; n != NULL; n = n->next) {
        if (is_element(n, "doc") && s->lang_count < TMA_MAX_LANGS) {
            tma_report_doc *d = &s->docs[s->lang_count++];
            if (copy_lang(d->lang, sizeof d->lang, n, "lang") < 0)
                goto not_a_part;
            d->file = attr_str(arena, n, "file");
            d->sentences = (uint32_t)attr_u(n, "sentences");
            if (d->file == NULL)
                goto nomem;
        } else if (is_element(n, "review")) {
            s->reviewed = 1;
            s->review = (tma_review_counts){(size_t)attr_u(n, "decisions"),
                                            (size_t)attr_u(n, "applied"), (size_t)attr_u(n, "stale"),
                                            (size_t)attr_u(n, "approved"),
                                            (size_t)attr_u(n, "rejected")};
        } else if (is_element(n, "unit")) {
            size_t all[TMA_MAX_LANGS];
            for (size_t k = 0; k < s->lang_count; k++)
                all[k] = k;
            int r = read_unit(&s->units[s->unit_count++], arena, n, all, s->lang_count, &scratch);
            if (r > 0)
                goto not_a_part;
            if (r < 0)
                goto nomem;
        } else if (is_element(n, "pair") && s->pair_count < pairs) {
            int r = read_pair(&s->pairs[s->pair_count++], s, arena, n, &scratch);
            if (r > 0)
                goto not_a_part;
            if (r < 0)
                goto nomem;
        } else if (is_element(n, "finding")) {
            tma_finding *f = &s->findings[s->finding_count];
            xmlChar *kind = xmlGetNoNsProp(n, BAD_CAST "kind");
            int k = kind ? tma_report_kind_from_name((const char *)kind) : -1;
            xmlFree(kind);
            if (k < 0)
                continue; /* a kind from a newer tmalign */
            memset(f, 0, sizeof *f);
            f->kind = (tma_finding_kind)k;
            if (copy_lang(f->lang, sizeof f->lang, n, "lang") < 0 ||
                copy_lang(f->other, sizeof f->other, n, "other") < 0)
                goto not_a_part;
            f->file = attr_str(arena, n, "file");
            f->line = attr_l(n, "line");
            f->column = attr_l(n, "column");
            f->start = (size_t)attr_u(n, "start");
            f->end = (size_t)attr_u(n, "end");
            f->unit = attr_l(n, "unit");
            if (f->unit < 0 || f->unit >= (long)units)
                f->unit = -1;
            f->value = attr_d(n, "value");
            f->message = attr_str(arena, n, "message");
            f->tmx = attr_str(arena, n, "tmx");
            f->tuid = attr_str(arena, n, "tuid");
            f->text = node_text(arena, n);
            if (f->file == NULL || f->message == NULL || f->text == NULL || f->tmx == NULL ||
                f->tuid == NULL)
                goto nomem;
            s->finding_count++;
        }
    }
    tma_report_mark_approved(s);
    report->story_count++;
    goto cleanup;
not_a_part:
    rc = tma_error_about(err, "force",
                         tma_error_set(err, TMA_ERR_INPUT, path, xmlGetLineNo(n), 0,
                                       "is not a part of a QA report that tmalign wrote; align "
                                       "every story again"));
    goto cleanup;
nomem:
    rc = tma_error_nomem(err, "reading the QA report");
cleanup:
    tma_buf_free(&scratch);
    xmlFreeDoc(doc);
    return rc;
}
