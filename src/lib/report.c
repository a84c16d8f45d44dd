#define _POSIX_C_SOURCE 200809L
#include "report.h"

#include "buf.h"
#include "context.h"
#include "error.h"
#include "outfile.h"
#include "qa.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <unicode/utf8.h>

/* Sentence counts that differ by more than this share of the larger count. */
#define SEGMENT_COUNT_SHARE 0.3

static const char *const KIND_NAMES[TMA_FINDING_KIND_COUNT] = {
    "missing-file",   "bad-input",    "error",           "segment-count", "unaligned",
    "low-confidence", "length-ratio", "number-mismatch", "name-mismatch", "spelling",
};

const char *tma_report_kind_name(tma_finding_kind kind)
{
    return kind < TMA_FINDING_KIND_COUNT ? KIND_NAMES[kind] : "unknown";
}

static int kind_from_name(const char *name)
{
    for (int k = 0; k < TMA_FINDING_KIND_COUNT; k++) {
        if (strcmp(KIND_NAMES[k], name) == 0)
            return k;
    }
    return -1;
}

void tma_report_free(tma_report *report)
{
    if (report == NULL)
        return;
    free(report->stories);
    report->stories = NULL;
    report->story_count = report->story_cap = 0;
    tma_arena_free(&report->arena);
}

/* ---- Strings ------------------------------------------------------------------------------- */

/* 1 if XML 1.0 allows code point C in text (and so JSON and HTML readers show it): no C0
 * controls but tab and line feed, no DEL or C1 controls, no U+FFFE or U+FFFF. */
static int xml_allows(UChar32 c)
{
    if (c < 0x20)
        return c == '\t' || c == '\n';
    return !(c >= 0x7F && c <= 0x9F) && c != 0xFFFE && c != 0xFFFF;
}

/* Copies LEN bytes at S into ARENA as text every output format may hold: each byte that is not
 * part of valid UTF-8 (a file name in Latin-1, say) becomes U+FFFD, and characters XML forbids
 * become a space. Returns NULL when out of memory. */
static char *safe_dup(tma_arena *arena, const char *s, size_t len)
{
    tma_buf b = TMA_BUF_INIT;
    size_t i = 0;
    int rc = tma_buf_reserve(&b, len + 1);
    while (i < len && rc == 0) {
        size_t start = i;
        UChar32 c;
        U8_NEXT(s, i, len, c);
        if (c < 0)
            rc = tma_buf_append(&b, "\xEF\xBF\xBD", 3);
        else if (!xml_allows(c))
            rc = tma_buf_push(&b, ' ');
        else
            rc = tma_buf_append(&b, s + start, i - start);
    }
    char *out = rc == 0 ? tma_arena_strndup(arena, b.data ? b.data : "", b.len) : NULL;
    tma_buf_free(&b);
    return out;
}

static char *safe_str(tma_arena *arena, const char *s)
{
    return safe_dup(arena, s ? s : "", s ? strlen(s) : 0);
}

/* ---- Building a story's part --------------------------------------------------------------- */

typedef struct finding_list {
    tma_finding *items;
    size_t count, cap;
} finding_list;

static tma_finding *finding_push(finding_list *list)
{
    if (list->count == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 16;
        tma_finding *p = realloc(list->items, cap * sizeof *p);
        if (p == NULL)
            return NULL;
        list->items = p;
        list->cap = cap;
    }
    tma_finding *f = &list->items[list->count++];
    memset(f, 0, sizeof *f);
    f->unit = -1;
    return f;
}

/* The text of sentences [first, first + count) of DOC, white space collapsed, joined by one
 * space, into ARENA. */
static char *sentences_text(tma_arena *arena, tma_buf *scratch, const tma_doc *doc, uint32_t first,
                            uint32_t count)
{
    scratch->len = 0;
    for (uint32_t i = first; i < first + count; i++) {
        size_t need = tma_doc_sentence_text(doc, i, NULL, 0);
        if (tma_buf_reserve(scratch, need + 2) < 0)
            return NULL;
        if (scratch->len > 0)
            scratch->data[scratch->len++] = ' ';
        tma_doc_sentence_text(doc, i, scratch->data + scratch->len, need + 1);
        scratch->len += need;
    }
    return safe_dup(arena, scratch->data ? scratch->data : "", scratch->len);
}

/* The side of unit U in language K of STORY. */
static int side_of(tma_report_side *side, tma_arena *arena, tma_buf *scratch,
                   const tma_story *story, const tma_unit *u, size_t k)
{
    const tma_doc *doc = tma_story_doc(story, k);
    side->first = u->first[k];
    side->count = u->count[k];
    side->start = side->end = 0;
    side->text = "";
    if (u->count[k] == 0)
        return 0;
    const tma_sentence *a = tma_doc_sentence(doc, u->first[k]);
    const tma_sentence *b = tma_doc_sentence(doc, u->first[k] + u->count[k] - 1);
    side->start = a->orig_start;
    side->end = b->orig_start + b->orig_len;
    side->text = sentences_text(arena, scratch, doc, u->first[k], u->count[k]);
    return side->text == NULL ? -1 : 0;
}

typedef struct build_state {
    tma_arena *arena;
    tma_buf scratch;
    finding_list list;
    const tma_story *story;
    tma_translit *translit; /* the worker's */
    tma_report_story *out;
    uint32_t *unit_of[TMA_MAX_LANGS]; /* per language: sentence -> index of its joined unit */
} build_state;

/* Adds a finding about sentences [first, first + count) of language K. */
static tma_finding *add_about(build_state *st, tma_finding_kind kind, size_t k, size_t other,
                              uint32_t first, uint32_t count)
{
    const tma_doc *doc = tma_story_doc(st->story, k);
    tma_finding *f = finding_push(&st->list);
    if (f == NULL)
        return NULL;
    f->kind = kind;
    snprintf(f->lang, sizeof f->lang, "%s", tma_doc_lang(doc));
    if (other < TMA_MAX_LANGS)
        snprintf(f->other, sizeof f->other, "%s", tma_doc_lang(tma_story_doc(st->story, other)));
    f->file = st->out->docs[k].file;
    const tma_sentence *a = tma_doc_sentence(doc, first);
    const tma_sentence *b = tma_doc_sentence(doc, first + count - 1);
    f->start = a->orig_start;
    f->end = b->orig_start + b->orig_len;
    f->unit = st->unit_of[k][first];
    f->text = sentences_text(st->arena, &st->scratch, doc, first, count);
    f->message = "";
    return f->text == NULL ? NULL : f;
}

/* A sentence that the alignment put in a unit is still reported as unaligned when the alignment's
 * own posterior gives it at least this probability of having no counterpart: the best path often
 * merges a short untranslated sentence into its neighbour's bead where leaving it alone was nearly
 * as likely. Measured on the hard-s1 batch corpus (tests/batch/corpus.sh) and two variants made
 * like it (bench/make-variant.py, seeds 2 and 3): at 0.2 the findings recall 0.83 / 0.82 / 0.79 of
 * the gold unaligned sentences with 1.4 findings per gold one, at 0.15 0.85 / 0.83 / 0.80 with 1.5,
 * at 0.1 0.88 / 0.86 / 0.82 with 1.6; the best path alone recalls 0.72 on hard-s1. */
#define LIKELY_UNALIGNED 0.15

/* Reports the sentences of language K in pair unit U that are likely to have no counterpart in
 * language OTHER, though the best alignment gave them one. */
