/* The rules that remove false breaks: abbreviations, initials, years, ordinals, ellipses,
 * datelines, citations, closing quotes set off by spaces, Armenian inner marks and list markers. */
#include "filter.h"

#include "table.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The Armenian emphasis, exclamation and question marks stand on a word's stressed vowel,
 * inside the sentence; the sentence itself ends with "։". */
static int is_armenian_inner_mark(uint32_t c)
{
    return c == 0x055B || c == 0x055C || c == 0x055E;
}

static int is_starter(const para *P, const next_word *w)
{
    return tma_table_get(&P->rules->starters, P->p + w->start, w->end - w->start) >= 0;
}

/* Whether W opens a sentence: a starter (starters.LANG.tsv) or an opener (openers.LANG.tsv), and
 * no initial itself ("A. Smith"). */
static int begins_sentence(const para *P, const next_word *w)
{
    if (w->end < P->len && P->p[w->end] == '.')
        return 0;
    size_t len = w->end - w->start;
    return is_starter(P, w) ||
           tma_table_get(&P->rules->openers, P->p + w->start, len) == TMA_OPENER_WORD;
}

/* Letters joined by full stops, each part one letter: "U.S", "a.m", "Л.Н", "т.е", and the
 * initials of a double first name "J.-P". Stores the number of letters. */
static int is_dotted_initialism(const para *P, size_t s, size_t e, int *letters)
{
    size_t i = s, next;
    int n = 0;
    while (i < e) {
        uint32_t c = peek(P, i, &next);
        if (!is_letter(c))
            return 0;
        n++;
        i = next;
        if (i == e)
            break;
        if (P->p[i] != '.')
            return 0;
        i++;
        if (i < e && P->p[i] == '-')
            i++;
    }
    *letters = n;
    return n >= 1;
}

/* 1 if the number ending at I is itself preceded by ", ": a date set off by commas. */
static int number_set_off_by_comma(const para *P, size_t number_start)
{
    return number_start >= 2 && P->p[number_start - 1] == ' ' && P->p[number_start - 2] == ',';
}

/* 1 if P[s..e) is a number such as 1898, 2010-2012 or 1991–1994. */
static int is_number_word(const para *P, size_t s, size_t e)
{
    if (s == e || !is_digit((unsigned char)P->p[s]))
        return 0;
    size_t i = s, next;
    while (i < e) {
        uint32_t c = peek(P, i, &next);
        if (!is_digit(c) && !is_dash(c) && c != '.' && c != ',')
            return 0;
        i = next;
    }
    return 1;
}

/* 1 if P[from..to) holds more than one word. It looks back from TO, at the last word and the
 * white space around it only: counting from FROM, which stays put while breaks are rejected,
 * made a paragraph of rejected breaks quadratic. */
static int more_than_one_word(const para *P, size_t from, size_t to)
{
    size_t i = tma_seg_run_start(P, from, to, 1);
    if (i == from)
        return 0;
    i = tma_seg_run_start(P, from, tma_seg_run_start(P, from, i, 0), 1);
    return i > from;
}

/* The end of the token that starts with W, without the full stop and the punctuation that end
 * it ("J.-C" of "J.-C.,"); W->start when it does not end in a full stop. */
static size_t token_before_full_stop(const para *P, const next_word *w)
{
    size_t te = w->start, next;
    uint32_t c;
    while ((c = peek(P, te, &next)) != 0 && !tma_is_space(c))
        te = next;
    while (te > w->start && P->p[te - 1] != '.' && (unsigned char)P->p[te - 1] < 0x80 &&
           !is_letter((unsigned char)P->p[te - 1]) && !is_digit((unsigned char)P->p[te - 1]))
        te--;
    return te > w->start && P->p[te - 1] == '.' ? te - 1 : w->start;
}

/* Whether a full stop at DOT, which ICU took for the end of the sentence that starts at
 * SENTENCE_START before the word W, ends it after all. */
