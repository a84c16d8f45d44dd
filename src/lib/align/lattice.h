/* The aligner's lattice and the evidence beside lengths, shared by the files of the aligner:
 * align.c runs the dynamic programme over it; anchors.c scores a bead's numbers and names;
 * lexical.c scores its words and the documents as a whole (issue 18); pins.c finds where a long
 * document's first band runs, band.c lays each pass's band out, span.c finds text beyond the
 * translation. Internal: align.h is the
 * interface. */
#ifndef TMA_ALIGN_LATTICE_H
#define TMA_ALIGN_LATTICE_H

#include "align.h"

#include <stddef.h>
#include <stdint.h>

/* Word evidence (words.h). Before a pair's own figures are fitted, a looked-up word finds a
 * translation in its counterpart with probability LEXICAL_P1 and by chance with LEXICAL_Q per key
 * of the other side; the fitted figures are shrunk toward these as if they had
 * LEXICAL_PRIOR_WORDS words and LEXICAL_PRIOR_KEYS word-key pairs behind them. The likelihood ratio
 * of a bead enters its cost times LEXICAL_WEIGHT, chosen among 0.25-3 on hard-s1 (strict F1 en-ru
 * FLORES 0.985 at 0.5, 0.989 at 1 and 2; WMT22 0.985, 0.986, 0.985) and the Text+Berg
 * development document (0.807, 0.827, 0.835). */
#define LEXICAL_P1          0.4
#define LEXICAL_Q           0.004
#define LEXICAL_PRIOR_WORDS 200.0
#define LEXICAL_PRIOR_KEYS  4000.0
#define LEXICAL_WEIGHT      1.0
/* Two documents translate each other when most sentences of one of them are in beads whose words
 * match (a positive lexical_llr). Of the sentences with words on the side where that share is
 * higher, a translation has DOCUMENT_SHARE_TRUE so paired, unrelated text DOCUMENT_SHARE_UNRELATED.
 * Measured: the 205 en-ru documents of bench/clean 0.8 at the 2nd percentile (one at 0.33); a
 * document with three others' text after it on one side or both (tests/accuracy/invariance.py)
 * 0.7 at the least; 100 pairs of one document's English with another's Russian 0.43 at the 98th
 * percentile. From a prior of DOCUMENT_PRIOR_ODDS to 1. */
#define DOCUMENT_SHARE_TRUE      0.75
#define DOCUMENT_SHARE_UNRELATED 0.15
#define DOCUMENT_PRIOR_ODDS      2.0
#define TMA_BEAD_KIND_COUNT TMA_ALIGN_BEAD_KINDS

/* Sentence a of A and sentence b of B share an anchor, and hold its k-th occurrence each. */
typedef struct tma_pin {
    uint32_t a, b;
} tma_pin;

/* The sentences [a_lo, a_hi) of A and [b_lo, b_hi) of B that may be in a bead with the other
 * side's: the rest is text beyond the translation. */
typedef struct tma_align_span {
    size_t a_lo, a_hi, b_lo, b_hi;
} tma_align_span;

/* Finds in a first pass's BEADS (COUNT) of A and B text beyond the translation at either end
 * (span.c): a long run of one side's sentences left alone, from the paragraph it starts in the
 * bead beside it, if any. Stores the span the rest takes in *OUT (all of both sides if none) and
 * the beads over it, [*first, *end) of BEADS; returns 1 if an end was left out. */
int tma_lattice_translated_span(tma_align_span *out, size_t *first, size_t *end,
                                const tma_bead *beads, size_t count, const tma_align_side *a,
                                const tma_align_side *b);

/* A sentence's anchor keys as two Bloom filters: the verbatim words apart, which a Latin text has
 * many of but which meet only the few that a text in another script keeps (tma_anchors_meet), so
 * that they do not make other keys look shared; and how many of its anchors are numbers and
 * names, which a bead whose sides share no key has alone. */
typedef struct tma_anchor_sig {
    uint64_t keys, verbatim;
    uint32_t numbers, names;
    /* Its anchors in the side's ranked array: [first, next sentence's first), the verbatim ones
     * from verbatim_first on. */
    uint32_t first, verbatim_first;
} tma_anchor_sig;

/* An anchor with its keys' bits in the signatures. */
typedef struct tma_ranked_anchor {
    const tma_anchor *anchor;
    uint64_t bits;
} tma_ranked_anchor;

