/* Reading a paragraph around a break: the cursors and word finders the rules of missed.c and
 * filter.c share. */
#include "para.h"

#include "table.h"

#include <string.h>

int tma_seg_add_candidate(tma_buf *breaks, size_t at, int forced)
{
    candidate c = {at, forced};
    return tma_buf_append(breaks, &c, sizeof c);
}

size_t tma_seg_skip_space(const para *P, size_t i)
{
    size_t next;
    uint32_t c;
    while ((c = peek(P, i, &next)) != 0 && tma_is_space(c))
        i = next;
    return i;
}

uint32_t tma_seg_terminal_before(const para *P, size_t b, size_t *at)
{
    size_t i = b, start;
    uint32_t c;
    while ((c = peek_back(P, i, &start)) != 0 && (tma_is_space(c) || is_closing(c)))
        i = start;
    *at = start;
    return c;
}

next_word tma_seg_word_after(const para *P, size_t b, int skip_dashes)
{
    next_word w = {0, P->len, P->len};
    size_t i = b, next;
    uint32_t c;
    while ((c = peek(P, i, &next)) != 0 &&
           (tma_is_space(c) || is_opening(c) || (skip_dashes && is_dash(c))))
        i = next;
    w.first = c;
    w.start = i;
    while ((c = peek(P, i, &next)) != 0 && (is_letter(c) || is_digit(c) || c == '-'))
        i = next;
    w.end = i;
    return w;
}

size_t tma_seg_word_before(const para *P, size_t i, size_t *start)
{
    size_t s = i, prev;
    uint32_t c;
    while ((c = peek_back(P, s, &prev)) != 0 && !tma_is_space(c) && !is_opening(c))
        s = prev;
    *start = s;
    return i - s;
}

/* The longest phrase of abbreviation that a table holds, in bytes. */
#define PHRASE_MAX 64

int tma_seg_abbrev_kind(const para *P, size_t s, size_t e, int words)
{
    size_t from = s, ps;
    for (int k = 1; k < words; k++) {
        size_t gap = tma_seg_run_start(P, 0, from, 1);
        if (gap == from || tma_seg_word_before(P, gap, &ps) == 0)
            return -1;
        from = ps;
    }
    if (e - from > PHRASE_MAX)
        return -1;
    /* The words as the table writes them: one space between, one after each inner full stop
     * before a letter. */
    char phrase[2 * PHRASE_MAX];
    size_t n = 0, i = from, next;
    while (i < e) {
        uint32_t c = peek(P, i, &next);
        if (tma_is_space(c)) {
            i = tma_seg_skip_space(P, i);
            phrase[n++] = ' ';
            continue;
        }
        memcpy(phrase + n, P->p + i, next - i);
        n += next - i;
        size_t after;
        if (c == '.' && next < e && is_letter(peek(P, next, &after)))
            phrase[n++] = ' ';
        i = next;
    }
    P->fold->len = 0;
    if (tma_fold_case(P->fold, phrase, n) < 0)
        return -1;
    return tma_table_get(&P->rules->abbrev, P->fold->data, P->fold->len);
}

size_t tma_seg_run_start(const para *P, size_t from, size_t i, int space)
{
    size_t prev;
    while (i > from && (tma_is_space(peek_back(P, i, &prev)) != 0) == space)
        i = prev;
    return i;
}

int tma_seg_suffix_kind(const para *P, size_t s, size_t e)
{
    char key[2 * PHRASE_MAX];
    size_t i = e, prev;
    while (i > s && e - i + 1 < P->rules->suffix_max) {
        peek_back(P, i, &prev);
        i = prev;
        if (i == s || e - i + 1 > sizeof key)
            break; /* the whole word is no ending */
        key[0] = '-';
        memcpy(key + 1, P->p + i, e - i);
        P->fold->len = 0;
        if (tma_fold_case(P->fold, key, e - i + 1) < 0)
            return -1;
        int kind = tma_table_get(&P->rules->abbrev, P->fold->data, P->fold->len);
        if (kind >= 0)
            return kind;
    }
    return -1;
}

int tma_seg_spaced_closing_quote(const para *P, size_t i)
{
    size_t next, prev;
    uint32_t c = peek(P, i, &next);
    if ((c != 0xBB && c != 0x201D) || !tma_is_space(peek_back(P, i, &prev)))
        return 0;
    uint32_t after = peek(P, next, &next);
    return !is_letter(after) && !is_digit(after);
}

int tma_seg_list_marker_at(const para *P, size_t i, long *value, size_t *text_start)
{
    size_t next;
    uint32_t c = peek(P, i, &next);
    if (c == 0x2022 /* • */ || c == 0x2043 /* ⁃ */ || c == 0x00B7 /* · */) {
        i = tma_seg_skip_space(P, next);
        c = peek(P, i, &next);
    }
    long v = 0;
    if (is_digit(c)) {
        while (is_digit(c = peek(P, i, &next)) && v < 1000000) {
            v = v * 10 + (long)(c - '0');
            i = next;
        }
    } else if (c >= 'a' && c <= 'z') {
        v = (long)c;
        i = next;
    } else {
        return 0;
    }
    c = peek(P, i, &next);
    if (c == '.') {
        i = next;
        if (peek(P, i, &next) == ')')
            i = next;
    } else if (c == ')') {
        i = next;
    } else {
        return 0;
    }
    if (!tma_is_space(peek(P, i, &next)))
        return 0;
    *value = v;
    *text_start = tma_seg_skip_space(P, i);
    return 1;
}
