/* The pool runs every job exactly once, on the threads it was given, and reports each one on the
 * calling thread. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "pool.h"

#include <pthread.h>
#include <time.h>

#define JOBS    500
#define THREADS 4

typedef struct counts {
    int ran[JOBS]; /* written by the job's thread only */
    size_t thread[JOBS];
    int reported[JOBS]; /* written by the calling thread only */
    pthread_t caller;
    int done_elsewhere;
    int slow;            /* 1: the reports take longer than the jobs */
    size_t max_waiting;  /* the most jobs waiting behind a report */
    size_t last_waiting; /* behind the last report */
} counts;

static void job(void *arg, size_t thread, size_t i)
{
    counts *c = arg;
    c->ran[i]++;
    c->thread[i] = thread;
}

static void done(void *arg, size_t i, size_t waiting)
{
    counts *c = arg;
    c->reported[i]++;
    if (waiting > c->max_waiting)
        c->max_waiting = waiting;
    c->last_waiting = waiting;
    if (c->slow)
        nanosleep(&(struct timespec){0, 200000}, NULL);
    if (!pthread_equal(pthread_self(), c->caller))
        c->done_elsewhere = 1;
}

static counts c;

static void check_run(size_t threads, size_t jobs)
{
    memset(&c, 0, sizeof c);
    c.caller = pthread_self();
    tma_pool_run(threads, jobs, job, done, &c);
    int once = 1, thread_ok = 1;
    for (size_t i = 0; i < jobs; i++) {
        once &= c.ran[i] == 1 && c.reported[i] == 1;
        thread_ok &= c.thread[i] < (threads ? threads : 1);
    }
    CHECK(once);
    CHECK(thread_ok);
    CHECK(!c.done_elsewhere);
}

int main(void)
{
    check_run(THREADS, JOBS);
    check_run(1, JOBS);
    check_run(THREADS, 3); /* fewer jobs than threads */
    check_run(THREADS, 0);
    check_run(0, 10); /* no thread asked for: the calling thread runs them */

    /* Reports slower than the jobs: jobs wait behind a report, but no more than the pool allows
     * (the threads wait for the reports), and none behind the last one. */
    memset(&c, 0, sizeof c);
    c.caller = pthread_self();
    c.slow = 1;
    tma_pool_run(THREADS, JOBS, job, done, &c);
    CHECK(c.max_waiting > 0);
    CHECK(c.max_waiting < TMA_POOL_MAX_WAITING + THREADS);
    CHECK_EQ_INT(c.last_waiting, 0);
    int all = 1;
    for (size_t i = 0; i < JOBS; i++)
        all &= c.ran[i] == 1 && c.reported[i] == 1;
    CHECK(all);
    CHECK(tma_pool_cores() >= 1);
    return check_summary();
}
