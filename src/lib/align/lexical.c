#include "lattice.h"

#include "words.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The log likelihood ratio, true counterpart against unrelated text, of N looked-up words of which
 * K find a translation among KEYS keys of the other side. */
static double word_llr(const tma_lexical_model *m, uint32_t n, uint32_t k, uint32_t keys)
{
    double p0 = 1 - exp(-m->q * keys);
    if (n == 0 || p0 >= m->p1)
        return 0;
    if (p0 < 1e-4)
        p0 = 1e-4;
    if (k > n)
        k = n;
    return k * log(m->p1 / p0) + (n - k) * log((1 - m->p1) / (1 - p0));
}

#define MATCH_SPANS 3 /* the longest side of a bead kind */
#define MATCH_UNKNOWN 255

/* How many words of sentence X of FROM are found in sentences [y, y + d) of TO (BACK: FROM is B),
 * read from the lattice's cache where (X, Y) is a cell of the band (tma_lattice_fill_matches) and
 * the count fits it, else counted. */
static uint32_t sentence_matches(const tma_lattice *L, int back, size_t x, size_t y, size_t d)
{
    const tma_align_side *from = back ? L->b : L->a, *to = back ? L->a : L->b;
    size_t i = back ? y : x, j = back ? x : y;
    if (L->s->matches != NULL && i <= L->n && tma_lattice_in_band(L->s, i, j) && d <= MATCH_SPANS) {
        uint8_t count = L->s->matches[tma_lattice_cell(L->s, i, j) * 2 * MATCH_SPANS +
                                      (size_t)back * MATCH_SPANS + d - 1];
        if (count != MATCH_UNKNOWN)
            return count;
    }
    return tma_words_matches(from->words, x, 1, to->words, y, d);
}

/* The counts of one direction at one cell: sentence X of FROM in the spans of 1 to MATCH_SPANS
 * sentences of TO from Y. A count that does not fit stays unknown and is counted when asked. */
static void fill_spans(uint8_t *slots, const tma_words *from, size_t x, const tma_words *to,
                       size_t y)
{
    size_t spans = to->n - y < MATCH_SPANS ? to->n - y : MATCH_SPANS;
    uint32_t counts[MATCH_SPANS];
    tma_words_matches_by_span(counts, spans, from, x, to, y);
    for (size_t k = 0; k < spans; k++)
        slots[k] = (uint8_t)(counts[k] < MATCH_UNKNOWN ? counts[k] : MATCH_UNKNOWN);
}

/* A's side of the counts in row I, for every cell of the row at once: each looked-up word of A's
 * sentence I is looked for in each of B's sentences that a span of the row covers once, where
 * cell by cell it would be looked for in up to MATCH_SPANS of them. FOUND and COUNTS hold room for
 * the row's cells plus MATCH_SPANS. */
static void fill_row_spans(const tma_lattice *L, size_t i, uint8_t *found, uint32_t *counts)
{
    const tma_words *wa = L->a->words, *wb = L->b->words;
    size_t lo = L->s->row_lo[i], hi = L->s->row_hi[i] < L->m ? L->s->row_hi[i] : L->m - 1;
    if (lo > hi)
        return;
    size_t cells = hi - lo + 1, end = hi + MATCH_SPANS < L->m ? hi + MATCH_SPANS : L->m;
    memset(counts, 0, cells * MATCH_SPANS * sizeof *counts);
    for (uint32_t k = wa->word_first[i]; k < wa->word_first[i + 1]; k++) {
        tma_words_found_in(found, wa, k, wb, lo, end - lo);
        for (size_t c = 0; c < cells; c++) {
            size_t spans = L->m - (lo + c) < MATCH_SPANS ? L->m - (lo + c) : MATCH_SPANS, first = 0;
            while (first < spans && !found[c + first])
                first++;
            for (size_t d = first; d < spans; d++)
                counts[c * MATCH_SPANS + d]++;
        }
    }
    for (size_t c = 0; c < cells; c++) {
        uint8_t *slots = &L->s->matches[tma_lattice_cell(L->s, i, lo + c) * 2 * MATCH_SPANS];
        size_t spans = L->m - (lo + c) < MATCH_SPANS ? L->m - (lo + c) : MATCH_SPANS;
        for (size_t d = 0; d < spans; d++) {
            uint32_t n = counts[c * MATCH_SPANS + d];
            slots[d] = (uint8_t)(n < MATCH_UNKNOWN ? n : MATCH_UNKNOWN);
        }
    }
}

