/* Bilingual word knowledge for one language pair: which words of one language translate a word of
 * the other (issue 18). This is the data layer only: it reads the sources and answers lookups;
 * scoring sentences with the answers is the aligner's.
 *
 * Sources, each optional and any number of each:
 * - dictd dictionaries (an .index and a .dict.dz or .dict), found in /usr/share/dictd by the pair
 *   or named by the caller. A dictionary answers in its own direction, and, with read_back, in
 *   the other one too (a ru->en lookup through an en-ru dictionary finds the headwords whose
 * entries hold the Russian word);
 * - a user's glossary: a TSV file of term pairs (docs/lexicons.md).
 *
 * Words and translations are compared in one form on both sides: NFC, case-folded (Unicode simple
 * case folding), hyphens and apostrophes of every kind as "-" and "'", Russian ё as е, white
 * space as one space.
 * Lookups go by a key that keeps only the letters, marks, digits and single spaces of that form
 * (dictfmt's index convention: "attrape-rêves" is found as "attraperêves").
 *
 * Memory: the files are mapped, not read; a dictionary's headword table is built on the first
 * lookup that needs it (or by tma_lexicon_load), and an entry's text is read and parsed only
 * when its word is asked, then kept with its answer.
 *
 * The module is src/lib/lexicon/, one job per file: norm.c makes the compared form and the key;
 * map.c is the multimap the others share; dictzip.c reads dictd's compressed text by chunks;
 * dictd.c reads an index and finds a headword's entries; entry.c turns an entry's text into
 * translations; find.c finds the installed dictionaries of a pair; glossary.c reads a glossary;
 * lexicon.c is the facade and its cache. */
#ifndef TMA_LEXICON_H
#define TMA_LEXICON_H

#include "buf.h"
#include "tmalign.h"

#include <stddef.h>
#include <stdint.h>

/* Where Debian's dictd dictionaries are installed. */
#define TMA_LEXICON_DICTD_DIR "/usr/share/dictd"

/* At most this many translations per word, by default: the first senses of an entry come
 * first, and a long tail of rare senses only adds chance matches. */
#define TMA_LEXICON_MAX_TRANSLATIONS 64

/* At most this many sources per lexicon. */
#define TMA_LEXICON_MAX_SOURCES 16

/* Which way a lookup goes: from a word of the pair's first language to the second, or back. */
typedef enum tma_lexicon_dir {
    TMA_LEXICON_AB = 0,
    TMA_LEXICON_BA = 1,
} tma_lexicon_dir;

/* Where a translation comes from: bits, as several sources may give the same one. */
enum {
    TMA_LEXICON_DICT = 1,      /* a dictionary whose headwords are in the word's language */
    TMA_LEXICON_DICT_BACK = 2, /* a dictionary of the other direction, read backwards */
    TMA_LEXICON_GLOSSARY = 4,  /* a user's glossary */
};

/* One candidate translation. */
typedef struct tma_lexicon_word {
    const char *text; /* the compared form (see above), NUL-terminated */
    uint32_t len;     /* bytes */
    uint16_t words;   /* 1 for a word, more for a phrase (words separated by one space) */
    uint8_t sources;  /* TMA_LEXICON_* bits */
} tma_lexicon_word;

typedef struct tma_lexicon_options {
    /* Read dictionaries backwards too (see above). The first such lookup reads and parses every
     * entry of the dictionaries of the other direction (mueller7: about 0.5 s). */
    int read_back;
    /* At most this many translations per word; 0: TMA_LEXICON_MAX_TRANSLATIONS. */
    size_t max_translations;
} tma_lexicon_options;

#define TMA_LEXICON_OPTIONS_INIT                                                                   \
    {                                                                                              \
        1, 0                                                                                       \
    }

/* The sources and the answers given so far for one language pair. Lookups may come from any
 * thread once every source is added: each direction's cache has a lock of its own, and each
 * source one over its lazily built tables, so that the two directions are looked up side by
 * side. */
typedef struct tma_lexicon tma_lexicon;

/* Makes an empty lexicon for the languages LANG_A and LANG_B (codes as tma_lang_is_valid
 * accepts; their primary subtags count), with OPTIONS (NULL: the defaults; copied). On success
 * stores it in *out (free with tma_lexicon_free) and returns 0; TMA_ERR_USAGE for codes that are
 * not language codes or name one language twice. */
int tma_lexicon_new(tma_lexicon **out, const char *lang_a, const char *lang_b,
                    const tma_lexicon_options *options, tma_error *err);

