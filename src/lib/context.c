#include "context.h"

#include "align.h"
#include "anchor.h"
#include "bounds.h"
#include "error.h"
#include "learn.h"
#include "lexicon.h"
#include "pool.h"
#include "segment.h"
#include "stem.h"
#include "text.h"
#include "translit.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>
#include <libxml/parser.h>

/* The most language pairs whose word knowledge one ctx keeps. */
#define TMA_CTX_LEXICONS 32

/* One pair's word knowledge, read on first use. */
typedef struct ctx_lexicon {
    char la[TMA_LANG_BYTES], lb[TMA_LANG_BYTES]; /* primary subtags */
    tma_lexicon *lex;                            /* NULL: nothing known, or failed */
    tma_learned *learned;                        /* NULL: none given */
    tma_error failure;                           /* code != TMA_OK: reading it failed */
} ctx_lexicon;

/* Built once and then only read, except the dictionaries, which load on first use under their
 * own lock, and the lexicons, under theirs. */
struct tma_ctx {
    tma_options options;
    /* The languages with splitting tables in src/data, then the generic rules for the others. */
    tma_seg_rules rules[TMA_SEG_MAX_RULE_LANGS + 1];
    size_t rule_lang_count;
    tma_anchor_tables anchors;
    tma_stem_dicts dicts;
    /* tma_ctx_preload's thread, to join while PRELOADING, and what it loads. */
    pthread_t preloader;
    int preloading, preloaded;
    char preload_langs[TMA_MAX_LANGS][TMA_LANG_BYTES];
    size_t preload_count;
    pthread_mutex_t lexicon_lock;
    ctx_lexicon lexicons[TMA_CTX_LEXICONS];
    size_t lexicon_count;
};

struct tma_worker {
    tma_ctx *ctx;                /* borrowed; only its dictionaries change */
    tma_seg_iterators iterators; /* owned */
    tma_anchor_scratch anchors;  /* owned */
    tma_align_scratch scratch;   /* owned */
};

int tma_ctx_new(tma_ctx **out, const tma_options *options, tma_error *err)
{
    *out = NULL;
    tma_ctx *ctx = calloc(1, sizeof *ctx);
    if (ctx == NULL)
        return tma_error_nomem(err, "starting");
    if (options != NULL)
        ctx->options = *options;
    if (ctx->options.paragraph_penalty < 0) {
        free(ctx);
        return tma_error_set(err, TMA_ERR_USAGE, NULL, 0, 0,
                             "the paragraph penalty must not be negative");
    }
    if (ctx->options.paragraph_penalty == 0)
        ctx->options.paragraph_penalty = tma_align_default_params().paragraph_penalty;
    char rule_langs[TMA_SEG_MAX_RULE_LANGS][TMA_LANG_BYTES];
    pthread_mutex_init(&ctx->lexicon_lock, NULL);
    int rc = tma_stem_init(&ctx->dicts, ctx->options.dictionary_dir, err);
    if (rc < 0) {
        free(ctx);
        return rc;
    }
    size_t nrules = tma_seg_rule_langs(rule_langs, TMA_SEG_MAX_RULE_LANGS);
    for (size_t k = 0; k <= nrules && rc == 0; k++) {
        rc = tma_seg_rules_load(&ctx->rules[k], k < nrules ? rule_langs[k] : "", err);
        ctx->rule_lang_count = k;
    }
    if (rc == 0)
        rc = tma_anchor_tables_load(&ctx->anchors, err);
    if (rc < 0) {
        tma_ctx_free(ctx);
        return rc;
    }
    /* libxml2's global set-up, here on the thread that builds the context, before any worker;
     * and jansson's hash seed, which its first object would otherwise pick on whichever worker
     * reads a review file first. */
    xmlInitParser();
    json_object_seed(0);
    *out = ctx;
    return 0;
}

static void *preload_main(void *arg)
{
    tma_ctx *ctx = arg;
    const char *langs[TMA_MAX_LANGS];
    for (size_t k = 0; k < ctx->preload_count; k++)
        langs[k] = ctx->preload_langs[k];
    tma_stem_load(&ctx->dicts, langs, ctx->preload_count, 0, tma_pool_cores());
    return NULL;
}

void tma_ctx_preload(tma_ctx *ctx, const char *const *langs, size_t n)
{
    if (ctx->preloaded)
        return;
    ctx->preloaded = 1;
    ctx->preload_count = n < TMA_MAX_LANGS ? n : TMA_MAX_LANGS;
    for (size_t k = 0; k < ctx->preload_count; k++)
        snprintf(ctx->preload_langs[k], sizeof ctx->preload_langs[k], "%s", langs[k]);
    ctx->preloading = pthread_create(&ctx->preloader, NULL, preload_main, ctx) == 0;
}

