#include "qa.h"

#include "anchor.h"
#include "context.h"
#include "error.h"
#include "qanumber.h"
#include "stem.h"
#include "text.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

/* A unit whose length ratio is this many times above or below the story's median is reported:
 * 2.5 lies far outside the spread Gale & Church (1993) measured for translations (s2 = 6.8 per
 * character) once a unit has a few dozen characters. */
#define LENGTH_RATIO_FACTOR 2.5
/* Units shorter than this (code points, both sides together) are too short for a length ratio
 * to mean anything. */
#define LENGTH_RATIO_MIN_CHARS 60

/* ---- Units --------------------------------------------------------------------------------- */

/* Code points of side K of unit U, as the length model counts them. */
static double side_chars(const tma_story *story, const tma_unit *u, size_t k)
{
    const tma_doc *doc = tma_story_doc(story, k);
    double chars = 0;
    for (uint32_t i = u->first[k]; i < u->first[k] + u->count[k]; i++)
        chars += tma_doc_sentence(doc, i)->chars;
    return chars;
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int compare_key(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Lists the keys of the name and lexicon anchors of language K's document into QA. */
static int list_names(tma_qa *qa, size_t k)
{
    size_t count;
    const tma_anchor *all = tma_doc_anchors(tma_story_doc(qa->story, k), &count);
    uint64_t *keys = malloc((2 * count + 1) * sizeof *keys);
    size_t n = 0;
    if (keys == NULL)
        return -1;
    for (size_t i = 0; i < count; i++) {
        if (all[i].kind == TMA_ANCHOR_NAME || all[i].kind == TMA_ANCHOR_LEXICON) {
            keys[n++] = all[i].key;
            keys[n++] = all[i].alt_key;
        }
    }
    qsort(keys, n, sizeof *keys, compare_key);
    qa->names[k] = keys;
    qa->name_count[k] = n;
    return 0;
}

/* 1 if language K's document has a name or lexicon anchor with the key of A in either form. */
static int doc_has_name(const tma_qa *qa, size_t k, const tma_anchor *a)
{
    return bsearch(&a->key, qa->names[k], qa->name_count[k], sizeof a->key, compare_key) ||
           bsearch(&a->alt_key, qa->names[k], qa->name_count[k], sizeof a->key, compare_key);
}

void tma_qa_free(tma_qa *qa)
{
    tma_qa_stop_ahead(qa);
    for (size_t k = 0; k < TMA_MAX_LANGS; k++) {
        free(qa->names[k]);
        qa->names[k] = NULL;
    }
    tma_buf_free(&qa->skeleton);
    tma_buf_free(&qa->other);
    tma_buf_free(&qa->word);
    free(qa->results);
    qa->results = NULL;
}

int tma_qa_init(tma_qa *out, const tma_story *story, tma_worker *w, double low_confidence,
                tma_error *err)
{
    size_t n = tma_story_lang_count(story), count;
    const tma_unit *units = tma_story_units(story, &count);
    memset(out, 0, sizeof *out);
    out->story = story;
    out->translit = tma_worker_translit(w);
    out->tables = tma_ctx_anchor_tables(tma_worker_ctx(w));
    out->low_confidence = low_confidence;
    out->ratio[0] = 1;
    double *ratios = malloc((count + 1) * sizeof *ratios);
    if (ratios == NULL)
        return tma_error_nomem(err, "checking the units");
    for (size_t k = 1; k < n; k++) {
        size_t m = 0;
        for (size_t i = 0; i < count; i++) {
            double a = side_chars(story, &units[i], 0), b = side_chars(story, &units[i], k);
            if (a > 0 && b > 0)
                ratios[m++] = b / a;
        }
        if (m > 0) {
            qsort(ratios, m, sizeof *ratios, compare_double);
            out->ratio[k] = m % 2 ? ratios[m / 2] : (ratios[m / 2 - 1] + ratios[m / 2]) / 2;
        }
    }
    free(ratios);
    for (size_t k = 0; k < n; k++) {
        if (list_names(out, k) < 0)
            return tma_error_nomem(err, "checking the units");
    }
    out->results = calloc(count + 1, sizeof *out->results);
    if (out->results == NULL)
        return tma_error_nomem(err, "checking the units");
    return 0;
}

double tma_qa_length_ratio(const tma_qa *qa, const tma_unit *u, size_t k, size_t other)
{
    double a = side_chars(qa->story, u, other), b = side_chars(qa->story, u, k);
    if (qa->ratio[k] <= 0 || qa->ratio[other] <= 0 || a <= 0 || b <= 0 ||
        a + b < LENGTH_RATIO_MIN_CHARS)
        return 0;
    double rel = b / a / (qa->ratio[k] / qa->ratio[other]);
    return fabs(log(rel)) > log(LENGTH_RATIO_FACTOR) ? rel : 0;
}

/* The anchors of side K of unit U: a contiguous run, since a doc keeps them sentence by
 * sentence. */
static const tma_anchor *side_anchors(const tma_story *story, const tma_unit *u, size_t k,
                                      size_t *n)
{
    const tma_doc *doc = tma_story_doc(story, k);
    size_t total;
    const tma_anchor *all = tma_doc_anchors(doc, &total);
    *n = 0;
    if (u->count[k] == 0 || all == NULL)
        return NULL;
    const tma_sentence *a = tma_doc_sentence(doc, u->first[k]);
    const tma_sentence *b = tma_doc_sentence(doc, u->first[k] + u->count[k] - 1);
    *n = b->anchor_first + b->anchor_count - a->anchor_first;
    return all + a->anchor_first;
}

/* 1 if one of the anchors FROM[0..n) of a kind in KINDS (a bit per tma_anchor_kind) has the key
 * of A in either form. */
static int has_anchor(const tma_anchor *from, size_t n, unsigned kinds, const tma_anchor *a)
{
    for (size_t i = 0; i < n; i++) {
        if ((kinds & (1u << from[i].kind)) &&
            (from[i].key == a->key || from[i].alt_key == a->key || from[i].key == a->alt_key ||
             from[i].alt_key == a->alt_key))
            return 1;
    }
    return 0;
}

int tma_qa_anchors_disagree(const tma_qa *qa, const tma_unit *u, size_t a, size_t b)
{
    size_t na, nb;
    const tma_anchor *as = side_anchors(qa->story, u, a, &na);
    const tma_anchor *bs = side_anchors(qa->story, u, b, &nb);
    if (na == 0 || nb == 0 || na + nb < 2)
        return 0;
    for (size_t i = 0; i < na; i++) {
        for (size_t j = 0; j < nb; j++) {
            if (tma_anchors_meet(&as[i], &bs[j]))
                return 0;
        }
    }
    return 1;
}

/* 1 if the LEN bytes at S hold an ASCII digit. */
static int has_digit(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            return 1;
    }
    return 0;
}

/* Two skeletons are taken for one name when they share their first MIN_SHARED_SKELETON sound
 * classes and at least this share of the shorter one: endings and suffixes differ ("Тутанхамоном"
 * and "Tutankhamun", "Atlantic" and "Атлантический", "Filipino" and "филиппинцев"). */
#define MIN_SHARED_SKELETON 3
#define MIN_SHARED_SHARE    0.6

static int same_name(const tma_buf *a, const tma_buf *b)
{
    size_t shorter = a->len < b->len ? a->len : b->len, shared = 0;
    while (shared < shorter && a->data[shared] == b->data[shared])
        shared++;
    if (shared >= MIN_SHARED_SKELETON && shared >= MIN_SHARED_SHARE * (double)shorter)
        return 1;
    /* A name written as a part of one word: "Kong" in "Հոնկոնգ". Four classes at least, so that
     * the name does not turn up by chance. */
    for (size_t i = 1; a->len >= 4 && i + a->len <= b->len; i++) {
        if (memcmp(b->data + i, a->data, a->len) == 0)
            return 1;
    }
    return 0;
}

/* Folds skeleton B further for same_name: h, g and kh (the class H) left out, which English
 * writes where Russian and Armenian have nothing ("John", "Джон"), b with v and f (Hebron,
 * Хеврон), the affricates with the hissing sounds (English "ch" is French "sh": Michele, Мишель),
 * doubled classes once, final vowels as in the skeleton (also those a final h left: Utah, Юта). */
static void loosen(tma_buf *b)
{
    size_t n = 0;
    for (size_t i = 0; i < b->len; i++) {
        char c = b->data[i] == 'F' ? 'P' : b->data[i] == 'C' ? 'X' : b->data[i];
        if (c != 'H' && (n == 0 || b->data[n - 1] != c))
            b->data[n++] = c;
    }
    while (n > 1 && b->data[n - 1] == 'V')
        n--;
    b->len = n;
}

/* Whether side OTHER of unit U has a word that same_name takes for the name A of language K's
 * text: stores 1 or 0 in *has (1 also when A's skeleton is too short to compare). Lowercase
 * words count: Russian and Armenian write peoples and adjectives made of names in lowercase
 * ("маори", "британских"). */
static int side_has_word(int *has, tma_qa *qa, const tma_unit *u, size_t other, size_t k,
                         const tma_anchor *a, tma_error *err)
{
    size_t len;
    const char *text = tma_doc_text(tma_story_doc(qa->story, k), &len);
    *has = 0;
    int rc = tma_translit_skeleton(&qa->skeleton, qa->translit, text + a->start, a->len, err);
    loosen(&qa->skeleton);
    if (rc < 0)
        return rc;
    if (qa->skeleton.len < MIN_SHARED_SKELETON) {
        /* Too short to tell ("Kong", "Rice", "Gabba" loosen to two classes or fewer): no word of
         * the other side could be told for it or against it, so it is not reported. */
        *has = 1;
        return 0;
    }
    const tma_doc *doc = tma_story_doc(qa->story, other);
    text = tma_doc_text(doc, &len);
    const tma_sentence *first = tma_doc_sentence(doc, u->first[other]);
    const tma_sentence *last = tma_doc_sentence(doc, u->first[other] + u->count[other] - 1);
    size_t p = first->start, end = last->start + last->len;
    while (p < end && !*has) {
        size_t q = p;
        if (!u_isalpha((UChar32)tma_utf8_next(text, end, &q))) {
            p = q;
            continue;
        }
        for (size_t r = q; r < end && u_isalpha((UChar32)tma_utf8_next(text, end, &r));)
            q = r;
        rc = tma_translit_skeleton(&qa->other, qa->translit, text + p, q - p, err);
        if (rc < 0)
            return rc;
        loosen(&qa->other);
        *has = same_name(&qa->skeleton, &qa->other);
        p = q;
    }
    return 0;
}

/* 1 if anchor A of language K's text is the first word of its sentence in unit U, where a
 * capital says nothing and an unknown word ("Ханги", a dish) is taken for a name. */
static int begins_sentence(const tma_qa *qa, const tma_unit *u, size_t k, const tma_anchor *a)
{
    const tma_doc *doc = tma_story_doc(qa->story, k);
    size_t len;
    const char *text = tma_doc_text(doc, &len);
    for (uint32_t i = u->first[k]; i < u->first[k] + u->count[k]; i++) {
        const tma_sentence *s = tma_doc_sentence(doc, i);
        if (a->start < s->start || a->start >= s->start + s->len)
            continue;
        for (size_t p = s->start; p < a->start;) {
            if (u_isalnum((UChar32)tma_utf8_next(text, a->start, &p)))
                return 0;
        }
        return 1;
    }
    return 0;
}

/* 1 if the LEN bytes at S hold no lowercase letter: an acronym, which translations often spell
 * out or translate ("METI", "ՏԱԱՆ"). */
static int is_acronym(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        if (u_islower((UChar32)tma_utf8_next(s, len, &i)))
            return 0;
    }
    return 1;
}

