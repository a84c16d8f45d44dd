#include "segment.h"

#include "buf.h"
#include "error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utext.h>

/* ---- Rules --------------------------------------------------------------------------------- */

static const char *const ABBREV_KINDS[] = {"prefix", "number", "year"};
static const char *const OPENER_KINDS[] = {"opener", "article"};

int tma_seg_rules_load(tma_seg_rules *out, const char *lang, tma_error *err)
{
    char name[64];
    memset(out, 0, sizeof *out);
    snprintf(out->lang, sizeof out->lang, "%s", lang);
    snprintf(name, sizeof name, "abbrev.%s.tsv", lang);
    const tma_data_file *file = tma_data_find(name);
    int rc = 0;
    if (file != NULL)
        rc = tma_table_load(&out->abbrev, file, 1, ABBREV_KINDS, 3, err);
    snprintf(name, sizeof name, "starters.%s.tsv", lang);
    file = tma_data_find(name);
    if (rc == 0 && file != NULL)
        rc = tma_table_load(&out->starters, file, 0, NULL, 0, err);
    snprintf(name, sizeof name, "openers.%s.tsv", lang);
    file = tma_data_find(name);
    if (rc == 0 && file != NULL)
        rc = tma_table_load(&out->openers, file, 0, OPENER_KINDS, 2, err);
    for (size_t k = 0; rc == 0 && k < out->openers.cap; k++) {
        const tma_table_entry *e = &out->openers.slots[k];
        if (e->key == NULL || e->value != TMA_OPENER_WORD)
            continue;
        unsigned char lead = (unsigned char)e->key[0];
        out->opener_bytes[lead] |= TMA_OPENER_LEAD;
        if (lead < 0x80)
            out->opener_bytes[lead] |= TMA_OPENER_AT;
        else if (e->key_len >= 2)
            out->opener_bytes[(unsigned char)e->key[1]] |= TMA_OPENER_AT;
    }
    if (rc < 0)
        tma_seg_rules_free(out);
    return rc;
}

void tma_seg_rules_free(tma_seg_rules *rules)
{
    tma_table_free(&rules->abbrev);
    tma_table_free(&rules->starters);
    tma_table_free(&rules->openers);
}

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

/* ---- Characters ---------------------------------------------------------------------------- */

static int is_upper(uint32_t c)
{
    return u_isupper((UChar32)c) || u_istitle((UChar32)c);
}

static int is_lower(uint32_t c)
{
    return u_islower((UChar32)c);
}

static int is_letter(uint32_t c)
{
    return u_isalpha((UChar32)c);
}

static int is_digit(uint32_t c)
{
    return c >= '0' && c <= '9';
}

static int is_closing(uint32_t c)
{
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}' || c == 0xBB /* » */ ||
           c == 0x201D /* ” */ || c == 0x2019 /* ’ */ || c == 0x203A /* › */;
}

static int is_opening(uint32_t c)
{
    return c == '"' || c == '\'' || c == '(' || c == '[' || c == '{' || c == 0xAB /* « */ ||
           c == 0x201C /* “ */ || c == 0x2018 /* ‘ */ || c == 0x201E /* „ */ ||
           c == 0x2039 /* ‹ */;
}

static int is_dash(uint32_t c)
{
    return c == '-' || (c >= 0x2012 && c <= 0x2015);
}

/* Ends a sentence in some language: . ! ? … and the Armenian full stop; also the ASCII colon for
 * Armenian, where it is typed in place of "։". */
static int is_terminal(uint32_t c, int armenian)
{
    return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x0589 || c == 0x203C ||
           c == 0x2047 || c == 0x2048 || c == 0x2049 || (armenian && c == ':');
}

/* The Armenian emphasis, exclamation and question marks stand on a word's stressed vowel,
 * inside the sentence; the sentence itself ends with "։". */
static int is_armenian_inner_mark(uint32_t c)
{
    return c == 0x055B || c == 0x055C || c == 0x055E;
}

