/* tma_batch_run: the run of a batch. It lists the corpus, makes a job of each story and runs the
 * jobs on a pool of threads; each worker aligns its story and writes its files without putting
 * them in place; the calling thread puts them in place several stories at once, reports
 * progress and adds each story to corpus.tmx and the report in name order. */
#define _POSIX_C_SOURCE 200809L
#include "corpus.h"
#include "learn.h"
#include "outputs.h"

#include "arena.h"
#include "context.h"
#include "error.h"
#include "pool.h"
#include "qa.h"
#include "review/review.h"
#include "stem.h"
#include "table.h"
#include "text.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static atomic_int stop_requested;

void tma_batch_stop(void)
{
    atomic_store(&stop_requested, 1);
}

static int stop_was_requested(void)
{
    return atomic_load(&stop_requested);
}

/* ---- The run's stories --------------------------------------------------------------------- */

enum { JOB_STOPPED, JOB_ALIGNED, JOB_SKIPPED, JOB_FAILED };

typedef struct batch_job {
    const tma_corpus_story *story; /* borrowed from the run's corpus */
    int outcome;                   /* JOB_*: set by the worker that ran the job */
    int reported;                  /* 1 once the calling thread has heard that the job is done */
    struct story_work *staged; /* an aligned story's files for the calling thread to put in place
                                  (owned) */
    tma_error *errors;         /* why it failed, one per problem (owned) */
    size_t error_count;
    /* A story that lacks some languages' files and has two or more: aligned in those it has, its
     * missing files kept as warnings (owned), one per run language, code TMA_OK where present. */
    int partial;
    tma_error *missing;
    /* Why a failed story's report part could not be written, when it could not: a failure of
     * the run's report, not of the story, reported once for the run (see report_job). */
    tma_error part_error;
    int part_missing;
} batch_job;

typedef struct batch_run {
    tma_ctx *ctx;
    const char *output;
    const tma_batch_options *options;
    tma_corpus corpus; /* its languages and stories (owned) */
    batch_job *jobs;   /* one per story of the corpus, in the same order (owned) */
    size_t job_count;
    tma_worker **workers;
    size_t threads;
    atomic_int dicts_loading; /* 1 once a worker has started loading the dictionaries */
    tma_outputs outputs;      /* on the calling thread */
    size_t outputs_next;      /* the outputs hold the stories before this job */
    /* On the calling thread: jobs done but not reported yet, and their stories to commit. */
    size_t in_hand[TMA_POOL_MAX_WAITING];
    size_t in_hand_count;
    struct story_work *staged[TMA_POOL_MAX_WAITING];
    char options_key[1024]; /* what besides the inputs decides the outputs, for the state files */
    char align_options[256]; /* the part of it that changes the alignment, which merge checks */
    struct timespec started;
    tma_batch_progress progress;
} batch_run;

/* ---- One story ----------------------------------------------------------------------------- */

typedef struct story_work {
    batch_run *run;
    batch_job *job;
    tma_worker *w;
    char paths[TMA_MAX_LANGS][TMA_PATH_BYTES];
    int present[TMA_MAX_LANGS]; /* 1 where the story has the run language's file */
    tma_buf raw[TMA_MAX_LANGS];
    /* The story's review file, OUT/NAME.review.jsonl, as read; empty when there is none. */
    char review_path[TMA_PATH_BYTES];
    tma_buf review;
    tma_doc *docs[TMA_MAX_LANGS];
    tma_arena arena;
    tma_report_story failed; /* the report part of a story that fails */
    int failing;
    /* An aligned story's outputs, written but not in place: the TMX files under temporary names,
     * the report part's XML and the state file that vouches for them (see commit_stories). */
    tma_outfile tmx[TMA_TMX_MAX_FILES];
    size_t tmx_count;
    tma_buf part, state;
    char state_path[TMA_PATH_BYTES];
} story_work;

