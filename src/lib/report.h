/* The QA report of a batch run: what a reviewer should look at in each story (findings), and the
 * story itself side by side for reading. Each story's part is computed by the worker that aligned
 * it and kept in OUT/.tmalign/NAME.qa.xml, so that a re-run that skips the story, and a merge of
 * shards, build the same qa.json, qa.tsv and qa.html from those parts. Schema: docs/qa-schema.md.
 */
#ifndef TMA_REPORT_H
#define TMA_REPORT_H

#include "arena.h"
#include "bounds.h"
#include "buf.h"
#include "outfile.h"
#include "qa.h"
#include "tmalign.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Kinds of finding, in the order the report lists them; tma_report_kind_name gives each its
 * stable name ("unaligned"). */
typedef enum tma_finding_kind {
    TMA_FINDING_MISSING_FILE,    /* a story lacks a language's file */
    TMA_FINDING_BAD_INPUT,       /* a file is refused: not UTF-8, empty, unreadable, bad name */
    TMA_FINDING_ERROR,           /* the story could not be aligned or written */
    TMA_FINDING_SEGMENT_COUNT,   /* sentence counts differ by more than a third */
    TMA_FINDING_UNALIGNED,       /* a sentence with no counterpart in another language */
    TMA_FINDING_LOW_CONFIDENCE,  /* a unit scored under the threshold */
    TMA_FINDING_LENGTH_RATIO,    /* a unit far outside the story's length ratio */
    TMA_FINDING_NUMBER_MISMATCH, /* a number in digits on one side of a unit, not on the other */
    TMA_FINDING_NAME_MISMATCH,   /* a name on one side of a unit, not on the other */
    TMA_FINDING_SPELLING,        /* a word the dictionary does not know */
    TMA_FINDING_NOT_TRANSLATION, /* by their words, two versions do not translate each other */
    TMA_FINDING_REVIEW_STALE,    /* a reviewer's unit no longer fits the text: not applied */
    TMA_FINDING_KIND_COUNT
} tma_finding_kind;

const char *tma_report_kind_name(tma_finding_kind kind);

typedef struct tma_finding {
    tma_finding_kind kind;
    char lang[TMA_LANG_BYTES];       /* the language of TEXT */
    char other[TMA_LANG_BYTES];      /* the language it is compared with (unaligned: the one it lacks); "" */
    const char *file;    /* the file concerned, in the report's arena */
    long line, column;   /* 1-based; 0 when not about a position */
    size_t start, end;   /* byte span [start, end) in the file as read; 0, 0 for a whole file */
    const char *text;    /* the sentence, unit side or word concerned, "" for file faults (arena) */
    const char *message; /* one line for a reviewer (arena) */
    long unit;           /* index of the story's unit that holds it, -1 if none */
    /* The TMX file whose alignment the finding is about (NAME.tmx or a pair file NAME.L1-L2.tmx)
     * and the tuid of its <tu> there; NULL or "" when none (a file fault, a spelling; an
     * unaligned sentence is in no <tu> of its pair file). In the report's arena. */
    const char *tmx, *tuid;
    double value;        /* low-confidence: the score; length-ratio: ratio / median; else 0 */
    /* 1 if a reviewer approved the unit of TMX that holds it (tma_report_mark_approved): it stays
     * listed, marked, and counts nowhere */
    int approved;
} tma_finding;

/* One language's part of a unit. */
typedef struct tma_report_side {
    uint32_t first, count; /* sentence indices [first, first + count); count 0: none */
    size_t start, end;     /* byte span in the file as read */
    const char *text;      /* the sentences, white space collapsed, joined by a space (arena) */
    /* Each sentence's text as tma_doc_sentence_text gives it (arena): COUNT of them, or one, the
     * whole TEXT, in a part written before the sentences were kept; NULL when COUNT is 0. */
    const char **sentences;
    uint32_t sentence_count;
} tma_report_side;

typedef struct tma_report_unit {
    double score;
    int review; /* 0, or what a reviewer fixed it as: TMA_REVIEW_LINKED, _APPROVED, _REJECTED */
    tma_report_side side[TMA_MAX_LANGS]; /* by the story's language index */
} tma_report_unit;

/* The alignment of one pair of a story's languages on its own, as its pair file holds it
 * (tma_story_pair_units): units in which only sides A and B are set. */
typedef struct tma_report_pair {
    size_t a, b; /* indices into the story's docs, a < b */
    tma_report_unit *units; /* in document order (arena) */
    size_t unit_count;
} tma_report_pair;

typedef struct tma_report_doc {
    char lang[TMA_LANG_BYTES];
    const char *file;   /* as given on the command line (arena) */
    uint32_t sentences; /* 0 when the file is missing or refused */
} tma_report_doc;

typedef struct tma_report_story {
    const char *name; /* the story: file name without ".txt" (arena) */
    int failed;       /* 1: not aligned, see the findings */
    /* 1: aligned in the languages of DOCS only, fewer than the run's: its missing-file findings
     * name the others. It has pair files and no file with every language. */
    int partial;
    size_t lang_count;
    tma_report_doc docs[TMA_MAX_LANGS]; /* the source first */
    tma_report_unit *units;             /* the joined units, in document order (arena) */
    size_t unit_count;
    /* With three languages or more, each pair's own alignment, pairs in the order (0,1), (0,2),
     * ..., (1,2), ... (arena); none with two, whose units are the pair's. */
    tma_report_pair *pairs;
    size_t pair_count;
    tma_finding *findings; /* sorted by language, position and kind (arena) */
    size_t finding_count;
    int reviewed;             /* 1: the story has a review file with decisions */
    tma_review_counts review; /* what its alignment did with them */
} tma_report_story;

