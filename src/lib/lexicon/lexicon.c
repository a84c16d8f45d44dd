/* The facade: a language pair's sources, the lookups through them and the cache of answers. An
 * answer, once made, lives in its direction's arena and never changes, so that a caller may keep
 * the pointer. Each direction has a lock of its own over its cache and scratch, and each source
 * one over its lazily built tables, so that the two directions of a pair look words up side by
 * side (the aligner builds them on two threads); a lookup takes its direction's lock, then a
 * source's, never the other way round. */
#define _POSIX_C_SOURCE 200809L
#include "arena.h"
#include "error.h"
#include "internal.h"
#include "text.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { SOURCE_DICTD, SOURCE_GLOSSARY };

typedef struct source {
    int kind;
    int from; /* dictd: the side its headwords are on */
    tma_lex_dictd *dict;
    tma_lex_glossary glossary;
    char name[160];
    /* Over DICT's lazily built table and inflated chunks, and over BACK while it is built. */
    pthread_mutex_t lock;
    /* The dictionary read backwards: the key of a translation -> the pool offset of a headword
     * whose entry gives it. Built on first use. */
    int back_built;
    tma_lex_map back;
    tma_buf back_pool;
} source;

typedef struct answer {
    const tma_lexicon_word *words; /* in the arena */
    size_t count;
} answer;

/* A translation being collected: its compared form at text_at in the lexicon's FOUND_TEXT. */
typedef struct collected {
    size_t text_at, len;
    uint8_t sources;
} collected;

/* One direction's answers and the scratch of its lookups, all under LOCK. */
typedef struct direction {
    pthread_mutex_t lock;
    size_t max_translations; /* the lexicon's option */
    tma_table cache; /* key of a word -> index into answers */
    answer *answers;
    size_t answer_count, answer_cap;
    tma_arena arena;
    tma_buf key, form, items, found_text;
    collected *found;
    size_t found_count, found_cap;
    uint8_t adding; /* the source bit of what is being collected */
} direction;

struct tma_lexicon {
    char lang[2][TMA_LANG_BYTES]; /* primary subtags */
    tma_lexicon_options options;
    /* Added before any lookup, then only read. */
    source *sources[TMA_LEXICON_MAX_SOURCES];
    size_t source_count;
    pthread_mutex_t sources_lock; /* over adding to SOURCES */
    direction dirs[2];            /* by tma_lexicon_dir */
};

/* ---- Making and freeing ------------------------------------------------------------------- */

static void primary(char *dst, const char *code)
{
    size_t n = strcspn(code, "-");
    snprintf(dst, TMA_LANG_BYTES, "%.*s", (int)n, code);
}

int tma_lexicon_new(tma_lexicon **out, const char *lang_a, const char *lang_b,
                    const tma_lexicon_options *options, tma_error *err)
{
    *out = NULL;
    for (int side = 0; side < 2; side++) {
        const char *code = side ? lang_b : lang_a;
        if (code == NULL || !tma_lang_is_valid(code))
            return tma_error_about(
                err, "langs",
                tma_error_set(err, TMA_ERR_USAGE, NULL, 0, 0,
                              "'%s' is not a language code; use ISO 639-1 codes such as en, ru",
                              code ? code : ""));
    }
    tma_lexicon *lex = calloc(1, sizeof *lex);
    if (lex == NULL)
        return tma_error_nomem(err, "making a lexicon");
    primary(lex->lang[0], lang_a);
    primary(lex->lang[1], lang_b);
    if (strcmp(lex->lang[0], lex->lang[1]) == 0) {
        free(lex);
        return tma_error_about(
            err, "langs",
            tma_error_set(err, TMA_ERR_USAGE, NULL, 0, 0,
                          "a lexicon is for two languages; \"%s\" is named twice", lang_a));
    }
    lex->options = options ? *options : (tma_lexicon_options)TMA_LEXICON_OPTIONS_INIT;
    if (lex->options.max_translations == 0)
        lex->options.max_translations = TMA_LEXICON_MAX_TRANSLATIONS;
    if (pthread_mutex_init(&lex->sources_lock, NULL) != 0) {
        free(lex);
        return tma_error_nomem(err, "making a lexicon");
    }
    for (int dir = 0; dir < 2; dir++) {
        if (pthread_mutex_init(&lex->dirs[dir].lock, NULL) != 0) {
            while (dir-- > 0)
                pthread_mutex_destroy(&lex->dirs[dir].lock);
            pthread_mutex_destroy(&lex->sources_lock);
            free(lex);
            return tma_error_nomem(err, "making a lexicon");
        }
        lex->dirs[dir].max_translations = lex->options.max_translations;
    }
    *out = lex;
    return 0;
}

