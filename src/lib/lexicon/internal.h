/* Private to src/lib/lexicon/: the sources that lexicon.c puts together. None of these is
 * thread-safe; lexicon.c calls them under its lock. */
#ifndef TMA_LEXICON_INTERNAL_H
#define TMA_LEXICON_INTERNAL_H

#include "bounds.h"
#include "buf.h"
#include "lexicon.h"
#include "table.h"

#include <stddef.h>
#include <stdint.h>

#include <zlib.h>

/* Caps: a file or an entry beyond them is refused (TMA_ERR_LIMIT), never read in full. No
 * dictionary Debian ships comes near: the largest index is 0.9 MB, the largest entry (mueller7's
 * "run") 14 KB. */
#define TMA_LEXICON_MAX_FILE_BYTES     ((size_t)512 * 1024 * 1024)
#define TMA_LEXICON_MAX_TEXT_BYTES     ((size_t)1024 * 1024 * 1024)
#define TMA_LEXICON_MAX_ENTRY_BYTES    ((size_t)1024 * 1024)
#define TMA_LEXICON_MAX_GLOSSARY_BYTES ((size_t)64 * 1024 * 1024)
/* A glossary term or a translation longer than this is a note, not a term. */
#define TMA_LEXICON_MAX_TERM_BYTES 1024

/* A translation of more words than this is a description ("помещение, где собираются в ожидании
 * клиентов возчики"), and a headword of more an idiom ("jemanden bringen keine zehn Pferde
 * irgendwohin"), not an equivalent a sentence would hold. */
#define TMA_LEX_MAX_PHRASE_WORDS 4

/* ---- map.c: a multimap from byte strings to 32-bit values ---------------------------------- */

typedef struct tma_lex_map_link {
    uint32_t value;
    int32_t next; /* the next link of the same key, -1 at the last */
} tma_lex_map_link;

/* One key: where its bytes are in the map's pool, and its first and last links. */
typedef struct tma_lex_map_slot {
    uint32_t hash;   /* the key's hash's low bits */
    uint32_t key_at; /* NUL-terminated in the pool */
    int32_t first, last; /* first == -1: the slot is empty */
} tma_lex_map_slot;

/* Values are kept per key in the order they were added. The keys live in one pool and the
 * table is open addressing over SLOTS, so that a dictionary's index of tens of thousands of
 * headwords is a few allocations, not one per headword. */
typedef struct tma_lex_map {
    tma_lex_map_slot *slots;
    size_t slot_cap, key_count; /* slot_cap: a power of two, or 0 */
    tma_buf pool;
    tma_lex_map_link *links;
    size_t link_count, link_cap;
} tma_lex_map;

#define TMA_LEX_MAP_INIT                                                                           \
    {                                                                                              \
        NULL, 0, 0, TMA_BUF_INIT, NULL, 0, 0                                                       \
    }

/* Adds VALUE to KEY's values. Returns 0, or -1 when out of memory or past INT32_MAX values. */
int tma_lex_map_add(tma_lex_map *m, const char *key, size_t len, uint32_t value);

/* Makes room for KEYS keys and LINKS values at least, so that a map whose size is known is
 * allocated once. Returns 0, or -1 when out of memory. */
int tma_lex_map_reserve(tma_lex_map *m, size_t keys, size_t links);

/* The index in m->links of KEY's first value, or -1 when KEY has none; links[i].next leads on. */
int32_t tma_lex_map_first(const tma_lex_map *m, const char *key, size_t len);

void tma_lex_map_free(tma_lex_map *m);

/* Appends S (LEN bytes) and a NUL to POOL; stores the offset where it starts in *at. Returns 0,
 * or -1 when out of memory or when the pool would pass 4 GB (offsets are 32 bits). */
int tma_lex_pool_add(tma_buf *pool, const char *s, size_t len, uint32_t *at);

/* ---- dictzip.c: the text of a .dict.dz (dictzip) or a .dict ------------------------------- */

#define TMA_LEX_DZ_CACHE_SLOTS 4

typedef struct tma_lex_dz {
    const unsigned char *data; /* the file's bytes, borrowed (mapped by dictd.c) */
    size_t size;               /* bytes */
    int compressed;            /* 0: a plain .dict, the text is DATA itself */
    size_t text_size;          /* bytes of text */
    size_t chunk_len;          /* text bytes per chunk (the last may be shorter) */
    size_t chunk_count;
    size_t *chunk_start; /* chunk_count + 1 offsets into DATA: chunk i is [start[i], start[i+1]) */
    /* The chunks inflated last, so that neighbouring entries cost one inflate. */
    struct {
        size_t chunk; /* which chunk; SIZE_MAX when the slot is empty */
        unsigned char *text;
        size_t len;
        unsigned long used; /* tick of the last use, for replacing the oldest */
    } cache[TMA_LEX_DZ_CACHE_SLOTS];
    unsigned long tick;
    z_stream zs;
    int zs_ready;
} tma_lex_dz;

/* Reads the gzip header and dictzip's chunk table of the SIZE bytes at DATA (borrowed; they must
 * outlive DZ); plain text when the file does not start as gzip does and PLAIN is set. Refuses a
 * gzip file without the "RA" table, a table that does not fit the file (truncated), or sizes past
 * the caps, with TMA_ERR_DATA or TMA_ERR_LIMIT naming PATH. On success DZ is set up (free with
 * tma_lex_dz_free); on failure it holds nothing to free. */
int tma_lex_dz_open(tma_lex_dz *dz, const unsigned char *data, size_t size, int plain,
                    const char *path, tma_error *err);

