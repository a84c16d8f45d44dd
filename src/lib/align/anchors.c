#include "lattice.h"

#include "anchor.h"

#include <stdlib.h>

/* Anchor evidence, in nats. A name or lexicon name on both sides of a bead is far likelier in a
 * true bead than between neighbouring sentences that do not translate each other; a number more
 * so the more digits it has; a number on one side only argues against the bead. The name and
 * lone-number weights were chosen among 2-3 and 1-2 on the shared benchmark (hard-s1 strict F1
 * en-ru FLORES 0.949 -> 0.950, WMT22 0.958 -> 0.960, en-hy 0.957 -> 0.959; clean unchanged). */
#define ANCHOR_NAME_MATCH    3.0
#define ANCHOR_LEXICON_MATCH 1.0
/* A Latin word that a Russian or Armenian text keeps as written ("BBC", "Royal Blood"): as strong
 * as a name, 3, made bench/clean ru-hy 0.9970 -> 0.9963. */
#define ANCHOR_VERBATIM_MATCH 2.0
#define ANCHOR_NUMBER_MATCH  1.0 /* plus NUMBER_DIGIT for each digit, up to four */
#define ANCHOR_NUMBER_DIGIT  0.5
#define ANCHOR_NUMBER_ALONE  1.5
/* Names on each side of a bead that meet nothing on the other say that the sides speak of
 * different people and places: a sentence replaced by an unrelated one of about its length
 * ("His wife Rachel Nicola said ..." against "Дейв Стауфер сообщил ..."), which length and
 * words alone let pass at 0.99. One such pair is forgiven, as a true bead often has one name
 * spelt past the transliteration's reach; each pair beyond it costs ANCHOR_NAMES_APART. At 2
 * from the second pair (bench/qa-precision.sh): the QA variant's unaligned recall 0.895 ->
 * 0.904 at precision 0.914 -> 0.921, bench/hard-s1's unaligned precision 0.907 as before; strict
 * F1 hard-s1 FLORES en-ru 0.9900 -> 0.9918, variant seed 2 WMT22 0.9807 -> 0.9817, seed 3 ru-hy
 * 0.9836 -> 0.9842, Text+Berg 0.8502 -> 0.8512, no pair of bench/ or the variants lower. From the
 * first pair on, at 2: hard-s1 FLORES 0.9929 but its unaligned precision 0.895; at 1, 0.9918 and
 * en-ru-hy 0.9805. */
#define ANCHOR_NAMES_APART   2.0
#define NAMES_APART_FORGIVEN 1
/* The most anchors of one side of a bead that are compared. */
#define MAX_BEAD_ANCHORS 32

/* Gathers the anchors of sentences [first, first + count) of SIDE into OUT, the verbatim ones
 * last, which a Latin text has many of (every capitalised noun of German); returns how many. */
static size_t gather_anchors(const tma_anchor **out, const tma_align_side *side, size_t first,
                             size_t count)
{
    size_t n = 0;
    for (int verbatim = 0; verbatim <= 1; verbatim++) {
        for (size_t i = first; i < first + count; i++) {
            const tma_anchor *a = side->anchors + side->anchor_first[i];
            for (uint32_t k = 0; k < side->anchor_count[i] && n < MAX_BEAD_ANCHORS; k++) {
                if ((a[k].kind == TMA_ANCHOR_VERBATIM) == verbatim)
                    out[n++] = &a[k];
            }
        }
    }
    return n;
}

static double number_weight(const tma_anchor *a)
{
    return ANCHOR_NUMBER_MATCH + ANCHOR_NUMBER_DIGIT * (a->digits < 4 ? a->digits : 4);
}

/* What names that meet nothing on the other side cost a bead: LONE_A of A's, LONE_B of B's. */
static double names_apart_cost(uint32_t lone_a, uint32_t lone_b)
{
    uint32_t pairs = lone_a < lone_b ? lone_a : lone_b;
    return pairs > NAMES_APART_FORGIVEN ? (pairs - NAMES_APART_FORGIVEN) * ANCHOR_NAMES_APART : 0;
}

/* 1 if anchor X meets one of ANCHORS[0..n). */
static int meets_any(const tma_anchor *x, const tma_anchor *const *anchors, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (tma_anchors_meet(x, anchors[k]))
            return 1;
    }
    return 0;
}

/* The anchor evidence for a bead of a[i..i+da) and b[j..j+db), in nats (negative is for it):
 * each anchor of A is paired with the first unpaired anchor of B it meets. */
