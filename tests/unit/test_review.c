/* Review files: reading and replaying (undo, bad lines with their numbers, a last line cut short),
 * appending (the header, ids, the checks, two processes at once), and what a review does to an
 * alignment (tma_story_align_reviewed: units that fit hold as units, stale ones are listed, a
 * later unit overrides an earlier one). */
#define _XOPEN_SOURCE 700
#include "check.h"
#include "worker.h"
#include "tmalign.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static tma_worker *worker;
static char dir[] = "/tmp/tmalign-test-review-XXXXXX";

static const char *const LANGS[] = {"en", "ru", "hy"};

static void path_of(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", dir, name);
}

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");
    if (fp == NULL) {
        perror(path);
        exit(1);
    }
    fputs(text, fp);
    fclose(fp);
}

#define HEADER "{\"schema\":\"tmalign-review/1\",\"story\":\"s\",\"langs\":[\"en\",\"ru\"]}\n"
#define JOIN_1                                                                                     \
    "{\"id\":1,\"time\":\"2026-12-06T23:50:12Z\",\"action\":\"join\",\"view\":\"en-ru\","          \
    "\"units\":[{\"status\":\"linked\",\"sides\":{\"en\":[\"A.\",\"B.\"],\"ru\":[\"X.\"]},"        \
    "\"before\":{\"en\":\"\",\"ru\":\"\"}}]}\n"
#define APPROVE_2                                                                                  \
    "{\"id\":2,\"time\":\"2026-12-06T23:51:00Z\",\"action\":\"approve\",\"view\":\"en-ru\","       \
    "\"units\":[{\"status\":\"approved\",\"sides\":{\"en\":[\"C.\"],\"ru\":[\"Y.\"]}}]}\n"
#define UNDO_3 "{\"id\":3,\"time\":\"2026-12-06T23:52:00Z\",\"action\":\"undo\",\"undoes\":1}\n"

/* Reads TEXT as a review file; returns the read's status with *err. */
static int read_text(tma_review **out, const char *text, tma_error *err)
{
    char path[256];
    path_of(path, sizeof path, "r.review.jsonl");
    write_file(path, text);
    return tma_review_read(out, path, err);
}

static void test_replay(void)
{
    tma_review *r = NULL;
    tma_error err = {0};
    CHECK_EQ_INT(read_text(&r, HEADER JOIN_1 APPROVE_2, &err), 0);
    size_t count = 0;
    const tma_review_unit *units = tma_review_units(r, &count);
    CHECK_EQ_INT(count, 2);
    CHECK_EQ_INT(tma_review_decision_count(r), 2);
    CHECK_EQ_STR(tma_review_story(r), "s");
    CHECK_EQ_INT(tma_review_lang_count(r), 2);
    CHECK_EQ_INT(units[0].counts[0], 2);
    CHECK_EQ_STR(units[0].texts[0][1], "B.");
    CHECK_EQ_STR(units[0].langs[1], "ru");
    CHECK_EQ_INT(units[0].status, TMA_REVIEW_LINKED);
    CHECK_EQ_INT(units[1].status, TMA_REVIEW_APPROVED);
    CHECK_EQ_STR(units[1].before[0], "");
    CHECK_EQ_INT(units[1].line, 3);
    tma_review_free(r);

    /* The undo takes decision 1 away; the undo itself is no decision. */
    CHECK_EQ_INT(read_text(&r, HEADER JOIN_1 APPROVE_2 UNDO_3, &err), 0);
    units = tma_review_units(r, &count);
    CHECK_EQ_INT(count, 1);
    CHECK_EQ_INT(units[0].id, 2);
    CHECK_EQ_INT(tma_review_decision_count(r), 1);
    CHECK_EQ_INT(tma_review_last_id(r), 3);
    tma_review_free(r);

    /* A last line without its newline is a write cut short: skipped. */
    CHECK_EQ_INT(read_text(&r, HEADER JOIN_1 "{\"id\":2,\"time\":\"x\",\"act", &err), 0);
    tma_review_units(r, &count);
    CHECK_EQ_INT(count, 1);
    tma_review_free(r);

    /* No file: an empty review. */
    char path[256];
    path_of(path, sizeof path, "none.review.jsonl");
    CHECK_EQ_INT(tma_review_read(&r, path, &err), 0);
    tma_review_units(r, &count);
    CHECK_EQ_INT(count, 0);
    CHECK_EQ_STR(tma_review_story(r), "");
    tma_review_free(r);
}