/* 1 if the LEN bytes at S start with an English ordinal's ending ("st", "nd", "rd", "th") that
 * no letter follows: "21st" is a number, not a code. */
static int is_ordinal_suffix(const char *s, size_t len)
{
    static const char *const endings[] = {"st", "nd", "rd", "th"};
    for (size_t k = 0; k < sizeof endings / sizeof endings[0]; k++) {
        if (len >= 2 && strncmp(s, endings[k], 2) == 0 &&
            (len == 2 || !u_isalpha((UChar32)(unsigned char)s[2])))
            return 1;
    }
    return 0;
}

/* 1 if TEXT[from, to) has a letter right beside a digit ("G7", "km2", "4x4", "802.11a", "the
 * 1800s", "5.30pm"), an English ordinal's ending aside: a code or a unit symbol. */
static int has_code(const char *text, size_t from, size_t to)
{
    int prev = 0; /* 1 after a letter, 2 after a digit */
    for (size_t i = from; i < to;) {
        size_t at = i;
        UChar32 c = (UChar32)tma_utf8_next(text, to, &i);
        int now = u_isalpha(c) ? 1 : u_isdigit(c) ? 2 : 0;
        if (now == 1 && prev == 2 && is_ordinal_suffix(text + at, to - at))
            now = 0;
        if (now != 0 && prev != 0 && now != prev)
            return 1;
        prev = now;
    }
    return 0;
}

