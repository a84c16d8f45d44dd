#define _POSIX_C_SOURCE 200809L
/* The report model: kinds of finding, the report and its stories, the strings they hold, and the
 * counts that every renderer shows. */
#include "report.h"

#include "error.h"
#include "internal.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/utf8.h>

static const char *const KIND_NAMES[TMA_FINDING_KIND_COUNT] = {
    "missing-file",   "bad-input",    "error",           "segment-count", "unaligned",
    "low-confidence", "length-ratio", "number-mismatch", "name-mismatch", "spelling",
    "not-a-translation", "review-stale",
};

const char *tma_report_kind_name(tma_finding_kind kind)
{
    return kind < TMA_FINDING_KIND_COUNT ? KIND_NAMES[kind] : "unknown";
}

int tma_report_kind_from_name(const char *name)
{
    for (int k = 0; k < TMA_FINDING_KIND_COUNT; k++) {
        if (strcmp(tma_report_kind_name((tma_finding_kind)k), name) == 0)
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

/* Copies LEN bytes at S into ARENA as text every output format may hold: each byte that is not
 * part of valid UTF-8 (a file name in Latin-1, say) becomes U+FFFD, and characters XML forbids
 * become a space. Returns NULL when out of memory. */
char *tma_report_strndup(tma_arena *arena, const char *s, size_t len)
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
        else if (!tma_xml_allows((uint32_t)c))
            rc = tma_buf_push(&b, ' ');
        else
            rc = tma_buf_append(&b, s + start, i - start);
    }
    char *out = rc == 0 ? tma_arena_strndup(arena, b.data ? b.data : "", b.len) : NULL;
    tma_buf_free(&b);
    return out;
}

char *tma_report_strdup(tma_arena *arena, const char *s)
{
    return tma_report_strndup(arena, s ? s : "", s ? strlen(s) : 0);
}

const char *tma_report_status(const tma_report_story *s)
{
    return s->failed ? "failed" : s->partial ? "partial" : "aligned";
}

size_t tma_report_lang_index(const tma_report_story *s, const char *lang)
{
    for (size_t k = 0; k < s->lang_count; k++) {
        if (strcmp(s->docs[k].lang, lang) == 0)
            return k;
    }
    return s->lang_count;
}