static source *source_new(void)
{
    source *s = calloc(1, sizeof *s);
    if (s != NULL && pthread_mutex_init(&s->lock, NULL) != 0) {
        free(s);
        s = NULL;
    }
    return s;
}

static void source_free(source *s)
{
    if (s == NULL)
        return;
    tma_lex_dictd_free(s->dict);
    tma_lex_glossary_free(&s->glossary);
    tma_lex_map_free(&s->back);
    tma_buf_free(&s->back_pool);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

void tma_lexicon_free(tma_lexicon *lex)
{
    if (lex == NULL)
        return;
    for (size_t i = 0; i < lex->source_count; i++)
        source_free(lex->sources[i]);
    for (int dir = 0; dir < 2; dir++) {
        direction *d = &lex->dirs[dir];
        tma_table_free(&d->cache);
        free(d->answers);
        tma_arena_free(&d->arena);
        tma_buf_free(&d->key);
        tma_buf_free(&d->form);
        tma_buf_free(&d->items);
        tma_buf_free(&d->found_text);
        free(d->found);
        pthread_mutex_destroy(&d->lock);
    }
    pthread_mutex_destroy(&lex->sources_lock);
    free(lex);
}

/* Takes S (owned) into the lexicon, or frees it when there is no room. */
static int add_source(tma_lexicon *lex, source *s, tma_error *err)
{
    if (lex->source_count >= TMA_LEXICON_MAX_SOURCES) {
        source_free(s);
        return tma_error_set(err, TMA_ERR_LIMIT, NULL, 0, 0,
                             "a lexicon holds at most %d dictionaries and glossaries",
                             TMA_LEXICON_MAX_SOURCES);
    }
    lex->sources[lex->source_count++] = s;
    return 0;
}

static int side_of(const tma_lexicon *lex, const char *code)
{
    char p[TMA_LANG_BYTES];
    primary(p, code ? code : "");
    return strcmp(p, lex->lang[0]) == 0 ? 0 : strcmp(p, lex->lang[1]) == 0 ? 1 : -1;
}

static int add_dictd_locked(tma_lexicon *lex, const char *path, int from, tma_error *err)
{
    source *s = source_new();
    if (s == NULL)
        return tma_error_nomem(err, "opening a dictionary");
    int rc = tma_lex_dictd_open(&s->dict, path, err);
    if (rc < 0) {
        source_free(s);
        return rc;
    }
    s->kind = SOURCE_DICTD;
    s->from = from;
    snprintf(s->name, sizeof s->name, "%s (%s-%s dictd)", s->dict->name, lex->lang[from],
             lex->lang[!from]);
    return add_source(lex, s, err);
}

int tma_lexicon_add_dictd(tma_lexicon *lex, const char *path, const char *from, tma_error *err)
{
    int side = side_of(lex, from);
    if (side < 0)
        return tma_error_set(err, TMA_ERR_USAGE, path, 0, 0,
                             "the dictionary's headwords are in '%s', which is neither %s nor %s",
                             from ? from : "", lex->lang[0], lex->lang[1]);
    pthread_mutex_lock(&lex->sources_lock);
    int rc = add_dictd_locked(lex, path, side, err);
    pthread_mutex_unlock(&lex->sources_lock);
    return rc;
}

int tma_lexicon_add_installed(tma_lexicon *lex, const char *dir, size_t *found_count,
                              tma_error *err)
{
    tma_lex_dictd_found found[TMA_LEXICON_MAX_SOURCES];
    const char *const langs[2] = {lex->lang[0], lex->lang[1]};
    size_t n = 0;
    *found_count = 0;
    int rc = tma_lex_find(found, TMA_LEXICON_MAX_SOURCES, &n, dir ? dir : TMA_LEXICON_DICTD_DIR,
                          langs, err);
    pthread_mutex_lock(&lex->sources_lock);
    for (size_t i = 0; i < n && rc == 0; i++) {
        rc = add_dictd_locked(lex, found[i].path, found[i].from, err);
        *found_count += rc == 0;
    }
    pthread_mutex_unlock(&lex->sources_lock);
    return rc;
}

int tma_lexicon_add_glossary_mem(tma_lexicon *lex, const char *name, const char *data, size_t len,
                                 tma_error *err)
{
    source *s = source_new();
    if (s == NULL)
        return tma_error_nomem(err, "reading a glossary");
    s->kind = SOURCE_GLOSSARY;
    s->glossary = (tma_lex_glossary)TMA_LEX_GLOSSARY_INIT;
    int rc = tma_lex_glossary_parse(&s->glossary, name, data, len, err);
    if (rc == 0 && s->glossary.lang[0][0] != '\0') {
        int a = side_of(lex, s->glossary.lang[0]), b = side_of(lex, s->glossary.lang[1]);
        if (a < 0 || b < 0 || a == b) {
            rc = tma_error_set(err, TMA_ERR_USAGE, name, s->glossary.header_line, 0,
                               "the header names the languages %s and %s, and the lexicon is "
                               "for %s and %s; start the file with a line %s<TAB>%s",
                               s->glossary.lang[0], s->glossary.lang[1], lex->lang[0], lex->lang[1],
                               lex->lang[0], lex->lang[1]);
        } else if (a == 1) {
            /* Columns the other way round. */
            tma_lex_map t = s->glossary.map[0];
            s->glossary.map[0] = s->glossary.map[1];
            s->glossary.map[1] = t;
        }
    }
    if (rc < 0) {
        source_free(s);
        return rc;
    }
    const char *slash = strrchr(name, '/');
    snprintf(s->name, sizeof s->name, "%s (glossary)", slash ? slash + 1 : name);
    pthread_mutex_lock(&lex->sources_lock);
    rc = add_source(lex, s, err);
    pthread_mutex_unlock(&lex->sources_lock);
    return rc;
}

int tma_lexicon_add_glossary(tma_lexicon *lex, const char *path, tma_error *err)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
        (uint64_t)st.st_size > TMA_LEXICON_MAX_GLOSSARY_BYTES)
        return tma_error_set(err, TMA_ERR_LIMIT, path, 0, 0,
                             "the glossary is over %zu MB, more than tmalign reads; split it",
                             TMA_LEXICON_MAX_GLOSSARY_BYTES >> 20);
    tma_buf data = TMA_BUF_INIT;
    int rc = tma_text_read_file(&data, path, err);
    if (rc == 0)
        rc = tma_lexicon_add_glossary_mem(lex, path, data.data ? data.data : "", data.len, err);
    tma_buf_free(&data);
    return rc;
}

