/* The words of a document as the aligner's lexical score sees them (issue 18): for each sentence,
 * the keys of its own words, and for each of its words that a lexicon translates into the other
 * language of a pair, the keys of those translations. A key is a 32-bit hash of a word's first
 * TMA_WORD_KEY_CHARS code points in the lexicon's compared form, so that inflected forms of one
 * stem meet (президент, президента) without a stemmer per language. */
#ifndef TMA_WORDS_H
#define TMA_WORDS_H

#include "lexicon.h"
#include "tmalign.h"

#include <stddef.h>
#include <stdint.h>

/* Code points of a word that make its key. */
#define TMA_WORD_KEY_CHARS 5
/* Words shorter than this many letters carry no key: they are mostly function words. */
#define TMA_WORD_MIN_CHARS 3
/* At most this many translation keys per word: the first senses, which the dictionaries list
 * first. */
#define TMA_WORD_MAX_KEYS 8
/* 64-bit words of each sentence's Bloom filter of its keys. */
#define TMA_WORD_BLOOM_WORDS 8

/* One side of a pair. Sentence i's own keys are keys[key_first[i] .. key_first[i + 1]), sorted
 * and unique, and their filter bloom[i * TMA_WORD_BLOOM_WORDS ..]; its looked-up words are
 * [word_first[i], word_first[i + 1]). Word w's translation keys are those of its answer
 * a = word_answer[w]: answer_keys[answer_first[a] .. answer_first[a + 1]), one list per word as
 * written, however often it occurs. The looked-up words of sentence i whose answer sentence
 * i + 1 has too are repeats[repeat_first[i] .. repeat_first[i + 1]) (tma_words_repeats_found). All
 * arrays are owned. */
typedef struct tma_words {
    size_t n;
    uint32_t *key_first, *keys;
    uint64_t *bloom;
    uint32_t *word_first, *word_answer, *answer_first, *answer_keys;
    uint32_t *repeat_first, *repeats;
    /* With the source's with_stems (else NULL): keys[k]'s stem, the text its key hashes, at
     * stems + key_stem[k], NUL-terminated. */
    uint32_t *key_stem;
    char *stems;
} tma_words;

#define TMA_WORDS_INIT                                                                             \
    {                                                                                              \
        0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL                        \
    }

struct tma_learned;

/* Where a document's words find their translations, each optional. */
typedef struct tma_words_source {
    tma_lexicon *lex; /* dictionaries and glossaries */
    tma_lexicon_dir dir; /* from the doc's language to the other */
    const struct tma_learned *learned; /* a learned lexicon of the pair (learn.h) */
    int learned_from_b;                /* the doc's language is the learned lexicon's B */
    int with_stems;                    /* keep each key's stem (a learner's input) */
} tma_words_source;

/* Fills OUT with the words of DOC, its words looked up in SRC (toward OTHER_LANG, the pair's
 * other language); with neither lexicon in SRC no word is looked up. TABLES has the languages'
 * case endings. Returns 0, or a negative tma_status when a dictionary turns out broken or memory
 * runs out. */
struct tma_anchor_tables;
int tma_words_build(tma_words *out, const tma_doc *doc, const struct tma_anchor_tables *tables,
                    const char *other_lang, const tma_words_source *src, tma_error *err);

void tma_words_free(tma_words *w);

/* How many looked-up words of sentences [x, x + dx) of FROM have a translation among the keys of
 * sentences [y, y + dy) of TO. */
uint32_t tma_words_matches(const tma_words *from, size_t x, size_t dx, const tma_words *to, size_t y,
                           size_t dy);

/* For k = 1..SPANS: how many looked-up words of sentence X of FROM have a translation among the
 * keys of sentences [y, y + k) of TO, in COUNTS[k - 1]; at most 8 spans, y + SPANS <= TO's
 * sentences. One pass for all, as tma_words_matches would make SPANS. */
void tma_words_matches_by_span(uint32_t *counts, size_t spans, const tma_words *from, size_t x,
                               const tma_words *to, size_t y);

/* For the looked-up word K of FROM (an index in [word_first[x], word_first[x + 1]) of its
 * sentence x): FOUND[s] = 1 if one of its translations is among the keys of sentence Y + s of TO,
 * else 0, for s in [0, COUNT); Y + COUNT <= TO's sentences. What tma_words_matches_by_span counts,
 * for a whole row of sentences at once. */
void tma_words_found_in(uint8_t *found, const tma_words *from, uint32_t k, const tma_words *to,
                        size_t y, size_t count);

/* How many looked-up words of sentences [x, x + dx - 1) of FROM that the next sentence says again
 * (the same word) have a translation among the keys of sentences [y, y + dy) of TO. A bead that
 * joins the sentences counts such a word's match once: a sentence left untranslated beside one
 * that says the same ("Five agitators were killed ..." / "... paid tributes to the five agitators
 * who were killed ...") gains nothing from the other's translation. */
uint32_t tma_words_repeats_found(const tma_words *from, size_t x, size_t dx, const tma_words *to,
                                 size_t y, size_t dy);

/* The looked-up words of sentences [x, x + dx) of W. */
static inline uint32_t tma_words_looked_up(const tma_words *w, size_t x, size_t dx)
{
    return w->word_first[x + dx] - w->word_first[x];
}

/* The keys of sentences [y, y + dy) of W. */
static inline uint32_t tma_words_keys(const tma_words *w, size_t y, size_t dy)
{
    return w->key_first[y + dy] - w->key_first[y];
}

#endif
