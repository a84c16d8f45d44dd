#include "join.h"

#include "context.h"
#include "error.h"

#include <stdlib.h>
#include <string.h>

struct tma_story {
    size_t n;
    const tma_doc *docs[TMA_MAX_LANGS];   /* borrowed */
    tma_bead *pairs[TMA_MAX_LANGS];       /* pairs[k]: source with language k, k >= 1 (owned) */
    size_t pair_counts[TMA_MAX_LANGS];
    tma_align_params params[TMA_MAX_LANGS]; /* as fitted for pairs[k] */
    tma_unit *units;                      /* owned */
    size_t unit_count;
};

typedef struct unit_list {
    tma_unit *items;
    size_t count, cap;
} unit_list;

static tma_unit *unit_push(unit_list *list)
{
    if (list->count == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 64;
        tma_unit *p = realloc(list->items, cap * sizeof *p);
        if (p == NULL)
            return NULL;
        list->items = p;
        list->cap = cap;
    }
    tma_unit *u = &list->items[list->count++];
    memset(u, 0, sizeof *u);
    u->score = 1.0;
    return u;
}

/* Adds bead B's target side (language K) and score to unit U. */
static void unit_take(tma_unit *u, size_t k, const tma_bead *b)
{
    if (b->b_count > 0) {
        if (u->count[k] == 0)
            u->first[k] = b->b_first;
        u->count[k] = b->b_first + b->b_count - u->first[k];
    }
    if (b->score < u->score)
        u->score = b->score;
}

/* The index of the first bead at or after P in pair K that has source sentences, or COUNT. */
static size_t next_with_source(const tma_bead *beads, size_t count, size_t p)
{
    while (p < count && beads[p].a_count == 0)
        p++;
    return p;
}

int tma_join_pivot(tma_unit **out, size_t *count, size_t n, tma_bead *const *pairs,
                   const size_t *pair_counts, tma_error *err)
{
    unit_list list = {0};
    size_t pos[TMA_MAX_LANGS] = {0};
    *out = NULL;
    *count = 0;
    for (;;) {
        /* Target sentences with no source before the next source sentence are units alone. */
        for (size_t k = 1; k < n; k++) {
            while (pos[k] < pair_counts[k] && pairs[k][pos[k]].a_count == 0) {
                tma_unit *u = unit_push(&list);
                if (u == NULL)
                    goto nomem;
                unit_take(u, k, &pairs[k][pos[k]++]);
            }
        }
        int done = 1;
        size_t start = 0;
        for (size_t k = 1; k < n; k++) {
            if (pos[k] < pair_counts[k]) {
                done = 0;
                start = pairs[k][pos[k]].a_first;
            }
        }
        if (done)
            break;
        tma_unit *u = unit_push(&list);
        if (u == NULL)
            goto nomem;
        /* Grow the source range until every pair has a bead boundary at its end. */
        size_t end = start + 1;
        int grew = 1;
        while (grew) {
            grew = 0;
            for (size_t k = 1; k < n; k++) {
                const tma_bead *beads = pairs[k];
                while (pos[k] < pair_counts[k]) {
                    size_t next = next_with_source(beads, pair_counts[k], pos[k]);
                    if (next == pair_counts[k] || beads[next].a_first >= end)
                        break;
                    /* Null target beads between source beads of the unit belong to it. */
                    while (pos[k] <= next)
                        unit_take(u, k, &beads[pos[k]++]);
                    size_t bead_end = beads[next].a_first + beads[next].a_count;
                    if (bead_end > end) {
                        end = bead_end;
                        grew = 1;
                    }
                }
            }
        }
        u->first[0] = (uint32_t)start;
        u->count[0] = (uint32_t)(end - start);
    }
    *out = list.items;
    *count = list.count;
    return 0;
nomem:
    free(list.items);
    return tma_error_nomem(err, "joining alignments");
}

/* The aligner's view of one document: sentence lengths, paragraph starts and anchors. */
typedef struct side_arrays {
    uint32_t *chars, *anchor_first, *anchor_count;
    uint8_t *para_start;
} side_arrays;

static void side_arrays_free(side_arrays *a)
{
    free(a->chars);
    free(a->anchor_first);
    free(a->anchor_count);
    free(a->para_start);
}

