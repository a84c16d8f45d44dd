#define _POSIX_C_SOURCE 200809L
/* The stories `tmalign review` shows: the batch's report parts, and each story re-aligned with
 * its review file as `tmalign batch` will align it, once that file has changed. */
#include "serve.h"

#include "batch.h"
#include "error.h"
#include "report/internal.h"
#include "qa.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Sets in O what the batch's ALIGN_OPTIONS line says of the ctx ("segmented=1 ... anchors=0"). */
static void options_of(tma_options *o, const char *align_options)
{
    const char *p;
    int v;
    double d;
    if ((p = strstr(align_options, "segmented=")) != NULL && sscanf(p, "segmented=%d", &v) == 1)
        o->segmented = v;
    if ((p = strstr(align_options, "anchors=")) != NULL && sscanf(p, "anchors=%d", &v) == 1)
        o->no_anchors = !v;
    if ((p = strstr(align_options, "paragraph-penalty=")) != NULL &&
        sscanf(p, "paragraph-penalty=%lf", &d) == 1)
        o->paragraph_penalty = d;
}

/* Makes S's ctx from OPTIONS and the page's copy of its report, once S->report holds the
 * stories. */
static int finish_open(tma_serve_stories *s, const tma_options *options, tma_error *err)
{
    int rc = tma_ctx_new(&s->ctx, options, err);
    if (rc == 0)
        rc = tma_worker_new(&s->w, s->ctx, err);
    size_t n = s->report.story_count;
    if (rc == 0 && n > 0) {
        s->current = calloc(n, sizeof *s->current);
        s->view.stories = malloc(n * sizeof *s->view.stories);
        if (s->current == NULL || s->view.stories == NULL)
            rc = tma_error_nomem(err, "reading the report");
    }
    if (rc < 0)
        return rc;
    s->view.story_count = s->view.story_cap = n;
    s->view.lang_count = s->report.lang_count;
    memcpy(s->view.langs, s->report.langs, sizeof s->view.langs);
    s->view.params = s->report.params;
    for (size_t i = 0; i < n; i++) {
        s->view.stories[i] = s->report.stories[i];
        s->current[i].review_seen.st_size = -1;
    }
    return 0;
}

static void init(tma_serve_stories *s)
{
    memset(s, 0, sizeof *s);
    s->report = (tma_report)TMA_REPORT_INIT;
    s->view = (tma_report)TMA_REPORT_INIT;
}

int tma_serve_stories_open(tma_serve_stories *s, const char *folder, const tma_options *base,
                           tma_error *err)
{
    tma_manifests m = TMA_MANIFESTS_INIT;
    init(s);
    if (snprintf(s->folder, sizeof s->folder, "%s", folder) >= (int)sizeof s->folder)
        return tma_error_set(err, TMA_ERR_USAGE, folder, 0, 0, "path too long");
    int rc = tma_manifests_read(&m, folder, 0, err);
    if (rc < 0)
        return rc;
    tma_options options = base ? *base : (tma_options)TMA_OPTIONS_INIT;
    options_of(&options, m.align_options);
    options.learned_dir = s->folder;
    s->report.lang_count = m.lang_count;
    memcpy(s->report.langs, m.langs, sizeof s->report.langs);
    s->report.params.low_confidence = m.threshold;
    for (size_t i = 0; i < m.count && rc == 0; i++) {
        char path[TMA_PATH_BYTES];
        rc = tma_outdir_story_file(path, folder, m.stories[i].name, ".qa.xml", err);
        if (rc == 0)
            rc = tma_report_read_story(&s->report, path, err);
    }
    tma_manifests_free(&m);
    if (rc == 0)
        rc = finish_open(s, &options, err);
    if (rc < 0)
        tma_serve_stories_free(s);
    return rc;
}