/* Replaces OUT's contents with text bytes [offset, offset + len), inflating only the chunks they
 * fall in. TMA_ERR_DATA (naming PATH) when the range is past the text or a chunk does not
 * inflate to its size. */
int tma_lex_dz_read(tma_buf *out, tma_lex_dz *dz, size_t offset, size_t len, const char *path,
                    tma_error *err);

void tma_lex_dz_free(tma_lex_dz *dz);

/* ---- entry.c: translations from an entry's text ------------------------------------------- */

/* The translations an entry's TEXT (LEN bytes of valid UTF-8, its first line the headword line)
 * gives, as they are written there but cleaned (see entry.c for the rules): appended to OUT, each
 * followed by a NUL; *count receives how many. *headword_len receives the length of the headword
 * as line 1 shows it (before its pronunciation or grammar), which starts at TEXT. Returns 0, or
 * -1 when out of memory. */
int tma_lex_entry_translations(tma_buf *out, size_t *count, size_t *headword_len, const char *text,
                               size_t len);

/* ---- dictd.c: a dictd dictionary ----------------------------------------------------------- */

typedef struct tma_lex_dictd {
    char path[1024];   /* the .index, for messages */
    char name[64];     /* the file's name without its folder and extension: "mueller7" */
    const char *index; /* the .index's bytes */
    size_t index_size;
    void *maps[2]; /* what dictd.c mapped (the index, the text), to unmap; NULL if borrowed */
    size_t map_sizes[2];
    char dict_path[1024]; /* the .dict.dz or .dict, for messages */
    tma_lex_dz dz;
    int indexed;           /* HEADWORDS built */
    tma_lex_map headwords; /* key -> offset of the index line */
    tma_error broken;      /* code != 0 once the dictionary was refused: every use fails so */
    tma_buf scratch, text; /* a key; an entry's text */
} tma_lex_dictd;

/* Opens the dictionary at PATH (see tma_lexicon_add_dictd) by mapping its files. On success
 * stores it in *out (free with tma_lex_dictd_free) and returns 0. */
int tma_lex_dictd_open(tma_lex_dictd **out, const char *path, tma_error *err);

/* As tma_lex_dictd_open, over the INDEX_LEN bytes at INDEX and the DICT_LEN bytes at DICT,
 * borrowed: they must outlive the dictionary. INDEX_NAME and DICT_NAME stand for them in
 * messages; a DICT_NAME that ends in ".dz" must be dictzip, any other is plain text. */
int tma_lex_dictd_open_mem(tma_lex_dictd **out, const char *index_name, const char *index,
                           size_t index_len, const char *dict_name, const char *dict,
                           size_t dict_len, tma_error *err);

void tma_lex_dictd_free(tma_lex_dictd *d);

/* Reads the whole index and builds the headword table, once. Refuses a malformed line
 * (TMA_ERR_DATA with the index's path and the line), and from then on every use. */
int tma_lex_dictd_build(tma_lex_dictd *d, tma_error *err);

/* Calls FN(ARG, TEXT, LEN) for the text of each entry whose headword has the lookup key KEY
 * (KEY_LEN bytes, as tma_lexicon_key makes it), in index order; TEXT is valid UTF-8 and valid
 * during the call only. A non-zero return of FN stops and is returned. Builds the table first. */
typedef int (*tma_lex_dictd_entry_fn)(void *arg, const char *text, size_t len);
int tma_lex_dictd_lookup(tma_lex_dictd *d, const char *key, size_t key_len,
                         tma_lex_dictd_entry_fn fn, void *arg, tma_error *err);

/* As tma_lex_dictd_lookup, for every entry of the dictionary, each once, in the order of the text.
 */
int tma_lex_dictd_each(tma_lex_dictd *d, tma_lex_dictd_entry_fn fn, void *arg, tma_error *err);

/* ---- glossary.c ---------------------------------------------------------------------------- */

typedef struct tma_lex_glossary {
    char lang[2][TMA_LANG_BYTES]; /* the header's languages; "" without a header */
    long header_line;             /* 1-based; 0 without a header */
    tma_buf pool;                 /* the terms in the compared form, each followed by a NUL */
    /* side -> the key of a term of that column -> the pool offset of its counterpart */
    tma_lex_map map[2];
    size_t pairs;
} tma_lex_glossary;

#define TMA_LEX_GLOSSARY_INIT                                                                      \
    {                                                                                              \
        {"", ""}, 0, TMA_BUF_INIT, {TMA_LEX_MAP_INIT, TMA_LEX_MAP_INIT}, 0                         \
    }

/* Parses the LEN bytes at DATA as a glossary into OUT (TMA_LEX_GLOSSARY_INIT; free with
 * tma_lex_glossary_free, also after a failure). NAME stands for the file in messages. */
int tma_lex_glossary_parse(tma_lex_glossary *out, const char *name, const char *data, size_t len,
                           tma_error *err);

void tma_lex_glossary_free(tma_lex_glossary *g);

/* ---- find.c -------------------------------------------------------------------------------- */

/* One dictionary found for a pair. */
typedef struct tma_lex_dictd_found {
    char path[1024]; /* the .index */
    int from;        /* 0: its headwords are in the pair's first language; 1: the second's */
} tma_lex_dictd_found;

/* Finds the dictionaries of the pair LANGS (primary subtags) in DIR, either direction, as
 * src/data/dictd.tsv names them, in that table's order; stores up to MAX in OUT and how many in
 * *count. A folder that is not there holds none. */
int tma_lex_find(tma_lex_dictd_found *out, size_t max, size_t *count, const char *dir,
                 const char *const langs[2], tma_error *err);

#endif
