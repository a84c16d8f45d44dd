/* The story object: tma_story_align on two and three small docs, its accessors, and the errors
 * it gives for a wrong number of docs; tma_docs_read_files, which reads a story's versions. */
#define _XOPEN_SOURCE 700
#include "check.h"
#include "worker.h"
#include "context.h"
#include "doc.h"
#include "story.h"
#include "tmalign.h"
#include "words.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tma_worker *worker;

static const char *const TEXTS[][2] = {
    {"en", "The plant opened in 1998 with 120 workers.\n\n"
           "By 2015 it employed 4,500 people in three cities.\n\n"
           "Moscow signed the contract on 12 March."},
    {"ru", "Завод открылся в 1998 году со 120 рабочими.\n\n"
           "К 2015 году на нём работали 4 500 человек в трёх городах.\n\n"
           "Москва подписала контракт 12 марта."},
    {"hy", "Գործարանը բացվել է 1998 թվականին՝ 120 աշխատողով։\n\n"
           "2015 թվականին այնտեղ աշխատում էր 4500 մարդ երեք քաղաքներում։\n\n"
           "Մոսկվան պայմանագիրը ստորագրեց մարտի 12-ին։"},
};

/* 1 if UNITS[0..count) take every sentence of each language K < N once, in document order, and
 * none of the languages that SET leaves out (SET NULL: every language is set); 0 after saying
 * which language goes wrong. */
static int covers_in_order(const tma_unit *units, size_t count, const tma_story *story, size_t n,
                           const int *set)
{
    for (size_t k = 0; k < n; k++) {
        size_t next = 0;
        size_t total = set == NULL || set[k] ? tma_doc_sentence_count(tma_story_doc(story, k)) : 0;
        for (size_t i = 0; i < count; i++) {
            if (units[i].count[k] == 0)
                continue;
            if (units[i].first[k] != next) {
                fprintf(stderr, "language %zu: unit %zu starts at sentence %u, expected %zu\n", k,
                        i, units[i].first[k], next);
                return 0;
            }
            next += units[i].count[k];
        }
        if (next != total) {
            fprintf(stderr, "language %zu: units cover %zu sentences, expected %zu\n", k, next,
                    total);
            return 0;
        }
    }
    return 1;
}

/* 1 if every unit's score lies in [0, 1]. */
static int scores_in_range(const tma_unit *units, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (!(units[i].score >= 0.0 && units[i].score <= 1.0))
            return 0;
    }
    return 1;
}

/* The null posteriors of every sentence in every pair of languages lie in [0, 1], and are 0 for
 * a language, a pair or a sentence that the story does not have. */
static void check_null_probabilities(const tma_story *story, size_t n)
{
    int in_range = 1;
    for (size_t k = 0; k < n; k++) {
        size_t sentences = tma_doc_sentence_count(tma_story_doc(story, k));
        for (size_t other = 0; other < n; other++) {
            for (size_t i = 0; i < sentences && other != k; i++) {
                double p = tma_story_null_probability(story, k, other, i);
                in_range &= p >= 0.0 && p <= 1.0;
            }
        }
        CHECK(tma_story_null_probability(story, k, k, 0) == 0.0);
        CHECK(tma_story_null_probability(story, k, (k + 1) % n, sentences) == 0.0);
        CHECK(tma_story_null_probability(story, k, n, 0) == 0.0);
    }
    CHECK(in_range);
    CHECK(tma_story_null_probability(story, n, 0, 0) == 0.0);
    CHECK(tma_story_null_probability(story, TMA_MAX_LANGS, 0, 0) == 0.0);
}

