/* A user's glossary (termbase), as translators export one: UTF-8 text, one term pair per line,
 *
 *     # comment
 *     en<TAB>ru                 optional header: the languages of the two columns
 *     house<TAB>дом
 *     power plant<TAB>электростанция
 *
 * Blank lines and lines whose first character is "#" are skipped; a byte order mark at the start
 * and a CR before each line feed (a file saved on Windows) are allowed. Multi-word terms are
 * kept as phrases. docs/lexicons.md is the user's description. */
#include "error.h"
#include "internal.h"
#include "text.h"

#include <string.h>

/* 1 if S[0..len) is white space only. */
static int blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] != ' ' && s[i] != '\t')
            return 0;
    }
    return 1;
}

/* The term S[0..len) without the spaces around it. */
static void trim(const char **s, size_t *len)
{
    while (*len > 0 && (**s == ' ' || **s == '\t')) {
        ++*s;
        --*len;
    }
    while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
        --*len;
}

/* 1 if S[0..len) is a language code as tma_lang_is_valid takes it, with a primary subtag of two
 * letters (ISO 639-1, as tmalign names languages): three-letter words ("the", "und") are more
 * likely terms than codes. Copies it to DST. */
static int lang_code(char *dst, const char *s, size_t len)
{
    if (len < 2 || len >= TMA_LANG_BYTES || (len > 2 && s[2] != '-'))
        return 0;
    memcpy(dst, s, len);
    dst[len] = '\0';
    return tma_lang_is_valid(dst);
}

static int refuse(tma_error *err, const char *name, long line, long column, tma_status code,
                  const char *what)
{
    return tma_error_set(err, code, name, line, column, "%s", what);
}

/* Adds the pair (TERM[0], TERM[1]) to G in both directions. Returns 0, -1 when out of memory, or
 * 1 + the side of a term that is empty once in the compared form (white space other than spaces
 * and TABs, soft hyphens), which nothing could look up or find. */
static int add_pair(tma_lex_glossary *g, tma_buf *form, tma_buf *key, const char *const term[2],
                    const size_t term_len[2])
{
    uint32_t at[2];
    for (int side = 0; side < 2; side++) {
        form->len = 0;
        if (tma_lexicon_normalise(form, term[side], term_len[side]) < 0)
            return -1;
        if (form->len == 0)
            return 1 + side;
        if (tma_lex_pool_add(&g->pool, form->data, form->len, &at[side]) < 0)
            return -1;
    }
    for (int side = 0; side < 2; side++) {
        key->len = 0;
        if (tma_lexicon_key(key, term[side], term_len[side]) < 0)
            return -1;
        /* A term of punctuation only has no key: nothing can look it up. */
        if (key->len > 0 && tma_lex_map_add(&g->map[side], key->data, key->len, at[!side]) < 0)
            return -1;
    }
    g->pairs++;
    return 0;
}

int tma_lex_glossary_parse(tma_lex_glossary *out, const char *name, const char *data, size_t len,
                           tma_error *err)
{
    tma_buf form = TMA_BUF_INIT, key = TMA_BUF_INIT;
    int rc = 0, entries = 0;
    long number = 0;
    size_t pos = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    if (len > TMA_LEXICON_MAX_GLOSSARY_BYTES)
        return tma_error_set(err, TMA_ERR_LIMIT, name, 0, 0,
                             "the glossary is over %zu MB, more than tmalign reads; split it",
                             TMA_LEXICON_MAX_GLOSSARY_BYTES >> 20);
    while (pos < len && rc == 0) {
        const char *s = data + pos;
        const char *nl = memchr(s, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - s) : len - pos;
        pos += n + 1;
        number++;
        if (n > 0 && s[n - 1] == '\r')
            n--;
        size_t valid = tma_utf8_valid_prefix(s, n);
        if (valid < n) {
            rc = tma_error_set(err, TMA_ERR_DATA, name, number, (long)valid + 1,
                               "invalid UTF-8 (byte 0x%02X); save the glossary as UTF-8",
                               (unsigned char)s[valid]);
            break;
        }
        const char *nul = memchr(s, '\0', n);
        if (nul != NULL) {
            rc = tma_error_set(err, TMA_ERR_DATA, name, number, (long)(nul - s) + 1,
                               "a NUL byte; a glossary is text: save it as UTF-8 text");
            break;
        }
        if (blank(s, n) || s[0] == '#')
            continue;
        const char *term[2];
        size_t term_len[2];
        const char *tab = memchr(s, '\t', n);
        if (tab == NULL || memchr(tab + 1, '\t', (size_t)(s + n - tab - 1)) != NULL) {
            rc = refuse(err, name, number, 0, TMA_ERR_DATA,
                        tab == NULL ? "the line has no TAB; a glossary line is SOURCE<TAB>TARGET"
                                    : "the line has more than one TAB; a glossary line is "
                                      "SOURCE<TAB>TARGET");
            break;
        }
        term[0] = s;
        term_len[0] = (size_t)(tab - s);
        term[1] = tab + 1;
        term_len[1] = (size_t)(s + n - tab - 1);
        for (int side = 0; side < 2 && rc == 0; side++) {
            trim(&term[side], &term_len[side]);
            if (term_len[side] == 0)
                rc = refuse(err, name, number, 0, TMA_ERR_DATA,
                            side == 0 ? "the source term is empty" : "the target term is empty");
            else if (term_len[side] > TMA_LEXICON_MAX_TERM_BYTES)
                rc = refuse(err, name, number, 0, TMA_ERR_LIMIT,
                            "a term is over 1024 bytes; a glossary holds terms, not texts");
        }
        if (rc < 0)
            break;
        /* The first pair may name the languages instead: "en<TAB>ru". */
        char lang[2][TMA_LANG_BYTES];
        if (entries++ == 0 && lang_code(lang[0], term[0], term_len[0]) &&
            lang_code(lang[1], term[1], term_len[1])) {
            memcpy(out->lang, lang, sizeof lang);
            out->header_line = number;
            continue;
        }
        int added = add_pair(out, &form, &key, term, term_len);
        if (added < 0)
            rc = tma_error_nomem(err, "reading a glossary");
        else if (added > 0)
            rc = refuse(err, name, number, 0, TMA_ERR_DATA,
                        added == 1 ? "the source term is empty" : "the target term is empty");
    }
    tma_buf_free(&form);
    tma_buf_free(&key);
    return rc;
}

void tma_lex_glossary_free(tma_lex_glossary *g)
{
    tma_buf_free(&g->pool);
    tma_lex_map_free(&g->map[0]);
    tma_lex_map_free(&g->map[1]);
    *g = (tma_lex_glossary)TMA_LEX_GLOSSARY_INIT;
}
