/* A story: the pairwise alignments of the source document with each other version, joined
 * through the source into units that hold every language. */
#ifndef TMA_JOIN_H
#define TMA_JOIN_H

#include "align.h"
#include "tmalign.h"

/* Joins the pairwise alignments PAIRS[k] (source with language k, k = 1..n-1; PAIRS[0] unused)
 * into units in document order: each unit is the smallest group of sentences that no bead of any
 * pair crosses. A unit's score is the lowest score of the beads in it. Stores a new array in *out
 * (free with free()). */
int tma_join_pivot(tma_unit **out, size_t *count, size_t n, tma_bead *const *pairs,
                   const size_t *pair_counts, tma_error *err);

#endif
