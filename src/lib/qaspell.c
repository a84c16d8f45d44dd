#include "qa.h"

#include "context.h"
#include "error.h"
#include "stem.h"
#include "text.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

/* Words longer than this (bytes) are not looked up: no dictionary word is, and hunspell refuses
 * them. */
#define MAX_WORD_BYTES 100

/* What the spelling check needs while it reads one sentence. */
typedef struct speller {
    tma_stem_dicts *dicts; /* the worker's ctx's */
    const char *lang;
    uint32_t sentence;  /* the sentence read */
    UScriptCode script; /* the language's script; USCRIPT_INVALID_CODE if unknown */
    tma_buf word;       /* the word as looked up */
    tma_buf candidate;  /* a compound one letter away */
} speller;

/* 1 if C joins the parts of one word: a hyphen or an apostrophe. */
static int is_joiner(uint32_t c)
{
    return c == '-' || c == '\'' || c == 0x2019 || c == 0x02BC;
}

/* Armenian marks written on a word's stressed vowel (emphasis, exclamation, question) and the
 * soft hyphen: not letters, yet inside the word. */
static int is_inner_mark(uint32_t c)
{
    return (c >= 0x055B && c <= 0x055E) || c == 0x00AD;
}

/* 1 if C may be part of a token that the spelling check reads as one: letters, digits and marks,
 * joiners, and what URLs, e-mail addresses and abbreviations hold (so that they are read whole and
 * left out). Quotes, brackets, dashes, commas and the like part words. */
static int is_word_char(uint32_t c)
{
    if (u_isalnum((UChar32)c) || is_joiner(c) || is_inner_mark(c))
        return 1;
    int8_t type = u_charType((UChar32)c);
    if (type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK)
        return 1;
    return c < 0x80 && strchr(".@/:_&#%=+~", (int)c) != NULL;
}

/* Copies the word at TEXT[start..end) into SP->word as the dictionary spells it: apostrophes as
 * "'", inner marks left out, a final apostrophe (plural possessive) dropped. Returns 1 if it is a
 * word to look up, 0 if the rules leave it out (see tma_qa_misspelled), -1 when out of memory. */
static int word_to_check(speller *sp, const char *text, size_t start, size_t end)
{
    tma_buf *b = &sp->word;
    size_t i = start, letters = 0;
    b->len = 0;
    if (end - start > MAX_WORD_BYTES)
        return 0;
    while (i < end) {
        size_t at = i;
        uint32_t c = tma_utf8_next(text, end, &i);
        if (is_inner_mark(c))
            continue;
        if (is_joiner(c)) {
            if (tma_buf_push(b, c == '-' ? '-' : '\'') < 0)
                return -1;
            continue;
        }
        if (!u_isalpha((UChar32)c) || u_isupper((UChar32)c) || u_istitle((UChar32)c))
            return 0; /* digits, dots, @, /: no word; capitals: names, acronyms */
        UErrorCode st = U_ZERO_ERROR;
        UScriptCode script = uscript_getScript((UChar32)c, &st);
        if (sp->script != USCRIPT_INVALID_CODE && script != sp->script &&
            script != USCRIPT_COMMON && script != USCRIPT_INHERITED)
            return 0; /* a foreign word */
        if (tma_buf_append(b, text + at, i - at) < 0)
            return -1;
        letters++;
    }
    while (b->len > 0 && b->data[b->len - 1] == '\'')
        b->len--;
    return letters >= 2;
}

/* Looks for a compound that the language's compound dictionary lists and that differs from the
 * compound in SP->word by one letter inserted, replaced or left out inside one of its ASCII parts
 * (not at a part's first or last letter, where one letter makes another word: "fold-out" and
 * "sold-out"). Writes it to SUGGESTION and returns 1 if there is one, 0 if not, -1 when out of
 * memory. */
