/* The checks of a long story's joined units on a thread of their own, run ahead of the TMX writer
 * that notes them (tma_qa_start_ahead): on long/hard-s1 they were 0.13 of the writer's 0.31 s,
 * most of it spelling the other side's words in Latin, and the writer would otherwise do both on
 * one core. */
#include "qa.h"

#include "context.h"
#include "pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

/* The checking thread says how far it got every this many units. */
#define AHEAD_STEP 64

struct tma_qa_ahead {
    tma_qa mine;     /* the story's measures and results; a transliterator and scratch of its own */
    tma_worker *w;   /* owned: the thread's transliterator */
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t moved;
    size_t done;     /* units [0, done) are checked; under LOCK */
    int finished;    /* the thread checks no more; under LOCK */
    atomic_int stop; /* asks the thread to stop before the next unit */
};

/* Tells the waiting writer that units [0, DONE) are checked and, with FINISHED, that no more
 * will be. */
static void publish(tma_qa_ahead *a, size_t done, int finished)
{
    pthread_mutex_lock(&a->lock);
    a->done = done;
    a->finished = finished;
    pthread_cond_broadcast(&a->moved);
    pthread_mutex_unlock(&a->lock);
}

static void *ahead_main(void *arg)
{
    tma_qa_ahead *a = arg;
    size_t count, i = 0;
    (void)tma_story_units(a->mine.story, &count);
    for (; i < count && !atomic_load(&a->stop); i++) {
        const tma_qa_result *r;
        tma_error ignored;
        /* A failure leaves the unit unchecked: the writer checks it again and reports. */
        if (tma_qa_story_unit(&r, &a->mine, i, &ignored) < 0)
            break;
        if ((i + 1) % AHEAD_STEP == 0)
            publish(a, i + 1, 0);
    }
    publish(a, i, 1);
    return NULL;
}

void tma_qa_start_ahead(tma_qa *qa, tma_worker *w, size_t min_units)
{
    size_t count;
    (void)tma_story_units(qa->story, &count);
    if (qa->ahead != NULL || count < min_units || tma_pool_cores() < 2)
        return;
    tma_qa_ahead *a = calloc(1, sizeof *a);
    tma_error ignored;
    if (a == NULL)
        return;
    if (tma_worker_new(&a->w, tma_worker_ctx(w), &ignored) < 0) {
        free(a);
        return;
    }
    a->mine = *qa;
    a->mine.translit = tma_worker_translit(a->w);
    a->mine.skeleton = a->mine.other = a->mine.word = (tma_buf)TMA_BUF_INIT;
    atomic_init(&a->stop, 0);
    int locks = pthread_mutex_init(&a->lock, NULL) == 0;
    int conds = locks && pthread_cond_init(&a->moved, NULL) == 0;
    if (conds && pthread_create(&a->thread, NULL, ahead_main, a) == 0) {
        qa->ahead = a;
        return;
    }
    if (conds)
        pthread_cond_destroy(&a->moved);
    if (locks)
        pthread_mutex_destroy(&a->lock);
    tma_worker_free(a->w);
    free(a);
}

void tma_qa_ahead_wait(tma_qa_ahead *a, size_t i)
{
    pthread_mutex_lock(&a->lock);
    while (a->done <= i && !a->finished)
        pthread_cond_wait(&a->moved, &a->lock);
    pthread_mutex_unlock(&a->lock);
}

void tma_qa_stop_ahead(tma_qa *qa)
{
    tma_qa_ahead *a = qa->ahead;
    if (a == NULL)
        return;
    atomic_store(&a->stop, 1);
    pthread_join(a->thread, NULL);
    tma_buf_free(&a->mine.skeleton);
    tma_buf_free(&a->mine.other);
    tma_buf_free(&a->mine.word);
    pthread_cond_destroy(&a->moved);
    pthread_mutex_destroy(&a->lock);
    tma_worker_free(a->w);
    free(a);
    qa->ahead = NULL;
}
