/* tmalign: sentence alignment of translations into TMX translation memories.
 *
 * The whole public face of the library. Typical use:
 *
 *   tma_ctx_new(&ctx, &options, &err);        once per process, shared by threads
 *   tma_worker_new(&w, ctx, &err);            once per thread
 *   tma_doc_read_file(&doc[i], w, path, lang, &err);   per version of a story
 *   tma_story_align(&story, w, docs, n, &err);
 *   tma_story_write_tmx(story, w, "OUT.tmx", &tmx_options, &err);
 *
 * Every function that can fail returns 0 or a negative tma_status and fills its tma_error. The
 * library never prints and never exits. */
#ifndef TMALIGN_H
#define TMALIGN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TMA_VERSION "0.1.0"

/* The most languages one story may have. */
#define TMA_MAX_LANGS 8

/* The largest file tmalign reads as one version of a story, in bytes: a larger one is refused
 * with TMA_ERR_LIMIT. The aligner holds a whole story in memory several times over, and no single
 * story is this large. */
#define TMA_MAX_INPUT_BYTES ((size_t)512 * 1024 * 1024)

/* Failure kinds. Each maps to one documented exit code of the command (docs/exit-codes.md); a
 * value keeps its meaning for good and is never reused. */
typedef enum tma_status {
    TMA_OK = 0,
    TMA_ERR_USAGE = -1,    /* a caller's argument or option is wrong */
    TMA_ERR_INPUT = -2,    /* an input file is refused: not UTF-8 text, empty, ... */
    TMA_ERR_IO = -3,       /* a file cannot be opened, read or written */
    TMA_ERR_NOMEM = -4,    /* out of memory */
    TMA_ERR_LIMIT = -5,    /* input beyond what tmalign accepts (size caps) */
    TMA_ERR_INTERNAL = -6, /* ICU or libxml2 failed where it should not */
    TMA_ERR_DATA = -7,     /* a data table or lexicon is malformed */
} tma_status;

typedef struct tma_error {
    tma_status code;   /* TMA_OK when nothing went wrong */
    char path[1024];   /* the file concerned, "" if none */
    long line;         /* 1-based; 0 if not about a line */
    long column;       /* 1-based byte column; 0 if unknown */
    char message[256]; /* one line: what is wrong and what to do; no control characters */
    /* The options the message is about, by their field names in tma_batch_options and
     * tma_tmx_options, separated by spaces ("langs", "lang_codes tsv"); "" if none. The message
     * reads without them; a front end adds what its users call them (the command: --langs). */
    char option[32];
} tma_error;

/* A short stable name for a status ("input", "io", ...), for logs and reports. */
const char *tma_status_name(tma_status code);

/* ---- Languages ----------------------------------------------------------------------------- */

/* Language codes are ISO 639-1 (two lowercase letters, "en"), optionally with a region
 * ("en-US"); the primary subtag picks the splitting rules. Returns 1 if CODE is such a code: its
 * primary subtag one of the 184 of the ISO 639-1 table (src/data/iso639-1.tsv). */
int tma_lang_is_valid(const char *code);

/* The ISO 639-1 codes, in alphabetical order: stores up to MAX of them in OUT and returns how
 * many there are. */
size_t tma_lang_codes(char (*out)[3], size_t max);

/* ---- Context and workers ------------------------------------------------------------------- */

typedef struct tma_options {
    /* Paragraph breaks are soft evidence: the cost, in nats, of a bead whose two sides disagree on
     * whether a paragraph starts there. 0 uses the default. */
    double paragraph_penalty;
    /* Where the hunspell dictionaries are (LANG_REGION.aff and .dic); NULL: /usr/share/hunspell.
     * Without a dictionary for a language, every capitalised word inside a sentence is taken
     * for a name. */
    const char *dictionary_dir;
    /* Leave anchors (numbers, names) out and align by length alone. */
    int no_anchors;
    /* The input is split already: each line is one sentence, blank lines part paragraphs. */
    int segmented;
    /* Leave word knowledge out: no bilingual dictionary or glossary is read (docs/lexicons.md). */
    int no_lexicon;
    /* Where the dictd dictionaries are; NULL: /usr/share/dictd. */
    const char *dictd_dir;
    /* A glossary of the user's (docs/lexicons.md), used for the pair its header names or, without
     * a header, for every pair; NULL for none. */
    const char *glossary;
    /* A batch's output folder whose learned lexicons (lexicon.L1-L2.learned, docs/lexicons.md)
     * serve the pairs without a dictionary or glossary; NULL for none. */
    const char *learned_dir;
} tma_options;