/* Frees SW and what it holds, the temporary files of outputs not put in place included. */
static void story_work_free(story_work *sw)
{
    for (size_t k = 0; k < TMA_MAX_LANGS; k++) {
        tma_doc_free(sw->docs[k]);
        tma_buf_free(&sw->raw[k]);
    }
    for (size_t k = 0; k < sw->tmx_count; k++)
        tma_outfile_discard(&sw->tmx[k]);
    tma_buf_free(&sw->part);
    tma_buf_free(&sw->state);
    tma_buf_free(&sw->review);
    tma_arena_free(&sw->arena);
    free(sw);
}

/* The byte offset of LINE and COLUMN (1-based) in RAW, for a finding's span. */
static size_t offset_of(const tma_buf *raw, long line, long column)
{
    size_t off = 0;
    for (long l = 1; l < line && off < raw->len; off++) {
        if (raw->data[off] == '\n')
            l++;
    }
    if (column > 1)
        off += (size_t)(column - 1);
    return off < raw->len ? off : raw->len;
}

/* Adds E to JOB's errors; out of memory, it is left out (the story fails all the same). */
static void job_add_error(batch_job *job, const tma_error *e)
{
    tma_error *grown = realloc(job->errors, (job->error_count + 1) * sizeof *grown);
    if (grown != NULL) {
        job->errors = grown;
        job->errors[job->error_count++] = *e;
    }
}

/* A missing file of a story that is not aligned. */
#define MISSING_FAILED                                                                             \
    "missing: the story has files in other languages; add this one or remove the others"

/* Makes SW's job a partial story: its missing files as warnings, one line each for the command
 * and a missing-file finding each for the report. Returns 0, or -1 when out of memory. */
static int mark_partial(story_work *sw)
{
    batch_job *job = sw->job;
    const tma_corpus *corpus = &sw->run->corpus;
    job->missing = calloc(corpus->lang_count, sizeof *job->missing);
    if (job->missing == NULL)
        return -1;
    job->partial = 1;
    for (size_t k = 0; k < corpus->lang_count; k++) {
        if (!sw->present[k])
            tma_error_set(&job->missing[k], TMA_ERR_IO, sw->paths[k], 0, 0,
                          "missing: the story has no %s version, so only its pairs without %s "
                          "are aligned and %.100s.tmx is not written; add this file to align it "
                          "in every language",
                          corpus->langs[k], corpus->langs[k], job->story->name);
    }
    return 0;
}

/* Records a problem that keeps the story from being aligned: a line for the command to print
 * and a finding of KIND for the report. */
static void story_fail(story_work *sw, tma_finding_kind kind, size_t k, const tma_error *e)
{
    batch_job *job = sw->job;
    if (!sw->failing) {
        const char *langs[TMA_MAX_LANGS], *files[TMA_MAX_LANGS];
        for (size_t i = 0; i < sw->run->corpus.lang_count; i++) {
            langs[i] = sw->run->corpus.langs[i];
            files[i] = sw->paths[i];
        }
        (void)tma_report_story_failed(&sw->failed, &sw->arena, job->story->name, langs, files,
                                      sw->run->corpus.lang_count, NULL);
        sw->failing = 1;
        /* A partial story that fails all the same says what it lacks too. */
        for (size_t i = 0; job->partial && i < sw->run->corpus.lang_count; i++) {
            if (sw->present[i])
                continue;
            tma_error missing = job->missing[i];
            snprintf(missing.message, sizeof missing.message, "%s", MISSING_FAILED);
            job_add_error(job, &missing);
            (void)tma_report_story_add(&sw->failed, &sw->arena, TMA_FINDING_MISSING_FILE, langs[i],
                                       sw->paths[i], 0, 0, 0, 0, missing.message, NULL);
        }
    }
    job_add_error(job, e);
    size_t start = 0, end = 0;
    if (k < sw->run->corpus.lang_count && sw->raw[k].len > 0 && e->line > 0) {
        start = offset_of(&sw->raw[k], e->line, e->column);
        end = start < sw->raw[k].len ? start + 1 : start;
    }
    (void)tma_report_story_add(&sw->failed, &sw->arena, kind,
                               k < sw->run->corpus.lang_count ? sw->run->corpus.langs[k] : "",
                               e->path, e->line, e->column, start, end, e->message, NULL);
}

