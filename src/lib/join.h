/* A story: the pairwise alignments of every pair of its versions, made to agree with each other
 * (each pair aligned again with what the other languages say), joined into units that no bead of
 * any pair crosses. */
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

#endif