static int compound_neighbour(speller *sp, char *suggestion, size_t size)
{
    tma_stem_dicts *dicts = sp->dicts;
    const char *word = sp->word.data;
    size_t len = sp->word.len;
    for (size_t p = 0; p < len;) {
        size_t q = p;
        while (q < len && word[q] != '-')
            q++;
        int ascii = q - p >= 3;
        for (size_t i = p; i < q && ascii; i++)
            ascii = word[i] >= 'a' && word[i] <= 'z';
        /* Edits at byte e of the part: insert before it (p < e < q), replace or drop it
         * (p < e < q - 1). */
        for (size_t e = p + 1; ascii && e < q; e++) {
            for (int op = 0; op < 3; op++) {
                if (op > 0 && e == q - 1)
                    continue;
                for (char c = 'a'; c <= (op == 2 ? 'a' : 'z'); c++) {
                    if (op == 1 && c == word[e])
                        continue;
                    tma_buf *cand = &sp->candidate;
                    cand->len = 0;
                    if (tma_buf_append(cand, word, e) < 0 ||
                        (op < 2 && tma_buf_push(cand, c) < 0) ||
                        tma_buf_append(cand, word + e + (op > 0), len - e - (op > 0)) < 0)
                        return -1;
                    if (tma_stem_lists_compound(dicts, sp->lang, cand->data,
                                                   cand->len) == 1) {
                        snprintf(suggestion, size, "%.*s", (int)cand->len, cand->data);
                        return 1;
                    }
                }
            }
        }
        p = q + 1;
    }
    return 0;
}

/* Checks the word in SP->word; appends it to OUT as [start, end) when it is misspelled. Returns 0,
 * 1 when the language has no dictionary, or -1 when out of memory. */
static int check_word(speller *sp, tma_buf *out, size_t start, size_t end)
{
    tma_stem_dicts *dicts = sp->dicts;
    tma_qa_word found = {start, end - start, sp->sentence, ""};
    int known = tma_stem_knows(dicts, sp->lang, sp->word.data, sp->word.len);
    if (known < 0)
        return 1;
    if (known == 0)
        known = tma_stem_variant_knows(dicts, sp->lang, sp->word.data, sp->word.len) == 1;
    size_t cut = sp->word.len;
    while (cut > 0 && sp->word.data[cut - 1] != '-')
        cut--;
    if (known == 0 && cut > 0) {
        /* The first parts of a compound are often combining forms that no dictionary lists alone
         * ("оборонно-промышленный", "pre-season"): the last part decides. */
        const char *last = sp->word.data + cut;
        size_t len = sp->word.len - cut;
        if (tma_stem_knows(dicts, sp->lang, last, len) == 1 ||
            tma_stem_variant_knows(dicts, sp->lang, last, len) == 1)
            return 0;
    }
    if (known) {
        if (memchr(sp->word.data, '-', sp->word.len) == NULL ||
            tma_stem_lists_compound(dicts, sp->lang, sp->word.data, sp->word.len) != 0)
            return 0;
        int near = compound_neighbour(sp, found.suggestion, sizeof found.suggestion);
        if (near <= 0)
            return near;
    }
    return tma_buf_append(out, &found, sizeof found) < 0 ? -1 : 0;
}

/* Words of this many letters or fewer are short: abbreviations ("гг.") and the particles of names
 * ("da Gama", "Las Vegas") are short, and the check leaves them alone in those places. */
#define SHORT_WORD_CHARS 3

/* From I, moves back over white space (SPACE) or over anything else, not before FROM. */
static size_t skip_back(const char *text, size_t from, size_t i, int space)
{
    while (i > from) {
        size_t at = i;
        if ((tma_is_space(tma_utf8_prev(text, &at)) != 0) != space)
            break;
        i = at;
    }
    return i;
}

/* From I, moves forward over white space (SPACE) or over anything else, not past TO. */
static size_t skip_forward(const char *text, size_t to, size_t i, int space)
{
    while (i < to) {
        size_t at = i;
        if ((tma_is_space(tma_utf8_next(text, to, &at)) != 0) != space)
            break;
        i = at;
    }
    return i;
}

