/* The output folder of a batch or a merge, OUT (its layout is in batch.h): the lock that keeps a
 * second writer out, what an interrupted run left, the paths of each story's files, the state
 * files that let a later run skip a story, files staged to be put in place together, and the
 * manifest, written and read here only. */
#ifndef TMA_BATCH_OUTDIR_H
#define TMA_BATCH_OUTDIR_H

#include "batch.h"

#include "buf.h"
#include "outfile.h"

/* Makes OUTPUT and its .tmalign folders, takes the lock that keeps a second run out, and removes
 * what an interrupted run left. On success *lock_fd holds the lock until the caller closes it;
 * on failure it is -1 and *err says why. */
int tma_outdir_prepare(int *lock_fd, const char *output, tma_error *err);

/* Undoes tma_outdir_prepare in OUTPUT, a folder it made, while the lock is still held: removes the
 * lock and the folders, which must be empty (nothing else is touched), for a run refused before
 * it wrote anything. */
void tma_outdir_unprepare(const char *output);

/* 1 if PATH is a regular file itself, not a symbolic link. */
int tma_outdir_is_file(const char *path);

/* Writes the path of story NAME's file EXT (".state", ".qa.xml") under OUTPUT/.tmalign/stories
 * into BUF (TMA_PATH_BYTES). Returns 0, or TMA_ERR_USAGE with *err (may be NULL) filled. */
int tma_outdir_story_file(char *buf, const char *output, const char *name, const char *ext,
                          tma_error *err);

/* Writes PATHS (TMA_TMX_MAX_FILES of them) of story NAME's TMX files in OUTPUT: NAME.tmx and,
 * with more than two languages, its pair files; with TSV, the TSV beside each pair's TMX as well.
 * PRESENT[k] says whether the story has language k (NULL: every one); a story that lacks one has
 * only the pair files of the languages it has. Returns how many; 0 when a path does not fit. */
size_t tma_outdir_tmx_files(char (*paths)[TMA_PATH_BYTES], const char *output,
                            char (*langs)[TMA_LANG_BYTES], size_t lang_count, const int *present,
                            const char *name, int tsv);

/* Removes story NAME's TSV files unless TSV: from an earlier run with TSV, they would no longer
 * match the TMX files beside them. PRESENT as for tma_outdir_tmx_files. */
void tma_outdir_remove_stale_tsv(const char *output, char (*langs)[TMA_LANG_BYTES],
                                 size_t lang_count, const int *present, int tsv, const char *name);

/* Removes the TMX and TSV files of story NAME that a story with the languages PRESENT does not
 * have: NAME.tmx and the pair files of a missing language, which an earlier run wrote when the
 * story had them all and which no longer match its files. */
void tma_outdir_remove_absent(const char *output, char (*langs)[TMA_LANG_BYTES], size_t lang_count,
                              const int *present, const char *name);

/* Writes LEN bytes at DATA to PATH, renamed into place but not synced: for the files of
 * OUT/.tmalign that a state file vouches for (or that nothing vouches for, as a failed story's
 * report part), whose loss in a crash only costs work done again. */
int tma_outdir_write_unsynced(const char *path, const char *data, size_t len, tma_error *err);

/* Appends to OUT the state of a story: what its outputs are made from, OPTIONS_KEY (the options)
 * and each of its LANG_COUNT inputs' size and hash (RAW) and path (PATHS), or, where PRESENT[k]
 * is 0 (PRESENT NULL: every one is there), that the file is missing. Returns 0, or -1 when out of
 * memory or a line does not fit. */
int tma_outdir_state_text(tma_buf *out, const char *options_key, char (*langs)[TMA_LANG_BYTES],
                          size_t lang_count, const int *present, const tma_buf *raw,
                          char (*paths)[TMA_PATH_BYTES]);

/* Appends the line of a state file that vouches for the report part PART (LEN bytes): its size
 * and hash. Returns 0, or -1 when out of memory. */
int tma_outdir_append_part_line(tma_buf *state, const char *part, size_t len);

/* 1 if the state file at STATE_PATH says STATE, followed by the line of the report part that is
 * there, and every output of story NAME in OUTPUT is there (PRESENT as for
 * tma_outdir_tmx_files). */
int tma_outdir_up_to_date(const char *output, const char *name, char (*langs)[TMA_LANG_BYTES],
                          size_t lang_count, const int *present, int tsv, const char *state_path,
                          const tma_buf *state);