static int side_of(tma_align_side *side, side_arrays *a, const tma_doc *doc)
{
    size_t n = tma_doc_sentence_count(doc), anchors;
    a->chars = malloc((n + 1) * sizeof *a->chars);
    a->anchor_first = malloc((n + 1) * sizeof *a->anchor_first);
    a->anchor_count = malloc((n + 1) * sizeof *a->anchor_count);
    a->para_start = malloc(n + 1);
    if (a->chars == NULL || a->anchor_first == NULL || a->anchor_count == NULL ||
        a->para_start == NULL)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const tma_sentence *s = tma_doc_sentence(doc, i);
        a->chars[i] = s->chars;
        a->para_start[i] = i == 0 || s->paragraph != tma_doc_sentence(doc, i - 1)->paragraph;
        a->anchor_first[i] = s->anchor_first;
        a->anchor_count[i] = s->anchor_count;
    }
    *side = (tma_align_side){a->chars, a->para_start, n, tma_doc_anchors(doc, &anchors),
                             a->anchor_first, a->anchor_count};
    return 0;
}

int tma_story_align(tma_story **out, tma_worker *w, tma_doc *const *docs, size_t n, tma_error *err)
{
    *out = NULL;
    if (n < 2 || n > TMA_MAX_LANGS)
        return tma_error_set(err, TMA_ERR_USAGE, NULL, 0, 0,
                             "a story needs 2 to %d versions to align, not %zu", TMA_MAX_LANGS, n);
    tma_story *story = calloc(1, sizeof *story);
    if (story == NULL)
        return tma_error_nomem(err, "aligning");
    story->n = n;
    for (size_t k = 0; k < n; k++)
        story->docs[k] = docs[k];

    side_arrays arrays[TMA_MAX_LANGS] = {0};
    tma_align_side sides[TMA_MAX_LANGS];
    int rc = 0;
    for (size_t k = 0; k < n && rc == 0; k++) {
        if (side_of(&sides[k], &arrays[k], docs[k]) < 0)
            rc = tma_error_nomem(err, "aligning");
    }
    for (size_t k = 1; k < n && rc == 0; k++) {
        tma_align_params prior = tma_align_default_params();
        prior.s2 = tma_align_prior_s2(tma_doc_lang(docs[0]), tma_doc_lang(docs[k]));
        prior.paragraph_penalty = w->ctx->options.paragraph_penalty;
        rc = tma_align_pair_fitted(&story->pairs[k], &story->pair_counts[k], &story->params[k],
                                   &sides[0], &sides[k], &prior, &w->scratch, err);
    }
    if (rc == 0)
        rc = tma_join_pivot(&story->units, &story->unit_count, n, story->pairs,
                            story->pair_counts, err);
    for (size_t k = 0; k < n; k++)
        side_arrays_free(&arrays[k]);
    if (rc < 0) {
        tma_story_free(story);
        return rc;
    }
    *out = story;
    return 0;
}

void tma_story_free(tma_story *story)
{
    if (story == NULL)
        return;
    for (size_t k = 0; k < TMA_MAX_LANGS; k++)
        free(story->pairs[k]);
    free(story->units);
    free(story);
}

size_t tma_story_lang_count(const tma_story *story)
{
    return story->n;
}

const tma_doc *tma_story_doc(const tma_story *story, size_t k)
{
    return story->docs[k];
}

const tma_unit *tma_story_units(const tma_story *story, size_t *count)
{
    *count = story->unit_count;
    return story->units;
}

int tma_story_pair_units(tma_unit **out, size_t *count, const tma_story *story, size_t a, size_t b,
                         tma_error *err)
{
    *out = NULL;
    *count = 0;
    if (a >= story->n || b >= story->n || a == b)
        return tma_error_set(err, TMA_ERR_USAGE, NULL, 0, 0, "no such language pair in the story");
    unit_list list = {0};
    if (a == 0 || b == 0) {
        /* A pair with the source: its own alignment, finer than the joined units. */
        size_t k = a == 0 ? b : a;
        for (size_t i = 0; i < story->pair_counts[k]; i++) {
            const tma_bead *bd = &story->pairs[k][i];
            tma_unit *u = unit_push(&list);
            if (u == NULL)
                goto nomem;
            *u = (tma_unit){.score = bd->score};
            u->first[0] = bd->a_first;
            u->count[0] = bd->a_count;
            u->first[k] = bd->b_first;
            u->count[k] = bd->b_count;
        }
    } else {
        for (size_t i = 0; i < story->unit_count; i++) {
            const tma_unit *src = &story->units[i];
            if (src->count[a] == 0 && src->count[b] == 0)
                continue;
            tma_unit *u = unit_push(&list);
            if (u == NULL)
                goto nomem;
            *u = (tma_unit){.score = src->score};
            u->first[a] = src->first[a];
            u->count[a] = src->count[a];
            u->first[b] = src->first[b];
            u->count[b] = src->count[b];
        }
    }
    *out = list.items;
    *count = list.count;
    return 0;
nomem:
    free(list.items);
    return tma_error_nomem(err, "listing a pair's alignment");
}
