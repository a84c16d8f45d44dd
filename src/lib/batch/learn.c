#define _XOPEN_SOURCE 700
#include "learn.h"

#include "../learn.h"
#include "anchor.h"
#include "context.h"
#include "error.h"
#include "outfile.h"
#include "pool.h"
#include "story.h"
#include "text.h"
#include "words.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A 1-1 unit of the first alignment is learned from when its score is at least this: lengths
 * and anchors alone put most true 1-1 units of a clean story above it. */
#define LEARN_MIN_SCORE 0.9
/* The most pairs of a run's languages: TMA_MAX_LANGS choose 2. */
#define MAX_PAIRS (TMA_MAX_LANGS * (TMA_MAX_LANGS - 1) / 2)
/* A learned file is at most this large (learn.c reads no more). */
#define MAX_LEARNED_BYTES ((size_t)256 * 1024 * 1024)

/* What one story gives one pair to learn from: its sure 1-1 units' keys and stems, one unit
 * after the other (A's keys, then B's), the stems NUL-terminated in the same order. */
typedef struct story_sample {
    tma_u32s keys;
    tma_u32s sizes; /* per unit: A's key count, B's key count */
    tma_buf stems;
} story_sample;

typedef struct learn_run {
    tma_ctx *ctx;
    tma_corpus all; /* every story of the corpus, whatever the shard */
    tma_worker **workers;
    size_t pair_a[MAX_PAIRS], pair_b[MAX_PAIRS], pair_count; /* the pairs to learn */
    story_sample *samples; /* story s, pair p: samples[s * pair_count + p] (owned) */
    int (*stopped)(void);
} learn_run;

static void story_sample_free(story_sample *s)
{
    free(s->keys.v);
    free(s->sizes.v);
    tma_buf_free(&s->stems);
    *s = (story_sample){0};
}

/* Appends sentence I's keys and stems of W to S. */
static int add_sentence(story_sample *s, const tma_words *w, size_t i)
{
    uint32_t first = w->key_first[i], n = w->key_first[i + 1] - first;
    for (uint32_t k = first; k < first + n; k++) {
        const char *stem = w->stems + w->key_stem[k];
        if (tma_u32s_push(&s->keys, w->keys[k]) < 0 ||
            tma_buf_append(&s->stems, stem, strlen(stem) + 1) < 0)
            return -1;
    }
    return tma_u32s_push(&s->sizes, n);
}

/* The sure 1-1 units of the pair of STORY's docs A < B (DOCS) into S. */
static int sample_pair(story_sample *s, learn_run *run, tma_story *story, tma_doc *const *docs,
                       size_t a, size_t b, tma_error *err)
{
    size_t count = 0;
    const tma_bead *beads = tma_story_pair_beads(story, a, b, &count);
    const struct tma_anchor_tables *tables = tma_ctx_anchor_tables(run->ctx);
    const tma_words_source source = {NULL, TMA_LEXICON_AB, NULL, 0, 1};
    tma_words wa = TMA_WORDS_INIT, wb = TMA_WORDS_INIT;
    int rc = tma_words_build(&wa, docs[a], tables, tma_doc_lang(docs[b]), &source, err);
    if (rc == 0)
        rc = tma_words_build(&wb, docs[b], tables, tma_doc_lang(docs[a]), &source, err);
    for (size_t k = 0; k < count && rc == 0; k++) {
        const tma_bead *bd = &beads[k];
        if (bd->a_count != 1 || bd->b_count != 1 || bd->score < LEARN_MIN_SCORE ||
            tma_words_keys(&wa, bd->a_first, 1) == 0 || tma_words_keys(&wb, bd->b_first, 1) == 0)
            continue;
        if (add_sentence(s, &wa, bd->a_first) < 0 || add_sentence(s, &wb, bd->b_first) < 0)
            rc = tma_error_nomem(err, "learning a lexicon");
    }
    tma_words_free(&wa);
    tma_words_free(&wb);
    return rc;
}

