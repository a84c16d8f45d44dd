/* corpus.tmx, corpus.L1-L2.tmx and the QA report of a batch or merge, in name order. */
#define _POSIX_C_SOURCE 200809L
#include "outputs.h"

#include "error.h"
#include "report/internal.h"

#include <assert.h>
#include <string.h>

int tma_outputs_begin(tma_outputs *o, const char *output, char (*langs)[TMA_LANG_BYTES],
                      size_t lang_count, const tma_tmx_options *tmx, tma_error *err)
{
    char path[TMA_PATH_BYTES];
    tma_tmx_options options = TMA_TMX_OPTIONS_INIT;
    tma_tmx_langs codes;
    *o = (tma_outputs){.output = output, .report = TMA_REPORT_INIT};
    o->report.lang_count = lang_count;
    for (size_t k = 0; k < lang_count; k++)
        memcpy(o->report.langs[k], langs[k], sizeof o->report.langs[k]);
    o->report.params.low_confidence = tmx->qa_threshold;
    /* corpus.tmx takes only the date: its units are the stories' as they were written. */
    options.creation_time = tmx->creation_time;
    tma_tmx_langs_pick(&codes, tmx->lang_codes, langs, NULL, lang_count);
    int rc = tma_batch_path_join(path, output, "corpus.tmx", "", err);
    if (rc == 0)
        rc = tma_tmx_corpus_open(&o->corpus, path, &codes, &options, err);
    /* With two languages corpus.tmx is the pair's file, as NAME.tmx is. */
    for (size_t a = 0; a < lang_count && lang_count > 2; a++) {
        for (size_t b = a + 1; b < lang_count && rc == 0; b++) {
            char pair[TMA_PATH_BYTES];
            size_t *which = o->pair_langs[o->pair_count];
            which[0] = a;
            which[1] = b;
            tma_tmx_langs_pick(&codes, tmx->lang_codes, langs, which, 2);
            rc = tma_tmx_pair_path(pair, sizeof pair, path, langs[a], langs[b], err);
            if (rc == 0)
                rc = tma_tmx_corpus_open(&o->pairs[o->pair_count++], pair, &codes, &options,
                                         err);
        }
    }
    return rc;
}

/* 1 if story S has a not-a-translation finding about languages LA and LB (either way round; a
 * finding without `other` is about its language and every other), or any when LB is NULL. */
static int not_translation(const tma_report_story *s, const char *la, const char *lb)
{
    for (size_t i = 0; i < s->finding_count; i++) {
        const tma_finding *f = &s->findings[i];
        if (f->kind != TMA_FINDING_NOT_TRANSLATION)
            continue;
        if (lb == NULL)
            return 1;
        int a = strcmp(f->lang, la) == 0, b = strcmp(f->lang, lb) == 0;
        if (((a || b) && f->other[0] == '\0') || (a && strcmp(f->other, lb) == 0) ||
            (b && strcmp(f->other, la) == 0))
            return 1;
    }
    return 0;
}

void tma_outputs_add(tma_outputs *o, const tma_outdir_story *s)
{
    char path[TMA_PATH_BYTES], pair[TMA_PATH_BYTES];
    const char *from = s->from ? s->from : o->output;
    tma_tmx_source source = s->from ? TMA_TMX_FROM_SHARD : TMA_TMX_FROM_OUTPUT;
    if (o->rc == 0)
        o->rc = tma_outdir_story_file(path, from, s->name, ".qa.xml", &o->err);
    if (o->rc == 0)
        o->rc = tma_report_read_story(&o->report, path, &o->err);
    if (o->rc < 0 || s->failed)
        return;
    const tma_report_story *part = &o->report.stories[o->report.story_count - 1];
    char (*langs)[TMA_LANG_BYTES] = o->report.langs;
    o->rc = tma_batch_path_join(path, from, s->name, ".tmx", &o->err);
    /* A story that lacks a language has no NAME.tmx, and only its pairs' files. */
    if (o->rc == 0 && !part->partial && !not_translation(part, NULL, NULL))
        o->rc = tma_tmx_corpus_add(o->corpus, path, source, &o->err);
    for (size_t i = 0; i < o->pair_count && o->rc == 0; i++) {
        const char *la = langs[o->pair_langs[i][0]], *lb = langs[o->pair_langs[i][1]];
        if (not_translation(part, la, lb) || tma_report_lang_index(part, la) == part->lang_count ||
            tma_report_lang_index(part, lb) == part->lang_count)
            continue;
        o->rc = tma_tmx_pair_path(pair, sizeof pair, path, la, lb, &o->err);
        if (o->rc == 0)
            o->rc = tma_tmx_corpus_add(o->pairs[i], pair, source, &o->err);
    }
}

void tma_outputs_fail(tma_outputs *o, const tma_error *e)
{
    if (o->rc == 0) {
        assert(e->code < 0);
        o->rc = e->code;
        o->err = *e;
    }
}

/* Stages the report file NAME of OUTPUT, written by WRITE. */
static int stage_report(tma_staged *s, const char *output, const char *name,
                        void (*write)(const tma_report *, tma_outfile *), const tma_report *report,
                        tma_error *err)
{
    char path[TMA_PATH_BYTES];
    tma_outfile out = TMA_OUTFILE_INIT;
    int rc = tma_batch_path_join(path, output, name, "", err);
    if (rc == 0)
        rc = tma_outfile_open(&out, path, err);
    if (rc < 0)
        return rc;
    write(report, &out);
    return tma_staged_add(s, &out, err);
}

int tma_outputs_finish(tma_outputs *o, char (*langs)[TMA_LANG_BYTES], size_t lang_count,
                       const tma_tmx_options *tmx, const char *align_options,
                       const tma_outdir_story *stories, size_t count, tma_staged *staged,
                       tma_error *err)
{
    const char *output = o->output;
    int rc = o->rc;
    if (rc < 0)
        *err = o->err;
    if (rc == 0)
        rc = tma_tmx_corpus_finish(o->corpus, err);
    for (size_t i = 0; i < o->pair_count && rc == 0; i++)
        rc = tma_tmx_corpus_finish(o->pairs[i], err);
    if (rc == 0)
        rc = stage_report(staged, output, "qa.json", tma_report_write_json, &o->report, err);
    if (rc == 0)
        rc = stage_report(staged, output, "qa.tsv", tma_report_write_tsv, &o->report, err);
    if (rc == 0)
        rc = stage_report(staged, output, "qa.html", tma_report_write_html, &o->report, err);
    if (rc == 0)
        rc = tma_outdir_manifest_stage(staged, output, langs, lang_count, tmx->qa_threshold,
                                       tmx->lang_codes, tmx->tsv, align_options, stories, count,
                                       err);
    if (rc == 0)
        rc = tma_outdir_workdir_stage(staged, output, err);
    return rc;
}

int tma_outputs_commit(tma_outputs *o, tma_staged *staged, tma_error *err)
{
    int rc = tma_tmx_corpus_commit(o->corpus, err);
    for (size_t i = 0; i < o->pair_count && rc == 0; i++)
        rc = tma_tmx_corpus_commit(o->pairs[i], err);
    return rc < 0 ? rc : tma_outfile_commit_all(staged->items, staged->count, err);
}

void tma_outputs_free(tma_outputs *o)
{
    tma_tmx_corpus_free(o->corpus);
    o->corpus = NULL;
    for (size_t i = 0; i < o->pair_count; i++) {
        tma_tmx_corpus_free(o->pairs[i]);
        o->pairs[i] = NULL;
    }
    o->pair_count = 0;
    tma_report_free(&o->report);
}