static int likely_unaligned(build_state *st, const tma_unit *u, size_t k, size_t other)
{
    for (uint32_t s = u->first[k]; s < u->first[k] + u->count[k]; s++) {
        double p = tma_story_null_probability(st->story, k, other, s);
        if (p < LIKELY_UNALIGNED)
            continue;
        tma_finding *f = add_about(st, TMA_FINDING_UNALIGNED, k, other, s, 1);
        if (f == NULL)
            return -1;
        char message[96];
        snprintf(message, sizeof message,
                 "aligned, but with probability %.2f it has no counterpart", p);
        f->message = safe_str(st->arena, message);
        if (f->message == NULL)
            return -1;
    }
    return 0;
}

static int findings_unaligned(build_state *st, tma_error *err)
{
    size_t n = tma_story_lang_count(st->story);
    for (size_t a = 0; a < n; a++) {
        for (size_t b = a + 1; b < n; b++) {
            tma_unit *units;
            size_t count;
            int rc = tma_story_pair_units(&units, &count, st->story, a, b, err);
            if (rc < 0)
                return rc;
            for (size_t i = 0; i < count && rc == 0; i++) {
                const tma_unit *u = &units[i];
                if (u->count[a] > 0 && u->count[b] > 0) {
                    rc = likely_unaligned(st, u, a, b);
                    if (rc == 0)
                        rc = likely_unaligned(st, u, b, a);
                    continue;
                }
                size_t has = u->count[a] ? a : b, lacks = u->count[a] ? b : a;
                for (uint32_t s = 0; s < u->count[has] && rc == 0; s++) {
                    tma_finding *f =
                        add_about(st, TMA_FINDING_UNALIGNED, has, lacks, u->first[has] + s, 1);
                    rc = f == NULL ? -1 : 0;
                }
            }
            free(units);
            if (rc < 0)
                return tma_error_nomem(err, "building the QA report");
        }
    }
    return 0;
}

/* The anchors of KIND (numbers or names) on side K of unit U that side OTHER lacks, as one
 * finding about side K that lists them. */
static int anchor_mismatch(build_state *st, tma_qa *qa, const tma_unit *u, size_t k, size_t other,
                           tma_anchor_kind kind, tma_error *err)
{
    tma_buf missing = TMA_BUF_INIT;
    size_t n = 0;
    int rc = tma_qa_missing(&missing, &n, qa, u, k, other, kind, err);
    if (rc < 0 || n == 0) {
        tma_buf_free(&missing);
        return rc;
    }
    size_t text_len;
    const char *text = tma_doc_text(tma_story_doc(st->story, k), &text_len);
    const tma_anchor *as = (const tma_anchor *)missing.data;
    char words[200];
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        int w = snprintf(words + used, sizeof words - used, "%s%.*s", used ? ", " : "",
                         (int)as[i].len, text + as[i].start);
        if (w < 0 || (size_t)w >= sizeof words - used)
            break;
        used += (size_t)w;
    }
    tma_buf_free(&missing);
    tma_finding *f = add_about(
        st, kind == TMA_ANCHOR_NAME ? TMA_FINDING_NAME_MISMATCH : TMA_FINDING_NUMBER_MISMATCH, k,
        other, u->first[k], u->count[k]);
    char message[300];
    if (f != NULL) {
        snprintf(message, sizeof message, "%s not found on the %s side", words, f->other);
        f->message = safe_str(st->arena, message);
    }
    if (f == NULL || f->message == NULL)
        return tma_error_nomem(err, "building the QA report");
    return 0;
}

static int findings_units(build_state *st, const tma_report_params *params, tma_error *err)
{
    size_t n = tma_story_lang_count(st->story), count;
    const tma_unit *units = tma_story_units(st->story, &count);
    tma_qa qa;
    int rc = tma_qa_init(&qa, st->story, st->translit, params->low_confidence, err);
    if (rc < 0) {
        tma_qa_free(&qa);
        return rc;
    }
    for (size_t i = 0; i < count && rc == 0; i++) {
        const tma_unit *u = &units[i];
        int complete = 1;
        for (size_t k = 0; k < n; k++)
            complete &= u->count[k] > 0;
        if (!complete)
            continue;
        if (u->score < params->low_confidence) {
            tma_finding *f = add_about(st, TMA_FINDING_LOW_CONFIDENCE, 0, TMA_MAX_LANGS,
                                       u->first[0], u->count[0]);
            char message[128];
            if (f != NULL) {
                f->value = u->score;
                snprintf(message, sizeof message, "unit scored %.2f, under %.2f", u->score,
                         params->low_confidence);
                f->message = safe_str(st->arena, message);
            }
            rc = f == NULL || f->message == NULL ? -1 : 0;
        }
        for (size_t k = 1; k < n && rc == 0; k++) {
            double rel = tma_qa_length_ratio(&qa, u, k, 0);
            if (rel == 0)
                continue;
            tma_finding *f =
                add_about(st, TMA_FINDING_LENGTH_RATIO, k, 0, u->first[k], u->count[k]);
            char message[160];
            if (f != NULL) {
                f->value = rel;
                snprintf(message, sizeof message,
                         "%s side is %.1f times %s than the story's usual ratio to %s", f->lang,
                         rel >= 1 ? rel : 1 / rel, rel >= 1 ? "longer" : "shorter", f->other);
                f->message = safe_str(st->arena, message);
            }
            rc = f == NULL || f->message == NULL ? -1 : 0;
        }
        rc = rc < 0 ? tma_error_nomem(err, "building the QA report") : 0;
        for (size_t k = 1; k < n && rc == 0; k++) {
            rc = anchor_mismatch(st, &qa, u, 0, k, TMA_ANCHOR_NUMBER, err);
            if (rc == 0)
                rc = anchor_mismatch(st, &qa, u, k, 0, TMA_ANCHOR_NUMBER, err);
            if (rc == 0)
                rc = anchor_mismatch(st, &qa, u, 0, k, TMA_ANCHOR_NAME, err);
            if (rc == 0)
                rc = anchor_mismatch(st, &qa, u, k, 0, TMA_ANCHOR_NAME, err);
        }
    }
    tma_qa_free(&qa);
    return rc;
}

/* A dictionary that does not know more than this share of a document's words does not fit its
 * text: another orthography (Debian's Armenian dictionary spells the classical way, "աւելի", and
 * does not know a quarter of the words of modern texts) or another variety; its findings would
 * bury the misspellings, and none are reported for the document. A few unknown words in a short
 * text say nothing of the dictionary: the share counts from SPELLING_FEW_UNKNOWN on. */
#define SPELLING_MAX_UNKNOWN 0.1
#define SPELLING_FEW_UNKNOWN 3

/* A finding for each word of every language that the spelling check does not accept. */
static int findings_spelling(build_state *st, tma_worker *w, tma_error *err)
{
    size_t n = tma_story_lang_count(st->story);
    tma_buf words = TMA_BUF_INIT;
    int rc = 0;
    for (size_t k = 0; k < n && rc == 0; k++) {
        const tma_doc *doc = tma_story_doc(st->story, k);
        size_t text_len, checked = 0;
        const char *text = tma_doc_text(doc, &text_len);
        words.len = 0;
        for (size_t i = 0; i < tma_doc_sentence_count(doc) && rc == 0; i++)
            rc = tma_qa_misspelled(&words, &checked, w, doc, i, err);
        const tma_qa_word *ws = (const tma_qa_word *)words.data;
        size_t count = words.len / sizeof *ws;
        if (rc < 0 ||
            (count > SPELLING_FEW_UNKNOWN && count > SPELLING_MAX_UNKNOWN * (double)checked))
            continue;
        for (size_t j = 0; j < count && rc == 0; j++) {
            tma_finding *f = finding_push(&st->list);
            if (f == NULL) {
                rc = tma_error_nomem(err, "building the QA report");
                break;
            }
            char message[160];
            f->kind = TMA_FINDING_SPELLING;
            snprintf(f->lang, sizeof f->lang, "%s", tma_doc_lang(doc));
            f->file = st->out->docs[k].file;
            tma_doc_orig_span(doc, ws[j].start, ws[j].len, &f->start, &f->end);
            f->unit = st->unit_of[k][ws[j].sentence];
            f->text = safe_dup(st->arena, text + ws[j].start, ws[j].len);
            if (ws[j].suggestion[0])
                snprintf(message, sizeof message,
                         "not in the %s dictionary as one word, which lists %s", f->lang,
                         ws[j].suggestion);
            else
                snprintf(message, sizeof message, "not in the %s dictionary", f->lang);
            f->message = safe_str(st->arena, message);
            if (f->text == NULL || f->message == NULL)
                rc = tma_error_nomem(err, "building the QA report");
        }
    }
    tma_buf_free(&words);
    return rc;
}