/* TEXT is refused with TMA_ERR_INPUT at LINE, its message holding WORDS. */
static void check_bad(const char *text, long line, const char *words)
{
    tma_review *r = NULL;
    tma_error err = {0};
    CHECK_EQ_INT(read_text(&r, text, &err), TMA_ERR_INPUT);
    CHECK(r == NULL);
    CHECK_EQ_INT(err.line, line);
    if (strstr(err.message, words) == NULL)
        fprintf(stderr, "message: %s\n", err.message);
    CHECK(strstr(err.message, words) != NULL);
}

static void test_bad_lines(void)
{
    check_bad(HEADER JOIN_1 "{not json\n" APPROVE_2, 3, "not a JSON object");
    check_bad("{\"schema\":\"other/2\"}\n" JOIN_1, 1, "header");
    check_bad(HEADER JOIN_1 JOIN_1, 3, "id of line 2");
    check_bad(HEADER UNDO_3, 2, "undoes 1");
    check_bad(HEADER JOIN_1 UNDO_3 "{\"id\":4,\"time\":\"t\",\"action\":\"undo\",\"undoes\":3}\n",
              4, "undoes 3");
    check_bad(HEADER "{\"id\":1,\"time\":\"t\",\"action\":\"paint\",\"view\":\"en-ru\"}\n", 2,
              "action");
    check_bad(HEADER "{\"id\":1,\"time\":\"t\",\"action\":\"join\",\"view\":\"en-de\","
                     "\"units\":[{\"status\":\"linked\",\"sides\":{\"en\":[\"A.\"]}}]}\n",
              2, "view");
    check_bad(HEADER "{\"id\":1,\"time\":\"t\",\"action\":\"join\",\"view\":\"en-ru\","
                     "\"units\":[{\"status\":\"maybe\",\"sides\":{\"en\":[\"A.\"],\"ru\":[]}}]}\n",
              2, "status");
    check_bad(HEADER "{\"id\":1,\"time\":\"t\",\"action\":\"join\",\"view\":\"en-ru\","
                     "\"units\":[{\"status\":\"linked\",\"sides\":{\"en\":[],\"ru\":[]}}]}\n",
              2, "no sentence");
}

static int append(const char *path, const char *json, long *id, tma_error *err)
{
    return tma_review_append(path, "s", LANGS, 2, json, strlen(json), id, err);
}

#define PAGE_JOIN                                                                                  \
    "{\"action\":\"join\",\"view\":\"en-ru\",\"units\":[{\"status\":\"linked\",\"sides\":{\"en\":" \
    "[\"A.\",\"B.\"],\"ru\":[\"X.\"]},\"before\":{\"en\":\"\",\"ru\":\"\"}}]}"

