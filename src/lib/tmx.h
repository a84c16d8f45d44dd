/* Writing TMX 1.4b with libxml2's xmlTextWriter. The public entry points are
 * tma_story_write_tmx and tma_tmx_pair_path in tmalign.h. */
#ifndef TMA_TMX_H
#define TMA_TMX_H

#include "tmalign.h"

/* Writes UNITS (COUNT of them) of STORY to PATH as TMX 1.4b, keeping only the units that have a
 * sentence in every language listed in LANGS (NLANGS story indices, the source language first;
 * <tuv>s are written in that order). */
int tma_tmx_write_units(const tma_story *story, const tma_unit *units, size_t count,
                        const size_t *langs, size_t nlangs, const char *path,
                        const tma_tmx_options *options, tma_error *err);

/* Writes one TMX 1.4b at PATH that holds every <tu> of the TMX files INPUTS[0..count), in that
 * order, copied as they are: corpus.tmx from the stories' files. SRCLANG and
 * OPTIONS->creation_time go into its header. The inputs are read with libxml2 without network
 * access, DTD or entity substitution. */
int tma_tmx_write_corpus(const char *path, const char *const *inputs, size_t count,
                         const char *srclang, const tma_tmx_options *options, tma_error *err);

#endif
