/* The ctx and the worker of a unit test that reads documents: made at the start of main, freed at
 * its end. */
#ifndef TMA_TEST_WORKER_H
#define TMA_TEST_WORKER_H

#include "tmalign.h"

#include <stdio.h>
#include <string.h>

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

/* Reads the N texts TEXTS[k] = {language, text} into DOCS through W, each named after its
 * language; says why on stderr and returns -1 if one cannot be read. */
static inline int test_read_docs(tma_doc **docs, tma_worker *w, const char *const (*texts)[2],
                                 size_t n)
{
    for (size_t k = 0; k < n; k++) {
        tma_error err = {0};
        if (tma_doc_read_mem(&docs[k], w, texts[k][0], texts[k][1], strlen(texts[k][1]),
                             texts[k][0], &err) < 0) {
            fprintf(stderr, "reading %s: %s\n", texts[k][0], err.message);
            return -1;
        }
    }
    return 0;
}

#endif