void tma_lattice_fill_matches(const tma_lattice *L, size_t first_row, size_t end_row)
{
    if (L->s->matches == NULL)
        return;
    const tma_words *wa = L->a->words, *wb = L->b->words;
    size_t widest = 0;
    for (size_t i = first_row; i < end_row && i < L->n; i++) {
        size_t width = L->s->row_hi[i] - L->s->row_lo[i] + 1;
        widest = width > widest ? width : widest;
    }
    uint8_t *found = malloc(widest + MATCH_SPANS);
    uint32_t *counts = malloc((widest + MATCH_SPANS) * MATCH_SPANS * sizeof *counts);
    for (size_t i = first_row; i < end_row; i++) {
        /* Out of memory, the counts stay unknown and are counted when asked. */
        if (i < L->n && found != NULL && counts != NULL)
            fill_row_spans(L, i, found, counts);
        for (size_t j = L->s->row_lo[i]; j <= L->s->row_hi[i]; j++) {
            uint8_t *slots = &L->s->matches[tma_lattice_cell(L->s, i, j) * 2 * MATCH_SPANS];
            if (i < L->n && j < L->m)
                fill_spans(slots + MATCH_SPANS, wb, j, wa, i);
        }
    }
    free(found);
    free(counts);
}

/* The word evidence for a bead of a[i..i+da) and b[j..j+db): the log likelihood ratio of both
 * directions that have looked-up words. L's cache serves when it has one; without (L->s NULL)
 * the words are counted. */
double tma_lattice_lexical_llr(const tma_lattice *L, size_t i, size_t da, size_t j, size_t db)
{
    const tma_words *wa = L->a->words, *wb = L->b->words;
    uint32_t na = tma_words_looked_up(wa, i, da), nb = tma_words_looked_up(wb, j, db);
    double llr = 0;
    if (na > 0) {
        uint32_t k = 0, again = tma_words_repeats_found(wa, i, da, wb, j, db);
        for (size_t x = i; x < i + da; x++)
            k += L->s ? sentence_matches(L, 0, x, j, db) : tma_words_matches(wa, x, 1, wb, j, db);
        llr += word_llr(&L->p->lexical[0], na - again, k - again, tma_words_keys(wb, j, db));
    }
    if (nb > 0) {
        uint32_t k = 0, again = tma_words_repeats_found(wb, j, db, wa, i, da);
        for (size_t y = j; y < j + db; y++)
            k += L->s ? sentence_matches(L, 1, y, i, da) : tma_words_matches(wb, y, 1, wa, i, da);
        llr += word_llr(&L->p->lexical[1], nb - again, k - again, tma_words_keys(wa, i, da));
    }
    return na > 0 && nb > 0 ? llr / 2 : llr;
}

/* Room for the word-match cache of CELLS cells (0: no cache), all unknown. */
int tma_lattice_reserve_matches(tma_align_scratch *s, size_t cells)
{
    if (cells == 0) {
        free(s->matches);
        s->matches = NULL;
        s->matches_cap = 0;
        return 0;
    }
    size_t bytes = cells * 2 * MATCH_SPANS;
    if (cells > s->matches_cap) {
        uint8_t *m = realloc(s->matches, bytes);
        if (m == NULL)
            return -1;
        s->matches = m;
        s->matches_cap = cells;
    }
    memset(s->matches, MATCH_UNKNOWN, bytes);
    return 0;
}

/* Refits the lexical model of one direction (BACK: B's words in A) from the beads of a first pass
 * that have both sides: p1 from the words each bead finds in its own other side, q from those it
 * finds in the other side of the bead LEXICAL_CHANCE_STEP beads on, which is unrelated text of
 * the same documents. */