#define TMA_OPTIONS_INIT {0, NULL, 0, 0, 0, NULL, NULL, NULL}

/* Options and tables, built once and then only read: every thread may share one ctx. The hunspell
 * dictionaries in it load on first use, under a lock. */
typedef struct tma_ctx tma_ctx;

/* What ICU needs per thread (break iterators, normaliser). A worker belongs to one thread. */
typedef struct tma_worker tma_worker;

/* On success stores a new ctx in *out (free with tma_ctx_free) and returns 0. OPTIONS may be NULL
 * for the defaults; it is copied. */
int tma_ctx_new(tma_ctx **out, const tma_options *options, tma_error *err);
void tma_ctx_free(tma_ctx *ctx);

/* Starts loading the hunspell dictionaries of LANGS[0..n) (not the other varieties that only the
 * batch QA report's spelling check asks) on threads of their own and returns at once: they load
 * while the calling thread reads and splits the documents, and a thread that
 * needs one before it is in waits for it. Once per ctx, from the thread that made it, before
 * other threads use it; later calls do nothing. Best effort: where no thread can be started, the
 * dictionaries load on first use. tma_ctx_free waits for the loads. */
void tma_ctx_preload(tma_ctx *ctx, const char *const *langs, size_t n);

/* Waits for the loads that tma_ctx_preload started, if any are still going: before a process
 * that does not free CTX exits, which must not happen under a thread that is loading. */
void tma_ctx_preload_wait(tma_ctx *ctx);

/* On success stores a new worker in *out (free with tma_worker_free, before CTX) and returns 0. */
int tma_worker_new(tma_worker **out, tma_ctx *ctx, tma_error *err);
void tma_worker_free(tma_worker *w);

/* ---- What each language has -------------------------------------------------------------- */

/* What tmalign has for one language, as tma_lang_support_find finds it in the tables built into
 * the library and the dictionaries installed. What a language lacks it does by generic means:
 * ICU's sentence breaks alone, every capitalised word inside a sentence taken for a name, ICU's
 * Any-Latin transliteration. */
typedef struct tma_lang_support {
    char code[16];      /* the primary subtag: "en" */
    char name[96];      /* its English name in ISO 639 ("English"); "" if not an ISO 639-1 code */
    int abbreviations;  /* 1: the splitter has a table of the language's abbreviations */
    int starters;       /* 1: ... of words that start sentences (after initialisms) */
    int openers;        /* 1: ... of openers that start a sentence glued to a headline */
    int dictionary;     /* 1: the hunspell dictionary DICTIONARY_FILE is installed */
    char dictionary_file[32]; /* the dictionary it loads, found or not: "en_US" */
    char lexicons[96];  /* the languages with an installed dictd dictionary of the pair, in
                         * either direction, space-separated ("ru"); "" for none */
    char script[64];    /* the scripts ICU says it is written in, space-separated ISO 15924
                         * names ("Cyrillic"); "" if ICU does not know (the script is not
                         * checked) */
    char transliteration[32]; /* the ICU transform that brings its names into Latin letters
                               * ("Russian-Latin/BGN"; "Any-Latin" is the generic one); "" when
                               * it is written in Latin letters or its script is unknown */
} tma_lang_support;

/* Fills *out with what CTX has for LANG (its primary subtag decides; the dictionaries are looked
 * for where CTX's options say). Loads no dictionary. Returns 0, or TMA_ERR_USAGE when LANG is not
 * a language code (tma_lang_is_valid). */
int tma_lang_support_find(tma_lang_support *out, tma_ctx *ctx, const char *lang,
                          tma_error *err);

/* ---- Documents ----------------------------------------------------------------------------- */

typedef struct tma_sentence {
    size_t start;          /* byte offset into the doc's NFC text */
    size_t len;            /* bytes */
    size_t orig_start;     /* byte offset into the file as read */
    size_t orig_len;       /* bytes in the file as read */
    uint32_t chars;        /* code points, whitespace runs counted as one: what the length model counts */
    uint32_t paragraph;    /* 0-based */
    uint32_t anchor_first; /* the sentence's anchors: tma_doc_anchors()[anchor_first ...] */
    uint32_t anchor_count;
} tma_sentence;

