/* The outputs of a whole batch or merge: corpus.tmx (with three languages or more, also
 * corpus.L1-L2.tmx per pair, as Trados and memoQ take one pair per memory) and the QA report,
 * built one story at a time in name order as the stories are done, then staged with the manifest
 * and put in place. */
#ifndef TMA_BATCH_OUTPUTS_H
#define TMA_BATCH_OUTPUTS_H

#include "outdir.h"

#include "report.h"
#include "tmx.h"
#include "tmxcopy.h"

/* Used on one thread. Start from TMA_OUTPUTS_INIT; free with tma_outputs_free. */
typedef struct tma_outputs {
    const char *output;     /* borrowed */
    tma_tmx_corpus *corpus; /* owned */
    /* With three languages or more, corpus.L1-L2.tmx of each pair (owned), the pair's language
     * indices in pair_langs. */
    tma_tmx_corpus *pairs[TMA_MAX_LANGS * (TMA_MAX_LANGS - 1) / 2];
    size_t pair_langs[TMA_MAX_LANGS * (TMA_MAX_LANGS - 1) / 2][2];
    size_t pair_count;
    tma_report report;      /* owned */
    int rc;                 /* the first failure, after which nothing is added */
    tma_error err;
} tma_outputs;

#define TMA_OUTPUTS_INIT                                                                           \
    {                                                                                              \
        .report = TMA_REPORT_INIT                                                                  \
    }

/* Starts O: the corpus.tmx of OUTPUT (and its pair files), with TMX's creation_time and its xml:lang from
 * TMX->lang_codes, and an empty QA report for LANGS[0..lang_count) with TMX->qa_threshold.
 * Returns 0, or a negative tma_status with *err filled; free O either way. */
int tma_outputs_begin(tma_outputs *o, const char *output, char (*langs)[TMA_LANG_BYTES],
                      size_t lang_count, const tma_tmx_options *tmx, tma_error *err);

/* Adds story S to O: its part to the report and, unless it failed, its <tu>s to corpus.tmx and
 * each pair's to corpus.L1-L2.tmx. A story that lacks a language (partial) adds its pairs' files
 * only: it has no file with every language. A story with a not-a-translation finding stays out of
 * corpus.tmx, and out of the pair files of the two versions the finding names: its units pair
 * sentences that say different things. The first failure is kept in O, and nothing is added
 * after it. */
void tma_outputs_add(tma_outputs *o, const tma_outdir_story *s);

/* Keeps E as O's failure unless O has one already, so that nothing is added after it: for a story
 * that cannot be added, as one whose report part could not be written. */
void tma_outputs_fail(tma_outputs *o, const tma_error *e);

/* Once every story of STORIES[0..count) (name order) is added to O: finishes corpus.tmx and
 * stages the QA report and the manifest in STAGED, for tma_outputs_commit. The manifest keeps
 * TMX's qa_threshold, lang_codes and tsv, and ALIGN_OPTIONS, for merges. Returns O's first failure or its own. */
int tma_outputs_finish(tma_outputs *o, char (*langs)[TMA_LANG_BYTES], size_t lang_count,
                       const tma_tmx_options *tmx, const char *align_options,
                       const tma_outdir_story *stories, size_t count, tma_staged *staged,
                       tma_error *err);

/* Renames corpus.tmx, its pair files and everything STAGED into place, each folder synced once. Renames within a
 * folder do not fail for want of space; should one fail all the same, those before it are in
 * place. */
int tma_outputs_commit(tma_outputs *o, tma_staged *staged, tma_error *err);

void tma_outputs_free(tma_outputs *o);

#endif
