/* Every output file goes through tma_outfile: it is written to a temporary file in the same
 * folder and renamed over the final path only when complete, flushed and synced. A failed or
 * interrupted run therefore leaves the last good file as it was. */
#ifndef TMA_OUTFILE_H
#define TMA_OUTFILE_H

#include "tmalign.h"

#include <stdio.h>
#include <time.h>

typedef struct tma_outfile {
    FILE *fp;         /* open for writing while the outfile is open */
    char *path;       /* the final path (owned) */
    char *temp_path;  /* the temporary file beside it (owned) */
    int committed;
    int write_errno;  /* errno of the first write that failed, 0 if none */
    int finished;     /* complete, synced and closed, but not renamed yet */
    /* 1: neither the file nor its folder is synced to disk, for a file whose loss in a crash
     * only costs work done again (a batch's state files). The rename stays all-or-nothing. */
    int no_sync;
} tma_outfile;

#define TMA_OUTFILE_INIT {NULL, NULL, NULL, 0, 0, 0, 0}

/* Creates a temporary file beside PATH (PATH.tmp.XXXXXX) and opens it for writing, locked (an
 * fcntl write lock) until it is closed. */
int tma_outfile_open(tma_outfile *out, const char *path, tma_error *err);

/* Writes LEN bytes at DATA. A failure (a full disk) is remembered with its errno for
 * tma_outfile_commit to report, and later writes are skipped: callers may write on without
 * checking. Returns 0, or -1 once a write has failed. */
int tma_outfile_write(tma_outfile *out, const void *data, size_t len);

/* Checks that every write succeeded, flushes, syncs and closes the temporary file, without renaming
 * it yet: a writer of several files finishes them all before it commits any, so that a full disk
 * leaves every earlier file as it was. On failure the temporary file is left for
 * tma_outfile_discard to remove. */
int tma_outfile_finish(tma_outfile *out, tma_error *err);

/* Flushes OUTS[0..count) and has the system start writing their data to the disk, without
 * waiting for it: finishing them, later, then waits less. */
void tma_outfile_start_writeback(tma_outfile *outs, size_t count);

/* Finishes OUT if that is not done yet and renames the temporary file over the final path. On
 * failure the temporary file is left for tma_outfile_discard to remove. */
int tma_outfile_commit(tma_outfile *out, tma_error *err);

/* Commits OUTS[0..count) in order: their data is sent to the disk for all of them
 * (tma_outfile_start_writeback), so that the syncs' waits overlap; each is finished where it is
 * not, all before the first is renamed; then each folder they are in is synced once, not once per
 * file. Stops at the first failure; the files before it are in place. */
int tma_outfile_commit_all(tma_outfile *outs, size_t count, tma_error *err);

/* As tma_outfile_commit_all, but neither starts the writeback nor syncs the folders: for a writer
 * that commits the files of many stories in one folder, starts the writeback of them all first
 * and syncs the folder once, with tma_outfile_sync_folder. */
int tma_outfile_rename_all(tma_outfile *outs, size_t count, tma_error *err);

/* Syncs the folder that holds PATH, so that renames into it survive a crash. Failure to sync a
 * folder is not reported: some file systems do not support it, and the files themselves are
 * synced. */
void tma_outfile_sync_folder(const char *path);

/* What tma_outfile_open puts between the final name and six random letters or digits to name its
 * temporary file: "OUT.tmx.~tmalign~AbC123". No user names a file so, which is what allows
 * tma_outfile_remove_stale to delete such files ("thesis.tmp.draft1" is a user's). */
#define TMA_OUTFILE_TEMP_MARKER ".~tmalign~"

/* Removes the temporary files that interrupted runs left in folder DIR: regular files of this
 * user named PREFIX...TMA_OUTFILE_TEMP_MARKER"XXXXXX" (PREFIX NULL: any name), last changed before
 * BEFORE (to the nanosecond: a run killed in the second the next one starts leaves nothing), that
 * no process is writing: tma_outfile_open holds a lock on its temporary file while it
 * is open, which a killed process no longer does. Best effort: a file that cannot be checked or
 * removed stays. */
void tma_outfile_remove_stale(const char *dir, const char *prefix, const struct timespec *before);

/* Closes and removes the temporary file unless committed, and frees what OUT holds. Safe to call
 * on an outfile that was never opened. */
void tma_outfile_discard(tma_outfile *out);

#endif
