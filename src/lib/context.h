/* The shared context and the per-thread worker. */
#ifndef TMA_CONTEXT_H
#define TMA_CONTEXT_H

#include "align.h"
#include "segment.h"
#include "tmalign.h"

struct tma_ctx {
    tma_options options;
};

struct tma_worker {
    const tma_ctx *ctx;          /* borrowed */
    tma_seg_iterators iterators; /* owned */
    tma_align_scratch scratch;   /* owned */
};

#endif
