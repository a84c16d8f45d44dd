/* A document: the text module's NFC text and the segment module's sentences, behind the public
 * tma_doc accessors. */
#include "doc.h"

#include "anchor.h"
#include "arena.h"
#include "bounds.h"
#include "context.h"
#include "error.h"
#include "input.h"
#include "lang.h"
#include "segment.h"
#include "stem.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tma_doc {
    tma_arena arena;          /* path and lang live here */
    const char *path;
    const char *lang;
    tma_input_format format;  /* what the file was: its text is the text read from it */
    tma_text text;            /* owned */
    tma_sentence *sentences;  /* owned (malloc): a split replaces them */
    size_t sentence_count;
    tma_anchor *anchors;      /* owned (malloc), sentence by sentence; NULL when none */
    size_t anchor_count;
    tma_anchor *known;        /* known names (tma_doc_known_names): owned, in text order */
    size_t known_count;
    /* Words built while the doc was read, for its story to take (tma_doc_take_words). */
    struct kept_words {
        char other_lang[TMA_LANG_BYTES];
        tma_words_source source;
        tma_words words;
    } kept[TMA_MAX_LANGS - 1];
    size_t kept_count;
};

/* Takes BUF's anchors as *OUT (NULL when none) and their number as *COUNT. */
static void take_anchors(tma_anchor **out, size_t *count, tma_buf *buf)
{
    *count = buf->len / sizeof(tma_anchor);
    *out = *count > 0 ? (tma_anchor *)(void *)tma_buf_detach(buf) : NULL;
}

/* Finds the anchors and the known names of every sentence. */
static int find_anchors(tma_doc *doc, tma_worker *w, tma_error *err)
{
    tma_ctx *ctx = tma_worker_ctx(w);
    int no_anchors = tma_ctx_options(ctx)->no_anchors;
    tma_anchor_scratch *scratch = tma_worker_anchor_scratch(w);
    const tma_anchor_tables *tables = tma_ctx_anchor_tables(ctx);
    tma_stem_dicts *dicts = tma_ctx_dicts(ctx);
    tma_buf found = TMA_BUF_INIT, known = TMA_BUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < doc->sentence_count && rc == 0; i++) {
        tma_sentence *s = &doc->sentences[i];
        size_t before = found.len / sizeof(tma_anchor);
        if (!no_anchors)
            rc = tma_anchor_extract(&found, &known, scratch, tables, dicts, doc->text.data,
                                    s->start, s->len, doc->lang, err);
        s->anchor_first = (uint32_t)before;
        s->anchor_count = (uint32_t)(found.len / sizeof(tma_anchor) - before);
    }
    if (rc == 0) {
        take_anchors(&doc->anchors, &doc->anchor_count, &found);
        take_anchors(&doc->known, &doc->known_count, &known);
    }
    tma_buf_free(&found);
    tma_buf_free(&known);
    return rc;
}

int tma_lang_is_valid(const char *code)
{
    /* A primary subtag of 2-3 lowercase letters, then subtags of 1-8 letters or digits. */
    size_t i = 0;
    while (code[i] >= 'a' && code[i] <= 'z')
        i++;
    if (i < 2 || i > 3)
        return 0;
    while (code[i] == '-') {
        size_t start = ++i;
        while ((code[i] >= 'a' && code[i] <= 'z') || (code[i] >= 'A' && code[i] <= 'Z') ||
               (code[i] >= '0' && code[i] <= '9'))
            i++;
        if (i == start || i - start > 8)
            return 0;
    }
    return code[i] == '\0' && i < TMA_LANG_BYTES &&
           tma_lang_iso_name(NULL, 0, code, strcspn(code, "-"));
}