void tma_ctx_preload_wait(tma_ctx *ctx)
{
    if (ctx->preloading)
        pthread_join(ctx->preloader, NULL);
    ctx->preloading = 0;
}

void tma_ctx_free(tma_ctx *ctx)
{
    if (ctx == NULL)
        return;
    tma_ctx_preload_wait(ctx);
    for (size_t k = 0; k <= ctx->rule_lang_count; k++)
        tma_seg_rules_free(&ctx->rules[k]);
    tma_anchor_tables_free(&ctx->anchors);
    tma_stem_free(&ctx->dicts);
    for (size_t k = 0; k < ctx->lexicon_count; k++) {
        tma_lexicon_free(ctx->lexicons[k].lex);
        tma_learned_free(ctx->lexicons[k].learned);
    }
    pthread_mutex_destroy(&ctx->lexicon_lock);
    free(ctx);
}

/* Reads the learned lexicon of the pair E names from the batch output folder DIR into E, if DIR
 * has one (as lexicon.LA-LB.learned or lexicon.LB-LA.learned). */
static void read_learned(ctx_lexicon *e, const char *dir)
{
    char path[TMA_PATH_BYTES];
    for (int k = 0; k < 2; k++) {
        const char *x = k ? e->lb : e->la, *y = k ? e->la : e->lb;
        struct stat st;
        if ((size_t)snprintf(path, sizeof path, "%s/lexicon.%s-%s.learned", dir, x, y) >=
                sizeof path ||
            stat(path, &st) != 0)
            continue;
        tma_buf text = TMA_BUF_INIT;
        tma_learned *learned = NULL;
        int rc = tma_text_read_file(&text, path, &e->failure);
        if (rc == 0)
            rc = tma_learned_parse(&learned, path, text.data ? text.data : "", text.len,
                                   &e->failure);
        tma_buf_free(&text);
        if (learned != NULL && (strcmp(tma_learned_lang(learned, 0), x) != 0 ||
                                strcmp(tma_learned_lang(learned, 1), y) != 0)) {
            tma_error_set(&e->failure, TMA_ERR_DATA, path, 1, 0,
                          "the lexicon is for %s-%s, not %s-%s; give the batch folder that "
                          "learned it",
                          tma_learned_lang(learned, 0), tma_learned_lang(learned, 1), x, y);
            tma_learned_free(learned);
            learned = NULL;
        }
        e->learned = learned;
        return;
    }
}

/* Reads the word knowledge of the pair E names into E. */
static void read_lexicon(ctx_lexicon *e, const tma_options *options)
{
    tma_lexicon *lex = NULL;
    size_t found = 0;
    /* Reading a dictionary backwards parses every entry at start (mueller7: 0.5 s); a pair's
     * dictionaries in the one direction carry most of the evidence. */
    tma_lexicon_options lexicon_options = TMA_LEXICON_OPTIONS_INIT;
    lexicon_options.read_back = 0;
    int rc = tma_lexicon_new(&lex, e->la, e->lb, &lexicon_options, &e->failure);
    if (rc == 0)
        rc = tma_lexicon_add_installed(lex, options->dictd_dir, &found, &e->failure);
    if (rc == 0 && options->glossary != NULL) {
        rc = tma_lexicon_add_glossary(lex, options->glossary, &e->failure);
        /* A glossary whose header names another pair is not this pair's. */
        if (rc == TMA_ERR_USAGE) {
            tma_error_clear(&e->failure);
            rc = 0;
        } else if (rc == 0) {
            found++;
        }
    }
    if (rc < 0 || found == 0) {
        tma_lexicon_free(lex);
        lex = NULL;
    }
    e->lex = lex;
    if (rc == 0 && lex == NULL && options->learned_dir != NULL)
        read_learned(e, options->learned_dir);
}

/* The entry of the pair of primary subtags A and B in CTX, read on first use; NULL when CTX
 * has TMA_CTX_LEXICONS pairs already. Called under the lexicon lock. */
static ctx_lexicon *pair_entry(tma_ctx *ctx, const char *a, const char *b)
{
    for (size_t k = 0; k < ctx->lexicon_count; k++) {
        ctx_lexicon *x = &ctx->lexicons[k];
        if ((strcmp(x->la, a) == 0 && strcmp(x->lb, b) == 0) ||
            (strcmp(x->la, b) == 0 && strcmp(x->lb, a) == 0))
            return x;
    }
    if (ctx->lexicon_count == TMA_CTX_LEXICONS)
        return NULL;
    ctx_lexicon *e = &ctx->lexicons[ctx->lexicon_count++];
    snprintf(e->la, sizeof e->la, "%s", a);
    snprintf(e->lb, sizeof e->lb, "%s", b);
    read_lexicon(e, &ctx->options);
    return e;
}

