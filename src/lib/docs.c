/* tma_docs_read_files: the versions of one story read side by side, so that a long document's
 * reading and splitting, a good share of its alignment's time, takes the time of its longest
 * version rather than of all of them. Each thread then builds the words of the doc it read for
 * the story (doc.h), instead of waiting for the other docs to be read first: the doc that is
 * slowest to read (Russian, with its dictionary) is quick to build words for, the one slowest to
 * build words for (English, that the lexicons answer) quick to read. */
#define _POSIX_C_SOURCE 200809L
#include "tmalign.h"

#include "context.h"
#include "doc.h"
#include "error.h"
#include "pool.h"
#include "story.h"

#include <stdlib.h>
#include <sys/stat.h>

/* Below this many bytes in all, the files are read one after the other: a thread and a worker
 * cost more than they save. */
#define PARALLEL_READ_MIN_BYTES ((off_t)1 << 20)

typedef struct read_job {
    tma_doc **out;
    size_t n;
    int with_words; /* build each doc's words once it is read */
    const char *const *paths, *const *langs;
    tma_worker *workers[TMA_MAX_LANGS];
    int rc[TMA_MAX_LANGS];
    tma_error err[TMA_MAX_LANGS];
} read_job;

/* Builds the words of doc K toward the language of every other doc, as tma_story_align would, and
 * gives them to the doc to keep. A failure here is none: the story then builds the words itself
 * and reports what fails. */
static void build_words(read_job *job, size_t k, tma_worker *w)
{
    tma_ctx *ctx = tma_worker_ctx(w);
    for (size_t j = 0; j < job->n; j++) {
        if (j == k)
            continue;
        tma_words_source sources[2];
        tma_error ignored;
        const tma_words_source *src = &sources[k < j ? 0 : 1];
        if (tma_story_words_sources(&sources[0], &sources[1], ctx, job->langs[k < j ? k : j],
                                    job->langs[k < j ? j : k], &ignored) <= 0)
            continue;
        tma_words words;
        if (tma_words_build(&words, job->out[k], tma_ctx_anchor_tables(ctx), job->langs[j], src,
                            &ignored) == 0)
            (void)tma_doc_keep_words(job->out[k], &words, job->langs[j], src);
    }
}

static void read_one(void *arg, size_t thread, size_t k)
{
    read_job *job = arg;
    job->rc[k] = tma_doc_read_file(&job->out[k], job->workers[thread], job->paths[k],
                                   job->langs[k], &job->err[k]);
    if (job->rc[k] == 0 && job->with_words)
        build_words(job, k, job->workers[thread]);
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
    job->n = n;
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
    job->with_words = threads > 1;
    tma_pool_run(threads, n, read_one, NULL, job);
    /* Else the words' temporaries, freed in the threads' arenas, stay in the peak (story.c). */
    if (job->with_words)
        tma_pool_release_free();
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
