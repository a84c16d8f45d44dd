#include "qa.h"

#include "anchor.h"
#include "context.h"
#include "error.h"
#include "qaname.h"
#include "qanumber.h"
#include "text.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

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

void tma_qa_free(tma_qa *qa)
{
    tma_qa_stop_ahead(qa);
    for (size_t k = 0; k < TMA_MAX_LANGS; k++)
        tma_qa_free_names(qa, k);
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
        if (tma_qa_list_names(out, k) < 0)
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
    /* Names are also looked for among the capitalised words the dictionary knows ("Лавров"),
     * and reported where capitals mark names alone. */
    size_t nka = 0, nkb = 0;
    const tma_anchor *ka = kind == TMA_ANCHOR_NAME && tma_qa_capitals_mark_names(qa, k)
                               ? tma_qa_known_names(qa, u, k, &nka)
                               : NULL;
    const tma_anchor *kb = kind == TMA_ANCHOR_NAME ? tma_qa_known_names(qa, u, other, &nkb) : NULL;
    const char *other_lang = tma_doc_lang(tma_story_doc(qa->story, other));
    *found = 0;
    for (size_t i = 0, j = 0; i < na || j < nka;) {
        /* Side K's anchors and known names in text order. */
        int known = j < nka && (i == na || ka[j].start < as[i].start);
        const tma_anchor *a = known ? &ka[j++] : &as[i++];
        /* The lexicon's names count where it lists their forms in OTHER's language: there they
         * are anchors wherever they stand, inflected or not ("Moscow", "Մոսկվայում"). */
        int checked = a->kind == kind || (kind == TMA_ANCHOR_NAME &&
                                          tma_anchor_lexicon_name_in(qa->tables, a, other_lang));
        if (!checked || has_anchor(bs, nb, kinds, a) || has_anchor(kb, nkb, kinds, a))
            continue;
        if (kind == TMA_ANCHOR_NUMBER) {
            int elsewhere = 1; /* a number in words alone is left out */
            if (has_digit(text + a->start, a->len)) {
                int rc = number_elsewhere(&elsewhere, qa, u, k, other, a, err);
                if (rc < 0)
                    return rc;
            }
            if (elsewhere)
                continue;
        }
        if (kind == TMA_ANCHOR_NAME) {
            int missing = 0;
            int rc = tma_qa_name_missing(&missing, qa, u, k, other, a, known, err);
            if (rc < 0)
                return rc;
            if (!missing)
                continue;
        }
        if (out != NULL && tma_buf_append(out, a, sizeof *a) < 0)
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
