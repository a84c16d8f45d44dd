/* Review files (docs/review-schema.md): a story's decisions as JSON Lines, read and replayed
 * (read.c), checked (decision.c) and appended to under a lock (append.c); and what the decisions
 * do to an alignment (match.c finds the units in the docs, constrain.c makes a pair's beads hold
 * them). Layer: above align and join, below story. */
#ifndef TMA_REVIEW_H
#define TMA_REVIEW_H

#include "align.h"
#include "tmalign.h"

#include <jansson.h>

#define TMA_REVIEW_SCHEMA "tmalign-review/1"

/* One decision, checked: an undo, or units in a view. */
typedef struct tma_review_decision {
    long id; /* 0 when the line has none (as a page sends it) */
    int is_undo;
    long undoes; /* the id an undo names */
    size_t view_count;
    size_t view[TMA_MAX_LANGS]; /* the view's languages, as indices into the run's */
    json_t *units;              /* borrowed from the decision's object */
} tma_review_decision;

/* Checks OBJ, a decision as docs/review-schema.md says, against the run's languages
 * LANGS[0..n); WITH_ID: it must have "id" and "time" (a line of the file), else it must not (as a
 * page sends it). Fills *out and returns 0, or returns TMA_ERR_INPUT or TMA_ERR_LIMIT with what
 * is wrong in WHY (SIZE bytes), for the caller to place. */
int tma_review_check_decision(tma_review_decision *out, json_t *obj, const char *const *langs,
                              size_t n, int with_id, char *why, size_t size);

/* Checks OBJ as a header line; fills STORY (borrowed from OBJ) and LANGS[0..*n) (borrowed).
 * Returns 0, or TMA_ERR_INPUT with what is wrong in WHY. */
int tma_review_check_header(const char **story, const char **langs, size_t *n, json_t *obj,
                            char *why, size_t size);

/* As tma_review_read, from LEN bytes at DATA; PATH names the file in messages. */
int tma_review_parse(tma_review **out, const char *data, size_t len, const char *path,
                     tma_error *err);

/* A review unit placed in a story's docs: for each doc k, sentences [first[k], first[k] +
 * count[k]); in[k] says whether language k is in the unit's view. */
typedef struct tma_review_place {
    size_t unit; /* index into tma_review_units */
    int status;
    int in[TMA_MAX_LANGS];
    /* 1: one bead in each pair of its view. 0: a unit of every language of a story of three or
     * more, which each pair aligns freely inside its borders (a pair may be finer than the unit
     * of all three) and the join makes one unit. */
    int one_bead;
    uint32_t first[TMA_MAX_LANGS], count[TMA_MAX_LANGS];
} tma_review_place;

/* Finds REVIEW's units in DOCS[0..n): the fitting ones, later ones overriding the earlier ones
 * they share a sentence with, in *places (a new array, free()), ordered by the first language's
 * position; the others in *stale (a new array, free() it and each text). */
int tma_review_match(tma_review_place **places, size_t *place_count, tma_review_stale **stale,
                     size_t *stale_count, const tma_review *review, const tma_doc *const *docs,
                     size_t n, tma_error *err);

/* Makes BEADS (*count, a new array replaced by a new one) of pair (A, B) respect each of PLACES
 * that has a side in A or B: no bead crosses its borders, and a place with one_bead is one bead,
 * scored 1. The stretches between the places (and inside those without one_bead) keep the old
 * beads that stay inside them and are aligned again with PARAMS where they cannot (SIDE_A and
 * SIDE_B as the aligner sees the docs). */
int tma_review_constrain_pair(tma_bead **beads, size_t *count, const tma_review_place *places,
                              size_t place_count, size_t a, size_t b, const tma_align_side *side_a,
                              const tma_align_side *side_b, const tma_align_params *params,
                              tma_align_scratch *scratch, tma_error *err);

#endif
