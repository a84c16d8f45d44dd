/* Private to src/lib/report/: what the model (report.c) gives the findings analysis (findings.c),
 * the XML parts (part.c) and the renderers (json.c, tsv.c, html.c). The renderers only read the
 * report; every string and array of a story lives in the arena it was built in (a worker's, or the
 * report's for a part read back) and is freed with that arena, never one by one. */
#ifndef TMA_REPORT_INTERNAL_H
#define TMA_REPORT_INTERNAL_H

#include "arena.h"
#include "report.h"

#include <stddef.h>
#include <stdio.h>

/* The kind called NAME ("unaligned"), or -1 for a name this tmalign does not know. */
int tma_report_kind_from_name(const char *name);

/* Copies LEN bytes at S into ARENA as text every output format may hold: each byte that is not
 * part of valid UTF-8 (a file name in Latin-1, say) becomes U+FFFD, and characters XML forbids
 * become a space. Returns the copy, NUL-terminated and owned by ARENA, or NULL when out of
 * memory. */
char *tma_report_strndup(tma_arena *arena, const char *s, size_t len);

/* As tma_report_strndup, for the string S; NULL counts as "". */
char *tma_report_strdup(tma_arena *arena, const char *s);

/* S's status as the report names it: "aligned", "partial" or "failed". */
const char *tma_report_status(const tma_report_story *s);

/* The index of LANG among the docs of S, or S->lang_count when S has no such language. */
size_t tma_report_lang_index(const tma_report_story *s, const char *lang);

/* Writes S up to the first byte that SPECIAL holds (or its end) in one call, as a call per byte
 * costs a lock each once the process has a second thread; returns where it stopped. */
const char *tma_report_write_plain(FILE *fp, const char *s, const char *special);

/* A story's unit counts by bead type ("1-1-1"), most frequent first, ties in the order first
 * seen. */
typedef struct tma_report_bead_types {
    char type[32][24];
    size_t count[32];
    size_t n;
    size_t other; /* units of types beyond the 32 kept */
} tma_report_bead_types;

void tma_report_count_bead_types(tma_report_bead_types *t, const tma_report_story *s);

/* Units of S in which every language has a sentence: those of OUT/NAME.tmx. */
size_t tma_report_complete_units(const tma_report_story *s);

/* The mean score of the units of S, 0 when it has none. */
double tma_report_mean_score(const tma_report_story *s);

/* The share of S's units that score under THRESHOLD, those a reviewer approved aside; 0 when it
 * has no units. */
double tma_report_under_share(const tma_report_story *s, double threshold);

/* The share of S's sentences (every language) that an `unaligned` finding is about; 0 when it has
 * none. */
double tma_report_unaligned_share(const tma_report_story *s);

/* Stores in RANK[i] the place of story i of REPORT in the worst-first order (1: look here first):
 * stories not aligned, then those missing a language, then those with a version that does not
 * translate the others, then by the larger of the two shares above, then by findings (spelling
 * aside) per unit, then by name. Returns 0, or -1 when out of memory. */
int tma_report_rank(size_t *rank, const tma_report *report);

/* Adds the number of S's findings of each kind to COUNTS[TMA_FINDING_KIND_COUNT], those on units a
 * reviewer approved aside (tma_report_mark_approved). */
void tma_report_kind_counts(size_t *counts, const tma_report_story *s);

/* What the whole report adds up to, for the renderers' summaries. */
typedef struct tma_report_totals {
    size_t by_kind[TMA_FINDING_KIND_COUNT];
    size_t failed;   /* stories not aligned */
    size_t partial;  /* stories aligned without some of the run's languages */
    size_t units;    /* units of every story */
    size_t complete; /* of them, units in which every language has a sentence */
    size_t findings;
} tma_report_totals;

void tma_report_sum(tma_report_totals *t, const tma_report *report);

/* Side K of unit U (of the story's units or a pair's) of DOC into SIDE: its span in the file as
 * read, its sentences' texts one by one and joined by a space, in ARENA; SCRATCH is working
 * space. Returns 0, or -1 when out of memory. */
int tma_report_side_build(tma_report_side *side, tma_arena *arena, tma_buf *scratch,
                          const tma_doc *doc, const tma_unit *u, size_t k);

#endif