/* Aligns story INDEX of the corpus and keeps what it gives each pair. A story that cannot be
 * read or aligned gives nothing: the run proper reports it. A story that lacks a language but has
 * two or more (partial) is aligned in those, as the run proper aligns it, and gives its pairs. */
static void sample_story(void *arg, size_t thread, size_t index)
{
    learn_run *run = arg;
    const tma_corpus_story *cs = &run->all.stories[index];
    size_t n = run->all.lang_count;
    if (run->stopped != NULL && run->stopped())
        return;
    tma_buf raw[TMA_MAX_LANGS] = {TMA_BUF_INIT};
    tma_doc *docs[TMA_MAX_LANGS] = {NULL};
    tma_story *story = NULL;
    tma_error e = {0};
    /* at[k]: language k's index among the docs the story has, HAS of them. */
    size_t at[TMA_MAX_LANGS], has = 0;
    for (size_t k = 0; k < n; k++)
        at[k] = cs->present[k] ? has++ : SIZE_MAX;
    int rc = tma_corpus_name_problem(&run->all, cs->name) == NULL && has >= 2 ? 0 : -1;
    for (size_t k = 0; k < n && rc == 0; k++) {
        char path[TMA_PATH_BYTES];
        int fd;
        if (!cs->present[k])
            continue;
        tma_corpus_story_path(path, &run->all, k, cs, &e);
        rc = e.code == TMA_OK ? 0 : -1;
        if (rc == 0)
            rc = tma_corpus_open_story(&fd, &run->all, path, &e);
        if (rc == 0)
            rc = tma_text_read_fd(&raw[k], fd, path, &e);
        if (rc == 0)
            rc = tma_doc_read_mem(&docs[at[k]], run->workers[thread], path,
                                  raw[k].data ? raw[k].data : "", raw[k].len, run->all.langs[k],
                                  &e);
    }
    if (rc == 0)
        rc = tma_story_align(&story, run->workers[thread], docs, has, &e);
    for (size_t p = 0; p < run->pair_count && rc == 0; p++) {
        story_sample *s = &run->samples[index * run->pair_count + p];
        size_t a = at[run->pair_a[p]], b = at[run->pair_b[p]];
        if (a == SIZE_MAX || b == SIZE_MAX)
            continue;
        rc = sample_pair(s, run, story, docs, a, b, &e);
        if (rc < 0) {
            story_sample_free(s);
        }
    }
    tma_story_free(story);
    for (size_t k = 0; k < n; k++) {
        tma_doc_free(docs[k]);
        tma_buf_free(&raw[k]);
    }
}

/* Feeds pair P's samples of every story, in name order, to a learner and learns. */
static int learn_pair(tma_learned **out, learn_run *run, size_t p, tma_error *err)
{
    tma_learner *l = NULL;
    int rc = tma_learner_new(&l, err);
    const char **stems = NULL;
    size_t stems_cap = 0;
    for (size_t s = 0; s < run->all.story_count && rc == 0; s++) {
        const story_sample *sample = &run->samples[s * run->pair_count + p];
        const uint32_t *keys = sample->keys.v;
        const char *stem = sample->stems.data;
        for (size_t u = 0; u + 1 < sample->sizes.len && rc == 0; u += 2) {
            size_t na = sample->sizes.v[u], nb = sample->sizes.v[u + 1];
            const char **grown = tma_grow(stems, &stems_cap, na + nb, sizeof *stems, 128);
            if (grown == NULL) {
                rc = tma_error_nomem(err, "learning a lexicon");
                break;
            }
            stems = grown;
            for (size_t k = 0; k < na + nb; k++) {
                stems[k] = stem;
                stem += strlen(stem) + 1;
            }
            if (tma_learner_add(l, keys, stems, na, keys + na, stems + na, nb) < 0)
                rc = tma_error_nomem(err, "learning a lexicon");
            keys += na + nb;
        }
    }
    if (rc == 0)
        rc = tma_learner_finish(out, l, run->all.langs[run->pair_a[p]],
                                run->all.langs[run->pair_b[p]], err);
    free(stems);
    tma_learner_free(l);
    return rc;
}