/* Writes the LEN bytes of XML at DATA to the story's report part file. */
static int write_part(story_work *sw, const char *data, size_t len, tma_error *err)
{
    char path[TMA_PATH_BYTES];
    int rc = tma_outdir_story_file(path, sw->run->output, sw->job->story->name, ".qa.xml", err);
    return rc < 0 ? rc : tma_outdir_write_unsynced(path, data, len, err);
}

/* Writes the report part of a failed story. Should that fail, the story has failed all the same
 * and said why; what is missing is its part of the run's report, which the run reports. */
static void story_fail_write(story_work *sw)
{
    tma_error e = {0};
    /* What was written of its TMX files goes first, not when the story is freed: on a full disk,
     * the part needs the room they take. */
    for (size_t k = 0; k < sw->tmx_count; k++)
        tma_outfile_discard(&sw->tmx[k]);
    sw->tmx_count = 0;
    tma_buf xml = TMA_BUF_INIT;
    int rc = tma_report_story_to_xml(&sw->failed, &xml, &e);
    if (rc == 0)
        rc = write_part(sw, xml.data, xml.len, &e);
    tma_buf_free(&xml);
    if (rc < 0) {
        sw->job->part_error = e;
        sw->job->part_missing = 1;
    }
    sw->job->outcome = JOB_FAILED;
}

/* Loads the run's dictionaries side by side on as many threads as the run has, the first time a
 * story needs aligning (a run whose stories are all up to date needs none). The workers that come
 * while they load go on with their stories until they need a dictionary, and then wait for it. */
static void load_dictionaries(batch_run *run)
{
    if (atomic_exchange(&run->dicts_loading, 1))
        return;
    const char *langs[TMA_MAX_LANGS];
    for (size_t k = 0; k < run->corpus.lang_count; k++)
        langs[k] = run->corpus.langs[k];
    tma_stem_load(tma_ctx_dicts(run->ctx), langs, run->corpus.lang_count, 1, run->threads);
}

/* Reads the story's review file, if it has one, into SW->review. A link is not followed: the
 * file is the output folder's own. */
static int read_review(story_work *sw, tma_error *e)
{
    int rc = tma_batch_path_join(sw->review_path, sw->run->output, sw->job->story->name,
                                 ".review.jsonl", e);
    if (rc < 0)
        return rc;
    int fd = open(sw->review_path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0 && (errno == ENOENT || errno == ENOTDIR))
        return 0;
    if (fd < 0)
        return tma_error_set(e, TMA_ERR_IO, sw->review_path, 0, 0,
                             "cannot open the review file: %s", strerror(errno));
    return tma_text_read_fd(&sw->review, fd, sw->review_path, e);
}

/* Aligns the story and writes its outputs, leaving them for commit_stories to put in place: its
 * TMX files under temporary names, its report part and its state in memory. */
