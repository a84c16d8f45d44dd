/* The pool runs every job exactly once, on the threads it was given, and reports each one on the
 * calling thread. */
#include "check.h"
#include "pool.h"

#include <pthread.h>

#define JOBS    500
#define THREADS 4

typedef struct counts {
    int ran[JOBS]; /* written by the job's thread only */
    size_t thread[JOBS];
    int reported[JOBS]; /* written by the calling thread only */
    pthread_t caller;
    int done_elsewhere;
} counts;

static void job(void *arg, size_t thread, size_t i)
{
    counts *c = arg;
    c->ran[i]++;
    c->thread[i] = thread;
}

static void done(void *arg, size_t i)
{
    counts *c = arg;
    c->reported[i]++;
    if (!pthread_equal(pthread_self(), c->caller))
        c->done_elsewhere = 1;
}

static void check_run(size_t threads, size_t jobs)
{
    static counts c;
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
    CHECK(tma_pool_cores() >= 1);
    return check_summary();
}
