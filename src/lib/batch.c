#define _POSIX_C_SOURCE 200809L
#include "batch.h"

#include "arena.h"
#include "buf.h"
#include "context.h"
#include "error.h"
#include "outfile.h"
#include "pool.h"
#include "report.h"
#include "text.h"
#include "tmx.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <unicode/utf8.h>

#include <libxml/parser.h>

/* The longest story name, in bytes: NAME.L1-L2.tmx and its temporary file must fit in a file
 * name (255 bytes on the usual file systems). */
#define MAX_NAME_BYTES 200
#define PATH_BYTES     4096

static atomic_int stop_requested;

void tma_batch_stop(void)
{
    atomic_store(&stop_requested, 1);
}

uint64_t tma_batch_hash(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 1099511628211ull;
    return h;
}

int tma_batch_in_shard(const char *name, unsigned k, unsigned n)
{
    if (n == 0)
        return 1;
    return tma_batch_hash(TMA_FNV_OFFSET, name, strlen(name)) % n == (uint64_t)(k - 1);
}

/* ---- Paths --------------------------------------------------------------------------------- */

static int path_join(char *buf, const char *a, const char *b, const char *c, tma_error *err)
{
    int n = snprintf(buf, PATH_BYTES, "%s/%s%s", a, b, c);
    if (n < 0 || n >= PATH_BYTES)
        return tma_error_set(err, TMA_ERR_USAGE, a, 0, 0,
                             "a path under this folder is too long; choose a shorter one");
    return 0;
}

/* The id of story NAME for its files under OUT/.tmalign/stories: its hash in hex. */
static void story_id(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%016llx",
             (unsigned long long)tma_batch_hash(TMA_FNV_OFFSET, name, strlen(name)));
}

static int story_file(char *buf, const char *output, const char *name, const char *ext,
                      tma_error *err)
{
    char id[32];
    story_id(id, sizeof id, name);
    int n = snprintf(buf, PATH_BYTES, "%s/.tmalign/stories/%s%s", output, id, ext);
    if (n < 0 || n >= PATH_BYTES)
        return tma_error_set(err, TMA_ERR_USAGE, output, 0, 0,
                             "the output folder's path is too long; choose a shorter one");
    return 0;
}

/* Why NAME (a file name without ".txt") cannot name a story's outputs, or NULL if it can. LANGS
 * are the run's languages: "x.en-ru" would be story x's pair file. */
static const char *name_problem(const char *name, char (*langs)[16], size_t nlangs)
{
    size_t len = strlen(name);
    if (len > MAX_NAME_BYTES)
        return "the file name is too long for its outputs' names; shorten it";
    size_t i = 0;
    while (i < len) {
        UChar32 c;
        U8_NEXT(name, i, len, c);
        if (c < 0)
            return "the file name is not valid UTF-8; rename the file";
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
            return "the file name holds a control character; rename the file";
    }
    if (strcmp(name, "corpus") == 0)
        return "a story may not be called corpus: OUT/corpus.tmx holds the whole run; rename the "
               "file";
    for (size_t a = 0; a < nlangs; a++) {
        for (size_t b = 0; b < nlangs; b++) {
            char suffix[40];
            int n = snprintf(suffix, sizeof suffix, ".%s-%s", langs[a], langs[b]);
            if (a != b && n > 0 && len > (size_t)n && strcmp(name + len - n, suffix) == 0)
                return "the file name ends like a pair file of another story; rename the file";
        }
    }
    return NULL;
}

/* Makes folder PATH unless it is there; refuses a symbolic link or a file, so that nothing is
 * written outside the output folder. */
static int make_folder(const char *path, int follow, tma_error *err)
{
    struct stat st;
    if ((follow ? stat(path, &st) : lstat(path, &st)) == 0) {
        if (S_ISDIR(st.st_mode))
            return 0;
        return tma_error_set(err, TMA_ERR_IO, path, 0, 0,
                             S_ISLNK(st.st_mode)
                                 ? "is a symbolic link; tmalign writes only into a real folder"
                                 : "is not a folder; give a folder for the outputs");
    }
    if (mkdir(path, 0777) != 0 && errno != EEXIST)
        return tma_error_set(err, TMA_ERR_IO, path, 0, 0, "cannot make the folder: %s",
                             strerror(errno));
    return 0;
}

/* Makes OUTPUT and its .tmalign folders, takes the lock that keeps a second run out, and removes
 * what an interrupted run left. On success *lock_fd holds the lock until it is closed. */
static int prepare_output(int *lock_fd, const char *output, tma_error *err)
{
    char path[PATH_BYTES];
    *lock_fd = -1;
    int rc = make_folder(output, 1, err);
    if (rc == 0)
        rc = path_join(path, output, ".tmalign", "", err);
    if (rc == 0)
        rc = make_folder(path, 0, err);
    if (rc == 0)
        rc = path_join(path, output, ".tmalign/stories", "", err);
    if (rc == 0)
        rc = make_folder(path, 0, err);
    if (rc == 0)
        rc = path_join(path, output, ".tmalign/lock", "", err);
    if (rc < 0)
        return rc;
    int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0)
        return tma_error_set(err, TMA_ERR_IO, path, 0, 0, "cannot open: %s; check the folder",
                             strerror(errno));
    struct flock lock = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    if (fcntl(fd, F_SETLK, &lock) != 0) {
        close(fd);
        return tma_error_set(err, TMA_ERR_IO, output, 0, 0,
                             "another tmalign is writing to this folder; wait for it to finish "
                             "or choose another folder");
    }
    *lock_fd = fd;
    /* What an interrupted run left: temporary files from before this run that no one writes. */
    time_t now = time(NULL);
    tma_outfile_remove_stale(output, NULL, now);
    if (path_join(path, output, ".tmalign", "", NULL) == 0)
        tma_outfile_remove_stale(path, NULL, now);
    if (path_join(path, output, ".tmalign/stories", "", NULL) == 0)
        tma_outfile_remove_stale(path, NULL, now);
    return 0;
}

/* 1 if PATH is a regular file itself, not a symbolic link. */
static int is_file(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* ---- The run's stories --------------------------------------------------------------------- */

enum { JOB_STOPPED, JOB_ALIGNED, JOB_SKIPPED, JOB_FAILED };

typedef struct batch_job {
    char *name;                 /* the story: its file name without ".txt" (owned) */
    int present[TMA_MAX_LANGS]; /* 1 if the language's folder holds NAME.txt */
    int outcome;                /* JOB_*: set by the worker that ran the job */
    int reported;               /* 1 once the calling thread has heard that the job is done */
    struct story_work *staged;  /* an aligned story's files for the calling thread to put in
                                   place (owned) */
    tma_error *errors;          /* why it failed, one per problem (owned) */
    size_t error_count;
} batch_job;

typedef struct name_list {
    char **items;
    size_t count, cap;
} name_list;

static int name_push(name_list *l, const char *s, size_t len)
{
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        char **p = realloc(l->items, cap * sizeof *p);
        if (p == NULL)
            return -1;
        l->items = p;
        l->cap = cap;
    }
    char *copy = malloc(len + 1);
    if (copy == NULL)
        return -1;
    memcpy(copy, s, len);
    copy[len] = '\0';
    l->items[l->count++] = copy;
    return 0;
}

