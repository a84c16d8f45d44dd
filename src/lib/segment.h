/* Splitting paragraphs into sentences: ICU's sentence iterator proposes breaks, and tmalign's
 * per-language rules (src/data/abbrev.*.tsv, starters.*.tsv, openers.*.tsv) remove the false ones
 * and add those ICU misses.
 *
 * The module is src/lib/segment/, one job per file, each stage including only those before it:
 * rules.c loads the tables; para.h/.c read a paragraph around a break and hold the candidates;
 * missed.c adds the breaks ICU misses and filter.c removes its false ones; breaks.c runs ICU and
 * then both on a paragraph; segment.c makes the sentences. */
#ifndef TMA_SEGMENT_H
#define TMA_SEGMENT_H

#include "bounds.h"
#include "buf.h"
#include "table.h"
#include "text.h"
#include "tmalign.h"

#include <unicode/ubrk.h>

/* Kinds of abbreviation in abbrev.LANG.tsv, in the order of their names there (the file's header
 * says what each means to the splitter). */
enum {
    TMA_ABBREV_PREFIX,
    TMA_ABBREV_NUMBER,
    TMA_ABBREV_YEAR,
    TMA_ABBREV_END,
    TMA_ABBREV_FINAL,
    TMA_ABBREV_ORDINAL,
    TMA_ABBREV_TITLE
};

/* The key of abbrev.LANG.tsv that stands for any whole number of one to three digits. */
#define TMA_ABBREV_ANY_NUMBER "0"

/* Kinds of word in openers.LANG.tsv, in the order of their names there. */
enum { TMA_OPENER_WORD, TMA_OPENER_ARTICLE, TMA_OPENER_LINK };

/* One language's splitting rules, built once into the ctx and then only read. */
typedef struct tma_seg_rules {
    char lang[TMA_LANG_BYTES];    /* primary subtag: "en"; "" for the generic rules */
    tma_table abbrev;   /* case-folded abbreviation without its "." -> TMA_ABBREV_* */
    tma_table starters; /* words that typically begin a sentence -> 0 */
    tma_table openers;  /* openers and articles, case-sensitive -> TMA_OPENER_* */
    size_t suffix_max;  /* bytes of the longest "-ending" key of abbrev ("-str"), 0 if none */
    /* For each byte value: TMA_OPENER_LEAD if an opener begins with it, TMA_OPENER_AT if it
     * marks where an opener may begin (an opener's first byte when ASCII, else the second byte of
     * its first character, which tells a capital from a lowercase letter of the same lead byte).
     * One lookup per byte rules out nearly every position without decoding it. */
    unsigned char opener_bytes[256];
} tma_seg_rules;

enum { TMA_OPENER_LEAD = 1, TMA_OPENER_AT = 2 };

/* The most languages with splitting tables that a ctx loads. */
#define TMA_SEG_MAX_RULE_LANGS 32

/* Stores in OUT (room for MAX) the languages that have splitting tables among the embedded data
 * files (abbrev.LANG.tsv, starters.LANG.tsv, openers.LANG.tsv), each once, and returns how many. */
size_t tma_seg_rule_langs(char (*out)[TMA_LANG_BYTES], size_t max);

/* Loads the rules of LANG (a primary subtag) from the embedded data files; a language with no
 * files gets the generic rules. */
int tma_seg_rules_load(tma_seg_rules *out, const char *lang, tma_error *err);
void tma_seg_rules_free(tma_seg_rules *rules);

#define TMA_SEG_MAX_ITERATORS 8

/* One thread's sentence iterators, one per language, opened on first use. */
typedef struct tma_seg_iterators {
    struct {
        char lang[TMA_LANG_BYTES];
        UBreakIterator *bi;
    } slot[TMA_SEG_MAX_ITERATORS];
    size_t count;
    tma_buf scratch; /* a paragraph with its line breaks made spaces, as ICU sees it */
    tma_buf breaks;  /* the break candidates of one paragraph */
    tma_buf fold;    /* a case-folded word */
} tma_seg_iterators;

#define TMA_SEG_ITERATORS_INIT {0}

void tma_seg_iterators_free(tma_seg_iterators *its);

/* Takes each non-blank line of every paragraph of TEXT as one sentence, for text that another tool
 * has split already; stores the sentences as tma_seg_split does. */
int tma_seg_lines(tma_sentence **out, size_t *count, const tma_text *text, tma_error *err);

/* Splits every paragraph of TEXT, in language LANG with RULES, into sentences. On success stores
 * a new array in *out (free with free()), its length in *count, and returns 0. Sentence offsets
 * are NFC offsets; orig_start and orig_len are filled from TEXT's offset map. */
int tma_seg_split(tma_sentence **out, size_t *count, tma_seg_iterators *its,
                  const tma_seg_rules *rules, const tma_text *text, const char *lang,
                  tma_error *err);

/* The number of code points of S[0..len) with each run of white space counted as one and none
 * counted at either end. */
uint32_t tma_seg_count_chars(const char *s, size_t len);

/* Fills *OUT with the sentence TEXT[start, end) (NFC offsets) of paragraph PARAGRAPH, without the
 * white space at its ends: its file offsets and its length as the length model counts it (no
 * anchors). Returns 0 when it is all white space, 1 otherwise. */
int tma_seg_sentence(tma_sentence *out, const tma_text *text, size_t start, size_t end,
                     uint32_t paragraph);

#endif