int tma_report_story_failed(tma_report_story *out, tma_arena *arena, const char *name,
                            const char *const *langs, const char *const *files, size_t lang_count,
                            tma_error *err)
{
    memset(out, 0, sizeof *out);
    out->name = tma_report_strdup(arena, name);
    out->failed = 1;
    out->lang_count = lang_count;
    if (out->name == NULL)
        return tma_error_nomem(err, "building the QA report");
    for (size_t k = 0; k < lang_count; k++) {
        snprintf(out->docs[k].lang, sizeof out->docs[k].lang, "%s", langs[k]);
        if ((out->docs[k].file = tma_report_strdup(arena, files[k])) == NULL)
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
    f->file = tma_report_strdup(arena, file);
    f->line = line;
    f->column = column;
    f->start = start;
    f->end = end;
    f->text = "";
    f->message = tma_report_strdup(arena, message);
    f->unit = -1;
    if (f->file == NULL || f->message == NULL)
        return tma_error_nomem(err, "building the QA report");
    s->findings = grown;
    s->finding_count++;
    return 0;
}

/* Inserts a copy of F at position AT of S's findings. */
static int insert_finding(tma_report_story *s, tma_arena *arena, size_t at, const tma_finding *f)
{
    tma_finding *grown = tma_arena_array(arena, s->finding_count + 1, sizeof *grown);
    if (grown == NULL)
        return -1;
    if (at > 0)
        memcpy(grown, s->findings, at * sizeof *grown);
    grown[at] = *f;
    if (s->finding_count > at)
        memcpy(grown + at + 1, s->findings + at, (s->finding_count - at) * sizeof *grown);
    s->findings = grown;
    s->finding_count++;
    return 0;
}

/* The index of LANG among LANGS[0..n), n if it is not one. */
static size_t run_index(char (*langs)[TMA_LANG_BYTES], size_t n, const char *lang)
{
    size_t k = 0;
    while (k < n && strcmp(langs[k], lang) != 0)
        k++;
    return k;
}

int tma_report_story_partial(tma_report_story *s, tma_arena *arena, char (*langs)[TMA_LANG_BYTES],
                             size_t lang_count, const tma_error *missing, tma_error *err)
{
    char whole[TMA_PATH_BYTES], pair[TMA_PATH_BYTES];
    snprintf(whole, sizeof whole, "%s.tmx", s->name);
    snprintf(pair, sizeof pair, "%s.%s-%s.tmx", s->name, s->docs[0].lang,
             s->lang_count > 1 ? s->docs[1].lang : "");
    const char *pair_name = tma_report_strdup(arena, pair);
    if (pair_name == NULL)
        return tma_error_nomem(err, "building the QA report");
    s->partial = 1;
    for (size_t i = 0; i < s->finding_count; i++) {
        tma_finding *f = &s->findings[i];
        if (f->tmx == NULL || strcmp(f->tmx, whole) != 0)
            continue;
        if (s->lang_count == 2) {
            f->tmx = pair_name;
        } else {
            f->tmx = "";
            f->tuid = "";
        }
    }
    for (size_t m = 0; m < lang_count; m++) {
        if (missing[m].code == TMA_OK)
            continue;
        tma_finding f = {.kind = TMA_FINDING_MISSING_FILE, .unit = -1, .text = ""};
        snprintf(f.lang, sizeof f.lang, "%s", langs[m]);
        f.file = tma_report_strdup(arena, missing[m].path);
        f.message = tma_report_strdup(arena, missing[m].message);
        /* Findings go by language in the run's order: before the first of a later language. */
        size_t at = 0;
        while (at < s->finding_count && run_index(langs, lang_count, s->findings[at].lang) <= m)
            at++;
        if (f.file == NULL || f.message == NULL || insert_finding(s, arena, at, &f) < 0)
            return tma_error_nomem(err, "building the QA report");
    }
    return 0;
}

/* ---- Counts the renderers share ------------------------------------------------------------- */

/* Writes S up to the first byte that SPECIAL holds (or its end) in one call, as a call per byte
 * costs a lock each once the process has a second thread; returns where it stopped. */
const char *tma_report_write_plain(FILE *fp, const char *s, const char *special)
{
    size_t n = strcspn(s, special);
    fwrite(s, 1, n, fp);
    return s + n;
}


static void bead_type_of(char *buf, size_t size, const tma_report_story *s,
                         const tma_report_unit *u)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < s->lang_count && used < size; k++)
        used += (size_t)snprintf(buf + used, size - used, "%s%u", k ? "-" : "",
                                 (unsigned)u->side[k].count);
}

void tma_report_count_bead_types(tma_report_bead_types *t, const tma_report_story *s)
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
size_t tma_report_complete_units(const tma_report_story *s)
{
    size_t n = 0;
    if (s->partial)
        return 0; /* its units lack the languages it lacks */
    for (size_t i = 0; i < s->unit_count; i++) {
        int complete = 1;
        for (size_t k = 0; k < s->lang_count; k++)
            complete &= s->units[i].side[k].count > 0;
        n += complete;
    }
    return n;
}

double tma_report_mean_score(const tma_report_story *s)
{
    double sum = 0;
    for (size_t i = 0; i < s->unit_count; i++)
        sum += s->units[i].score;
    return s->unit_count ? sum / (double)s->unit_count : 0;
}

/* The units of S that finding F is about: those of the pair file it names, else the joined ones. */
static const tma_report_unit *units_of_finding(const tma_report_story *s, const tma_finding *f,
                                               size_t *count)
{
    char whole[TMA_PATH_BYTES], pair_file[TMA_PATH_BYTES];
    snprintf(whole, sizeof whole, "%s.tmx", s->name);
    for (size_t p = 0; f->tmx != NULL && p < s->pair_count; p++) {
        const tma_report_pair *pair = &s->pairs[p];
        if (tma_tmx_pair_path(pair_file, sizeof pair_file, whole, s->docs[pair->a].lang,
                              s->docs[pair->b].lang, NULL) == 0 &&
            strcmp(pair_file, f->tmx) == 0) {
            *count = pair->unit_count;
            return pair->units;
        }
    }
    *count = s->unit_count;
    return s->units;
}

