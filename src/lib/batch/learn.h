/* A batch's learned lexicons (issue 18): for each pair of the run's languages that has neither a
 * dictionary nor a glossary, a lexicon learned over the whole corpus (learn.h), kept in the
 * output folder as lexicon.L1-L2.learned and read from there by the next run. */
#ifndef TMA_BATCH_LEARN_H
#define TMA_BATCH_LEARN_H

#include "corpus.h"
#include "outdir.h"

#include <stdint.h>

/* The file name of pair L1-L2's learned lexicon in a batch's output: "lexicon.L1-L2" this. */
#define TMA_LEARNED_SUFFIX ".learned"

/* Gives CTX a learned lexicon for each pair of CORPUS's languages without word knowledge, unless
 * CTX's options leave word knowledge out: read from OUTPUT/lexicon.L1-L2.learned when that exists
 * and FORCE is 0, else learned over every story of CORPUS's folder (every shard's: each shard of
 * a run learns the same lexicon) by aligning each on WORKERS[0..threads) and learning from the
 * 1-1 units it is sure of, and written there. STOPPED() (may be NULL) is asked between stories;
 * when it says 1, nothing is written and *stopped is set. *fingerprint receives a hash of the
 * lexicons given (0: none), for the run's options. Returns 0, or a negative tma_status with
 * *err filled (a learned file that cannot be read names itself and says to delete it). */
int tma_batch_learn(tma_ctx *ctx, const tma_corpus *corpus, tma_worker **workers, size_t threads,
                    const char *output, int force, int (*stopped)(void), int *was_stopped,
                    uint64_t *fingerprint, tma_error *err);

/* Stages in STAGED, for the merge of the folders INPUTS[0..count) into OUTPUT, each pair's
 * learned lexicon from the first input that has one, checked as the next run would read it (the
 * runs merged learned the same ones: their manifests' options say so). Returns 0, or a negative
 * tma_status with *err filled. */
int tma_batch_learned_stage(tma_staged *staged, const char *const *inputs, size_t count,
                            char (*langs)[TMA_LANG_BYTES], size_t lang_count, const char *output,
                            tma_error *err);

#endif
