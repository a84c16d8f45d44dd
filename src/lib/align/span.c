#include "lattice.h"

/* A run of one side's sentences left alone at an end of the first pass is text beyond the
 * translation (a story followed by others) from this many sentences on, with at most
 * SPAN_OTHER_SIDE of the other side's left alone beside it: an untranslated paragraph of a story
 * has a few sentences. */
#define SPAN_MIN_RUN    8
#define SPAN_OTHER_SIDE 2

/* 1 if RUN sentences of one side and OTHER of the other, left alone at one end, are text beyond
 * the translation on one side. */
static int beyond(size_t run, size_t other)
{
    return run >= SPAN_MIN_RUN && other <= SPAN_OTHER_SIDE;
}

/* The first sentence of [first, first + count) of SIDE after the first that starts a paragraph,
 * or first + count: where a bead at the end of the translation took in the start of the text
 * beyond it ("Part 4", a heading of the next story). */
static size_t first_break(const tma_align_side *side, size_t first, size_t count)
{
    for (size_t i = first + 1; i < first + count; i++) {
        if (side->para_start[i])
            return i;
    }
    return first + count;
}

/* The last sentence of [first, first + count) of SIDE that starts a paragraph after the first, or
 * FIRST: where a bead at the start of the translation took in the end of the text before it. */
static size_t last_break(const tma_align_side *side, size_t first, size_t count)
{
    for (size_t i = first + count; i-- > first + 1;) {
        if (side->para_start[i])
            return i;
    }
    return first;
}

int tma_lattice_translated_span(tma_align_span *out, size_t *first, size_t *end,
                                const tma_bead *beads, size_t count, const tma_align_side *a,
                                const tma_align_side *b)
{
    size_t f = 0, l = count;
    while (f < count && (beads[f].a_count == 0 || beads[f].b_count == 0))
        f++;
    while (l > f && (beads[l - 1].a_count == 0 || beads[l - 1].b_count == 0))
        l--;
    *out = (tma_align_span){0, a->n, 0, b->n};
    *first = 0;
    *end = count;
    if (f == count)
        return 0;
    const tma_bead *head = &beads[f], *tail = &beads[l - 1];
    size_t end_a = tail->a_first + tail->a_count, end_b = tail->b_first + tail->b_count;
    int trimmed = 0;
    if (beyond(head->a_first, head->b_first) || beyond(head->b_first, head->a_first)) {
        int on_a = head->a_first >= SPAN_MIN_RUN;
        out->a_lo = on_a ? last_break(a, head->a_first, head->a_count) : head->a_first;
        out->b_lo = on_a ? head->b_first : last_break(b, head->b_first, head->b_count);
        *first = f;
        trimmed = 1;
    }
    if (beyond(a->n - end_a, b->n - end_b) || beyond(b->n - end_b, a->n - end_a)) {
        int on_a = a->n - end_a >= SPAN_MIN_RUN;
        out->a_hi = on_a ? first_break(a, tail->a_first, tail->a_count) : end_a;
        out->b_hi = on_a ? end_b : first_break(b, tail->b_first, tail->b_count);
        *end = l;
        trimmed = 1;
    }
    return trimmed;
}