static void name_list_free(name_list *l)
{
    for (size_t i = 0; i < l->count; i++)
        free(l->items[i]);
    free(l->items);
    *l = (name_list){0};
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A story whose outputs go into the run's. */
typedef struct run_story_entry {
    const char *name; /* borrowed */
    int failed;
    /* The folder its TMX and report part are read from (a merge's input, so that a message names
     * the file handed over, not its copy; borrowed); NULL: the output folder. */
    const char *from;
} run_story_entry;

/* The run's corpus.tmx and QA report, built one story at a time in name order as the stories are
 * done: what a run and a merge share. */
typedef struct run_outputs {
    const char *output;     /* borrowed */
    tma_tmx_corpus *corpus; /* owned */
    tma_report report;
    int rc; /* the first failure, after which nothing is added */
    tma_error err;
} run_outputs;

typedef struct batch_run {
    tma_ctx *ctx;
    const char *corpus, *output;
    const tma_batch_options *options;
    char langs[TMA_MAX_LANGS][16];
    size_t lang_count;
    batch_job *jobs;
    size_t job_count;
    tma_worker **workers;
    size_t threads;
    atomic_int dicts_loading; /* 1 once a worker has started loading the dictionaries */
    run_outputs outputs;      /* on the calling thread */
    size_t outputs_next;      /* the outputs hold the stories before this job */
    /* On the calling thread: jobs done but not reported yet, and their stories to commit. */
    size_t in_hand[TMA_POOL_MAX_WAITING];
    size_t in_hand_count;
    struct story_work *staged[TMA_POOL_MAX_WAITING];
    char options_key[1024]; /* what besides the inputs decides the outputs, for the state files */
    struct timespec started;
    tma_batch_progress progress;
} batch_run;

/* The languages of the run: OPTIONS->langs, or the corpus's folders named by a language code. */
static int find_langs(batch_run *run, tma_error *err)
{
    const char *list = run->options->langs;
    if (list != NULL) {
        const char *p = list;
        while (*p) {
            size_t len = strcspn(p, ",");
            if (run->lang_count == TMA_MAX_LANGS)
                return tma_error_set(err, TMA_ERR_USAGE, NULL, 0, 0,
                                     "--langs names more than %d languages", TMA_MAX_LANGS);
            char *lang = run->langs[run->lang_count];
            if (len == 0 || len >= sizeof run->langs[0])
                return tma_error_set(err, TMA_ERR_USAGE, NULL, 0, 0,
                                     "--langs must be language codes separated by commas (%s)",
                                     list);
            memcpy(lang, p, len);
            lang[len] = '\0';
            if (!tma_lang_is_valid(lang))
                return tma_error_set(err, TMA_ERR_USAGE, NULL, 0, 0,
                                     "'%s' is not a language code (use ISO 639-1: en, ru, hy)",
                                     lang);
            for (size_t k = 0; k < run->lang_count; k++) {
                if (strcmp(run->langs[k], lang) == 0)
                    return tma_error_set(err, TMA_ERR_USAGE, NULL, 0, 0, "--langs names %s twice",
                                         lang);
            }
            run->lang_count++;
            p += len;
            if (*p == ',')
                p++;
        }
    } else {
        DIR *d = opendir(run->corpus);
        if (d == NULL)
            return tma_error_set(err, TMA_ERR_IO, run->corpus, 0, 0,
                                 "cannot open the corpus folder: %s; check the path",
                                 strerror(errno));
        name_list found = {0};
        struct dirent *e;
        int rc = 0;
        while ((e = readdir(d)) != NULL && rc == 0) {
            char path[PATH_BYTES];
            struct stat st;
            if (!tma_lang_is_valid(e->d_name) || strlen(e->d_name) >= sizeof run->langs[0] ||
                path_join(path, run->corpus, e->d_name, "", NULL) < 0 || stat(path, &st) != 0 ||
                !S_ISDIR(st.st_mode))
                continue;
            if (name_push(&found, e->d_name, strlen(e->d_name)) < 0)
                rc = tma_error_nomem(err, "listing the corpus");
        }
        closedir(d);
        if (rc == 0 && found.count > TMA_MAX_LANGS)
            rc = tma_error_set(err, TMA_ERR_USAGE, run->corpus, 0, 0,
                               "has more than %d language folders; choose with --langs",
                               TMA_MAX_LANGS);
        if (rc == 0 && found.count > 0) {
            qsort(found.items, found.count, sizeof *found.items, compare_names);
            for (size_t i = 0; i < found.count; i++) {
                if (strcmp(found.items[i], "en") == 0)
                    snprintf(run->langs[run->lang_count++], sizeof run->langs[0], "en");
            }
            for (size_t i = 0; i < found.count; i++) {
                if (strcmp(found.items[i], "en") != 0)
                    snprintf(run->langs[run->lang_count++], sizeof run->langs[0], "%s",
                             found.items[i]);
            }
        }
        name_list_free(&found);
        if (rc < 0)
            return rc;
    }
    if (run->lang_count < 2)
        return tma_error_set(err, TMA_ERR_USAGE, run->corpus, 0, 0,
                             "needs a folder for each of at least two languages (en/, ru/, ...), "
                             "or name them with --langs");
    return 0;
}

/* Lists the stories: every NAME.txt in any language's folder (hidden files left out), in name
 * order, each with the languages that have it, keeping those of the run's shard. */
static int list_stories(batch_run *run, tma_error *err)
{
    name_list per_lang[TMA_MAX_LANGS] = {0};
    name_list all = {0};
    int rc = 0;
    for (size_t k = 0; k < run->lang_count && rc == 0; k++) {
        char dir[PATH_BYTES];
        rc = path_join(dir, run->corpus, run->langs[k], "", err);
        if (rc < 0)
            break;
        DIR *d = opendir(dir);
        if (d == NULL) {
            rc = tma_error_set(err, TMA_ERR_USAGE, dir, 0, 0,
                               "cannot open the folder of language %s: %s; check --langs and the "
                               "corpus",
                               run->langs[k], strerror(errno));
            break;
        }
        struct dirent *e;
        while ((e = readdir(d)) != NULL && rc == 0) {
            size_t len = strlen(e->d_name);
            if (e->d_name[0] == '.' || len <= 4 || strcmp(e->d_name + len - 4, ".txt") != 0)
                continue;
            if (name_push(&per_lang[k], e->d_name, len - 4) < 0 ||
                name_push(&all, e->d_name, len - 4) < 0)
                rc = tma_error_nomem(err, "listing the corpus");
        }
        closedir(d);
        if (per_lang[k].count > 0)
            qsort(per_lang[k].items, per_lang[k].count, sizeof(char *), compare_names);
    }
    if (rc == 0) {
        if (all.count > 0)
            qsort(all.items, all.count, sizeof(char *), compare_names);
        run->jobs = calloc(all.count + 1, sizeof *run->jobs);
        if (run->jobs == NULL)
            rc = tma_error_nomem(err, "listing the corpus");
    }
    const char *prev = NULL; /* the name before, which a job may own by now */
    for (size_t i = 0; i < all.count && rc == 0; i++) {
        int same = prev != NULL && strcmp(all.items[i], prev) == 0;
        prev = all.items[i];
        if (same)
            continue;
        if (run->options->shard_count > 0 &&
            !tma_batch_in_shard(all.items[i], run->options->shard, run->options->shard_count))
            continue;
        batch_job *job = &run->jobs[run->job_count++];
        job->name = all.items[i];
        all.items[i] = NULL;
        for (size_t k = 0; k < run->lang_count; k++)
            job->present[k] =
                per_lang[k].count > 0 && bsearch(&job->name, per_lang[k].items, per_lang[k].count,
                                                 sizeof(char *), compare_names) != NULL;
    }
    for (size_t k = 0; k < TMA_MAX_LANGS; k++)
        name_list_free(&per_lang[k]);
    name_list_free(&all);
    return rc;
}

/* ---- One story ----------------------------------------------------------------------------- */

typedef struct story_work {
    batch_run *run;
    batch_job *job;
    tma_worker *w;
    char paths[TMA_MAX_LANGS][PATH_BYTES];
    tma_buf raw[TMA_MAX_LANGS];
    tma_doc *docs[TMA_MAX_LANGS];
    tma_arena arena;
    tma_report_story failed; /* the report part of a story that fails */
    int failing;
    /* An aligned story's outputs, written but not in place: the TMX files under temporary names,
     * the report part's XML and the state file that vouches for them (see commit_stories). */
    tma_outfile tmx[TMA_TMX_MAX_FILES];
    size_t tmx_count;
    tma_buf part, state;
    char state_path[PATH_BYTES];
} story_work;

/* Frees SW and what it holds, the temporary files of outputs not put in place included. */
static void story_work_free(story_work *sw)
{
    for (size_t k = 0; k < TMA_MAX_LANGS; k++) {
        tma_doc_free(sw->docs[k]);
        tma_buf_free(&sw->raw[k]);
    }
    for (size_t k = 0; k < sw->tmx_count; k++)
        tma_outfile_discard(&sw->tmx[k]);
    tma_buf_free(&sw->part);
    tma_buf_free(&sw->state);
    tma_arena_free(&sw->arena);
    free(sw);
}

/* The byte offset of LINE and COLUMN (1-based) in RAW, for a finding's span. */
static size_t offset_of(const tma_buf *raw, long line, long column)
{
    size_t off = 0;
    for (long l = 1; l < line && off < raw->len; off++) {
        if (raw->data[off] == '\n')
            l++;
    }
    if (column > 1)
        off += (size_t)(column - 1);
    return off < raw->len ? off : raw->len;
}

/* Records a problem that keeps the story from being aligned: a line for the command to print
 * and a finding of KIND for the report. */
static void story_fail(story_work *sw, tma_finding_kind kind, size_t k, const tma_error *e)
{
    batch_job *job = sw->job;
    if (!sw->failing) {
        const char *langs[TMA_MAX_LANGS], *files[TMA_MAX_LANGS];
        for (size_t i = 0; i < sw->run->lang_count; i++) {
            langs[i] = sw->run->langs[i];
            files[i] = sw->paths[i];
        }
        (void)tma_report_story_failed(&sw->failed, &sw->arena, job->name, langs, files,
                                      sw->run->lang_count, NULL);
        sw->failing = 1;
    }
    tma_error *grown = realloc(job->errors, (job->error_count + 1) * sizeof *grown);
    if (grown != NULL) {
        job->errors = grown;
        job->errors[job->error_count++] = *e;
    }
    size_t start = 0, end = 0;
    if (k < sw->run->lang_count && sw->raw[k].len > 0 && e->line > 0) {
        start = offset_of(&sw->raw[k], e->line, e->column);
        end = start < sw->raw[k].len ? start + 1 : start;
    }
    (void)tma_report_story_add(&sw->failed, &sw->arena, kind,
                               k < sw->run->lang_count ? sw->run->langs[k] : "", e->path, e->line,
                               e->column, start, end, e->message, NULL);
}

/* Writes LEN bytes at DATA to PATH, renamed into place but not synced: for the files of
 * OUT/.tmalign that a state file vouches for (or that nothing vouches for, as a failed story's
 * report part), whose loss in a crash only costs work done again. */
static int write_unsynced(const char *path, const char *data, size_t len, tma_error *err)
{
    tma_outfile out = TMA_OUTFILE_INIT;
    int rc = tma_outfile_open(&out, path, err);
    if (rc == 0) {
        out.no_sync = 1;
        (void)tma_outfile_write(&out, data ? data : "", len);
        rc = tma_outfile_commit(&out, err);
    }
    tma_outfile_discard(&out);
    return rc;
}

/* Writes the LEN bytes of XML at DATA to the story's report part file. */
static int write_part(story_work *sw, const char *data, size_t len, tma_error *err)
{
    char path[PATH_BYTES];
    int rc = story_file(path, sw->run->output, sw->job->name, ".qa.xml", err);
    return rc < 0 ? rc : write_unsynced(path, data, len, err);
}

/* Writes the report part of a failed story. */
static void story_fail_write(story_work *sw)
{
    tma_error e = {0};
    tma_buf xml = TMA_BUF_INIT;
    int rc = tma_report_story_to_xml(&sw->failed, &xml, &e);
    if (rc == 0)
        rc = write_part(sw, xml.data, xml.len, &e);
    tma_buf_free(&xml);
    if (rc < 0) {
        tma_error *grown = realloc(sw->job->errors, (sw->job->error_count + 1) * sizeof *grown);
        if (grown != NULL) {
            sw->job->errors = grown;
            sw->job->errors[sw->job->error_count++] = e;
        }
    }
    sw->job->outcome = JOB_FAILED;
}

/* What the story's outputs are made from: the options and each input's size and hash. */
static int state_text(tma_buf *out, story_work *sw)
{
    char line[PATH_BYTES + 128];
    int n =
        snprintf(line, sizeof line, "tmalign %s\noptions %s\n", TMA_VERSION, sw->run->options_key);
    if (tma_buf_append(out, line, (size_t)n) < 0)
        return -1;
    for (size_t k = 0; k < sw->run->lang_count; k++) {
        uint64_t h =
            tma_batch_hash(TMA_FNV_OFFSET, sw->raw[k].data ? sw->raw[k].data : "", sw->raw[k].len);
        n = snprintf(line, sizeof line, "file %s %016llx %zu %s\n", sw->run->langs[k],
                     (unsigned long long)h, sw->raw[k].len, sw->paths[k]);
        if (n < 0 || (size_t)n >= sizeof line || tma_buf_append(out, line, (size_t)n) < 0)
            return -1;
    }
    return 0;
}

/* The story's TMX files: NAME.tmx and, with more than two languages, its pair files; with TSV,
 * the TSV beside each pair's TMX as well. */
static size_t tmx_files(char (*paths)[PATH_BYTES], const char *output, char (*langs)[16],
                        size_t lang_count, const char *name, int tsv)
{
    size_t n = 0;
    if (path_join(paths[n], output, name, ".tmx", NULL) < 0)
        return 0;
    n++;
    for (size_t a = 0; a < lang_count && lang_count > 2; a++) {
        for (size_t b = a + 1; b < lang_count; b++) {
            if (tma_tmx_pair_path(paths[n], PATH_BYTES, paths[0], langs[a], langs[b], NULL) == 0)
                n++;
        }
    }
    /* With two languages NAME.tmx is the pair's file; with more, the pair files are. */
    for (size_t i = lang_count > 2, pairs = n; i < pairs && tsv; i++) {
        if (tma_tmx_tsv_path(paths[n], PATH_BYTES, paths[i], NULL) == 0)
            n++;
    }
    return n;
}

/* Appends the line of a state file that vouches for the report part PART (LEN bytes): its size
 * and hash. */
static int append_part_line(tma_buf *state, const char *part, size_t len)
{
    char line[64];
    int n = snprintf(line, sizeof line, "part %zu %016llx\n", len,
                     (unsigned long long)tma_batch_hash(TMA_FNV_OFFSET, part ? part : "", len));
    return tma_buf_append(state, line, (size_t)n);
}

/* 1 if the state file at PATH says STATE, followed by the line of the report part that is there,
 * and every output of the story is there. */
static int up_to_date(story_work *sw, const char *path, const tma_buf *state)
{
    tma_buf old = TMA_BUF_INIT, part = TMA_BUF_INIT, expected = TMA_BUF_INIT;
    char report[PATH_BYTES];
    int same = is_file(path) && tma_text_read_file(&old, path, NULL) == 0 &&
               story_file(report, sw->run->output, sw->job->name, ".qa.xml", NULL) == 0 &&
               is_file(report) && tma_text_read_file(&part, report, NULL) == 0 &&
               tma_buf_append(&expected, state->data, state->len) == 0 &&
               append_part_line(&expected, part.data, part.len) == 0 && old.len == expected.len &&
               memcmp(old.data, expected.data, old.len) == 0;
    tma_buf_free(&old);
    tma_buf_free(&part);
    tma_buf_free(&expected);
    if (!same)
        return 0;
    char(*outs)[PATH_BYTES] = malloc(TMA_TMX_MAX_FILES * sizeof *outs);
    if (outs == NULL)
        return 0;
    size_t n = tmx_files(outs, sw->run->output, sw->run->langs, sw->run->lang_count, sw->job->name,
                         sw->run->options->tsv);
    for (size_t i = 0; i < n && same; i++)
        same = is_file(outs[i]);
    free(outs);
    return same && n > 0;
}

/* Removes story NAME's TSV files when the run writes none: from an earlier run with TSV, they would
 * no longer match the TMX files beside them. */
static void remove_stale_tsv(const batch_run *run, const char *name)
{
    char(*paths)[PATH_BYTES] = malloc(TMA_TMX_MAX_FILES * sizeof *paths);
    char langs[TMA_MAX_LANGS][16];
    if (paths == NULL || run->options->tsv) {
        free(paths);
        return;
    }
    memcpy(langs, run->langs, sizeof langs);
    size_t tmx = tmx_files(paths, run->output, langs, run->lang_count, name, 0);
    size_t all = tmx_files(paths, run->output, langs, run->lang_count, name, 1);
    for (size_t i = tmx; i < all; i++)
        (void)unlink(paths[i]);
    free(paths);
}

/* Loads the run's dictionaries side by side on as many threads as the run has, the first time a
 * story needs aligning (a run whose stories are all up to date needs none). The workers that come
 * while they load go on with their stories until they need a dictionary, and then wait for it. */
static void load_dictionaries(batch_run *run)
{
    if (atomic_exchange(&run->dicts_loading, 1))
        return;
    const char *langs[TMA_MAX_LANGS];
    for (size_t k = 0; k < run->lang_count; k++)
        langs[k] = run->langs[k];
    tma_stem_load(&run->ctx->dicts, langs, run->lang_count, 1, run->threads);
}

/* Aligns the story and writes its outputs, leaving them for commit_stories to put in place: its
 * TMX files under temporary names, its report part and its state in memory. */
static void story_align(story_work *sw, const tma_buf *state)
{
    batch_run *run = sw->run;
    batch_job *job = sw->job;
    tma_story *story = NULL;
    tma_error e = {0};
    char path[PATH_BYTES];
    load_dictionaries(run);
    for (size_t k = 0; k < run->lang_count; k++) {
        if (tma_doc_read_mem(&sw->docs[k], sw->w, sw->paths[k],
                             sw->raw[k].data ? sw->raw[k].data : "", sw->raw[k].len, run->langs[k],
                             &e) < 0)
            story_fail(sw, TMA_FINDING_BAD_INPUT, k, &e);
    }
    if (sw->failing)
        return;
    tma_report_story part;
    tma_report_params params = {run->options->qa_threshold};
    tma_tmx_options topt = TMA_TMX_OPTIONS_INIT;
    topt.creation_time = run->options->creation_time;
    topt.tuid_prefix = job->name;
    topt.min_score = run->options->min_score;
    topt.lang_codes = run->options->lang_codes;
    topt.skip_long = run->options->skip_long;
    topt.tsv = run->options->tsv;
    topt.qa_threshold = run->options->qa_threshold;
    int rc = tma_story_align(&story, sw->w, sw->docs, run->lang_count, &e);
    if (rc == 0)
        rc = path_join(path, run->output, job->name, ".tmx", &e);
    if (rc == 0)
        rc = tma_story_stage_tmx(story, sw->w, path, &topt, sw->tmx, &sw->tmx_count, &e);
    if (rc == 0)
        rc = tma_report_story_build(&part, &sw->arena, sw->w, job->name, story, &params, &e);
    if (rc == 0)
        rc = tma_report_story_to_xml(&part, &sw->part, &e);
    tma_story_free(story);
    /* The state file vouches for the report part by its size and hash. */
    if (rc == 0 && (tma_buf_append(&sw->state, state->data, state->len) < 0 ||
                    append_part_line(&sw->state, sw->part.data, sw->part.len) < 0))
        rc = tma_error_nomem(&e, "aligning a story");
    if (rc < 0) {
        story_fail(sw, TMA_FINDING_ERROR, run->lang_count, &e);
        return;
    }
    job->outcome = JOB_ALIGNED;
}

/* Fails story SW, whose outputs could not be put in place, with E. */
static void commit_failed(story_work *sw, const tma_error *e)
{
    story_fail(sw, TMA_FINDING_ERROR, sw->run->lang_count, e);
    story_fail_write(sw);
}

/* Puts the outputs of the stories that workers aligned, STAGED[0..count), in place, on the
 * calling thread while the workers go on, all at once so that their waits for the disk overlap
 * and the output folder is synced once: the TMX files, synced and renamed; then each story's
 * report part; last its state file, which vouches for outputs that are all in place, and for the
 * part by its size and hash. Should a crash lose the state or the part, or its content, the story
 * is aligned again: neither need wait for the disk. Frees the stories. */
static void commit_stories(story_work **staged, size_t count)
{
    tma_error e = {0};
    for (size_t i = 0; i < count; i++)
        tma_outfile_start_writeback(staged[i]->tmx, staged[i]->tmx_count);
    const char *folder = NULL;
    for (size_t i = 0; i < count; i++) {
        story_work *sw = staged[i];
        if (tma_outfile_rename_all(sw->tmx, sw->tmx_count, &e) < 0)
            commit_failed(sw, &e);
        else if (sw->tmx_count > 0)
            folder = sw->tmx[0].path;
    }
    if (folder != NULL)
        tma_outfile_sync_folder(folder);
    for (size_t i = 0; i < count; i++) {
        story_work *sw = staged[i];
        if (!sw->failing) {
            remove_stale_tsv(sw->run, sw->job->name);
            if (write_part(sw, sw->part.data, sw->part.len, &e) < 0 ||
                write_unsynced(sw->state_path, sw->state.data, sw->state.len, &e) < 0)
                commit_failed(sw, &e);
        }
        story_work_free(sw);
    }
}

static void run_story(void *arg, size_t thread, size_t index)
{
    batch_run *run = arg;
    batch_job *job = &run->jobs[index];
    if (atomic_load(&stop_requested)) {
        job->outcome = JOB_STOPPED;
        return;
    }
    story_work *sw = calloc(1, sizeof *sw);
    if (sw == NULL) {
        job->errors = calloc(1, sizeof *job->errors);
        if (job->errors != NULL) {
            tma_error_nomem(&job->errors[0], "aligning a story");
            job->error_count = 1;
        }
        job->outcome = JOB_FAILED;
        return;
    }
    sw->run = run;
    sw->job = job;
    sw->w = run->workers[thread];
    tma_error e = {0};
    tma_buf state = TMA_BUF_INIT;
    for (size_t k = 0; k < TMA_TMX_MAX_FILES; k++)
        sw->tmx[k] = (tma_outfile)TMA_OUTFILE_INIT;
    for (size_t k = 0; k < run->lang_count; k++) {
        char file[MAX_NAME_BYTES + 8];
        snprintf(file, sizeof file, "%s.txt", job->name);
        if (path_join(sw->paths[k], run->corpus, run->langs[k], "/", &e) < 0 ||
            strlen(sw->paths[k]) + strlen(file) >= PATH_BYTES)
            snprintf(sw->paths[k], PATH_BYTES, "%s.txt", job->name);
        else
            strcat(sw->paths[k], file);
    }
    const char *problem = name_problem(job->name, run->langs, run->lang_count);
    if (problem != NULL) {
        size_t k = 0;
        while (k + 1 < run->lang_count && !job->present[k])
            k++;
        tma_error_set(&e, TMA_ERR_INPUT, sw->paths[k], 0, 0, "%s", problem);
        story_fail(sw, TMA_FINDING_BAD_INPUT, k, &e);
        /* Its report part has a file name of its own (the hash), so it can still be written. */
        story_fail_write(sw);
        goto cleanup;
    }
    for (size_t k = 0; k < run->lang_count; k++) {
        struct stat st;
        if (!job->present[k]) {
            tma_error_set(&e, TMA_ERR_IO, sw->paths[k], 0, 0,
                          "missing: the story has files in other languages; add this one or "
                          "remove the others");
            story_fail(sw, TMA_FINDING_MISSING_FILE, k, &e);
        } else if (stat(sw->paths[k], &st) == 0 && !S_ISREG(st.st_mode)) {
            tma_error_set(&e, TMA_ERR_IO, sw->paths[k], 0, 0,
                          "is not a regular file; give the story a text file");
            story_fail(sw, TMA_FINDING_BAD_INPUT, k, &e);
        } else if (tma_text_read_file(&sw->raw[k], sw->paths[k], &e) < 0) {
            story_fail(sw, TMA_FINDING_BAD_INPUT, k, &e);
        }
    }
    if (!sw->failing) {
        if (story_file(sw->state_path, run->output, job->name, ".state", &e) < 0 ||
            state_text(&state, sw) < 0) {
            if (e.code == TMA_OK)
                tma_error_nomem(&e, "aligning a story");
            story_fail(sw, TMA_FINDING_ERROR, run->lang_count, &e);
        } else if (!run->options->force && up_to_date(sw, sw->state_path, &state)) {
            job->outcome = JOB_SKIPPED;
            goto cleanup;
        } else {
            /* The old state no longer vouches for anything: an interruption from here on must
             * make the next run align the story again. */
            (void)unlink(sw->state_path);
            story_align(sw, &state);
        }
    }
    if (sw->failing)
        story_fail_write(sw);
cleanup:
    for (size_t k = 0; k < TMA_MAX_LANGS; k++) {
        tma_doc_free(sw->docs[k]);
        sw->docs[k] = NULL;
        tma_buf_free(&sw->raw[k]);
    }
    tma_buf_free(&state);
    if (job->outcome == JOB_ALIGNED)
        job->staged = sw;
    else
        story_work_free(sw);
}

/* ---- The run's outputs --------------------------------------------------------------------- */

/* Hex of the LEN bytes at S, for names in the manifest. */
static int hex_append(tma_buf *out, const char *s)
{
    static const char digits[] = "0123456789abcdef";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        char pair[2] = {digits[*p >> 4], digits[*p & 15]};
        if (tma_buf_append(out, pair, 2) < 0)
            return -1;
    }
    return 0;
}

