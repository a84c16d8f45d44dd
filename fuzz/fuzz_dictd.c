/* A dictd dictionary (tma_lex_dictd_open_mem, _build, _lookup, _each) made of the input: the
 * index up to the first NUL byte, the plain text after it. A refusal names a line of the index
 * (or the text's file when an entry is not UTF-8), and a refused dictionary refuses every later
 * use the same way; a dictionary that builds finds every headword of its index by key, each
 * entry valid UTF-8 within the text. The entries go through the entry parser too. */
#include "fuzz.h"
#include "lexicon.h"
#include "lexicon/internal.h"
#include "text.h"

typedef struct visits {
    size_t count;
    const char *text_start; /* the text's bytes */
    size_t text_len;
} visits;

static int visit(void *arg, const char *text, size_t len)
{
    visits *v = arg;
    v->count++;
    FUZZ_CHECK(len <= v->text_len);
    FUZZ_CHECK(tma_utf8_valid_prefix(text, len) == len);
    tma_buf out = TMA_BUF_INIT;
    size_t count, headword_len;
    FUZZ_CHECK(tma_lex_entry_translations(&out, &count, &headword_len, text, len) == 0);
    tma_buf_free(&out);
    return 0;
}

static void check_refusal(int rc, const tma_error *err)
{
    fuzz_check_error(rc, err);
    FUZZ_CHECK(rc == TMA_ERR_DATA || rc == TMA_ERR_LIMIT || rc == TMA_ERR_NOMEM);
    FUZZ_CHECK(strcmp(err->path, "fuzz.index") == 0 || strcmp(err->path, "fuzz.dict") == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    const char *nul = memchr(s, '\0', size);
    size_t index_len = nul ? (size_t)(nul - s) : size;
    const char *text = nul ? nul + 1 : s + size;
    size_t text_len = size - index_len - (nul != NULL);
    tma_lex_dictd *d;
    tma_error err = {0};
    FUZZ_CHECK(tma_lex_dictd_open_mem(&d, "fuzz.index", s, index_len, "fuzz.dict", text, text_len,
                                      &err) == 0);
    long lines = 0;
    for (size_t i = 0; i < index_len; i++)
        lines += s[i] == '\n';
    lines += index_len > 0 && s[index_len - 1] != '\n';
    visits v = {0, text, text_len};
    int rc = tma_lex_dictd_each(d, visit, &v, &err);
    if (rc < 0) {
        check_refusal(rc, &err);
        FUZZ_CHECK(strcmp(err.path, "fuzz.dict") == 0 || (err.line >= 1 && err.line <= lines));
        tma_error again = {0};
        FUZZ_CHECK(tma_lex_dictd_lookup(d, "a", 1, visit, &v, &again) == rc);
        FUZZ_CHECK(strcmp(again.message, err.message) == 0 && again.line == err.line);
        tma_lex_dictd_free(d);
        return 0;
    }
    FUZZ_CHECK(v.count <= d->headwords.link_count);
    /* Every line's headword is found by its key, unless it has none or is dictfmt's own. */
    tma_buf key = TMA_BUF_INIT;
    for (size_t at = 0; at < index_len;) {
        const char *line = s + at;
        const char *nl = memchr(line, '\n', index_len - at);
        size_t n = nl ? (size_t)(nl - line) : index_len - at;
        at += n + 1;
        const char *tab = memchr(line, '\t', n);
        if (n == 0)
            continue;
        FUZZ_CHECK(tab != NULL);
        key.len = 0;
        FUZZ_CHECK(tma_lexicon_key(&key, line, (size_t)(tab - line)) == 0);
        if (key.len == 0 || (key.len >= 10 && memcmp(key.data, "00database", 10) == 0))
            continue;
        visits one = {0, text, text_len};
        FUZZ_CHECK(tma_lex_dictd_lookup(d, key.data, key.len, visit, &one, &err) == 0);
        FUZZ_CHECK(one.count >= 1);
    }
    tma_buf_free(&key);
    tma_lex_dictd_free(d);
    return 0;
}
