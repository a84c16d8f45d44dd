/* The shared context and the per-thread worker. */
#ifndef TMA_CONTEXT_H
#define TMA_CONTEXT_H

#include "align.h"
#include "segment.h"
#include "tmalign.h"

/* The languages with their own splitting rules in src/data; others get the generic rules. */
#define TMA_RULE_LANGS {"en", "ru", "hy"}
#define TMA_RULE_LANG_COUNT 3

struct tma_ctx {
    tma_options options;
    tma_seg_rules rules[TMA_RULE_LANG_COUNT + 1]; /* the last: generic */
};

/* The splitting rules for LANG (its primary subtag decides). Borrowed from CTX. */
const tma_seg_rules *tma_ctx_rules(const tma_ctx *ctx, const char *lang);

struct tma_worker {
    const tma_ctx *ctx;          /* borrowed */
    tma_seg_iterators iterators; /* owned */
    tma_align_scratch scratch;   /* owned */
};

#endif