/* Starts O: the corpus.tmx of OUTPUT and an empty QA report. */
static int outputs_begin(run_outputs *o, const char *output, char (*langs)[16], size_t lang_count,
                         double qa_threshold, const char *lang_codes, long long creation_time,
                         tma_error *err)
{
    char path[PATH_BYTES], srclang[32];
    tma_tmx_options options = TMA_TMX_OPTIONS_INIT;
    *o = (run_outputs){.output = output, .report = TMA_REPORT_INIT};
    o->report.lang_count = lang_count;
    for (size_t k = 0; k < lang_count; k++)
        memcpy(o->report.langs[k], langs[k], sizeof o->report.langs[k]);
    o->report.params.low_confidence = qa_threshold;
    options.creation_time = creation_time;
    tma_tmx_lang_code(srclang, sizeof srclang, lang_codes, langs[0]);
    int rc = path_join(path, output, "corpus.tmx", "", err);
    if (rc == 0)
        rc = tma_tmx_corpus_open(&o->corpus, path, srclang, &options, err);
    return rc;
}

/* Adds story S to O: its <tu>s to corpus.tmx unless it failed, its part to the report. The first
 * failure is kept in O, and nothing is added after it. */
static void outputs_add(run_outputs *o, const run_story_entry *s)
{
    char path[PATH_BYTES];
    const char *from = s->from ? s->from : o->output;
    if (o->rc == 0 && !s->failed) {
        o->rc = path_join(path, from, s->name, ".tmx", &o->err);
        if (o->rc == 0)
            o->rc = tma_tmx_corpus_add(o->corpus, path, &o->err);
    }
    if (o->rc == 0)
        o->rc = story_file(path, from, s->name, ".qa.xml", &o->err);
    if (o->rc == 0)
        o->rc = tma_report_read_story(&o->report, path, &o->err);
}