static int findings_segment_count(build_state *st)
{
    size_t n = tma_story_lang_count(st->story);
    const tma_report_doc *src = &st->out->docs[0];
    for (size_t k = 1; k < n; k++) {
        const tma_report_doc *d = &st->out->docs[k];
        double most = d->sentences > src->sentences ? d->sentences : src->sentences;
        double diff = fabs((double)d->sentences - (double)src->sentences);
        if (diff <= SEGMENT_COUNT_SHARE * most)
            continue;
        tma_finding *f = finding_push(&st->list);
        if (f == NULL)
            return -1;
        char message[160];
        f->kind = TMA_FINDING_SEGMENT_COUNT;
        snprintf(f->lang, sizeof f->lang, "%s", d->lang);
        snprintf(f->other, sizeof f->other, "%s", src->lang);
        f->file = d->file;
        f->text = "";
        f->value = src->sentences ? (double)d->sentences / src->sentences : 0;
        snprintf(message, sizeof message, "%s has %u sentences, %s %u: a part may be missing",
                 d->lang, (unsigned)d->sentences, src->lang, (unsigned)src->sentences);
        f->message = safe_str(st->arena, message);
        if (f->message == NULL)
            return -1;
    }
    return 0;
}

static size_t lang_index(const tma_report_story *s, const char *lang)
{
    for (size_t k = 0; k < s->lang_count; k++) {
        if (strcmp(s->docs[k].lang, lang) == 0)
            return k;
    }
    return s->lang_count;
}

/* Sorts S's findings by language (the story's order), position, kind, then the language compared
 * with. An insertion sort: C11's qsort takes no context for the language order, a story has a few
 * hundred findings at most, and they come nearly sorted. */
static void sort_findings(tma_report_story *s)
{
    for (size_t i = 1; i < s->finding_count; i++) {
        tma_finding f = s->findings[i];
        size_t j = i;
        while (j > 0) {
            const tma_finding *p = &s->findings[j - 1];
            size_t la = lang_index(s, p->lang), lb = lang_index(s, f.lang);
            int before;
            if (la != lb)
                before = lb < la;
            else if (p->start != f.start)
                before = f.start < p->start;
            else if (p->kind != f.kind)
                before = f.kind < p->kind;
            else
                before = lang_index(s, f.other) < lang_index(s, p->other);
            if (!before)
                break;
            s->findings[j] = s->findings[j - 1];
            j--;
        }
        s->findings[j] = f;
    }
}

int tma_report_story_build(tma_report_story *out, tma_arena *arena, tma_worker *w, const char *name,
                           const tma_story *story, const tma_report_params *params, tma_error *err)
{
    build_state st = {arena, TMA_BUF_INIT, {0}, story, &w->anchors.translit, out, {0}};
    size_t n = tma_story_lang_count(story), count;
    const tma_unit *units = tma_story_units(story, &count);
    int rc = 0;

    memset(out, 0, sizeof *out);
    out->name = safe_str(arena, name);
    out->lang_count = n;
    out->units = count ? tma_arena_array(arena, count, sizeof *out->units) : NULL;
    if (out->name == NULL || (count && out->units == NULL))
        goto nomem;
    out->unit_count = count;
    for (size_t k = 0; k < n; k++) {
        const tma_doc *doc = tma_story_doc(story, k);
        snprintf(out->docs[k].lang, sizeof out->docs[k].lang, "%s", tma_doc_lang(doc));
        out->docs[k].file = safe_str(arena, tma_doc_path(doc));
        out->docs[k].sentences = (uint32_t)tma_doc_sentence_count(doc);
        st.unit_of[k] = calloc(tma_doc_sentence_count(doc) + 1, sizeof *st.unit_of[k]);
        if (out->docs[k].file == NULL || st.unit_of[k] == NULL)
            goto nomem;
    }
    for (size_t i = 0; i < count; i++) {
        out->units[i].score = units[i].score;
        for (size_t k = 0; k < n; k++) {
            if (side_of(&out->units[i].side[k], arena, &st.scratch, story, &units[i], k) < 0)
                goto nomem;
            for (uint32_t s = 0; s < units[i].count[k]; s++)
                st.unit_of[k][units[i].first[k] + s] = (uint32_t)i;
        }
    }
    if (findings_segment_count(&st) < 0)
        goto nomem;
    rc = findings_unaligned(&st, err);
    if (rc == 0)
        rc = findings_units(&st, params, err);
    if (rc == 0)
        rc = findings_spelling(&st, w, err);
    if (rc < 0)
        goto cleanup;
    /* Unaligned findings say which language they lack. */
    for (size_t i = 0; i < st.list.count; i++) {
        tma_finding *f = &st.list.items[i];
        if (f->kind == TMA_FINDING_UNALIGNED) {
            char message[64];
            snprintf(message, sizeof message, "no %s counterpart", f->other);
            if ((f->message = safe_str(arena, message)) == NULL)
                goto nomem;
        }
    }
    if (st.list.count > 0) {
        out->findings = tma_arena_array(arena, st.list.count, sizeof *out->findings);
        if (out->findings == NULL)
            goto nomem;
        memcpy(out->findings, st.list.items, st.list.count * sizeof *out->findings);
        out->finding_count = st.list.count;
        sort_findings(out);
    }
    goto cleanup;
nomem:
    rc = tma_error_nomem(err, "building the QA report");
cleanup:
    for (size_t k = 0; k < TMA_MAX_LANGS; k++)
        free(st.unit_of[k]);
    free(st.list.items);
    tma_buf_free(&st.scratch);
    return rc;
}

int tma_report_story_failed(tma_report_story *out, tma_arena *arena, const char *name,
                            const char *const *langs, const char *const *files, size_t lang_count,
                            tma_error *err)
{
    memset(out, 0, sizeof *out);
    out->name = safe_str(arena, name);
    out->failed = 1;
    out->lang_count = lang_count;
    if (out->name == NULL)
        return tma_error_nomem(err, "building the QA report");
    for (size_t k = 0; k < lang_count; k++) {
        snprintf(out->docs[k].lang, sizeof out->docs[k].lang, "%s", langs[k]);
        if ((out->docs[k].file = safe_str(arena, files[k])) == NULL)
            return tma_error_nomem(err, "building the QA report");
    }
    return 0;
}

