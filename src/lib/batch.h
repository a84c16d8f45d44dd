/* Batch alignment of a corpus: one folder per language, stories matched by file name, aligned on
 * a pool of threads into OUT; and the merge of several such OUT folders (shards). The public entry
 * points are tma_batch_run, tma_batch_merge and tma_batch_stop in tmalign.h.
 *
 * The module is the folder batch/, one job per file, each stage including only those before it:
 *   corpus.c   the corpus: its language folders, its stories, the names a story may have, shards
 *   outdir.c   OUT: its lock, stale files, each story's paths, state files and the manifest
 *   outputs.c  corpus.tmx and the QA report, built one story at a time in name order
 *   merge.c    tma_batch_merge
 *   batch.c    tma_batch_run: the jobs, the pool's callbacks, progress
 * This header holds what every stage uses (defined in corpus.c).
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

#include "bounds.h"

#include <stdint.h>

/* FNV-1a, 64 bits, of LEN bytes at DATA, continuing from H (start from TMA_FNV_OFFSET). */
#define TMA_FNV_OFFSET 14695981039346656037ull
uint64_t tma_batch_hash(uint64_t h, const void *data, size_t len);

/* 1 if story NAME belongs to shard K (1-based) of N: its hash decides, so a story stays in its
 * shard as the corpus grows. */
int tma_batch_in_shard(const char *name, unsigned k, unsigned n);

/* Writes A "/" B C into BUF (TMA_PATH_BYTES). Returns 0, or TMA_ERR_USAGE naming folder A in
 * *err (which may be NULL) when the path does not fit. */
int tma_batch_path_join(char *buf, const char *a, const char *b, const char *c, tma_error *err);

#endif
