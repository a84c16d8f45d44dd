/* Finding a review's units in a story's docs by their sentences' text (docs/review-schema.md): a
 * unit fits when each non-empty side is found, consecutive, once, or once right after its
 * "before" sentence; a later unit overrides the earlier ones it shares a sentence with, unless
 * one is a pair's unit inside the other, a unit of every language. */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "review.h"

#include "buf.h"
#include "error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* FNV-1a: the sentences' texts are compared by hash first, then in full. */
static uint64_t text_hash(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

/* A doc's sentences' texts (tma_doc_sentence_text) and their hashes. */
typedef struct doc_texts {
    const tma_doc *doc;
    size_t n;
    uint64_t *hash;
    char *buf; /* one sentence's text at a time */
    size_t cap;
} doc_texts;

/* Sentence I's text in T->buf. Returns NULL when out of memory. */
static const char *sentence_text(doc_texts *t, size_t i)
{
    size_t need = tma_doc_sentence_text(t->doc, i, t->buf, t->cap) + 1;
    if (need > t->cap) {
        char *grown = realloc(t->buf, need);
        if (grown == NULL)
            return NULL;
        t->buf = grown;
        t->cap = need;
        tma_doc_sentence_text(t->doc, i, t->buf, t->cap);
    }
    return t->buf;
}

static int doc_texts_init(doc_texts *t, const tma_doc *doc)
{
    *t = (doc_texts){.doc = doc, .n = tma_doc_sentence_count(doc)};
    t->hash = malloc((t->n + 1) * sizeof *t->hash);
    if (t->hash == NULL)
        return -1;
    for (size_t i = 0; i < t->n; i++) {
        const char *s = sentence_text(t, i);
        if (s == NULL)
            return -1;
        t->hash[i] = text_hash(s, strlen(s));
    }
    return 0;
}

/* 1 if sentence I of T is TEXT. -1 when out of memory. */
static int sentence_is(doc_texts *t, size_t i, const char *text)
{
    if (t->hash[i] != text_hash(text, strlen(text)))
        return 0;
    const char *s = sentence_text(t, i);
    return s == NULL ? -1 : strcmp(s, text) == 0;
}

/* Where TEXTS[0..count) are found consecutive in T: once, or once right after BEFORE. Stores the
 * first sentence in *first and returns 1; 0 with *why when not. -1 when out of memory. */
static int find_side(uint32_t *first, const char **why, doc_texts *t, const char *const *texts,
                     size_t count, const char *before)
{
    size_t found = 0, after = 0, at = 0, at_after = 0;
    uint64_t h0 = text_hash(texts[0], strlen(texts[0]));
    for (size_t p = 0; p + count <= t->n; p++) {
        if (t->hash[p] != h0)
            continue;
        int same = 1;
        for (size_t i = 0; i < count && same == 1; i++)
            same = sentence_is(t, p + i, texts[i]);
        if (same < 0)
            return -1;
        if (!same)
            continue;
        found++;
        at = p;
        int follows = p == 0              ? before[0] == '\0'
                      : before[0] != '\0' ? sentence_is(t, p - 1, before)
                                          : 0;
        if (follows < 0)
            return -1;
        if (follows) {
            after++;
            at_after = p;
        }
    }
    if (found == 1 || after == 1) {
        *first = (uint32_t)(found == 1 ? at : at_after);
        return 1;
    }
    *why = found == 0 ? "its sentences are not in the text, one after the other"
                      : "its sentences are in the text more than once, and not once after its "
                        "\"before\"";
    return 0;
}

/* 1 if P and Q share a sentence in a language both have. */
static int shares(const tma_review_place *p, const tma_review_place *q, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (p->in[k] && q->in[k] && p->count[k] > 0 && q->count[k] > 0 &&
            p->first[k] < q->first[k] + q->count[k] && q->first[k] < p->first[k] + p->count[k])
            return 1;
    }
    return 0;
}

/* 1 if P is a unit of fewer languages inside Q, a unit of every language that its pairs align
 * freely inside: P then refines Q rather than replacing it. */
static int refines(const tma_review_place *p, const tma_review_place *q, size_t n)
{
    if (!p->one_bead || q->one_bead)
        return 0;
    for (size_t k = 0; k < n; k++) {
        if (p->in[k] && p->count[k] > 0 &&
            (p->first[k] < q->first[k] || p->first[k] + p->count[k] > q->first[k] + q->count[k]))
            return 0;
    }
    return 1;
}

/* 1 if P and Q cannot both be beads: in two languages both have sentences in, one comes first in
 * one and last in the other. */
static int crosses(const tma_review_place *p, const tma_review_place *q, size_t n)
{
    int before = 0, after = 0;
    for (size_t k = 0; k < n; k++) {
        if (!p->in[k] || !q->in[k] || p->count[k] == 0 || q->count[k] == 0)
            continue;
        before |= p->first[k] < q->first[k];
        after |= p->first[k] > q->first[k];
    }
    return before && after;
}

