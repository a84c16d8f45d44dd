/* The shared context and the per-thread worker. */
#ifndef TMA_CONTEXT_H
#define TMA_CONTEXT_H

#include "align.h"
#include "anchor.h"
#include "bounds.h"
#include "segment.h"
#include "stem.h"
#include "tmalign.h"

#include <pthread.h>

/* The languages with their own splitting rules in src/data; others get the generic rules. */
#define TMA_RULE_LANGS {"en", "ru", "hy"}
#define TMA_RULE_LANG_COUNT 3

/* Built once and then only read, except the dictionaries, which load on first use under their
 * own lock. */
struct tma_ctx {
    tma_options options;
    tma_seg_rules rules[TMA_RULE_LANG_COUNT + 1]; /* the last: generic */
    tma_anchor_tables anchors;
    tma_stem_dicts dicts;
    /* tma_ctx_preload's thread, to join while PRELOADING, and what it loads. */
    pthread_t preloader;
    int preloading, preloaded;
    char preload_langs[TMA_MAX_LANGS][TMA_LANG_BYTES];
    size_t preload_count;
};

/* The splitting rules for LANG (its primary subtag decides). Borrowed from CTX. */
const tma_seg_rules *tma_ctx_rules(const tma_ctx *ctx, const char *lang);

struct tma_worker {
    tma_ctx *ctx;                /* borrowed; only its dictionaries change */
    tma_seg_iterators iterators; /* owned */
    tma_anchor_scratch anchors;  /* owned */
    tma_align_scratch scratch;   /* owned */
};

#endif
