/* Sentence splitting: the readable cases in cases/segment.txt, and byte spans in the file. */
#include "check.h"
#include "worker.h"
#include "tmalign.h"

#include <stdlib.h>

static tma_worker *worker;

/* Splits TEXT as LANG and prints the sentences as `tmalign split` does into OUT. */
static void split_to_lines(char *out, size_t size, const char *text, const char *lang)
{
    tma_doc *doc = NULL;
    tma_error err = {0};
    out[0] = '\0';
    if (tma_doc_read_mem(&doc, worker, "case", text, strlen(text), lang, &err) < 0) {
        snprintf(out, size, "error: %.200s", err.message);
        return;
    }
    size_t used = 0;
    char sentence[4096];
    for (size_t i = 0; i < tma_doc_sentence_count(doc); i++) {
        if (i > 0 && tma_doc_sentence(doc, i)->paragraph != tma_doc_sentence(doc, i - 1)->paragraph)
            used += (size_t)snprintf(out + used, size - used, "\n");
        tma_doc_sentence_text(doc, i, sentence, sizeof sentence);
        used += (size_t)snprintf(out + used, size - used, "%s\n", sentence);
        if (used >= size)
            break;
    }
    tma_doc_free(doc);
}

static void trim_trailing_newlines(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == '\n')
        s[--n] = '\0';
}

/* Runs every case of PATH; returns the number of cases. */
static int run_cases(const char *path)
{
    FILE *fp = fopen(path, "r");
    if (fp == NULL) {
        check_failed++;
        fprintf(stderr, "cannot open %s\n", path);
        return 0;
    }
    static char title[4096], input[16384], expected[16384], actual[16384];
    char line[4096];
    int state = 0; /* 0 before a case, 1 in its input, 2 in its expected output */
    int cases = 0;
    for (;;) {
        char *got = fgets(line, sizeof line, fp);
        if (got == NULL || strncmp(line, "### ", 4) == 0) {
            if (state == 2) {
                char lang[16] = "";
                sscanf(title, "%15[^:]", lang);
                trim_trailing_newlines(input);
                trim_trailing_newlines(expected);
                split_to_lines(actual, sizeof actual, input, lang);
                trim_trailing_newlines(actual);
                cases++;
                if (strcmp(actual, expected) == 0) {
                    check_passed++;
                } else {
                    check_failed++;
                    fprintf(stderr, "%s: case \"%s\"\n--- expected\n%s\n--- got\n%s\n", path,
                            title, expected, actual);
                }
            }
            if (got == NULL)
                break;
            snprintf(title, sizeof title, "%s", line + 4);
            trim_trailing_newlines(title);
            input[0] = expected[0] = '\0';
            state = 1;
        } else if (state == 1 && strcmp(line, "---\n") == 0) {
            state = 2;
        } else if (state == 1) {
            strncat(input, line, sizeof input - strlen(input) - 1);
        } else if (state == 2) {
            strncat(expected, line, sizeof expected - strlen(expected) - 1);
        }
    }
    fclose(fp);
    return cases;
}

static void test_spans_in_file(void)
{
    /* CRLF and a BOM: spans point into the bytes the user has. */
    const char *in = "\xEF\xBB\xBFOne here.\r\nTwo there.";
    tma_doc *doc = NULL;
    tma_error err = {0};
    CHECK_EQ_INT(tma_doc_read_mem(&doc, worker, "x", in, strlen(in), "en", &err), 0);
    CHECK_EQ_INT(tma_doc_sentence_count(doc), 2);
    const tma_sentence *s = tma_doc_sentence(doc, 1);
    CHECK_EQ_INT(s->orig_start, 3 + 11);
    CHECK_EQ_INT(s->orig_len, 10);
    CHECK_EQ_INT(s->chars, 10);
    CHECK(memcmp(in + s->orig_start, "Two there.", 10) == 0);
    tma_doc_free(doc);
}

int main(void)
{
    tma_ctx *ctx = NULL;
    if (test_worker_start(&ctx, &worker) < 0)
        return 1;
    CHECK(run_cases("cases/segment.txt") >= 10);
    test_spans_in_file();
    tma_worker_free(worker);
    tma_ctx_free(ctx);
    return check_summary();
}
