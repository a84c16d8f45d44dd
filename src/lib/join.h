/* The join of a story's pairwise alignments: each pair aligned again with what the other languages
 * say (tma_join_agree_pair), and all of them joined into units that no bead of any pair crosses
 * (tma_join_units). The story object that holds them is story.c's. Layer: after align and
 * resplit, below story. */
#ifndef TMA_JOIN_H
#define TMA_JOIN_H

#include "align.h"
#include "tmalign.h"

/* Joins the pairwise alignments PAIRS[a][b] (language a with language b, for every a < b < N;
 * SENTENCES[k] sentences in language k) into units in document order: each unit is the smallest
 * group of sentences that no bead of any pair crosses. A unit's score is the lowest score of the
 * beads in it. Stores a new array in *out (free with free()). */
int tma_join_units(tma_unit **out, size_t *count, size_t n, const size_t *sentences,
                   const tma_bead *const (*pairs)[TMA_MAX_LANGS],
                   const size_t (*pair_counts)[TMA_MAX_LANGS], tma_error *err);

/* Aligns pair (A, B), A < B < N, again, told by every other language Z where its sentences belong:
 * through PAIRS[a][z] and PAIRS[z][b] (the latest alignment of each pair, as for tma_join_units).
 * SIDE_A and SIDE_B are languages A and B as the aligner sees them for this pair, PARAMS the pair's fitted length model, and GUIDE
 * (GUIDE_COUNT beads) the pair's alignment alone, around which the search runs. Stores the beads as
 * tma_align_pair does (free with free()). */
int tma_join_agree_pair(tma_bead **out, size_t *count, size_t n, const size_t *sentences,
                        const tma_bead *const (*pairs)[TMA_MAX_LANGS],
                        const size_t (*pair_counts)[TMA_MAX_LANGS],
                        const tma_align_side *side_a, const tma_align_side *side_b,
                        const tma_align_params *params, size_t a, size_t b, const tma_bead *guide,
                        size_t guide_count, tma_align_scratch *scratch, tma_error *err);

#endif
