/* The entry parser (tma_lex_entry_translations) on the input as an entry's text, as dictd.c
 * passes it: valid UTF-8 only. Each translation it gives is a short, non-empty phrase of valid
 * UTF-8 without a line break, that the lexicon can normalise and key; the headword lies in the
 * first line. */
#include "fuzz.h"
#include "lexicon.h"
#include "lexicon/internal.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    if (tma_utf8_valid_prefix(text, size) != size)
        return 0;
    tma_buf out = TMA_BUF_INIT, form = TMA_BUF_INIT;
    size_t count = 0, headword_len = 0;
    FUZZ_CHECK(tma_lex_entry_translations(&out, &count, &headword_len, text, size) == 0);
    const char *nl = memchr(text, '\n', size);
    FUZZ_CHECK(headword_len <= (nl ? (size_t)(nl - text) : size));
    FUZZ_CHECK(tma_utf8_valid_prefix(text, headword_len) == headword_len);
    FUZZ_CHECK(count <= 256);
    size_t at = 0;
    for (size_t k = 0; k < count; k++) {
        FUZZ_CHECK(at < out.len);
        size_t n = strlen(out.data + at);
        FUZZ_CHECK(n > 0 && n < TMA_LEXICON_MAX_TERM_BYTES && at + n < out.len);
        const char *t = out.data + at;
        FUZZ_CHECK(tma_utf8_valid_prefix(t, n) == n);
        FUZZ_CHECK(memchr(t, '\n', n) == NULL && t[0] != ' ' && t[n - 1] != ' ');
        size_t words = 1;
        for (size_t i = 0; i < n; i++)
            words += t[i] == ' ';
        FUZZ_CHECK(words <= TMA_LEX_MAX_PHRASE_WORDS);
        form.len = 0;
        FUZZ_CHECK(tma_lexicon_normalise(&form, t, n) == 0);
        FUZZ_CHECK(tma_utf8_valid_prefix(form.data, form.len) == form.len);
        form.len = 0;
        FUZZ_CHECK(tma_lexicon_key(&form, t, n) == 0);
        at += n + 1;
    }
    FUZZ_CHECK(at == out.len);
    tma_buf_free(&out);
    tma_buf_free(&form);
    return 0;
}