/* Writes TEXT to PATH, all or nothing. */
static int write_text(const tma_buf *text, const char *path, tma_error *err)
{
    tma_outfile f = TMA_OUTFILE_INIT;
    int rc = tma_outfile_open(&f, path, err);
    if (rc == 0) {
        tma_outfile_write(&f, text->data, text->len);
        rc = tma_outfile_commit(&f, err);
    }
    tma_outfile_discard(&f);
    return rc;
}

/* Learns pair P, writes it to PATH and keeps its text in TEXT: the lexicon given to the aligner
 * is the one read back from that text, so that this run and the next, which reads the file,
 * align alike. */
static int learn_and_write(tma_learned **out, tma_buf *text, learn_run *run, size_t p,
                           const char *path, tma_error *err)
{
    tma_learned *learned = NULL;
    int rc = learn_pair(&learned, run, p, err);
    if (rc == 0 && tma_learned_write(learned, text) < 0)
        rc = tma_error_nomem(err, "learning a lexicon");
    tma_learned_free(learned);
    if (rc == 0)
        rc = write_text(text, path, err);
    if (rc == 0)
        rc = tma_learned_parse(out, path, text->data, text->len, err);
    return rc;
}

/* Reads the learned lexicon at PATH for languages LA and LB into *out. */
static int read_learned(tma_learned **out, tma_buf *text, const char *path, const char *la,
                        const char *lb, tma_error *err)
{
    int rc = tma_text_read_written(text, path, MAX_LEARNED_BYTES, err);
    if (rc == 0)
        rc = tma_learned_parse(out, path, text->data ? text->data : "", text->len, err);
    if (rc == 0 && (strcmp(tma_learned_lang(*out, 0), la) != 0 ||
                    strcmp(tma_learned_lang(*out, 1), lb) != 0)) {
        rc = tma_error_set(err, TMA_ERR_DATA, path, 1, 0,
                           "the lexicon is for %s-%s, not %s-%s; delete the file and run the "
                           "batch again",
                           tma_learned_lang(*out, 0), tma_learned_lang(*out, 1), la, lb);
        tma_learned_free(*out);
        *out = NULL;
    }
    return rc;
}

