/* The band of a pass: the guide line it is centred on in each row and the columns of each row. */
#include "lattice.h"

#include <math.h>
#include <stdlib.h>

/* Centres the band of rows [i0, i1) on the line from (i0, j0) to (i1, j1): each row spans the
 * columns the line crosses until the next row, all of them where it is steep. */
static void guide_line(tma_align_scratch *s, size_t i0, size_t j0, size_t i1, size_t j1)
{
    double slope = (double)(j1 - j0) / (double)(i1 - i0);
    for (size_t i = i0; i < i1; i++) {
        s->guide_lo[i] = (size_t)floor((double)j0 + (double)(i - i0) * slope);
        s->guide_hi[i] = (size_t)ceil((double)j0 + (double)(i + 1 - i0) * slope);
    }
}

int tma_lattice_set_guide(tma_lattice *L, const tma_bead *guide, size_t count)
{
    tma_align_scratch *s = L->s;
    size_t n = L->n, m = L->m;
    if (n + 1 > s->row_cap) {
        size_t cap = n + 1;
        size_t **arrays[] = {&s->row_lo, &s->row_hi, &s->row_off, &s->guide_lo, &s->guide_hi};
        for (size_t k = 0; k < sizeof arrays / sizeof arrays[0]; k++) {
            size_t *p = realloc(*arrays[k], cap * sizeof *p);
            if (p == NULL)
                return -1;
            *arrays[k] = p;
        }
        s->row_cap = cap;
    }
    if (guide == NULL) {
        s->guide_lo[n] = n > 0 ? m : 0;
        s->guide_hi[n] = m;
        size_t pa = 0, pb = 0; /* paragraphs, counted only where there are no pins */
        for (size_t i = 0; i < n && L->pin_count == 0; i++)
            pa += L->a->para_start[i] != 0;
        for (size_t j = 0; j < m && L->pin_count == 0; j++)
            pb += L->b->para_start[j] != 0;
        if (L->pin_count > 0) {
            /* Pins are where the drift of a long document's edits is read, however far it goes. */
            size_t i0 = 0, j0 = 0;
            for (size_t k = 0; k <= L->pin_count; k++) {
                size_t i1 = k < L->pin_count ? L->pins[k].a : n;
                size_t j1 = k < L->pin_count ? L->pins[k].b : m;
                guide_line(s, i0, j0, i1, j1);
                i0 = i1;
                j0 = j1;
            }
        } else if (pa == pb && pa > 1) {
            /* With as many paragraphs on both sides, paragraph k of A goes with paragraph k of B
             * and the line runs through each pair of paragraphs: the drift of the sentence counts
             * then starts again at every paragraph instead of adding up over the whole
             * document, which would make the band (and the time) grow faster than the
             * document. */
            for (size_t i = 0, j = 0; i < n;) {
                size_t ea = i + 1, eb = j + 1;
                while (ea < n && !L->a->para_start[ea])
                    ea++;
                while (eb < m && !L->b->para_start[eb])
                    eb++;
                guide_line(s, i, j, ea, eb);
                i = ea;
                j = eb;
            }
        } else {
            guide_line(s, 0, 0, n, m);
        }
        return 0;
    }
    /* Each row spans the columns where the path is in it; a row inside a bead of several
     * source sentences takes the bead's start. */
    for (size_t k = 0; k < count; k++) {
        const tma_bead *b = &guide[k];
        size_t i = b->a_first, j0 = b->b_first, j1 = b->b_first + b->b_count;
        if (k == 0 || guide[k - 1].a_count > 0) {
            s->guide_lo[i] = j0;
            s->guide_hi[i] = j1;
        } else if (j1 > s->guide_hi[i]) {
            s->guide_hi[i] = j1;
        }
        for (size_t r = 1; r < b->a_count; r++)
            s->guide_lo[i + r] = s->guide_hi[i + r] = j0;
    }
    if (count == 0 || guide[count - 1].a_count > 0)
        s->guide_lo[n] = s->guide_hi[n] = m;
    return 0;
}

size_t tma_lattice_layout_band(tma_lattice *L, size_t w)
{
    tma_align_scratch *s = L->s;
    size_t n = L->n, m = L->m, total = 0;
    for (size_t i = 0; i <= n; i++) {
        /* Row i covers the guide from row i-1 to row i+1, so consecutive rows overlap. */
        size_t from = s->guide_lo[i > 0 ? i - 1 : 0], to = s->guide_hi[i < n ? i + 1 : n];
        if (s->guide_lo[i] < from)
            from = s->guide_lo[i];
        if (s->guide_hi[i] > to)
            to = s->guide_hi[i];
        s->row_lo[i] = from > w ? from - w : 0;
        s->row_hi[i] = to + w < m ? to + w : m;
        s->row_off[i] = total;
        total += s->row_hi[i] - s->row_lo[i] + 1;
    }
    return total;
}