size_t tma_lexicon_source_count(const tma_lexicon *lex)
{
    return lex->source_count;
}

const char *tma_lexicon_source_name(const tma_lexicon *lex, size_t i)
{
    return lex->sources[i]->name;
}

/* ---- Collecting an answer ------------------------------------------------------------------ */

/* Adds the translation S[0..len) (already in the compared form) to what is being collected,
 * once: a second source of the same translation adds its bit. */
static int collect(direction *d, const char *s, size_t len)
{
    if (len == 0)
        return 0;
    for (size_t k = 0; k < d->found_count; k++) {
        collected *f = &d->found[k];
        if (f->len == len && memcmp(d->found_text.data + f->text_at, s, len) == 0) {
            f->sources |= d->adding;
            return 0;
        }
    }
    if (d->found_count >= d->max_translations)
        return 0;
    collected *grown = tma_grow(d->found, &d->found_cap, d->found_count + 1, sizeof *grown, 16);
    if (grown == NULL)
        return -1;
    d->found = grown;
    size_t at = d->found_text.len;
    if (tma_buf_append(&d->found_text, s, len) < 0)
        return -1;
    d->found[d->found_count++] = (collected){at, len, d->adding};
    return 0;
}

/* tma_lex_dictd_entry_fn: collects the translations of one entry. */
static int collect_entry(void *arg, const char *text, size_t len)
{
    direction *d = arg;
    size_t count, headword_len;
    d->items.len = 0;
    if (tma_lex_entry_translations(&d->items, &count, &headword_len, text, len) < 0)
        return TMA_ERR_NOMEM;
    for (size_t at = 0, k = 0; k < count; k++) {
        size_t n = strlen(d->items.data + at);
        d->form.len = 0;
        if (tma_lexicon_normalise(&d->form, d->items.data + at, n) < 0 ||
            collect(d, d->form.data, d->form.len) < 0)
            return TMA_ERR_NOMEM;
        at += n + 1;
    }
    return 0;
}

typedef struct back_build {
    source *s;
    tma_buf items, form, key;
} back_build;