#define LEXICAL_CHANCE_STEP 2
void tma_lattice_refit_lexical(tma_lexical_model *m, const tma_bead *beads, size_t count,
                          const tma_align_side *a, const tma_align_side *b, int back)
{
    const tma_align_side *from = back ? b : a, *to = back ? a : b;
    double words = 0, found = 0, chance_keys = 0, chance_found = 0;
    for (size_t k = 0; k < count; k++) {
        const tma_bead *bd = &beads[k];
        size_t x = back ? bd->b_first : bd->a_first, dx = back ? bd->b_count : bd->a_count;
        size_t y = back ? bd->a_first : bd->b_first, dy = back ? bd->a_count : bd->b_count;
        uint32_t n = dx && dy ? tma_words_looked_up(from->words, x, dx) : 0;
        if (n == 0)
            continue;
        uint32_t again = tma_words_repeats_found(from->words, x, dx, to->words, y, dy);
        words += n - again;
        found += tma_words_matches(from->words, x, dx, to->words, y, dy) - again;
        size_t other = k + LEXICAL_CHANCE_STEP < count ? k + LEXICAL_CHANCE_STEP
                       : k >= LEXICAL_CHANCE_STEP ? k - LEXICAL_CHANCE_STEP
                                                  : count;
        if (other == count)
            continue;
        const tma_bead *ob = &beads[other];
        size_t oy = back ? ob->a_first : ob->b_first, oc = back ? ob->a_count : ob->b_count;
        if (oc == 0)
            continue;
        chance_keys += (double)n * tma_words_keys(to->words, oy, oc);
        chance_found += tma_words_matches(from->words, x, dx, to->words, oy, oc);
    }
    m->p1 = (found + LEXICAL_P1 * LEXICAL_PRIOR_WORDS) / (words + LEXICAL_PRIOR_WORDS);
    m->q = (chance_found + LEXICAL_Q * LEXICAL_PRIOR_KEYS) / (chance_keys + LEXICAL_PRIOR_KEYS);
}

/* How many of sentences [first, first + count) of SIDE have words (looked up, or with keys). */
static size_t with_words(const tma_align_side *side, size_t first, size_t count, int looked_up)
{
    size_t n = 0;
    for (size_t i = first; i < first + count; i++)
        n += looked_up ? tma_words_looked_up(side->words, i, 1) > 0
                       : tma_words_keys(side->words, i, 1) > 0;
    return n;
}

/* What the words of the alignment BEADS say about the documents as a whole (see
 * DOCUMENT_SHARE_TRUE): a log likelihood ratio, translation against unrelated text; INFINITY when
 * no sentence has words. */
double tma_lattice_document_llr(const tma_align_side *a, const tma_align_side *b,
                                const tma_align_params *p, const tma_bead *beads, size_t count)
{
    /* A's sentences are counted by their looked-up words or, where only B's are looked up (a
     * dictionary in one direction), by their keys; B's the other way round. */
    int a_looks = with_words(a, 0, a->n, 1) > 0, b_looks = with_words(b, 0, b->n, 1) > 0;
    size_t total_a = with_words(a, 0, a->n, a_looks), total_b = with_words(b, 0, b->n, !a_looks || b_looks);
    size_t paired_a = 0, paired_b = 0;
    const tma_lattice words_only = {.a = a, .b = b, .p = p};
    for (size_t k = 0; k < count; k++) {
        const tma_bead *bd = &beads[k];
        if (bd->a_count == 0 || bd->b_count == 0 ||
            tma_lattice_lexical_llr(&words_only, bd->a_first, bd->a_count, bd->b_first, bd->b_count) <= 0)
            continue;
        paired_a += with_words(a, bd->a_first, bd->a_count, a_looks);
        paired_b += with_words(b, bd->b_first, bd->b_count, !a_looks || b_looks);
    }
    double share_a = total_a ? (double)paired_a / (double)total_a : 0;
    double share_b = total_b ? (double)paired_b / (double)total_b : 0;
    size_t paired = share_a >= share_b ? paired_a : paired_b;
    size_t total = share_a >= share_b ? total_a : total_b;
    if (total == 0)
        return INFINITY;
    return (double)paired * log(DOCUMENT_SHARE_TRUE / DOCUMENT_SHARE_UNRELATED) +
           (double)(total - paired) *
               log((1 - DOCUMENT_SHARE_TRUE) / (1 - DOCUMENT_SHARE_UNRELATED));
}

