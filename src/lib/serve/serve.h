/* `tmalign review`'s server, private to src/lib/serve/: the HTTP side (server.c: libmicrohttpd,
 * the checks every request passes, the routes) and the stories it shows and re-aligns
 * (stories.c). Everything here runs on the server's one thread: the worker, the report and the
 * stories' arenas are never shared. */
#ifndef TMA_SERVE_H
#define TMA_SERVE_H

#include "batch/outdir.h"
#include "report.h"

#include <sys/stat.h>

/* A story as the page shows it now: re-aligned with its review file here when that file has
 * changed since, else as the batch's report part has it. */
typedef struct tma_serve_story {
    tma_arena arena;        /* STORY's strings when re-aligned here */
    tma_report_story story; /* valid when realigned */
    int realigned;
    struct stat review_seen; /* the review file when STORY was made (st_size -1: none) */
    long undo;               /* the decision an undo takes back, 0 when none */
} tma_serve_story;

/* The folder served and what the page shows of it. */
typedef struct tma_serve_stories {
    char folder[TMA_PATH_BYTES];
    tma_ctx *ctx;
    tma_worker *w;
    tma_report report;        /* every story's part as the last batch wrote it */
    tma_serve_story *current; /* report.story_count of them */
    tma_report view;          /* REPORT with each story as CURRENT has it (stories malloc'd) */
    /* An align output's input files (INPUT_COUNT of them); 0 for a batch's folder, whose state
     * files name each story's. */
    char inputs[TMA_MAX_LANGS][TMA_PATH_BYTES];
    size_t input_count;
} tma_serve_stories;

/* Reads the batch output FOLDER (its manifest and report parts) into S and makes its ctx from
 * BASE (may be NULL) and the alignment options the batch recorded, with the lexicons the batch
 * learned. */
int tma_serve_stories_open(tma_serve_stories *s, const char *folder, const tma_options *base,
                           tma_error *err);
/* Reads the align output TMX (X.tmx, its review file X.review.jsonl) into S: one story X, the
 * N files FILES in languages LANGS, aligned at once with its review. */
int tma_serve_stories_open_align(tma_serve_stories *s, const char *tmx, const char *const *files,
                                 const char *const *langs, size_t n, const tma_options *base,
                                 tma_error *err);
void tma_serve_stories_free(tma_serve_stories *s);

/* The index of the story NAME (LEN bytes), or S->report.story_count when there is none. */
size_t tma_serve_story_find(const tma_serve_stories *s, const char *name, size_t len);

/* Brings story I up to date with its review file (re-aligning it when the file changed) and
 * S->view with it. Returns 0, or a negative tma_status with *err filled. */
int tma_serve_story_refresh(tma_serve_stories *s, size_t i, tma_error *err);

/* Appends the decision BODY (LEN bytes of JSON, as the page sends it) to story I's review file
 * and re-aligns the story with it; *id receives the decision's id. */
int tma_serve_story_decide(tma_serve_stories *s, size_t i, const char *body, size_t len, long *id,
                           tma_error *err);

#endif
