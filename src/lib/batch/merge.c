/* tma_batch_merge: joins the output folders of several batch runs (shards) into one. */
#define _POSIX_C_SOURCE 200809L
#include "learn.h"
#include "outputs.h"

#include "error.h"
#include "report/internal.h"
#include "review/review.h"
#include "tmxcopy.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int compare_manifest_stories(const void *pa, const void *pb)
{
    const tma_manifest_story *a = pa, *b = pb;
    int c = strcmp(a->name, b->name);
    if (c != 0)
        return c;
    return (a->input > b->input) - (a->input < b->input);
}

/* Stages a copy of FROM, a story's state, as TO; nothing when FROM is not there. */
static int stage_state(tma_staged *staged, const char *from, const char *to, tma_error *err)
{
    tma_buf data = TMA_BUF_INIT;
    if (!tma_outdir_is_file(from))
        return 0;
    int rc = tma_text_read_written(&data, from, TMA_MAX_INPUT_BYTES, err);
    if (rc == 0)
        rc = tma_staged_data(staged, to, data.data, data.len, err);
    tma_buf_free(&data);
    return rc;
}

/* Stages a copy of FROM, story NAME's review file, as TO, once it reads as a review of that story;
 * nothing when FROM is not there. The story's state, copied too, vouches for it. */
static int stage_review(tma_staged *staged, const char *from, const char *to, const char *name,
                        tma_error *err)
{
    tma_buf data = TMA_BUF_INIT;
    tma_review *review = NULL;
    if (!tma_outdir_is_file(from))
        return 0;
    int rc = tma_text_read_written(&data, from, TMA_REVIEW_MAX_FILE_BYTES, err);
    if (rc == 0)
        rc = tma_review_parse(&review, data.data ? data.data : "", data.len, from, err);
    if (rc == 0 && tma_review_story(review)[0] != '\0' &&
        strcmp(tma_review_story(review), name) != 0)
        rc = tma_error_set(err, TMA_ERR_INPUT, from, 0, 0,
                           "is the review file of story '%.80s', not of %.80s; give the folder as "
                           "tmalign wrote it",
                           tma_review_story(review), name);
    if (rc == 0)
        rc = tma_staged_data(staged, to, data.data ? data.data : "", data.len, err);
    tma_review_free(review);
    tma_buf_free(&data);
    return rc;
}

/* Stages INPUT, a story's TMX file in LANGS, written anew as OUTPUT, and with TSV the TSV beside
 * it made again from its units. */
static int stage_tmx(tma_staged *staged, const char *input, const char *output,
                     const tma_tmx_langs *langs, int tsv, tma_error *err)
{
    char tsv_path[TMA_PATH_BYTES];
    tma_outfile out = TMA_OUTFILE_INIT, tsv_out = TMA_OUTFILE_INIT;
    int rc = tma_outfile_open(&out, output, err);
    if (rc == 0 && tsv && (rc = tma_tmx_tsv_path(tsv_path, sizeof tsv_path, output, err)) == 0)
        rc = tma_outfile_open(&tsv_out, tsv_path, err);
    if (rc == 0)
        rc = tma_tmx_rewrite(&out, tsv ? &tsv_out : NULL, input, langs, TMA_TMX_FROM_SHARD, err);
    if (rc == 0)
        rc = tma_staged_add(staged, &out, err);
    else
        tma_outfile_discard(&out);
    if (rc == 0 && tsv)
        rc = tma_staged_add(staged, &tsv_out, err);
    else
        tma_outfile_discard(&tsv_out);
    return rc;
}

/* Stages story S's files from INPUT in OUTPUT: its TMX files written anew (NAME.tmx in every
 * language, and with more than two the pair files; the TSV of each pair made again; a story that
 * lacks a language, the pair files of those it has), its report
 * part written anew from PART, as the report read it, its review file, and its state. */
static int stage_story(tma_staged *staged, const tma_manifests *m, const tma_manifest_story *s,
                       const tma_report_story *part, const char *input, const char *output,
                       tma_error *err)
{
    char from[TMA_PATH_BYTES], to[TMA_PATH_BYTES];
    char langs[TMA_MAX_LANGS][TMA_LANG_BYTES];
    memcpy(langs, m->langs, sizeof langs);
    const char *map = m->lang_codes[0] ? m->lang_codes : NULL;
    tma_tmx_langs codes;
    int rc = 0;
    int has[TMA_MAX_LANGS];
    for (size_t k = 0; k < m->lang_count; k++)
        has[k] = tma_report_lang_index(part, langs[k]) < part->lang_count;
    if (!s->failed && (rc = tma_batch_path_join(from, input, s->name, ".tmx", err)) == 0 &&
        (rc = tma_batch_path_join(to, output, s->name, ".tmx", err)) == 0 && !part->partial) {
        tma_tmx_langs_pick(&codes, map, langs, NULL, m->lang_count);
        rc = stage_tmx(staged, from, to, &codes, m->tsv && m->lang_count == 2, err);
    }
    for (size_t a = 0; a < m->lang_count && m->lang_count > 2 && !s->failed; a++) {
        for (size_t b = a + 1; b < m->lang_count && rc == 0; b++) {
            if (part->partial && !(has[a] && has[b]))
                continue;
            char pair_from[TMA_PATH_BYTES], pair_to[TMA_PATH_BYTES];
            size_t which[2] = {a, b};
            rc = tma_tmx_pair_path(pair_from, sizeof pair_from, from, langs[a], langs[b], err);
            if (rc == 0)
                rc = tma_tmx_pair_path(pair_to, sizeof pair_to, to, langs[a], langs[b], err);
            tma_tmx_langs_pick(&codes, map, langs, which, 2);
            if (rc == 0)
                rc = stage_tmx(staged, pair_from, pair_to, &codes, m->tsv, err);
        }
    }
    if (rc == 0 && (rc = tma_outdir_story_file(from, input, s->name, ".qa.xml", err)) == 0 &&
        strcmp(part->name, s->name) != 0)
        rc = tma_error_set(err, TMA_ERR_INPUT, from, 0, 0,
                           "is the QA report part of another story; give the folder as tmalign "
                           "wrote it");
    if (rc == 0 && (rc = tma_outdir_story_file(to, output, s->name, ".qa.xml", err)) == 0) {
        tma_buf xml = TMA_BUF_INIT;
        rc = tma_report_story_to_xml(part, &xml, err);
        if (rc == 0)
            rc = tma_staged_data(staged, to, xml.data, xml.len, err);
        tma_buf_free(&xml);
    }
    if (rc == 0 && (rc = tma_batch_path_join(from, input, s->name, ".review.jsonl", err)) == 0 &&
        (rc = tma_batch_path_join(to, output, s->name, ".review.jsonl", err)) == 0)
        rc = stage_review(staged, from, to, s->name, err);
    if (rc == 0 && (rc = tma_outdir_story_file(from, input, s->name, ".state", err)) == 0 &&
        (rc = tma_outdir_story_file(to, output, s->name, ".state", err)) == 0)
        rc = stage_state(staged, from, to, err);
    return rc;
}