/* Output files written and synced but not renamed into place yet: a writer of many files stages
 * them all first, so that a failure before the renames (a full disk) leaves OUT as it was. Owns
 * the outfiles; tma_staged_free discards those not renamed. */
typedef struct tma_staged {
    tma_outfile *items;
    size_t count, cap;
} tma_staged;

/* Finishes OUT, open for writing, and adds it to S, which then owns it; discards it on failure. */
int tma_staged_add(tma_staged *s, tma_outfile *out, tma_error *err);

/* Stages LEN bytes at DATA as the file PATH. */
int tma_staged_data(tma_staged *s, const char *path, const char *data, size_t len, tma_error *err);

/* Removes the temporary files of what S holds that was not renamed, and frees S. */
void tma_staged_free(tma_staged *s);

/* A story of a run's outputs, in the manifest and in corpus.tmx and the report. */
typedef struct tma_outdir_story {
    const char *name; /* borrowed */
    int failed;
    /* The folder its TMX and report part are read from (a merge's input, so that a message names
     * the file handed over, not its copy; borrowed); NULL: the output folder. */
    const char *from;
} tma_outdir_story;

/* Stages OUTPUT/.tmalign/manifest.tsv in STAGED: the run's languages, QA threshold, LANG_CODES,
 * TSV and ALIGN_OPTIONS (the options that change the alignment, as tma_batch_align_options
 * writes them), which a merge must find the same in every input, and STORIES[0..count) in name
 * order. */
int tma_outdir_manifest_stage(tma_staged *staged, const char *output, char (*langs)[TMA_LANG_BYTES],
                              size_t lang_count, double qa_threshold, const char *lang_codes,
                              int tsv, const char *align_options, const tma_outdir_story *stories,
                              size_t count, tma_error *err);

/* Stages OUTPUT/.tmalign/workdir in STAGED: the folder the batch runs in, from which the relative
 * paths of its state files start (tmalign review, run elsewhere, finds the files through it).
 * Best effort: nothing is staged when the folder cannot be named. */
int tma_outdir_workdir_stage(tma_staged *staged, const char *output, tma_error *err);

/* Writes into BUF (TMA_PATH_BYTES) the file the batch of OUTPUT read as PATH: PATH itself when it
 * is absolute or is found from here, else PATH under the folder that batch ran in
 * (tma_outdir_workdir_stage) when it is found there; PATH unchanged when neither. */
void tma_outdir_input_path(char *buf, const char *output, const char *path);

/* The story name a manifest line gives as the hex of its bytes (HEX, LEN digits), malloc'd; NULL
 * when it is not such a name (odd length, a digit that is not lower-case hex, a NUL byte) or out
 * of memory. */
char *tma_manifest_name_decode(const char *hex, size_t len);

/* A story of a manifest read. */
typedef struct tma_manifest_story {
    char *name;   /* owned by the tma_manifests */
    size_t input; /* the index of the manifest it came from */
    int failed;
} tma_manifest_story;

/* The manifests of several outputs, read in turn: the first one's header, which every other
 * must match, and the stories of all. Start from TMA_MANIFESTS_INIT; free with
 * tma_manifests_free. */
typedef struct tma_manifests {
    tma_manifest_story *stories; /* in the order read (owned) */
    size_t count, cap;
    char langs_line[256]; /* the first input's, which every other must match */
    char threshold_line[64];
    char langs[TMA_MAX_LANGS][TMA_LANG_BYTES];
    size_t lang_count;
    double threshold;
    /* The first input's --lang-code and --tsv, which every other must match. Manifests written
     * before these options had no such lines: no map, no TSV. */
    char lang_codes[1024];
    int tsv;
    /* The first input's options that change the alignment ("min-score=0 ... skip-long=0"). */
    char align_options[256];
} tma_manifests;

#define TMA_MANIFESTS_INIT                                                                         \
    {                                                                                              \
        0                                                                                          \
    }

/* The largest manifest tma_manifests_read reads: a line per story, millions of stories. */
#define TMA_MANIFEST_MAX_BYTES ((size_t)64 * 1024 * 1024)

/* Reads INPUT/.tmalign/manifest.tsv into M as input number INDEX (0 for the first). A shard
 * folder is input like any other: the manifest must be a regular file, its languages distinct
 * language codes, its story names names that batch accepts (no "/", no leading "."). Returns 0,
 * or a negative tma_status with *err filled: no manifest, a broken line, or not the first
 * input's languages or options. */
int tma_manifests_read(tma_manifests *m, const char *input, size_t index, tma_error *err);

void tma_manifests_free(tma_manifests *m);

#endif