/* Aligns the first N of TEXTS and checks what the story says of them. */
static void test_align(size_t n)
{
    tma_doc *docs[3] = {NULL, NULL, NULL};
    tma_story *story = NULL;
    tma_error err = {0};
    if (test_read_docs(docs, worker, TEXTS, n) < 0) {
        CHECK(0);
        goto cleanup;
    }
    for (size_t k = 0; k < n; k++)
        CHECK_EQ_INT(tma_doc_sentence_count(docs[k]), 3);
    CHECK_EQ_INT(tma_story_align(&story, worker, docs, n, &err), 0);
    if (story == NULL) {
        fprintf(stderr, "aligning %zu docs: %s\n", n, err.message);
        CHECK(0);
        goto cleanup;
    }
    CHECK_EQ_INT(tma_story_lang_count(story), n);
    for (size_t k = 0; k < n; k++) {
        CHECK(tma_story_doc(story, k) == docs[k]);
        CHECK_EQ_STR(tma_doc_lang(tma_story_doc(story, k)), TEXTS[k][0]);
    }

    size_t count = 0;
    const tma_unit *units = tma_story_units(story, &count);
    /* Three sentences that translate each other one to one, with numbers to tie them. */
    CHECK_EQ_INT(count, 3);
    CHECK(units != NULL && covers_in_order(units, count, story, n, NULL));
    CHECK(units != NULL && scores_in_range(units, count));
    for (size_t i = 0; units != NULL && i < count; i++) {
        for (size_t k = 0; k < n; k++) {
            CHECK_EQ_INT(units[i].first[k], i);
            CHECK_EQ_INT(units[i].count[k], 1);
        }
    }

    for (size_t a = 0; a < n; a++) {
        for (size_t b = 0; b < n; b++) {
            tma_unit *pair = NULL;
            size_t pair_count = 0;
            tma_error pair_err = {0};
            int rc = tma_story_pair_units(&pair, &pair_count, story, a, b, &pair_err);
            if (a == b) {
                CHECK_EQ_INT(rc, TMA_ERR_USAGE);
                CHECK_EQ_INT(pair_err.code, TMA_ERR_USAGE);
                CHECK(pair == NULL && pair_count == 0);
                continue;
            }
            int set[TMA_MAX_LANGS] = {0};
            set[a] = set[b] = 1;
            CHECK_EQ_INT(rc, 0);
            CHECK_EQ_INT(pair_count, 3);
            CHECK(pair != NULL && covers_in_order(pair, pair_count, story, n, set));
            CHECK(pair != NULL && scores_in_range(pair, pair_count));
            free(pair);
        }
        tma_unit *pair = NULL;
        size_t pair_count = 0;
        tma_error pair_err = {0};
        CHECK_EQ_INT(tma_story_pair_units(&pair, &pair_count, story, a, n, &pair_err),
                     TMA_ERR_USAGE);
        CHECK(pair == NULL && pair_count == 0);
    }
    check_null_probabilities(story, n);

cleanup:
    tma_story_free(story);
    for (size_t k = 0; k < n; k++)
        tma_doc_free(docs[k]);
}

/* A story needs 2 to TMA_MAX_LANGS docs: fewer or more is the caller's error. */
static void test_wrong_number_of_docs(void)
{
    tma_doc *docs[TMA_MAX_LANGS + 1] = {NULL};
    if (test_read_docs(docs, worker, TEXTS, 2) < 0) {
        CHECK(0);
        goto cleanup;
    }
    for (size_t k = 2; k < TMA_MAX_LANGS + 1; k++)
        docs[k] = docs[k % 2];
    size_t wrong[] = {0, 1, TMA_MAX_LANGS + 1};
    for (size_t i = 0; i < sizeof wrong / sizeof wrong[0]; i++) {
        tma_story *story = (tma_story *)docs; /* anything but NULL: it must be reset */
        tma_error err = {0};
        CHECK_EQ_INT(tma_story_align(&story, worker, docs, wrong[i], &err), TMA_ERR_USAGE);
        CHECK_EQ_INT(err.code, TMA_ERR_USAGE);
        CHECK(err.message[0] != '\0');
        CHECK(story == NULL);
        if (story != (tma_story *)docs)
            tma_story_free(story);
    }
cleanup:
    tma_doc_free(docs[0]);
    tma_doc_free(docs[1]);
}