/* tma_lex_dictd_entry_fn: files the entry's headword under the key of each of its translations. */
static int back_entry(void *arg, const char *text, size_t len)
{
    back_build *b = arg;
    size_t count, headword_len;
    uint32_t at_headword;
    b->items.len = 0;
    b->form.len = 0;
    if (tma_lex_entry_translations(&b->items, &count, &headword_len, text, len) < 0 ||
        tma_lexicon_normalise(&b->form, text, headword_len) < 0)
        return TMA_ERR_NOMEM;
    size_t words = 1;
    for (size_t i = 0; i < b->form.len; i++)
        words += b->form.data[i] == ' ';
    if (count == 0 || b->form.len == 0 || words > TMA_LEX_MAX_PHRASE_WORDS)
        return 0;
    if (tma_lex_pool_add(&b->s->back_pool, b->form.data, b->form.len, &at_headword) < 0)
        return TMA_ERR_NOMEM;
    for (size_t at = 0, k = 0; k < count; k++) {
        size_t n = strlen(b->items.data + at);
        b->key.len = 0;
        if (tma_lexicon_key(&b->key, b->items.data + at, n) < 0)
            return TMA_ERR_NOMEM;
        if (b->key.len > 0 &&
            tma_lex_map_add(&b->s->back, b->key.data, b->key.len, at_headword) < 0)
            return TMA_ERR_NOMEM;
        at += n + 1;
    }
    return 0;
}

/* Reads every entry of S's dictionary and builds S->back, once. Under S's lock. */
static int build_back(source *s, tma_error *err)
{
    if (s->back_built)
        return 0;
    back_build b = {s, TMA_BUF_INIT, TMA_BUF_INIT, TMA_BUF_INIT};
    int rc = tma_lex_dictd_each(s->dict, back_entry, &b, err);
    if (rc == TMA_ERR_NOMEM)
        rc = tma_error_nomem(err, "reading a dictionary backwards");
    tma_buf_free(&b.items);
    tma_buf_free(&b.form);
    tma_buf_free(&b.key);
    if (rc < 0) {
        tma_lex_map_free(&s->back);
        tma_buf_free(&s->back_pool);
        return rc;
    }
    s->back_built = 1;
    return 0;
}

/* Whether source S can answer a lookup from side FROM. */
static int answers_from(const tma_lexicon *lex, const source *s, int from)
{
    if (s->kind == SOURCE_GLOSSARY)
        return 1;
    return s->from == from || lex->options.read_back;
}

/* Collects from every source the translations of the word whose key is D->key, from side
 * FROM. */
static int collect_all(tma_lexicon *lex, direction *d, int from, tma_error *err)
{
    const char *key = d->key.data;
    size_t key_len = d->key.len;
    int rc = 0;
    /* Dictionaries of the word's direction first: their senses in order. */
    d->adding = TMA_LEXICON_DICT;
    for (size_t i = 0; i < lex->source_count && rc == 0; i++) {
        source *s = lex->sources[i];
        if (s->kind == SOURCE_DICTD && s->from == from) {
            pthread_mutex_lock(&s->lock);
            rc = tma_lex_dictd_lookup(s->dict, key, key_len, collect_entry, d, err);
            pthread_mutex_unlock(&s->lock);
            if (rc == TMA_ERR_NOMEM)
                rc = tma_error_nomem(err, "looking a word up");
        }
    }
    d->adding = TMA_LEXICON_DICT_BACK;
    for (size_t i = 0; i < lex->source_count && rc == 0 && lex->options.read_back; i++) {
        source *s = lex->sources[i];
        if (s->kind != SOURCE_DICTD || s->from == from)
            continue;
        /* Once built, BACK is only read. */
        pthread_mutex_lock(&s->lock);
        rc = build_back(s, err);
        pthread_mutex_unlock(&s->lock);
        for (int32_t k = tma_lex_map_first(&s->back, key, key_len); k >= 0 && rc == 0;
             k = s->back.links[k].next) {
            const char *t = s->back_pool.data + s->back.links[k].value;
            if (collect(d, t, strlen(t)) < 0)
                rc = tma_error_nomem(err, "looking a word up");
        }
    }
    d->adding = TMA_LEXICON_GLOSSARY;
    for (size_t i = 0; i < lex->source_count && rc == 0; i++) {
        source *s = lex->sources[i];
        if (s->kind != SOURCE_GLOSSARY)
            continue;
        const tma_lex_map *m = &s->glossary.map[from];
        for (int32_t k = tma_lex_map_first(m, key, key_len); k >= 0 && rc == 0;
             k = m->links[k].next) {
            const char *t = s->glossary.pool.data + m->links[k].value;
            if (collect(d, t, strlen(t)) < 0)
                rc = tma_error_nomem(err, "looking a word up");
        }
    }
    return rc;
}

