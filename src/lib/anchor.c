#include "anchor.h"

#include "bounds.h"
#include "error.h"
#include "lang.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

/* Names shorter than this skeleton (in sound classes) are too common to tie sentences. */
#define MIN_NAME_SKELETON 3
/* Lexicon stems and scale words are matched from this many code points on. */
#define MIN_STEM_CHARS 3

static uint64_t hash_key(char kind, const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ull;
    h = (h ^ (unsigned char)kind) * 1099511628211ull;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

/* ---- Tables -------------------------------------------------------------------------------- */

/* The key of the anchors of lexicon concept CONCEPT (1-based). */
static uint64_t concept_key(int concept)
{
    char id[16];
    int n = snprintf(id, sizeof id, "%d", concept);
    return hash_key('L', id, (size_t)n);
}

/* 1 if the concept named NAME (LEN bytes) is a date: lexicon.tsv names months "month-N" and
 * weekdays "day-N". */
static int is_date(const char *name, size_t len)
{
    return (len > 6 && memcmp(name, "month-", 6) == 0) || (len > 4 && memcmp(name, "day-", 4) == 0);
}

static int compare_concept_key(const void *a, const void *b)
{
    uint64_t x = ((const tma_lexicon_concept *)a)->key, y = ((const tma_lexicon_concept *)b)->key;
    return (x > y) - (x < y);
}

/* Loads lexicon.tsv into OUT: a concept per line, then stems per language (en, ru, hy),
 * comma-separated, into its lexicon table; which columns list forms of each name into its
 * concepts. */
static int load_lexicon(tma_anchor_tables *out, const tma_data_file *file, tma_error *err)
{
    tma_buf stem = TMA_BUF_INIT, concepts = TMA_BUF_INIT;
    tma_data_line dl;
    size_t pos = 0;
    long number = 0;
    int concept = 0, rc;
    while ((rc = tma_data_next_line(file, &pos, &number, &dl, err)) > 0) {
        const char *tab = memchr(dl.start, '\t', (size_t)(dl.end - dl.start));
        if (tab == NULL) {
            rc = tma_error_set(err, TMA_ERR_DATA, file->name, dl.number, 0,
                               "a concept needs its stems after a TAB; fix the table");
            break;
        }
        concept++;
        tma_lexicon_concept c = {concept_key(concept), 0};
        int date = is_date(dl.start, (size_t)(tab - dl.start));
        unsigned column = 0;
        for (const char *s = tab + 1; s < dl.end && rc > 0;) {
            const char *stop = s;
            while (stop < dl.end && *stop != ',' && *stop != '\t')
                stop++;
            if (stop > s && !(stop - s == 1 && *s == '-')) {
                if (!date && column < 3)
                    c.columns |= (uint8_t)(1u << column);
                stem.len = 0;
                if (tma_fold_case(&stem, s, (size_t)(stop - s)) < 0 ||
                    tma_table_put(&out->lexicon, stem.data, stem.len, concept) < 0)
                    rc = tma_error_nomem(err, "loading the lexicon");
            }
            column += stop < dl.end && *stop == '\t';
            s = stop + 1;
        }
        if (rc > 0 && tma_buf_append(&concepts, &c, sizeof c) < 0)
            rc = tma_error_nomem(err, "loading the lexicon");
        if (rc < 0)
            break;
    }
    tma_buf_free(&stem);
    out->concepts = (tma_lexicon_concept *)concepts.data;
    out->concept_count = concepts.len / sizeof *out->concepts;
    if (out->concept_count > 0)
        qsort(out->concepts, out->concept_count, sizeof *out->concepts, compare_concept_key);
    return rc < 0 ? rc : 0;
}

int tma_anchor_lexicon_name_in(const tma_anchor_tables *t, const tma_anchor *a, const char *lang)
{
    unsigned column = tma_lang_is(lang, "en")   ? TMA_LEXICON_EN
                      : tma_lang_is(lang, "ru") ? TMA_LEXICON_RU
                      : tma_lang_is(lang, "hy") ? TMA_LEXICON_HY
                                                : 0;
    tma_lexicon_concept key = {a->key, 0};
    const tma_lexicon_concept *c =
        a->kind != TMA_ANCHOR_LEXICON || t->concepts == NULL
            ? NULL
            : bsearch(&key, t->concepts, t->concept_count, sizeof key, compare_concept_key);
    return c != NULL && (c->columns & column) != 0;
}

/* Loads numwords.tsv or numforms.tsv: a word, a TAB and its value (a positive integer) per line,
 * into T; a word that ends in "*" is a stem, into STEMS without its star (NULL: no stems). */
static int load_numwords(tma_table *t, tma_table *stems, const tma_data_file *file, tma_error *err)
{
    tma_buf word = TMA_BUF_INIT;
    tma_data_line dl;
    size_t pos = 0;
    long number = 0;
    int rc;
    while ((rc = tma_data_next_line(file, &pos, &number, &dl, err)) > 0) {
        const char *tab = memchr(dl.start, '\t', (size_t)(dl.end - dl.start));
        long value = 0;
        const char *v = tab ? tab + 1 : dl.end;
        while (v < dl.end && *v >= '0' && *v <= '9' && value < 1000000)
            value = value * 10 + (*v++ - '0');
        if (tab == NULL || tab == dl.start || v != dl.end || value <= 0) {
            rc = tma_error_set(err, TMA_ERR_DATA, file->name, dl.number, 0,
                               "a number word needs a TAB and a positive value; fix the table");
            break;
        }
        size_t len = (size_t)(tab - dl.start);
        int stem = stems != NULL && len > 1 && dl.start[len - 1] == '*';
        word.len = 0;
        if (tma_fold_case(&word, dl.start, len - (size_t)stem) < 0 ||
            tma_table_put(stem ? stems : t, word.data, word.len, (int)value) < 0) {
            rc = tma_error_nomem(err, "loading the number words");
            break;
        }
    }
    tma_buf_free(&word);
    return rc < 0 ? rc : 0;
}

int tma_anchor_tables_load(tma_anchor_tables *out, tma_error *err)
{
    static const char *const powers[] = {"0", "1", "2", "3", "4", "5", "6",
                                         "7", "8", "9", "10", "11", "12"};
    memset(out, 0, sizeof *out);
    const tma_data_file *scale = tma_data_find("scale.tsv");
    const tma_data_file *numwords = tma_data_find("numwords.tsv");
    const tma_data_file *numforms = tma_data_find("numforms.tsv");
    const tma_data_file *ru = tma_data_find("endings.ru.tsv");
    const tma_data_file *hy = tma_data_find("endings.hy.tsv");
    const tma_data_file *lexicon = tma_data_find("lexicon.tsv");
    int rc = lexicon != NULL ? load_lexicon(out, lexicon, err) : 0;
    if (rc == 0 && scale != NULL)
        rc = tma_table_load(&out->scale, scale, 1, powers, 13, err);
    if (rc == 0 && numwords != NULL)
        rc = load_numwords(&out->numwords, NULL, numwords, err);
    if (rc == 0 && numforms != NULL)
        rc = load_numwords(&out->numforms, &out->numform_stems, numforms, err);
    if (rc == 0 && ru != NULL)
        rc = tma_table_load(&out->endings_ru, ru, 0, NULL, 0, err);
    if (rc == 0 && hy != NULL)
        rc = tma_table_load(&out->endings_hy, hy, 0, NULL, 0, err);
    if (rc < 0)
        tma_anchor_tables_free(out);
    return rc;
}

void tma_anchor_tables_free(tma_anchor_tables *t)
{
    tma_table_free(&t->lexicon);
    free(t->concepts);
    t->concepts = NULL;
    t->concept_count = 0;
    tma_table_free(&t->scale);
    tma_table_free(&t->numwords);
    tma_table_free(&t->numforms);
    tma_table_free(&t->numform_stems);
    tma_table_free(&t->endings_ru);
    tma_table_free(&t->endings_hy);
}

int tma_anchors_meet(const tma_anchor *x, const tma_anchor *y)
{
    /* Two Latin texts capitalise words alike by chance (German nouns): only a foreign word tells
     * that a translation kept it. */
    if (x->kind == TMA_ANCHOR_VERBATIM && !x->foreign && !y->foreign)
        return 0;
    return x->kind == y->kind && (x->key == y->key || x->key == y->alt_key ||
                                  x->alt_key == y->key || x->alt_key == y->alt_key);
}

void tma_anchor_scratch_free(tma_anchor_scratch *s)
{
    tma_translit_free(&s->translit);
    tma_buf_free(&s->fold);
    tma_buf_free(&s->skeleton);
    tma_buf_free(&s->respelt);
}

/* ---- Extraction ---------------------------------------------------------------------------- */

typedef struct extractor {
    tma_buf *out;
    tma_buf *known; /* the known names (tma_anchor_extract), or NULL */
    tma_anchor_scratch *s;
    const tma_anchor_tables *tables;
    tma_stem_dicts *dicts;
    const char *text; /* the doc's NFC text */
    size_t end;       /* the sentence's end in it */
    const char *lang;
    int comma_decimal; /* "3,5" is three and a half: Russian, Armenian */
    int latin;         /* LANG is written in Latin letters */
    tma_error *err;
} extractor;

static int push_to(extractor *x, tma_buf *out, uint8_t kind, uint64_t key, uint64_t alt,
                   size_t start, size_t len, size_t digits)
{
    tma_anchor a = {key,
                    alt,
                    start,
                    (uint32_t)len,
                    kind,
                    (uint8_t)(digits < 255 ? digits : 255),
                    kind == TMA_ANCHOR_VERBATIM && !x->latin};
    if (tma_buf_append(out, &a, sizeof a) < 0)
        return tma_error_nomem(x->err, "finding anchors");
    return 0;
}

static int push_anchor(extractor *x, uint8_t kind, uint64_t key, uint64_t alt, size_t start,
                       size_t len, size_t digits)
{
    return push_to(x, x->out, kind, key, alt, start, len, digits);
}

static int is_digit(uint32_t c)
{
    return c >= '0' && c <= '9';
}

/* The number of ASCII digits at S[i..end). */
static size_t digit_run(const char *s, size_t i, size_t end)
{
    size_t n = 0;
    while (i + n < end && is_digit((unsigned char)s[i + n]))
        n++;
    return n;
}

/* The bytes of a space that may group digits at S[i] (space, no-break space, thin spaces), or 0. */
static size_t group_space(const char *s, size_t i, size_t end)
{
    const unsigned char *u = (const unsigned char *)s;
    if (i < end && u[i] == ' ')
        return 1;
    if (i + 1 < end && u[i] == 0xC2 && u[i + 1] == 0xA0)
        return 2;
    if (i + 2 < end && u[i] == 0xE2 && u[i + 1] == 0x80 && (u[i + 2] == 0x89 || u[i + 2] == 0xAF))
        return 3;
    return 0;
}

int tma_anchor_number_word(const tma_anchor_tables *t, const char *w, size_t len)
{
    int value = tma_table_get(&t->numwords, w, len);
    if (value <= 0)
        value = tma_table_get(&t->numforms, w, len);
    if (value <= 0)
        value = tma_table_longest_prefix(&t->numform_stems, w, len, MIN_STEM_CHARS);
    return value > 0 ? value : -1;
}

int tma_anchor_scale_power(const tma_anchor_tables *t, const char *w, size_t len)
{
    int power = tma_table_longest_prefix(&t->scale, w, len, MIN_STEM_CHARS);
    return power > 0 ? power : 0;
}

/* The end of the run of letters that starts at I. */
static size_t letters_end(const extractor *x, size_t i)
{
    while (i < x->end) {
        size_t q = i;
        if (!u_isalpha((UChar32)tma_utf8_next(x->text, x->end, &q)))
            break;
        i = q;
    }
    return i;
}

/* The power of ten of a scale word ("billion", "млрд") after one space at I, or 0. */
static int scale_after(extractor *x, size_t i)
{
    size_t sp = group_space(x->text, i, x->end);
    if (sp == 0)
        return 0;
    size_t w = i + sp, w_end = letters_end(x, w);
    if (w_end == w)
        return 0;
    x->s->fold.len = 0;
    if (tma_fold_case(&x->s->fold, x->text + w, w_end - w) < 0)
        return 0;
    return tma_anchor_scale_power(x->tables, x->s->fold.data, x->s->fold.len);
}

/* 1 if the four digits at S[i..i+4) are a time of day written as news agencies write it before a
 * time zone ("0230 GMT", "1445 UTC"): hours under 24, minutes under 60, then one space and GMT or
 * UTC. Other versions write "02:30", which gives the numbers 2 and 30. */
static int is_zoned_time(const extractor *x, size_t i)
{
    const char *s = x->text;
    size_t sp = group_space(s, i + 4, x->end);
    if (digit_run(s, i, x->end) != 4 || sp == 0 || i + 4 + sp + 3 > x->end ||
        (memcmp(s + i + 4 + sp, "GMT", 3) != 0 && memcmp(s + i + 4 + sp, "UTC", 3) != 0))
        return 0;
    size_t after = i + 4 + sp + 3;
    if (after < x->end) {
        size_t q = after;
        if (u_isalnum((UChar32)tma_utf8_next(s, x->end, &q)))
            return 0;
    }
    int hours = (s[i] - '0') * 10 + (s[i + 1] - '0'),
        minutes = (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
    return hours < 24 && minutes < 60;
}

/* Adds the number written by the LEN digits at S[start..] as an anchor. */
static int push_digits(extractor *x, size_t start, size_t len)
{
    const char *s = x->text + start;
    size_t lead = 0;
    while (lead + 1 < len && s[lead] == '0')
        lead++;
    uint64_t key = hash_key('N', s + lead, len - lead);
    return push_anchor(x, TMA_ANCHOR_NUMBER, key, key, start, len, len - lead);
}

/* The most runs of digits read as one number: "1,000,000,000.5" is five. */
#define MAX_NUMBER_RUNS 8

/* A run of digits of a number and the separator before it. */
typedef struct number_run {
    char sep;     /* 0 for the first run, ' ' for a grouping space, ',' or '.' */
    size_t start; /* the digits' byte offset */
    size_t len;   /* bytes = digits */
} number_run;

/* A number as its digits: the integer part, without leading zeros, and the fraction, without
 * trailing ones. */
typedef struct number_value {
    char digits[140];
    size_t len, significant;
} number_value;

/* Builds V from runs [0, groups) as the integer part and run FRACTION (if not 0) as the fraction,
 * shifted by a scale word's POWER of ten. */
static void number_value_of(number_value *v, const char *s, const number_run *runs, size_t groups,
                            size_t fraction, int power)
{
    char intpart[64], frac[64];
    size_t ni = 0, nf = 0;
    for (size_t g = 0; g < groups; g++) {
        for (size_t k = 0; k < runs[g].len && ni < sizeof intpart - 1; k++)
            intpart[ni++] = s[runs[g].start + k];
    }
    for (size_t k = 0; fraction && k < runs[fraction].len && nf < sizeof frac - 1; k++)
        frac[nf++] = s[runs[fraction].start + k];
    for (; power > 0; power--) {
        char d = '0';
        if (nf > 0) {
            d = frac[0];
            memmove(frac, frac + 1, --nf);
        }
        if (ni < sizeof intpart - 1)
            intpart[ni++] = d;
    }
    size_t lead = 0;
    while (lead + 1 < ni && intpart[lead] == '0')
        lead++;
    while (nf > 0 && frac[nf - 1] == '0')
        nf--;
    int len = snprintf(v->digits, sizeof v->digits, "%.*s%s%.*s", (int)(ni - lead), intpart + lead,
                       nf ? "." : "", (int)nf, frac);
    v->len = (size_t)len;
    v->significant = ni - lead + nf;
}

/* Reads the runs of digits of the number at I (a digit) into RUNS: the first, then each that
 * follows a comma, a full stop or (three digits exactly) a grouping space. Returns how many. */
static size_t number_runs(const extractor *x, size_t i, number_run *runs)
{
    const char *s = x->text;
    size_t n = 0;
    runs[n++] = (number_run){0, i, digit_run(s, i, x->end)};
    while (n < MAX_NUMBER_RUNS) {
        size_t at = runs[n - 1].start + runs[n - 1].len, sep = group_space(s, at, x->end);
        char c = sep > 0 ? ' ' : at < x->end ? s[at] : 0;
        if (c == ',' || c == '.')
            sep = 1;
        size_t d = sep > 0 ? digit_run(s, at + sep, x->end) : 0;
        if (d == 0 || (c == ' ' && d != 3))
            break;
        runs[n++] = (number_run){c, at + sep, d};
    }
    return n;
}

/* Reads the number at I (a digit) and adds it as an anchor; a scale word may follow ("4
 * billion"). Runs of three digits after the first group thousands when the first run could lead
 * a number of thousands (one to three digits, not a leading zero) and they are all set off alike,
 * by grouping spaces ("1 000") or by one mark ("1,000,000"); a comma or a full stop after them
 * starts the fraction. A first run of four digits or more groups nothing: "2008 400" is 2008 and
 * 400. One group set off by a comma where the comma is the decimal mark (Russian, Armenian), or
 * by a full stop in any language, is read both ways, the second as ALT_KEY: "9,000" is 9000 and
 * 9. Stores the position after the number in *next. */
static int take_number(extractor *x, size_t i, size_t *next)
{
    const char *s = x->text;
    if (is_zoned_time(x, i)) {
        *next = i + 4;
        int rc = push_digits(x, i, 2);
        return rc < 0 ? rc : push_digits(x, i + 2, 2);
    }
    number_run runs[MAX_NUMBER_RUNS];
    size_t n = number_runs(x, i, runs), groups = 1, fraction = 0;
    char mark = 0;
    int may_group = runs[0].len <= 3 && s[runs[0].start] != '0';
    while (may_group && groups < n && runs[groups].len == 3 &&
           (mark == 0 || runs[groups].sep == mark)) {
        mark = runs[groups].sep;
        groups++;
    }
    if (groups < n && runs[groups].sep != ' ' && runs[groups].sep != mark)
        fraction = groups;
    size_t last = fraction ? fraction : groups - 1;
    size_t end = runs[last].start + runs[last].len;
    int power = scale_after(x, end);
    int ambiguous =
        groups == 2 && fraction == 0 && (mark == '.' || (mark == ',' && x->comma_decimal));
    /* Where the mark is the language's decimal mark, the decimal reading comes first. */
    int decimal_first = ambiguous && (mark == ',') == (x->comma_decimal != 0);
    number_value grouped, decimal;
    number_value_of(&grouped, s, runs, groups, fraction, power);
    if (ambiguous)
        number_value_of(&decimal, s, runs, 1, 1, power);
    const number_value *key = decimal_first ? &decimal : &grouped;
    const number_value *alt = !ambiguous ? &grouped : decimal_first ? &grouped : &decimal;
    *next = end;
    return push_anchor(x, TMA_ANCHOR_NUMBER, hash_key('N', key->digits, key->len),
                       hash_key('N', alt->digits, alt->len), i, end - i, key->significant);
}

/* The name's skeleton key, or 0 when the skeleton is too short to tell names apart. */
static int name_key(extractor *x, const char *w, size_t len, uint64_t *key)
{
    *key = 0;
    int rc = tma_translit_skeleton(&x->s->skeleton, &x->s->translit, w, len, x->err);
    if (rc < 0)
        return rc;
    if (x->s->skeleton.len >= MIN_NAME_SKELETON)
        *key = hash_key('S', x->s->skeleton.data, x->s->skeleton.len);
    return 0;
}

static int is_latin_vowel(char c)
{
    return c != 0 && strchr("aeiouyAEIOUY", c) != NULL;
}

/* An English name's second key, its spelling as Russian and Armenian render it where English
 * letters say another sound, into *key (0 when it reads the same): a g before e, i or y as j
 * ("George" / "Джордж" / "Ջորջ", "Virginia"), where other names keep a hard g ("Gibraltar"),
 * and a w beside a vowel as u ("Wilson" / "Уилсон" / "Ուիլսոն", "Wembley" / "Уэмбли"), where
 * others write v ("Wagner" / "Вагнер", which the first key meets). */
static int respelt_key(extractor *x, const char *w, size_t len, uint64_t *key)
{
    *key = 0;
    tma_buf *respelt = &x->s->respelt;
    respelt->len = 0;
    int changed = 0;
    for (size_t i = 0; i < len; i++) {
        char c = w[i], prev = i > 0 ? w[i - 1] : 0, next = i + 1 < len ? w[i + 1] : 0;
        char as = c;
        if ((c == 'g' || c == 'G') && (next == 'e' || next == 'i' || next == 'y'))
            as = c == 'G' ? 'J' : 'j';
        else if ((c == 'w' || c == 'W') && (is_latin_vowel(prev) || is_latin_vowel(next)))
            as = c == 'W' ? 'U' : 'u';
        changed |= as != c;
        if (tma_buf_push(respelt, as) < 0)
            return tma_error_nomem(x->err, "finding anchors");
    }
    return changed ? name_key(x, respelt->data, respelt->len, key) : 0;
}

size_t tma_anchor_ending_length(const tma_anchor_tables *tables, const char *lang, const char *w,
                                size_t len)
{
    const tma_table *endings = tma_lang_is(lang, "ru")   ? &tables->endings_ru
                               : tma_lang_is(lang, "hy") ? &tables->endings_hy
                                                         : NULL;
    if (endings == NULL)
        return 0;
    size_t best = 0, cut = len;
    for (int k = 0; k < 4 && cut > 0; k++) {
        tma_utf8_prev(w, &cut);
        if (tma_table_get(endings, w + cut, len - cut) >= 0)
            best = len - cut;
    }
    size_t rest = 0;
    for (size_t i = 0; i < len - best; rest++)
        tma_utf8_next(w, len - best, &i);
    return rest >= 3 ? best : 0;
}

/* The concept of the folded word in FOLD: a lexicon stem written with a final "$" matches the
 * whole word only ("мая$" is not in "майор", "march$" not in "marched"), any other the word's
 * start, from MIN_STEM_CHARS code points on. -1 if none, -2 out of memory. */
static int lexicon_lookup(const tma_table *t, tma_buf *fold)
{
    if (tma_buf_append(fold, "$", 1) < 0)
        return -2;
    int concept = tma_table_get(t, fold->data, fold->len);
    fold->len--;
    return concept >= 0 ? concept
                        : tma_table_longest_prefix(t, fold->data, fold->len, MIN_STEM_CHARS);
}

int tma_anchor_is_acronym(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        if (u_islower((UChar32)tma_utf8_next(s, len, &i)))
            return 0;
    }
    return 1;
}

/* 1 if the code point C is a letter of the Latin script. */
static int is_latin(uint32_t c)
{
    UErrorCode st = U_ZERO_ERROR;
    return uscript_getScript((UChar32)c, &st) == USCRIPT_LATIN && U_SUCCESS(st);
}

/* The word [s, e), case-folded in X's scratch, as a verbatim anchor. */
static int push_verbatim(extractor *x, size_t s, size_t e)
{
    uint64_t key = hash_key('V', x->s->fold.data, x->s->fold.len);
    return push_anchor(x, TMA_ANCHOR_VERBATIM, key, key, s, e - s, 0);
}

/* 1 if the word [s, e) of a Latin text may stand as written in a text of another script: it has
 * a capital, as brands, bands, titles and acronyms do ("Royal Blood", "BBC", "iPhone"), and does
 * not begin the sentence, where every word has one. */
static int verbatim_candidate(const extractor *x, size_t s, size_t e, int first)
{
    if (first || !x->latin)
        return 0;
    for (size_t i = s; i < e;) {
        if (u_isupper((UChar32)tma_utf8_next(x->text, e, &i)))
            return 1;
    }
    return 0;
}

/* A word of letters at [s, e): a lexicon name, a name, a verbatim word, or nothing. FIRST says
 * whether it begins the sentence. A word in Latin letters inside a text of another script is
 * verbatim besides what else it is, as the Latin text has it as written but may know it as an
 * ordinary word ("Royal", "Page") or take it for too short a name ("BBC"); in the Latin text such
 * a word is verbatim only where it is no other anchor. */
static int take_word(extractor *x, size_t s, size_t e, int first)
{
    tma_anchor_scratch *sc = x->s;
    sc->fold.len = 0;
    if (tma_fold_case(&sc->fold, x->text + s, e - s) < 0)
        return tma_error_nomem(x->err, "finding anchors");
    size_t i = s;
    uint32_t c = tma_utf8_next(x->text, e, &i);
    if (!x->latin && is_latin(c) && i < e) {
        int rc = push_verbatim(x, s, e);
        if (rc < 0)
            return rc;
    }
    int value = tma_table_get(&x->tables->numwords, sc->fold.data, sc->fold.len);
    if (value > 0) {
        char digits[16];
        int n = snprintf(digits, sizeof digits, "%d", value);
        uint64_t key = hash_key('N', digits, (size_t)n);
        return push_anchor(x, TMA_ANCHOR_NUMBER, key, key, s, e - s, (size_t)n);
    }
    int concept = lexicon_lookup(&x->tables->lexicon, &sc->fold);
    if (concept == -2)
        return tma_error_nomem(x->err, "finding anchors");
    if (concept >= 0) {
        uint64_t key = concept_key(concept);
        return push_anchor(x, TMA_ANCHOR_LEXICON, key, key, s, e - s, 0);
    }
    int verbatim = verbatim_candidate(x, s, e, first);
    if (!(u_isupper((UChar32)c) || u_istitle((UChar32)c)))
        return verbatim && i < e ? push_verbatim(x, s, e) : 0;
    size_t chars = 0;
    for (size_t k = s; k < e; chars++)
        tma_utf8_next(x->text, e, &k);
    if (chars < 3)
        return verbatim && chars == 2 ? push_verbatim(x, s, e) : 0;
    /* A capitalised word that the dictionary knows in lowercase is an ordinary word, but for
     * the QA's second list of names. */
    int known = x->dicts ? tma_stem_knows(x->dicts, x->lang, sc->fold.data, sc->fold.len) : -1;
    int name = known != 1 && !(known < 0 && first);
    int known_name =
        x->known != NULL && known == 1 && !first && !tma_anchor_is_acronym(x->text + s, e - s);
    if (!name && !known_name)
        return verbatim ? push_verbatim(x, s, e) : 0;
    uint64_t key, alt;
    int rc = name_key(x, x->text + s, e - s, &key);
    if (rc < 0)
        return rc;
    if (key == 0)
        return verbatim ? push_verbatim(x, s, e) : 0;
    alt = key;
    size_t cut = tma_anchor_ending_length(x->tables, x->lang, sc->fold.data, sc->fold.len);
    if (cut > 0) {
        /* The folded word and the word have the same letters, so the ending's bytes match. */
        rc = name_key(x, x->text + s, e - s - cut, &alt);
        if (rc < 0)
            return rc;
        if (alt == 0)
            alt = key;
    } else if (tma_lang_is(x->lang, "en")) {
        rc = respelt_key(x, x->text + s, e - s, &alt);
        if (rc < 0)
            return rc;
        if (alt == 0)
            alt = key;
    }
    if (!name && verbatim) {
        rc = push_verbatim(x, s, e);
        if (rc < 0)
            return rc;
    }
    return push_to(x, name ? x->out : x->known, TMA_ANCHOR_NAME, key, alt, s, e - s, 0);
}

/* Runs the extractor X over the sentence from START. */
static int extract(extractor *x, size_t start)
{
    const char *text = x->text;
    size_t i = start;
    int first = 1, rc = 0;
    while (i < x->end && rc == 0) {
        size_t next = i;
        uint32_t c = tma_utf8_next(text, x->end, &next);
        if (is_digit(c)) {
            rc = take_number(x, i, &next);
            first = 0;
        } else if (u_isalpha((UChar32)c)) {
            next = letters_end(x, i);
            rc = take_word(x, i, next, first);
            first = 0;
        }
        i = next;
    }
    return rc;
}

/* 1 if LANG is written in Latin letters (or ICU does not know its script). A sentence at a time
 * asks, so each thread keeps the last answer. */
static int writes_latin(const char *lang)
{
    static _Thread_local char last[TMA_LANG_BYTES];
    static _Thread_local int last_latin, asked;
    if (!asked || strcmp(last, lang) != 0) {
        asked = 1;
        UScriptCode scripts[8];
        int n = tma_lang_scripts(scripts, 8, lang);
        last_latin = n == 0;
        for (int k = 0; k < n; k++)
            last_latin |= scripts[k] == USCRIPT_LATIN;
        snprintf(last, sizeof last, "%s", lang);
    }
    return last_latin;
}

int tma_anchor_extract(tma_buf *out, tma_buf *known, tma_anchor_scratch *scratch,
                       const tma_anchor_tables *tables, tma_stem_dicts *dicts, const char *text,
                       size_t start, size_t len, const char *lang, tma_error *err)
{
    extractor x = {out,
                   known,
                   scratch,
                   tables,
                   dicts,
                   text,
                   start + len,
                   lang,
                   tma_lang_is(lang, "ru") || tma_lang_is(lang, "hy"),
                   writes_latin(lang),
                   err};
    return extract(&x, start);
}
