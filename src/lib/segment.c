#include "segment.h"

#include "error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/utext.h>

void tma_seg_iterators_free(tma_seg_iterators *its)
{
    for (size_t k = 0; k < its->count; k++)
        ubrk_close(its->slot[k].bi);
    its->count = 0;
    tma_buf_free(&its->scratch);
    tma_buf_free(&its->breaks);
}

/* ICU's locale for LANG's sentence iterator. "ss=standard" turns on ICU's list of abbreviations
 * that do not end a sentence, where ICU has one for the language. */
static void iterator_locale(char *buf, size_t size, const char *lang)
{
    size_t n = strcspn(lang, "-_");
    if (n >= size - 16)
        n = size - 16;
    memcpy(buf, lang, n);
    strcpy(buf + n, "@ss=standard");
}

static int get_iterator(UBreakIterator **out, tma_seg_iterators *its, const char *lang,
                        tma_error *err)
{
    for (size_t k = 0; k < its->count; k++) {
        if (strcmp(its->slot[k].lang, lang) == 0) {
            *out = its->slot[k].bi;
            return 0;
        }
    }
    char locale[64];
    iterator_locale(locale, sizeof locale, lang);
    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_SENTENCE, locale, NULL, 0, &st);
    if (U_FAILURE(st))
        return tma_error_icu(err, st, "opening the sentence iterator");
    if (its->count == TMA_SEG_MAX_ITERATORS) {
        /* More languages than slots in one thread: reuse the oldest slot. */
        ubrk_close(its->slot[0].bi);
        memmove(&its->slot[0], &its->slot[1], (its->count - 1) * sizeof its->slot[0]);
        its->count--;
    }
    size_t k = its->count++;
    snprintf(its->slot[k].lang, sizeof its->slot[k].lang, "%s", lang);
    its->slot[k].bi = bi;
    *out = bi;
    return 0;
}

uint32_t tma_seg_count_chars(const char *s, size_t len)
{
    uint32_t chars = 0;
    int pending_space = 0;
    size_t i = 0;
    while (i < len) {
        if (tma_is_space(tma_utf8_next(s, len, &i))) {
            pending_space = chars > 0;
        } else {
            chars += 1 + (uint32_t)pending_space;
            pending_space = 0;
        }
    }
    return chars;
}

static int push_break(tma_buf *breaks, size_t offset)
{
    return tma_buf_append(breaks, &offset, sizeof offset);
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

static int is_closing_punct(uint32_t c)
{
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0xBB /* » */ ||
           c == 0x201D /* ” */ || c == 0x2019 /* ’ */;
}

/* Armenian writers often type an ASCII colon for the Armenian full stop "։". A colon followed
 * (after any closing quotes or brackets) by white space or the end of the paragraph ends the
 * sentence; one inside "14:30" or "3:1" is followed by a digit and does not. */
static int add_armenian_colon_breaks(tma_buf *breaks, const char *p, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (p[i] != ':' || i == 0)
            continue;
        size_t j = i + 1;
        while (j < len) {
            size_t k = j;
            if (!is_closing_punct(tma_utf8_next(p, len, &k)))
                break;
            j = k;
        }
        size_t k = j;
        if (j == len || tma_is_space(tma_utf8_next(p, len, &k))) {
            if (push_break(breaks, j) < 0)
                return -1;
        }
    }
    return 0;
}

static int lang_is(const char *lang, const char *primary)
{
    size_t n = strlen(primary);
    return strncmp(lang, primary, n) == 0 && (lang[n] == '\0' || lang[n] == '-' || lang[n] == '_');
}

/* Collects the break offsets of paragraph P (LEN bytes) into its->breaks, sorted, 0 and LEN
 * included. */
