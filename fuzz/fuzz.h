/* What every fuzz target shares: the libFuzzer entry point, a check that stays on in release
 * builds, and the one ctx and worker that all inputs of a process reuse, as a thread of the
 * command would. */
#ifndef TMA_FUZZ_H
#define TMA_FUZZ_H

#include "tmalign.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Runs the stage on SIZE bytes at DATA (a buffer of exactly that size) and aborts when an
 * invariant breaks. libFuzzer calls it; built with gcc, replay.c calls it on each seed file. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken invariant: assert() is compiled out in release builds, this is not. */
#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond);          \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* The process's worker, built on first use and kept (still reachable) until exit. */
static inline tma_worker *fuzz_worker(void)
{
    static tma_ctx *ctx;
    static tma_worker *w;
    if (w == NULL) {
        tma_error err = {0};
        if (tma_ctx_new(&ctx, NULL, &err) < 0 || tma_worker_new(&w, ctx, &err) < 0) {
            fprintf(stderr, "fuzz: cannot start: %s\n", err.message);
            abort();
        }
    }
    return w;
}

/* The lines of TEXT[0..len), the last one counted without its line end. */
static inline long fuzz_line_count(const char *text, size_t len)
{
    long lines = 0;
    for (size_t i = 0; i < len; i++)
        lines += text[i] == '\n';
    return lines + (len > 0 && text[len - 1] != '\n');
}

/* What every refusal must look like: the code returned is the one in ERR, a known status, and
 * the message is one non-empty line. */
static inline void fuzz_check_error(int rc, const tma_error *err)
{
    FUZZ_CHECK(rc < 0 && rc >= TMA_ERR_DATA);
    FUZZ_CHECK(err->code == rc);
    FUZZ_CHECK(err->message[0] != '\0');
    FUZZ_CHECK(strchr(err->message, '\n') == NULL);
    FUZZ_CHECK(err->line >= 0 && err->column >= 0);
    FUZZ_CHECK(err->column == 0 || err->line > 0);
}

#endif