/* What survives translation and so ties sentences together across languages. */
typedef enum tma_anchor_kind {
    TMA_ANCHOR_NUMBER = 1, /* a number, normalised: "4 billion", "4 млрд", "4 մլրդ" are one */
    TMA_ANCHOR_NAME = 2, /* a name, by its transliterated skeleton: Shoygu, Шойгу, Շոյգու */
    TMA_ANCHOR_LEXICON = 3, /* a name from the lexicon: Azerbaijan, Азербайджан, Ադրբեջան */
    /* a word kept as written by its case-folded letters: in a text of another script, a word
     * in Latin letters ("BBC", "Royal Blood": foreign); in a Latin text, a capitalised word
     * inside a sentence that is no other anchor, which meets only a foreign one */
    TMA_ANCHOR_VERBATIM = 4
} tma_anchor_kind;

typedef struct tma_anchor {
    uint64_t key;     /* equal across languages for the same number or name */
    uint64_t alt_key; /* a second form (a name without its case ending); key if none */
    size_t start;     /* byte offset into the doc's NFC text */
    uint32_t len;     /* bytes */
    uint8_t kind;     /* tma_anchor_kind */
    uint8_t digits;   /* a number's significant digits, for weighting; 0 otherwise */
    uint8_t foreign;  /* a verbatim anchor in another script than its text's language */
} tma_anchor;

/* One version of a story: its text in NFC with "\n" line ends, split into paragraphs and
 * sentences. Only tma_story_align changes a doc once read (see there); otherwise threads may
 * share it. */
typedef struct tma_doc tma_doc;

/* Reads PATH as language LANG and splits it into sentences. On success stores a new doc in *out
 * (free it with tma_doc_free) and returns 0. On failure returns a negative tma_status, leaves *out
 * NULL and says in *err what is wrong and where (invalid UTF-8 with its line, column and byte).
 * The format comes from the content: UTF-8 text, or an HTML page, a Word document (.docx) or an
 * OpenDocument text (.odt), whose text is extracted first, a paragraph per block, and read as a
 * text file is; offsets and lines then refer to that text (docs/input-contract.md). PDF, RTF,
 * legacy Office files (.doc) and other binaries are refused (TMA_ERR_INPUT), saying what to save
 * the file as. */
int tma_doc_read_file(tma_doc **out, tma_worker *w, const char *path, const char *lang,
                      tma_error *err);

/* As tma_doc_read_file, from LEN bytes at DATA; NAME stands for the file in messages. DATA is
 * copied. */
int tma_doc_read_mem(tma_doc **out, tma_worker *w, const char *name, const char *data, size_t len,
                     const char *lang, tma_error *err);

void tma_doc_free(tma_doc *doc);

/* Reads the N files PATHS[k] as languages LANGS[k], as tma_doc_read_file does, into OUT[k]. When
 * the files are long, each is read and split on a thread of its own (with a worker of its own on
 * W's ctx), which then looks up the words of its doc that tma_story_align will want, so that the
 * story does not wait for the slowest doc's reading before it looks up any word. On failure every
 * OUT[k] is NULL and *err is the first file's failure in the order given. */
int tma_docs_read_files(tma_doc **out, tma_worker *w, const char *const *paths,
                        const char *const *langs, size_t n, tma_error *err);

/* Borrowed, valid until the doc is freed. */
const char *tma_doc_path(const tma_doc *doc);
const char *tma_doc_lang(const tma_doc *doc);
/* What the file was: "text", "html", "docx" or "odt" (static). */
const char *tma_doc_format(const tma_doc *doc);
/* The NFC text, LEN bytes, not NUL-terminated. */
const char *tma_doc_text(const tma_doc *doc, size_t *len);
size_t tma_doc_sentence_count(const tma_doc *doc);
size_t tma_doc_paragraph_count(const tma_doc *doc);
/* Sentence I (0-based, < tma_doc_sentence_count); borrowed, valid until the doc is freed. */
const tma_sentence *tma_doc_sentence(const tma_doc *doc, size_t i);

/* All the doc's anchors, sentence by sentence (see tma_sentence.anchor_first); *count receives
 * their number. Borrowed, valid until the doc is freed. */
const tma_anchor *tma_doc_anchors(const tma_doc *doc, size_t *count);

/* The byte span [*orig_start, *orig_end) in the file as read of the doc's NFC text
 * [start, start + len): where an editor finds it. */
void tma_doc_orig_span(const tma_doc *doc, size_t start, size_t len, size_t *orig_start,
                       size_t *orig_end);

/* Writes sentence I's text with every run of white space that holds a line break shown as one
 * space, other runs as they are, and none at either end, into BUF of SIZE bytes, NUL-terminated. Returns the length the
 * whole text needs, not counting the NUL, as snprintf does. */
size_t tma_doc_sentence_text(const tma_doc *doc, size_t i, char *buf, size_t size);