int tma_report_story_add(tma_report_story *s, tma_arena *arena, tma_finding_kind kind,
                         const char *lang, const char *file, long line, long column, size_t start,
                         size_t end, const char *message, tma_error *err)
{
    tma_finding *grown = tma_arena_array(arena, s->finding_count + 1, sizeof *grown);
    if (grown == NULL)
        return tma_error_nomem(err, "building the QA report");
    if (s->finding_count > 0)
        memcpy(grown, s->findings, s->finding_count * sizeof *grown);
    tma_finding *f = &grown[s->finding_count];
    memset(f, 0, sizeof *f);
    f->kind = kind;
    snprintf(f->lang, sizeof f->lang, "%s", lang ? lang : "");
    f->file = safe_str(arena, file);
    f->line = line;
    f->column = column;
    f->start = start;
    f->end = end;
    f->text = "";
    f->message = safe_str(arena, message);
    f->unit = -1;
    if (f->file == NULL || f->message == NULL)
        return tma_error_nomem(err, "building the QA report");
    s->findings = grown;
    s->finding_count++;
    return 0;
}

/* ---- A story's part as XML ----------------------------------------------------------------- */

#define XW(call)                                                                                   \
    do {                                                                                           \
        if ((call) < 0)                                                                            \
            goto xml_failed;                                                                       \
    } while (0)

static int write_attr_u(xmlTextWriterPtr xw, const char *name, unsigned long long v)
{
    return xmlTextWriterWriteFormatAttribute(xw, BAD_CAST name, "%llu", v);
}

/* An xmlOutputBuffer's write callback that appends to the tma_buf CONTEXT. */
static int append_to_buf(void *context, const char *buffer, int len)
{
    return tma_buf_append(context, buffer, (size_t)len) < 0 ? -1 : len;
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
    XW(xmlTextWriterSetIndent(xw, 1));
    XW(xmlTextWriterStartDocument(xw, "1.0", "UTF-8", NULL));
    XW(xmlTextWriterStartElement(xw, BAD_CAST "story"));
    XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "name", BAD_CAST s->name));
    XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "status",
                                   BAD_CAST(s->failed ? "failed" : "aligned")));
    for (size_t k = 0; k < s->lang_count; k++) {
        XW(xmlTextWriterStartElement(xw, BAD_CAST "doc"));
        XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "lang", BAD_CAST s->docs[k].lang));
        XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "file", BAD_CAST s->docs[k].file));
        XW(write_attr_u(xw, "sentences", s->docs[k].sentences));
        XW(xmlTextWriterEndElement(xw));
    }
    for (size_t i = 0; i < s->unit_count; i++) {
        const tma_report_unit *u = &s->units[i];
        XW(xmlTextWriterStartElement(xw, BAD_CAST "unit"));
        XW(xmlTextWriterWriteFormatAttribute(xw, BAD_CAST "score", "%.4f", u->score));
        for (size_t k = 0; k < s->lang_count; k++) {
            const tma_report_side *d = &u->side[k];
            XW(xmlTextWriterStartElement(xw, BAD_CAST "side"));
            XW(write_attr_u(xw, "first", d->first));
            XW(write_attr_u(xw, "count", d->count));
            XW(write_attr_u(xw, "start", d->start));
            XW(write_attr_u(xw, "end", d->end));
            XW(xmlTextWriterWriteString(xw, BAD_CAST d->text));
            XW(xmlTextWriterEndElement(xw));
        }
        XW(xmlTextWriterEndElement(xw));
    }
    for (size_t i = 0; i < s->finding_count; i++) {
        const tma_finding *f = &s->findings[i];
        XW(xmlTextWriterStartElement(xw, BAD_CAST "finding"));
        XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "kind",
                                       BAD_CAST tma_report_kind_name(f->kind)));
        XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "lang", BAD_CAST f->lang));
        XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "other", BAD_CAST f->other));
        XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "file", BAD_CAST f->file));
        XW(xmlTextWriterWriteFormatAttribute(xw, BAD_CAST "line", "%ld", f->line));
        XW(xmlTextWriterWriteFormatAttribute(xw, BAD_CAST "column", "%ld", f->column));
        XW(write_attr_u(xw, "start", f->start));
        XW(write_attr_u(xw, "end", f->end));
        XW(xmlTextWriterWriteFormatAttribute(xw, BAD_CAST "unit", "%ld", f->unit));
        XW(xmlTextWriterWriteFormatAttribute(xw, BAD_CAST "value", "%.4f", f->value));
        XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "message", BAD_CAST f->message));
        XW(xmlTextWriterWriteString(xw, BAD_CAST f->text));
        XW(xmlTextWriterEndElement(xw));
    }
    XW(xmlTextWriterEndDocument(xw));
    XW(xmlTextWriterFlush(xw));
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
    const char *s = safe_str(arena, v ? (const char *)v : "");
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

static const char *node_text(tma_arena *arena, xmlNodePtr node)
{
    xmlChar *v = xmlNodeGetContent(node);
    const char *s = safe_str(arena, v ? (const char *)v : "");
    xmlFree(v);
    return s;
}

static int is_element(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, BAD_CAST name) == 0;
}

static void copy_lang(char *dst, size_t size, tma_arena *arena, xmlNodePtr node, const char *name)
{
    const char *s = attr_str(arena, node, name);
    snprintf(dst, size, "%s", s ? s : "");
}

int tma_report_read_story(tma_report *report, const char *path, tma_error *err)
{
    /* No network, no DTD and no entity substitution: the file is ours, but a merge reads folders
     * that anyone may have handed over. Nor may libxml2 print its errors: the library never does. */
    xmlDocPtr doc = xmlReadFile(path, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR |
                                    XML_PARSE_NOWARNING);
    if (doc == NULL)
        return tma_error_set(err, TMA_ERR_IO, path, 0, 0,
                             "cannot read this part of the QA report; run the batch again with "
                             "--force");
    xmlNodePtr root = xmlDocGetRootElement(doc);
    tma_arena *arena = &report->arena;
    int rc = 0;
    if (root == NULL || !is_element(root, "story")) {
        xmlFreeDoc(doc);
        return tma_error_set(err, TMA_ERR_IO, path, 0, 0,
                             "is not a part of a QA report; run the batch again with --force");
    }
    if (report->story_count == report->story_cap) {
        size_t cap = report->story_cap ? report->story_cap * 2 : 64;
        tma_report_story *p = realloc(report->stories, cap * sizeof *p);
        if (p == NULL) {
            xmlFreeDoc(doc);
            return tma_error_nomem(err, "reading the QA report");
        }
        report->stories = p;
        report->story_cap = cap;
    }
    tma_report_story *s = &report->stories[report->story_count];
    memset(s, 0, sizeof *s);
    s->name = attr_str(arena, root, "name");
    xmlChar *status = xmlGetNoNsProp(root, BAD_CAST "status");
    s->failed = status == NULL || xmlStrcmp(status, BAD_CAST "aligned") != 0;
    xmlFree(status);
    size_t units = 0, findings = 0;
    for (xmlNodePtr n = root->children; n != NULL; n = n->next) {
        units += is_element(n, "unit");
        findings += is_element(n, "finding");
    }
    s->units = units ? tma_arena_array(arena, units, sizeof *s->units) : NULL;
    s->findings = findings ? tma_arena_array(arena, findings, sizeof *s->findings) : NULL;
    if (s->name == NULL || (units && s->units == NULL) || (findings && s->findings == NULL))
        goto nomem;
    for (xmlNodePtr n = root->children; n != NULL; n = n->next) {
        if (is_element(n, "doc") && s->lang_count < TMA_MAX_LANGS) {
            tma_report_doc *d = &s->docs[s->lang_count++];
            copy_lang(d->lang, sizeof d->lang, arena, n, "lang");
            d->file = attr_str(arena, n, "file");
            d->sentences = (uint32_t)attr_u(n, "sentences");
            if (d->file == NULL)
                goto nomem;
        } else if (is_element(n, "unit")) {
            tma_report_unit *u = &s->units[s->unit_count++];
            u->score = attr_d(n, "score");
            size_t k = 0;
            for (xmlNodePtr c = n->children; c != NULL && k < TMA_MAX_LANGS; c = c->next) {
                if (!is_element(c, "side"))
                    continue;
                tma_report_side *d = &u->side[k++];
                d->first = (uint32_t)attr_u(c, "first");
                d->count = (uint32_t)attr_u(c, "count");
                d->start = (size_t)attr_u(c, "start");
                d->end = (size_t)attr_u(c, "end");
                if ((d->text = node_text(arena, c)) == NULL)
                    goto nomem;
            }
        } else if (is_element(n, "finding")) {
            tma_finding *f = &s->findings[s->finding_count];
            xmlChar *kind = xmlGetNoNsProp(n, BAD_CAST "kind");
            int k = kind ? kind_from_name((const char *)kind) : -1;
            xmlFree(kind);
            if (k < 0)
                continue; /* a kind from a newer tmalign */
            memset(f, 0, sizeof *f);
            f->kind = (tma_finding_kind)k;
            copy_lang(f->lang, sizeof f->lang, arena, n, "lang");
            copy_lang(f->other, sizeof f->other, arena, n, "other");
            f->file = attr_str(arena, n, "file");
            f->line = (long)attr_d(n, "line");
            f->column = (long)attr_d(n, "column");
            f->start = (size_t)attr_u(n, "start");
            f->end = (size_t)attr_u(n, "end");
            f->unit = (long)attr_d(n, "unit");
            if (f->unit >= (long)units)
                f->unit = -1;
            f->value = attr_d(n, "value");
            f->message = attr_str(arena, n, "message");
            f->text = node_text(arena, n);
            if (f->file == NULL || f->message == NULL || f->text == NULL)
                goto nomem;
            s->finding_count++;
        }
    }
    report->story_count++;
    goto cleanup;
nomem:
    rc = tma_error_nomem(err, "reading the QA report");
cleanup:
    xmlFreeDoc(doc);
    return rc;
}