void tma_lexicon_free(tma_lexicon *lex);

/* Adds the dictd dictionaries installed in DIR (NULL: TMA_LEXICON_DICTD_DIR) for the pair, in
 * either direction, as src/data/dictd.tsv names them (freedict-eng-rus, mueller7, ...). Stores
 * how many were added in *found (0 is no error: a pair may have none). Opening checks each
 * file's header and size (dictzip's chunk table against the file); a broken one is refused with
 * TMA_ERR_DATA and its path. */
int tma_lexicon_add_installed(tma_lexicon *lex, const char *dir, size_t *found, tma_error *err);

/* Writes the languages (primary subtags, space-separated, in src/data/dictd.tsv's order) that
 * have a dictd dictionary with LANG installed in DIR (NULL: TMA_LEXICON_DICTD_DIR), either
 * direction, into OUT of SIZE bytes ("" for none); what does not fit is left out. Reads no
 * dictionary. Returns 0, or TMA_ERR_DATA when the table is malformed. */
int tma_lexicon_installed_partners(char *out, size_t size, const char *dir, const char *lang,
                                   tma_error *err);

/* Adds the dictd dictionary at PATH (the .index, the .dict.dz or .dict, or their common name
 * without either) whose headwords are in language FROM, one of the pair (its primary subtag);
 * the other language is its translations'. TMA_ERR_IO when a file cannot be read, TMA_ERR_DATA
 * when it is not a dictd dictionary, TMA_ERR_USAGE when FROM is not one of the pair. */
int tma_lexicon_add_dictd(tma_lexicon *lex, const char *path, const char *from, tma_error *err);

/* Adds the glossary at PATH (docs/lexicons.md: SOURCE<TAB>TARGET per line, an optional header
 * line naming the languages). A header naming the pair the other way round swaps the columns;
 * one naming other languages is refused (TMA_ERR_USAGE). A malformed line is refused with
 * TMA_ERR_DATA and its line (and column for invalid UTF-8). */
int tma_lexicon_add_glossary(tma_lexicon *lex, const char *path, tma_error *err);

/* As tma_lexicon_add_glossary, for the LEN bytes at DATA (copied as needed); NAME stands for
 * the file in messages. */
int tma_lexicon_add_glossary_mem(tma_lexicon *lex, const char *name, const char *data, size_t len,
                                 tma_error *err);

/* Builds every table now that lookups would build on first use: each dictionary's headword
 * table, and with read_back every entry's translations. Then no lookup can fail on a broken
 * dictionary; a front end calls it on the main thread before workers start. */
int tma_lexicon_load(tma_lexicon *lex, tma_error *err);

/* The translations of WORD (LEN bytes of UTF-8; a word or a phrase, any case, NFC or not) in
 * direction DIR, best first: dictionary senses in their order, then what read_back and the
 * glossaries add. Stores a borrowed array in *out (valid until LEX is freed; never changed) and
 * its length in *count, 0 when nothing is known or WORD is not valid UTF-8. Fails only when a
 * dictionary turns out broken (TMA_ERR_DATA with its path; every later lookup through it fails
 * the same way) or memory runs out. Thread-safe. */
int tma_lexicon_translations(const tma_lexicon_word **out, size_t *count, tma_lexicon *lex,
                             tma_lexicon_dir dir, const char *word, size_t len, tma_error *err);

/* 1 if some source of LEX can answer a lookup in direction DIR (a dictionary of that direction, a
 * dictionary of the other read backwards, a glossary), else 0: every lookup that way would find
 * nothing. */
int tma_lexicon_answers(const tma_lexicon *lex, tma_lexicon_dir dir);

/* The number of sources added, and a short description of source I (< the count) such as
 * "mueller7 (en-ru dictd)" or "terms.tsv (glossary)": valid until LEX is freed. */
size_t tma_lexicon_source_count(const tma_lexicon *lex);
const char *tma_lexicon_source_name(const tma_lexicon *lex, size_t i);

/* Appends S[0..len) (valid UTF-8) to OUT in the compared form (see above). Returns 0, or -1 when
 * out of memory. A consumer puts the words of a sentence in this form to find translations in
 * them. */
int tma_lexicon_normalise(tma_buf *out, const char *s, size_t len);

/* Appends the lookup key of S[0..len) (valid UTF-8) to OUT: the compared form with only its
 * letters, marks, digits and single spaces. Returns 0, or -1 when out of memory. */
int tma_lexicon_key(tma_buf *out, const char *s, size_t len);

#endif
