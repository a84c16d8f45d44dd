/* The rules that add the breaks ICU misses: Armenian colons, ellipses, full stops with no space,
 * headlines glued to their sentence, sentences that start with a number or a dash of direct
 * speech, after a closing quote set off by spaces, credit lines, list items and lines. */
#include "missed.h"

#include "table.h"

#include <stdint.h>
#include <string.h>

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
        if ((c == 0 || tma_is_space(c)) &&
            tma_seg_add_candidate(breaks, tma_seg_skip_space(P, j), 1) < 0)
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
        size_t b = tma_seg_skip_space(P, after);
        next_word w = tma_seg_word_after(P, b, 0);
        if (is_upper(w.first) && tma_seg_add_candidate(breaks, b, 1) < 0)
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
        /* As tma_seg_word_before(P, i, &ws), looking back no further than the last full stop. */
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
        next_word w = tma_seg_word_after(P, i + 1, 0);
        size_t letters_after = 0;
        for (size_t k = w.start; k < w.end; k = next) {
            peek(P, k, &next);
            letters_after++;
        }
        int word_follows = letters_after >= 3 || (w.end < P->len && P->p[w.end] == '.');
        if (!address && word_follows && (letters_before >= 2 || is_digit(before)) &&
            tma_seg_add_candidate(breaks, i + 1, 1) < 0)
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
    size_t e = tma_seg_run_start(P, 0, b, 1);
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
    size_t n = tma_seg_skip_space(P, we);
    if (n == we || !is_lower(peek(P, n, &next)))
        return 0;
    size_t ne = letters_end(P, n), after = tma_seg_skip_space(P, ne);
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
        if (tma_is_space(c) && opener_starts_sentence(P, b) &&
            tma_seg_add_candidate(breaks, b, 1) < 0)
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
        size_t b = tma_seg_skip_space(P, i + 1), s;
        if (b >= P->len || !is_digit((unsigned char)P->p[b]))
            continue;
        size_t letters = tma_seg_word_before(P, i, &s);
        int all_letters = letters >= 2;
        for (size_t k = s; k < i && all_letters; k++)
            all_letters = (unsigned char)P->p[k] >= 0x80 || is_letter((unsigned char)P->p[k]);
        if (all_letters && tma_seg_abbrev_kind(P, s, i, 1) < 0 &&
            tma_seg_add_candidate(breaks, b, 0) < 0)
            return -1;
    }
    return 0;
}

/* The brackets and the quotation marks that face one way, counted from the paragraph's start to
 * POS. Straight quotes say nothing about which way they face. */
typedef struct quote_count {
    size_t pos;
    long brackets, guillemets, low, left, right; /* ( minus ), « minus », „, “, ” */
} quote_count;

/* Whether a bracket or a quotation opened before I (at or after Q->pos) is still open there:
 * (...), «...», „...“ or “...”. Counts on from Q->pos, so that a paragraph is read once. */
static int inside_quotation(const para *P, quote_count *q, size_t i)
{
    size_t next;
    for (; q->pos < i; q->pos = next) {
        uint32_t c = peek(P, q->pos, &next);
        q->brackets += (c == '(') - (c == ')');
        q->guillemets += (c == 0xAB) - (c == 0xBB);
        q->low += c == 0x201E;
        q->left += c == 0x201C;
        q->right += c == 0x201D;
    }
    return q->brackets > 0 || q->guillemets > 0 || q->low > q->left ||
           (q->low == 0 && q->left > q->right);
}

/* "... сказал он. — Мы не отступим": a dash of direct speech after the end of a sentence opens
 * the next one, where ICU reads it as a continuation (UAX #29 gives dashes SContinue). The dash
 * (—, –, ― or a spaced hyphen) follows a sentence's final punctuation and white space, and white
 * space and a capital follow it. After a closing quote next to the final punctuation the dash
 * brings in the words about the quotation, which go on with it ("«Уходите!» — Иван махнул рукой",
 * "«... свободно». – Ли Ньюман"). Inside quotation marks the dashes and the words about the
 * speaker belong to the quotation ("«К чему ты готовишься? – спросила мама. – Завтра ведь
 * выходной»."), and inside brackets an editor's note ends with its source ("(в Ливии. - "Ъ")").
 * The filters judge the full stop (an abbreviation before the dash). */
