#include "join.h"

#include "buf.h"
#include "error.h"

#include <stdlib.h>
#include <string.h>

typedef struct unit_list {
    tma_unit *items;
    size_t count, cap;
} unit_list;

static tma_unit *unit_push(unit_list *list)
{
    tma_unit *p = tma_grow(list->items, &list->cap, list->count + 1, sizeof *p, 64);
    if (p == NULL)
        return NULL;
    list->items = p;
    tma_unit *u = &list->items[list->count++];
    memset(u, 0, sizeof *u);
    u->score = 1.0;
    return u;
}

/* For one pair of languages, the points between beads: at position x of language A, the
 * positions [lo[x], hi[x]] of language B (lo > hi: none, x is inside a bead). */
typedef struct boundaries {
    uint32_t *lo, *hi;
} boundaries;

static int boundaries_of(boundaries *out, const tma_bead *beads, size_t count, size_t na)
{
    out->lo = malloc((na + 1) * sizeof *out->lo);
    out->hi = malloc((na + 1) * sizeof *out->hi);
    if (out->lo == NULL || out->hi == NULL)
        return -1;
    for (size_t x = 0; x <= na; x++) {
        out->lo[x] = UINT32_MAX;
        out->hi[x] = 0;
    }
    uint32_t x = 0, y = 0;
    out->lo[0] = out->hi[0] = 0;
    for (size_t k = 0; k < count; k++) {
        x += beads[k].a_count;
        y += beads[k].b_count;
        if (y < out->lo[x])
            out->lo[x] = y;
        if (y > out->hi[x])
            out->hi[x] = y;
    }
    return 0;
}

/* The search for cuts: points (p_0, ..., p_n-1) that no bead of any pair crosses. */
typedef struct cut_search {
    size_t n;
    const boundaries (*bounds)[TMA_MAX_LANGS]; /* bounds[a][b], a < b */
    uint32_t point[TMA_MAX_LANGS];
    uint32_t *cuts; /* n per cut, in document order */
    size_t count, cap;
} cut_search;

/* Every cut that extends POINT[0..k), in order: position k of the cut must be a boundary with
 * every earlier language's position, which leaves an interval. */
static int find_cuts(cut_search *cs, size_t k)
{
    if (k >= cs->n || k >= TMA_MAX_LANGS) { /* the second test tells the compiler the bound */
        uint32_t *p = tma_grow(cs->cuts, &cs->cap, cs->count + 1, cs->n * sizeof *p, 64);
        if (p == NULL)
            return -1;
        cs->cuts = p;
        memcpy(cs->cuts + cs->count++ * cs->n, cs->point, cs->n * sizeof *cs->point);
        return 0;
    }
    uint32_t lo = 0, hi = UINT32_MAX;
    for (size_t a = 0; a < k; a++) {
        const boundaries *b = &cs->bounds[a][k];
        if (b->lo[cs->point[a]] > lo)
            lo = b->lo[cs->point[a]];
        if (b->hi[cs->point[a]] < hi)
            hi = b->hi[cs->point[a]];
    }
    for (uint32_t p = lo; p <= hi && p != UINT32_MAX; p++) {
        cs->point[k] = p;
        if (find_cuts(cs, k + 1) < 0)
            return -1;
    }
    return 0;
}

/* The lowest score of the beads of pair (A, B) inside each unit, folded into the units' scores. */
static void fold_scores(tma_unit *units, size_t unit_count, const uint32_t *cuts, size_t n,
                        size_t a, size_t b, const tma_bead *beads, size_t count)
{
    size_t u = 0;
    for (size_t k = 0; k < count; k++) {
        uint32_t end_a = beads[k].a_first + beads[k].a_count;
        uint32_t end_b = beads[k].b_first + beads[k].b_count;
        while (u + 1 < unit_count &&
               (end_a > cuts[(u + 1) * n + a] || end_b > cuts[(u + 1) * n + b]))
            u++;
        if (beads[k].score < units[u].score)
            units[u].score = beads[k].score;
    }
}

