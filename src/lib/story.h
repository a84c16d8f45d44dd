/* The story object: a story's versions, the alignment of every pair of them on its own evidence
 * and after the other languages had their say, each sentence's null posterior, and the units
 * that join them. tma_story_align builds it (aligning every pair, splitting glued headlines with
 * resplit, agreeing and joining with join); tmx, qa and report read it through the tma_story_*
 * accessors of tmalign.h. Layer: above join and resplit, below tmx and report. */
#ifndef TMA_STORY_H
#define TMA_STORY_H

#include "align.h"
#include "tmalign.h"
#include "words.h"

/* The latest alignment of languages A < B of STORY: after the other languages had their say when
 * there are three or more, else on the pair's own evidence. *count receives the number of beads.
 * Borrowed, valid until the story is freed. */
const tma_bead *tma_story_pair_beads(const tma_story *story, size_t a, size_t b, size_t *count);

/* How probable it is, by their words, that versions A < B of STORY translate each other (1 when
 * the pair has no word knowledge to tell). */
double tma_story_pair_translation(const tma_story *story, size_t a, size_t b);

/* Where the words of a pair's docs find their translations, as tma_story_align builds them: *AB
 * for the doc in LA toward LB, *BA for the doc in LB toward LA (LA the earlier of the two in the
 * story). Returns 1 when the pair has word knowledge, 0 when it has none (the story builds no
 * words for it; *AB and *BA are left alone), or the negative tma_status of a lexicon that failed to
 * load, with *err filled. Threads may call it at once. */
int tma_story_words_sources(tma_words_source *ab, tma_words_source *ba, tma_ctx *ctx,
                            const char *la, const char *lb, tma_error *err);

#endif
