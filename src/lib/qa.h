/* Quality checks of an aligned story, shared by the TMX writer (a <note> in each flagged unit) and
 * the QA report (findings): the checks of one unit (low confidence, length ratio, numbers and
 * names without a counterpart) and the spelling check of a document's words. A story's tma_qa is
 * built once and both read it, so that the checks of its joined units run once. Layer: after
 * join, before tmx and report. */
#ifndef TMA_QA_H
#define TMA_QA_H

#include "anchor.h"
#include "buf.h"
#include "tmalign.h"
#include "translit.h"

/* What the checks of a unit found, a bit each. */
enum {
    TMA_QA_LOW_CONFIDENCE = 1u << 0,  /* the unit scored under the threshold */
    TMA_QA_LENGTH_RATIO = 1u << 1,    /* a side far longer or shorter than the story's usual */
    TMA_QA_NUMBER_MISMATCH = 1u << 2, /* a number in digits on one side only */
    TMA_QA_NAME_MISMATCH = 1u << 3,   /* a name on one side only */
};

/* What the checks found in one of the story's joined units, each language k > 0 compared with
 * language 0: what the TMX with every language notes and the report lists. */
typedef struct tma_qa_result {
    int checked;    /* 1 once the checks below have run */
    unsigned flags; /* TMA_QA_ bits, as tma_qa_unit_flags gives them */
    /* [k]: tma_qa_length_ratio of side k to side 0; 0 for k = 0 and where a side is empty. */
    double length_ratio[TMA_MAX_LANGS];
} tma_qa_result;

typedef struct tma_qa_ahead tma_qa_ahead;

/* The checks of one story: what they measure against, their scratch and what they found in the
 * story's joined units, built once per story and read by the TMX writer and the report. Borrows
 * the story; belongs to one thread. */
typedef struct tma_qa {
    const tma_story *story;
    double low_confidence; /* units under this score are low-confidence */
    /* The story's median length ratio (code points) of language k to language 0, over the units
     * that have both; ratio[0] is 1, and 0 means unknown. */
    double ratio[TMA_MAX_LANGS];
    /* The keys (both forms) of every name and lexicon anchor of language k's document, sorted,
     * and those of its known_names (both malloc'd). */
    uint64_t *names[TMA_MAX_LANGS], *known_keys[TMA_MAX_LANGS];
    size_t name_count[TMA_MAX_LANGS], known_key_count[TMA_MAX_LANGS];
    /* Language k's capitalised words that its dictionary knows in lowercase, as name anchors
     * (tma_doc_known_names, borrowed from the doc), sentence by sentence: sentence i's are
     * known_names[k][known_first[k][i] .. known_first[k][i + 1]) (known_first malloc'd). */
    const tma_anchor *known_names[TMA_MAX_LANGS];
    size_t *known_first[TMA_MAX_LANGS];
    /* Where language k's names stand, for a name that another of its places confirms (qaname.c,
     * malloc'd). */
    struct tma_qa_places *places[TMA_MAX_LANGS];
    tma_translit *translit;          /* for names that the anchors of one side missed (borrowed) */
    const tma_anchor_tables *tables; /* number words for numbers the anchors missed (borrowed) */
    tma_buf skeleton, other, word;
    tma_qa_result *results; /* one per joined unit, filled when first asked for (malloc'd) */
    tma_qa_ahead *ahead;    /* the thread checking the units ahead, NULL if none (qaahead.c) */
} tma_qa;

/* Sets up OUT for STORY: measures its length ratios and lists its names. W is the thread's worker,
 * whose transliterator spells the other side's words in Latin and whose ctx's tables read number
 * words. Free it with tma_qa_free (also after a failure). */
int tma_qa_init(tma_qa *out, const tma_story *story, tma_worker *w, double low_confidence,
                tma_error *err);
void tma_qa_free(tma_qa *qa);

/* How far the length ratio of side K of unit U to side OTHER lies from the story's usual ratio:
 * the ratio divided by the usual one, when it lies more than 2.5 times above or below it; 0 when
 * it does not, or when the unit is too short to tell. */
double tma_qa_length_ratio(const tma_qa *qa, const tma_unit *u, size_t k, size_t other);

/* 1 if sides A and B of unit U both have anchors (numbers, names, lexicon names), at least two in
 * all, and not one of A's meets one of B's: the sides speak of different things. */