/* Moves what was collected into D's arena as the answer for D->key. */
static int keep_answer(const answer **out, direction *d)
{
    tma_lexicon_word *words = NULL;
    if (d->found_count > 0) {
        words = tma_arena_array(&d->arena, d->found_count, sizeof *words);
        if (words == NULL)
            return -1;
    }
    for (size_t k = 0; k < d->found_count; k++) {
        const collected *f = &d->found[k];
        char *text = tma_arena_strndup(&d->arena, d->found_text.data + f->text_at, f->len);
        if (text == NULL)
            return -1;
        uint16_t n = 1;
        for (size_t i = 0; i < f->len; i++)
            n += text[i] == ' ' && n < UINT16_MAX;
        words[k] = (tma_lexicon_word){text, (uint32_t)f->len, n, f->sources};
    }
    answer *grown =
        tma_grow(d->answers, &d->answer_cap, d->answer_count + 1, sizeof *grown, 64);
    if (grown == NULL || d->answer_count >= INT32_MAX)
        return -1;
    d->answers = grown;
    if (tma_table_put(&d->cache, d->key.data, d->key.len, (int)d->answer_count) < 0)
        return -1;
    grown[d->answer_count] = (answer){words, d->found_count};
    *out = &grown[d->answer_count++];
    return 0;
}

static int lookup_locked(const tma_lexicon_word **out, size_t *count, tma_lexicon *lex,
                         tma_lexicon_dir dir, const char *word, size_t len, tma_error *err)
{
    direction *d = &lex->dirs[dir];
    d->key.len = 0;
    if (tma_utf8_valid_prefix(word, len) != len || len > TMA_LEXICON_MAX_TERM_BYTES)
        return 0;
    if (tma_lexicon_key(&d->key, word, len) < 0)
        return tma_error_nomem(err, "looking a word up");
    if (d->key.len == 0)
        return 0;
    int at = tma_table_get(&d->cache, d->key.data, d->key.len);
    if (at >= 0) {
        *out = d->answers[at].words;
        *count = d->answers[at].count;
        return 0;
    }
    d->found_count = 0;
    d->found_text.len = 0;
    int rc = collect_all(lex, d, dir == TMA_LEXICON_AB ? 0 : 1, err);
    if (rc < 0)
        return rc;
    const answer *a;
    if (keep_answer(&a, d) < 0)
        return tma_error_nomem(err, "keeping a lookup's answer");
    *out = a->words;
    *count = a->count;
    return 0;
}

int tma_lexicon_answers(const tma_lexicon *lex, tma_lexicon_dir dir)
{
    int from = dir == TMA_LEXICON_AB ? 0 : 1;
    for (size_t i = 0; i < lex->source_count; i++) {
        if (answers_from(lex, lex->sources[i], from))
            return 1;
    }
    return 0;
}

int tma_lexicon_translations(const tma_lexicon_word **out, size_t *count, tma_lexicon *lex,
                             tma_lexicon_dir dir, const char *word, size_t len, tma_error *err)
{
    *out = NULL;
    *count = 0;
    /* A direction no source answers (Russian to English without reading en-ru backwards) asks
     * nothing and keeps nothing. */
    if (!tma_lexicon_answers(lex, dir))
        return 0;
    direction *d = &lex->dirs[dir];
    pthread_mutex_lock(&d->lock);
    int rc = lookup_locked(out, count, lex, dir, word, len, err);
    pthread_mutex_unlock(&d->lock);
    return rc;
}

int tma_lexicon_load(tma_lexicon *lex, tma_error *err)
{
    int rc = 0;
    for (size_t i = 0; i < lex->source_count && rc == 0; i++) {
        source *s = lex->sources[i];
        if (s->kind != SOURCE_DICTD)
            continue;
        pthread_mutex_lock(&s->lock);
        rc = tma_lex_dictd_build(s->dict, err);
        if (rc == 0 && lex->options.read_back)
            rc = build_back(s, err);
        pthread_mutex_unlock(&s->lock);
    }
    return rc;
}