static void story_align(story_work *sw, const tma_buf *state)
{
    batch_run *run = sw->run;
    batch_job *job = sw->job;
    tma_story *story = NULL;
    tma_error e = {0};
    char path[TMA_PATH_BYTES];
    load_dictionaries(run);
    for (size_t k = 0; k < run->corpus.lang_count; k++) {
        if (sw->present[k] && tma_doc_read_mem(&sw->docs[k], sw->w, sw->paths[k],
                                               sw->raw[k].data ? sw->raw[k].data : "",
                                               sw->raw[k].len, run->corpus.langs[k], &e) < 0)
            story_fail(sw, TMA_FINDING_BAD_INPUT, k, &e);
    }
    if (sw->failing)
        return;
    tma_report_story part;
    tma_tmx_options topt = run->options->tmx;
    topt.tuid_prefix = job->story->name;
    /* The story's QA checks, run once: the TMX notes and the report part both read them. */
    tma_qa qa = {0};
    tma_review *review = NULL;
    int rc = 0;
    /* A partial story is aligned as a story of the languages it has, in the run's order. */
    tma_doc *docs[TMA_MAX_LANGS];
    size_t has = 0;
    for (size_t k = 0; k < run->corpus.lang_count; k++) {
        if (sw->present[k])
            docs[has++] = sw->docs[k];
    }
    if (sw->review.len > 0)
        rc = tma_review_parse(&review, sw->review.data, sw->review.len, sw->review_path, &e);
    if (rc == 0)
        rc = tma_story_align_reviewed(&story, sw->w, docs, has, review, &e);
    if (rc == 0)
        rc = tma_qa_init(&qa, story, sw->w, topt.qa_threshold, &e);
    if (rc == 0)
        rc = tma_batch_path_join(path, run->output, job->story->name, ".tmx", &e);
    tma_tmx_counts counts; /* the report counts the units itself */
    if (rc == 0 && job->partial)
        rc = tma_story_stage_pair_tmx(story, &qa, path, &topt, sw->tmx, &sw->tmx_count, &e);
    else if (rc == 0)
        rc = tma_story_stage_tmx(&counts, story, &qa, path, &topt, sw->tmx, &sw->tmx_count, &e);
    if (rc == 0)
        rc = tma_report_story_build(&part, &sw->arena, sw->w, job->story->name, story, &qa, &e);
    if (rc == 0 && review != NULL)
        rc = tma_report_story_review(&part, &sw->arena, story, sw->review_path, &e);
    if (rc == 0 && job->partial)
        rc = tma_report_story_partial(&part, &sw->arena, run->corpus.langs, run->corpus.lang_count,
                                      job->missing, &e);
    if (rc == 0)
        rc = tma_report_story_to_xml(&part, &sw->part, &e);
    tma_qa_free(&qa);
    tma_story_free(story);
    tma_review_free(review);
    /* The state file vouches for the report part by its size and hash. */
    if (rc == 0 && (tma_buf_append(&sw->state, state->data, state->len) < 0 ||
                    tma_outdir_append_part_line(&sw->state, sw->part.data, sw->part.len) < 0))
        rc = tma_error_nomem(&e, "aligning a story");
    if (rc < 0) {
        story_fail(sw, TMA_FINDING_ERROR, run->corpus.lang_count, &e);
        return;
    }
    job->outcome = JOB_ALIGNED;
}

/* Fails story SW, whose outputs could not be put in place, with E. */
static void commit_failed(story_work *sw, const tma_error *e)
{
    story_fail(sw, TMA_FINDING_ERROR, sw->run->corpus.lang_count, e);
    story_fail_write(sw);
}

/* Puts the outputs of the stories that workers aligned, STAGED[0..count), in place, on the
 * calling thread while the workers go on, all at once so that their waits for the disk overlap
 * and the output folder is synced once: the TMX files, synced and renamed; then each story's
 * report part; last its state file, which vouches for outputs that are all in place, and for the
 * part by its size and hash. Should a crash lose the state or the part, or its content, the story
 * is aligned again: neither need wait for the disk. Frees the stories. */
static void commit_stories(story_work **staged, size_t count)
{
    tma_error e = {0};
    for (size_t i = 0; i < count; i++)
        tma_outfile_start_writeback(staged[i]->tmx, staged[i]->tmx_count);
    const char *folder = NULL;
    for (size_t i = 0; i < count; i++) {
        story_work *sw = staged[i];
        if (tma_outfile_rename_all(sw->tmx, sw->tmx_count, &e) < 0)
            commit_failed(sw, &e);
        else if (sw->tmx_count > 0)
            folder = sw->tmx[0].path;
    }
    if (folder != NULL)
        tma_outfile_sync_folder(folder);
    for (size_t i = 0; i < count; i++) {
        story_work *sw = staged[i];
        if (!sw->failing) {
            tma_outdir_remove_stale_tsv(sw->run->output, sw->run->corpus.langs,
                                        sw->run->corpus.lang_count, sw->present,
                                        sw->run->options->tmx.tsv, sw->job->story->name);
            /* What the story had when it had every language goes: it would not match. */
            if (sw->job->partial)
                tma_outdir_remove_absent(sw->run->output, sw->run->corpus.langs,
                                         sw->run->corpus.lang_count, sw->present,
                                         sw->job->story->name);
            if (write_part(sw, sw->part.data, sw->part.len, &e) < 0 ||
                tma_outdir_write_unsynced(sw->state_path, sw->state.data, sw->state.len, &e) < 0)
                commit_failed(sw, &e);
        }
        story_work_free(sw);
    }
}