int tma_batch_learn(tma_ctx *ctx, const tma_corpus *corpus, tma_worker **workers, size_t threads,
                    const char *output, int force, int (*stopped)(void), int *was_stopped,
                    uint64_t *fingerprint, tma_error *err)
{
    *fingerprint = 0;
    *was_stopped = 0;
    if (tma_ctx_options(ctx)->no_lexicon)
        return 0;
    learn_run run = {.ctx = ctx, .all = TMA_CORPUS_INIT, .workers = workers, .stopped = stopped};
    char (*paths)[TMA_PATH_BYTES] = calloc(MAX_PAIRS, TMA_PATH_BYTES);
    tma_learned *learned[MAX_PAIRS] = {NULL};
    tma_buf text[MAX_PAIRS];
    for (size_t p = 0; p < MAX_PAIRS; p++)
        text[p] = (tma_buf)TMA_BUF_INIT;
    int rc = paths == NULL ? tma_error_nomem(err, "learning a lexicon") : 0, to_learn = 0;
    /* Which pairs lack word knowledge, and which of them have a lexicon from an earlier run. */
    for (size_t a = 0; a < corpus->lang_count && rc == 0; a++) {
        for (size_t b = a + 1; b < corpus->lang_count && rc == 0; b++) {
            int has = tma_ctx_pair_has_lexicon(ctx, corpus->langs[a], corpus->langs[b], err);
            if (has != 0) {
                rc = has < 0 ? has : 0;
                continue;
            }
            size_t p = run.pair_count++;
            run.pair_a[p] = a;
            run.pair_b[p] = b;
            char name[2 * TMA_LANG_BYTES + 16];
            snprintf(name, sizeof name, "lexicon.%s-%s", corpus->langs[a], corpus->langs[b]);
            rc = tma_batch_path_join(paths[p], output, name, TMA_LEARNED_SUFFIX, err);
            struct stat st;
            if (rc == 0 && !force && lstat(paths[p], &st) == 0)
                rc = read_learned(&learned[p], &text[p], paths[p], corpus->langs[a],
                                  corpus->langs[b], err);
            to_learn |= rc == 0 && learned[p] == NULL;
        }
    }
    if (rc == 0 && to_learn) {
        char langs[TMA_MAX_LANGS * TMA_LANG_BYTES] = "";
        for (size_t k = 0; k < corpus->lang_count; k++)
            snprintf(langs + strlen(langs), sizeof langs - strlen(langs), "%s%s", k ? "," : "",
                     corpus->langs[k]);
        rc = tma_corpus_find_langs(&run.all, corpus->folder, langs, err);
        if (rc == 0)
            rc = tma_corpus_list_stories(&run.all, 0, 0, err);
        if (rc == 0) {
            run.samples = calloc(run.all.story_count * run.pair_count + 1, sizeof *run.samples);
            if (run.samples == NULL)
                rc = tma_error_nomem(err, "learning a lexicon");
        }
        if (rc == 0)
            tma_pool_run(threads, run.all.story_count, sample_story, NULL, &run);
        *was_stopped = rc == 0 && stopped != NULL && stopped();
        for (size_t p = 0; p < run.pair_count && rc == 0 && !*was_stopped; p++) {
            if (learned[p] != NULL)
                continue;
            rc = learn_and_write(&learned[p], &text[p], &run, p, paths[p], err);
        }
    }
    uint64_t h = TMA_FNV_OFFSET;
    for (size_t p = 0; p < run.pair_count; p++) {
        if (rc == 0 && !*was_stopped && learned[p] != NULL) {
            h = tma_batch_hash(h, text[p].data, text[p].len);
            *fingerprint = h;
            rc = tma_ctx_set_learned(ctx, learned[p], err);
        } else {
            tma_learned_free(learned[p]);
        }
        tma_buf_free(&text[p]);
    }
    for (size_t k = 0; run.samples != NULL && k < run.all.story_count * run.pair_count; k++)
        story_sample_free(&run.samples[k]);
    free(run.samples);
    free(paths);
    tma_corpus_free(&run.all);
    return rc;
}

int tma_batch_learned_stage(tma_staged *staged, const char *const *inputs, size_t count,
                            char (*langs)[TMA_LANG_BYTES], size_t lang_count, const char *output,
                            tma_error *err)
{
    char name[2 * TMA_LANG_BYTES + 16], from[TMA_PATH_BYTES], to[TMA_PATH_BYTES];
    int rc = 0;
    for (size_t a = 0; a < lang_count && rc == 0; a++) {
        for (size_t b = a + 1; b < lang_count && rc == 0; b++) {
            snprintf(name, sizeof name, "lexicon.%s-%s", langs[a], langs[b]);
            rc = tma_batch_path_join(to, output, name, TMA_LEARNED_SUFFIX, err);
            for (size_t i = 0; i < count && rc == 0; i++) {
                struct stat st;
                rc = tma_batch_path_join(from, inputs[i], name, TMA_LEARNED_SUFFIX, err);
                if (rc < 0 || lstat(from, &st) != 0)
                    continue;
                tma_buf text = TMA_BUF_INIT;
                tma_learned *learned = NULL;
                rc = read_learned(&learned, &text, from, langs[a], langs[b], err);
                if (rc == 0)
                    rc = tma_staged_data(staged, to, text.data, text.len, err);
                tma_learned_free(learned);
                tma_buf_free(&text);
                break;
            }
        }
    }
    return rc;
}