static int doc_build(tma_doc **out, tma_worker *w, const char *name, const char *data, size_t len,
                     const char *lang, tma_error *err)
{
    *out = NULL;
    if (!tma_lang_is_valid(lang))
        return tma_error_set(err, TMA_ERR_USAGE, name, 0, 0,
                             "'%s' is not a language code; use ISO 639-1 codes such as en, ru, hy",
                             lang);
    tma_doc *doc = calloc(1, sizeof *doc);
    if (doc == NULL)
        return tma_error_nomem(err, "reading a document");
    /* A page or a document becomes its text, which is then read as a text file is. */
    tma_buf extracted = TMA_BUF_INIT;
    int rc = tma_input_extract(&extracted, &doc->format, name, data, len, err);
    if (rc == 0 && doc->format != TMA_INPUT_TEXT)
        rc = tma_text_load(&doc->text, name, extracted.data, extracted.len, err);
    else if (rc == 0)
        rc = tma_text_load(&doc->text, name, data, len, err);
    tma_buf_free(&extracted);
    if (rc == 0)
        rc = tma_lang_check_script(name, doc->text.data, doc->text.len, lang, err);
    if (rc < 0)
        goto fail;
    doc->path = tma_arena_strndup(&doc->arena, name, strlen(name));
    doc->lang = tma_arena_strndup(&doc->arena, lang, strlen(lang));
    if (doc->path == NULL || doc->lang == NULL) {
        rc = tma_error_nomem(err, "reading a document");
        goto fail;
    }
    tma_sentence *sentences;
    size_t count;
    const tma_ctx *ctx = tma_worker_ctx(w);
    rc = tma_ctx_options(ctx)->segmented
             ? tma_seg_lines(&sentences, &count, &doc->text, err)
             : tma_seg_split(&sentences, &count, tma_worker_iterators(w), tma_ctx_rules(ctx, lang),
                             &doc->text, lang, err);
    if (rc < 0) {
        if (err != NULL && err->path[0] == '\0')
            snprintf(err->path, sizeof err->path, "%s", name);
        goto fail;
    }
    doc->sentences = sentences;
    doc->sentence_count = count;
    rc = find_anchors(doc, w, err);
    if (rc < 0)
        goto fail;
    *out = doc;
    return 0;
fail:
    tma_doc_free(doc);
    return rc;
}

/* Frees the words DOC kept. */
static void free_kept_words(tma_doc *doc)
{
    for (size_t k = 0; k < doc->kept_count; k++)
        tma_words_free(&doc->kept[k].words);
    doc->kept_count = 0;
}

int tma_doc_keep_words(tma_doc *doc, tma_words *words, const char *other_lang,
                       const tma_words_source *src)
{
    if (doc->kept_count == sizeof doc->kept / sizeof doc->kept[0] ||
        strlen(other_lang) >= TMA_LANG_BYTES) {
        tma_words_free(words);
        return -1;
    }
    struct kept_words *k = &doc->kept[doc->kept_count++];
    snprintf(k->other_lang, sizeof k->other_lang, "%s", other_lang);
    k->source = *src;
    k->words = *words;
    *words = (tma_words)TMA_WORDS_INIT;
    return 0;
}

int tma_doc_take_words(tma_words *out, tma_doc *doc, const char *other_lang,
                       const tma_words_source *src)
{
    for (size_t i = 0; i < doc->kept_count; i++) {
        struct kept_words *k = &doc->kept[i];
        if (strcmp(k->other_lang, other_lang) != 0 || k->source.lex != src->lex ||
            k->source.dir != src->dir || k->source.learned != src->learned ||
            k->source.learned_from_b != src->learned_from_b ||
            k->source.with_stems != src->with_stems)
            continue;
        *out = k->words;
        doc->kept[i] = doc->kept[--doc->kept_count];
        return 1;
    }
    return 0;
}

