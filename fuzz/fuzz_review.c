/* The review file's reader (tma_review_parse, as tma_review_read reads a file) and its writer's
 * checks (tma_review_append). Byte 0, bit 0: the rest is a review file; set: the rest is a
 * decision as a page sends it, appended to a review file that holds one decision already. A
 * refused file names a line of it; a read review's units have a text for every sentence and a
 * known status; a decision the writer accepts is one the reader then reads back, one more. */
#define _POSIX_C_SOURCE 200809L
#include "fuzz.h"
#include "review/review.h"

#include <unistd.h>

static const char *const LANGS[] = {"en", "ru", "hy"};

static void check_review(const tma_review *review)
{
    size_t count;
    const tma_review_unit *units = tma_review_units(review, &count);
    for (size_t u = 0; u < count; u++) {
        FUZZ_CHECK(units[u].status >= TMA_REVIEW_LINKED && units[u].status <= TMA_REVIEW_REJECTED);
        FUZZ_CHECK(units[u].lang_count >= 2 && units[u].lang_count <= TMA_MAX_LANGS);
        FUZZ_CHECK(units[u].id > 0 && units[u].id <= tma_review_last_id(review));
        for (size_t k = 0; k < units[u].lang_count; k++) {
            FUZZ_CHECK(units[u].counts[k] <= TMA_REVIEW_MAX_SENTENCES);
            FUZZ_CHECK(units[u].before[k] != NULL);
            for (size_t i = 0; i < units[u].counts[k]; i++)
                FUZZ_CHECK(units[u].texts[k][i] != NULL && units[u].texts[k][i][0] != '\0');
        }
    }
}

static void read_file(const char *text, size_t len)
{
    tma_review *review = NULL;
    tma_error err = {0};
    int rc = tma_review_parse(&review, text, len, "fuzz.review.jsonl", &err);
    if (rc < 0) {
        fuzz_check_error(rc, &err);
        FUZZ_CHECK(review == NULL);
        FUZZ_CHECK(rc == TMA_ERR_INPUT || rc == TMA_ERR_LIMIT || rc == TMA_ERR_NOMEM);
        FUZZ_CHECK(strcmp(err.path, "fuzz.review.jsonl") == 0);
        FUZZ_CHECK((rc == TMA_ERR_LIMIT && err.line == 0) ||
                   (err.line >= 1 && err.line <= fuzz_line_count(text, len)));
        return;
    }
    check_review(review);
    tma_review_free(review);
}

static void append_decision(const char *json, size_t len)
{
    static char path[64];
    if (path[0] == '\0')
        snprintf(path, sizeof path, "/tmp/tmalign-fuzz-review-%ld.jsonl", (long)getpid());
    static const char first[] =
        "{\"action\":\"approve\",\"view\":\"en-ru\",\"units\":[{\"status\":\"approved\","
        "\"sides\":{\"en\":[\"A.\"],\"ru\":[\"Б.\"]}}]}";
    tma_error err = {0};
    long id = 0;
    unlink(path);
    FUZZ_CHECK(tma_review_append(path, "s", LANGS, 3, first, strlen(first), &id, &err) == 0);
    int rc = tma_review_append(path, "s", LANGS, 3, json, len, &id, &err);
    if (rc < 0) {
        fuzz_check_error(rc, &err);
        FUZZ_CHECK(rc == TMA_ERR_INPUT || rc == TMA_ERR_LIMIT);
    }
    tma_review *review = NULL;
    FUZZ_CHECK(tma_review_read(&review, path, &err) == 0);
    FUZZ_CHECK(tma_review_last_id(review) == (rc == 0 ? 2 : 1));
    check_review(review);
    tma_review_free(review);
    unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    char *text = malloc(size);
    FUZZ_CHECK(text != NULL);
    memcpy(text, data + 1, size - 1);
    if (data[0] & 1)
        append_decision(text, size - 1);
    else
        read_file(text, size - 1);
    free(text);
    return 0;
}