/* Output files written and synced but not renamed into place yet: a writer of many files stages
 * them all first, so that a failure before the renames (a full disk) leaves OUT as it was. Owns
 * the outfiles. */
typedef struct staged_files {
    tma_outfile *items;
    size_t count, cap;
} staged_files;

/* Finishes OUT, open for writing, and adds it to S, which then owns it; discards it on failure. */
static int stage_outfile(staged_files *s, tma_outfile *out, tma_error *err)
{
    int rc = tma_outfile_finish(out, err);
    if (rc == 0 && s->count == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        tma_outfile *grown = realloc(s->items, cap * sizeof *grown);
        if (grown == NULL) {
            rc = tma_error_nomem(err, "writing the outputs");
        } else {
            s->items = grown;
            s->cap = cap;
        }
    }
    if (rc < 0) {
        tma_outfile_discard(out);
        return rc;
    }
    s->items[s->count++] = *out;
    return 0;
}

/* Stages LEN bytes at DATA as the file PATH. */
static int stage_data(staged_files *s, const char *path, const char *data, size_t len,
                      tma_error *err)
{
    tma_outfile out = TMA_OUTFILE_INIT;
    int rc = tma_outfile_open(&out, path, err);
    if (rc < 0)
        return rc;
    (void)tma_outfile_write(&out, data ? data : "", len);
    return stage_outfile(s, &out, err);
}

