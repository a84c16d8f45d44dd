/* A lexicon learned from aligned text (issue 18), for the pairs that no dictionary covers (en-hy,
 * ru-hy): which word keys (words.h) of one language translate which keys of the other, estimated
 * with IBM Model 1 (Brown et al. 1993) in both directions on the sentence pairs an earlier
 * alignment is sure of, and kept where both directions agree and the pair was seen more than
 * once. tma_batch_run learns one per pair over its corpus and keeps it in its output folder;
 * the aligner reads it beside the dictionaries (words.c).
 *
 * The file (docs/lexicons.md, "Learned lexicons"): a header line, then one key pair per line,
 *   # tmalign learned lexicon 1 en hy <sentence pairs>
 *   KEY_A TAB KEY_B TAB P(b|a) TAB P(a|b) TAB SEEN TAB STEM_A TAB STEM_B
 * with the keys as 8 hex digits, SEEN the sentence pairs that held both, and the stems for a
 * reader: the keys are hashes of them. */
#ifndef TMA_LEARN_H
#define TMA_LEARN_H

#include "buf.h"
#include "tmalign.h"

#include <stddef.h>
#include <stdint.h>

/* At most this many sentence pairs are learned from: the first ones given (a corpus's stories in
 * name order); beyond, Model 1's memory (its pair table) grows while its figures barely move. */
#define TMA_LEARN_MAX_PAIRS 40000

/* Collects sentence pairs, then learns. */
typedef struct tma_learner tma_learner;

/* A learned lexicon for languages A and B; only read once made, so threads may share it. */
typedef struct tma_learned tma_learned;

int tma_learner_new(tma_learner **out, tma_error *err);
void tma_learner_free(tma_learner *l);

/* Adds a sentence pair: the keys KA[0..na) of A's sentence, KB[0..nb) of B's (unique within a
 * sentence, not 0), and each key's stem (STEMS_A[k], NUL-terminated; may be NULL) for the file.
 * Pairs beyond TMA_LEARN_MAX_PAIRS are ignored. Returns 0, or -1 when out of memory. */
int tma_learner_add(tma_learner *l, const uint32_t *ka, const char *const *stems_a, size_t na,
                    const uint32_t *kb, const char *const *stems_b, size_t nb);

/* The sentence pairs added so far. */
size_t tma_learner_pairs(const tma_learner *l);

/* Learns from the pairs added: a lexicon for LA (the keys given as A) and LB, in *out (free with
 * tma_learned_free). Returns 0, or TMA_ERR_NOMEM. */
int tma_learner_finish(tma_learned **out, tma_learner *l, const char *la, const char *lb,
                       tma_error *err);

void tma_learned_free(tma_learned *learned);

/* Language A (SIDE 0) or B (SIDE 1) of LEARNED. */
const char *tma_learned_lang(const tma_learned *learned, int side);

/* The key pairs LEARNED holds. */
size_t tma_learned_size(const tma_learned *learned);

/* The keys of language B (FROM_B: of A) that translate KEY of language A (FROM_B: of B), best
 * first; *count receives how many (0: none). Borrowed from LEARNED. */
const uint32_t *tma_learned_translations(const tma_learned *learned, int from_b, uint32_t key,
                                         size_t *count);

/* Appends LEARNED to OUT in the file's format. Returns 0, or -1 when out of memory. */
int tma_learned_write(const tma_learned *learned, tma_buf *out);

/* Reads a learned lexicon from the LEN bytes at DATA; NAME stands for the file in messages.
 * TMA_ERR_DATA with the line for anything that is not the format above. */
int tma_learned_parse(tma_learned **out, const char *name, const char *data, size_t len,
                      tma_error *err);

#endif