/* The primary subtag of LANG in OUT. */
static void primary_subtag(char out[TMA_LANG_BYTES], const char *lang)
{
    snprintf(out, TMA_LANG_BYTES, "%.*s", (int)strcspn(lang, "-_"), lang);
}

int tma_ctx_lexicon(tma_lexicon **out, const tma_learned **learned, int *swapped, tma_ctx *ctx,
                    const char *la, const char *lb, tma_error *err)
{
    *out = NULL;
    *learned = NULL;
    *swapped = 0;
    if (ctx->options.no_lexicon)
        return 0;
    char a[TMA_LANG_BYTES], b[TMA_LANG_BYTES];
    primary_subtag(a, la);
    primary_subtag(b, lb);
    pthread_mutex_lock(&ctx->lexicon_lock);
    ctx_lexicon *e = pair_entry(ctx, a, b);
    int rc = 0;
    if (e != NULL && e->failure.code != TMA_OK) {
        *err = e->failure;
        rc = e->failure.code;
    } else if (e != NULL) {
        *out = e->lex;
        *learned = e->learned;
        *swapped = strcmp(e->la, a) != 0;
    }
    pthread_mutex_unlock(&ctx->lexicon_lock);
    return rc;
}

int tma_ctx_set_learned(tma_ctx *ctx, tma_learned *learned, tma_error *err)
{
    char a[TMA_LANG_BYTES], b[TMA_LANG_BYTES];
    primary_subtag(a, tma_learned_lang(learned, 0));
    primary_subtag(b, tma_learned_lang(learned, 1));
    pthread_mutex_lock(&ctx->lexicon_lock);
    ctx_lexicon *e = pair_entry(ctx, a, b);
    int rc = 0;
    if (e == NULL) {
        rc = tma_error_set(err, TMA_ERR_LIMIT, NULL, 0, 0,
                           "more than %d language pairs; align fewer languages at once",
                           TMA_CTX_LEXICONS);
        tma_learned_free(learned);
    } else {
        tma_learned_free(e->learned);
        e->learned = learned;
    }
    pthread_mutex_unlock(&ctx->lexicon_lock);
    return rc;
}

int tma_ctx_pair_has_lexicon(tma_ctx *ctx, const char *la, const char *lb, tma_error *err)
{
    tma_lexicon *lex;
    const tma_learned *learned;
    int swapped;
    int rc = tma_ctx_lexicon(&lex, &learned, &swapped, ctx, la, lb, err);
    return rc < 0 ? rc : lex != NULL;
}

const tma_seg_rules *tma_ctx_rules(const tma_ctx *ctx, const char *lang)
{
    size_t n = strcspn(lang, "-_");
    for (size_t k = 0; k < ctx->rule_lang_count; k++) {
        if (strlen(ctx->rules[k].lang) == n && strncmp(ctx->rules[k].lang, lang, n) == 0)
            return &ctx->rules[k];
    }
    return &ctx->rules[ctx->rule_lang_count];
}

const tma_options *tma_ctx_options(const tma_ctx *ctx)
{
    return &ctx->options;
}

const tma_anchor_tables *tma_ctx_anchor_tables(const tma_ctx *ctx)
{
    return &ctx->anchors;
}

tma_stem_dicts *tma_ctx_dicts(tma_ctx *ctx)
{
    return &ctx->dicts;
}

int tma_worker_new(tma_worker **out, tma_ctx *ctx, tma_error *err)
{
    *out = NULL;
    tma_worker *w = calloc(1, sizeof *w);
    if (w == NULL)
        return tma_error_nomem(err, "starting a worker");
    w->ctx = ctx;
    *out = w;
    return 0;
}

void tma_worker_free(tma_worker *w)
{
    if (w == NULL)
        return;
    tma_seg_iterators_free(&w->iterators);
    tma_anchor_scratch_free(&w->anchors);
    tma_align_scratch_free(&w->scratch);
    free(w);
}

tma_ctx *tma_worker_ctx(const tma_worker *w)
{
    return w->ctx;
}

tma_seg_iterators *tma_worker_iterators(tma_worker *w)
{
    return &w->iterators;
}

tma_anchor_scratch *tma_worker_anchor_scratch(tma_worker *w)
{
    return &w->anchors;
}

tma_align_scratch *tma_worker_align_scratch(tma_worker *w)
{
    return &w->scratch;
}

tma_translit *tma_worker_translit(tma_worker *w)
{
    return &w->anchors.translit;
}
