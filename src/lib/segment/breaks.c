/* The breaks of one paragraph: ICU proposes, the rules of missed.c and filter.c correct. */
#include "breaks.h"

#include "error.h"
#include "filter.h"
#include "missed.h"

#include <stdio.h>
#include <string.h>

#include <unicode/utext.h>

void tma_seg_iterators_free(tma_seg_iterators *its)
{
    for (size_t k = 0; k < its->count; k++)
        ubrk_close(its->slot[k].bi);
    its->count = 0;
    tma_buf_free(&its->scratch);
    tma_buf_free(&its->breaks);
    tma_buf_free(&its->fold);
}

/* ICU's locale for LANG's sentence iterator: the primary subtag. ICU's own abbreviation list
 * ("ss=standard") is not used: it never breaks after its entries, whatever follows, and tmalign's
 * tables decide by what follows instead ("5 тыс. руб. Это ..." ends a sentence). */
static void iterator_locale(char *buf, size_t size, const char *lang)
{
    size_t n = strcspn(lang, "-_");
    if (n >= size)
        n = size - 1;
    memcpy(buf, lang, n);
    buf[n] = '\0';
}

int tma_seg_get_iterator(UBreakIterator **out, tma_seg_iterators *its, const char *lang,
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

int tma_seg_paragraph_breaks(tma_seg_iterators *its, UBreakIterator *bi, const para *P,
                             tma_error *err)
{
    its->breaks.len = 0;
    its->scratch.len = 0;
    if (tma_buf_append(&its->scratch, P->p, P->len) < 0)
        return tma_error_nomem(err, "splitting sentences");
    /* A line break inside a paragraph is a wrapped line, not the end of a sentence; ICU would
     * break there. Same length, so offsets carry over. */
    for (size_t i = 0; i < P->len; i++) {
        if (its->scratch.data[i] == '\n')
            its->scratch.data[i] = ' ';
    }
    UErrorCode st = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, its->scratch.data, (int64_t)P->len, &st);
    if (U_FAILURE(st))
        return tma_error_icu(err, st, "opening text for the sentence iterator");
    ubrk_setUText(bi, ut, &st);
    if (U_FAILURE(st)) {
        utext_close(ut);
        return tma_error_icu(err, st, "setting the sentence iterator's text");
    }
    int rc = 0;
    for (int32_t b = ubrk_first(bi); b != UBRK_DONE && rc == 0; b = ubrk_next(bi)) {
        if (b > 0 && (size_t)b < P->len && tma_seg_add_candidate(&its->breaks, (size_t)b, 0) < 0)
            rc = tma_error_nomem(err, "splitting sentences");
    }
    /* Detach the iterator from the scratch buffer before the buffer can move. */
    ubrk_setText(bi, NULL, 0, &st);
    utext_close(ut);
    if (rc < 0)
        return rc;

    int list;
    if (tma_seg_add_missed_breaks(&its->breaks, P, &list) < 0)
        return tma_error_nomem(err, "splitting sentences");
    tma_seg_keep_breaks(&its->breaks, P, list);
    return 0;
}
