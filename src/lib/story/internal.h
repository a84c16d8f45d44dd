/* What the modules of a story share: its alignments of every pair, its units and its review. The
 * story's own code is story.c; the split of headlines glued to the next sentence, which changes
 * the docs and mends the alignments, is story/headlines.c. Nothing outside src/lib/story*
 * includes this: the rest of the library goes through story.h. */
#ifndef TMA_STORY_INTERNAL_H
#define TMA_STORY_INTERNAL_H

#include "align.h"
#include "review/review.h"
#include "story.h"

/* Alignments are kept for every pair of languages A < B, as beads of A with B: alone[A][B] on the
 * pair's own evidence (the pair files), agreed[A][B] after the other languages had their say
 * (the units; NULL with two languages, or until the pair is aligned again). */
struct tma_story {
    size_t n;
    const tma_doc *docs[TMA_MAX_LANGS];            /* borrowed */
    tma_bead *alone[TMA_MAX_LANGS][TMA_MAX_LANGS]; /* owned */
    size_t alone_counts[TMA_MAX_LANGS][TMA_MAX_LANGS];
    tma_bead *agreed[TMA_MAX_LANGS][TMA_MAX_LANGS]; /* owned */
    size_t agreed_counts[TMA_MAX_LANGS][TMA_MAX_LANGS];
    /* nulls[K][L][i]: how likely sentence i of K has no counterpart in L, by alone[][] (owned) */
    double *nulls[TMA_MAX_LANGS][TMA_MAX_LANGS];
    tma_unit *units; /* owned */
    size_t unit_count;
    /* translates[A][B], A < B: how probable it is, by their words, that A and B translate each
     * other (tma_align_translation_probability) */
    double translates[TMA_MAX_LANGS][TMA_MAX_LANGS];
    /* The review's units that fit, placed in the docs, and those that did not (owned). */
    tma_review_place *places;
    size_t place_count;
    tma_review_stale *stale;
    size_t stale_count;
    size_t decisions; /* in effect in the review */
};

/* With two versions: splits both where tma_resplit_find finds a headline glued to the next
 * sentence in the pair's alignment under FITTED, and mends the alignment to match rather than
 * aligning again. SENTENCES holds the docs' sentence counts and is kept up to date. */
int tma_story_split_headlines(tma_story *story, tma_worker *w, tma_doc *const *docs,
                              size_t *sentences, const tma_align_params *fitted, tma_error *err);

/* With three versions or more: where the first two agree that a headline runs into the next
 * sentence (tma_resplit_find on their alignment) and every other version follows, where its
 * alignment with the first puts a place whose pieces match (tma_resplit_follow) or two sentences
 * already, all are split. Stores in *split whether anything was; the story is then aligned again.
 */
int tma_story_split_headlines_all(int *split, const tma_story *story, tma_worker *w,
                                  tma_doc *const *docs, tma_align_params (*params)[TMA_MAX_LANGS],
                                  tma_error *err);

#endif
