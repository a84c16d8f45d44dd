/* Splitting a text into sentences: the paragraphs' breaks (breaks.c) or its lines, made into
 * tma_sentence arrays that the caller owns. */
#include "segment.h"

#include "breaks.h"
#include "buf.h"
#include "error.h"
#include "lang.h"

#include <stdlib.h>
#include <string.h>

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

typedef struct sentence_list {
    tma_sentence *items;
    size_t count, cap;
} sentence_list;

int tma_seg_sentence(tma_sentence *out, const tma_text *text, size_t start, size_t end,
                     uint32_t paragraph)
{
    const char *p = text->data;
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
    size_t orig_start = tma_text_orig_start(text, start);
    *out = (tma_sentence){
        .start = start,
        .len = end - start,
        .orig_start = orig_start,
        .orig_len = tma_text_orig_end(text, end) - orig_start,
        .chars = tma_seg_count_chars(p + start, end - start),
        .paragraph = paragraph,
    };
    return start < end;
}

/* Adds the sentence [start, end) of paragraph PARAGRAPH at NFC offset BASE, without the white
 * space at its ends; nothing if it is all white space. */
static int add_sentence(sentence_list *list, const tma_text *text, size_t base, size_t start,
                        size_t end, uint32_t paragraph)
{
    tma_sentence s;
    if (!tma_seg_sentence(&s, text, base + start, base + end, paragraph))
        return 0;
    tma_sentence *grown = tma_grow(list->items, &list->cap, list->count + 1, sizeof *grown, 64);
    if (grown == NULL)
        return -1;
    list->items = grown;
    list->items[list->count++] = s;
    return 0;
}

int tma_seg_lines(tma_sentence **out, size_t *count, const tma_text *text, tma_error *err)
{
    sentence_list list = {0};
    *out = NULL;
    *count = 0;
    for (size_t pi = 0; pi < text->paragraph_count; pi++) {
        const tma_span *span = &text->paragraphs[pi];
        const char *p = text->data + span->start;
        size_t from = 0;
        while (from < span->len) {
            const char *nl = memchr(p + from, '\n', span->len - from);
            size_t to = nl != NULL ? (size_t)(nl - p) : span->len;
            if (add_sentence(&list, text, span->start, from, to, (uint32_t)pi) < 0) {
                free(list.items);
                return tma_error_nomem(err, "reading sentences");
            }
            from = to + 1;
        }
    }
    *out = list.items;
    *count = list.count;
    return 0;
}

int tma_seg_split(tma_sentence **out, size_t *count, tma_seg_iterators *its,
                  const tma_seg_rules *rules, const tma_text *text, const char *lang,
                  tma_error *err)
{
    *out = NULL;
    *count = 0;
    UBreakIterator *bi;
    int rc = tma_seg_get_iterator(&bi, its, lang, err);
    if (rc < 0)
        return rc;
    sentence_list list = {0};
    for (size_t pi = 0; pi < text->paragraph_count && rc == 0; pi++) {
        const tma_span *span = &text->paragraphs[pi];
        para P = {text->data + span->start, span->len, rules, tma_lang_is(lang, "hy"),
                  tma_lang_is(lang, "en"), &its->fold};
        rc = tma_seg_paragraph_breaks(its, bi, &P, err);
        const candidate *b = (const candidate *)its->breaks.data;
        size_t nb = its->breaks.len / sizeof *b;
        size_t from = 0;
        for (size_t k = 0; k <= nb && rc == 0; k++) {
            size_t to = k < nb ? b[k].at : span->len;
            if (add_sentence(&list, text, span->start, from, to, (uint32_t)pi) < 0)
                rc = tma_error_nomem(err, "splitting sentences");
            from = to;
        }
    }
    if (rc < 0) {
        free(list.items);
        return rc;
    }
    *out = list.items;
    *count = list.count;
    return 0;
}
