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

static uint64_t key_bit(uint64_t key)
{
    return 1ull << (key >> 58);
}

/* One side of a bead: the anchors that may meet one of the other side's, and what those that
 * cannot meet any already tell. */
typedef struct bead_side {
    const tma_anchor *may_meet[MAX_BEAD_ANCHORS];
    size_t count;
    uint32_t numbers_alone, names_alone;
} bead_side;

/* Gathers the anchors of sentences [first, first + count) of a side (SIG, RANKED), the verbatim
 * ones last (a Latin text has many: every capitalised noun of German), at most MAX_BEAD_ANCHORS of
 * them; those whose keys are not in OTHER, the other side's signature, can meet none of its anchors
 * and are only counted, so that the pairing compares the few that can. */
static void gather_anchors(bead_side *out, const tma_anchor_sig *sig,
                           const tma_ranked_anchor *ranked, size_t first, size_t count,
                           const tma_anchor_sig *other)
{
    size_t seen = 0;
    out->count = out->numbers_alone = out->names_alone = 0;
    for (int verbatim = 0; verbatim <= 1; verbatim++) {
        uint64_t filter = verbatim ? other->verbatim : other->keys;
        for (size_t i = first; i < first + count; i++) {
            size_t lo = verbatim ? sig[i].verbatim_first : sig[i].first;
            size_t hi = verbatim ? sig[i + 1].first : sig[i].verbatim_first;
            for (size_t k = lo; k < hi && seen < MAX_BEAD_ANCHORS; k++, seen++) {
                const tma_anchor *a = ranked[k].anchor;
                if (ranked[k].bits & filter)
                    out->may_meet[out->count++] = a;
                else {
                    out->numbers_alone += a->kind == TMA_ANCHOR_NUMBER;
                    out->names_alone += a->kind == TMA_ANCHOR_NAME;
                }
            }
        }
    }
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
    tma_anchor_sig sig_a = {0}, sig_b = {0};
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
    bead_side sa, sb;
    gather_anchors(&sa, L->sig_a, L->ranked_a, i, da, &sig_b);
    gather_anchors(&sb, L->sig_b, L->ranked_b, j, db, &sig_a);
    const tma_anchor *const *xa = sa.may_meet, *const *xb = sb.may_meet;
    size_t na = sa.count, nb = sb.count;
    uint32_t used = 0; /* bit k: xb[k] is paired */
    double cost = (sa.numbers_alone + sb.numbers_alone) * ANCHOR_NUMBER_ALONE;
    /* Names apart cost nothing unless both sides have more than the forgiven ones. */
    int names_apart = sig_a.names > NAMES_APART_FORGIVEN && sig_b.names > NAMES_APART_FORGIVEN;
    uint32_t lone_a = sa.names_alone, lone_b = sb.names_alone;
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

/* Fills the signature of each sentence of SIDE into a new array, and its anchors into RANKED. */
int tma_lattice_signatures(tma_anchor_sig **sig, tma_ranked_anchor **ranked,
                           const tma_align_side *side)
{
    size_t total = 0;
    for (size_t i = 0; i < side->n; i++)
        total += side->anchor_count[i];
    *sig = malloc((side->n + 1) * sizeof **sig);
    *ranked = malloc((total + 1) * sizeof **ranked);
    if (*sig == NULL || *ranked == NULL || total > UINT32_MAX)
        return -1;
    size_t at = 0;
    for (size_t i = 0; i < side->n; i++) {
        const tma_anchor *a = side->anchors + side->anchor_first[i];
        tma_anchor_sig s = {0};
        s.first = (uint32_t)at;
        for (int verbatim = 0; verbatim <= 1; verbatim++) {
            if (verbatim)
                s.verbatim_first = (uint32_t)at;
            for (uint32_t k = 0; k < side->anchor_count[i]; k++) {
                if ((a[k].kind == TMA_ANCHOR_VERBATIM) != verbatim)
                    continue;
                uint64_t bits = key_bit(a[k].key) | key_bit(a[k].alt_key);
                *(verbatim ? &s.verbatim : &s.keys) |= bits;
                s.numbers += a[k].kind == TMA_ANCHOR_NUMBER;
                s.names += a[k].kind == TMA_ANCHOR_NAME;
                (*ranked)[at++] = (tma_ranked_anchor){&a[k], bits};
            }
        }
        (*sig)[i] = s;
    }
    (*sig)[side->n] = (tma_anchor_sig){.first = (uint32_t)at};
    return 0;
}