int tma_join_units(tma_unit **out, size_t *count, size_t n, const size_t *sentences,
                   const tma_bead *const (*pairs)[TMA_MAX_LANGS],
                   const size_t (*pair_counts)[TMA_MAX_LANGS], tma_error *err)
{
    boundaries bounds[TMA_MAX_LANGS][TMA_MAX_LANGS] = {{{0}}};
    cut_search cs = {.n = n, .bounds = (const boundaries(*)[TMA_MAX_LANGS])bounds};
    unit_list list = {0};
    int rc = 0;
    *out = NULL;
    *count = 0;
    for (size_t a = 0; a < n && rc == 0; a++)
        for (size_t b = a + 1; b < n && rc == 0; b++)
            rc = boundaries_of(&bounds[a][b], pairs[a][b], pair_counts[a][b], sentences[a]);
    /* Cuts in order of the first language's position, each position's own in order too. */
    for (uint32_t p = 0; p <= sentences[0] && rc == 0; p++) {
        cs.point[0] = p;
        rc = find_cuts(&cs, 1);
    }
    for (size_t c = 0; c + 1 < cs.count && rc == 0; c++) {
        tma_unit *u = unit_push(&list);
        if (u == NULL) {
            rc = -1;
            break;
        }
        for (size_t k = 0; k < n; k++) {
            u->first[k] = cs.cuts[c * n + k];
            u->count[k] = cs.cuts[(c + 1) * n + k] - cs.cuts[c * n + k];
        }
    }
    for (size_t a = 0; a < n && rc == 0; a++)
        for (size_t b = a + 1; b < n; b++)
            fold_scores(list.items, list.count, cs.cuts, n, a, b, pairs[a][b], pair_counts[a][b]);
    for (size_t a = 0; a < n; a++) {
        for (size_t b = a + 1; b < n; b++) {
            free(bounds[a][b].lo);
            free(bounds[a][b].hi);
        }
    }
    free(cs.cuts);
    if (rc < 0) {
        free(list.items);
        return tma_error_nomem(err, "joining alignments");
    }
    *out = list.items;
    *count = list.count;
    return 0;
}

/* Each sentence x of language X as one pair's alignment places it in language Y: the sentences
 * [lo[x], hi[x]) of Y and the posterior of its bead. */
typedef struct links {
    uint32_t *lo, *hi;
    float *score;
} links;

static void links_free(links *l)
{
    free(l->lo);
    free(l->hi);
    free(l->score);
}

/* The latest alignments of a story's pairs, as tma_join_agree_pair is given them. */
typedef struct pair_table {
    size_t n;
    const size_t *sentences;
    const tma_bead *const (*beads)[TMA_MAX_LANGS];
    const size_t (*counts)[TMA_MAX_LANGS];
} pair_table;

/* The links of X's sentences (NX of them) into Y from the beads of pair (min(X,Y), max(X,Y)). */
static int links_of(links *out, const pair_table *pairs, size_t x, size_t y, size_t nx)
{
    out->lo = malloc((nx + 1) * sizeof *out->lo);
    out->hi = malloc((nx + 1) * sizeof *out->hi);
    out->score = malloc((nx + 1) * sizeof *out->score);
    if (out->lo == NULL || out->hi == NULL || out->score == NULL)
        return -1;
    int x_is_a = x < y;
    size_t lo = x_is_a ? x : y, hi = x_is_a ? y : x;
    size_t count = pairs->counts[lo][hi];
    const tma_bead *beads = pairs->beads[lo][hi];
    for (size_t k = 0; k < count; k++) {
        const tma_bead *b = &beads[k];
        uint32_t first = x_is_a ? b->a_first : b->b_first, n = x_is_a ? b->a_count : b->b_count;
        uint32_t to = x_is_a ? b->b_first : b->a_first, to_n = x_is_a ? b->b_count : b->a_count;
        for (uint32_t i = first; i < first + n; i++) {
            out->lo[i] = to;
            out->hi[i] = to + to_n;
            out->score[i] = (float)b->score;
        }
    }
    return 0;
}

/* What language Z says about where each sentence of X belongs in Y: the union of the links into
 * Y of the Z sentences that X's sentence links to, as sure as the least sure bead on the way. */