static void run_story(void *arg, size_t thread, size_t index)
{
    batch_run *run = arg;
    batch_job *job = &run->jobs[index];
    if (atomic_load(&stop_requested)) {
        job->outcome = JOB_STOPPED;
        return;
    }
    story_work *sw = calloc(1, sizeof *sw);
    if (sw == NULL) {
        job->errors = calloc(1, sizeof *job->errors);
        if (job->errors != NULL) {
            tma_error_nomem(&job->errors[0], "aligning a story");
            job->error_count = 1;
        }
        job->outcome = JOB_FAILED;
        return;
    }
    sw->run = run;
    sw->job = job;
    sw->w = run->workers[thread];
    tma_error e = {0};
    tma_buf state = TMA_BUF_INIT;
    for (size_t k = 0; k < TMA_TMX_MAX_FILES; k++)
        sw->tmx[k] = (tma_outfile)TMA_OUTFILE_INIT;
    for (size_t k = 0; k < run->corpus.lang_count; k++)
        tma_corpus_story_path(sw->paths[k], &run->corpus, k, job->story, &e);
    const char *problem = tma_corpus_name_problem(&run->corpus, job->story->name);
    if (problem != NULL) {
        size_t k = 0;
        while (k + 1 < run->corpus.lang_count && !job->story->present[k])
            k++;
        tma_error_set(&e, TMA_ERR_INPUT, sw->paths[k], 0, 0, "%s", problem);
        story_fail(sw, TMA_FINDING_BAD_INPUT, k, &e);
        /* Its report part has a file name of its own (the hash), so it can still be written. */
        story_fail_write(sw);
        goto cleanup;
    }
    size_t has = 0;
    for (size_t k = 0; k < run->corpus.lang_count; k++) {
        sw->present[k] = job->story->present[k] > 0;
        has += sw->present[k];
    }
    /* With two languages or more, a story aligns the pairs it has; with one, nothing. */
    if (has >= 2 && has < run->corpus.lang_count && mark_partial(sw) < 0) {
        tma_error_nomem(&e, "aligning a story");
        story_fail(sw, TMA_FINDING_ERROR, run->corpus.lang_count, &e);
    }
    for (size_t k = 0; k < run->corpus.lang_count; k++) {
        int fd;
        if (!sw->present[k]) {
            /* A partial story's missing files are warnings (mark_partial), not failures. */
            if (!job->partial) {
                tma_error_set(&e, TMA_ERR_IO, sw->paths[k], 0, 0, "%s", MISSING_FAILED);
                story_fail(sw, TMA_FINDING_MISSING_FILE, k, &e);
            }
        } else if (tma_corpus_open_story(&fd, &run->corpus, sw->paths[k], &e) < 0 ||
                   tma_text_read_fd(&sw->raw[k], fd, sw->paths[k], &e) < 0) {
            /* A file refused (a folder, a FIFO, a link out of the corpus) fails its story, not
             * the run. */
            story_fail(sw, TMA_FINDING_BAD_INPUT, k, &e);
        }
    }
    if (!sw->failing && read_review(sw, &e) < 0)
        story_fail(sw, TMA_FINDING_BAD_INPUT, run->corpus.lang_count, &e);
    if (!sw->failing) {
        /* The review file is an input too: a decision added since makes the story out of date. */
        char review_line[64];
        snprintf(review_line, sizeof review_line, "review %016llx %zu\n",
                 (unsigned long long)tma_batch_hash(TMA_FNV_OFFSET, sw->review.data,
                                                    sw->review.len),
                 sw->review.len);
        if (tma_outdir_story_file(sw->state_path, run->output, job->story->name, ".state", &e) <
                0 ||
            tma_outdir_state_text(&state, run->options_key, run->corpus.langs,
                                  run->corpus.lang_count, sw->present, sw->raw, sw->paths) < 0 ||
            (sw->review.len > 0 && tma_buf_append(&state, review_line, strlen(review_line)) < 0)) {
            if (e.code == TMA_OK)
                tma_error_nomem(&e, "aligning a story");
            story_fail(sw, TMA_FINDING_ERROR, run->corpus.lang_count, &e);
        } else if (!run->options->force &&
                   tma_outdir_up_to_date(run->output, job->story->name, run->corpus.langs,
                                         run->corpus.lang_count, sw->present, run->options->tmx.tsv,
                                         sw->state_path, &state)) {
            job->outcome = JOB_SKIPPED;
            goto cleanup;
        } else {
            /* The old state no longer vouches for anything: an interruption from here on must
             * make the next run align the story again. */
            (void)unlink(sw->state_path);
            story_align(sw, &state);
        }
    }
    if (sw->failing)
        story_fail_write(sw);
cleanup:
    for (size_t k = 0; k < TMA_MAX_LANGS; k++) {
        tma_doc_free(sw->docs[k]);
        sw->docs[k] = NULL;
        tma_buf_free(&sw->raw[k]);
    }
    tma_buf_free(&state);
    if (job->outcome == JOB_ALIGNED)
        job->staged = sw;
    else
        story_work_free(sw);
}