static int add_stale(tma_review_stale **stale, size_t *count, size_t *cap, const tma_review_unit *u,
                     size_t unit, const char *lang, const char *text, const char *why)
{
    tma_review_stale *grown = tma_grow(*stale, cap, *count + 1, sizeof **stale, 8);
    if (grown == NULL)
        return -1;
    *stale = grown;
    tma_review_stale *s = &grown[*count];
    *s = (tma_review_stale){.id = u->id, .line = u->line, .unit = unit, .why = why};
    snprintf(s->lang, sizeof s->lang, "%s", lang);
    s->text = strdup(text);
    if (s->text == NULL)
        return -1;
    (*count)++;
    return 0;
}

static int cmp_place(const void *x, const void *y)
{
    const tma_review_place *p = x, *q = y;
    for (size_t k = 0; k < TMA_MAX_LANGS; k++) {
        if (p->in[k] && q->in[k] && p->count[k] > 0 && q->count[k] > 0 &&
            p->first[k] != q->first[k])
            return p->first[k] < q->first[k] ? -1 : 1;
    }
    return (p->unit > q->unit) - (p->unit < q->unit);
}

/* Places unit U (index UNIT) in the docs: *fits 1 and *place filled, or 0 and a stale entry. */
static int place_unit(tma_review_place *place, int *fits, const tma_review_unit *u, size_t unit,
                      doc_texts *texts, size_t n, tma_review_stale **stale, size_t *stale_count,
                      size_t *stale_cap)
{
    *place = (tma_review_place){
        .unit = unit, .status = u->status, .one_bead = n == 2 || u->lang_count < n};
    *fits = 0;
    for (size_t l = 0; l < u->lang_count; l++) {
        size_t k = 0;
        while (k < n && strcmp(tma_doc_lang(texts[k].doc), u->langs[l]) != 0)
            k++;
        if (k == n)
            return add_stale(stale, stale_count, stale_cap, u, unit, u->langs[l],
                             u->counts[l] > 0 ? u->texts[l][0] : "",
                             "the story has no version in this language");
        place->in[k] = 1;
        if (u->counts[l] == 0)
            continue;
        const char *why = NULL;
        int found =
            find_side(&place->first[k], &why, &texts[k], u->texts[l], u->counts[l], u->before[l]);
        if (found < 0)
            return -1;
        if (!found)
            return add_stale(stale, stale_count, stale_cap, u, unit, u->langs[l], u->texts[l][0],
                             why);
        place->count[k] = (uint32_t)u->counts[l];
    }
    *fits = 1;
    return 0;
}

int tma_review_match(tma_review_place **places, size_t *place_count, tma_review_stale **stale,
                     size_t *stale_count, const tma_review *review, const tma_doc *const *docs,
                     size_t n, tma_error *err)
{
    size_t units_count, placed = 0, stale_cap = 0;
    const tma_review_unit *units = tma_review_units(review, &units_count);
    doc_texts texts[TMA_MAX_LANGS] = {{0}};
    tma_review_place *out = calloc(units_count + 1, sizeof *out);
    *places = NULL;
    *place_count = 0;
    *stale = NULL;
    *stale_count = 0;
    int rc = out == NULL ? -1 : 0;
    for (size_t k = 0; k < n && rc == 0 && units_count > 0; k++)
        rc = doc_texts_init(&texts[k], docs[k]);
    for (size_t u = 0; u < units_count && rc == 0; u++) {
        int fits;
        tma_review_place p;
        rc = place_unit(&p, &fits, &units[u], u, texts, n, stale, stale_count, &stale_cap);
        if (rc < 0 || !fits)
            continue;
        /* A later unit overrides the earlier ones it shares a sentence with. */
        size_t kept = 0;
        for (size_t q = 0; q < placed; q++)
            if (!shares(&out[q], &p, n) || refines(&out[q], &p, n) || refines(&p, &out[q], n))
                out[kept++] = out[q];
        placed = kept;
        out[placed++] = p;
    }
    /* Of two units that cross (one first in one language, last in another), the later holds. */
    for (size_t q = 0; q < placed && rc == 0; q++) {
        int crossed = 0;
        for (size_t r = q + 1; r < placed && !crossed; r++)
            crossed = crosses(&out[q], &out[r], n);
        if (crossed) {
            size_t unit = out[q].unit;
            rc = add_stale(stale, stale_count, &stale_cap, &units[unit], unit, "", "",
                           "it crosses a later reviewed unit");
            memmove(&out[q], &out[q + 1], (placed - q - 1) * sizeof *out);
            placed--;
            q--;
        }
    }
    for (size_t k = 0; k < n; k++) {
        free(texts[k].hash);
        free(texts[k].buf);
    }
    if (rc < 0) {
        free(out);
        for (size_t s = 0; s < *stale_count; s++)
            free((*stale)[s].text);
        free(*stale);
        *stale = NULL;
        *stale_count = 0;
        return tma_error_nomem(err, "matching the review to the text");
    }
    qsort(out, placed, sizeof *out, cmp_place);
    *places = out;
    *place_count = placed;
    return 0;
}