static void compose(uint32_t *lo, uint32_t *hi, float *weight, size_t nx, const links *xz,
                    const links *zy)
{
    for (size_t x = 0; x < nx; x++) {
        lo[x] = hi[x] = 0;
        weight[x] = 0;
        if (xz->lo[x] == xz->hi[x])
            continue; /* not in Z: Z cannot tell */
        uint32_t from = UINT32_MAX, to = 0;
        float sure = xz->score[x];
        for (uint32_t z = xz->lo[x]; z < xz->hi[x]; z++) {
            if (zy->score[z] < sure)
                sure = zy->score[z];
            if (zy->lo[z] == zy->hi[z])
                continue;
            if (zy->lo[z] < from)
                from = zy->lo[z];
            if (zy->hi[z] > to)
                to = zy->hi[z];
        }
        if (from != UINT32_MAX) {
            lo[x] = from;
            hi[x] = to;
        }
        weight[x] = sure;
    }
}

/* The hints of language Z for pair (A, B), in arrays owned by the caller. */
typedef struct hint_arrays {
    uint32_t *a_lo, *a_hi, *b_lo, *b_hi;
    float *a_weight, *b_weight;
} hint_arrays;

static void hint_arrays_free(hint_arrays *h)
{
    free(h->a_lo);
    free(h->a_hi);
    free(h->b_lo);
    free(h->b_hi);
    free(h->a_weight);
    free(h->b_weight);
}

static int hints_of(tma_align_hints *out, hint_arrays *h, const pair_table *pairs, size_t a,
                    size_t b, size_t z)
{
    const size_t *sentences = pairs->sentences;
    links az = {0}, zb = {0}, bz = {0}, za = {0};
    size_t na = sentences[a], nb = sentences[b];
    h->a_lo = malloc((na + 1) * sizeof *h->a_lo);
    h->a_hi = malloc((na + 1) * sizeof *h->a_hi);
    h->a_weight = malloc((na + 1) * sizeof *h->a_weight);
    h->b_lo = malloc((nb + 1) * sizeof *h->b_lo);
    h->b_hi = malloc((nb + 1) * sizeof *h->b_hi);
    h->b_weight = malloc((nb + 1) * sizeof *h->b_weight);
    int rc = h->a_lo == NULL || h->a_hi == NULL || h->a_weight == NULL || h->b_lo == NULL ||
                     h->b_hi == NULL || h->b_weight == NULL || links_of(&az, pairs, a, z, na) < 0 ||
                     links_of(&zb, pairs, z, b, sentences[z]) < 0 ||
                     links_of(&bz, pairs, b, z, nb) < 0 ||
                     links_of(&za, pairs, z, a, sentences[z]) < 0
                 ? -1
                 : 0;
    if (rc == 0) {
        compose(h->a_lo, h->a_hi, h->a_weight, na, &az, &zb);
        compose(h->b_lo, h->b_hi, h->b_weight, nb, &bz, &za);
        *out = (tma_align_hints){h->a_lo, h->a_hi, h->b_lo, h->b_hi, h->a_weight, h->b_weight};
    }
    links_free(&az);
    links_free(&zb);
    links_free(&bz);
    links_free(&za);
    return rc;
}

int tma_join_agree_pair(tma_bead **out, size_t *count, size_t n, const size_t *sentences,
                        const tma_bead *const (*pairs)[TMA_MAX_LANGS],
                        const size_t (*pair_counts)[TMA_MAX_LANGS],
                        const tma_align_side *side_a, const tma_align_side *side_b,
                        const tma_align_params *params, size_t a, size_t b, const tma_bead *guide,
                        size_t guide_count, tma_align_scratch *scratch, tma_error *err)
{
    pair_table table = {n, sentences, pairs, pair_counts};
    tma_align_hints hints[TMA_MAX_LANGS];
    hint_arrays arrays[TMA_MAX_LANGS] = {{0}};
    size_t hint_count = 0;
    int rc = 0;
    for (size_t z = 0; z < n && rc == 0; z++) {
        if (z == a || z == b)
            continue;
        if (hints_of(&hints[hint_count], &arrays[hint_count], &table, a, b, z) < 0)
            rc = tma_error_nomem(err, "aligning");
        hint_count++;
    }
    if (rc == 0)
        rc = tma_align_pair_hinted(out, count, side_a, side_b, params, hints, hint_count,
                                   guide, guide_count, scratch, err);
    for (size_t k = 0; k < hint_count; k++)
        hint_arrays_free(&arrays[k]);
    return rc;
}
