/* Hunspell dictionaries: which words a language knows. A capitalised word whose lowercase form
 * the dictionary does not know is a name candidate; the QA report's spelling check uses them
 * too, and for English the dictionary of a second variety, which lists hyphenated compounds as
 * words (en_GB: Debian's en_US has none). Dictionaries are loaded once per process, on first use
 * or all at once by tma_stem_load, and shared by every thread; so are their answers, kept so that
 * hunspell is asked about a word once. */
#ifndef TMA_STEM_H
#define TMA_STEM_H

#include "table.h"
#include "tmalign.h"

#include <pthread.h>
#include <stdatomic.h>

#define TMA_STEM_MAX_DICTS 8

/* The languages whose dictionary files stem.c names (en, ru, hy). */
#define TMA_STEM_LANGS 3

/* The answers are kept in this many tables, each behind a lock of its own, so that threads
 * seldom wait for each other there. */
#define TMA_STEM_ANSWER_STRIPES 64

typedef struct tma_stem_answers {
    pthread_mutex_t lock;
    tma_table table; /* "FILE:W:WORD" (W: whole or not) -> the answer + 1 */
} tma_stem_answers;

/* One dictionary. Hunspell allows one call at a time into a handle; different handles may be used
 * at once. */
typedef struct tma_stem_dict {
    char file[16];        /* the dictionary's file name without .aff or .dic: "en_US" */
    pthread_mutex_t lock; /* guards loading and every call into the handle */
    int loaded;           /* under LOCK */
    void *handle;         /* Hunhandle; NULL when the file is not there */
} tma_stem_dict;

typedef struct tma_stem_dicts {
    pthread_mutex_t lock; /* guards COUNT and the files' names, and reading the compound starts */
    pthread_mutex_t load_lock; /* held while hunspell's case table is made (see load_handle) */
    atomic_int utf8_loaded;    /* 1 once a dictionary in UTF-8 is in */
    void *primer; /* Hunhandle with no words, made to set hunspell up (see load_handle); or NULL */
    tma_stem_answers answers[TMA_STEM_ANSWER_STRIPES];
    tma_stem_dict dict[TMA_STEM_MAX_DICTS];
    size_t count;
    char dir[512]; /* where the .aff and .dic files are */
    /* Per language with a compound dictionary, the start of each hyphenated word that dictionary
     * lists: everything before its last part and that part's first byte ("large-s" for
     * "large-scale"). Suffixes change neither, so hunspell need not be asked about a word whose
     * start is not here. Read from the .dic file on first use, under LOCK, then only read:
     * COMPOUND_READY says when. */
    tma_table compound_starts[TMA_STEM_LANGS];
    atomic_int compound_ready[TMA_STEM_LANGS];
} tma_stem_dicts;

/* Sets up DICTS to load dictionaries from DIR (NULL: /usr/share/hunspell). */
int tma_stem_init(tma_stem_dicts *dicts, const char *dir, tma_error *err);
void tma_stem_free(tma_stem_dicts *dicts);

/* Writes the name of the dictionary LANG loads ("en_US"; other languages: the primary subtag) into
 * BUF of SIZE bytes. Returns 1 when its .aff and .dic files are in DICTS's folder, 0 when not;
 * loads nothing. */
int tma_stem_dict_file(char *buf, size_t size, const tma_stem_dicts *dicts, const char *lang);

/* Loads the dictionaries of LANGS[0..n) (primary subtags decide; with VARIANTS, their other
 * varieties' too) on up to THREADS threads at once, rather than one by one as the first words
 * reach them. Best effort: a dictionary that is not there is looked for no more. */
void tma_stem_load(tma_stem_dicts *dicts, const char *const *langs, size_t n, int variants,
                   size_t threads);

/* 1 if the dictionary of LANG (its primary subtag) knows WORD (LEN bytes of UTF-8), 0 if it does
 * not, -1 if there is no dictionary for LANG. Thread-safe. */
int tma_stem_knows(tma_stem_dicts *dicts, const char *lang, const char *word, size_t len);

/* As tma_stem_knows, with the dictionary of another variety of LANG (en_GB for en), which the
 * spelling check accepts too; -1 if LANG has none. Thread-safe. */
int tma_stem_variant_knows(tma_stem_dicts *dicts, const char *lang, const char *word, size_t len);

/* 1 if the compound dictionary of LANG (its other variety's) lists WORD (LEN bytes of UTF-8, a
 * hyphenated compound such as "large-scale") as a word of its own, not only through its parts,
 * which hunspell accepts one by one ("large-sale"); 0 if it does not; -1 if LANG has no compound
 * dictionary. Thread-safe. */
int tma_stem_lists_compound(tma_stem_dicts *dicts, const char *lang, const char *word, size_t len);

#endif
