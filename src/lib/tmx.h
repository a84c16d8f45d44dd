/* Writing TMX 1.4b with libxml2's xmlTextWriter, and the TSV beside it. The public entry points
 * are tma_story_write_tmx, tma_tmx_pair_path and tma_tmx_check_lang_codes in tmalign.h. */
#ifndef TMA_TMX_H
#define TMA_TMX_H

#include "outfile.h"
#include "qa.h"
#include "tmalign.h"

/* Writes the code to write as xml:lang for LANG into BUF of SIZE bytes: its entry in MAP (as
 * tma_tmx_options.lang_codes, checked with tma_tmx_check_lang_codes; may be NULL), or LANG. */
void tma_tmx_lang_code(char *buf, size_t size, const char *map, const char *lang);

/* Writes the name of the TSV that goes beside the TMX file PATH into BUF of SIZE bytes: PATH with
 * its extension replaced by ".tsv" ("x.en-ru.tmx" -> "x.en-ru.tsv"). Returns 0, or TMA_ERR_USAGE
 * with *err filled when it does not fit or would be PATH itself. */
int tma_tmx_tsv_path(char *buf, size_t size, const char *path, tma_error *err);

/* The most files tma_story_write_tmx writes for one story: the file with every language, one per
 * pair and one TSV per pair. */
#define TMA_TMX_MAX_FILES (1 + TMA_MAX_LANGS * (TMA_MAX_LANGS - 1))

/* Writes what tma_story_write_tmx writes, but leaves the files open and unsynced in
 * OUTS[0..*count), under temporary names, for the caller to commit (tma_outfile_commit_all) and
 * then discard: a batch puts them in place on another thread. OUTS has room for
 * TMA_TMX_MAX_FILES. On failure too, *count files are there to discard. QA holds the story's
 * checks (tma_qa_init for STORY with OPTIONS->qa_threshold), which the notes read and the
 * caller may read again for the report: the checks of the joined units run once. */
int tma_story_stage_tmx(const tma_story *story, tma_qa *qa, const char *path,
                        const tma_tmx_options *options, tma_outfile *outs, size_t *count,
                        tma_error *err);

/* corpus.tmx, written one story at a time: one TMX 1.4b at PATH that holds every <tu> of the TMX
 * files added, in the order they were added, copied as they are. SRCLANG and
 * OPTIONS->creation_time go into its header. The inputs are read with libxml2 without network
 * access, DTD or entity substitution. The file goes to a temporary file beside PATH until
 * tma_tmx_corpus_commit. */
typedef struct tma_tmx_corpus tma_tmx_corpus;

int tma_tmx_corpus_open(tma_tmx_corpus **out, const char *path, const char *srclang,
                        const tma_tmx_options *options, tma_error *err);

/* Appends the <tu>s of the TMX file INPUT. After a failure C can only be freed. */
int tma_tmx_corpus_add(tma_tmx_corpus *c, const char *input, tma_error *err);

/* Ends the document and writes it to the disk (tma_outfile_finish), without renaming it yet. */
int tma_tmx_corpus_finish(tma_tmx_corpus *c, tma_error *err);

/* Finishes the document if that is not done and renames it over PATH. */
int tma_tmx_corpus_commit(tma_tmx_corpus *c, tma_error *err);

/* Frees C, and removes its temporary file unless it was committed. C may be NULL. */
void tma_tmx_corpus_free(tma_tmx_corpus *c);

#endif