/* The characters of the doc's file that XML 1.0 forbids and the TMX therefore leaves out: C0
 * controls but tab and line ends, DEL, C1 controls, U+FFFE and U+FFFF; those that are white space
 * (vertical tab, form feed, NEL) are not counted, as they become a space. Returns their number
 * and, when there is one, stores where the first is in the file (1-based line, 1-based byte
 * column) in *line and *column. */
size_t tma_doc_forbidden_chars(const tma_doc *doc, long *line, long *column);

/* How tma_doc_write_sentences writes a doc. */
typedef enum tma_sentence_format {
    TMA_SENTENCES_TEXT,  /* a sentence per line (as tma_doc_sentence_text), a blank line before a
                          * new paragraph */
    TMA_SENTENCES_JSONL, /* a JSON object per line: paragraph (0-based), start and end (the byte
                          * span in the file as read), text, anchors ([{"kind", "text"}]) */
} tma_sentence_format;

/* Writes the doc's sentences to FP in FORMAT, as `tmalign split` prints them. Returns 0, or a
 * negative tma_status when memory runs out or FP reports a write error. */
int tma_doc_write_sentences(const tma_doc *doc, FILE *fp, tma_sentence_format format,
                            tma_error *err);

/* ---- Alignment ----------------------------------------------------------------------------- */

/* A group of sentences that translate each other: for each language of the story, the range
 * [first[k], first[k] + count[k]) of its sentence indices; count[k] == 0 when language k has no
 * sentence in the unit. */
typedef struct tma_unit {
    uint32_t first[TMA_MAX_LANGS];
    uint32_t count[TMA_MAX_LANGS];
    double score; /* confidence in [0, 1]; see docs/tmalign.1 */
    /* What a reviewer decided about this unit (tma_story_align_reviewed): 0 nothing, else
     * TMA_REVIEW_LINKED, TMA_REVIEW_APPROVED or TMA_REVIEW_REJECTED. */
    int review;
} tma_unit;

/* The alignment of one story: the alignments of every pair of its documents and the units that
 * join them. Owns nothing but its own arrays: the docs must outlive it. */
typedef struct tma_story tma_story;
/* A story's reviewed decisions (see Review below). */
typedef struct tma_review tma_review;

/* Aligns every pair of DOCS[0..N), 2 <= N <= TMA_MAX_LANGS (DOCS[0] is the source language of the
 * TMX). With three or more, each pair is aligned again with what the other languages' alignments
 * say about it, so that the pairs agree; the units are the smallest groups of sentences that no
 * pair's bead crosses. With two (and input not split already), a headline that runs into the
 * next sentence with no final punctuation in both versions is split off in both docs, which is
 * why they are not const. Stores a new story in *out (free with tma_story_free). */
int tma_story_align(tma_story **out, tma_worker *w, tma_doc *const *docs, size_t n,
                    tma_error *err);
void tma_story_free(tma_story *story);

/* As tma_story_align, with REVIEW's units as constraints (REVIEW may be NULL: then exactly as
 * tma_story_align). A unit fits when each of its non-empty sides is found in its language's doc
 * as consecutive sentences, once, or once right after its "before" sentence; a later fitting unit
 * overrides the earlier ones it shares a sentence with. Each fitting unit is one bead of every
 * pair of its view's languages (a unit of every language: of every pair, in the units too) and
 * the stretches between are aligned as usual; units that do not fit are stale: not applied, and
 * listed (tma_story_review_stale). The story's units and pair units get their review status. The
 * story keeps nothing of REVIEW. */
int tma_story_align_reviewed(tma_story **out, tma_worker *w, tma_doc *const *docs, size_t n,
                             const tma_review *review, tma_error *err);

/* A review unit that did not fit the story's text. */
typedef struct tma_review_stale {
    long id;          /* its decision's id */
    long line;        /* its decision's line in the review file */
    size_t unit;      /* its index in tma_review_units */
    char lang[16];    /* the language whose side does not fit; "" when it conflicts */
    char *text;       /* that side's first sentence (owned by the story), "" if none */
    const char *why;  /* static: "not found", "found more than once", ... */
} tma_review_stale;

/* What tma_story_align_reviewed did with the review. */
typedef struct tma_review_counts {
    size_t decisions; /* decisions in effect in the review file */
    size_t applied;   /* units that fit and hold in the alignment */
    size_t stale;     /* units that did not fit */
    size_t approved;  /* the story's units (every language) approved */
    size_t rejected;  /* the story's units (every language) rejected */
} tma_review_counts;

tma_review_counts tma_story_review_counts(const tma_story *story);
/* The stale units, in file order. Borrowed, valid until the story is freed. */
const tma_review_stale *tma_story_review_stale(const tma_story *story, size_t *count);

