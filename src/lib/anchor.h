/* Anchors: numbers, names and lexicon names found in a sentence, normalised so that the same
 * number or name has the same key in every language. */
#ifndef TMA_ANCHOR_H
#define TMA_ANCHOR_H

#include "buf.h"
#include "stem.h"
#include "table.h"
#include "translit.h"
#include "tmalign.h"

/* A concept of lexicon.tsv as the QA's name check reads it: the key of its anchors and a bit per
 * language column (TMA_LEXICON_EN, _RU, _HY) that lists forms of it; none for a date. */
typedef struct tma_lexicon_concept {
    uint64_t key;
    uint8_t columns;
} tma_lexicon_concept;

enum { TMA_LEXICON_EN = 1u << 0, TMA_LEXICON_RU = 1u << 1, TMA_LEXICON_HY = 1u << 2 };

/* The tables anchors need, built once into the ctx and then only read. */
typedef struct tma_anchor_tables {
    tma_table lexicon;       /* case-folded stem -> concept index (lexicon.tsv) */
    tma_lexicon_concept *concepts; /* sorted by key (malloc'd) */
    size_t concept_count;
    tma_table scale;         /* case-folded stem -> power of ten (scale.tsv) */
    tma_table numwords;      /* case-folded number word -> its value (numwords.tsv) */
    tma_table numforms;      /* case-folded words the QA takes for numbers (numforms.tsv) */
    tma_table numform_stems; /* case-folded stems of numforms.tsv (those with a "*") */
    tma_table endings_ru;    /* endings stripped from Russian names (endings.ru.tsv) */
    tma_table endings_hy;    /* endings stripped from Armenian names (endings.hy.tsv) */
} tma_anchor_tables;

int tma_anchor_tables_load(tma_anchor_tables *out, tma_error *err);
void tma_anchor_tables_free(tma_anchor_tables *t);

/* 1 if the lexicon anchor A is of a name (not a date) whose forms the lexicon lists for LANG, so
 * that a translation into LANG that names it is known to show it: what the QA's name check reads
 * of the lexicon. */
int tma_anchor_lexicon_name_in(const tma_anchor_tables *t, const tma_anchor *a, const char *lang);

/* What extraction needs besides the tables: one thread's transliterators and scratch. */
typedef struct tma_anchor_scratch {
    tma_translit translit;
    tma_buf fold, skeleton;
    tma_buf respelt; /* an English name as Russian and Armenian render it (respelt_key) */
} tma_anchor_scratch;

#define TMA_ANCHOR_SCRATCH_INIT                                                                    \
    {                                                                                              \
        TMA_TRANSLIT_INIT, TMA_BUF_INIT, TMA_BUF_INIT, TMA_BUF_INIT                                \
    }

void tma_anchor_scratch_free(tma_anchor_scratch *s);

/* The length in bytes of the longest case ending of LANG (endings.LANG.tsv: Russian and Armenian)
 * that the case-folded word W (LEN bytes) ends with, leaving at least three code points; 0 if
 * none or LANG has no table. */
size_t tma_anchor_ending_length(const tma_anchor_tables *tables, const char *lang, const char *w,
                                size_t len);

/* The value of the case-folded word W (LEN bytes) as a number word of numwords.tsv or
 * numforms.tsv (a whole form, else the longest stem it starts with), or -1: what the QA number
 * check accepts for a number in digits ("third", "пятом", "одну"). */
int tma_anchor_number_word(const tma_anchor_tables *t, const char *w, size_t len);

/* The power of ten of the case-folded word W (LEN bytes) as a scale word of scale.tsv (the
 * longest stem it starts with: "thousand", "тысячи", "млрд"), or 0. */
int tma_anchor_scale_power(const tma_anchor_tables *t, const char *w, size_t len);

/* 1 if anchors X and Y, of two languages, are the same number or name (in either form). */
int tma_anchors_meet(const tma_anchor *x, const tma_anchor *y);

/* Finds the anchors of the sentence TEXT[start..start+len) in language LANG and appends them to
 * OUT (an array of tma_anchor), in text order. DICTS tells names from ordinary words (may be
 * NULL: then a capitalised word that does not begin the sentence is a name). With KNOWN, also
 * appends there the name anchors of the words it leaves out as ordinary words: capitalised words,
 * neither acronyms nor the sentence's first word, that DICTS knows in lowercase ("Лавров",
 * "Путину", "Harbour"). Such a word is as often a common noun as a name, and the alignment does
 * not count on it; the QA name check does, where the other side's document also has the name. */
int tma_anchor_extract(tma_buf *out, tma_buf *known, tma_anchor_scratch *scratch,
                       const tma_anchor_tables *tables, tma_stem_dicts *dicts, const char *text,
                       size_t start, size_t len, const char *lang, tma_error *err);

/* 1 if the LEN bytes at S hold no lowercase letter: an acronym ("NATO", "ООН", "ՏԱԱՆ"). */
int tma_anchor_is_acronym(const char *s, size_t len);

#endif