static double seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* Counts in the job, reports its progress and adds to the run's outputs the stories before
 * the first that is not done, in name order. */
static void report_job(batch_run *run, batch_job *job)
{
    tma_batch_progress *p = &run->progress;
    if (job->outcome == JOB_STOPPED)
        return;
    p->done++;
    p->aligned += job->outcome == JOB_ALIGNED;
    p->skipped += job->outcome == JOB_SKIPPED;
    p->failed += job->outcome == JOB_FAILED;
    p->partial += job->partial && job->outcome != JOB_FAILED;
    p->seconds = seconds_since(&run->started);
    p->story = job->story->name;
    if (job->part_missing && run->outputs.rc == 0) {
        /* The report cannot hold the story: the run fails with why, and the story's lines leave
         * out the same failure (its report part, written when it was aligned and then again as
         * failed), so that it is printed once. */
        tma_outputs_fail(&run->outputs, &job->part_error);
        size_t kept = 0;
        for (size_t i = 0; i < job->error_count; i++) {
            if (strcmp(job->errors[i].path, job->part_error.path) != 0 ||
                strcmp(job->errors[i].message, job->part_error.message) != 0)
                job->errors[kept++] = job->errors[i];
        }
        job->error_count = kept;
    }
    p->errors = job->errors;
    p->error_count = job->error_count;
    /* A failed story says what failed it; a partial one, which files it lacks. */
    p->warning_count = job->partial && job->outcome != JOB_FAILED ? run->corpus.lang_count : 0;
    p->warnings = job->missing;
    if (run->options->progress != NULL)
        run->options->progress(p, run->options->progress_arg);
    /* The outputs take the stories in name order as soon as they are done, while the workers go
     * on: the run need not read them all once the last story is aligned. */
    job->reported = 1;
    while (run->outputs_next < run->job_count && run->jobs[run->outputs_next].reported) {
        const batch_job *next = &run->jobs[run->outputs_next++];
        tma_outputs_add(&run->outputs,
                        &(tma_outdir_story){next->story->name, next->outcome == JOB_FAILED, NULL});
    }
}

/* The jobs that finished are taken together while more wait behind them: their outputs are
 * put in place at once (commit_stories), then each is reported. */
static void story_done(void *arg, size_t index, size_t waiting)
{
    batch_run *run = arg;
    run->in_hand[run->in_hand_count++] = index;
    if (waiting > 0 && run->in_hand_count < TMA_POOL_MAX_WAITING)
        return;
    size_t staged = 0;
    for (size_t i = 0; i < run->in_hand_count; i++) {
        batch_job *job = &run->jobs[run->in_hand[i]];
        if (job->staged != NULL)
            run->staged[staged++] = job->staged;
        job->staged = NULL;
    }
    commit_stories(run->staged, staged);
    for (size_t i = 0; i < run->in_hand_count; i++)
        report_job(run, &run->jobs[run->in_hand[i]]);
    run->in_hand_count = 0;
}

/* tma_source_path's values as the options key names them, as --source-path does; a value out of
 * range is written as name, which is what the TMX writer makes of it. */