int tma_serve_stories_open_align(tma_serve_stories *s, const char *tmx, const char *const *files,
                                 const char *const *langs, size_t n, const tma_options *base,
                                 tma_error *err)
{
    init(s);
    size_t len = strlen(tmx);
    const char *slash = strrchr(tmx, '/');
    const char *name = slash ? slash + 1 : tmx;
    if (len < 5 || strcmp(tmx + len - 4, ".tmx") != 0 || strlen(name) <= 4)
        return tma_error_set(err, TMA_ERR_USAGE, tmx, 0, 0,
                             "is not the .tmx file tmalign align wrote");
    if (n < 2 || n > TMA_MAX_LANGS)
        return tma_error_set(err, TMA_ERR_USAGE, NULL, 0, 0,
                             "an align output has 2 to %d files, not %zu", TMA_MAX_LANGS, n);
    /* The story is X, its folder X.tmx's: its review file is X.review.jsonl beside X.tmx. */
    int w = slash ? snprintf(s->folder, sizeof s->folder, "%.*s", (int)(slash - tmx), tmx)
                  : snprintf(s->folder, sizeof s->folder, ".");
    if (w < 0 || (size_t)w >= sizeof s->folder || slash == tmx)
        return tma_error_set(err, TMA_ERR_USAGE, tmx, 0, 0, "path too long or in /");
    char story[TMA_PATH_BYTES];
    snprintf(story, sizeof story, "%.*s", (int)(strlen(name) - 4), name);
    s->report.lang_count = n;
    for (size_t k = 0; k < n; k++) {
        snprintf(s->report.langs[k], sizeof s->report.langs[k], "%s", langs[k]);
        if (snprintf(s->inputs[k], sizeof s->inputs[k], "%s", files[k]) >= TMA_PATH_BYTES)
            return tma_error_set(err, TMA_ERR_USAGE, files[k], 0, 0, "path too long");
    }
    s->input_count = n;
    s->report.stories = calloc(1, sizeof *s->report.stories);
    if (s->report.stories == NULL)
        return tma_error_nomem(err, "reading the align output");
    s->report.story_cap = 1;
    tma_report_story *st = &s->report.stories[0];
    int rc = tma_report_story_failed(st, &s->report.arena, story, langs, files, n, err);
    if (rc == 0) {
        st->failed = 0; /* a story to align, not one that failed */
        s->report.story_count = 1;
        rc = finish_open(s, base, err);
    }
    if (rc == 0)
        rc = tma_serve_story_refresh(s, 0, err);
    if (rc < 0)
        tma_serve_stories_free(s);
    return rc;
}

void tma_serve_stories_free(tma_serve_stories *s)
{
    for (size_t i = 0; s->current != NULL && i < s->report.story_count; i++)
        tma_arena_free(&s->current[i].arena);
    free(s->current);
    free(s->view.stories);
    tma_report_free(&s->report);
    tma_worker_free(s->w);
    tma_ctx_free(s->ctx);
    memset(s, 0, sizeof *s);
}

size_t tma_serve_story_find(const tma_serve_stories *s, const char *name, size_t len)
{
    for (size_t i = 0; i < s->report.story_count; i++) {
        const char *n = s->report.stories[i].name;
        if (strlen(n) == len && memcmp(n, name, len) == 0)
            return i;
    }
    return s->report.story_count;
}

static int review_path(char *buf, const tma_serve_stories *s, size_t i, tma_error *err)
{
    return tma_batch_path_join(buf, s->folder, s->report.stories[i].name, ".review.jsonl", err);
}

/* The paths of story I's inputs as its state file records them ("file LANG HASH SIZE PATH"),
 * in the order of its report part's languages, into PATHS. */