size_t tma_story_lang_count(const tma_story *story);
const tma_doc *tma_story_doc(const tma_story *story, size_t k);

/* How likely sentence I of language K is to have no counterpart in language OTHER, by the two
 * languages' alignment on its own: the posterior probability of the null beads through it, over
 * every alignment, not only the best one (0 for indices out of range). */
double tma_story_null_probability(const tma_story *story, size_t k, size_t other, size_t i);

/* The units that join every language, in document order. Borrowed. */
const tma_unit *tma_story_units(const tma_story *story, size_t *count);

/* The alignment of languages A and B (indices into the story's docs, A != B) on the pair's own
 * evidence, as the pair alone would be aligned (the units take the other languages' evidence as
 * well), as units in which only A and B are set, in document order; units with only one side are
 * included. A unit that a review decided (tma_story_align_reviewed) has its status in review: a
 * pair-view unit, or the pair's part of a unit of every language. Stores a new array in *out
 * (free with free()). */
int tma_story_pair_units(tma_unit **out, size_t *count, const tma_story *story, size_t a, size_t b,
                         tma_error *err);

/* ---- Review --------------------------------------------------------------------------------- */

/* A reviewer's decisions on a story, kept in a review file (docs/review-schema.md): JSON Lines, a
 * header, then one decision per line, each holding units "as they are after the action", keyed
 * by their sentences' text (tma_doc_sentence_text). tma_story_align_reviewed aligns a story with
 * the units that still fit its text as constraints. */

/* A unit's status: what the reviewer fixed it as. */
#define TMA_REVIEW_LINKED 1   /* these sentences are one unit */
#define TMA_REVIEW_APPROVED 2 /* one unit, and approved: written with an x-tmalign-review prop */
#define TMA_REVIEW_REJECTED 3 /* one unit, left out of every TMX */

/* Caps on what a decision may hold (tma_review_append refuses more with TMA_ERR_LIMIT). */
#define TMA_REVIEW_MAX_DECISION_BYTES 65536 /* the decision's JSON as sent */
#define TMA_REVIEW_MAX_UNITS 64             /* units in one decision */
#define TMA_REVIEW_MAX_SENTENCES 64         /* sentences on one side of a unit */
/* A review file longer than this is refused (TMA_ERR_LIMIT). */
#define TMA_REVIEW_MAX_FILE_BYTES (64L << 20)

/* A story's decisions, read from its review file and replayed: undone decisions and the undos
 * are gone; what is left is a list of units in file order. */
typedef struct tma_review tma_review;

/* One unit of a decision: for each language of the decision's view, its sentences' texts. */
typedef struct tma_review_unit {
    long id;           /* the decision's id */
    long line;         /* the decision's line in the review file (1-based) */
    int status;        /* TMA_REVIEW_LINKED, _APPROVED or _REJECTED */
    size_t lang_count; /* languages of the view: all the story's, or a pair */
    const char *langs[TMA_MAX_LANGS];
    const char *const *texts[TMA_MAX_LANGS]; /* texts[k][0 .. counts[k]) */
    size_t counts[TMA_MAX_LANGS];            /* 0: no sentence of langs[k] in the unit */
    const char *before[TMA_MAX_LANGS];       /* the sentence before the unit's first; "" none */
} tma_review_unit;

/* Reads the review file PATH and replays it. A missing file is an empty review (no decisions,
 * story and languages unknown). A last line without its newline (a write cut short) is skipped;
 * any other line that is not a decision as docs/review-schema.md says (bad JSON, unknown action,
 * a language not in the header, a duplicate id, an undo of nothing) fails the read with
 * TMA_ERR_INPUT and its line number in *err; a file over TMA_REVIEW_MAX_FILE_BYTES with
 * TMA_ERR_LIMIT. Stores a new review in *out (free with tma_review_free); threads may share it. */
int tma_review_read(tma_review **out, const char *path, tma_error *err);
void tma_review_free(tma_review *review);

/* The header's story name and languages ("" and 0 for an empty review). Borrowed. */
const char *tma_review_story(const tma_review *review);
size_t tma_review_lang_count(const tma_review *review);
const char *tma_review_lang(const tma_review *review, size_t k);
/* Decisions in effect: neither undone nor undos. */
size_t tma_review_decision_count(const tma_review *review);
/* The largest id in the file, undos and undone decisions included (0 for none). */
long tma_review_last_id(const tma_review *review);
/* The units of the decisions in effect, in file order; a later unit overrides an earlier one
 * that shares a sentence with it, which tma_story_align_reviewed resolves against the text.
 * Borrowed, valid until the review is freed. */