/* ---- qa.json ------------------------------------------------------------------------------- */

/* Writes S up to the first byte that SPECIAL holds (or its end) in one call, as a call per byte
 * costs a lock each once the process has a second thread; returns where it stopped. */
static const char *write_plain(FILE *fp, const char *s, const char *special)
{
    size_t n = strcspn(s, special);
    fwrite(s, 1, n, fp);
    return s + n;
}

/* The bytes a JSON string escapes: the quote, the backslash and the control characters. */
static const char JSON_SPECIAL[] = "\"\\\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f"
                                   "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f";

static void json_string(FILE *fp, const char *s)
{
    fputc('"', fp);
    while (*(s = write_plain(fp, s, JSON_SPECIAL))) {
        unsigned char c = (unsigned char)*s++;
        if (c == '"' || c == '\\')
            fprintf(fp, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", fp);
        else if (c == '\t')
            fputs("\\t", fp);
        else
            fprintf(fp, "\\u%04x", c);
    }
    fputc('"', fp);
}

/* A story's unit counts by bead type ("1-1-1"), in the order first seen. */
typedef struct bead_types {
    char type[32][24];
    size_t count[32];
    size_t n;
    size_t other; /* units of types beyond the 32 kept */
} bead_types;

static void bead_type_of(char *buf, size_t size, const tma_report_story *s,
                         const tma_report_unit *u)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < s->lang_count && used < size; k++)
        used += (size_t)snprintf(buf + used, size - used, "%s%u", k ? "-" : "",
                                 (unsigned)u->side[k].count);
}

static void count_bead_types(bead_types *t, const tma_report_story *s)
{
    memset(t, 0, sizeof *t);
    for (size_t i = 0; i < s->unit_count; i++) {
        char type[24];
        bead_type_of(type, sizeof type, s, &s->units[i]);
        size_t j = 0;
        while (j < t->n && strcmp(t->type[j], type) != 0)
            j++;
        if (j == t->n) {
            if (t->n == 32) {
                t->other++;
                continue;
            }
            snprintf(t->type[t->n++], sizeof t->type[0], "%s", type);
        }
        t->count[j]++;
    }
    /* Most frequent first; ties in the order first seen. */
    for (size_t i = 1; i < t->n; i++) {
        for (size_t j = i; j > 0 && t->count[j] > t->count[j - 1]; j--) {
            char tmp[24];
            size_t c = t->count[j];
            memcpy(tmp, t->type[j], sizeof tmp);
            memcpy(t->type[j], t->type[j - 1], sizeof tmp);
            memcpy(t->type[j - 1], tmp, sizeof tmp);
            t->count[j] = t->count[j - 1];
            t->count[j - 1] = c;
        }
    }
}

/* Units in which every language has a sentence: those of OUT/NAME.tmx. */
static size_t complete_units(const tma_report_story *s)
{
    size_t n = 0;
    for (size_t i = 0; i < s->unit_count; i++) {
        int complete = 1;
        for (size_t k = 0; k < s->lang_count; k++)
            complete &= s->units[i].side[k].count > 0;
        n += complete;
    }
    return n;
}

static double mean_score(const tma_report_story *s)
{
    double sum = 0;
    for (size_t i = 0; i < s->unit_count; i++)
        sum += s->units[i].score;
    return s->unit_count ? sum / (double)s->unit_count : 0;
}

static void kind_counts(size_t *counts, const tma_report_story *s)
{
    for (size_t i = 0; i < s->finding_count; i++)
        counts[s->findings[i].kind]++;
}

static void json_finding(FILE *fp, const tma_report_story *s, const tma_finding *f)
{
    fputs("    {\"kind\": ", fp);
    json_string(fp, tma_report_kind_name(f->kind));
    fputs(", \"document\": ", fp);
    json_string(fp, s->name);
    fputs(", \"lang\": ", fp);
    json_string(fp, f->lang);
    if (f->other[0]) {
        fputs(f->kind == TMA_FINDING_UNALIGNED ? ", \"lacks\": " : ", \"other\": ", fp);
        json_string(fp, f->other);
    }
    fputs(", \"file\": ", fp);
    json_string(fp, f->file);
    if (f->line > 0)
        fprintf(fp, ", \"line\": %ld", f->line);
    if (f->column > 0)
        fprintf(fp, ", \"column\": %ld", f->column);
    fprintf(fp, ", \"start\": %zu, \"end\": %zu", f->start, f->end);
    if (f->unit >= 0)
        fprintf(fp, ", \"unit\": %ld", f->unit);
    if (f->kind == TMA_FINDING_LOW_CONFIDENCE || f->kind == TMA_FINDING_LENGTH_RATIO ||
        f->kind == TMA_FINDING_SEGMENT_COUNT)
        fprintf(fp, ", \"value\": %.4f", f->value);
    fputs(", \"text\": ", fp);
    json_string(fp, f->text);
    fputs(", \"message\": ", fp);
    json_string(fp, f->message);
    fputs("}", fp);
}

