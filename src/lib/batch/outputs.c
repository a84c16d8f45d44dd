/* corpus.tmx and the QA report of a batch or merge, in name order. */
#define _POSIX_C_SOURCE 200809L
#include "outputs.h"

#include "error.h"

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
    return rc;
}

void tma_outputs_add(tma_outputs *o, const tma_outdir_story *s)
{
    char path[TMA_PATH_BYTES];
    const char *from = s->from ? s->from : o->output;
    if (o->rc == 0 && !s->failed) {
        o->rc = tma_batch_path_join(path, from, s->name, ".tmx", &o->err);
        if (o->rc == 0)
            o->rc = tma_tmx_corpus_add(o->corpus, path,
                                       s->from ? TMA_TMX_FROM_SHARD : TMA_TMX_FROM_OUTPUT, &o->err);
    }
    if (o->rc == 0)
        o->rc = tma_outdir_story_file(path, from, s->name, ".qa.xml", &o->err);
    if (o->rc == 0)
        o->rc = tma_report_read_story(&o->report, path, &o->err);
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
    return rc;
}

int tma_outputs_commit(tma_outputs *o, tma_staged *staged, tma_error *err)
{
    int rc = tma_tmx_corpus_commit(o->corpus, err);
    return rc < 0 ? rc : tma_outfile_commit_all(staged->items, staged->count, err);
}

void tma_outputs_free(tma_outputs *o)
{
    tma_tmx_corpus_free(o->corpus);
    o->corpus = NULL;
    tma_report_free(&o->report);
}