int tma_doc_split(tma_doc *doc, tma_worker *w, const size_t *cuts, size_t count, tma_error *err)
{
    if (count == 0)
        return 0;
    tma_sentence *sentences = malloc((doc->sentence_count + count) * sizeof *sentences);
    if (sentences == NULL)
        return tma_error_nomem(err, "splitting sentences");
    /* The anchors of a sentence left whole are kept; a piece's are found anew. */
    tma_ctx *ctx = tma_worker_ctx(w);
    int no_anchors = tma_ctx_options(ctx)->no_anchors;
    tma_anchor_scratch *scratch = tma_worker_anchor_scratch(w);
    const tma_anchor_tables *tables = tma_ctx_anchor_tables(ctx);
    tma_stem_dicts *dicts = tma_ctx_dicts(ctx);
    tma_buf found = TMA_BUF_INIT, known = TMA_BUF_INIT;
    /* The anchors kept are most of them: room for all at once, not a copy at every doubling. */
    int rc = tma_buf_reserve(&found, (doc->anchor_count + 1) * sizeof(tma_anchor)) < 0 ||
                     tma_buf_reserve(&known, (doc->known_count + 1) * sizeof(tma_anchor)) < 0
                 ? tma_error_nomem(err, "splitting sentences")
                 : 0;
    size_t n = 0, k = 0, kn = 0;
    for (size_t i = 0; i < doc->sentence_count && rc == 0; i++) {
        const tma_sentence *s = &doc->sentences[i];
        size_t start = s->start, end = s->start + s->len, kn_first = kn;
        while (kn < doc->known_count && doc->known[kn].start < end)
            kn++;
        while (k < count && cuts[k] <= start)
            k++;
        if (k == count || cuts[k] >= end) {
            sentences[n] = *s;
            sentences[n].anchor_first = (uint32_t)(found.len / sizeof(tma_anchor));
            /* A doc with no anchors or no known names has NULL for them. */
            if ((s->anchor_count > 0 && tma_buf_append(&found, doc->anchors + s->anchor_first,
                                                       s->anchor_count * sizeof(tma_anchor)) < 0) ||
                (kn > kn_first && tma_buf_append(&known, doc->known + kn_first,
                                                 (kn - kn_first) * sizeof(tma_anchor)) < 0))
                rc = tma_error_nomem(err, "splitting sentences");
            n++;
            continue;
        }
        for (; rc == 0 && start < end; n++) {
            size_t piece_end = k < count && cuts[k] < end ? cuts[k++] : end;
            (void)tma_seg_sentence(&sentences[n], &doc->text, start, piece_end, s->paragraph);
            size_t before = found.len / sizeof(tma_anchor);
            if (!no_anchors)
                rc = tma_anchor_extract(&found, &known, scratch, tables, dicts, doc->text.data,
                                        sentences[n].start, sentences[n].len, doc->lang, err);
            sentences[n].anchor_first = (uint32_t)before;
            sentences[n].anchor_count = (uint32_t)(found.len / sizeof(tma_anchor) - before);
            start = piece_end;
        }
    }
    /* The arrays before the split are freed: pointers into them are invalid from here (doc.h). */
    if (rc == 0) {
        free_kept_words(doc);
        free(doc->sentences);
        free(doc->anchors);
        free(doc->known);
        doc->sentences = sentences;
        doc->sentence_count = n;
        take_anchors(&doc->anchors, &doc->anchor_count, &found);
        take_anchors(&doc->known, &doc->known_count, &known);
    } else {
        free(sentences);
    }
    tma_buf_free(&found);
    tma_buf_free(&known);
    return rc;
}

int tma_doc_read_mem(tma_doc **out, tma_worker *w, const char *name, const char *data, size_t len,
                     const char *lang, tma_error *err)
{
    return doc_build(out, w, name, data, len, lang, err);
}

int tma_doc_read_file(tma_doc **out, tma_worker *w, const char *path, const char *lang,
                      tma_error *err)
{
    *out = NULL;
    tma_buf raw = TMA_BUF_INIT;
    int rc = tma_text_read_file(&raw, path, err);
    if (rc == 0)
        rc = doc_build(out, w, path, raw.data ? raw.data : "", raw.len, lang, err);
    tma_buf_free(&raw);
    return rc;
}

void tma_doc_free(tma_doc *doc)
{
    if (doc == NULL)
        return;
    free_kept_words(doc);
    tma_text_free(&doc->text);
    free(doc->sentences);
    free(doc->anchors);
    free(doc->known);
    tma_arena_free(&doc->arena);
    free(doc);
}

const char *tma_doc_path(const tma_doc *doc)
{
    return doc->path;
}

const char *tma_doc_lang(const tma_doc *doc)
{
    return doc->lang;
}

const char *tma_doc_format(const tma_doc *doc)
{
    return tma_input_format_name(doc->format);
}

const char *tma_doc_text(const tma_doc *doc, size_t *len)
{
    *len = doc->text.len;
    return doc->text.data;
}

size_t tma_doc_sentence_count(const tma_doc *doc)
{
    return doc->sentence_count;
}

size_t tma_doc_paragraph_count(const tma_doc *doc)
{
    return doc->text.paragraph_count;
}

const tma_anchor *tma_doc_anchors(const tma_doc *doc, size_t *count)
{
    *count = doc->anchor_count;
    return doc->anchors;
}

const tma_anchor *tma_doc_known_names(const tma_doc *doc, size_t *count)
{
    *count = doc->known_count;
    return doc->known;
}

void tma_doc_orig_span(const tma_doc *doc, size_t start, size_t len, size_t *orig_start,
                       size_t *orig_end)
{
    *orig_start = tma_text_orig_start(&doc->text, start);
    *orig_end = tma_text_orig_end(&doc->text, start + len);
}

const tma_sentence *tma_doc_sentence(const tma_doc *doc, size_t i)
{
    return &doc->sentences[i];
}

size_t tma_doc_sentence_text(const tma_doc *doc, size_t i, char *buf, size_t size)
{
    const tma_sentence *s = &doc->sentences[i];
    return tma_text_collapse(buf, size, doc->text.data + s->start, s->len);
}

size_t tma_doc_forbidden_chars(const tma_doc *doc, long *line, long *column)
{
    *line = doc->text.forbidden_line;
    *column = doc->text.forbidden_column;
    return doc->text.forbidden;
}
