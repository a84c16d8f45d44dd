/* TMX that tmalign wrote, read back unit by unit, checked against what tmalign writes and written
 * anew, never copied as bytes: corpus.tmx gathers the stories' units, and a merge rewrites the
 * story files of shard folders, which anyone may have handed over, and makes their TSV again.
 * Files are read as a stream, so memory holds one unit however large the file. */
#ifndef TMA_TMXCOPY_H
#define TMA_TMXCOPY_H

#include "bounds.h"
#include "outfile.h"
#include "tmalign.h"

/* How a refusal ends, by who gave the file: a shard folder, or an output folder of tmalign's own
 * (whose message also names the option "force"). */
typedef enum tma_tmx_source { TMA_TMX_FROM_SHARD, TMA_TMX_FROM_OUTPUT } tma_tmx_source;

/* What one TMX file must be: tuv languages CODES[0..count) in this order (CODES[0] is srclang),
 * as tma_tmx_lang_code writes them. */
typedef struct tma_tmx_langs {
    char codes[TMA_MAX_LANGS][32];
    size_t count;
} tma_tmx_langs;

/* Sets OUT to the codes of LANGS[WHICH[0..count)] (WHICH NULL: the first COUNT), each as
 * tma_tmx_lang_code writes it from MAP. */
void tma_tmx_langs_pick(tma_tmx_langs *out, const char *map, char (*langs)[TMA_LANG_BYTES],
                        const size_t *which, size_t count);

/* Writes INPUT, a story's TMX file in LANGS, anew to OUT (open, not committed): its header's
 * date and every unit, checked. With TSV not NULL (two languages), writes the TSV of the same
 * units to it, as tma_story_write_tmx does. A file that is not what tmalign writes (another
 * element or attribute, a language out of place, a tuid given twice, a DTD) is refused with
 * its place. Returns 0 or a negative tma_status. */
int tma_tmx_rewrite(tma_outfile *out, tma_outfile *tsv, const char *input,
                    const tma_tmx_langs *langs, tma_tmx_source source, tma_error *err);

/* corpus.tmx, written one story at a time: one TMX 1.4b at PATH that holds every <tu> of the
 * story files added, in LANGS, in the order they were added, checked as tma_tmx_rewrite checks
 * them (a tuid is unique in the whole file). OPTIONS->creation_time goes into its header. The
 * file goes to a temporary file beside PATH until tma_tmx_corpus_commit. */
typedef struct tma_tmx_corpus tma_tmx_corpus;
int tma_tmx_corpus_open(tma_tmx_corpus **out, const char *path, const tma_tmx_langs *langs,
                        const tma_tmx_options *options, tma_error *err);
/* Appends the <tu>s of the TMX file INPUT. After a failure C can only be freed. */
int tma_tmx_corpus_add(tma_tmx_corpus *c, const char *input, tma_tmx_source source,
                       tma_error *err);
/* Ends the document and writes it to the disk (tma_outfile_finish), without renaming it yet. */
int tma_tmx_corpus_finish(tma_tmx_corpus *c, tma_error *err);
/* Finishes the document if that is not done and renames it over PATH. */
int tma_tmx_corpus_commit(tma_tmx_corpus *c, tma_error *err);
/* Frees C, and removes its temporary file unless it was committed. C may be NULL. */
void tma_tmx_corpus_free(tma_tmx_corpus *c);

#endif