/* What the findings are measured against. */
typedef struct tma_report_params {
    double low_confidence; /* units under this score are low-confidence */
} tma_report_params;

/* Every story of a run, in name order. Owns all its stories and strings. */
typedef struct tma_report {
    tma_arena arena;
    tma_report_story *stories; /* malloc'd array */
    size_t story_count, story_cap;
    char langs[TMA_MAX_LANGS][TMA_LANG_BYTES];
    size_t lang_count;
    tma_report_params params;
} tma_report;

#define TMA_REPORT_INIT                                                                            \
    {                                                                                              \
        TMA_ARENA_INIT, NULL, 0, 0, {{0}}, 0,                                                      \
        {                                                                                          \
            TMA_DEFAULT_QA_THRESHOLD                                                               \
        }                                                                                          \
    }

void tma_report_free(tma_report *report);

/* Builds the report part of STORY, aligned from the docs of story NAME, into *out; its strings
 * and arrays go into ARENA. QA holds STORY's checks (tma_qa_init with the report's
 * low-confidence threshold), which the story's TMX may have run already: the findings read them
 * and run only those not yet run. The spelling check asks the dictionaries through W, the calling
 * thread's worker. */
int tma_report_story_build(tma_report_story *out, tma_arena *arena, tma_worker *w, const char *name,
                           const tma_story *story, tma_qa *qa, tma_error *err);

/* Fills in what S, whose units tma_report_story_build made from STORY, shows of them besides
 * their text: each side's sentences, each unit's review, and each pair's own alignment. */
int tma_report_story_units(tma_report_story *s, tma_arena *arena, const tma_story *story,
                           tma_error *err);

/* Adds to PART, the report part of STORY aligned with its review file REVIEW_PATH
 * (tma_story_align_reviewed), what the alignment did with the review: the counts, and a
 * review-stale finding for each unit that no longer fits the text; strings go into ARENA. */
int tma_report_story_review(tma_report_story *part, tma_arena *arena, const tma_story *story,
                            const char *review_path, tma_error *err);

/* Marks the findings of S that are about a unit a reviewer approved: the unit of the file the
 * finding names (a pair file's own unit, or the every-language unit) whose side in the finding's
 * language holds the finding's start. A reviewer who approved a unit has seen what QA said of it.
 * Called once the units and findings are in (built, or read back from a part). */
void tma_report_mark_approved(tma_report_story *s);

/* Starts the report part of a story that could not be aligned: NAME with LANG_COUNT languages
 * LANGS whose files are FILES. Add its findings with tma_report_story_add. */
int tma_report_story_failed(tma_report_story *out, tma_arena *arena, const char *name,
                            const char *const *langs, const char *const *files, size_t lang_count,
                            tma_error *err);

/* Makes S, the report part of a story aligned without some of the run's languages (a batch's
 * languages LANGS[0..lang_count), of which MISSING[k] says, where language k is missing, the
 * file expected (path) and what it means (message), and has code TMA_OK where it is not), a
 * partial story: a missing-file finding per missing language, in the run's language order, and
 * the findings' tmx as its files are named (the pair file NAME.L1-L2.tmx where a story of two
 * languages would say NAME.tmx; none for a unit of every language it has, which no file holds).
 * Strings go into ARENA. */
int tma_report_story_partial(tma_report_story *s, tma_arena *arena, char (*langs)[TMA_LANG_BYTES],
                             size_t lang_count, const tma_error *missing, tma_error *err);

/* Appends a finding about file FILE (may be NULL) to S; strings are copied into ARENA. */
int tma_report_story_add(tma_report_story *s, tma_arena *arena, tma_finding_kind kind,
                         const char *lang, const char *file, long line, long column, size_t start,
                         size_t end, const char *message, tma_error *err);

/* Appends S as XML to OUT, for tma_report_read_story once it is in a file. */
int tma_report_story_to_xml(const tma_report_story *s, tma_buf *out, tma_error *err);

/* Reads the story written at PATH and appends it to REPORT. */
int tma_report_read_story(tma_report *report, const char *path, tma_error *err);

/* The largest story part tma_report_read_story reads: far above what a story of the largest
 * input gives, and a bound on what a hostile part can cost. */
#define TMA_REPORT_PART_MAX_BYTES ((size_t)256 * 1024 * 1024)

/* The whole report as qa.json, qa.tsv and qa.html (see docs/qa-schema.md), written to OUT, an
 * open outfile that the caller finishes and commits (a failed write shows there). */
void tma_report_write_json(const tma_report *report, tma_outfile *out);
void tma_report_write_tsv(const tma_report *report, tma_outfile *out);
void tma_report_write_html(const tma_report *report, tma_outfile *out);

/* What qa.html shows (EDITABLE 0), or the page `tmalign review` serves (EDITABLE 1: the same
 * page with its editing on), written to FP. */
void tma_report_html_page(const tma_report *report, FILE *fp, int editable);

/* Story S's section of the page, as tma_report_html_page writes it for story number INDEX
 * (0-based) of REPORT, written to FP: what `tmalign review` sends after a decision. */
void tma_report_html_story(const tma_report *report, const tma_report_story *s, size_t index,
                           FILE *fp);

#endif