void tma_report_write_json(const tma_report *report, tma_outfile *out)
{
    FILE *fp = out->fp;
    size_t totals[TMA_FINDING_KIND_COUNT] = {0}, failed = 0, units = 0, findings = 0;
    for (size_t i = 0; i < report->story_count; i++) {
        const tma_report_story *s = &report->stories[i];
        kind_counts(totals, s);
        failed += s->failed;
        units += s->unit_count;
        findings += s->finding_count;
    }
    fprintf(fp, "{\n  \"schema\": \"tmalign-qa/1\",\n  \"tmalign\": \"%s\",\n  \"languages\": [",
            TMA_VERSION);
    for (size_t k = 0; k < report->lang_count; k++) {
        fputs(k ? ", " : "", fp);
        json_string(fp, report->langs[k]);
    }
    fprintf(fp, "],\n  \"low_confidence_threshold\": %.4f,\n", report->params.low_confidence);
    fprintf(fp,
            "  \"summary\": {\"stories\": %zu, \"aligned\": %zu, \"failed\": %zu, \"units\": %zu, "
            "\"findings\": %zu, \"by_kind\": {",
            report->story_count, report->story_count - failed, failed, units, findings);
    for (int k = 0; k < TMA_FINDING_KIND_COUNT; k++)
        fprintf(fp, "%s\"%s\": %zu", k ? ", " : "", KIND_NAMES[k], totals[k]);
    fputs("}},\n  \"stories\": [", fp);
    for (size_t i = 0; i < report->story_count; i++) {
        const tma_report_story *s = &report->stories[i];
        size_t counts[TMA_FINDING_KIND_COUNT] = {0};
        bead_types types;
        kind_counts(counts, s);
        count_bead_types(&types, s);
        fputs(i ? ",\n    {\"name\": " : "\n    {\"name\": ", fp);
        json_string(fp, s->name);
        fprintf(fp, ", \"status\": \"%s\", \"files\": {", s->failed ? "failed" : "aligned");
        for (size_t k = 0; k < s->lang_count; k++) {
            fputs(k ? ", " : "", fp);
            json_string(fp, s->docs[k].lang);
            fputs(": ", fp);
            json_string(fp, s->docs[k].file);
        }
        fputs("}, \"sentences\": {", fp);
        for (size_t k = 0; k < s->lang_count; k++) {
            fputs(k ? ", " : "", fp);
            json_string(fp, s->docs[k].lang);
            fprintf(fp, ": %u", (unsigned)s->docs[k].sentences);
        }
        fprintf(fp,
                "}, \"units\": %zu, \"complete_units\": %zu, \"mean_score\": %.4f, "
                "\"bead_types\": {",
                s->unit_count, complete_units(s), mean_score(s));
        for (size_t t = 0; t < types.n; t++)
            fprintf(fp, "%s\"%s\": %zu", t ? ", " : "", types.type[t], types.count[t]);
        fputs("}, \"findings\": {", fp);
        int first = 1;
        for (int k = 0; k < TMA_FINDING_KIND_COUNT; k++) {
            if (counts[k] == 0)
                continue;
            fprintf(fp, "%s\"%s\": %zu", first ? "" : ", ", KIND_NAMES[k], counts[k]);
            first = 0;
        }
        fputs("}}", fp);
    }
    fputs(report->story_count ? "\n  ],\n  \"findings\": [" : "],\n  \"findings\": [", fp);
    size_t written = 0;
    for (size_t i = 0; i < report->story_count; i++) {
        const tma_report_story *s = &report->stories[i];
        for (size_t j = 0; j < s->finding_count; j++) {
            fputs(written++ ? ",\n" : "\n", fp);
            json_finding(fp, s, &s->findings[j]);
        }
    }
    fputs(written ? "\n  ]\n}\n" : "]\n}\n", fp);
}

/* ---- qa.tsv -------------------------------------------------------------------------------- */

/* S with tabs and line breaks shown as spaces, for one TSV field. */
static void tsv_field(FILE *fp, const char *s)
{
    while (*(s = write_plain(fp, s, "\t\n\r"))) {
        fputc(' ', fp);
        s++;
    }
}

void tma_report_write_tsv(const tma_report *report, tma_outfile *out)
{
    FILE *fp = out->fp;
    fputs("kind\tdocument\tlang\tother\tfile\tline\tcolumn\tstart\tend\tunit\tvalue\tmessage\t"
          "text\n",
          fp);
    for (size_t i = 0; i < report->story_count; i++) {
        const tma_report_story *s = &report->stories[i];
        for (size_t j = 0; j < s->finding_count; j++) {
            const tma_finding *f = &s->findings[j];
            fprintf(fp, "%s\t", tma_report_kind_name(f->kind));
            tsv_field(fp, s->name);
            fprintf(fp, "\t%s\t%s\t", f->lang, f->other);
            tsv_field(fp, f->file);
            fprintf(fp, "\t%ld\t%ld\t%zu\t%zu\t%ld\t%.4f\t", f->line, f->column, f->start, f->end,
                    f->unit, f->value);
            tsv_field(fp, f->message);
            fputc('\t', fp);
            tsv_field(fp, f->text);
            fputc('\n', fp);
        }
    }
}

/* ---- qa.html ------------------------------------------------------------------------------- */

static void html(FILE *fp, const char *s)
{
    while (*(s = write_plain(fp, s, "&<>\""))) {
        switch (*s++) {
        case '&':
            fputs("&amp;", fp);
            break;
        case '<':
            fputs("&lt;", fp);
            break;
        case '>':
            fputs("&gt;", fp);
            break;
        default:
            fputs("&quot;", fp);
        }
    }
}

/* The band of a score: a class for its colour. */
static const char *score_class(double score, double threshold)
{
    if (score < threshold)
        return "lo";
    return score < 0.9 ? "mid" : "hi";
}