/* ---- Context around a break ---------------------------------------------------------------- */

typedef struct para {
    const char *p;
    size_t len;
    const tma_seg_rules *rules;
    int armenian, english;
    tma_buf *fold;
} para;

/* The code point at I and the position after it; 0 at the end. */
static uint32_t peek(const para *P, size_t i, size_t *next)
{
    if (i >= P->len) {
        *next = P->len;
        return 0;
    }
    *next = i;
    return tma_utf8_next(P->p, P->len, next);
}

/* The code point that ends at I and its start; 0 at the start. */
static uint32_t peek_back(const para *P, size_t i, size_t *start)
{
    if (i == 0) {
        *start = 0;
        return 0;
    }
    *start = i;
    return tma_utf8_prev(P->p, start);
}

/* The last character that is not white space or closing punctuation before B: where the
 * sentence before a break really ends. Stores its start in *at. */
static uint32_t terminal_before(const para *P, size_t b, size_t *at)
{
    size_t i = b, start;
    uint32_t c;
    while ((c = peek_back(P, i, &start)) != 0 && (tma_is_space(c) || is_closing(c)))
        i = start;
    *at = start;
    return c;
}

typedef struct next_word {
    uint32_t first; /* its first character, 0 at the end of the paragraph */
    size_t start, end;
} next_word;

/* The word after B, past white space and opening punctuation (and dashes when SKIP_DASHES). */
static next_word word_after(const para *P, size_t b, int skip_dashes)
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

/* The word that ends at I (letters, digits, inner dots, hyphens and "°"), back to white space or
 * opening punctuation. Stores its start. */
static size_t word_before(const para *P, size_t i, size_t *start)
{
    size_t s = i, prev;
    uint32_t c;
    while ((c = peek_back(P, s, &prev)) != 0 && !tma_is_space(c) && !is_opening(c))
        s = prev;
    *start = s;
    return i - s;
}

static int is_starter(const para *P, const next_word *w)
{
    return tma_table_get(&P->rules->starters, P->p + w->start, w->end - w->start) >= 0;
}

/* The kind of abbreviation P[s..e) is, or -1. */
static int abbrev_kind(const para *P, size_t s, size_t e)
{
    P->fold->len = 0;
    if (tma_fold_case(P->fold, P->p + s, e - s) < 0)
        return -1;
    return tma_table_get(&P->rules->abbrev, P->fold->data, P->fold->len);
}

/* Letters joined by full stops, each part one letter: "U.S", "a.m", "Л.Н", "т.е". Stores the
 * number of letters. */
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

/* The start of the run of white space (SPACE 1) or of other characters (SPACE 0) that ends at
 * I, going back no further than FROM. Code points, not bytes: the byte 0xA0 of "Р" (D0 A0) is
 * no no-break space. */
static size_t run_start(const para *P, size_t from, size_t i, int space)
{
    size_t prev;
    while (i > from && (tma_is_space(peek_back(P, i, &prev)) != 0) == space)
        i = prev;
    return i;
}

/* 1 if P[from..to) holds more than one word. It looks back from TO, at the last word and the
 * white space around it only: counting from FROM, which stays put while breaks are rejected,
 * made a paragraph of rejected breaks quadratic. */
static int more_than_one_word(const para *P, size_t from, size_t to)
{
    size_t i = run_start(P, from, to, 1);
    if (i == from)
        return 0;
    i = run_start(P, from, run_start(P, from, i, 0), 1);
    return i > from;
}

/* Whether a full stop at DOT, which ICU took for the end of the sentence that starts at
 * SENTENCE_START before the word W, ends it after all. */