/* The first letter of TEXT[from..to), 0 if none. */
static uint32_t first_letter(const char *text, size_t from, size_t to)
{
    while (from < to) {
        uint32_t c = tma_utf8_next(text, to, &from);
        if (u_isalpha((UChar32)c))
            return c;
    }
    return 0;
}

/* 1 if the word at TEXT[start..end) of the sentence TEXT[from..to) is short and either ends in a
 * full stop or stands beside a capitalised word, or is hyphenated with a part of one letter
 * ("г-н"). */
static int abbreviation_or_particle(const char *text, size_t from, size_t to, size_t start,
                                    size_t end)
{
    size_t chars = 0, part = 0, i = start;
    int one_letter_part = 0;
    while (i < end) {
        uint32_t c = tma_utf8_next(text, end, &i);
        if (is_joiner(c)) {
            one_letter_part |= part == 1;
            part = 0;
        } else {
            chars++;
            part++;
        }
    }
    if (one_letter_part || part == 1)
        return 1;
    if (chars > SHORT_WORD_CHARS)
        return 0;
    if (end < to && text[end] == '.')
        return 1;
    /* The tokens before and after: back to this token's start, over the spaces, back to the
     * previous token's start; forward likewise. */
    size_t p = skip_back(text, from, start, 0), prev_end = skip_back(text, from, p, 1);
    size_t prev = skip_back(text, from, prev_end, 0);
    size_t q = skip_forward(text, to, end, 0), next = skip_forward(text, to, q, 1);
    uint32_t before = first_letter(text, prev, prev_end);
    uint32_t after = first_letter(text, next, skip_forward(text, to, next, 0));
    return u_isupper((UChar32)before) || u_isupper((UChar32)after);
}

int tma_qa_misspelled(tma_buf *out, size_t *checked, tma_worker *w, const tma_doc *doc, size_t i,
                      tma_error *err)
{
    size_t text_len;
    const char *text = tma_doc_text(doc, &text_len);
    const tma_sentence *s = tma_doc_sentence(doc, i);
    speller sp = {tma_ctx_dicts(tma_worker_ctx(w)),
                  tma_doc_lang(doc),
                  (uint32_t)i,
                  USCRIPT_INVALID_CODE,
                  TMA_BUF_INIT,
                  TMA_BUF_INIT};
    UScriptCode scripts[4];
    UErrorCode st = U_ZERO_ERROR;
    if (uscript_getCode(sp.lang, scripts, 4, &st) == 1 && U_SUCCESS(st))
        sp.script = scripts[0];
    size_t p = s->start, end = s->start + s->len;
    int rc = 0;
    while (p < end && rc == 0) {
        /* A token is a run of word characters; its word lies between its first and last letter
         * or digit, so that a hyphen, a dot or an apostrophe at either end stays out. */
        size_t q = p, first = SIZE_MAX, last = p;
        while (q < end) {
            size_t at = q;
            uint32_t c = tma_utf8_next(text, end, &q);
            if (!is_word_char(c)) {
                if (at > p)
                    q = at; /* the token ends here; else P moves past C */
                break;
            }
            if (u_isalnum((UChar32)c)) {
                if (first == SIZE_MAX)
                    first = at;
                last = q;
            }
        }
        if (first != SIZE_MAX) {
            rc = word_to_check(&sp, text, first, last);
            if (rc == 1 && abbreviation_or_particle(text, s->start, end, first, last))
                rc = 0;
            if (rc == 1) {
                ++*checked;
                rc = check_word(&sp, out, first, last);
            }
        }
        p = q;
    }
    tma_buf_free(&sp.word);
    tma_buf_free(&sp.candidate);
    if (rc < 0)
        return tma_error_nomem(err, "checking the spelling");
    return 0;
}