static int full_stop_ends_sentence(const para *P, size_t sentence_start, size_t dot,
                                   const next_word *w)
{
    size_t s;
    tma_seg_word_before(P, dot, &s);
    size_t e = dot;
    int upper_next = is_upper(w->first), digit_next = is_digit(w->first);
    if (!upper_next && !digit_next)
        return 1;
    /* A spaced ellipsis ". . ." continues the sentence; ". . . ." ends it. */
    if (dot >= 2 && P->p[dot - 1] == ' ' && P->p[dot - 2] == '.') {
        int dots = 1;
        for (size_t i = dot; i >= 2 && P->p[i - 1] == ' ' && P->p[i - 2] == '.'; i -= 2)
            dots++;
        return dots != 3;
    }
    if (s == e)
        return 1;
    /* The table first, its longest phrase first ("и т. д", "z. B", "av. J.-C"); but a single
     * letter is read as an initial unless the table calls it a title ("M. Dupont"). */
    int kind = -1, phrase = 0;
    for (int words = 3; words >= 1 && kind < 0; words--) {
        kind = tma_seg_abbrev_kind(P, s, e, words);
        phrase = words > 1;
    }
    /* The first part of a phrase that the table holds: "z. B.", "50 v. Chr.", "apr. J.-C.,". */
    size_t te = token_before_full_stop(P, w);
    if (kind < 0 && te > w->start &&
        (tma_seg_abbrev_kind(P, w->start, te, 2) >= 0 ||
         tma_seg_abbrev_kind(P, w->start, te, 3) >= 0))
        return 0;
    size_t first;
    if (kind == TMA_ABBREV_TITLE && !is_upper(peek(P, s, &first)))
        kind = -1; /* "M." is Monsieur, "300 m." metres */
    int letters;
    if (is_dotted_initialism(P, s, e, &letters) &&
        (kind < 0 || (letters == 1 && !phrase && kind != TMA_ABBREV_TITLE))) {
        if (letters == 1) {
            uint32_t c = peek(P, s, &first);
            /* "you and I. Did": the English pronoun ends a sentence after a lowercase word. */
            if (P->english && c == 'I' && s > 0) {
                size_t ps;
                tma_seg_word_before(P, s - 1, &ps);
                size_t pn;
                uint32_t pc = peek(P, ps, &pn);
                if (is_lower(pc))
                    return 1;
            }
            /* An initial: "Jonas E. Smith", "А. И. Семенов"; but a letter before a word that
             * opens sentences and is no initial itself ends one: "в участке S. В случае". */
            if (is_upper(c) && upper_next)
                return is_starter(P, w) && (w->end >= P->len || P->p[w->end] != '.');
        } else {
            /* "U.S. Government" but "the U.S. How about you?" */
            return digit_next ? 0 : is_starter(P, w);
        }
    }
    if (kind < 0) {
        /* "Tuesday.Mr. Smith": the abbreviation after a full stop with no space before it. */
        const char *inner = NULL;
        for (size_t i = s; i < e; i++) {
            if (P->p[i] == '.')
                inner = P->p + i;
        }
        if (inner != NULL)
            kind = tma_seg_abbrev_kind(P, (size_t)(inner - P->p) + 1, e, 1);
    }
    if (kind < 0)
        kind = tma_seg_suffix_kind(P, s, e);
    if (kind < 0 && e - s <= 3 && is_number_word(P, s, e) && memchr(P->p + s, '.', e - s) == NULL)
        kind =
            tma_table_get(&P->rules->abbrev, TMA_ABBREV_ANY_NUMBER, strlen(TMA_ABBREV_ANY_NUMBER));
    switch (kind) {
    case TMA_ABBREV_PREFIX:
    case TMA_ABBREV_TITLE:
        return 0;
    case TMA_ABBREV_NUMBER:
        return !digit_next;
    case TMA_ABBREV_END:
    case TMA_ABBREV_ORDINAL:
        return !digit_next && begins_sentence(P, w);
    case TMA_ABBREV_YEAR: {
        /* After a year it ends a sentence before a capital ("войны 1991-1994 гг. Армянские"),
         * unless the year opens the sentence ("В 2010-2012 гг. Виктор посещал"): a sentence is
         * more than a date. A date set off by a comma ("Дом, где родился Толстой, 1898 г.") is
         * an apposition that the sentence goes on after. Without a year it stands for "город"
         * before a name ("г. Волгоград"). */
        size_t ns;
        size_t nlen = s > 0 ? tma_seg_word_before(P, s - 1, &ns) : 0;
        if (nlen == 0 || !is_number_word(P, ns, s - 1))
            return 0;
        return upper_next && more_than_one_word(P, sentence_start, ns) &&
               !number_set_off_by_comma(P, ns);
    }
    case TMA_ABBREV_FINAL:
    default:
        return 1;
    }
}

static int cmp_candidate(const void *a, const void *b)
{
    const candidate *x = a, *y = b;
    if (x->at != y->at)
        return (x->at > y->at) - (x->at < y->at);
    return y->forced - x->forced;
}

/* A dateline at the start of a paragraph ("MOSCOW, June 15 (Reuters) -", "ԵՐԵՎԱՆ, 15 ՀՈՒՆԻՍԻ,
 * ԱՐՄԵՆՊՐԵՍ:", "МОСКВА, 15 июня. /ТАСС/.") belongs to the first sentence: returns where it ends,
 * or 0 when the paragraph has none. */