/* Stages the report file NAME of OUTPUT, written by WRITE. */
static int stage_report(staged_files *s, const char *output, const char *name,
                        void (*write)(const tma_report *, tma_outfile *), const tma_report *report,
                        tma_error *err)
{
    char path[PATH_BYTES];
    tma_outfile out = TMA_OUTFILE_INIT;
    int rc = path_join(path, output, name, "", err);
    if (rc == 0)
        rc = tma_outfile_open(&out, path, err);
    if (rc < 0)
        return rc;
    write(report, &out);
    return stage_outfile(s, &out, err);
}

/* Removes the temporary files of what S holds that was not renamed, and frees S. */
static void staged_free(staged_files *s)
{
    for (size_t k = 0; k < s->count; k++)
        tma_outfile_discard(&s->items[k]);
    free(s->items);
    *s = (staged_files){0};
}

/* Once every story of STORIES[0..count) (name order) is added to O: finishes corpus.tmx and stages
 * the QA report and the manifest in STAGED, for outputs_commit. LANG_CODES and TSV are the run's
 * options, which the manifest keeps for merges. */
static int outputs_finish(run_outputs *o, char (*langs)[16], size_t lang_count, double qa_threshold,
                          const char *lang_codes, int tsv, const run_story_entry *stories,
                          size_t count, staged_files *staged, tma_error *err)
{
    const char *output = o->output;
    char path[PATH_BYTES];
    tma_buf manifest = TMA_BUF_INIT;
    int rc = o->rc;
    if (rc < 0)
        *err = o->err;
    if (rc == 0)
        rc = tma_tmx_corpus_finish(o->corpus, err);
    if (rc == 0)
        rc = stage_report(staged, output, "qa.json", tma_report_write_json, &o->report, err);
    if (rc == 0)
        rc = stage_report(staged, output, "qa.tsv", tma_report_write_tsv, &o->report, err);
    if (rc == 0)
        rc = stage_report(staged, output, "qa.html", tma_report_write_html, &o->report, err);
    if (rc == 0) {
        char line[1024];
        int n = snprintf(line, sizeof line, "tmalign\t%s\nqa-threshold\t%.4f\nlangs\t", TMA_VERSION,
                         qa_threshold);
        int bad = tma_buf_append(&manifest, line, (size_t)n) < 0;
        for (size_t k = 0; k < lang_count && !bad; k++)
            bad = tma_buf_append(&manifest, k ? "," : "", k ? 1 : 0) < 0 ||
                  tma_buf_append(&manifest, langs[k], strlen(langs[k])) < 0;
        bad = bad || tma_buf_push(&manifest, '\n') < 0;
        n = snprintf(line, sizeof line, "lang-codes\t%s\ntsv\t%d\n", lang_codes ? lang_codes : "",
                     tsv);
        bad = bad || n < 0 || (size_t)n >= sizeof line ||
              tma_buf_append(&manifest, line, (size_t)n) < 0;
        for (size_t i = 0; i < count && !bad; i++) {
            bad = tma_buf_append(&manifest, "story\t", 6) < 0 ||
                  hex_append(&manifest, stories[i].name) < 0;
            n = snprintf(line, sizeof line, "\t%s\n", stories[i].failed ? "failed" : "aligned");
            bad = bad || tma_buf_append(&manifest, line, (size_t)n) < 0;
        }
        rc = bad ? tma_error_nomem(err, "writing the manifest") : 0;
    }
    if (rc == 0)
        rc = path_join(path, output, ".tmalign/manifest.tsv", "", err);
    if (rc == 0)
        rc = stage_data(staged, path, manifest.data, manifest.len, err);
    tma_buf_free(&manifest);
    return rc;
}

