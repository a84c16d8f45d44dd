/* The ctx and the worker of a unit test that reads documents: made at the start of main, freed at
 * its end. */
#ifndef TMA_TEST_WORKER_H
#define TMA_TEST_WORKER_H

#include "tmalign.h"

#include <stdio.h>

/* Makes *CTX with the default options and *W on it; says why on stderr and returns -1 if it
 * cannot. */
static int test_worker_start(tma_ctx **ctx, tma_worker **w)
{
    tma_error err = {0};
    *ctx = NULL;
    *w = NULL;
    if (tma_ctx_new(ctx, NULL, &err) < 0 || tma_worker_new(w, *ctx, &err) < 0) {
        fprintf(stderr, "set-up failed: %s\n", err.message);
        return -1;
    }
    return 0;
}

#endif
