/* The learned-lexicon reader (tma_learned_parse, learn.c) on the input as a lexicon file. A
 * refusal is TMA_ERR_DATA naming a line of the file (0 for the file as a whole). A lexicon that
 * loads has valid languages and one key pair per line after the header, each pair's keys found
 * both ways, at most eight translations a key, none of them 0; written out (tma_learned_write)
 * it reads back the same, and written and read once more it gives the same lines again. */
#include "fuzz.h"
#include "learn.h"

/* Per-key cap of tma_learned_translations (learn.c's MAX_PER_KEY). */
#define MAX_PER_KEY 8

/* The translations of KEY, checked: at most MAX_PER_KEY, none 0. Returns how many. */
static size_t translations(const tma_learned *learned, int from_b, uint32_t key)
{
    size_t count = SIZE_MAX;
    const uint32_t *t = tma_learned_translations(learned, from_b, key, &count);
    FUZZ_CHECK(count <= MAX_PER_KEY);
    for (size_t k = 0; k < count; k++)
        FUZZ_CHECK(t[k] != 0);
    return count;
}

/* The 8 hex digits at S as the parser reads them. */
static uint32_t hex_key(const char *s)
{
    char digits[9];
    memcpy(digits, s, 8);
    digits[8] = '\0';
    return (uint32_t)strtoul(digits, NULL, 16);
}

typedef struct line_span {
    const char *s;
    size_t len;
} line_span;

static int cmp_line(const void *x, const void *y)
{
    const line_span *p = x, *q = y;
    int c = memcmp(p->s, q->s, p->len < q->len ? p->len : q->len);
    return c ? c : (p->len > q->len) - (p->len < q->len);
}

/* TEXT's lines (after the header) sorted, in a new array; *count receives how many. */
static line_span *sorted_lines(const tma_buf *text, size_t *count)
{
    size_t n = 0;
    for (size_t i = 0; i < text->len; i++)
        n += text->data[i] == '\n';
    line_span *lines = malloc((n + 1) * sizeof *lines);
    FUZZ_CHECK(lines != NULL);
    *count = 0;
    const char *nl = memchr(text->data, '\n', text->len);
    FUZZ_CHECK(nl != NULL && text->data[text->len - 1] == '\n');
    for (const char *p = nl + 1, *end = text->data + text->len; p < end;) {
        nl = memchr(p, '\n', (size_t)(end - p));
        lines[(*count)++] = (line_span){p, (size_t)(nl - p)};
        p = nl + 1;
    }
    qsort(lines, *count, sizeof *lines, cmp_line);
    return lines;
}

/* 1 if the two texts have the same header and the same lines in any order. */
static int same_lines(const tma_buf *x, const tma_buf *y)
{
    size_t nx, ny;
    line_span *lx = sorted_lines(x, &nx), *ly = sorted_lines(y, &ny);
    size_t header = (size_t)((const char *)memchr(x->data, '\n', x->len) - x->data);
    int same = x->len == y->len && nx == ny && memcmp(x->data, y->data, header + 1) == 0;
    for (size_t k = 0; k < nx && same; k++)
        same = cmp_line(&lx[k], &ly[k]) == 0;
    free(lx);
    free(ly);
    return same;
}

/* Writes LEARNED to OUT and reads it back into *again; the two lexicons are alike. */
static void write_and_read(const tma_learned *learned, tma_buf *out, tma_learned **again)
{
    FUZZ_CHECK(tma_learned_write(learned, out) == 0);
    tma_error err = {0};
    int rc = tma_learned_parse(again, "fuzz.written", out->data, out->len, &err);
    if (rc < 0)
        fprintf(stderr, "fuzz: the written lexicon is refused: %s:%ld: %s\n", err.path, err.line,
                err.message);
    FUZZ_CHECK(rc == 0);
    FUZZ_CHECK(tma_learned_size(*again) == tma_learned_size(learned));
    FUZZ_CHECK(strcmp(tma_learned_lang(*again, 0), tma_learned_lang(learned, 0)) == 0);
    FUZZ_CHECK(strcmp(tma_learned_lang(*again, 1), tma_learned_lang(learned, 1)) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    tma_learned *learned = NULL;
    tma_error err = {0};
    int rc = tma_learned_parse(&learned, "fuzz.learned", text, size, &err);
    long lines = fuzz_line_count(text, size);
    if (rc < 0) {
        fuzz_check_error(rc, &err);
        FUZZ_CHECK(rc == TMA_ERR_DATA || rc == TMA_ERR_NOMEM);
        FUZZ_CHECK(learned == NULL);
        FUZZ_CHECK(strcmp(err.path, "fuzz.learned") == 0);
        FUZZ_CHECK(rc == TMA_ERR_NOMEM || (err.line >= 0 && err.line <= lines));
        FUZZ_CHECK(err.line > 0 || size == 0 || rc == TMA_ERR_NOMEM);
        return 0;
    }
    FUZZ_CHECK(learned != NULL);
    FUZZ_CHECK(tma_lang_is_valid(tma_learned_lang(learned, 0)));
    FUZZ_CHECK(tma_lang_is_valid(tma_learned_lang(learned, 1)));
    /* Every line but the header is a pair, and its keys are found both ways. */
    FUZZ_CHECK(lines >= 1 && tma_learned_size(learned) == (size_t)(lines - 1));
    const char *nl = memchr(text, '\n', size);
    for (const char *p = nl ? nl + 1 : text + size, *end = text + size; p < end;) {
        nl = memchr(p, '\n', (size_t)(end - p));
        FUZZ_CHECK((nl ? nl : end) - p > 18 && p[8] == '\t' && p[17] == '\t');
        uint32_t a = hex_key(p), b = hex_key(p + 9);
        FUZZ_CHECK(a != 0 && b != 0);
        FUZZ_CHECK(translations(learned, 0, a) >= 1);
        FUZZ_CHECK(translations(learned, 1, b) >= 1);
        p = nl ? nl + 1 : end;
    }
    /* Keys made of the input's bytes, mostly not in the lexicon, both ways. */
    for (size_t i = 0; i + 4 <= size && i < 64; i += 4) {
        uint32_t key;
        memcpy(&key, data + i, 4);
        translations(learned, 0, key);
        translations(learned, 1, key);
    }
    /* Written and read back: the same lexicon. The file keeps 4 decimals, so pairs whose
     * probabilities round alike may be written in another order the first time round; from
     * then on the text stays as it is. */
    tma_buf first = TMA_BUF_INIT, second = TMA_BUF_INIT, third = TMA_BUF_INIT;
    tma_learned *again = NULL, *third_read = NULL, *fourth_read = NULL;
    write_and_read(learned, &first, &again);
    write_and_read(again, &second, &third_read);
    write_and_read(third_read, &third, &fourth_read);
    FUZZ_CHECK(same_lines(&first, &second));
    FUZZ_CHECK(same_lines(&second, &third));
    tma_learned_free(fourth_read);
    tma_learned_free(third_read);
    tma_learned_free(again);
    tma_learned_free(learned);
    tma_buf_free(&first);
    tma_buf_free(&second);
    tma_buf_free(&third);
    return 0;
}