/* Renames corpus.tmx and everything STAGED into place, each folder synced once. Renames within a
 * folder do not fail for want of space; should one fail all the same, those before it are in
 * place. */
static int outputs_commit(run_outputs *o, staged_files *staged, tma_error *err)
{
    int rc = tma_tmx_corpus_commit(o->corpus, err);
    return rc < 0 ? rc : tma_outfile_commit_all(staged->items, staged->count, err);
}

static void outputs_free(run_outputs *o)
{
    tma_tmx_corpus_free(o->corpus);
    o->corpus = NULL;
    tma_report_free(&o->report);
}

static double seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* Counts in the job, reports its progress and adds to the run's outputs the stories before
 * the first that is not done, in name order. */
static void report_job(batch_run *run, batch_job *job)
{
    tma_batch_progress *p = &run->progress;
    if (job->outcome == JOB_STOPPED)
        return;
    p->done++;
    p->aligned += job->outcome == JOB_ALIGNED;
    p->skipped += job->outcome == JOB_SKIPPED;
    p->failed += job->outcome == JOB_FAILED;
    p->seconds = seconds_since(&run->started);
    p->story = job->name;
    p->errors = job->errors;
    p->error_count = job->error_count;
    if (run->options->progress != NULL)
        run->options->progress(p, run->options->progress_arg);
    /* The outputs take the stories in name order as soon as they are done, while the workers go
     * on: the run need not read them all once the last story is aligned. */
    job->reported = 1;
    while (run->outputs_next < run->job_count && run->jobs[run->outputs_next].reported) {
        const batch_job *next = &run->jobs[run->outputs_next++];
        outputs_add(&run->outputs,
                    &(run_story_entry){next->name, next->outcome == JOB_FAILED, NULL});
    }
}

/* The jobs that finished are taken together while more wait behind them: their outputs are
 * put in place at once (commit_stories), then each is reported. */
static void story_done(void *arg, size_t index, size_t waiting)
{
    batch_run *run = arg;
    run->in_hand[run->in_hand_count++] = index;
    if (waiting > 0 && run->in_hand_count < TMA_POOL_MAX_WAITING)
        return;
    size_t staged = 0;
    for (size_t i = 0; i < run->in_hand_count; i++) {
        batch_job *job = &run->jobs[run->in_hand[i]];
        if (job->staged != NULL)
            run->staged[staged++] = job->staged;
        job->staged = NULL;
    }
    commit_stories(run->staged, staged);
    for (size_t i = 0; i < run->in_hand_count; i++)
        report_job(run, &run->jobs[run->in_hand[i]]);
    run->in_hand_count = 0;
}