static int add_speech_dash_breaks(tma_buf *breaks, const para *P)
{
    quote_count quotes = {0};
    for (size_t i = 1; i + 1 < P->len; i++) {
        size_t next, after, prev;
        if (P->p[i] != '-' && (unsigned char)P->p[i] != 0xE2)
            continue; /* the first byte of every dash */
        if (!is_dash(peek(P, i, &next)) || !tma_is_space(peek_back(P, i, &prev)) ||
            !tma_is_space(peek(P, next, &after)))
            continue;
        size_t space = tma_seg_run_start(P, 0, i, 1), at;
        uint32_t t = tma_seg_terminal_before(P, space, &at);
        if (!is_terminal(t, 0) || is_closing(peek_back(P, at, &prev)) ||
            is_closing(peek_back(P, space, &prev)))
            continue;
        next_word w = tma_seg_word_after(P, next, 0);
        if (is_upper(w.first) && !inside_quotation(P, &quotes, i) &&
            tma_seg_add_candidate(breaks, i, 0) < 0)
            return -1;
    }
    return 0;
}

/* "« La réforme ira jusqu'au bout. » Le vote a lieu mardi.": where the closing mark is set off by
 * white space, ICU breaks before it and the filters take that break back; the sentence ends after
 * the mark when a capital follows. */
static int add_spaced_quote_breaks(tma_buf *breaks, const para *P)
{
    for (size_t i = 1; i + 1 < P->len; i++) {
        if (((unsigned char)P->p[i] != 0xC2 && (unsigned char)P->p[i] != 0xE2) ||
            !tma_seg_spaced_closing_quote(P, i))
            continue;
        size_t next, at;
        peek(P, i, &next);
        size_t b = tma_seg_skip_space(P, next);
        next_word w = tma_seg_word_after(P, b, 0);
        if (b > next && is_terminal(tma_seg_terminal_before(P, i, &at), 0) && is_upper(w.first) &&
            tma_seg_add_candidate(breaks, b, 0) < 0)
            return -1;
    }
    return 0;
}

/* The last sentence's credit line: "... on Thursday. (Reuters)", "(dpa)", "(Reporting by ...;
 * Editing by ...)". A parenthetical that ends the paragraph after a sentence's final punctuation,
 * and is one word or opens with a capital, is a sentence of its own; one that holds a number is a
 * citation ("(Bremer, 1998)", "(Smith 55)"), and one of lowercase words a note ("(see below)"),
 * which belong to the sentence before. */
static int add_credit_line_break(tma_buf *breaks, const para *P)
{
    size_t end = P->len, prev, at;
    while (end > 0 && tma_is_space((unsigned char)P->p[end - 1]))
        end--;
    if (end == 0 || P->p[end - 1] != ')')
        return 0;
    size_t open = end - 1;
    while (open > 0 && P->p[open] != '(') {
        if (is_digit((unsigned char)P->p[open]) || (P->p[open] == ')' && open < end - 1))
            return 0; /* a citation's year or page; brackets inside */
        open--;
    }
    size_t next;
    int one_word = tma_seg_run_start(P, open, end, 0) == open;
    if (P->p[open] != '(' || !tma_is_space(peek_back(P, open, &prev)) ||
        !is_terminal(tma_seg_terminal_before(P, open, &at), 0) ||
        !(one_word || is_upper(peek(P, open + 1, &next))))
        return 0;
    return tma_seg_add_candidate(breaks, open, 1);
}

/* A paragraph that starts with a list marker ("1.", "a)", "• 9.") is a list: each later marker
 * that continues the numbering starts an item, and a marker is never a sentence by itself. Sets
 * *list when the paragraph is one. */
static int add_list_breaks(tma_buf *breaks, const para *P, int *list)
{
    long value;
    size_t first_text;
    *list = tma_seg_list_marker_at(P, 0, &value, &first_text);
    if (!*list)
        return 0;
    for (size_t i = 1; i < P->len; i++) {
        size_t ps, text;
        long v;
        uint32_t before = peek_back(P, i, &ps);
        if (!tma_is_space(before) || !tma_seg_list_marker_at(P, i, &v, &text) || v != value + 1)
            continue;
        if (tma_seg_add_candidate(breaks, i, 1) < 0)
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
    uint32_t last = tma_seg_terminal_before(P, P->len, &at);
    if (is_terminal(last, P->armenian))
        return 0;
    for (size_t i = 0; i < P->len; i++) {
        if (P->p[i] == '\n' && tma_seg_add_candidate(breaks, tma_seg_skip_space(P, i), 1) < 0)
            return -1;
    }
    return 0;
}

int tma_seg_add_missed_breaks(tma_buf *breaks, const para *P, int *list)
{
    if ((P->armenian && add_armenian_colon_breaks(breaks, P) < 0) ||
        add_ellipsis_breaks(breaks, P) < 0 || add_unspaced_breaks(breaks, P) < 0 ||
        add_number_start_breaks(breaks, P) < 0 || add_opener_breaks(breaks, P) < 0 ||
        add_speech_dash_breaks(breaks, P) < 0 || add_spaced_quote_breaks(breaks, P) < 0 ||
        add_credit_line_break(breaks, P) < 0 || add_list_breaks(breaks, P, list) < 0 ||
        add_line_breaks(breaks, P) < 0)
        return -1;
    return 0;
}