/* Everything one alignment needs, so the DP loops read plain arrays. */
typedef struct tma_lattice {
    const tma_align_side *a, *b;
    const tma_align_params *p;
    uint64_t *sum_a, *sum_b; /* prefix sums of chars: sum_a[i] = chars of a[0..i) */
    /* Per sentence: 64-bit signatures of its anchors' keys (Bloom filters with one bit per key)
     * and their counts; NULL without anchors. */
    tma_anchor_sig *sig_a, *sig_b;
    tma_ranked_anchor *ranked_a, *ranked_b; /* the anchors, as tma_anchor_sig says */
    double neg_log_prior[TMA_BEAD_KIND_COUNT];
    int lexical; /* both sides have words */
    const tma_align_hints *hints; /* HINT_COUNT third languages' say; NULL for none */
    size_t hint_count;
    const tma_pin *pins; /* PIN_COUNT pins that centre a first band; NULL for none */
    size_t pin_count;
    const tma_align_span *span; /* beads with both sides stay inside it; NULL: anywhere */
    size_t n, m;
    tma_align_scratch *s;
} tma_lattice;

static inline size_t tma_lattice_cell(const tma_align_scratch *s, size_t i, size_t j)
{
    return s->row_off[i] + (j - s->row_lo[i]);
}

static inline int tma_lattice_in_band(const tma_align_scratch *s, size_t i, size_t j)
{
    return j >= s->row_lo[i] && j <= s->row_hi[i];
}

/* Where the band is centred in each row: along the path of an earlier pass (GUIDE, COUNT beads),
 * or without one along a line from (0, 0) to (n, m): through L's pins, or without pins paragraph
 * by paragraph when both sides have as many paragraphs. Returns -1 when out of memory. */
int tma_lattice_set_guide(tma_lattice *L, const tma_bead *guide, size_t count);

/* Lays out a band of half-width W around the guide. Returns the cells it needs. */
size_t tma_lattice_layout_band(tma_lattice *L, size_t w);

/* The anchor evidence for a bead of a[i..i+da) and b[j..j+db), in nats (negative is for it). */
double tma_lattice_anchor_cost(const tma_lattice *L, size_t i, size_t da, size_t j, size_t db);

/* Fills the signature of each sentence of SIDE into a new array *SIG, and its anchors into *RANKED
 * (both freed by the caller). Returns -1 when out of memory. */
int tma_lattice_signatures(tma_anchor_sig **sig, tma_ranked_anchor **ranked,
                           const tma_align_side *side);

/* Pins for a long document's first pass: the pairs of sentences that share an anchor (a number or
 * name) found in as many sentences of each side, at most a few, the k-th of one side with the
 * k-th of the other; as the longest chain of them in order on both sides. Stores them in a new
 * array (*out, freed by the caller; NULL and 0 without anchors) and returns 0, or -1 when out of
 * memory. */
int tma_lattice_pins(tma_pin **out, size_t *count, const tma_align_side *a,
                     const tma_align_side *b);

/* The word evidence for a bead of a[i..i+da) and b[j..j+db): the log likelihood ratio, true
 * counterpart against unrelated text, of both directions that have looked-up words. L's
 * word-match cache serves when it has a scratch; without (L->s NULL) the words are counted. */
double tma_lattice_lexical_llr(const tma_lattice *L, size_t i, size_t da, size_t j, size_t db);

/* Room for the word-match cache of CELLS cells in S (0: no cache), all unknown. Returns -1 when
 * out of memory. */
int tma_lattice_reserve_matches(tma_align_scratch *s, size_t cells);

/* Fills the word-match cache for the cells of rows [FIRST_ROW, END_ROW) of L's band: what
 * tma_lattice_lexical_llr reads for the beads that start there. Rows apart may be filled on
 * threads apart. */
void tma_lattice_fill_matches(const tma_lattice *L, size_t first_row, size_t end_row);

/* Refits the lexical model of one direction (BACK: B's words in A) from the beads of a first
 * pass. */
void tma_lattice_refit_lexical(tma_lexical_model *m, const tma_bead *beads, size_t count,
                               const tma_align_side *a, const tma_align_side *b, int back);

/* What the words of the alignment BEADS say about the documents as a whole: a log likelihood
 * ratio, translation against unrelated text; INFINITY when no sentence has words. */
double tma_lattice_document_llr(const tma_align_side *a, const tma_align_side *b,
                                const tma_align_params *p, const tma_bead *beads, size_t count);

#endif
