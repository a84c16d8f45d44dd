#define _POSIX_C_SOURCE 200809L
#include "pool.h"

#include <pthread.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdlib.h>
#include <unistd.h>

typedef struct pool {
    pthread_mutex_t lock;
    pthread_cond_t finished_cond; /* signalled when a job finishes */
    pthread_cond_t reported_cond; /* signalled when the calling thread has reported jobs */
    size_t count;
    size_t next;      /* the next job to hand out; under LOCK */
    size_t *finished; /* jobs in the order they finished: [0, finished_count); under LOCK */
    size_t finished_count;
    size_t reported; /* the first REPORTED of FINISHED are reported; under LOCK */
    tma_pool_job job;
    void *arg;
} pool;

typedef struct pool_thread {
    pool *pool;
    size_t index;
} pool_thread;

static void *thread_main(void *p)
{
    pool_thread *t = p;
    pool *pl = t->pool;
    for (;;) {
        pthread_mutex_lock(&pl->lock);
        while (pl->next < pl->count && pl->finished_count - pl->reported >= TMA_POOL_MAX_WAITING)
            pthread_cond_wait(&pl->reported_cond, &pl->lock);
        size_t job = pl->next < pl->count ? pl->next++ : pl->count;
        pthread_mutex_unlock(&pl->lock);
        if (job == pl->count)
            return NULL;
        pl->job(pl->arg, t->index, job);
        pthread_mutex_lock(&pl->lock);
        pl->finished[pl->finished_count++] = job;
        pthread_cond_signal(&pl->finished_cond);
        pthread_mutex_unlock(&pl->lock);
    }
}

/* The pool's fallback: every job on the calling thread. */
static void run_here(size_t from, size_t count, tma_pool_job job, tma_pool_done done, void *arg)
{
    for (size_t i = from; i < count; i++) {
        job(arg, 0, i);
        if (done != NULL)
            done(arg, i, 0);
    }
}

void tma_pool_run(size_t threads, size_t count, tma_pool_job job, tma_pool_done done, void *arg)
{
    if (threads > count)
        threads = count;
    pool pl = {.count = count, .job = job, .arg = arg};
    pthread_t *ids = threads > 1 ? calloc(threads, sizeof *ids) : NULL;
    pool_thread *ts = threads > 1 ? calloc(threads, sizeof *ts) : NULL;
    pl.finished = threads > 1 ? calloc(count, sizeof *pl.finished) : NULL;
    int made = 0; /* of the lock and the two conditions */
    if (ids != NULL && ts != NULL && pl.finished != NULL) {
        made += pthread_mutex_init(&pl.lock, NULL) == 0;
        made += made == 1 && pthread_cond_init(&pl.finished_cond, NULL) == 0;
        made += made == 2 && pthread_cond_init(&pl.reported_cond, NULL) == 0;
    }
    if (made < 3) {
        if (made > 1)
            pthread_cond_destroy(&pl.finished_cond);
        if (made > 0)
            pthread_mutex_destroy(&pl.lock);
        free(ids);
        free(ts);
        free(pl.finished);
        run_here(0, count, job, done, arg);
        return;
    }
    size_t started = 0;
    for (size_t t = 0; t < threads; t++) {
        ts[t] = (pool_thread){&pl, t};
        if (pthread_create(&ids[t], NULL, thread_main, &ts[t]) != 0)
            break;
        started++;
    }
    if (started == 0) {
        /* Not one thread: the calling thread is thread 0. */
        pl.next = count;
        run_here(0, count, job, done, arg);
    }
    /* Report each job as it finishes, on this thread, until every job has been reported. */
    size_t reported = started ? 0 : count;
    pthread_mutex_lock(&pl.lock);
    while (reported < count) {
        while (reported == pl.finished_count)
            pthread_cond_wait(&pl.finished_cond, &pl.lock);
        size_t upto = pl.finished_count;
        pthread_mutex_unlock(&pl.lock);
        for (; reported < upto; reported++) {
            if (done != NULL)
                done(arg, pl.finished[reported], upto - reported - 1);
        }
        pthread_mutex_lock(&pl.lock);
        pl.reported = reported;
        pthread_cond_broadcast(&pl.reported_cond);
    }
    pthread_mutex_unlock(&pl.lock);
    for (size_t t = 0; t < started; t++)
        pthread_join(ids[t], NULL);
    pthread_cond_destroy(&pl.reported_cond);
    pthread_cond_destroy(&pl.finished_cond);
    pthread_mutex_destroy(&pl.lock);
    free(ids);
    free(ts);
    free(pl.finished);
}

size_t tma_pool_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (size_t)n : 1;
}

void tma_pool_release_free(void)
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}
