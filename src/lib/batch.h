/* Batch alignment of a corpus: one folder per language, stories matched by file name, aligned on
 * a pool of threads into OUT; and the merge of several such OUT folders (shards). The public entry
 * points are tma_batch_run, tma_batch_merge and tma_batch_stop in tmalign.h.
 *
 * OUT holds, for each story NAME, NAME.tmx and its pair files; for the run, corpus.tmx and the QA
 * report (qa.json, qa.tsv, qa.html); and in OUT/.tmalign what a later run or a merge needs:
 *   manifest.tsv           the run's languages, threshold and stories (name in hex, status)
 *   lock                   held (fcntl) while a run or merge writes to OUT
 *   stories/ID.state       the inputs and options the story's outputs were made from
 *   stories/ID.qa.xml      the story's part of the QA report
 * where ID is the story name's 64-bit FNV-1a hash in hex, so that any name fits. */
#ifndef TMA_BATCH_H
#define TMA_BATCH_H

#include "tmalign.h"

#include <stdint.h>

/* FNV-1a, 64 bits, of LEN bytes at DATA, continuing from H (start from TMA_FNV_OFFSET). */
#define TMA_FNV_OFFSET 14695981039346656037ull
uint64_t tma_batch_hash(uint64_t h, const void *data, size_t len);

/* 1 if story NAME belongs to shard K (1-based) of N: its hash decides, so a story stays in its
 * shard as the corpus grows. */
int tma_batch_in_shard(const char *name, unsigned k, unsigned n);

#endif