/* 1 if the number at TEXT[start, start + len) is part of a code: the word around it (up to
 * white space) has_code. */
static int in_code(const char *text, size_t text_len, size_t start, size_t len)
{
    size_t from = start, to = start + len;
    while (from > 0) {
        size_t at = from;
        if (tma_is_space(tma_utf8_prev(text, &at)))
            break;
        from = at;
    }
    while (to < text_len) {
        size_t at = to;
        if (tma_is_space(tma_utf8_next(text, text_len, &at)))
            break;
        to = at;
    }
    return has_code(text, from, to);
}

/* Whether side OTHER of unit U writes the number of anchor A of side K in a form its anchors do
 * not meet (tma_qa_number_elsewhere): stores 1 or 0 in *out. */
static int number_elsewhere(int *out, tma_qa *qa, const tma_unit *u, size_t k, size_t other,
                            const tma_anchor *a, tma_error *err)
{
    const tma_doc *doc = tma_story_doc(qa->story, other);
    tma_qa_side_text side;
    size_t alen;
    const char *atext = tma_doc_text(tma_story_doc(qa->story, k), &alen);
    side.text = tma_doc_text(doc, &side.text_len);
    side.start = tma_doc_sentence(doc, u->first[other])->start;
    const tma_sentence *last = tma_doc_sentence(doc, u->first[other] + u->count[other] - 1);
    side.end = last->start + last->len;
    side.anchors = side_anchors(qa->story, u, other, &side.count);
    /* A code that the other side spells out or leaves out ("a 4x4", "полноприводный"; "the
     * 1800s", "XIX век") says nothing of its digits; against a code of the other side it is
     * compared ("H5N1" and "H5N3"). */
    if (in_code(atext, alen, a->start, a->len) && !has_code(side.text, side.start, side.end)) {
        *out = 1;
        return 0;
    }
    return tma_qa_number_elsewhere(out, qa->tables, atext, alen, a, &side, &qa->word, err);
}