const tma_review_unit *tma_review_units(const tma_review *review, size_t *count);

/* Writes the review file of the TMX TMX_PATH into BUF of SIZE bytes: TMX_PATH with ".tmx" replaced
 * by ".review.jsonl" ("x.tmx" -> "x.review.jsonl"; a name without ".tmx" gets it added). Returns
 * 0, or TMA_ERR_USAGE with *err filled when it does not fit. */
int tma_review_path(char *buf, size_t size, const char *tmx_path, tma_error *err);

/* Appends one decision to the review file PATH: DECISION_JSON (LEN bytes) is a JSON object as a
 * page sends it, without "id" and "time": {"action", "view", "units"} or {"action": "undo",
 * "undoes"}. It is checked first (the action, the view against LANGS[0..n), the statuses, the
 * caps above; an undo must name a decision of the file that is neither an undo nor undone);
 * TMA_ERR_INPUT or TMA_ERR_LIMIT say what is wrong. Creates the file with its header (STORY,
 * LANGS) when missing; refuses (TMA_ERR_INPUT) a file whose header names another story or other
 * languages. Under an exclusive flock, the decision gets 1 + the largest id of the file (stored in
 * *id) and the time, and goes to the end in one write(), synced before the lock is released: two
 * processes appending at once lose nothing. A last line cut short by a crash is removed first. */
int tma_review_append(const char *path, const char *story, const char *const *langs, size_t n,
                      const char *decision_json, size_t len, long *id, tma_error *err);

/* ---- Review server (tmalign review; docs/review-server.md) --------------------------------- */

/* A local web server on a batch's output folder: the QA page with its editing on, each decision
 * appended to the story's review file and the story re-aligned with it. */
typedef struct tma_review_server tma_review_server;

typedef struct tma_review_server_options {
    unsigned port;         /* on 127.0.0.1; 0: any free port */
    const char *host_name; /* a name for 127.0.0.1 that the Host header may also give, and the
                            * address printed; NULL: 127.0.0.1 and localhost only */
    /* To serve one `tmalign align` output X.tmx (then the FOLDER of tma_review_server_start),
     * whose review file is X.review.jsonl: its input files FILES[k] in languages LANGS[k], the
     * source first; FILE_COUNT 0 for a batch's folder. */
    const char *const *files;
    const char *const *langs;
    size_t file_count;
} tma_review_server_options;

/* Serves the batch output FOLDER (its manifest, report parts and state files name the stories
 * and their files), or the align output OPTIONS->files name, on its own thread until
 * tma_review_server_stop. Stories are re-aligned with a
 * ctx made from BASE (may be NULL) and the alignment options the batch recorded, with the
 * lexicons it learned. Every request must carry the token of the address tma_review_server_url
 * gives and name this server in its Host header; API requests from another origin, bodies over
 * TMA_REVIEW_MAX_DECISION_BYTES, other methods and paths are refused with one line of JSON.
 * Stores a new server in *out and returns 0, or a negative tma_status: no batch output there
 * (TMA_ERR_IO, TMA_ERR_INPUT), the port taken (TMA_ERR_IO). */
int tma_review_server_start(tma_review_server **out, const char *folder,
                            const tma_review_server_options *options, const tma_options *base,
                            tma_error *err);

/* The address to open: http://127.0.0.1:PORT/?token=TOKEN, with the port actually bound.
 * Borrowed, valid until the server is stopped. */
const char *tma_review_server_url(const tma_review_server *server);

/* Stops serving (requests under way are finished) and frees SERVER; NULL is allowed. */
void tma_review_server_stop(tma_review_server *server);

/* ---- TMX output ---------------------------------------------------------------------------- */

/* The score under which a unit is low-confidence unless the caller says otherwise (the default of
 * --qa-threshold), in the QA report and in the TMX's notes. A unit's score is the posterior of
 * its beads, and a correct unit beside a short sentence it might have taken in often scores 0.2-0.5:
 * on the QA benchmark (bench/qa-precision.sh, issue 19) 0.5 flagged 121 units of which 30% were
 * wrong and 97 correct units of bench/clean, 0.1 73% and 6, 0.05 89% and 1. */
#define TMA_DEFAULT_QA_THRESHOLD 0.05

/* Trados Cloud refuses segments longer than this many code points: a unit with such a segment is
 * flagged in the TMX, or left out (tma_tmx_options.skip_long). */
#define TMA_LONG_SEGMENT_CHARS 2000

