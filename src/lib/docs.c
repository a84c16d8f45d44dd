/* tma_docs_read_files: the versions of one story read side by side, so that a long document's
 * reading and splitting, a good share of its alignment's time, takes the time of its longest
 * version rather than of all of them. */
#define _POSIX_C_SOURCE 200809L
#include "tmalign.h"

#include "context.h"
#include "error.h"
#include "pool.h"

#include <stdlib.h>
#include <sys/stat.h>

/* Below this many bytes in all, the files are read one after the other: a thread and a worker
 * cost more than they save. */
#define PARALLEL_READ_MIN_BYTES ((off_t)1 << 20)

typedef struct read_job {
    tma_doc **out;
    const char *const *paths, *const *langs;
    tma_worker *workers[TMA_MAX_LANGS];
    int rc[TMA_MAX_LANGS];
    tma_error err[TMA_MAX_LANGS];
} read_job;

static void read_one(void *arg, size_t thread, size_t k)
{
    read_job *job = arg;
    job->rc[k] = tma_doc_read_file(&job->out[k], job->workers[thread], job->paths[k],
                                   job->langs[k], &job->err[k]);
}

/* How many threads are worth it for the N files: one when they are short or few. */
static size_t threads_for(const char *const *paths, size_t n)
{
    off_t bytes = 0;
    for (size_t k = 0; k < n; k++) {
        struct stat st;
        if (stat(paths[k], &st) == 0 && S_ISREG(st.st_mode))
            bytes += st.st_size;
    }
    size_t cores = tma_pool_cores();
    return bytes < PARALLEL_READ_MIN_BYTES ? 1 : n < cores ? n : cores;
}

int tma_docs_read_files(tma_doc **out, tma_worker *w, const char *const *paths,
                        const char *const *langs, size_t n, tma_error *err)
{
    for (size_t k = 0; k < n; k++)
        out[k] = NULL;
    if (n > TMA_MAX_LANGS)
        return tma_error_set(err, TMA_ERR_USAGE, NULL, 0, 0,
                             "a story has at most %d versions, not %zu", TMA_MAX_LANGS, n);
    read_job *job = calloc(1, sizeof *job);
    if (job == NULL)
        return tma_error_nomem(err, "reading the documents");
    job->out = out;
    job->paths = paths;
    job->langs = langs;
    job->workers[0] = w;
    /* A worker that cannot be made leaves fewer threads, never a failure. */
    size_t threads = threads_for(paths, n);
    tma_error ignored;
    for (size_t t = 1; t < threads; t++) {
        if (tma_worker_new(&job->workers[t], tma_worker_ctx(w), &ignored) < 0) {
            threads = t;
            break;
        }
    }
    tma_pool_run(threads, n, read_one, NULL, job);
    int rc = 0;
    for (size_t k = 0; k < n && rc == 0; k++) {
        if (job->rc[k] < 0) {
            rc = job->rc[k];
            *err = job->err[k];
        }
    }
    for (size_t k = 0; k < n && rc < 0; k++) {
        tma_doc_free(out[k]);
        out[k] = NULL;
    }
    for (size_t t = 1; t < threads; t++)
        tma_worker_free(job->workers[t]);
    free(job);
    return rc;
}