int tma_qa_missing(tma_buf *out, size_t *found, tma_qa *qa, const tma_unit *u, size_t k,
                   size_t other, tma_anchor_kind kind, tma_error *err)
{
    size_t na, nb, text_len;
    const tma_anchor *as = side_anchors(qa->story, u, k, &na);
    const tma_anchor *bs = side_anchors(qa->story, u, other, &nb);
    const char *text = tma_doc_text(tma_story_doc(qa->story, k), &text_len);
    /* A name may come back as an exonym of the lexicon on the other side; numbers written as words
     * alone are left out: a translation says "twice" or "four-day" in ways the anchors do not all
     * catch. */
    unsigned kinds = kind == TMA_ANCHOR_NAME ? 1u << TMA_ANCHOR_NAME | 1u << TMA_ANCHOR_LEXICON
                                             : 1u << TMA_ANCHOR_NUMBER;
    *found = 0;
    for (size_t i = 0; i < na; i++) {
        if (as[i].kind != kind || has_anchor(bs, nb, kinds, &as[i]))
            continue;
        if (kind == TMA_ANCHOR_NUMBER) {
            int elsewhere = 1; /* a number in words alone is left out */
            if (has_digit(text + as[i].start, as[i].len)) {
                int rc = number_elsewhere(&elsewhere, qa, u, k, other, &as[i], err);
                if (rc < 0)
                    return rc;
            }
            if (elsewhere)
                continue;
        }
        if (kind == TMA_ANCHOR_NAME) {
            int has = 0;
            if (is_acronym(text + as[i].start, as[i].len) || begins_sentence(qa, u, k, &as[i]) ||
                !doc_has_name(qa, other, &as[i]))
                continue;
            int rc = side_has_word(&has, qa, u, other, k, &as[i], err);
            if (rc < 0)
                return rc;
            if (has)
                continue;
        }
        if (out != NULL && tma_buf_append(out, &as[i], sizeof as[i]) < 0)
            return tma_error_nomem(err, "checking the units");
        ++*found;
    }
    return 0;
}

