#include "context.h"

#include "error.h"

#include <stdlib.h>

#include <libxml/parser.h>

int tma_ctx_new(tma_ctx **out, const tma_options *options, tma_error *err)
{
    *out = NULL;
    tma_ctx *ctx = calloc(1, sizeof *ctx);
    if (ctx == NULL)
        return tma_error_nomem(err, "starting");
    if (options != NULL)
        ctx->options = *options;
    if (ctx->options.paragraph_penalty < 0) {
        free(ctx);
        return tma_error_set(err, TMA_ERR_USAGE, NULL, 0, 0,
                             "the paragraph penalty must not be negative");
    }
    if (ctx->options.paragraph_penalty == 0)
        ctx->options.paragraph_penalty = tma_align_default_params().paragraph_penalty;
    /* libxml2's global set-up, here on the thread that builds the context, before any worker. */
    xmlInitParser();
    *out = ctx;
    return 0;
}

void tma_ctx_free(tma_ctx *ctx)
{
    free(ctx);
}

int tma_worker_new(tma_worker **out, const tma_ctx *ctx, tma_error *err)
{
    *out = NULL;
    tma_worker *w = calloc(1, sizeof *w);
    if (w == NULL)
        return tma_error_nomem(err, "starting a worker");
    w->ctx = ctx;
    *out = w;
    return 0;
}

void tma_worker_free(tma_worker *w)
{
    if (w == NULL)
        return;
    tma_seg_iterators_free(&w->iterators);
    tma_align_scratch_free(&w->scratch);
    free(w);
}