static int input_paths(char (*paths)[TMA_PATH_BYTES], const tma_serve_stories *s, size_t i,
                       tma_error *err)
{
    const tma_report_story *st = &s->report.stories[i];
    char state_path[TMA_PATH_BYTES];
    tma_buf state = TMA_BUF_INIT;
    size_t found = 0;
    if (s->input_count > 0) {
        memcpy(paths, s->inputs, s->input_count * sizeof *paths);
        return 0;
    }
    int rc = tma_outdir_story_file(state_path, s->folder, st->name, ".state", err);
    if (rc == 0 && !tma_outdir_is_file(state_path))
        rc = tma_error_set(err, TMA_ERR_INPUT, state_path, 0, 0,
                           "the batch did not align this story; correct its files and run "
                           "tmalign batch again");
    if (rc == 0)
        rc = tma_text_read_file(&state, state_path, err);
    if (rc == 0 && tma_buf_push(&state, '\0') < 0)
        rc = tma_error_nomem(err, "reading a story's state");
    for (char *line = state.data; rc == 0 && line != NULL && *line;) {
        char *end = strchr(line, '\n');
        if (end != NULL)
            *end = '\0';
        char lang[TMA_LANG_BYTES];
        int at = 0;
        if (sscanf(line, "file %15s %*s %*s %n", lang, &at) == 1 && at > 0) {
            size_t k = tma_report_lang_index(st, lang);
            if (k < st->lang_count &&
                snprintf(paths[k], TMA_PATH_BYTES, "%s", line + at) < TMA_PATH_BYTES)
                found++;
        }
        line = end ? end + 1 : NULL;
    }
    if (rc == 0 && found != st->lang_count)
        rc = tma_error_set(err, TMA_ERR_INPUT, state_path, 0, 0,
                           "does not name the story's files; run tmalign batch again");
    for (size_t k = 0; rc == 0 && k < st->lang_count; k++) {
        char given[TMA_PATH_BYTES];
        memcpy(given, paths[k], sizeof given);
        tma_outdir_input_path(paths[k], s->folder, given);
    }
    tma_buf_free(&state);
    return rc;
}

/* The decision an undo takes back: the last one in effect. */
static long last_undoable(const tma_review *review)
{
    size_t count;
    const tma_review_unit *units = tma_review_units(review, &count);
    long id = 0;
    for (size_t j = 0; j < count; j++)
        id = units[j].id > id ? units[j].id : id;
    return id;
}

/* Makes OUT, story PART aligned again in the languages it has, partial as the batch made it, with
 * the missing files its missing-file findings name; strings go into ARENA. */
static int keep_partial(const tma_serve_stories *s, tma_report_story *out, tma_arena *arena,
                        const tma_report_story *part, tma_error *err)
{
    tma_error missing[TMA_MAX_LANGS];
    memset(missing, 0, sizeof missing);
    for (size_t j = 0; j < part->finding_count; j++) {
        const tma_finding *f = &part->findings[j];
        size_t k = 0;
        while (k < s->report.lang_count && strcmp(s->report.langs[k], f->lang) != 0)
            k++;
        if (f->kind == TMA_FINDING_MISSING_FILE && k < s->report.lang_count)
            tma_error_set(&missing[k], TMA_ERR_IO, f->file, 0, 0, "%s", f->message);
    }
    char langs[TMA_MAX_LANGS][TMA_LANG_BYTES];
    memcpy(langs, s->report.langs, sizeof langs);
    return tma_report_story_partial(out, arena, langs, s->report.lang_count, missing, err);
}