/* What each variant's x-source-file records of its file's path. */
typedef enum tma_source_path {
    TMA_SOURCE_PATH_RELATIVE = 0, /* relative to the working directory when the file is inside
                                   * it, else the file's name: no absolute path */
    TMA_SOURCE_PATH_AS_GIVEN,     /* the path as the caller gave it */
    TMA_SOURCE_PATH_NAME,         /* the file's name without its folders */
    TMA_SOURCE_PATH_NONE,         /* no x-source-file at all */
} tma_source_path;

typedef struct tma_tmx_options {
    /* Seconds since the epoch for creationdate; < 0 means now. The command passes
     * SOURCE_DATE_EPOCH here when it is set, so output can be reproduced. */
    long long creation_time;
    /* Prefix of every tuid; NULL uses the TMX's file name without folder and extension (OUT for
     * OUT.tmx and its pair files). */
    const char *tuid_prefix;
    /* Units whose score is under this are left out; 0 keeps every unit. */
    double min_score;
    /* The code written as xml:lang (and srclang) for each language, as "en=en-US,ru=ru-RU"; a
     * language it does not name keeps its own code. NULL: every language keeps its own. File
     * names and tuids keep the languages' own codes. */
    const char *lang_codes;
    /* 1: leave out units with a segment over TMA_LONG_SEGMENT_CHARS. 0: write them with
     * <prop type="x-tmalign-flag">long-segment</prop> and a <note>. */
    int skip_long;
    /* 1: write each pair's units also as tab-separated text, a line per unit (source, target,
     * score), beside the pair's TMX with the extension .tsv: OUT.tsv for two languages,
     * OUT.L1-L2.tsv beside each pair file for more. */
    int tsv;
    /* A unit scoring under this gets a low-confidence <note>, as in the QA report. */
    double qa_threshold;
    /* What x-source-file records of each file's path. */
    tma_source_path source_path;
    /* 1: write only the units a reviewer approved (tma_unit.review); rejected units are left out
     * either way, and approved ones carry <prop type="x-tmalign-review">approved</prop>. */
    int approved_only;
} tma_tmx_options;

#define TMA_TMX_OPTIONS_INIT {.creation_time = -1, .qa_threshold = TMA_DEFAULT_QA_THRESHOLD}

/* Checks MAP, the codes to write as xml:lang (tma_tmx_options.lang_codes), for the languages
 * LANGS[0..count): LANG=CODE pairs separated by commas, each LANG one of LANGS and named once,
 * each CODE a language code (tma_lang_is_valid), no two languages given one code. MAP NULL is
 * fine. Returns 0, or TMA_ERR_USAGE with *err saying what is wrong. */
int tma_tmx_check_lang_codes(const char *map, const char *const *langs, size_t count,
                             tma_error *err);

/* Writes the story as TMX 1.4b: PATH holds the units that have every language; when the story has
 * more than two languages, PATH with ".tmx" replaced by ".L1-L2.tmx" holds each pair's whole
 * alignment; with options->tsv, the TSV files beside them. Characters XML forbids are left out
 * (tma_doc_forbidden_chars) and the units they were in get a note. Each file goes to a temporary
 * file beside it, and none is renamed into place before all are complete: a failure leaves every
 * earlier file as it was. W is the calling thread's worker: the QA notes use its scratch. */
int tma_story_write_tmx(const tma_story *story, tma_worker *w, const char *path,
                        const tma_tmx_options *options, tma_error *err);

/* What the TMX with every language holds, as tma_story_write_tmx_counted wrote it. */
typedef struct tma_tmx_counts {
    size_t units;   /* <tu>s written */
    size_t flagged; /* of those, the units with a QA note or an x-tmalign-flag */
} tma_tmx_counts;

/* As tma_story_write_tmx, and stores in *out what the TMX PATH holds (not its pair files). */
int tma_story_write_tmx_counted(tma_tmx_counts *out, const tma_story *story, tma_worker *w,
                                const char *path, const tma_tmx_options *options,
                                tma_error *err);

/* Writes the pair file name for PATH and languages LA, LB ("x.tmx" -> "x.en-ru.tmx") into BUF of
 * SIZE bytes. Returns 0, or TMA_ERR_USAGE with *err filled when it does not fit. */
int tma_tmx_pair_path(char *buf, size_t size, const char *path, const char *la, const char *lb,
                      tma_error *err);

/* Removes the temporary files that interrupted runs writing the TMX PATH, its pair files or their
 * TSV files left beside it (named like them, then ".tmp." and six letters or digits), if they were
 * last changed before now and no process is writing them: a killed align leaves no litter for
 * good. tma_batch_run does the same in its output folder. */
