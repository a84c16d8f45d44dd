/* Making a pair's alignment hold the reviewed units as beads: the path is cut at each unit's
 * borders, the unit becomes one bead, and between two units the earlier path is kept where it
 * stays inside the stretch; only the ends it cannot keep are aligned again, as sub-problems. */
#include "review.h"

#include "buf.h"
#include "error.h"
#include "words.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* One constraint of the pair, in path order: a bead that must be one (sentences [a0, a0 + ac) of
 * A and [b0, b0 + bc) of B), or a point (a0, b0) the path must go through (ac = bc = 0): a
 * border of a unit whose inside the pair aligns freely. A side with no sentence has no place of
 * its own: it is put where the old path was. */
typedef struct box {
    size_t a0, ac, b0, bc;
    int is_point;
} box;

/* SIDE's sentences [first, first + count), as a side of their own (the anchors and words keep
 * their arrays: only the per-sentence indices move). */
static tma_align_side slice_side(const tma_align_side *side, tma_words *words, size_t first,
                                 size_t count)
{
    tma_align_side s = *side;
    s.chars += first;
    s.para_start += first;
    s.n = count;
    if (s.anchor_first != NULL) {
        s.anchor_first += first;
        s.anchor_count += first;
    }
    if (side->words != NULL) {
        *words = *side->words;
        words->n = count;
        words->key_first += first;
        words->word_first += first;
        words->bloom += first * TMA_WORD_BLOOM_WORDS;
        s.words = words;
    }
    return s;
}

static int push(tma_buf *out, size_t a0, size_t ac, size_t b0, size_t bc, double score)
{
    tma_bead bd = {(uint32_t)a0, (uint32_t)ac, (uint32_t)b0, (uint32_t)bc, score};
    return tma_buf_append(out, &bd, sizeof bd);
}

/* Aligns A's [i0, i1) with B's [j0, j1) and appends the beads to OUT. */
static int align_stretch(tma_buf *out, size_t i0, size_t i1, size_t j0, size_t j1,
                         const tma_align_side *side_a, const tma_align_side *side_b,
                         const tma_align_params *params, tma_align_scratch *scratch, tma_error *err)
{
    if (i0 == i1 || j0 == j1) {
        for (size_t i = i0; i < i1; i++)
            if (push(out, i, 1, j0, 0, 1) < 0)
                return tma_error_nomem(err, "aligning around reviewed units");
        for (size_t j = j0; j < j1; j++)
            if (push(out, i1, 0, j, 1, 1) < 0)
                return tma_error_nomem(err, "aligning around reviewed units");
        return 0;
    }
    tma_words wa, wb;
    tma_align_side sa = slice_side(side_a, &wa, i0, i1 - i0),
                   sb = slice_side(side_b, &wb, j0, j1 - j0);
    tma_align_params p = *params;
    p.band = 0;
    tma_bead *beads = NULL;
    size_t count = 0;
    int rc = tma_align_pair(&beads, &count, &sa, &sb, &p, scratch, err);
    for (size_t k = 0; k < count && rc == 0; k++) {
        const tma_bead *bd = &beads[k];
        if (push(out, bd->a_first + i0, bd->a_count, bd->b_first + j0, bd->b_count, bd->score) < 0)
            rc = tma_error_nomem(err, "aligning around reviewed units");
    }
    free(beads);
    return rc;
}

/* Appends to OUT the path from point (I0, J0) to (I1, J1): the old path's beads BEADS[0..count)
 * that lie inside the rectangle between them, and the ends aligned again. */
static int stretch(tma_buf *out, size_t i0, size_t j0, size_t i1, size_t j1, const tma_bead *beads,
                   size_t count, size_t *cursor, const tma_align_side *side_a,
                   const tma_align_side *side_b, const tma_align_params *params,
                   tma_align_scratch *scratch, tma_error *err)
{
    /* The old path's points (bead ends) inside the rectangle are consecutive, since the path
     * only goes right and down: skip the beads that start before it, keep those that start and
     * end inside it. The rectangles come in path order, so *CURSOR never goes back. */
    size_t first = *cursor;
    while (first < count && (beads[first].a_first < i0 || beads[first].b_first < j0) &&
           beads[first].a_first <= i1 && beads[first].b_first <= j1)
        first++;
    *cursor = first;
    size_t last = first;
    while (last < count && beads[last].a_first + beads[last].a_count <= i1 &&
           beads[last].b_first + beads[last].b_count <= j1 && beads[last].a_first >= i0 &&
           beads[last].b_first >= j0)
        last++;
    if (first == last)
        return align_stretch(out, i0, i1, j0, j1, side_a, side_b, params, scratch, err);
    int rc = align_stretch(out, i0, beads[first].a_first, j0, beads[first].b_first, side_a, side_b,
                           params, scratch, err);
    for (size_t k = first; k < last && rc == 0; k++)
        if (tma_buf_append(out, &beads[k], sizeof beads[k]) < 0)
            rc = tma_error_nomem(err, "aligning around reviewed units");
    const tma_bead *end = &beads[last - 1];
    if (rc == 0)
        rc = align_stretch(out, end->a_first + end->a_count, i1, end->b_first + end->b_count, j1,
                           side_a, side_b, params, scratch, err);
    return rc;
}

/* Where the old path BEADS is when it reaches sentence X of one side (B when ON_B): the other
 * side's position there. */