static int paragraph_breaks(tma_seg_iterators *its, UBreakIterator *bi, const char *p,
                            size_t len, const char *lang, tma_error *err)
{
    its->breaks.len = 0;
    its->scratch.len = 0;
    if (tma_buf_append(&its->scratch, p, len) < 0)
        return tma_error_nomem(err, "splitting sentences");
    /* A line break inside a paragraph is a wrapped line, not the end of a sentence; ICU would
     * break there. Same length, so offsets carry over. */
    for (size_t i = 0; i < len; i++) {
        if (its->scratch.data[i] == '\n')
            its->scratch.data[i] = ' ';
    }
    UErrorCode st = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, its->scratch.data, (int64_t)len, &st);
    if (U_FAILURE(st))
        return tma_error_icu(err, st, "opening text for the sentence iterator");
    ubrk_setUText(bi, ut, &st);
    if (U_FAILURE(st)) {
        utext_close(ut);
        return tma_error_icu(err, st, "setting the sentence iterator's text");
    }
    int rc = 0;
    for (int32_t b = ubrk_first(bi); b != UBRK_DONE; b = ubrk_next(bi)) {
        if (push_break(&its->breaks, (size_t)b) < 0) {
            rc = tma_error_nomem(err, "splitting sentences");
            break;
        }
    }
    /* Detach the iterator from the scratch buffer before the buffer can move. */
    ubrk_setText(bi, NULL, 0, &st);
    utext_close(ut);
    if (rc < 0)
        return rc;
    if (lang_is(lang, "hy") && add_armenian_colon_breaks(&its->breaks, p, len) < 0)
        return tma_error_nomem(err, "splitting sentences");
    if (push_break(&its->breaks, 0) < 0 || push_break(&its->breaks, len) < 0)
        return tma_error_nomem(err, "splitting sentences");
    qsort(its->breaks.data, its->breaks.len / sizeof(size_t), sizeof(size_t), cmp_size);
    return 0;
}

typedef struct sentence_list {
    tma_sentence *items;
    size_t count, cap;
} sentence_list;

/* Adds the sentence P[start..end) of paragraph PARA at NFC offset BASE, without the white space
 * at its ends; nothing if it is all white space. */
static int add_sentence(sentence_list *list, const tma_text *text, size_t base, size_t start,
                        size_t end, uint32_t para)
{
    const char *p = text->data + base;
    while (start < end) {
        size_t k = start;
        if (!tma_is_space(tma_utf8_next(p, end, &k)))
            break;
        start = k;
    }
    while (end > start) {
        size_t k = end;
        if (!tma_is_space(tma_utf8_prev(p, &k)))
            break;
        end = k;
    }
    if (start == end)
        return 0;
    if (list->count == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 64;
        tma_sentence *s = realloc(list->items, cap * sizeof *s);
        if (s == NULL)
            return -1;
        list->items = s;
        list->cap = cap;
    }
    size_t orig_start = tma_text_orig_offset(text, base + start);
    size_t orig_end = tma_text_orig_offset(text, base + end);
    list->items[list->count++] = (tma_sentence){
        .start = base + start,
        .len = end - start,
        .orig_start = orig_start,
        .orig_len = orig_end - orig_start,
        .chars = tma_seg_count_chars(p + start, end - start),
        .paragraph = para,
    };
    return 0;
}

int tma_seg_split(tma_sentence **out, size_t *count, tma_seg_iterators *its, const tma_text *text,
                  const char *lang, tma_error *err)
{
    *out = NULL;
    *count = 0;
    UBreakIterator *bi;
    int rc = get_iterator(&bi, its, lang, err);
    if (rc < 0)
        return rc;
    sentence_list list = {0};
    for (size_t pi = 0; pi < text->paragraph_count; pi++) {
        const tma_span *para = &text->paragraphs[pi];
        rc = paragraph_breaks(its, bi, text->data + para->start, para->len, lang, err);
        if (rc < 0)
            break;
        const size_t *b = (const size_t *)its->breaks.data;
        size_t nb = its->breaks.len / sizeof(size_t);
        for (size_t k = 0; k + 1 < nb && rc == 0; k++) {
            if (b[k + 1] > b[k] &&
                add_sentence(&list, text, para->start, b[k], b[k + 1], (uint32_t)pi) < 0)
                rc = tma_error_nomem(err, "splitting sentences");
        }
        if (rc < 0)
            break;
    }
    if (rc < 0) {
        free(list.items);
        return rc;
    }
    *out = list.items;
    *count = list.count;
    return 0;
}