double tma_lattice_anchor_cost(const tma_lattice *L, size_t i, size_t da, size_t j, size_t db)
{
    tma_anchor_sig sig_a = {0, 0, 0, 0}, sig_b = {0, 0, 0, 0};
    for (size_t x = i; x < i + da; x++) {
        sig_a.keys |= L->sig_a[x].keys;
        sig_a.verbatim |= L->sig_a[x].verbatim;
        sig_a.numbers += L->sig_a[x].numbers;
        sig_a.names += L->sig_a[x].names;
    }
    for (size_t y = j; y < j + db; y++) {
        sig_b.keys |= L->sig_b[y].keys;
        sig_b.verbatim |= L->sig_b[y].verbatim;
        sig_b.numbers += L->sig_b[y].numbers;
        sig_b.names += L->sig_b[y].names;
    }
    /* No key in common: every number and name stands alone. Most cells of the band are such
     * beads. */
    if ((sig_a.keys & sig_b.keys) == 0 && (sig_a.verbatim & sig_b.verbatim) == 0)
        return ((sig_a.numbers + sig_b.numbers) * ANCHOR_NUMBER_ALONE +
                names_apart_cost(sig_a.names, sig_b.names)) *
               L->p->anchor_weight;
    const tma_anchor *xa[MAX_BEAD_ANCHORS], *xb[MAX_BEAD_ANCHORS];
    size_t na = gather_anchors(xa, L->a, i, da), nb = gather_anchors(xb, L->b, j, db);
    if (na == 0 && nb == 0)
        return 0;
    uint32_t used = 0; /* bit k: xb[k] is paired */
    double cost = 0;
    /* Names apart cost nothing unless both sides have more than the forgiven ones. */
    int names_apart = sig_a.names > NAMES_APART_FORGIVEN && sig_b.names > NAMES_APART_FORGIVEN;
    uint32_t lone_a = 0, lone_b = 0;
    for (size_t x = 0; x < na; x++) {
        size_t y = 0;
        while (y < nb && ((used >> y & 1) || !tma_anchors_meet(xa[x], xb[y])))
            y++;
        if (y < nb) {
            used |= 1u << y;
            cost -= xa[x]->kind == TMA_ANCHOR_NUMBER     ? number_weight(xa[x])
                    : xa[x]->kind == TMA_ANCHOR_NAME     ? ANCHOR_NAME_MATCH
                    : xa[x]->kind == TMA_ANCHOR_VERBATIM ? ANCHOR_VERBATIM_MATCH
                                                         : ANCHOR_LEXICON_MATCH;
        } else if (xa[x]->kind == TMA_ANCHOR_NUMBER) {
            cost += ANCHOR_NUMBER_ALONE;
        } else if (names_apart && xa[x]->kind == TMA_ANCHOR_NAME) {
            lone_a += !meets_any(xa[x], xb, nb); /* it may meet one paired already */
        }
    }
    for (size_t y = 0; y < nb; y++) {
        if (used >> y & 1)
            continue;
        if (xb[y]->kind == TMA_ANCHOR_NUMBER)
            cost += ANCHOR_NUMBER_ALONE;
        else if (names_apart && xb[y]->kind == TMA_ANCHOR_NAME)
            lone_b += !meets_any(xb[y], xa, na);
    }
    return (cost + names_apart_cost(lone_a, lone_b)) * L->p->anchor_weight;
}

static uint64_t key_bit(uint64_t key)
{
    return 1ull << (key >> 58);
}

/* Fills the signature of each sentence of SIDE into a new array. */
int tma_lattice_signatures(tma_anchor_sig **sig, const tma_align_side *side)
{
    *sig = malloc((side->n + 1) * sizeof **sig);
    if (*sig == NULL)
        return -1;
    for (size_t i = 0; i < side->n; i++) {
        const tma_anchor *a = side->anchors + side->anchor_first[i];
        tma_anchor_sig s = {0, 0, 0, 0};
        for (uint32_t k = 0; k < side->anchor_count[i]; k++) {
            uint64_t *filter = a[k].kind == TMA_ANCHOR_VERBATIM ? &s.verbatim : &s.keys;
            *filter |= key_bit(a[k].key) | key_bit(a[k].alt_key);
            s.numbers += a[k].kind == TMA_ANCHOR_NUMBER;
            s.names += a[k].kind == TMA_ANCHOR_NAME;
        }
        (*sig)[i] = s;
    }
    return 0;
}