int tma_qa_anchors_disagree(const tma_qa *qa, const tma_unit *u, size_t a, size_t b);

/* The anchors on side K of unit U that side OTHER lacks: with KIND TMA_ANCHOR_NUMBER, numbers
 * written with digits that OTHER has in no form (digits, words, ordinals, Roman numerals, the
 * other clock: tma_qa_number_elsewhere); with TMA_ANCHOR_NAME, names and the lexicon's names
 * whose forms it lists in OTHER's language (tma_anchor_lexicon_name_in) that OTHER has neither as
 * an anchor (a name of the same transliterated skeleton or a lexicon name) nor as a word that may
 * write it (tma_qa_name_missing), though OTHER's document has the name elsewhere or another unit
 * shows how it writes it. A name never met in OTHER's document is more often spelt or translated
 * in a way the anchors miss ("British" and "британский") than dropped, and is not reported.
 * Appends them to OUT (an array of tma_anchor) unless OUT is NULL and stores how many in *found. */
int tma_qa_missing(tma_buf *out, size_t *found, tma_qa *qa, const tma_unit *u, size_t k,
                   size_t other, tma_anchor_kind kind, tma_error *err);

/* The checks of unit U among the languages LANGS[0..n) (indices into the story's docs; LANGS[0]
 * is the one the others are compared with), as TMA_QA_ bits into *out, run on every call: for a
 * pair's units. The story's joined units have theirs kept by tma_qa_story_unit. */
int tma_qa_unit_flags(unsigned *out, tma_qa *qa, const tma_unit *u, const size_t *langs, size_t n,
                      tma_error *err);

/* The checks of the story's joined unit I (an index into tma_story_units) among all its
 * languages, run the first time the unit is asked for and kept in QA: the TMX writer and the
 * report read them without running them again. Stores in *out a result owned by QA, valid until
 * tma_qa_free. */
int tma_qa_story_unit(const tma_qa_result **out, tma_qa *qa, size_t i, tma_error *err);

/* Below this many joined units, checking them on a thread of its own costs more than it saves. */
#define TMA_QA_AHEAD_MIN_UNITS 2000

/* Starts checking the story's joined units in order on a thread of its own (with a worker of its
 * own on W's ctx, for its transliterator), so that a writer asking for them one by one does not
 * wait for each: tma_qa_story_unit then waits until that thread has checked the unit asked for,
 * or has stopped. The results are those the caller's thread would find. Does nothing for a story
 * of fewer than MIN_UNITS joined units, on one core, or when the thread cannot be started.
 * tma_qa_free stops the thread. */
void tma_qa_start_ahead(tma_qa *qa, tma_worker *w, size_t min_units);

/* What qa.c needs of the thread: wait until unit I is checked or the thread stopped; stop it and
 * free it (QA's ahead is then NULL). */
void tma_qa_ahead_wait(tma_qa_ahead *ahead, size_t i);
void tma_qa_stop_ahead(tma_qa *qa);

/* A word the spelling check does not accept. */
typedef struct tma_qa_word {
    size_t start, len;   /* bytes of the doc's NFC text */
    uint32_t sentence;   /* its index in the doc */
    char suggestion[64]; /* a compound the dictionary lists, one letter away; "" if none */
} tma_qa_word;

/* Appends to OUT (an array of tma_qa_word) the words of sentence I of DOC that the hunspell
 * dictionary of its language does not know (nor, where there is one, that of its other variety:
 * en_GB for en), through W's dictionaries and cache, and adds to *checked the number of words it
 * looked up. Left out: words with a capital letter (names and acronyms, which the anchors take),
 * numbers and words with digits, URLs, e-mail addresses and abbreviations with dots, words in
 * another script than the language's, short words (three letters at most) that end in a full
 * stop or stand beside a capitalised word (abbreviations, "da Gama"), hyphenated words with a
 * one-letter part ("г-н"). A hyphenated compound whose parts are words ("large-sale") is
 * reported when the language's compound dictionary lists one a letter away ("large-scale") and
 * not the compound itself. Nothing is found for a language without a dictionary. */
int tma_qa_misspelled(tma_buf *out, size_t *checked, tma_worker *w, const tma_doc *doc, size_t i,
                      tma_error *err);

#endif
