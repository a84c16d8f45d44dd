/* The splitter, through tma_doc_read_mem: the first byte picks the language (en, ru, hy, a
 * language with the generic rules, a tag with a region, de, fr, uk), the rest is the file. A document that
 * is read has sentences in order that cover every character that is not white space, each inside
 * one paragraph, trimmed, with its length and file span right. */
#include "fuzz.h"
#include "segment.h"
#include "text.h"

static const char *const LANGS[] = {"en", "ru", "hy", "ja", "hy-AM", "en-GB", "de", "fr", "uk"};
#define LANG_COUNT (sizeof LANGS / sizeof LANGS[0])

/* 1 if S[from..to) is only white space. */
static int all_space(const char *s, size_t from, size_t to)
{
    size_t i = from;
    while (i < to) {
        if (!tma_is_space(tma_utf8_next(s, to, &i)))
            return 0;
    }
    return 1;
}

/* 1 if S[from..to) holds a blank line: two line breaks with only white space between. */
static int has_blank_line(const char *s, size_t from, size_t to)
{
    const char *nl = memchr(s + from, '\n', to - from);
    while (nl != NULL) {
        size_t after = (size_t)(nl - s) + 1;
        const char *next = memchr(s + after, '\n', to - after);
        if (next == NULL)
            return 0;
        if (all_space(s, after, (size_t)(next - s)))
            return 1;
        nl = next;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const char *lang = LANGS[data[0] % LANG_COUNT];
    const char *file = (const char *)data + 1;
    size_t file_len = size - 1;
    tma_doc *doc = NULL;
    tma_error err = {0};
    int rc = tma_doc_read_mem(&doc, fuzz_worker(), "fuzz.txt", file, file_len, lang, &err);
    if (rc < 0) {
        fuzz_check_error(rc, &err);
        FUZZ_CHECK(rc == TMA_ERR_INPUT || rc == TMA_ERR_LIMIT);
        FUZZ_CHECK(doc == NULL);
        return 0;
    }
    size_t len;
    const char *text = tma_doc_text(doc, &len);
    size_t n = tma_doc_sentence_count(doc), paragraphs = tma_doc_paragraph_count(doc);
    FUZZ_CHECK(strcmp(tma_doc_lang(doc), lang) == 0 && strcmp(tma_doc_path(doc), "fuzz.txt") == 0);
    FUZZ_CHECK(n >= paragraphs && paragraphs > 0);
    size_t prev_end = 0, prev_orig = 0;
    uint32_t prev_para = 0;
    char *buf = NULL;
    for (size_t i = 0; i < n; i++) {
        const tma_sentence *s = tma_doc_sentence(doc, i);
        FUZZ_CHECK(s->len > 0 && s->start >= prev_end && s->start + s->len <= len);
        /* Nothing but white space is left out between sentences. */
        FUZZ_CHECK(all_space(text, prev_end, s->start));
        /* Paragraphs in order, each with a sentence; a blank line only between paragraphs. */
        FUZZ_CHECK(s->paragraph == (i == 0 ? 0 : prev_para) ||
                   (i > 0 && s->paragraph == prev_para + 1));
        FUZZ_CHECK(s->paragraph < paragraphs);
        FUZZ_CHECK(!has_blank_line(text, s->start, s->start + s->len));
        if (i > 0)
            FUZZ_CHECK((s->paragraph != prev_para) == has_blank_line(text, prev_end, s->start));
        /* Trimmed, and its length counted as the length model counts it. */
        size_t k = s->start;
        FUZZ_CHECK(!tma_is_space(tma_utf8_next(text, len, &k)));
        k = s->start + s->len;
        FUZZ_CHECK(!tma_is_space(tma_utf8_prev(text, &k)));
        FUZZ_CHECK(s->chars > 0 && s->chars <= s->len);
        FUZZ_CHECK(s->chars == tma_seg_count_chars(text + s->start, s->len));
        /* Its span in the file: inside it, in order, not empty. */
        FUZZ_CHECK(s->orig_len > 0 && s->orig_start >= prev_orig);
        FUZZ_CHECK(s->orig_start + s->orig_len <= file_len);
        /* The text as printed: never longer than the sentence, the same whatever the buffer. */
        char small[4];
        size_t need = tma_doc_sentence_text(doc, i, small, sizeof small);
        FUZZ_CHECK(need > 0 && need <= s->len);
        buf = realloc(buf, need + 1);
        FUZZ_CHECK(buf != NULL);
        FUZZ_CHECK(tma_doc_sentence_text(doc, i, buf, need + 1) == need && strlen(buf) == need);
        FUZZ_CHECK(memchr(buf, '\n', need) == NULL);
        prev_end = s->start + s->len;
        prev_orig = s->orig_start + s->orig_len;
        prev_para = s->paragraph;
    }
    FUZZ_CHECK(prev_para + 1 == paragraphs);
    FUZZ_CHECK(all_space(text, prev_end, len));
    free(buf);
    tma_doc_free(doc);
    return 0;
}