/* The anchor checks of a unit, one kind of anchor each: [c] of tma_qa_result.missing_first and
 * missing_count. */
static const struct {
    tma_anchor_kind kind;
    unsigned flag;
} MISSING_CHECKS[2] = {{TMA_ANCHOR_NUMBER, TMA_QA_NUMBER_MISMATCH},
                       {TMA_ANCHOR_NAME, TMA_QA_NAME_MISMATCH}};

int tma_qa_unit_flags(unsigned *out, tma_qa *qa, const tma_unit *u, const size_t *langs, size_t n,
                      tma_error *err)
{
    unsigned flags = u->score < qa->low_confidence ? TMA_QA_LOW_CONFIDENCE : 0;
    int rc = 0;
    for (size_t j = 1; j < n && rc == 0; j++) {
        size_t a = langs[0], b = langs[j];
        if (u->count[a] == 0 || u->count[b] == 0)
            continue;
        if (tma_qa_length_ratio(qa, u, b, a) != 0)
            flags |= TMA_QA_LENGTH_RATIO;
        for (size_t c = 0; c < 2 && rc == 0; c++) {
            size_t ab = 0, ba = 0;
            rc = tma_qa_missing(NULL, &ab, qa, u, a, b, MISSING_CHECKS[c].kind, err);
            if (rc == 0)
                rc = tma_qa_missing(NULL, &ba, qa, u, b, a, MISSING_CHECKS[c].kind, err);
            if (ab + ba > 0)
                flags |= MISSING_CHECKS[c].flag;
        }
    }
    *out = flags;
    return rc;
}

int tma_qa_story_unit(const tma_qa_result **out, tma_qa *qa, size_t i, tma_error *err)
{
    size_t n = tma_story_lang_count(qa->story), count;
    const tma_unit *units = tma_story_units(qa->story, &count);
    assert(i < count);
    const tma_unit *u = &units[i];
    tma_qa_result *r = &qa->results[i];
    *out = r;
    if (qa->ahead != NULL)
        tma_qa_ahead_wait(qa->ahead, i);
    if (r->checked)
        return 0;
    memset(r, 0, sizeof *r);
    r->flags = u->score < qa->low_confidence ? TMA_QA_LOW_CONFIDENCE : 0;
    for (size_t k = 1; k < n; k++) {
        if (u->count[0] == 0 || u->count[k] == 0)
            continue;
        r->length_ratio[k] = tma_qa_length_ratio(qa, u, k, 0);
        if (r->length_ratio[k] != 0)
            r->flags |= TMA_QA_LENGTH_RATIO;
        for (size_t c = 0; c < 2; c++) {
            for (size_t d = 0; d < 2; d++) {
                size_t found = 0;
                int rc = tma_qa_missing(NULL, &found, qa, u, d ? k : 0, d ? 0 : k,
                                        MISSING_CHECKS[c].kind, err);
                if (rc < 0)
                    return rc;
                if (found > 0)
                    r->flags |= MISSING_CHECKS[c].flag;
            }
        }
    }
    r->checked = 1;
    return 0;
}

/* ---- Spelling ------------------------------------------------------------------------------ */

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