static size_t dateline_end(const para *P)
{
    size_t i = 0, next;
    uint32_t c;
    int caps = 0;
    while ((c = peek(P, i, &next)) != 0 && (is_upper(c) || c == '-' || c == ' ')) {
        caps += is_upper(c);
        i = next;
    }
    if (caps < 2 || (c != ',' && c != '('))
        return 0;
    size_t limit = P->len < 160 ? P->len : 160;
    for (size_t k = i; k + 1 < limit; k++) {
        const char *s = P->p + k;
        if (s[0] == ' ' && (s[1] == '-' || (unsigned char)s[1] == 0xE2)) {
            size_t n;
            uint32_t d = peek(P, k + 1, &n);
            if (is_dash(d) && tma_is_space(peek(P, n, &n)))
                return k + 1;
        }
        if (s[0] == ':' && tma_is_space((unsigned char)s[1]))
            return k + 1;
        if (s[0] == '/' && k > i) {
            /* "/ТАСС/." */
            const char *close = memchr(s + 1, '/', limit - k - 1);
            if (close != NULL && close + 1 < P->p + P->len && close[1] == '.')
                return (size_t)(close - P->p) + 2;
        }
        if (s[0] == '.' && k + 1 < P->len && tma_is_space((unsigned char)s[1])) {
            size_t b = tma_seg_skip_space(P, k + 1);
            if (b < P->len && P->p[b] != '/')
                return 0; /* a sentence ended before any dateline mark */
        }
    }
    return 0;
}

/* Whether the segment from B to the next break is only a parenthetical and final punctuation,
 * as in '"... stairways [...]" (Smith 55).': a citation that belongs to the sentence before. */
static int only_parenthetical(const para *P, size_t b, size_t end)
{
    if (b >= end || P->p[b] != '(')
        return 0;
    const char *close = memchr(P->p + b, ')', end - b);
    if (close == NULL)
        return 0;
    size_t i = (size_t)(close - P->p) + 1, next;
    uint32_t c;
    while ((c = peek(P, i, &next)) != 0 && i < end && (is_terminal(c, 0) || tma_is_space(c)))
        i = next;
    return i >= end;
}

/* Decides whether ICU's break at B stands, looking at what ends before it and what follows; the
 * segment before it starts at PREV_BREAK, the one after it ends at NEXT_BREAK. */
static int icu_break_stands(const para *P, size_t prev_break, size_t b, size_t next_break, int list)
{
    size_t at, text;
    long value;
    uint32_t t = tma_seg_terminal_before(P, b, &at);
    if (list && tma_seg_list_marker_at(P, prev_break, &value, &text) && text == b)
        return 0; /* "1. The first item": the marker belongs to its item */
    if ((t == '.' || t == 0x2026) && at + 1 == b)
        return 0; /* "անձրևել...Այդպես": an ellipsis with no space after it */
    if (at > 0 && at + (size_t)U8_LENGTH(t) == b && b < P->len &&
        is_digit((unsigned char)P->p[at - 1]) && is_digit((unsigned char)P->p[b]))
        return 0; /* "11։00": a time written with the Armenian full stop between its digits */
    if (only_parenthetical(P, b, next_break))
        return 0;
    if (tma_seg_spaced_closing_quote(P, b))
        return 0; /* "« La réforme ira jusqu'au bout. »": the mark ends the sentence before */
    if (P->armenian && ((t == '.' || t == 0x2024) && !(at >= 2 && P->p[at - 1] == '.')))
        return 0; /* a mijaket "." or "․" inside an Armenian sentence */
    if (P->armenian && is_armenian_inner_mark(t))
        return 0;
    next_word w = tma_seg_word_after(P, b, 1);
    if ((t == '!' || t == '?') && is_lower(w.first))
        return 0; /* "Why wait?" the minister asked; She works at Yahoo! in ... */
    if (t == '.') {
        /* Past a dash only at a dash that opens direct speech (missed.c). */
        size_t after_b;
        w = tma_seg_word_after(P, b, is_dash(peek(P, b, &after_b)));
        return full_stop_ends_sentence(P, prev_break, at, &w);
    }
    return 1;
}

void tma_seg_keep_breaks(tma_buf *breaks, const para *P, int list)
{
    candidate *c = (candidate *)breaks->data;
    size_t n = breaks->len / sizeof *c;
    if (n > 1) /* with no candidate the buffer may be NULL, which qsort must not get */
        qsort(c, n, sizeof *c, cmp_candidate);

    /* Keep forced breaks and the ICU breaks that stand, once each, outside any dateline. */
    size_t dateline = dateline_end(P);
    size_t kept = 0;
    for (size_t k = 0; k < n; k++) {
        if (c[k].at >= P->len || (kept > 0 && c[kept - 1].at == c[k].at))
            continue;
        if (dateline > 0 && c[k].at <= tma_seg_skip_space(P, dateline))
            continue;
        size_t prev_break = kept > 0 ? c[kept - 1].at : 0;
        size_t next_break = k + 1 < n ? c[k + 1].at : P->len;
        if (c[k].forced || icu_break_stands(P, prev_break, c[k].at, next_break, list))
            c[kept++] = c[k];
    }
    breaks->len = kept * sizeof *c;
}