static void test_append(void)
{
    char path[256];
    path_of(path, sizeof path, "a.review.jsonl");
    unlink(path);
    tma_error err = {0};
    long id = 0;
    CHECK_EQ_INT(append(path, PAGE_JOIN, &id, &err), 0);
    CHECK_EQ_INT(id, 1);
    CHECK_EQ_INT(append(path, PAGE_JOIN, &id, &err), 0);
    CHECK_EQ_INT(id, 2);
    CHECK_EQ_INT(append(path, "{\"action\":\"undo\",\"undoes\":1}", &id, &err), 0);
    CHECK_EQ_INT(id, 3);
    /* Refused: an undo of an undo, of an undone decision, of nothing. */
    CHECK_EQ_INT(append(path, "{\"action\":\"undo\",\"undoes\":3}", &id, &err), TMA_ERR_INPUT);
    CHECK_EQ_INT(append(path, "{\"action\":\"undo\",\"undoes\":1}", &id, &err), TMA_ERR_INPUT);
    CHECK_EQ_INT(append(path, "{\"action\":\"undo\",\"undoes\":9}", &id, &err), TMA_ERR_INPUT);
    /* Refused: an id or a time from the page, a view of no pair of the run, a wrong story. */
    CHECK_EQ_INT(append(path, "{\"id\":7,\"action\":\"undo\",\"undoes\":2}", &id, &err),
                 TMA_ERR_INPUT);
    CHECK_EQ_INT(append(path,
                        "{\"action\":\"join\",\"view\":\"ru-en\",\"units\":[{\"status\":\"linked\","
                        "\"sides\":{\"en\":[\"A.\"],\"ru\":[\"X.\"]}}]}",
                        &id, &err),
                 TMA_ERR_INPUT);
    CHECK_EQ_INT(
        tma_review_append(path, "other", LANGS, 2, PAGE_JOIN, strlen(PAGE_JOIN), &id, &err),
        TMA_ERR_INPUT);
    CHECK_EQ_INT(err.line, 1);
    /* Caps: 65 sentences on a side, a decision over 64 KB. */
    char big[80000];
    size_t at = (size_t)snprintf(big, sizeof big,
                                 "{\"action\":\"join\",\"view\":\"en-ru\",\"units\":[{\"status\":"
                                 "\"linked\",\"sides\":{\"ru\":[\"X.\"],\"en\":[");
    for (int k = 0; k < 65; k++)
        at += (size_t)snprintf(big + at, sizeof big - at, "%s\"S%d.\"", k ? "," : "", k);
    snprintf(big + at, sizeof big - at, "]}}]}");
    CHECK_EQ_INT(append(path, big, &id, &err), TMA_ERR_LIMIT);
    memset(big, ' ', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    memcpy(big, PAGE_JOIN, strlen(PAGE_JOIN));
    CHECK_EQ_INT(append(path, big, &id, &err), TMA_ERR_LIMIT);

    /* A line cut short by a crash goes before the next decision is written. */
    FILE *fp = fopen(path, "ab");
    fputs("{\"id\":4,\"ti", fp);
    fclose(fp);
    CHECK_EQ_INT(append(path, PAGE_JOIN, &id, &err), 0);
    CHECK_EQ_INT(id, 4);
    tma_review *r = NULL;
    CHECK_EQ_INT(tma_review_read(&r, path, &err), 0);
    if (r != NULL) {
        size_t count;
        tma_review_units(r, &count);
        CHECK_EQ_INT(count, 2); /* decisions 2 and 4; 1 is undone */
        CHECK_EQ_INT(tma_review_last_id(r), 4);
    }
    tma_review_free(r);
}

/* Two processes append 40 decisions each at once: all 80 are in the file, ids 1 to 80. */
static void test_concurrent_append(void)
{
    char path[256];
    path_of(path, sizeof path, "c.review.jsonl");
    unlink(path);
    pid_t kids[2];
    for (int k = 0; k < 2; k++) {
        kids[k] = fork();
        if (kids[k] == 0) {
            tma_error err = {0};
            long id;
            for (int i = 0; i < 40; i++)
                if (append(path, PAGE_JOIN, &id, &err) < 0)
                    _exit(1);
            _exit(0);
        }
    }
    for (int k = 0; k < 2; k++) {
        int status = 0;
        waitpid(kids[k], &status, 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    tma_review *r = NULL;
    tma_error err = {0};
    CHECK_EQ_INT(tma_review_read(&r, path, &err), 0);
    if (r != NULL) {
        CHECK_EQ_INT(tma_review_decision_count(r), 80);
        CHECK_EQ_INT(tma_review_last_id(r), 80);
    }
    tma_review_free(r);
}

static const char *const TEXTS[][2] = {
    {"en", "The plant opened in 1998 with 120 workers. It was the first in the region.\n\n"
           "By 2015 it employed 4,500 people in three cities.\n\n"
           "Moscow signed the contract on 12 March. The work starts in May.\n"},
    {"ru", "Завод открылся в 1998 году со 120 рабочими и стал первым в регионе.\n\n"
           "К 2015 году на нём работали 4 500 человек в трёх городах.\n\n"
           "Москва подписала контракт 12 марта. Работы начнутся в мае.\n"},
    {"hy", "Գործարանը բացվել է 1998 թվականին՝ 120 աշխատողով։ Այն առաջինն էր տարածաշրջանում։\n\n"
           "2015 թվականին այնտեղ աշխատում էր 4500 մարդ երեք քաղաքներում։\n\n"
           "Մոսկվան պայմանագիրը ստորագրեց մարտի 12-ին։ Աշխատանքները կսկսվեն մայիսին։\n"},
};

/* The unit of STORY that holds sentence I of language K, or NULL. */
static const tma_unit *unit_with(const tma_story *story, size_t k, uint32_t i)
{
    size_t count;
    const tma_unit *units = tma_story_units(story, &count);
    for (size_t u = 0; u < count; u++)
        if (units[u].count[k] > 0 && units[u].first[k] <= i &&
            i < units[u].first[k] + units[u].count[k])
            return &units[u];
    return NULL;
}

static void test_constraints(void)
{
    tma_doc *docs[3] = {NULL};
    if (test_read_docs(docs, worker, TEXTS, 3) < 0) {
        check_failed++;
        return;
    }
    tma_error err = {0};
    tma_story *plain = NULL, *story = NULL;
    CHECK_EQ_INT(tma_story_align(&plain, worker, docs, 3, &err), 0);
    /* Unreviewed, en 0-1 go with ru 0 and the last sentences pair one to one. */
    const tma_unit *u = unit_with(plain, 0, 4);
    CHECK(u != NULL && u->count[0] == 1 && u->review == 0);

    char path[256];
    path_of(path, sizeof path, "story.review.jsonl");
    unlink(path);
    long id;
    /* Joins the last two sentences in every language (approved); rejects a pair unit that does
     * not fit; then a pair-view unit that a later one overrides. */
    const char *join =
        "{\"action\":\"join\",\"view\":\"en-ru-hy\",\"units\":[{\"status\":\"approved\","
        "\"sides\":{\"en\":[\"Moscow signed the contract on 12 March.\",\"The work starts in "
        "May.\"],\"ru\":[\"Москва подписала контракт 12 марта.\",\"Работы начнутся в мае.\"],"
        "\"hy\":[\"Մոսկվան պայմանագիրը ստորագրեց մարտի 12-ին։\",\"Աշխատանքները կսկսվեն "
        "մայիսին։\"]}}]}";
    const char *stale =
        "{\"action\":\"reject\",\"view\":\"en-ru\",\"units\":[{\"status\":\"rejected\","
        "\"sides\":{\"en\":[\"No such sentence.\"],\"ru\":[\"Нет такого.\"]}}]}";
    const char *pair =
        "{\"action\":\"split\",\"view\":\"en-ru\",\"units\":[{\"status\":\"linked\","
        "\"sides\":{\"en\":[\"The plant opened in 1998 with 120 workers.\"],\"ru\":[]}}]}";
    const char *override =
        "{\"action\":\"reject\",\"view\":\"en-ru\",\"units\":[{\"status\":\"rejected\","
        "\"sides\":{\"en\":[\"The plant opened in 1998 with 120 workers.\",\"It was the first in "
        "the region.\"],\"ru\":[\"Завод открылся в 1998 году со 120 рабочими и стал первым в "
        "регионе.\"]}}]}";
    const char *const langs3[] = {"en", "ru", "hy"};
    CHECK_EQ_INT(tma_review_append(path, "s", langs3, 3, join, strlen(join), &id, &err), 0);
    CHECK_EQ_INT(tma_review_append(path, "s", langs3, 3, stale, strlen(stale), &id, &err), 0);
    CHECK_EQ_INT(tma_review_append(path, "s", langs3, 3, pair, strlen(pair), &id, &err), 0);
    tma_review *review = NULL;
    CHECK_EQ_INT(tma_review_read(&review, path, &err), 0);
    CHECK_EQ_INT(tma_story_align_reviewed(&story, worker, docs, 3, review, &err), 0);
    if (story != NULL) {
        u = unit_with(story, 0, 3);
        CHECK(u != NULL && u->count[0] == 2 && u->count[1] == 2 && u->count[2] == 2 &&
              u->review == TMA_REVIEW_APPROVED);
        tma_review_counts c = tma_story_review_counts(story);
        CHECK_EQ_INT(c.decisions, 3);
        CHECK_EQ_INT(c.applied, 2);
        CHECK_EQ_INT(c.stale, 1);
        CHECK_EQ_INT(c.approved, 1);
        size_t n;
        const tma_review_stale *st = tma_story_review_stale(story, &n);
        CHECK(n == 1 && st[0].id == 2 && strcmp(st[0].lang, "en") == 0 &&
              strcmp(st[0].text, "No such sentence.") == 0);
        /* The pair en-ru holds en 0 alone, with no ru sentence. */
        tma_unit *pu = NULL;
        size_t pn = 0;
        CHECK_EQ_INT(tma_story_pair_units(&pu, &pn, story, 0, 1, &err), 0);
        int alone = 0, approved = 0;
        for (size_t k = 0; k < pn; k++) {
            alone |= pu[k].first[0] == 0 && pu[k].count[0] == 1 && pu[k].count[1] == 0 &&
                     pu[k].review == TMA_REVIEW_LINKED;
            /* The unit of every language is the pair's part of it, as the pair aligns it. */
            if (pu[k].count[0] > 0 && pu[k].first[0] >= 3)
                approved += pu[k].review == TMA_REVIEW_APPROVED ? 1 : -100;
        }
        CHECK(alone);
        CHECK(approved > 0);
        free(pu);
    }
    tma_story_free(story);
    story = NULL;
    tma_review_free(review);

    /* The rejection that shares en 0 with the split overrides it; it rejects the unit of every
     * language that holds those sentences. */
    CHECK_EQ_INT(tma_review_append(path, "s", langs3, 3, override, strlen(override), &id, &err), 0);
    CHECK_EQ_INT(tma_review_read(&review, path, &err), 0);
    CHECK_EQ_INT(tma_story_align_reviewed(&story, worker, docs, 3, review, &err), 0);
    if (story != NULL) {
        tma_review_counts c = tma_story_review_counts(story);
        CHECK_EQ_INT(c.applied, 2);
        CHECK_EQ_INT(c.rejected, 1);
        u = unit_with(story, 0, 0);
        CHECK(u != NULL && u->count[0] == 2 && u->review == TMA_REVIEW_REJECTED);
    }
    tma_story_free(story);
    tma_review_free(review);
    tma_story_free(plain);
    for (size_t k = 0; k < 3; k++)
        tma_doc_free(docs[k]);
}

/* A sentence that occurs twice is found by its "before"; without one, the unit is stale. */
static void test_before(void)
{
    static const char *const texts[2][2] = {
        {"en", "The ship left on Monday. Yes. The crew was tired. Yes.\n"},
        {"ru", "Корабль ушёл в понедельник. Да. Экипаж устал. Да.\n"}};
    tma_doc *docs[2] = {NULL};
    tma_error err = {0};
    for (size_t k = 0; k < 2; k++)
        if (tma_doc_read_mem(&docs[k], worker, texts[k][0], texts[k][1], strlen(texts[k][1]),
                             texts[k][0], &err) < 0) {
            check_failed++;
            return;
        }
    char path[256];
    path_of(path, sizeof path, "before.review.jsonl");
    unlink(path);
    long id;
    const char *second = "{\"action\":\"approve\",\"view\":\"en-ru\",\"units\":[{\"status\":"
                         "\"approved\",\"sides\":{\"en\":[\"Yes.\"],\"ru\":[\"Да.\"]},"
                         "\"before\":{\"en\":\"The crew was tired.\",\"ru\":\"Экипаж устал.\"}}]}";
    const char *either = "{\"action\":\"reject\",\"view\":\"en-ru\",\"units\":[{\"status\":"
                         "\"rejected\",\"sides\":{\"en\":[\"Yes.\"],\"ru\":[\"Да.\"]}}]}";
    CHECK_EQ_INT(append(path, second, &id, &err), 0);
    CHECK_EQ_INT(append(path, either, &id, &err), 0);
    tma_review *review = NULL;
    tma_story *story = NULL;
    CHECK_EQ_INT(tma_review_read(&review, path, &err), 0);
    CHECK_EQ_INT(tma_story_align_reviewed(&story, worker, docs, 2, review, &err), 0);
    if (story != NULL) {
        size_t count, n;
        const tma_unit *units = tma_story_units(story, &count);
        int approved_last = 0;
        for (size_t u = 0; u < count; u++)
            approved_last |= units[u].review == TMA_REVIEW_APPROVED && units[u].first[0] == 3;
        CHECK(approved_last);
        const tma_review_stale *st = tma_story_review_stale(story, &n);
        CHECK(n == 1 && st[0].id == 2 && strstr(st[0].why, "more than once") != NULL);
    }
    tma_story_free(story);
    tma_review_free(review);
    for (size_t k = 0; k < 2; k++)
        tma_doc_free(docs[k]);
}

int main(void)
{
    tma_ctx *ctx;
    if (mkdtemp(dir) == NULL || test_worker_start(&ctx, &worker) < 0)
        return 1;
    test_replay();
    test_bad_lines();
    test_append();
    test_concurrent_append();
    test_constraints();
    test_before();
    tma_worker_free(worker);
    tma_ctx_free(ctx);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 1;
    return check_summary();
}