void tma_tmx_remove_stale(const char *path);

/* ---- Batch --------------------------------------------------------------------------------- */

/* What a batch has done so far, passed to its progress callback after each story. */
typedef struct tma_batch_progress {
    size_t done;    /* stories finished, this one included */
    size_t total;   /* stories in the run (in the shard) */
    size_t aligned; /* of those done: aligned now */
    size_t skipped; /* up to date from an earlier run, left as they were */
    size_t failed;  /* not aligned: see the errors and the QA report */
    double seconds; /* since the run started */
    const char *story;       /* the story just finished; borrowed for the call */
    const tma_error *errors; /* why it failed, one per problem (ERROR_COUNT); borrowed */
    size_t error_count;
    const char *const *langs; /* the run's languages, source first (LANG_COUNT); borrowed */
    size_t lang_count;
    /* Of those done, aligned or up to date: stories that lack a language's file and have the
     * pairs of the others (partial; see docs/qa-schema.md). */
    size_t partial;
    /* The story's missing files, when it is partial, one per language (WARNING_COUNT): not a
     * failure; borrowed for the call. */
    const tma_error *warnings;
    size_t warning_count;
} tma_batch_progress;

typedef struct tma_batch_options {
    /* The languages, source first ("en,ru,hy"); NULL: every folder of the corpus named by a
     * language code, "en" first if there is one, then the others in name order. */
    const char *langs;
    size_t threads; /* 0: one per processor */
    int force;      /* align stories again even when their outputs are up to date */
    /* Align only shard SHARD (1-based) of SHARD_COUNT, chosen by a hash of the story name;
     * 0 and 0: every story. */
    unsigned shard, shard_count;
    /* How each story's TMX files are written. tuid_prefix is not read: a story's tuids start
     * with its name. lang_codes is checked against the run's languages; tsv writes
     * NAME.L1-L2.tsv (NAME.tsv) per story; qa_threshold also marks units low-confidence in the
     * QA report; corpus.tmx takes creation_time and lang_codes. */
    tma_tmx_options tmx;
    /* Called on the calling thread after each story (may be NULL). */
    void (*progress)(const tma_batch_progress *progress, void *arg);
    void *progress_arg;
} tma_batch_options;

#define TMA_BATCH_OPTIONS_INIT {.tmx = TMA_TMX_OPTIONS_INIT}

typedef struct tma_batch_result {
    size_t total, aligned, skipped, failed; /* stories, as in tma_batch_progress */
    int stopped; /* 1: tma_batch_stop was called; stories not begun are left for the next run */
    size_t partial; /* of those aligned or skipped, stories without some language's file */
} tma_batch_result;

/* Aligns every story of CORPUS (one folder per language, a story being a NAME.txt file in each)
 * into the folder OUTPUT, made if missing: NAME.tmx and its pair files per story, corpus.tmx with
 * every story, and the QA report qa.json, qa.tsv and qa.html (docs/qa-schema.md). Runs on
 * options->threads threads, each with its own worker on CTX; the outputs do not depend on the
 * number of threads. A story whose inputs and options are those its outputs were made from is
 * skipped unless options->force. A story that cannot be aligned (a language's file refused, or
 * every file but one missing) does not stop the run: it is counted in out->failed and reported.
 * A story that lacks some language's file but has two or more is aligned in those it has: its
 * pair files are written, not NAME.tmx, and it is counted in out->partial with a warning. Returns 0
 * when the run finished, failed stories or not; a negative tma_status when the run itself cannot go
 * on (no such corpus, OUTPUT not writable, another run writing to OUTPUT). Every file is written
 * through a temporary file and renamed into place, and never outside OUTPUT. */
int tma_batch_run(tma_batch_result *out, tma_ctx *ctx, const char *corpus, const char *output,
                  const tma_batch_options *options, tma_error *err);

/* Joins the outputs of the batch runs INPUTS[0..count) (typically shards of one corpus) into
 * OUTPUT: each story's files, corpus.tmx and the QA report, as one run over all their stories
 * would have written them. A story in several inputs is taken from the first. The inputs must
 * have the same languages and QA threshold. CREATION_TIME is as in tma_tmx_options. */
int tma_batch_merge(tma_batch_result *out, const char *const *inputs, size_t count,
                    const char *output, long long creation_time, tma_error *err);

/* Asks every running batch to stop once the stories in progress are written, leaving the rest
 * for the next run. Async-signal-safe: a SIGINT handler may call it. */
void tma_batch_stop(void);

#ifdef __cplusplus
}
#endif

#endif
