/* A pool of threads that runs numbered jobs. As far as the pool knows a job never fails: each job
 * records its own status where its caller can read it once the pool has joined. */
#ifndef TMA_POOL_H
#define TMA_POOL_H

#include "tmalign.h"

#include <stddef.h>

/* Runs job JOB on thread THREAD (0 <= THREAD < the pool's threads), so that the caller can keep
 * one tma_worker per thread. */
typedef void (*tma_pool_job)(void *arg, size_t thread, size_t job);

/* Called on the thread that called tma_pool_run, once after each job, in the order the jobs
 * finish (not their order): for progress, and for work that can follow a job while the threads
 * go on with the next ones. WAITING: how many jobs that finished after this one wait to be
 * reported already, so that work can be done once for several (0: none). No more than a few jobs
 * wait: past that the threads wait for DONE. */
typedef void (*tma_pool_done)(void *arg, size_t job, size_t waiting);

/* Once this many finished jobs wait to be reported, the threads wait before they take another,
 * so that what finished jobs leave for DONE (open files, for a batch) stays bounded. */
#define TMA_POOL_MAX_WAITING 16

/* Runs JOB(arg, thread, i) once for every i in [0, count), on up to THREADS threads that take the
 * jobs in index order, and calls DONE (may be NULL) after each. With more than one thread, the
 * threads are the pool's own and the calling thread only reports; with one, the calling thread
 * does it all, so that a run asked for one thread keeps one processor busy. Returns when every
 * job has run and every thread has been joined. When threads cannot be started, the jobs run on
 * the threads that could be, or on the calling thread as thread 0: the pool always runs every
 * job. */
void tma_pool_run(size_t threads, size_t count, tma_pool_job job, tma_pool_done done, void *arg);

/* Gives the free memory of the threads' malloc arenas back to the system: glibc keeps an arena per
 * thread, and what a finished thread freed there stays out of the other threads' reach. */
void tma_pool_release_free(void);

/* The number of processors online, at least 1. */
size_t tma_pool_cores(void);

#endif