/* Writes TEXTS[k]'s text REPEAT times, as paragraphs, to DIR/NAME and stores the path in PATH. */
static void write_text(char *path, size_t size, const char *dir, const char *name, size_t k,
                       size_t repeat)
{
    snprintf(path, size, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    for (size_t r = 0; f != NULL && r < repeat; r++)
        fprintf(f, "%s\n\n", TEXTS[k][1]);
    if (f != NULL)
        fclose(f);
}

/* tma_docs_read_files reads what tma_doc_read_file reads, short files one after the other and
 * long ones (over 1 MB in all) on threads of their own, and reports the first failure in the
 * order given, leaving every doc NULL. */
static void test_docs_read_files(void)
{
    char dir[] = "/tmp/tma-test-story-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char paths[3][300], missing[300], invalid[300];
    const char *langs[] = {"en", "ru", "hy"};
    snprintf(missing, sizeof missing, "%s/missing.txt", dir);
    snprintf(invalid, sizeof invalid, "%s/invalid.txt", dir);
    FILE *f = fopen(invalid, "w");
    CHECK(f != NULL && fputs("caf\xe9\n", f) >= 0);
    if (f != NULL)
        fclose(f);
    size_t repeats[] = {1, 3000};
    for (size_t r = 0; r < 2; r++) {
        for (size_t k = 0; k < 3; k++)
            write_text(paths[k], sizeof paths[k], dir, langs[k], k, repeats[r]);
        const char *files[] = {paths[0], paths[1], paths[2]};
        tma_doc *docs[3] = {NULL}, *one = NULL;
        tma_error err = {0};
        CHECK_EQ_INT(tma_docs_read_files(docs, worker, files, langs, 3, &err), 0);
        for (size_t k = 0; k < 3; k++) {
            CHECK(docs[k] != NULL);
            CHECK_EQ_INT(tma_doc_read_file(&one, worker, files[k], langs[k], &err), 0);
            if (docs[k] != NULL && one != NULL) {
                size_t len_docs, len_one;
                const char *text_docs = tma_doc_text(docs[k], &len_docs);
                const char *text_one = tma_doc_text(one, &len_one);
                CHECK(len_docs == len_one && memcmp(text_docs, text_one, len_one) == 0);
                CHECK_EQ_INT(tma_doc_sentence_count(docs[k]), tma_doc_sentence_count(one));
                CHECK_EQ_INT(tma_doc_sentence_count(docs[k]), 3 * repeats[r]);
            }
            tma_doc_free(one);
            one = NULL;
            tma_doc_free(docs[k]);
        }
        /* A file that is not UTF-8, then a missing one: the first in order is reported. */
        const char *bad[] = {paths[0], invalid, missing};
        tma_doc *failed[3] = {NULL};
        tma_error bad_err = {0};
        CHECK(tma_docs_read_files(failed, worker, bad, langs, 3, &bad_err) < 0);
        CHECK(strcmp(bad_err.path, invalid) == 0);
        CHECK(failed[0] == NULL && failed[1] == NULL && failed[2] == NULL);
    }
    for (size_t k = 0; k < 3; k++)
        remove(paths[k]);
    remove(invalid);
    remove(dir);
}

/* 1 if A and B hold the same words: keys, filters, looked-up words and their translations. */
static int same_words(const tma_words *a, const tma_words *b)
{
    if (a->n != b->n || a->n == 0)
        return 0;
    size_t n = a->n, keys = a->key_first[n], words = a->word_first[n], answers = 0;
    if (memcmp(a->key_first, b->key_first, (n + 1) * sizeof *a->key_first) != 0 ||
        memcmp(a->word_first, b->word_first, (n + 1) * sizeof *a->word_first) != 0 ||
        memcmp(a->keys, b->keys, keys * sizeof *a->keys) != 0 ||
        memcmp(a->bloom, b->bloom, n * TMA_WORD_BLOOM_WORDS * sizeof *a->bloom) != 0 ||
        memcmp(a->word_answer, b->word_answer, words * sizeof *a->word_answer) != 0)
        return 0;
    for (size_t w = 0; w < words; w++) {
        if (a->word_answer[w] + 1 > answers)
            answers = a->word_answer[w] + 1;
    }
    return memcmp(a->answer_first, b->answer_first, (answers + 1) * sizeof *a->answer_first) ==
               0 &&
           memcmp(a->answer_keys, b->answer_keys,
                  a->answer_first[answers] * sizeof *a->answer_keys) == 0;
}

/* Long docs read side by side keep the words their story builds, as it would build them from the
 * docs read one by one; the story takes them once; a split drops them. */
static void test_docs_keep_words(void)
{
    char dir[] = "/tmp/tma-test-story-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char paths[2][300];
    const char *langs[] = {"en", "ru"};
    for (size_t k = 0; k < 2; k++)
        write_text(paths[k], sizeof paths[k], dir, langs[k], k, 4000);
    const char *files[] = {paths[0], paths[1]};
    tma_doc *docs[2] = {NULL}, *one[2] = {NULL};
    tma_error err = {0};
    tma_ctx *ctx = tma_worker_ctx(worker);
    tma_words_source sources[2];
    CHECK_EQ_INT(tma_story_words_sources(&sources[0], &sources[1], ctx, "en", "ru", &err), 1);
    CHECK_EQ_INT(tma_docs_read_files(docs, worker, files, langs, 2, &err), 0);
    for (size_t k = 0; k < 2 && docs[k] != NULL; k++) {
        tma_words kept = TMA_WORDS_INIT, built = TMA_WORDS_INIT, again = TMA_WORDS_INIT;
        CHECK_EQ_INT(tma_doc_read_file(&one[k], worker, files[k], langs[k], &err), 0);
        CHECK_EQ_INT(tma_words_build(&built, one[k], tma_ctx_anchor_tables(ctx), langs[1 - k],
                                     &sources[k], &err),
                     0);
        /* Kept toward the other language from that source only, and taken once. */
        CHECK_EQ_INT(tma_doc_take_words(&kept, docs[k], langs[k], &sources[k]), 0);
        CHECK_EQ_INT(tma_doc_take_words(&kept, docs[k], langs[1 - k], &sources[1 - k]), 0);
        CHECK_EQ_INT(tma_doc_take_words(&kept, docs[k], langs[1 - k], &sources[k]), 1);
        CHECK(same_words(&kept, &built));
        CHECK_EQ_INT(tma_doc_take_words(&again, docs[k], langs[1 - k], &sources[k]), 0);
        /* Given back and split: the words describe the sentences before the split, and go. */
        CHECK_EQ_INT(tma_doc_keep_words(docs[k], &kept, langs[1 - k], &sources[k]), 0);
        CHECK(kept.n == 0 && kept.keys == NULL);
        const tma_sentence *s = tma_doc_sentence(docs[k], 0);
        size_t len, cut = s->start;
        const char *text = tma_doc_text(docs[k], &len);
        while (cut < s->start + s->len && text[cut] != ' ')
            cut++;
        CHECK(cut < s->start + s->len);
        cut++;
        CHECK_EQ_INT(tma_doc_split(docs[k], worker, &cut, 1, &err), 0);
        CHECK_EQ_INT(tma_doc_take_words(&again, docs[k], langs[1 - k], &sources[k]), 0);
        tma_words_free(&built);
    }
    tma_doc_free(docs[0]);
    tma_doc_free(docs[1]);
    tma_doc_free(one[0]);
    tma_doc_free(one[1]);
    for (size_t k = 0; k < 2; k++)
        remove(paths[k]);
    remove(dir);
}

int main(void)
{
    tma_ctx *ctx;
    if (test_worker_start(&ctx, &worker) < 0)
        return 1;
    test_align(2);
    test_align(3);
    test_wrong_number_of_docs();
    test_docs_read_files();
    test_docs_keep_words();
    tma_worker_free(worker);
    tma_ctx_free(ctx);
    return check_summary();
}