int tma_batch_run(tma_batch_result *out, tma_ctx *ctx, const char *corpus, const char *output,
                  const tma_batch_options *options, tma_error *err)
{
    static const tma_batch_options defaults = TMA_BATCH_OPTIONS_INIT;
    batch_run run = {
        .ctx = ctx, .corpus = corpus, .output = output, .outputs = {.report = TMA_REPORT_INIT}};
    int lock_fd = -1;
    size_t threads = 0;
    memset(out, 0, sizeof *out);
    run.options = options ? options : &defaults;
    atomic_store(&stop_requested, 0);
    clock_gettime(CLOCK_MONOTONIC, &run.started);
    if (run.options->shard_count > 0 &&
        (run.options->shard < 1 || run.options->shard > run.options->shard_count))
        return tma_error_set(err, TMA_ERR_USAGE, NULL, 0, 0,
                             "the shard must be K/N with 1 <= K <= N");
    int rc = find_langs(&run, err);
    if (rc == 0) {
        const char *langs[TMA_MAX_LANGS];
        for (size_t k = 0; k < run.lang_count; k++)
            langs[k] = run.langs[k];
        rc = tma_tmx_check_lang_codes(run.options->lang_codes, langs, run.lang_count, err);
    }
    if (rc == 0)
        rc = list_stories(&run, err);
    if (rc == 0)
        rc = prepare_output(&lock_fd, output, err);
    if (rc < 0)
        goto cleanup;
    size_t used = 0;
    used += (size_t)snprintf(run.options_key, sizeof run.options_key, "langs=");
    for (size_t k = 0; k < run.lang_count; k++)
        used += (size_t)snprintf(run.options_key + used, sizeof run.options_key - used, "%s%s",
                                 k ? "," : "", run.langs[k]);
    snprintf(run.options_key + used, sizeof run.options_key - used,
             " min-score=%.6g qa-threshold=%.6g creation-time=%lld paragraph-penalty=%.6g "
             "anchors=%d segmented=%d lang-codes=%s skip-long=%d tsv=%d",
             run.options->min_score, run.options->qa_threshold, run.options->creation_time,
             ctx->options.paragraph_penalty, !ctx->options.no_anchors, ctx->options.segmented,
             run.options->lang_codes ? run.options->lang_codes : "", run.options->skip_long,
             run.options->tsv);

    size_t want = run.options->threads ? run.options->threads : tma_pool_cores();
    if (want > run.job_count)
        want = run.job_count ? run.job_count : 1;
    run.workers = calloc(want, sizeof *run.workers);
    if (run.workers == NULL) {
        rc = tma_error_nomem(err, "starting the workers");
        goto cleanup;
    }
    /* Workers are made here, on the calling thread, before any thread starts. */
    for (threads = 0; threads < want && rc == 0; threads++)
        rc = tma_worker_new(&run.workers[threads], ctx, err);
    if (rc == 0)
        rc = outputs_begin(&run.outputs, output, run.langs, run.lang_count,
                           run.options->qa_threshold, run.options->lang_codes,
                           run.options->creation_time, err);
    if (rc < 0)
        goto cleanup;
    run.threads = threads;
    run.progress.total = run.job_count;
    tma_pool_run(threads, run.job_count, run_story, story_done, &run);

    out->total = run.job_count;
    out->aligned = run.progress.aligned;
    out->skipped = run.progress.skipped;
    out->failed = run.progress.failed;
    out->stopped = run.progress.done < run.job_count;
    if (!out->stopped) {
        /* Every worker has joined: the manifest lists the stories in name order. */
        run_story_entry *entries = calloc(run.job_count + 1, sizeof *entries);
        if (entries == NULL) {
            rc = tma_error_nomem(err, "writing the report");
            goto cleanup;
        }
        for (size_t i = 0; i < run.job_count; i++)
            entries[i] =
                (run_story_entry){run.jobs[i].name, run.jobs[i].outcome == JOB_FAILED, NULL};
        staged_files staged = {0};
        rc = outputs_finish(&run.outputs, run.langs, run.lang_count, run.options->qa_threshold,
                            run.options->lang_codes, run.options->tsv, entries, run.job_count,
                            &staged, err);
        if (rc == 0)
            rc = outputs_commit(&run.outputs, &staged, err);
        staged_free(&staged);
        free(entries);
    }
cleanup:
    outputs_free(&run.outputs);
    for (size_t t = 0; t < threads; t++)
        tma_worker_free(run.workers[t]);
    free(run.workers);
    for (size_t i = 0; i < run.job_count; i++) {
        free(run.jobs[i].name);
        free(run.jobs[i].errors);
    }
    free(run.jobs);
    if (lock_fd >= 0)
        close(lock_fd);
    return rc;
}

/* ---- Merging runs -------------------------------------------------------------------------- */

typedef struct merge_story {
    char *name; /* owned */
    size_t input;
    int failed;
} merge_story;

static int compare_merge_stories(const void *pa, const void *pb)
{
    const merge_story *a = pa, *b = pb;
    int c = strcmp(a->name, b->name);
    if (c != 0)
        return c;
    return (a->input > b->input) - (a->input < b->input);
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

typedef struct merge_state {
    merge_story *stories;
    size_t count, cap;
    char langs_line[256]; /* the first input's, which every other must match */
    char threshold_line[64];
    char langs[TMA_MAX_LANGS][16];
    size_t lang_count;
    double threshold;
    /* The first input's --lang-code and --tsv, which every other must match. Manifests written
     * before these options had no such lines: no map, no TSV. */
    char lang_codes[1024];
    int tsv;
} merge_state;

/* Reads INPUT/.tmalign/manifest.tsv into M as input number INDEX. */
static int read_manifest(merge_state *m, const char *input, size_t index, tma_error *err)
{
    char path[PATH_BYTES];
    tma_buf text = TMA_BUF_INIT;
    int rc = path_join(path, input, ".tmalign/manifest.tsv", "", err);
    if (rc == 0 && tma_text_read_file(&text, path, err) < 0)
        rc = tma_error_set(err, TMA_ERR_IO, input, 0, 0,
                           "is not the output of a finished tmalign batch (no "
                           ".tmalign/manifest.tsv); run the batch to its end first");
    if (rc == 0 && tma_buf_push(&text, '\0') < 0)
        rc = tma_error_nomem(err, "reading a manifest");
    char *p = rc == 0 ? text.data : NULL;
    char lang_codes[1024] = "";
    int tsv = 0;
    long line = 0;
    while (rc == 0 && p != NULL && *p) {
        char *eol = strchr(p, '\n');
        if (eol != NULL)
            *eol = '\0';
        line++;
        if (strncmp(p, "langs\t", 6) == 0) {
            if (index == 0) {
                snprintf(m->langs_line, sizeof m->langs_line, "%s", p);
                for (const char *l = p + 6; *l && m->lang_count < TMA_MAX_LANGS;) {
                    size_t len = strcspn(l, ",");
                    snprintf(m->langs[m->lang_count++], sizeof m->langs[0], "%.*s",
                             (int)(len < 15 ? len : 15), l);
                    l += len + (l[len] == ',');
                }
            } else if (strcmp(m->langs_line, p) != 0) {
                rc = tma_error_set(err, TMA_ERR_USAGE, input, 0, 0,
                                   "has other languages than %s; merge runs over the same "
                                   "languages",
                                   m->langs_line + 6);
            }
        } else if (strncmp(p, "qa-threshold\t", 13) == 0) {
            if (index == 0) {
                snprintf(m->threshold_line, sizeof m->threshold_line, "%s", p);
                m->threshold = strtod(p + 13, NULL);
            } else if (strcmp(m->threshold_line, p) != 0) {
                rc = tma_error_set(err, TMA_ERR_USAGE, input, 0, 0,
                                   "was run with another --qa-threshold; merge runs made with "
                                   "the same options");
            }
        } else if (strncmp(p, "lang-codes\t", 11) == 0) {
            snprintf(lang_codes, sizeof lang_codes, "%s", p + 11);
        } else if (strncmp(p, "tsv\t", 4) == 0) {
            tsv = strcmp(p + 4, "1") == 0;
        } else if (strncmp(p, "story\t", 6) == 0) {
            char *hex = p + 6, *tab = strchr(hex, '\t');
            size_t len = tab ? (size_t)(tab - hex) : 0;
            char *name = len % 2 == 0 && len > 0 ? malloc(len / 2 + 1) : NULL;
            for (size_t i = 0; name != NULL && i < len / 2; i++) {
                int hi = hex_value(hex[2 * i]), lo = hex_value(hex[2 * i + 1]);
                if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
                    free(name);
                    name = NULL;
                    break;
                }
                name[i] = (char)(hi * 16 + lo);
                name[i + 1] = '\0';
            }
            if (name == NULL) {
                rc = tma_error_set(err, TMA_ERR_INPUT, path, line, 0,
                                   "is not a story line of a manifest; run the batch again");
                break;
            }
            if (m->count == m->cap) {
                size_t cap = m->cap ? m->cap * 2 : 256;
                merge_story *grown = realloc(m->stories, cap * sizeof *grown);
                if (grown == NULL) {
                    free(name);
                    rc = tma_error_nomem(err, "reading a manifest");
                    break;
                }
                m->stories = grown;
                m->cap = cap;
            }
            m->stories[m->count++] = (merge_story){name, index, strcmp(tab + 1, "aligned") != 0};
        }
        p = eol ? eol + 1 : NULL;
    }
    if (rc == 0 && index == 0 && m->lang_count < 2)
        rc = tma_error_set(err, TMA_ERR_INPUT, path, 0, 0,
                           "names no languages; run the batch again");
    if (rc == 0 && index == 0) {
        memcpy(m->lang_codes, lang_codes, sizeof lang_codes);
        m->tsv = tsv;
    } else if (rc == 0 && (strcmp(m->lang_codes, lang_codes) != 0 || m->tsv != tsv)) {
        rc = tma_error_set(err, TMA_ERR_USAGE, input, 0, 0,
                           "was run with another --lang-code or --tsv; merge runs made with the "
                           "same options");
    }
    tma_buf_free(&text);
    return rc;
}

