/* Length-based sentence alignment after Gale & Church (1993): dynamic programming over sentence
 * lengths in characters, in a band around the diagonal that widens where the best path touches
 * its edge, with paragraph breaks as soft evidence. Each bead of the best path gets its posterior
 * probability from forward-backward over the same lattice. */
#ifndef TMA_ALIGN_H
#define TMA_ALIGN_H

#include "tmalign.h"

#include <stddef.h>
#include <stdint.h>

struct tma_words;

/* The bead kinds: 1-1, 1-0, 0-1, 2-1, 1-2, 2-2, 3-1, 1-3 (align.c). */
#define TMA_ALIGN_BEAD_KINDS 8

/* One side of a pair: a document's sentences as the aligner sees them. */
typedef struct tma_align_side {
    const uint32_t *chars;     /* length of each sentence in code points */
    const uint8_t *para_start; /* 1 where a sentence starts a paragraph */
    size_t n;                  /* sentences */
    /* Optional (NULL for length alone): each sentence's anchors are
     * anchors[anchor_first[i] .. anchor_first[i] + anchor_count[i]). */
    const tma_anchor *anchors;
    const uint32_t *anchor_first, *anchor_count;
    /* Optional (NULL: no word knowledge): the sentences' words and their translations into the
     * other side's language (words.h). */
    const struct tma_words *words;
} tma_align_side;

/* The lexical model of one direction of a pair: a looked-up word of one side finds one of its
 * translations in a true counterpart with probability p1, and by chance in a span of L keys of
 * an unrelated one with probability 1 - exp(-q L). */
typedef struct tma_lexical_model {
    double p1, q;
} tma_lexical_model;

typedef struct tma_align_params {
    double c;                 /* expected characters of B per character of A */
    double s2;                /* variance of that, per character of A */
    double paragraph_penalty; /* nats for a bead whose sides disagree on a paragraph break */
    size_t band;              /* half-width of the first band in sentences; 0 for the default */
    double anchor_weight;     /* scales the anchor evidence; 0 leaves it out */
    double lexical_weight;    /* scales the word evidence in the search; 0 leaves it out */
    tma_lexical_model lexical[2]; /* A's words in B, B's words in A */
    /* What the words say about the two documents as a whole: the log likelihood ratio that they
     * translate each other rather than being unrelated texts; every bead's score is scaled by
     * it. INFINITY when the words cannot tell (no lexicon, too few words). */
    double document_llr;
    /* Each bead kind's prior probability, refitted from a first pass; all 0 for Gale & Church's
     * (align.c). */
    double prior[TMA_ALIGN_BEAD_KINDS];
} tma_align_params;

typedef struct tma_bead {
    uint32_t a_first, a_count; /* sentences [a_first, a_first + a_count) of side A */
    uint32_t b_first, b_count;
    double score;              /* posterior probability of the bead, in [0, 1] */
} tma_bead;

/* The DP matrices, reused from one alignment to the next by one thread. */
typedef struct tma_align_scratch {
    double *cost, *alpha, *beta;
    uint8_t *back;
    float *bead;          /* per cell, the cost of each bead kind that ends there */
    size_t cap;           /* cells allocated in cost and back */
    size_t posterior_cap; /* cells allocated in alpha and beta */
    size_t bead_cap;      /* cells allocated in bead */
    /* Per cell (i, j), words found, 255 where not counted yet: [d - 1] how many of A's sentence
     * i's words are found in B's sentences [j, j + d), [3 + d - 1] of B's sentence j's in A's
     * [i, i + d), for d = 1..3. */
    uint8_t *matches;
    size_t matches_cap;
    size_t *row_lo, *row_hi, *row_off, *guide_lo, *guide_hi;
    size_t row_cap;
} tma_align_scratch;

#define TMA_ALIGN_SCRATCH_INIT {0}

void tma_align_scratch_free(tma_align_scratch *s);

/* Gale & Church's own parameters: c = 1, s2 = 6.8, paragraph penalty as documented. */
tma_align_params tma_align_default_params(void);

/* Aligns A with B. On success stores the beads of the best path in document order in *out (free
 * with free()), their number in *count, and returns 0. Every sentence of A and of B is in exactly
 * one bead. */
int tma_align_pair(tma_bead **out, size_t *count, const tma_align_side *a, const tma_align_side *b,
                   const tma_align_params *params, tma_align_scratch *scratch, tma_error *err);

/* Per sentence of A (a[i]) and of B (b[j]): the posterior probability that it has no
 * counterpart on the other side, summed over every path of the lattice, not only the best one. */
typedef struct tma_align_nulls {
    double *a, *b; /* A's and B's sentence counts of elements, filled by the aligner */
} tma_align_nulls;

/* Aligns A with B with c and s2 fitted to this pair of documents: c from their total lengths,
 * s2 from the 1-1 beads of a first pass (best path only) that starts from PRIOR (shrunk toward
 * PRIOR when there are few); the second pass searches a band around the first pass's path.
 * Stores the fitted parameters in *fitted when it is not NULL, and fills NULLS when it is not
 * NULL. */
int tma_align_pair_fitted(tma_bead **out, size_t *count, tma_align_params *fitted,
                          const tma_align_side *a, const tma_align_side *b,
                          const tma_align_params *prior, tma_align_scratch *scratch,
                          tma_align_nulls *nulls, tma_error *err);

/* What a third language says about a pair: through its own alignments with A and with B, each
 * sentence x of A links to the sentences [a_lo[x], a_hi[x]) of B (a_lo == a_hi: to none, x has no
 * counterpart in B), with a confidence a_weight[x] in [0, 1] (0: the third language says nothing
 * about x, as when x has no counterpart in it); likewise each sentence of B to sentences of A. */
typedef struct tma_align_hints {
    const uint32_t *a_lo, *a_hi, *b_lo, *b_hi;
    const float *a_weight, *b_weight;
} tma_align_hints;

/* Aligns A with B again with PARAMS as fitted by tma_align_pair_fitted, in a band around the path
 * GUIDE (GUIDE_COUNT beads) of an earlier alignment, with the evidence of HINT_COUNT third
 * languages: a bead that puts a sentence where a hint does not costs in proportion to the hint's
 * weight. Stores the beads as tma_align_pair does. */
int tma_align_pair_hinted(tma_bead **out, size_t *count, const tma_align_side *a,
                          const tma_align_side *b, const tma_align_params *params,
                          const tma_align_hints *hints, size_t hint_count, const tma_bead *guide,
                          size_t guide_count, tma_align_scratch *scratch, tma_error *err);

/* How probable it is, by their words (P->document_llr and its prior), that the two documents P was
 * fitted to translate each other: 1 when the words cannot tell. */
double tma_align_translation_probability(const tma_align_params *p);

/* How sure the alignment BEADS[0..count) is on the whole: the mean of its beads' scores, summed
 * in order; 1 when there are no beads, as an empty alignment leaves nothing in doubt. */
double tma_align_mean_score(const tma_bead *beads, size_t count);

/* The prior variance for aligning language LA with LB (primary subtags). */
double tma_align_prior_s2(const char *la, const char *lb);

#endif