static const char *const SOURCE_PATHS[] = {"relative", "as-given", "name", "none"};

/* What word knowledge OPTIONS give, for the manifest: "off", or a hash of where the dictionaries
 * are, of the glossary's path, size and time and of the learned lexicons (LEARNED, their hash),
 * so that a run with another glossary or lexicon aligns every story again and merge refuses to
 * join runs that read different ones. */
static void lexicon_fingerprint(char *out, size_t size, const tma_options *options,
                                uint64_t learned)
{
    if (options->no_lexicon) {
        snprintf(out, size, "off");
        return;
    }
    char what[TMA_PATH_BYTES * 2 + 64];
    struct stat st = {0};
    if (options->glossary != NULL && stat(options->glossary, &st) != 0)
        memset(&st, 0, sizeof st);
    snprintf(what, sizeof what, "%s|%s|%lld|%lld.%09ld|%016llx",
             options->dictd_dir ? options->dictd_dir : "", options->glossary ? options->glossary : "",
             (long long)st.st_size, (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec,
             (unsigned long long)learned);
    snprintf(out, size, "%016llx", (unsigned long long)tma_hash_bytes(what, strlen(what)));
}

int tma_batch_run(tma_batch_result *out, tma_ctx *ctx, const char *corpus, const char *output,
                  const tma_batch_options *options, tma_error *err)
{
    static const tma_batch_options defaults = TMA_BATCH_OPTIONS_INIT;
    batch_run run = {
        .ctx = ctx, .output = output, .corpus = TMA_CORPUS_INIT, .outputs = TMA_OUTPUTS_INIT};
    int lock_fd = -1;
    size_t threads = 0;
    memset(out, 0, sizeof *out);
    run.options = options ? options : &defaults;
    atomic_store(&stop_requested, 0);
    clock_gettime(CLOCK_MONOTONIC, &run.started);
    if (run.options->shard_count > 0 &&
        (run.options->shard < 1 || run.options->shard > run.options->shard_count))
        return tma_error_set(err, TMA_ERR_USAGE, NULL, 0, 0,
                             "the shard must be K/N with 1 <= K <= N");
    int rc = tma_corpus_find_langs(&run.corpus, corpus, run.options->langs, err);
    if (rc == 0) {
        const char *langs[TMA_MAX_LANGS];
        for (size_t k = 0; k < run.corpus.lang_count; k++)
            langs[k] = run.corpus.langs[k];
        rc = tma_tmx_check_lang_codes(run.options->tmx.lang_codes, langs, run.corpus.lang_count,
                                      err);
    }
    if (rc == 0)
        rc =
            tma_corpus_list_stories(&run.corpus, run.options->shard, run.options->shard_count, err);
    if (rc == 0) {
        run.job_count = run.corpus.story_count;
        run.jobs = calloc(run.job_count + 1, sizeof *run.jobs);
        if (run.jobs == NULL)
            rc = tma_error_nomem(err, "listing the corpus");
        for (size_t i = 0; i < run.job_count && rc == 0; i++)
            run.jobs[i].story = &run.corpus.stories[i];
    }
    if (rc == 0)
        rc = tma_outdir_prepare(&lock_fd, output, err);
    if (rc < 0)
        goto cleanup;
    size_t want = run.options->threads ? run.options->threads : tma_pool_cores();
    if (want > run.job_count)
        want = run.job_count ? run.job_count : 1;
    run.workers = calloc(want, sizeof *run.workers);
    if (run.workers == NULL) {
        rc = tma_error_nomem(err, "starting the workers");
        goto cleanup;
    }
    /* Workers are made here, on the calling thread, before any thread starts. */
    for (threads = 0; threads < want && rc == 0; threads++)
        rc = tma_worker_new(&run.workers[threads], ctx, err);
    uint64_t learned = 0;
    int learning_stopped = 0;
    if (rc == 0)
        rc = tma_batch_learn(ctx, &run.corpus, run.workers, threads, output, run.options->force,
                             stop_was_requested, &learning_stopped, &learned, err);
    if (rc < 0)
        goto cleanup;
    if (learning_stopped) {
        out->total = run.job_count;
        out->stopped = 1;
        goto cleanup;
    }
    size_t used = 0;
    char lexicon[24];
    lexicon_fingerprint(lexicon, sizeof lexicon, tma_ctx_options(ctx), learned);
    snprintf(run.align_options, sizeof run.align_options,
             "min-score=%.6g segmented=%d skip-long=%d paragraph-penalty=%.6g anchors=%d "
             "lexicon=%s source-path=%s",
             run.options->tmx.min_score, tma_ctx_options(ctx)->segmented,
             run.options->tmx.skip_long, tma_ctx_options(ctx)->paragraph_penalty,
             !tma_ctx_options(ctx)->no_anchors, lexicon,
             (size_t)run.options->tmx.source_path < sizeof SOURCE_PATHS / sizeof SOURCE_PATHS[0]
                 ? SOURCE_PATHS[run.options->tmx.source_path]
                 : "name");
    used += (size_t)snprintf(run.options_key, sizeof run.options_key, "langs=");
    for (size_t k = 0; k < run.corpus.lang_count; k++)
        used += (size_t)snprintf(run.options_key + used, sizeof run.options_key - used, "%s%s",
                                 k ? "," : "", run.corpus.langs[k]);
    snprintf(run.options_key + used, sizeof run.options_key - used,
             " %s qa-threshold=%.6g creation-time=%lld lang-codes=%s tsv=%d", run.align_options,
             run.options->tmx.qa_threshold, run.options->tmx.creation_time,
             run.options->tmx.lang_codes ? run.options->tmx.lang_codes : "",
             run.options->tmx.tsv);
    /* Only when set, so that the state files of earlier runs still vouch for their stories. */
    if (run.options->tmx.approved_only)
        snprintf(run.options_key + strlen(run.options_key),
                 sizeof run.options_key - strlen(run.options_key), " approved-only=1");

    rc = tma_outputs_begin(&run.outputs, output, run.corpus.langs, run.corpus.lang_count,
                           &run.options->tmx, err);
    if (rc < 0)
        goto cleanup;
    run.threads = threads;
    run.progress.total = run.job_count;
    const char *langs[TMA_MAX_LANGS];
    for (size_t k = 0; k < run.corpus.lang_count; k++)
        langs[k] = run.corpus.langs[k];
    run.progress.langs = langs;
    run.progress.lang_count = run.corpus.lang_count;
    tma_pool_run(threads, run.job_count, run_story, story_done, &run);

    out->total = run.job_count;
    out->aligned = run.progress.aligned;
    out->skipped = run.progress.skipped;
    out->failed = run.progress.failed;
    out->partial = run.progress.partial;
    out->stopped = run.progress.done < run.job_count;
    if (!out->stopped) {
        /* Every worker has joined: the manifest lists the stories in name order. */
        tma_outdir_story *entries = calloc(run.job_count + 1, sizeof *entries);
        if (entries == NULL) {
            rc = tma_error_nomem(err, "writing the report");
            goto cleanup;
        }
        for (size_t i = 0; i < run.job_count; i++)
            entries[i] = (tma_outdir_story){run.jobs[i].story->name,
                                            run.jobs[i].outcome == JOB_FAILED, NULL};
        tma_staged staged = {0};
        rc = tma_outputs_finish(&run.outputs, run.corpus.langs, run.corpus.lang_count,
                                &run.options->tmx, run.align_options, entries, run.job_count,
                                &staged, err);
        if (rc == 0)
            rc = tma_outputs_commit(&run.outputs, &staged, err);
        tma_staged_free(&staged);
        free(entries);
    }
cleanup:
    tma_outputs_free(&run.outputs);
    for (size_t t = 0; t < threads; t++)
        tma_worker_free(run.workers[t]);
    free(run.workers);
    for (size_t i = 0; i < run.job_count; i++) {
        free(run.jobs[i].errors);
        free(run.jobs[i].missing);
    }
    free(run.jobs);
    tma_corpus_free(&run.corpus);
    if (lock_fd >= 0)
        close(lock_fd);
    return rc;
}
