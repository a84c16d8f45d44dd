/* The story object: a story's versions, the alignment of every pair of them on its own evidence
 * and after the other languages had their say, each sentence's null posterior, and the units
 * that join them. tma_story_align builds it (aligning every pair, splitting glued headlines with
 * resplit, agreeing and joining with join); tmx, qa and report read it through the tma_story_*
 * accessors of tmalign.h. Layer: above join and resplit, below tmx and report. */
#ifndef TMA_STORY_H
#define TMA_STORY_H

#include "align.h"
#include "tmalign.h"

/* The latest alignment of languages A < B of STORY: after the other languages had their say when
 * there are three or more, else on the pair's own evidence. *count receives the number of beads.
 * Borrowed, valid until the story is freed. */
const tma_bead *tma_story_pair_beads(const tma_story *story, size_t a, size_t b, size_t *count);

/* How probable it is, by their words, that versions A < B of STORY translate each other (1 when
 * the pair has no word knowledge to tell). */
double tma_story_pair_translation(const tma_story *story, size_t a, size_t b);

#endif
