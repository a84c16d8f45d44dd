/* Private to src/lib/segment/: a paragraph as the splitting rules read it, and the break
 * candidates they collect. breaks.c fills a para for each paragraph and owns the candidate buffer;
 * missed.c adds candidates, filter.c removes them; both only read the para. Nothing here allocates
 * except tma_seg_add_candidate (into the caller's buffer) and tma_seg_abbrev_kind (into P->fold).
 * The character classes and the two cursors are static inline: the rules call them per byte. */
#ifndef TMA_SEGMENT_PARA_H
#define TMA_SEGMENT_PARA_H

#include "buf.h"
#include "segment.h"
#include "text.h"

#include <stddef.h>
#include <stdint.h>

#include <unicode/uchar.h>

/* ---- Characters ---------------------------------------------------------------------------- */

static inline int is_upper(uint32_t c)
{
    return u_isupper((UChar32)c) || u_istitle((UChar32)c);
}

static inline int is_lower(uint32_t c)
{
    return u_islower((UChar32)c);
}

static inline int is_letter(uint32_t c)
{
    return u_isalpha((UChar32)c);
}

static inline int is_digit(uint32_t c)
{
    return c >= '0' && c <= '9';
}

static inline int is_closing(uint32_t c)
{
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}' || c == 0xBB /* » */ ||
           c == 0x201D /* ” */ || c == 0x2019 /* ’ */ || c == 0x203A /* › */;
}

static inline int is_opening(uint32_t c)
{
    return c == '"' || c == '\'' || c == '(' || c == '[' || c == '{' || c == 0xAB /* « */ ||
           c == 0x201C /* “ */ || c == 0x2018 /* ‘ */ || c == 0x201E /* „ */ ||
           c == 0x2039 /* ‹ */;
}

static inline int is_dash(uint32_t c)
{
    return c == '-' || (c >= 0x2012 && c <= 0x2015);
}

/* Ends a sentence in some language: . ! ? … and the Armenian full stop; also the ASCII colon for
 * Armenian, where it is typed in place of "։". */
static inline int is_terminal(uint32_t c, int armenian)
{
    return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x0589 || c == 0x203C ||
           c == 0x2047 || c == 0x2048 || c == 0x2049 || (armenian && c == ':');
}

/* ---- Context around a break ---------------------------------------------------------------- */

typedef struct para {
    const char *p;
    size_t len;
    const tma_seg_rules *rules;
    int armenian, english;
    tma_buf *fold; /* scratch for case folding, borrowed from the tma_seg_iterators */
} para;

/* The code point at I and the position after it; 0 at the end. */
static inline uint32_t peek(const para *P, size_t i, size_t *next)
{
    if (i >= P->len) {
        *next = P->len;
        return 0;
    }
    *next = i;
    return tma_utf8_next(P->p, P->len, next);
}

/* The code point that ends at I and its start; 0 at the start. */
static inline uint32_t peek_back(const para *P, size_t i, size_t *start)
{
    if (i == 0) {
        *start = 0;
        return 0;
    }
    *start = i;
    return tma_utf8_prev(P->p, start);
}

typedef struct next_word {
    uint32_t first; /* its first character, 0 at the end of the paragraph */
    size_t start, end;
} next_word;

typedef struct candidate {
    size_t at;
    int forced; /* added by a rule: kept whatever the filters say */
} candidate;

/* Adds a candidate break at AT to BREAKS, an array of candidate. Returns 0, or -1 when out of
 * memory. */
int tma_seg_add_candidate(tma_buf *breaks, size_t at, int forced);

/* The position after the white space that follows I. */
size_t tma_seg_skip_space(const para *P, size_t i);

/* The last character that is not white space or closing punctuation before B: where the
 * sentence before a break really ends. Stores its start in *at. */
uint32_t tma_seg_terminal_before(const para *P, size_t b, size_t *at);

/* The word after B, past white space and opening punctuation (and dashes when SKIP_DASHES). */
next_word tma_seg_word_after(const para *P, size_t b, int skip_dashes);

/* The word that ends at I (letters, digits, inner dots, hyphens and "°"), back to white space or
 * opening punctuation. Stores its start. */
size_t tma_seg_word_before(const para *P, size_t i, size_t *start);

/* The kind of abbreviation (TMA_ABBREV_*) that the last WORDS words ending at E make, the last
 * being P[s..e), or -1. The table writes an abbreviation of several words or parts with one space
 * between them ("и т. д", "z. b", "av. j.-c"): "z.B" and "z.  B" are looked up as "z. b". */
int tma_seg_abbrev_kind(const para *P, size_t s, size_t e, int words);

/* The start of the run of white space (SPACE 1) or of other characters (SPACE 0) that ends at
 * I, going back no further than FROM. Code points, not bytes: the byte 0xA0 of "Р" (D0 A0) is
 * no no-break space. */
size_t tma_seg_run_start(const para *P, size_t from, size_t i, int space);

/* The kind of abbreviation that the word P[s..e) ends in: a key "-ending" of the table, as
 * "-str" for "Goethestr"; -1 if none. */
int tma_seg_suffix_kind(const para *P, size_t s, size_t e);

/* Whether a closing quotation mark set off by white space stands at I, as French writes them
 * ("« ... bout. »"): » or ” after white space and before white space, punctuation or the end. */
int tma_seg_spaced_closing_quote(const para *P, size_t i);

/* A list marker at I: an optional bullet, then a number or one letter with "." or ")" or ".)",
 * then a space. Stores the marker's value (the number, or the letter's code point) and where its
 * text starts; 0 if there is no marker. */
int tma_seg_list_marker_at(const para *P, size_t i, long *value, size_t *text_start);

#endif
