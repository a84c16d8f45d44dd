/* Writing TMX 1.4b with libxml2's xmlTextWriter, and the TSV beside it. The public entry points
 * are tma_story_write_tmx, tma_tmx_pair_path and tma_tmx_check_lang_codes in tmalign.h. */
#ifndef TMA_TMX_H
#define TMA_TMX_H

#include "outfile.h"
#include "qa.h"
#include "tmalign.h"

#include <libxml/xmlwriter.h>

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
 * caller may read again for the report: the checks of the joined units run once. *COUNTS
 * receives what the file with every language holds. */
int tma_story_stage_tmx(tma_tmx_counts *counts, const tma_story *story, tma_qa *qa,
                        const char *path, const tma_tmx_options *options, tma_outfile *outs,
                        size_t *count, tma_error *err);

/* As tma_story_stage_tmx, for a story aligned without some of a batch's languages: its pair files
 * alone, named from PATH (NAME.tmx) as a story of every language names them, and no file with
 * every language, which the story cannot fill. With two languages, the story's units are written
 * as their pair's file, NAME.L1-L2.tmx (with its TSV), byte for byte the NAME.tmx a run of those
 * two languages writes. OPTIONS->lang_codes may name the languages the story lacks (the run's,
 * which the caller has checked). */
int tma_story_stage_pair_tmx(const tma_story *story, tma_qa *qa, const char *path,
                             const tma_tmx_options *options, tma_outfile *outs, size_t *count,
                             tma_error *err);

/* The TMX writer on OUT that every TMX file of tmalign is written with (its failed writes are
 * kept by OUT, not printed); NULL when out of memory. */
xmlTextWriterPtr tma_tmx_writer_new(tma_outfile *out);

/* Starts a TMX document on XW up to its open <body>: the header of every file tmalign writes,
 * with SRCLANG and DATE (as tma_tmx_format_date writes it). Returns 0, or -1 when XW fails. */
int tma_tmx_write_header(xmlTextWriterPtr xw, const char *srclang, const char *date);

/* Writes <prop type="TYPE">VALUE</prop>. Returns 0, or -1 when XW fails. */
int tma_tmx_write_prop(xmlTextWriterPtr xw, const char *type, const char *value);

/* Writes the TMX date of SECONDS since the epoch (the time now when negative) into BUF:
 * "20261205T231500Z". */
void tma_tmx_format_date(char *buf, size_t size, long long seconds);

#endif