int tma_batch_merge(tma_batch_result *out, const char *const *inputs, size_t count,
                    const char *output, long long creation_time, tma_error *err)
{
    tma_manifests m = TMA_MANIFESTS_INIT;
    tma_outdir_story *entries = NULL;
    int lock_fd = -1, rc = 0;
    memset(out, 0, sizeof *out);
    if (count == 0)
        return tma_error_set(err, TMA_ERR_USAGE, NULL, 0, 0, "merge needs at least one folder");
    struct stat target;
    int target_exists = stat(output, &target) == 0;
    for (size_t i = 0; i < count && rc == 0; i++) {
        struct stat st;
        if (target_exists && stat(inputs[i], &st) == 0 && st.st_dev == target.st_dev &&
            st.st_ino == target.st_ino)
            rc = tma_error_set(err, TMA_ERR_USAGE, inputs[i], 0, 0,
                               "is also the output; merge into a new folder");
        if (rc == 0)
            rc = tma_manifests_read(&m, inputs[i], i, err);
    }
    if (rc < 0)
        goto cleanup;
    if (m.count > 0)
        qsort(m.stories, m.count, sizeof *m.stories, compare_manifest_stories);
    entries = calloc(m.count + 1, sizeof *entries);
    if (entries == NULL) {
        rc = tma_error_nomem(err, "merging");
        goto cleanup;
    }
    rc = tma_outdir_prepare(&lock_fd, output, err);
    size_t n = 0;
    for (size_t i = 0; i < m.count && rc == 0; i++) {
        const tma_manifest_story *s = &m.stories[i];
        if (n > 0 && strcmp(entries[n - 1].name, s->name) == 0)
            continue; /* in an earlier input too: the first one is kept */
        entries[n++] = (tma_outdir_story){s->name, s->failed, inputs[s->input]};
        out->total++;
        out->aligned += !s->failed;
        out->failed += s->failed;
    }
    /* Every file is written and synced before any is renamed into place: an input refused (a
     * broken TMX) or a disk that fills up leaves OUT as it was. */
    tma_outputs outputs = TMA_OUTPUTS_INIT;
    tma_staged staged = {0};
    /* The options of the runs merged, as their manifests keep them. */
    tma_tmx_options tmx = TMA_TMX_OPTIONS_INIT;
    tmx.creation_time = creation_time;
    tmx.qa_threshold = m.threshold;
    tmx.lang_codes = m.lang_codes[0] ? m.lang_codes : NULL;
    tmx.tsv = m.tsv;
    if (rc == 0)
        rc = tma_outputs_begin(&outputs, output, m.langs, m.lang_count, &tmx, err);
    for (size_t i = 0; i < n && rc == 0; i++)
        tma_outputs_add(&outputs, &entries[i]);
    if (rc == 0)
        rc = tma_outputs_finish(&outputs, m.langs, m.lang_count, &tmx, m.align_options, entries, n,
                                &staged, err);
    for (size_t i = 0, e = 0; i < m.count && rc == 0; i++) {
        const tma_manifest_story *s = &m.stories[i];
        if (e < n && strcmp(entries[e].name, s->name) == 0 && entries[e].from == inputs[s->input]) {
            rc = stage_story(&staged, &m, s, &outputs.report.stories[e], inputs[s->input], output,
                             err);
            e++;
        }
    }
    if (rc == 0)
        rc = tma_batch_learned_stage(&staged, inputs, count, m.langs, m.lang_count, output, err);
    if (rc == 0)
        rc = tma_outputs_commit(&outputs, &staged, err);
    tma_staged_free(&staged);
    tma_outputs_free(&outputs);
cleanup:
    tma_manifests_free(&m);
    free(entries);
    /* A refused merge leaves no OUT behind that it made (the staged files are gone already). */
    if (rc < 0 && lock_fd >= 0 && !target_exists)
        tma_outdir_unprepare(output);
    if (lock_fd >= 0)
        close(lock_fd);
    return rc;
}