static size_t path_at(const tma_bead *beads, size_t count, size_t x, int on_b)
{
    for (size_t k = 0; k < count; k++) {
        size_t first = on_b ? beads[k].b_first : beads[k].a_first;
        size_t n = on_b ? beads[k].b_count : beads[k].a_count;
        if (x < first + n || (n == 0 && x == first))
            return on_b ? beads[k].a_first : beads[k].b_first;
    }
    return count > 0 ? (on_b ? beads[count - 1].a_first + beads[count - 1].a_count
                             : beads[count - 1].b_first + beads[count - 1].b_count)
                     : 0;
}

/* In path order; a point before a bead that starts where it is. */
static int cmp_box(const void *x, const void *y)
{
    const box *p = x, *q = y;
    if (p->a0 != q->a0)
        return p->a0 < q->a0 ? -1 : 1;
    if (p->b0 != q->b0)
        return p->b0 < q->b0 ? -1 : 1;
    return q->is_point - p->is_point;
}

/* Where a box with no sentence on one side goes on that side: where the old path BEADS is, kept
 * between the boxes BOXES[0..m) with sentences on both sides that come before and after it on
 * the other side, so that the path stays monotone. */
static void place_empty_side(box *bx, const box *boxes, size_t m, const tma_bead *beads,
                             size_t count)
{
    int a_empty = bx->ac == 0;
    size_t at = a_empty ? path_at(beads, count, bx->b0, 1) : path_at(beads, count, bx->a0, 0);
    size_t known0 = a_empty ? bx->b0 : bx->a0, known1 = known0 + (a_empty ? bx->bc : bx->ac);
    size_t lo = 0, hi = SIZE_MAX;
    for (size_t k = 0; k < m; k++) {
        const box *o = &boxes[k];
        if (o->ac == 0 || o->bc == 0)
            continue;
        size_t o0 = a_empty ? o->b0 : o->a0, o1 = o0 + (a_empty ? o->bc : o->ac);
        size_t other0 = a_empty ? o->a0 : o->b0, other1 = other0 + (a_empty ? o->ac : o->bc);
        if (o1 <= known0 && other1 > lo)
            lo = other1;
        if (o0 >= known1 && other0 < hi)
            hi = other0;
    }
    if (at < lo)
        at = lo;
    if (at > hi && hi >= lo)
        at = hi;
    if (a_empty)
        bx->a0 = at;
    else
        bx->b0 = at;
}

/* The boxes of PLACES in pair (A, B) into BOXES (room for two per place), in path order. A box
 * that would take the path back (a unit crossing another, which matching has left out) is
 * dropped. */
static size_t pair_boxes(box *boxes, const tma_review_place *places, size_t place_count, size_t a,
                         size_t b, const tma_bead *beads, size_t count)
{
    size_t m = 0;
    for (size_t p = 0; p < place_count; p++) {
        const tma_review_place *pl = &places[p];
        if (pl->in[a] && pl->in[b] && pl->count[a] + pl->count[b] > 0)
            boxes[m++] =
                (box){pl->first[a], pl->count[a], pl->first[b], pl->count[b], !pl->one_bead};
    }
    /* Empty sides are placed against the boxes with both sides, before any box is split. */
    size_t placed = m;
    for (size_t k = 0; k < m; k++)
        if (boxes[k].ac == 0 || boxes[k].bc == 0)
            place_empty_side(&boxes[k], boxes, m, beads, count);
    /* A unit of every language becomes two points, its borders. */
    for (size_t k = 0; k < placed; k++) {
        box *bx = &boxes[k];
        if (bx->is_point) {
            boxes[m++] = (box){bx->a0 + bx->ac, 0, bx->b0 + bx->bc, 0, 1};
            bx->ac = bx->bc = 0;
        }
    }
    qsort(boxes, m, sizeof *boxes, cmp_box);
    size_t kept = 0, pa = 0, pb = 0;
    for (size_t k = 0; k < m; k++) {
        box bx = boxes[k];
        if (bx.a0 < pa || bx.b0 < pb)
            continue;
        boxes[kept++] = bx;
        pa = bx.a0 + bx.ac;
        pb = bx.b0 + bx.bc;
    }
    return kept;
}

int tma_review_constrain_pair(tma_bead **beads, size_t *count, const tma_review_place *places,
                              size_t place_count, size_t a, size_t b, const tma_align_side *side_a,
                              const tma_align_side *side_b, const tma_align_params *params,
                              tma_align_scratch *scratch, tma_error *err)
{
    box *boxes = malloc((2 * place_count + 1) * sizeof *boxes);
    if (boxes == NULL)
        return tma_error_nomem(err, "aligning around reviewed units");
    size_t m = pair_boxes(boxes, places, place_count, a, b, *beads, *count);
    if (m == 0) {
        free(boxes);
        return 0;
    }
    tma_buf out = TMA_BUF_INIT;
    size_t i = 0, j = 0, cursor = 0;
    int rc = 0;
    for (size_t k = 0; k <= m && rc == 0; k++) {
        size_t i1 = k < m ? boxes[k].a0 : side_a->n, j1 = k < m ? boxes[k].b0 : side_b->n;
        rc = stretch(&out, i, j, i1, j1, *beads, *count, &cursor, side_a, side_b, params, scratch,
                     err);
        if (k == m)
            break;
        const box *bx = &boxes[k];
        if (rc == 0 && !bx->is_point && push(&out, bx->a0, bx->ac, bx->b0, bx->bc, 1) < 0)
            rc = tma_error_nomem(err, "aligning around reviewed units");
        i = bx->a0 + bx->ac;
        j = bx->b0 + bx->bc;
    }
    free(boxes);
    if (rc < 0) {
        tma_buf_free(&out);
        return rc;
    }
    free(*beads);
    *count = out.len / sizeof(tma_bead);
    *beads = (tma_bead *)tma_buf_detach(&out);
    return 0;
}
