/* The glossary parser (tma_lex_glossary_parse) on the input as a glossary file. A refusal names a
 * line of the file (and a column inside it for invalid UTF-8); a glossary that loads holds, for
 * every term pair line after the header, each term's key with its counterpart in the compared
 * form, and nothing more. */
#include "fuzz.h"
#include "lexicon.h"
#include "lexicon/internal.h"
#include "text.h"

/* 1 if the LEN bytes at S are white space only, as the parser skips them. */
static int blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] != ' ' && s[i] != '\t')
            return 0;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    tma_lex_glossary g = TMA_LEX_GLOSSARY_INIT;
    tma_error err = {0};
    int rc = tma_lex_glossary_parse(&g, "fuzz.tsv", text, size, &err);
    long lines = fuzz_line_count(text, size);
    if (rc < 0) {
        fuzz_check_error(rc, &err);
        FUZZ_CHECK(rc == TMA_ERR_DATA || rc == TMA_ERR_LIMIT || rc == TMA_ERR_NOMEM);
        FUZZ_CHECK(strcmp(err.path, "fuzz.tsv") == 0);
        FUZZ_CHECK(rc == TMA_ERR_NOMEM || (err.line >= 1 && err.line <= lines));
        tma_lex_glossary_free(&g);
        return 0;
    }
    /* Every pool string is valid UTF-8 in the compared form. */
    tma_buf form = TMA_BUF_INIT, key = TMA_BUF_INIT;
    for (size_t at = 0; at < g.pool.len;) {
        size_t n = strlen(g.pool.data + at);
        FUZZ_CHECK(n > 0 && at + n < g.pool.len);
        FUZZ_CHECK(tma_utf8_valid_prefix(g.pool.data + at, n) == n);
        form.len = 0;
        FUZZ_CHECK(tma_lexicon_normalise(&form, g.pool.data + at, n) == 0);
        FUZZ_CHECK(form.len == n && memcmp(form.data, g.pool.data + at, n) == 0);
        at += n + 1;
    }
    /* Every pair line's terms are found by their keys. */
    size_t pairs = 0, pos = size >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    long number = 0;
    while (pos < size) {
        const char *s = text + pos;
        const char *nl = memchr(s, '\n', size - pos);
        size_t n = nl ? (size_t)(nl - s) : size - pos;
        pos += n + 1;
        number++;
        if (n > 0 && s[n - 1] == '\r')
            n--;
        if (blank(s, n) || s[0] == '#' || number == g.header_line)
            continue;
        const char *tab = memchr(s, '\t', n);
        FUZZ_CHECK(tab != NULL);
        for (int side = 0; side < 2; side++) {
            const char *t = side ? tab + 1 : s;
            size_t tl = side ? (size_t)(s + n - tab - 1) : (size_t)(tab - s);
            key.len = 0;
            FUZZ_CHECK(tma_lexicon_key(&key, t, tl) == 0);
            FUZZ_CHECK(key.len == 0 ||
                       tma_lex_map_first(&g.map[side], key.data ? key.data : "", key.len) >= 0);
        }
        pairs++;
    }
    FUZZ_CHECK(g.pairs == pairs);
    FUZZ_CHECK(g.map[0].link_count <= pairs && g.map[1].link_count <= pairs);
    FUZZ_CHECK(g.header_line == 0 || (g.lang[0][0] != '\0' && tma_lang_is_valid(g.lang[0]) &&
                                      tma_lang_is_valid(g.lang[1])));
    tma_buf_free(&form);
    tma_buf_free(&key);
    tma_lex_glossary_free(&g);
    return 0;
}
