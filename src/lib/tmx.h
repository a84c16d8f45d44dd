/* Writing TMX 1.4b with libxml2's xmlTextWriter, and the TSV beside it. The public entry points
 * are tma_story_write_tmx, tma_tmx_pair_path and tma_tmx_check_lang_codes in tmalign.h. */
#ifndef TMA_TMX_H
#define TMA_TMX_H

#include "tmalign.h"

/* Writes the code to write as xml:lang for LANG into BUF of SIZE bytes: its entry in MAP (as
 * tma_tmx_options.lang_codes, checked with tma_tmx_check_lang_codes; may be NULL), or LANG. */
void tma_tmx_lang_code(char *buf, size_t size, const char *map, const char *lang);

/* Writes the name of the TSV that goes beside the TMX file PATH into BUF of SIZE bytes: PATH with
 * its extension replaced by ".tsv" ("x.en-ru.tmx" -> "x.en-ru.tsv"). Returns 0, or TMA_ERR_USAGE
 * with *err filled when it does not fit or would be PATH itself. */
int tma_tmx_tsv_path(char *buf, size_t size, const char *path, tma_error *err);

/* Writes one TMX 1.4b at PATH that holds every <tu> of the TMX files INPUTS[0..count), in that
 * order, copied as they are: corpus.tmx from the stories' files. SRCLANG and
 * OPTIONS->creation_time go into its header. The inputs are read with libxml2 without network
 * access, DTD or entity substitution. */
int tma_tmx_write_corpus(const char *path, const char *const *inputs, size_t count,
                         const char *srclang, const tma_tmx_options *options, tma_error *err);

#endif
