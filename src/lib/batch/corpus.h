/* The corpus of a batch: one folder per language, a story being NAME.txt in any of them. */
#ifndef TMA_BATCH_CORPUS_H
#define TMA_BATCH_CORPUS_H

#include "batch.h"

/* The longest story name, in bytes: NAME.L1-L2.tmx and its temporary file must fit in a file
 * name (255 bytes on the usual file systems). */
#define TMA_CORPUS_MAX_NAME_BYTES 200

typedef struct tma_corpus_story {
    char *name; /* its file name without the extension (owned by the corpus) */
    /* The language's file: 0 when its folder holds none, else 1 + the index of its extension in
     * TMA_CORPUS_EXTENSIONS (NAME.txt, NAME.html, ...). */
    int present[TMA_MAX_LANGS];
} tma_corpus_story;

/* Built on the calling thread, then only read: the workers share it. Free it with
 * tma_corpus_free. */
typedef struct tma_corpus {
    const char *folder;        /* borrowed from the caller */
    char root[TMA_PATH_BYTES]; /* FOLDER's real path (realpath): where links may lead */
    int root_fd;               /* FOLDER open, what it holds is opened from; -1 until then */
    char langs[TMA_MAX_LANGS][TMA_LANG_BYTES];
    size_t lang_count;
    tma_corpus_story *stories; /* in name order (owned) */
    size_t story_count;
} tma_corpus;

#define TMA_CORPUS_INIT                                                                            \
    {                                                                                              \
        .root_fd = -1                                                                              \
    }

/* What a corpus holds is opened by the rule in docs/input-contract.md ("A batch corpus"): FOLDER
 * itself is the user's choice, however it is reached, but a symbolic link inside it is followed
 * only where it leads, in the end, to FOLDER or a place inside it. A link that leads out of it
 * (to ~/.ssh/id_rsa, /etc/passwd) is refused, never read: its content would end up in outputs
 * made to be shared. */

/* Sets C's folder to FOLDER and its languages to LANGS ("en,ru,hy"), or when LANGS is NULL to
 * FOLDER's subfolders named by a language code, "en" first, then the others in name order (FOLDER
 * is opened then, else by tma_corpus_list_stories). Returns 0, or a negative tma_status with *err
 * filled (fewer than two languages included). */
int tma_corpus_find_langs(tma_corpus *c, const char *folder, const char *langs, tma_error *err);

/* Lists C's stories: every NAME.txt in any language's folder (hidden files left out), in name
 * order, each with the languages that have it, keeping those of shard SHARD of SHARD_COUNT
 * (0 and 0: all). Returns 0, or a negative tma_status with *err filled; a language folder that
 * leads out of the corpus is refused with TMA_ERR_INPUT. */
int tma_corpus_list_stories(tma_corpus *c, unsigned shard, unsigned shard_count, tma_error *err);

/* Why NAME (a file name without ".txt") cannot name a story's outputs, or NULL if it can: C's
 * languages decide too, as "x.en-ru" would be story x's pair file. The text is static. */
const char *tma_corpus_name_problem(const tma_corpus *c, const char *name);

/* The extensions of the files a corpus's language folders hold as stories, ".txt" first: a story
 * may come as text, a web page or a Word or OpenDocument file, told apart by content when read. */
extern const char *const TMA_CORPUS_EXTENSIONS[];
#define TMA_CORPUS_EXTENSION_COUNT 5

/* Writes the path of story S's file in language K into BUF (TMA_PATH_BYTES): FOLDER/LANG/NAME.EXT
 * (.txt where the language has none), or NAME.EXT alone when that does not fit (and then *err
 * says so). */
void tma_corpus_story_path(char *buf, const tma_corpus *c, size_t k, const tma_corpus_story *s,
                           tma_error *err);

/* Opens PATH, the file of a story in C (tma_corpus_story_path), for reading, into *out: a regular
 * file that PATH leads to inside the corpus (see above). Returns 0, or a negative tma_status with
 * *err filled and *out -1: TMA_ERR_INPUT for a link that leads out of the corpus, TMA_ERR_IO for
 * a file that is missing, a folder, FIFO or device, a dangling link or a loop of links. Threads
 * may call it at once. */
int tma_corpus_open_story(int *out, const tma_corpus *c, const char *path, tma_error *err);

/* Frees what C owns and leaves it empty. */
void tma_corpus_free(tma_corpus *c);

#endif