static const char HTML_HEAD[] =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<title>tmalign QA report</title>\n<style>\n"
    ":root{--hi:#e7f5ea;--hi-b:#2e8b57;--mid:#fff4d6;--mid-b:#c98a00;--lo:#fde4e1;--lo-b:#c0392b;"
    "--ink:#1f2328;--muted:#6a737d;--line:#d8dee4;--flag:#8250df}\n"
    "*{box-sizing:border-box}\n"
    "body{font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",\"Noto Sans\",\"Noto Sans "
    "Armenian\",sans-serif;color:var(--ink);margin:0;background:#f6f8fa}\n"
    "header{background:#24292f;color:#fff;padding:14px 24px}\n"
    "header h1{margin:0;font-size:20px;font-weight:600}\n"
    "header p{margin:4px 0 0;color:#c9d1d9;font-size:13px}\n"
    "main{padding:16px 24px;max-width:1600px}\n"
    ".cards{display:flex;flex-wrap:wrap;gap:10px;margin:0 0 14px}\n"
    ".card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:8px "
    "14px;min-width:110px}\n"
    ".card b{display:block;font-size:20px}.card span{color:var(--muted);font-size:12px}\n"
    ".card.bad b{color:var(--lo-b)}\n"
    ".controls{position:sticky;top:0;z-index:2;background:#f6f8fa;border-bottom:1px solid "
    "var(--line);padding:8px 0;margin-bottom:12px;display:flex;flex-wrap:wrap;gap:6px 14px;"
    "align-items:center}\n"
    ".controls label{white-space:nowrap;cursor:pointer}\n"
    ".controls input[type=search]{padding:4px 8px;border:1px solid var(--line);border-radius:4px;"
    "min-width:200px}\n"
    ".chip{display:inline-block;border-radius:10px;padding:0 7px;font-size:12px;background:#eaeef2;"
    "white-space:nowrap}\n"
    ".k-missing-file,.k-bad-input,.k-error{background:#ffd8d3;color:#82071e}\n"
    ".k-unaligned{background:#ddf4ff;color:#0a3069}\n"
    ".k-low-confidence{background:#fff1c5;color:#6c4a00}\n"
    ".k-length-ratio,.k-segment-count{background:#fbefff;color:#5b2d91}\n"
    ".k-number-mismatch,.k-name-mismatch{background:#ffebe9;color:#8c2f1b}\n"
    ".k-spelling{background:#e6f6e6;color:#1a5e1a}\n"
    "table{border-collapse:collapse;background:#fff}\n"
    "table.summary{width:100%;border:1px solid var(--line);margin-bottom:24px}\n"
    ".summary th,.summary td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;"
    "vertical-align:top}\n"
    ".summary th{background:#eaeef2;position:sticky;top:46px}\n"
    ".summary td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    ".summary tr.failed td{background:#fff5f5}\n"
    ".status-failed{color:var(--lo-b);font-weight:600}\n"
    "section.story{background:#fff;border:1px solid var(--line);border-radius:6px;margin:0 0 "
    "20px;padding:0 0 6px}\n"
    "section.story h2{font-size:16px;margin:0;padding:10px 14px;border-bottom:1px solid "
    "var(--line);display:flex;gap:12px;align-items:baseline;flex-wrap:wrap}\n"
    "section.story h2 small{color:var(--muted);font-weight:400;font-size:12px}\n"
    "ul.story-findings{margin:8px 14px;padding-left:18px}\n"
    "table.units{width:100%;table-layout:fixed}\n"
    ".units th{font-size:12px;color:var(--muted);text-align:left;padding:6px 8px;border-bottom:1px "
    "solid var(--line)}\n"
    ".units th.num{width:44px}.units th.score{width:58px}\n"
    ".units td{padding:5px 8px;vertical-align:top;border-bottom:1px solid #eef1f4}\n"
    ".units td.num{color:var(--muted);font-size:12px}\n"
    ".units td.score{font-size:12px;font-variant-numeric:tabular-nums;font-weight:600}\n"
    "tr.hi td.score{background:var(--hi);color:var(--hi-b)}\n"
    "tr.mid td.score{background:var(--mid);color:var(--mid-b)}\n"
    "tr.lo td.score{background:var(--lo);color:var(--lo-b)}\n"
    "tr.lo td.text{background:#fffafa}\n"
    "td.none{color:#b0b7be;font-style:italic}\n"
    "td.hit{box-shadow:inset 3px 0 0 var(--flag);background:#faf5ff}\n"
    ".finding{margin-top:3px;font-size:12px}\n"
    ".legend{color:var(--muted);font-size:12px}\n"
    ".legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin:0 3px 0 8px}\n"
    ".hidden{display:none!important}\n"
    "a{color:#0969da;text-decoration:none}a:hover{text-decoration:underline}\n"
    "</style>\n</head>\n<body>\n";

static const char HTML_SCRIPT[] =
    "<script>\n"
    "(function(){\n"
    "var $=function(s){return Array.prototype.slice.call(document.querySelectorAll(s));};\n"
    "function has(el,on){var k=(el.getAttribute('data-kinds')||'').split(' ');"
    "return k.some(function(x){return on[x];});}\n"
    "function apply(){\n"
    " var on={};$('input.kind').forEach(function(i){on[i.value]=i.checked;});\n"
    " var onlyStories=document.getElementById('only-stories').checked;\n"
    " var onlyUnits=document.getElementById('only-units').checked;\n"
    " var q=document.getElementById('search').value.toLowerCase();\n"
    " $('.finding').forEach(function(f){f.classList.toggle('hidden',!on[f.getAttribute("
    "'data-kind')]);});\n"
    " $('td.text').forEach(function(td){td.classList.toggle('hit',has(td,on));});\n"
    " $('tr.unit').forEach(function(tr){tr.classList.toggle('hidden',onlyUnits&&!has(tr,on));});\n"
    " $('[data-story]').forEach(function(el){var name=el.getAttribute('data-story').toLowerCase();"
    "var show=(!q||name.indexOf(q)>=0||(el.tagName==='SECTION'&&el.textContent.toLowerCase()."
    "indexOf(q)>=0))&&(!onlyStories||has(el,on));el.classList.toggle('hidden',!show);});\n"
    " var shown=$('section.story:not(.hidden)').length;"
    "document.getElementById('shown').textContent=shown;"
    "document.documentElement.setAttribute('data-filtered',shown);\n"
    "}\n"
    "$('input').forEach(function(i){i.addEventListener('input',apply);"
    "i.addEventListener('change',apply);});\n"
    "apply();\n"
    "})();\n"
    "</script>\n";

/* The kinds of finding about unit I of S in language K (K == lang_count: any language), as a
 * space-separated list into BUF. */
static void unit_kinds(char *buf, size_t size, const tma_report_story *s, size_t i, size_t k)
{
    int seen[TMA_FINDING_KIND_COUNT] = {0};
    size_t used = 0;
    buf[0] = '\0';
    for (size_t j = 0; j < s->finding_count; j++) {
        const tma_finding *f = &s->findings[j];
        if (f->unit != (long)i || seen[f->kind])
            continue;
        if (k < s->lang_count && strcmp(f->lang, s->docs[k].lang) != 0)
            continue;
        seen[f->kind] = 1;
        int w = snprintf(buf + used, size - used, "%s%s", used ? " " : "",
                         tma_report_kind_name(f->kind));
        if (w < 0 || (size_t)w >= size - used)
            break;
        used += (size_t)w;
    }
}

static void html_story_kinds(FILE *fp, const tma_report_story *s)
{
    size_t counts[TMA_FINDING_KIND_COUNT] = {0};
    int first = 1;
    kind_counts(counts, s);
    for (int k = 0; k < TMA_FINDING_KIND_COUNT; k++) {
        if (counts[k]) {
            fprintf(fp, "%s%s", first ? "" : " ", KIND_NAMES[k]);
            first = 0;
        }
    }
}

static void html_summary(FILE *fp, const tma_report *report)
{
    fputs("<table class=\"summary\">\n<thead><tr><th>story</th><th>status</th>", fp);
    for (size_t k = 0; k < report->lang_count; k++)
        fprintf(fp, "<th>%s</th>", report->langs[k]);
    fputs("<th>units</th><th>complete</th><th>mean score</th><th>bead types</th>"
          "<th>problems</th></tr></thead>\n<tbody>\n",
          fp);
    for (size_t i = 0; i < report->story_count; i++) {
        const tma_report_story *s = &report->stories[i];
        size_t counts[TMA_FINDING_KIND_COUNT] = {0};
        bead_types types;
        kind_counts(counts, s);
        count_bead_types(&types, s);
        fputs("<tr data-story=\"", fp);
        html(fp, s->name);
        fputs("\" data-kinds=\"", fp);
        html_story_kinds(fp, s);
        fprintf(fp, "\"%s><td><a href=\"#s%zu\">", s->failed ? " class=\"failed\"" : "", i + 1);
        html(fp, s->name);
        fprintf(fp, "</a></td><td class=\"status-%s\">%s</td>", s->failed ? "failed" : "aligned",
                s->failed ? "failed" : "aligned");
        for (size_t k = 0; k < report->lang_count; k++) {
            size_t d = lang_index(s, report->langs[k]);
            if (d < s->lang_count && s->docs[d].sentences > 0)
                fprintf(fp, "<td class=\"n\">%u</td>", (unsigned)s->docs[d].sentences);
            else
                fputs("<td class=\"n\">–</td>", fp);
        }
        if (s->failed) {
            fputs("<td class=\"n\">–</td><td class=\"n\">–</td><td class=\"n\">–</td><td></td>",
                  fp);
        } else {
            fprintf(fp, "<td class=\"n\">%zu</td><td class=\"n\">%zu</td>", s->unit_count,
                    complete_units(s));
            fprintf(fp, "<td class=\"n %s\">%.2f</td><td>",
                    score_class(mean_score(s), report->params.low_confidence), mean_score(s));
            for (size_t t = 0; t < types.n && t < 5; t++)
                fprintf(fp, "%s%s&nbsp;×%zu", t ? ", " : "", types.type[t], types.count[t]);
            if (types.n > 5)
                fputs(", …", fp);
            fputs("</td>", fp);
        }
        fputs("<td>", fp);
        for (int k = 0; k < TMA_FINDING_KIND_COUNT; k++) {
            if (counts[k])
                fprintf(fp, "<span class=\"chip k-%s\">%s %zu</span> ", KIND_NAMES[k],
                        KIND_NAMES[k], counts[k]);
        }
        fputs("</td></tr>\n", fp);
    }
    fputs("</tbody></table>\n", fp);
}

static void html_finding(FILE *fp, const tma_finding *f, int with_place)
{
    fprintf(fp, "<div class=\"finding\" data-kind=\"%s\"><span class=\"chip k-%s\">%s</span> ",
            tma_report_kind_name(f->kind), tma_report_kind_name(f->kind),
            tma_report_kind_name(f->kind));
    if (with_place) {
        html(fp, f->file);
        if (f->line > 0)
            fprintf(fp, ":%ld", f->line);
        if (f->column > 0)
            fprintf(fp, ":%ld", f->column);
        fputs(": ", fp);
    }
    html(fp, f->message);
    fputs("</div>", fp);
}

static void html_story(FILE *fp, const tma_report *report, const tma_report_story *s, size_t idx)
{
    double threshold = report->params.low_confidence;
    fprintf(fp, "<section class=\"story\" id=\"s%zu\" data-story=\"", idx + 1);
    html(fp, s->name);
    fputs("\" data-kinds=\"", fp);
    html_story_kinds(fp, s);
    fputs("\">\n<h2>", fp);
    html(fp, s->name);
    fputs(" <small>", fp);
    if (s->failed)
        fputs("<span class=\"status-failed\">not aligned</span>", fp);
    else
        fprintf(fp, "%zu units, %zu with every language, mean score %.2f", s->unit_count,
                complete_units(s), mean_score(s));
    fputs("</small></h2>\n", fp);
    /* Findings about a whole file or the story: listed above its text. */
    int listed = 0;
    for (size_t j = 0; j < s->finding_count; j++) {
        const tma_finding *f = &s->findings[j];
        if (f->unit >= 0)
            continue;
        fputs(listed++ ? "<li>" : "<ul class=\"story-findings\"><li>", fp);
        html_finding(fp, f, 1);
        fputs("</li>\n", fp);
    }
    if (listed)
        fputs("</ul>\n", fp);
    if (s->unit_count == 0) {
        fputs("</section>\n", fp);
        return;
    }
    fputs("<table class=\"units\"><thead><tr><th class=\"num\">#</th><th "
          "class=\"score\">score</th>",
          fp);
    for (size_t k = 0; k < s->lang_count; k++) {
        fputs("<th>", fp);
        html(fp, s->docs[k].lang);
        fputs("</th>", fp);
    }
    fputs("</tr></thead>\n<tbody>\n", fp);
    for (size_t i = 0; i < s->unit_count; i++) {
        const tma_report_unit *u = &s->units[i];
        char kinds[256];
        unit_kinds(kinds, sizeof kinds, s, i, s->lang_count);
        fprintf(fp, "<tr class=\"unit %s\" data-kinds=\"%s\"><td class=\"num\">%zu</td>",
                score_class(u->score, threshold), kinds, i + 1);
        fprintf(fp, "<td class=\"score\">%.2f</td>", u->score);
        for (size_t k = 0; k < s->lang_count; k++) {
            const tma_report_side *d = &u->side[k];
            unit_kinds(kinds, sizeof kinds, s, i, k);
            if (d->count == 0) {
                fprintf(fp, "<td class=\"text none\" data-kinds=\"%s\">no %s sentence", kinds,
                        s->docs[k].lang);
            } else {
                fprintf(fp,
                        "<td class=\"text\" data-kinds=\"%s\" lang=\"%s\" title=\"bytes %zu–%zu\">",
                        kinds, s->docs[k].lang, d->start, d->end);
                html(fp, d->text);
            }
            for (size_t j = 0; j < s->finding_count; j++) {
                const tma_finding *f = &s->findings[j];
                if (f->unit == (long)i && strcmp(f->lang, s->docs[k].lang) == 0)
                    html_finding(fp, f, 0);
            }
            fputs("</td>", fp);
        }
        fputs("</tr>\n", fp);
    }
    fputs("</tbody></table>\n</section>\n", fp);
}

void tma_report_write_html(const tma_report *report, tma_outfile *out)
{
    FILE *fp = out->fp;
    size_t totals[TMA_FINDING_KIND_COUNT] = {0}, failed = 0, units = 0, complete = 0;
    for (size_t i = 0; i < report->story_count; i++) {
        const tma_report_story *s = &report->stories[i];
        kind_counts(totals, s);
        failed += s->failed;
        units += s->unit_count;
        complete += complete_units(s);
    }
    fputs(HTML_HEAD, fp);
    fputs("<header><h1>tmalign QA report</h1><p>", fp);
    fprintf(fp, "%zu stories in ", report->story_count);
    for (size_t k = 0; k < report->lang_count; k++)
        fprintf(fp, "%s%s", k ? ", " : "", report->langs[k]);
    fprintf(fp, " · low confidence under %.2f · tmalign %s</p></header>\n<main>\n",
            report->params.low_confidence, TMA_VERSION);
    fputs("<div class=\"cards\">", fp);
    fprintf(fp, "<div class=\"card\"><b>%zu</b><span>stories aligned</span></div>",
            report->story_count - failed);
    fprintf(fp, "<div class=\"card%s\"><b>%zu</b><span>stories failed</span></div>",
            failed ? " bad" : "", failed);
    fprintf(fp, "<div class=\"card\"><b>%zu</b><span>units, %zu with every language</span></div>",
            units, complete);
    for (int k = 0; k < TMA_FINDING_KIND_COUNT; k++) {
        if (totals[k])
            fprintf(fp, "<div class=\"card\"><b>%zu</b><span>%s</span></div>", totals[k],
                    KIND_NAMES[k]);
    }
    fputs("</div>\n<div class=\"controls\"><input type=\"search\" id=\"search\" "
          "placeholder=\"story name or text\"> ",
          fp);
    for (int k = 0; k < TMA_FINDING_KIND_COUNT; k++) {
        fprintf(fp,
                "<label><input type=\"checkbox\" class=\"kind\" value=\"%s\" checked> <span "
                "class=\"chip k-%s\">%s %zu</span></label> ",
                KIND_NAMES[k], KIND_NAMES[k], KIND_NAMES[k], totals[k]);
    }
    fputs("<label><input type=\"checkbox\" id=\"only-stories\"> stories with problems only</label> "
          "<label><input type=\"checkbox\" id=\"only-units\"> units with problems only</label> "
          "<span class=\"legend\">score<i style=\"background:var(--hi-b)\"></i>≥ 0.90"
          "<i style=\"background:var(--mid-b)\"></i>",
          fp);
    fprintf(fp,
            "≥ %.2f<i style=\"background:var(--lo-b)\"></i>under · <span id=\"shown\">%zu"
            "</span> stories shown</span></div>\n",
            report->params.low_confidence, report->story_count);
    html_summary(fp, report);
    for (size_t i = 0; i < report->story_count; i++)
        html_story(fp, report, &report->stories[i], i);
    fputs("</main>\n", fp);
    fputs(HTML_SCRIPT, fp);
    fputs("</body>\n</html>\n", fp);
}