/* Copies FROM to TO through a temporary file. A FROM that is missing is no error when OPTIONAL. */
/* Stages a copy of FROM as TO; with OPTIONAL, nothing when FROM is not there. */
static int stage_copy(staged_files *staged, const char *from, const char *to, int optional,
                      tma_error *err)
{
    tma_buf data = TMA_BUF_INIT;
    if (optional && !is_file(from))
        return 0;
    int rc = tma_text_read_file(&data, from, err);
    if (rc == 0)
        rc = stage_data(staged, to, data.data, data.len, err);
    tma_buf_free(&data);
    return rc;
}

/* Stages copies of story S's files from INPUT in OUTPUT. */
static int stage_story(staged_files *staged, const merge_state *m, const merge_story *s,
                       const char *input, const char *output, tma_error *err)
{
    char from[PATH_BYTES], to[PATH_BYTES];
    char langs[TMA_MAX_LANGS][16];
    memcpy(langs, m->langs, sizeof langs);
    int rc = 0;
    if (!s->failed) {
        char(*ins)[PATH_BYTES] = malloc(2 * TMA_TMX_MAX_FILES * sizeof *ins);
        if (ins == NULL)
            return tma_error_nomem(err, "merging");
        char(*outs)[PATH_BYTES] = ins + TMA_TMX_MAX_FILES;
        size_t n = tmx_files(ins, input, langs, m->lang_count, s->name, m->tsv);
        if (tmx_files(outs, output, langs, m->lang_count, s->name, m->tsv) != n || n == 0)
            rc = tma_error_set(err, TMA_ERR_USAGE, output, 0, 0,
                               "a path under this folder is too long; choose a shorter one");
        for (size_t i = 0; i < n && rc == 0; i++)
            rc = stage_copy(staged, ins[i], outs[i], 0, err);
        free(ins);
    }
    if (rc == 0 && (rc = story_file(from, input, s->name, ".qa.xml", err)) == 0 &&
        (rc = story_file(to, output, s->name, ".qa.xml", err)) == 0)
        rc = stage_copy(staged, from, to, 0, err);
    if (rc == 0 && (rc = story_file(from, input, s->name, ".state", err)) == 0 &&
        (rc = story_file(to, output, s->name, ".state", err)) == 0)
        rc = stage_copy(staged, from, to, 1, err);
    return rc;
}

int tma_batch_merge(tma_batch_result *out, const char *const *inputs, size_t count,
                    const char *output, long long creation_time, tma_error *err)
{
    merge_state m = {0};
    run_story_entry *entries = NULL;
    int lock_fd = -1, rc = 0;
    memset(out, 0, sizeof *out);
    if (count == 0)
        return tma_error_set(err, TMA_ERR_USAGE, NULL, 0, 0, "merge needs at least one folder");
    struct stat target;
    int target_exists = stat(output, &target) == 0;
    for (size_t i = 0; i < count && rc == 0; i++) {
        struct stat st;
        if (target_exists && stat(inputs[i], &st) == 0 && st.st_dev == target.st_dev &&
            st.st_ino == target.st_ino)
            rc = tma_error_set(err, TMA_ERR_USAGE, inputs[i], 0, 0,
                               "is also the output; merge into a new folder");
        if (rc == 0)
            rc = read_manifest(&m, inputs[i], i, err);
    }
    if (rc < 0)
        goto cleanup;
    if (m.count > 0)
        qsort(m.stories, m.count, sizeof *m.stories, compare_merge_stories);
    entries = calloc(m.count + 1, sizeof *entries);
    if (entries == NULL) {
        rc = tma_error_nomem(err, "merging");
        goto cleanup;
    }
    rc = prepare_output(&lock_fd, output, err);
    size_t n = 0;
    for (size_t i = 0; i < m.count && rc == 0; i++) {
        const merge_story *s = &m.stories[i];
        if (n > 0 && strcmp(entries[n - 1].name, s->name) == 0)
            continue; /* in an earlier input too: the first one is kept */
        entries[n++] = (run_story_entry){s->name, s->failed, inputs[s->input]};
        out->total++;
        out->aligned += !s->failed;
        out->failed += s->failed;
    }
    /* Every file is written and synced before any is renamed into place: an input refused (a
     * broken TMX) or a disk that fills up leaves OUT as it was. */
    run_outputs outputs = {.report = TMA_REPORT_INIT};
    staged_files staged = {0};
    const char *lang_codes = m.lang_codes[0] ? m.lang_codes : NULL;
    if (rc == 0)
        rc = outputs_begin(&outputs, output, m.langs, m.lang_count, m.threshold, lang_codes,
                           creation_time, err);
    for (size_t i = 0; i < n && rc == 0; i++)
        outputs_add(&outputs, &entries[i]);
    if (rc == 0)
        rc = outputs_finish(&outputs, m.langs, m.lang_count, m.threshold, lang_codes, m.tsv,
                            entries, n, &staged, err);
    for (size_t i = 0, e = 0; i < m.count && rc == 0; i++) {
        const merge_story *s = &m.stories[i];
        if (e < n && strcmp(entries[e].name, s->name) == 0 &&
            entries[e].from == inputs[s->input]) {
            rc = stage_story(&staged, &m, s, inputs[s->input], output, err);
            e++;
        }
    }
    if (rc == 0)
        rc = outputs_commit(&outputs, &staged, err);
    staged_free(&staged);
    outputs_free(&outputs);
cleanup:
    for (size_t i = 0; i < m.count; i++)
        free(m.stories[i].name);
    free(m.stories);
    free(entries);
    if (lock_fd >= 0)
        close(lock_fd);
    return rc;
}