void tma_report_mark_approved(tma_report_story *s)
{
    int any = 0;
    for (size_t i = 0; i < s->unit_count && !any; i++)
        any = s->units[i].review == TMA_REVIEW_APPROVED;
    for (size_t p = 0; p < s->pair_count && !any; p++)
        for (size_t i = 0; i < s->pairs[p].unit_count && !any; i++)
            any = s->pairs[p].units[i].review == TMA_REVIEW_APPROVED;
    for (size_t j = 0; j < s->finding_count; j++) {
        tma_finding *f = &s->findings[j];
        size_t k = tma_report_lang_index(s, f->lang), count = 0;
        const tma_report_unit *units = any ? units_of_finding(s, f, &count) : NULL;
        f->approved = 0;
        for (size_t i = 0; i < count && k < s->lang_count && f->end > f->start; i++) {
            const tma_report_side *d = &units[i].side[k];
            if (units[i].review == TMA_REVIEW_APPROVED && d->count > 0 && d->start <= f->start &&
                f->start < d->end)
                f->approved = 1;
        }
    }
}

double tma_report_under_share(const tma_report_story *s, double threshold)
{
    size_t under = 0;
    for (size_t i = 0; i < s->unit_count; i++)
        under += s->units[i].score < threshold && s->units[i].review != TMA_REVIEW_APPROVED;
    return s->unit_count ? (double)under / (double)s->unit_count : 0;
}

double tma_report_unaligned_share(const tma_report_story *s)
{
    size_t sentences = 0, unaligned = 0;
    const tma_finding *prev = NULL;
    for (size_t k = 0; k < s->lang_count; k++)
        sentences += s->docs[k].sentences;
    /* Findings come sorted by language, position and kind: those about one sentence (one per
     * language it lacks) are neighbours. */
    for (size_t i = 0; i < s->finding_count; i++) {
        const tma_finding *f = &s->findings[i];
        if (f->kind != TMA_FINDING_UNALIGNED || f->approved)
            continue;
        unaligned += prev == NULL || prev->start != f->start || strcmp(prev->lang, f->lang) != 0;
        prev = f;
    }
    return sentences ? (double)unaligned / (double)sentences : 0;
}

/* A story's place in the worst-first order, from the most telling to the least. */
typedef struct story_standing {
    size_t index;
    int failed, partial, unrelated;
    double share;      /* the larger of the under-threshold and the unaligned share */
    double per_unit;   /* findings but spelling per unit */
    const char *name;
} story_standing;

static int compare_standing(const void *x, const void *y)
{
    const story_standing *a = x, *b = y;
    if (a->failed != b->failed)
        return b->failed - a->failed;
    if (a->partial != b->partial)
        return b->partial - a->partial;
    if (a->unrelated != b->unrelated)
        return b->unrelated - a->unrelated;
    if (a->share != b->share)
        return a->share < b->share ? 1 : -1;
    if (a->per_unit != b->per_unit)
        return a->per_unit < b->per_unit ? 1 : -1;
    return strcmp(a->name, b->name);
}

int tma_report_rank(size_t *rank, const tma_report *report)
{
    size_t n = report->story_count;
    story_standing *order = malloc((n + 1) * sizeof *order);
    if (order == NULL)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const tma_report_story *s = &report->stories[i];
        size_t counts[TMA_FINDING_KIND_COUNT] = {0};
        tma_report_kind_counts(counts, s);
        double under = tma_report_under_share(s, report->params.low_confidence);
        double unaligned = tma_report_unaligned_share(s);
        size_t findings = 0;
        for (int k = 0; k < TMA_FINDING_KIND_COUNT; k++)
            findings += k == TMA_FINDING_SPELLING ? 0 : counts[k];
        order[i] = (story_standing){i,
                                    s->failed,
                                    s->partial,
                                    counts[TMA_FINDING_NOT_TRANSLATION] > 0,
                                    under > unaligned ? under : unaligned,
                                    s->unit_count ? (double)findings / (double)s->unit_count : 0,
                                    s->name};
    }
    qsort(order, n, sizeof *order, compare_standing);
    for (size_t i = 0; i < n; i++)
        rank[order[i].index] = i + 1;
    free(order);
    return 0;
}

void tma_report_kind_counts(size_t *counts, const tma_report_story *s)
{
    for (size_t i = 0; i < s->finding_count; i++)
        counts[s->findings[i].kind] += !s->findings[i].approved;
}

void tma_report_sum(tma_report_totals *t, const tma_report *report)
{
    memset(t, 0, sizeof *t);
    for (size_t i = 0; i < report->story_count; i++) {
        const tma_report_story *s = &report->stories[i];
        tma_report_kind_counts(t->by_kind, s);
        t->failed += s->failed;
        t->partial += s->partial;
        t->units += s->unit_count;
        t->complete += tma_report_complete_units(s);
        for (size_t j = 0; j < s->finding_count; j++)
            t->findings += !s->findings[j].approved;
    }
}