static int full_stop_ends_sentence(const para *P, size_t sentence_start, size_t dot,
                                   const next_word *w)
{
    size_t s;
    word_before(P, dot, &s);
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
    int letters;
    if (is_dotted_initialism(P, s, e, &letters)) {
        if (letters == 1) {
            size_t first;
            uint32_t c = peek(P, s, &first);
            /* "you and I. Did": the English pronoun ends a sentence after a lowercase word. */
            if (P->english && c == 'I' && s > 0) {
                size_t ps;
                word_before(P, s - 1, &ps);
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
    int kind = abbrev_kind(P, s, e);
    if (kind < 0) {
        /* "Tuesday.Mr. Smith": the abbreviation after a full stop with no space before it. */
        const char *inner = NULL;
        for (size_t i = s; i < e; i++) {
            if (P->p[i] == '.')
                inner = P->p + i;
        }
        if (inner != NULL) {
            s = (size_t)(inner - P->p) + 1;
            kind = abbrev_kind(P, s, e);
        }
    }
    switch (kind) {
    case TMA_ABBREV_PREFIX:
        return 0;
    case TMA_ABBREV_NUMBER:
        return !digit_next;
    case TMA_ABBREV_YEAR: {
        /* After a year it ends a sentence before a capital ("войны 1991-1994 гг. Армянские"),
         * unless the year opens the sentence ("В 2010-2012 гг. Виктор посещал"): a sentence is
         * more than a date. A date set off by a comma ("Дом, где родился Толстой, 1898 г.") is
         * an apposition that the sentence goes on after. Without a year it stands for "город"
         * before a name ("г. Волгоград"). */
        size_t ns;
        size_t nlen = s > 0 ? word_before(P, s - 1, &ns) : 0;
        if (nlen == 0 || !is_number_word(P, ns, s - 1))
            return 0;
        return upper_next && more_than_one_word(P, sentence_start, ns) &&
               !number_set_off_by_comma(P, ns);
    }
    default:
        return 1;
    }
}

/* ---- Break candidates ---------------------------------------------------------------------- */

typedef struct candidate {
    size_t at;
    int forced; /* added by a rule: kept whatever the filters say */
} candidate;

static int add_candidate(tma_buf *breaks, size_t at, int forced)
{
    candidate c = {at, forced};
    return tma_buf_append(breaks, &c, sizeof c);
}

static int cmp_candidate(const void *a, const void *b)
{
    const candidate *x = a, *y = b;
    if (x->at != y->at)
        return (x->at > y->at) - (x->at < y->at);
    return y->forced - x->forced;
}

/* The position after the white space that follows I. */
static size_t skip_space(const para *P, size_t i)
{
    size_t next;
    uint32_t c;
    while ((c = peek(P, i, &next)) != 0 && tma_is_space(c))
        i = next;
    return i;
}

/* Armenian writers often type an ASCII colon for the Armenian full stop "։". A colon followed
 * (after any closing quotes or brackets) by white space or the end of the paragraph ends the
 * sentence; one inside "14:30" or "3:1" is followed by a digit and does not. */
static int add_armenian_colon_breaks(tma_buf *breaks, const para *P)
{
    for (size_t i = 1; i < P->len; i++) {
        if (P->p[i] != ':')
            continue;
        size_t j = i + 1, next;
        uint32_t c;
        while ((c = peek(P, j, &next)) != 0 && is_closing(c))
            j = next;
        if ((c == 0 || tma_is_space(c)) && add_candidate(breaks, skip_space(P, j), 1) < 0)
            return -1;
    }
    return 0;
}

/* "…" or "..." followed by white space and a capital ends a sentence; ICU does not break there. */
static int add_ellipsis_breaks(tma_buf *breaks, const para *P)
{
    for (size_t i = 0; i < P->len; i++) {
        size_t after = 0;
        if ((unsigned char)P->p[i] == 0xE2 && i + 2 < P->len && (unsigned char)P->p[i + 1] == 0x80 &&
            (unsigned char)P->p[i + 2] == 0xA6)
            after = i + 3;
        else if (P->p[i] == '.' && i + 2 < P->len && P->p[i + 1] == '.' && P->p[i + 2] == '.' &&
                 (i == 0 || P->p[i - 1] != '.'))
            after = i + 3;
        if (after == 0)
            continue;
        size_t next;
        uint32_t c = peek(P, after, &next);
        if (!tma_is_space(c))
            continue;
        size_t b = skip_space(P, after);
        next_word w = word_after(P, b, 0);
        if (is_upper(w.first) && add_candidate(breaks, b, 1) < 0)
            return -1;
    }
    return 0;
}

/* "Hello world.Today is Tuesday.Mr. Smith": a full stop between a lowercase letter or digit and a
 * capital, with no space, ends a sentence when a word follows it: three letters or more, or an
 * abbreviation. Not in addresses ("Jane.Doe@example.com", "www.Example.com") nor in names such
 * as "Gazeta.Ru" or "Ph.D", whose second part is short. */
static int add_unspaced_breaks(tma_buf *breaks, const para *P)
{
    /* The word [ws, we) around each full stop, and whether it holds an address mark, carry over
     * from one full stop to the next in the same word: a megabyte "word" with a full stop every
     * few letters is scanned once, not once per full stop. */
    size_t prev_dot = 0, prev_ws = 0, we = 0, last_mark = SIZE_MAX;
    for (size_t i = 1; i + 1 < P->len; i++) {
        if (P->p[i] != '.')
            continue;
        size_t ps, next;
        uint32_t before = peek_back(P, i, &ps), after = peek(P, i + 1, &next);
        if (!(is_lower(before) || is_digit(before)) || !is_upper(after))
            continue;
        /* As word_before(P, i, &ws), looking back no further than the last full stop. */
        size_t ws = i;
        uint32_t c;
        while (ws > prev_dot && (c = peek_back(P, ws, &ps)) != 0 && !tma_is_space(c) &&
               !is_opening(c))
            ws = ps;
        if (ws == prev_dot)
            ws = prev_ws;
        prev_dot = i;
        prev_ws = ws;
        if (i >= we) {
            /* A new word: find its end and the last address mark in it. */
            we = i + 1;
            uint32_t c2;
            while ((c2 = peek(P, we, &next)) != 0 && !tma_is_space(c2))
                we = next;
            last_mark = SIZE_MAX;
            for (size_t k = ws; k < we; k++) {
                if (P->p[k] == '@' || P->p[k] == '/' ||
                    (k + 4 <= we && memcmp(P->p + k, "www.", 4) == 0))
                    last_mark = k;
            }
        }
        int address = last_mark != SIZE_MAX && last_mark >= ws;
        size_t letters_before = 0;
        for (size_t k = i; k > ws && is_letter((unsigned char)P->p[k - 1]); k--)
            letters_before++;
        next_word w = word_after(P, i + 1, 0);
        size_t letters_after = 0;
        for (size_t k = w.start; k < w.end; k = next) {
            peek(P, k, &next);
            letters_after++;
        }
        int word_follows = letters_after >= 3 || (w.end < P->len && P->p[w.end] == '.');
        if (!address && word_follows && (letters_before >= 2 || is_digit(before)) &&
            add_candidate(breaks, i + 1, 1) < 0)
            return -1;
    }
    return 0;
}

/* The end of the run of letters at I, with single hyphens between letters ("Из-за"). */
static size_t letters_end(const para *P, size_t i)
{
    size_t next, after;
    while (i < P->len) {
        unsigned char u = (unsigned char)P->p[i];
        if (u < 0x80 && u != '-') {
            if (!((u | 0x20) >= 'a' && (u | 0x20) <= 'z'))
                break; /* ASCII without decoding: most words are */
            i++;
            continue;
        }
        uint32_t c = peek(P, i, &next);
        if (c == '-' && is_letter(peek(P, next, &after)))
            next = after;
        else if (!is_letter(c))
            break;
        i = next;
    }
    return i;
}

/* The kind of opener P[s..e) is (TMA_OPENER_*), or -1. */
static int opener_kind(const para *P, size_t s, size_t e)
{
    return tma_table_get(&P->rules->openers, P->p + s, e - s);
}

/* Whether the word that ends at E, a lowercase letter, can end a sentence that has no final
 * punctuation: it has two letters or more (not the list marker "a)") and no capital (not a name,
 * nor a word of a title-case headline: "Brasserie Most", "A Dame to Kill For has"). */
static int lowercase_word_before(const para *P, size_t e)
{
    size_t i = e, prev;
    uint32_t c;
    int letters = 0;
    while ((c = peek_back(P, i, &prev)) != 0 && !tma_is_space(c) && !is_opening(c)) {
        if (is_upper(c))
            return 0;
        letters += is_letter(c);
        i = prev;
    }
    return letters >= 2;
}

/* Whether the white space that ends at B ends a headline or subhead with no final punctuation
 * glued to the sentence after it: "Maintain presence According to the publication's informant".
 * After a lowercase word (lowercase_word_before; closing quotes or brackets may follow it), a
 * capitalised opener (openers.LANG.tsv: "According", "The", "По") followed by white space and a
 * lowercase word starts a sentence: nothing but a new sentence capitalises such a word there. A
 * capital after the opener is a name or a title and is left alone ("said The Times", "the film In
 * the Heat of the Night"); so is an opener in quotes that open after an unquoted word ('the
 * magazine "For men"'). */
static int opener_starts_sentence(const para *P, size_t b)
{
    size_t w = b, next, prev;
    uint32_t c;
    int opened = 0, closed = 0;
    while ((c = peek(P, w, &next)) != 0 && is_opening(c)) {
        opened = 1;
        w = next;
    }
    if (!is_upper(c))
        return 0;
    size_t e = run_start(P, 0, b, 1);
    while ((c = peek_back(P, e, &prev)) != 0 && is_closing(c)) {
        closed = 1;
        e = prev;
    }
    if (!is_lower(c) || (opened && !closed))
        return 0;
    size_t we = letters_end(P, w);
    if (opener_kind(P, w, we) != TMA_OPENER_WORD)
        return 0;
    /* The word after the opener: lowercase, and not an article before a capital. */
    size_t n = skip_space(P, we);
    if (n == we || !is_lower(peek(P, n, &next)))
        return 0;
    size_t ne = letters_end(P, n), after = skip_space(P, ne);
    if (after > ne && is_upper(peek(P, after, &next)) &&
        opener_kind(P, n, ne) == TMA_OPENER_ARTICLE)
        return 0;
    return lowercase_word_before(P, e);
}

/* Adds a break where a headline with no final punctuation is glued to the sentence after it
 * (opener_starts_sentence); nothing in a language without openers. */
static int add_opener_breaks(tma_buf *breaks, const para *P)
{
    const unsigned char *bytes = P->rules->opener_bytes, *p = (const unsigned char *)P->p;
    if (P->rules->openers.count == 0)
        return 0;
    for (size_t i = 1; i + 1 < P->len; i++) {
        /* Eight bytes at a time while none of them may begin an opener: nearly all the text. */
        while (i + 9 < P->len &&
               !((bytes[p[i]] | bytes[p[i + 1]] | bytes[p[i + 2]] | bytes[p[i + 3]] |
                  bytes[p[i + 4]] | bytes[p[i + 5]] | bytes[p[i + 6]] | bytes[p[i + 7]]) &
                 TMA_OPENER_AT))
            i += 8;
        if (!(bytes[p[i]] & TMA_OPENER_AT))
            continue;
        /* An opener may begin at w, after white space and any opening quotes or brackets. */
        size_t w = p[i] < 0x80 ? i : i - 1;
        if (w == 0 || !(bytes[p[w]] & TMA_OPENER_LEAD))
            continue;
        if (p[w - 1] < 0x80 && !tma_is_space(p[w - 1]) && !is_opening(p[w - 1]))
            continue; /* inside a word: "COVID", "McDonald" */
        size_t b = w, prev;
        uint32_t c;
        while ((c = peek_back(P, b, &prev)) != 0 && is_opening(c))
            b = prev;
        if (tma_is_space(c) && opener_starts_sentence(P, b) && add_candidate(breaks, b, 1) < 0)
            return -1;
    }
    return 0;
}

/* "... Dublin, Ireland. 250 years later": a sentence may begin with a number, where ICU does not
 * break. A full stop after a word of two letters or more (not an abbreviation, which the filters
 * judge) and before white space and a digit ends the sentence. */
static int add_number_start_breaks(tma_buf *breaks, const para *P)
{
    for (size_t i = 2; i + 1 < P->len; i++) {
        if (P->p[i] != '.' || P->p[i - 1] == '.' || !tma_is_space((unsigned char)P->p[i + 1]))
            continue;
        size_t b = skip_space(P, i + 1), s;
        if (b >= P->len || !is_digit((unsigned char)P->p[b]))
            continue;
        size_t letters = word_before(P, i, &s);
        int all_letters = letters >= 2;
        for (size_t k = s; k < i && all_letters; k++)
            all_letters = (unsigned char)P->p[k] >= 0x80 || is_letter((unsigned char)P->p[k]);
        if (all_letters && abbrev_kind(P, s, i) < 0 && add_candidate(breaks, b, 0) < 0)
            return -1;
    }
    return 0;
}

/* A list marker at I: an optional bullet, then a number or one letter with "." or ")" or ".)",
 * then a space. Stores the marker's value (the number, or the letter's code point) and where its
 * text starts; 0 if there is no marker. */
static int list_marker_at(const para *P, size_t i, long *value, size_t *text_start)
{
    size_t next;
    uint32_t c = peek(P, i, &next);
    if (c == 0x2022 /* • */ || c == 0x2043 /* ⁃ */ || c == 0x00B7 /* · */) {
        i = skip_space(P, next);
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
    *text_start = skip_space(P, i);
    return 1;
}

/* A paragraph that starts with a list marker ("1.", "a)", "• 9.") is a list: each later marker
 * that continues the numbering starts an item, and a marker is never a sentence by itself. Sets
 * *list when the paragraph is one. */
static int add_list_breaks(tma_buf *breaks, const para *P, int *list)
{
    long value;
    size_t first_text;
    *list = list_marker_at(P, 0, &value, &first_text);
    if (!*list)
        return 0;
    for (size_t i = 1; i < P->len; i++) {
        size_t ps, text;
        long v;
        uint32_t before = peek_back(P, i, &ps);
        if (!tma_is_space(before) || !list_marker_at(P, i, &v, &text) || v != value + 1)
            continue;
        if (add_candidate(breaks, i, 1) < 0)
            return -1;
        value = v;
    }
    return 0;
}

/* Lines: in a paragraph whose last line has no final punctuation (a list of items, headlines),
 * every line is a segment. Elsewhere a line break is a wrapped line. */
static int add_line_breaks(tma_buf *breaks, const para *P)
{
    if (memchr(P->p, '\n', P->len) == NULL)
        return 0;
    size_t at;
    uint32_t last = terminal_before(P, P->len, &at);
    if (is_terminal(last, P->armenian))
        return 0;
    for (size_t i = 0; i < P->len; i++) {
        if (P->p[i] == '\n' && add_candidate(breaks, skip_space(P, i), 1) < 0)
            return -1;
    }
    return 0;
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
            size_t b = skip_space(P, k + 1);
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
static int icu_break_stands(const para *P, size_t prev_break, size_t b, size_t next_break,
                            int list)
{
    size_t at, text;
    long value;
    uint32_t t = terminal_before(P, b, &at);
    if (list && list_marker_at(P, prev_break, &value, &text) && text == b)
        return 0; /* "1. The first item": the marker belongs to its item */
    if ((t == '.' || t == 0x2026) && at + 1 == b)
        return 0; /* "անձրևել...Այդպես": an ellipsis with no space after it */
    if (only_parenthetical(P, b, next_break))
        return 0;
    if (P->armenian && ((t == '.' || t == 0x2024) && !(at >= 2 && P->p[at - 1] == '.')))
        return 0; /* a mijaket "." or "․" inside an Armenian sentence */
    if (P->armenian && is_armenian_inner_mark(t))
        return 0;
    next_word w = word_after(P, b, 1);
    if ((t == '!' || t == '?') && is_lower(w.first))
        return 0; /* "Why wait?" the minister asked; She works at Yahoo! in ... */
    if (t == '.') {
        w = word_after(P, b, 0);
        return full_stop_ends_sentence(P, prev_break, at, &w);
    }
    return 1;
}

/* Collects the breaks of paragraph P (LEN bytes) into its->breaks as sorted offsets, 0 and LEN
 * included. */
static int paragraph_breaks(tma_seg_iterators *its, UBreakIterator *bi, const para *P,
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
        if (b > 0 && (size_t)b < P->len && add_candidate(&its->breaks, (size_t)b, 0) < 0)
            rc = tma_error_nomem(err, "splitting sentences");
    }
    /* Detach the iterator from the scratch buffer before the buffer can move. */
    ubrk_setText(bi, NULL, 0, &st);
    utext_close(ut);
    if (rc < 0)
        return rc;

    int list;
    if ((P->armenian && add_armenian_colon_breaks(&its->breaks, P) < 0) ||
        add_ellipsis_breaks(&its->breaks, P) < 0 || add_unspaced_breaks(&its->breaks, P) < 0 ||
        add_number_start_breaks(&its->breaks, P) < 0 || add_opener_breaks(&its->breaks, P) < 0 ||
        add_list_breaks(&its->breaks, P, &list) < 0 || add_line_breaks(&its->breaks, P) < 0)
        return tma_error_nomem(err, "splitting sentences");
    candidate *c = (candidate *)its->breaks.data;
    size_t n = its->breaks.len / sizeof *c;
    if (n > 1) /* with no candidate the buffer may be NULL, which qsort must not get */
        qsort(c, n, sizeof *c, cmp_candidate);

    /* Keep forced breaks and the ICU breaks that stand, once each, outside any dateline. */
    size_t dateline = dateline_end(P);
    size_t kept = 0;
    for (size_t k = 0; k < n; k++) {
        if (c[k].at >= P->len || (kept > 0 && c[kept - 1].at == c[k].at))
            continue;
        if (dateline > 0 && c[k].at <= skip_space(P, dateline))
            continue;
        size_t prev_break = kept > 0 ? c[kept - 1].at : 0;
        size_t next_break = k + 1 < n ? c[k + 1].at : P->len;
        if (c[k].forced || icu_break_stands(P, prev_break, c[k].at, next_break, list))
            c[kept++] = c[k];
    }
    its->breaks.len = kept * sizeof *c;
    return 0;
}

/* ---- Sentences ----------------------------------------------------------------------------- */

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

static int lang_is(const char *lang, const char *primary)
{
    size_t n = strlen(primary);
    return strncmp(lang, primary, n) == 0 && (lang[n] == '\0' || lang[n] == '-' || lang[n] == '_');
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
    int rc = get_iterator(&bi, its, lang, err);
    if (rc < 0)
        return rc;
    sentence_list list = {0};
    for (size_t pi = 0; pi < text->paragraph_count && rc == 0; pi++) {
        const tma_span *span = &text->paragraphs[pi];
        para P = {text->data + span->start, span->len, rules, lang_is(lang, "hy"),
                  lang_is(lang, "en"), &its->fold};
        rc = paragraph_breaks(its, bi, &P, err);
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