/* Aligns story I again, from its inputs, with its review file, into S->current[i]. */
static int realign(tma_serve_stories *s, size_t i, const struct stat *seen, tma_error *err)
{
    const tma_report_story *part = &s->report.stories[i];
    tma_serve_story *cur = &s->current[i];
    char paths[TMA_MAX_LANGS][TMA_PATH_BYTES], review_file[TMA_PATH_BYTES];
    const char *path_list[TMA_MAX_LANGS], *langs[TMA_MAX_LANGS];
    tma_doc *docs[TMA_MAX_LANGS] = {0};
    tma_review *review = NULL;
    tma_story *story = NULL;
    tma_qa qa;
    int qa_made = 0;
    size_t n = part->lang_count;
    int rc = input_paths(paths, s, i, err);
    for (size_t k = 0; k < n; k++) {
        path_list[k] = paths[k];
        langs[k] = part->docs[k].lang;
    }
    if (rc == 0)
        rc = review_path(review_file, s, i, err);
    if (rc == 0)
        rc = tma_review_read(&review, review_file, err);
    if (rc == 0)
        rc = tma_docs_read_files(docs, s->w, path_list, langs, n, err);
    if (rc == 0)
        rc = tma_story_align_reviewed(&story, s->w, docs, n, review, err);
    if (rc == 0) {
        rc = tma_qa_init(&qa, story, s->w, s->report.params.low_confidence, err);
        qa_made = 1;
    }
    if (rc == 0) {
        tma_arena_free(&cur->arena);
        cur->arena = (tma_arena)TMA_ARENA_INIT;
        rc = tma_report_story_build(&cur->story, &cur->arena, s->w, part->name, story, &qa, err);
        /* As tmalign batch reports it: the counts and the decisions that no longer fit. */
        if (rc == 0 && seen->st_size > 0)
            rc = tma_report_story_review(&cur->story, &cur->arena, story, review_file, err);
        if (rc == 0 && part->partial)
            rc = keep_partial(s, &cur->story, &cur->arena, part, err);
        cur->realigned = rc == 0;
        cur->undo = last_undoable(review);
        cur->review_seen = *seen;
    }
    if (qa_made)
        tma_qa_free(&qa);
    tma_story_free(story);
    for (size_t k = 0; k < n; k++)
        tma_doc_free(docs[k]);
    tma_review_free(review);
    s->view.stories[i] = cur->realigned ? cur->story : s->report.stories[i];
    return rc;
}

/* 1 if story part P was written before the parts kept each sentence: its cells would show a
 * side's sentences as one, and the page's decisions would not fit the text. */
static int part_lacks_sentences(const tma_report_story *p)
{
    for (size_t i = 0; i < p->unit_count; i++) {
        for (size_t k = 0; k < p->lang_count; k++) {
            if (p->units[i].side[k].sentence_count != p->units[i].side[k].count)
                return 1;
        }
    }
    return 0;
}

int tma_serve_story_refresh(tma_serve_stories *s, size_t i, tma_error *err)
{
    char path[TMA_PATH_BYTES];
    struct stat now;
    int rc = review_path(path, s, i, err);
    if (rc < 0)
        return rc;
    if (stat(path, &now) < 0) {
        now.st_size = -1;
        now.st_mtim.tv_sec = now.st_mtim.tv_nsec = 0;
    }
    const struct stat *seen = &s->current[i].review_seen;
    /* An align output has no part: its story is always the one aligned here. */
    int old_part = !s->current[i].realigned &&
                   (s->input_count > 0 || part_lacks_sentences(&s->report.stories[i]));
    if (!old_part && now.st_size == seen->st_size && now.st_mtim.tv_sec == seen->st_mtim.tv_sec &&
        now.st_mtim.tv_nsec == seen->st_mtim.tv_nsec)
        return 0;
    /* No review file and none before: the batch's part is the story as the page shows it. */
    if (!old_part && now.st_size < 0 && !s->current[i].realigned) {
        s->current[i].review_seen = now;
        return 0;
    }
    return realign(s, i, &now, err);
}

int tma_serve_story_decide(tma_serve_stories *s, size_t i, const char *body, size_t len, long *id,
                           tma_error *err)
{
    const tma_report_story *st = &s->report.stories[i];
    const char *langs[TMA_MAX_LANGS];
    char path[TMA_PATH_BYTES];
    /* The review file names the run's languages, of which a partial story lacks some. */
    for (size_t k = 0; k < s->report.lang_count; k++)
        langs[k] = s->report.langs[k];
    if (st->failed)
        return tma_error_set(err, TMA_ERR_INPUT, NULL, 0, 0,
                             "this story was not aligned: correct its files and run tmalign "
                             "batch again");
    int rc = review_path(path, s, i, err);
    if (rc == 0)
        rc = tma_review_append(path, st->name, langs, s->report.lang_count, body, len, id, err);
    if (rc == 0)
        rc = tma_serve_story_refresh(s, i, err);
    return rc;
}
