/* The output folder: lock, stale files, story paths, state files, staged files, the manifest. */
#define _POSIX_C_SOURCE 200809L
#include "outdir.h"

#include "corpus.h"
#include "error.h"
#include "text.h"
#include "tmx.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- The folder and its lock --------------------------------------------------------------- */

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

int tma_outdir_prepare(int *lock_fd, const char *output, tma_error *err)
{
    char path[TMA_PATH_BYTES];
    *lock_fd = -1;
    int rc = make_folder(output, 1, err);
    if (rc == 0)
        rc = tma_batch_path_join(path, output, ".tmalign", "", err);
    if (rc == 0)
        rc = make_folder(path, 0, err);
    if (rc == 0)
        rc = tma_batch_path_join(path, output, ".tmalign/stories", "", err);
    if (rc == 0)
        rc = make_folder(path, 0, err);
    if (rc == 0)
        rc = tma_batch_path_join(path, output, ".tmalign/lock", "", err);
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
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    tma_outfile_remove_stale(output, NULL, &now);
    if (tma_batch_path_join(path, output, ".tmalign", "", NULL) == 0)
        tma_outfile_remove_stale(path, NULL, &now);
    if (tma_batch_path_join(path, output, ".tmalign/stories", "", NULL) == 0)
        tma_outfile_remove_stale(path, NULL, &now);
    return 0;
}

void tma_outdir_unprepare(const char *output)
{
    char path[TMA_PATH_BYTES];
    if (tma_batch_path_join(path, output, ".tmalign/lock", "", NULL) == 0)
        (void)unlink(path);
    if (tma_batch_path_join(path, output, ".tmalign/stories", "", NULL) == 0)
        (void)rmdir(path);
    if (tma_batch_path_join(path, output, ".tmalign", "", NULL) == 0)
        (void)rmdir(path);
    (void)rmdir(output);
}

int tma_outdir_is_file(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* ---- A story's files ----------------------------------------------------------------------- */

/* The id of story NAME for its files under OUT/.tmalign/stories: its hash in hex. */
static void story_id(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%016llx",
             (unsigned long long)tma_batch_hash(TMA_FNV_OFFSET, name, strlen(name)));
}

int tma_outdir_story_file(char *buf, const char *output, const char *name, const char *ext,
                          tma_error *err)
{
    char id[32];
    story_id(id, sizeof id, name);
    int n = snprintf(buf, TMA_PATH_BYTES, "%s/.tmalign/stories/%s%s", output, id, ext);
    if (n < 0 || n >= TMA_PATH_BYTES)
        return tma_error_set(err, TMA_ERR_USAGE, output, 0, 0,
                             "the output folder's path is too long; choose a shorter one");
    return 0;
}

size_t tma_outdir_tmx_files(char (*paths)[TMA_PATH_BYTES], const char *output,
                            char (*langs)[TMA_LANG_BYTES], size_t lang_count, const int *present,
                            const char *name, int tsv)
{
    char whole[TMA_PATH_BYTES];
    size_t n = 0, has = 0;
    for (size_t k = 0; k < lang_count; k++)
        has += present == NULL || present[k];
    if (tma_batch_path_join(whole, output, name, ".tmx", NULL) < 0)
        return 0;
    /* A story that lacks a language has its pairs' files and no file with every language. */
    if (has == lang_count)
        memcpy(paths[n++], whole, sizeof whole);
    for (size_t a = 0; a < lang_count && lang_count > 2; a++) {
        for (size_t b = a + 1; b < lang_count; b++) {
            if ((present == NULL || (present[a] && present[b])) &&
                tma_tmx_pair_path(paths[n], TMA_PATH_BYTES, whole, langs[a], langs[b], NULL) == 0)
                n++;
        }
    }
    /* With two languages NAME.tmx is the pair's file; with more, the pair files are. */
    for (size_t i = lang_count > 2 && has == lang_count, pairs = n; i < pairs && tsv; i++) {
        if (tma_tmx_tsv_path(paths[n], TMA_PATH_BYTES, paths[i], NULL) == 0)
            n++;
    }
    return n;
}

void tma_outdir_remove_stale_tsv(const char *output, char (*langs)[TMA_LANG_BYTES],
                                 size_t lang_count, const int *present, int tsv, const char *name)
{
    char(*paths)[TMA_PATH_BYTES] = malloc(TMA_TMX_MAX_FILES * sizeof *paths);
    if (paths == NULL || tsv) {
        free(paths);
        return;
    }
    size_t tmx = tma_outdir_tmx_files(paths, output, langs, lang_count, present, name, 0);
    size_t all = tma_outdir_tmx_files(paths, output, langs, lang_count, present, name, 1);
    for (size_t i = tmx; i < all; i++)
        (void)unlink(paths[i]);
    free(paths);
}

void tma_outdir_remove_absent(const char *output, char (*langs)[TMA_LANG_BYTES], size_t lang_count,
                              const int *present, const char *name)
{
    char(*kept)[TMA_PATH_BYTES] = malloc(2 * TMA_TMX_MAX_FILES * sizeof *kept);
    if (kept == NULL)
        return;
    char(*every)[TMA_PATH_BYTES] = kept + TMA_TMX_MAX_FILES;
    size_t keep = tma_outdir_tmx_files(kept, output, langs, lang_count, present, name, 1);
    size_t all = tma_outdir_tmx_files(every, output, langs, lang_count, NULL, name, 1);
    for (size_t i = 0; i < all; i++) {
        size_t j = 0;
        while (j < keep && strcmp(kept[j], every[i]) != 0)
            j++;
        if (j == keep)
            (void)unlink(every[i]);
    }
    free(kept);
}

int tma_outdir_write_unsynced(const char *path, const char *data, size_t len, tma_error *err)
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

/* ---- State files --------------------------------------------------------------------------- */

int tma_outdir_state_text(tma_buf *out, const char *options_key, char (*langs)[TMA_LANG_BYTES],
                          size_t lang_count, const int *present, const tma_buf *raw,
                          char (*paths)[TMA_PATH_BYTES])
{
    char line[TMA_PATH_BYTES + 128];
    int n = snprintf(line, sizeof line, "tmalign %s\noptions %s\n", TMA_VERSION, options_key);
    if (tma_buf_append(out, line, (size_t)n) < 0)
        return -1;
    for (size_t k = 0; k < lang_count; k++) {
        uint64_t h = tma_batch_hash(TMA_FNV_OFFSET, raw[k].data ? raw[k].data : "", raw[k].len);
        /* A missing file is said to be missing: an empty file put in its place changes the state.
         */
        if (present != NULL && !present[k])
            n = snprintf(line, sizeof line, "missing %s %s\n", langs[k], paths[k]);
        else
            n = snprintf(line, sizeof line, "file %s %016llx %zu %s\n", langs[k],
                         (unsigned long long)h, raw[k].len, paths[k]);
        if (n < 0 || (size_t)n >= sizeof line || tma_buf_append(out, line, (size_t)n) < 0)
            return -1;
    }
    return 0;
}

int tma_outdir_append_part_line(tma_buf *state, const char *part, size_t len)
{
    char line[64];
    int n = snprintf(line, sizeof line, "part %zu %016llx\n", len,
                     (unsigned long long)tma_batch_hash(TMA_FNV_OFFSET, part ? part : "", len));
    return tma_buf_append(state, line, (size_t)n);
}

int tma_outdir_up_to_date(const char *output, const char *name, char (*langs)[TMA_LANG_BYTES],
                          size_t lang_count, const int *present, int tsv, const char *state_path,
                          const tma_buf *state)
{
    tma_buf old = TMA_BUF_INIT, part = TMA_BUF_INIT, expected = TMA_BUF_INIT;
    char report[TMA_PATH_BYTES];
    int same = tma_outdir_is_file(state_path) && tma_text_read_file(&old, state_path, NULL) == 0 &&
               tma_outdir_story_file(report, output, name, ".qa.xml", NULL) == 0 &&
               tma_outdir_is_file(report) && tma_text_read_file(&part, report, NULL) == 0 &&
               tma_buf_append(&expected, state->data, state->len) == 0 &&
               tma_outdir_append_part_line(&expected, part.data, part.len) == 0 &&
               old.len == expected.len && memcmp(old.data, expected.data, old.len) == 0;
    tma_buf_free(&old);
    tma_buf_free(&part);
    tma_buf_free(&expected);
    if (!same)
        return 0;
    char(*outs)[TMA_PATH_BYTES] = malloc(TMA_TMX_MAX_FILES * sizeof *outs);
    if (outs == NULL)
        return 0;
    size_t n = tma_outdir_tmx_files(outs, output, langs, lang_count, present, name, tsv);
    for (size_t i = 0; i < n && same; i++)
        same = tma_outdir_is_file(outs[i]);
    free(outs);
    return same && n > 0;
}

/* ---- Staged files -------------------------------------------------------------------------- */

int tma_staged_add(tma_staged *s, tma_outfile *out, tma_error *err)
{
    int rc = tma_outfile_finish(out, err);
    if (rc == 0) {
        tma_outfile *items = tma_grow(s->items, &s->cap, s->count + 1, sizeof *items, 16);
        if (items == NULL)
            rc = tma_error_nomem(err, "writing the outputs");
        else
            s->items = items;
    }
    if (rc < 0) {
        tma_outfile_discard(out);
        return rc;
    }
    s->items[s->count++] = *out;
    return 0;
}

int tma_staged_data(tma_staged *s, const char *path, const char *data, size_t len, tma_error *err)
{
    tma_outfile out = TMA_OUTFILE_INIT;
    int rc = tma_outfile_open(&out, path, err);
    if (rc < 0)
        return rc;
    (void)tma_outfile_write(&out, data ? data : "", len);
    return tma_staged_add(s, &out, err);
}

void tma_staged_free(tma_staged *s)
{
    for (size_t k = 0; k < s->count; k++)
        tma_outfile_discard(&s->items[k]);
    free(s->items);
    *s = (tma_staged){0};
}

/* ---- The manifest -------------------------------------------------------------------------- */

/* Appends the hex of the bytes of the string S, for names in the manifest. */
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

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

char *tma_manifest_name_decode(const char *hex, size_t len)
{
    char *name = len % 2 == 0 && len > 0 ? malloc(len / 2 + 1) : NULL;
    for (size_t i = 0; name != NULL && i < len / 2; i++) {
        int hi = hex_value(hex[2 * i]), lo = hex_value(hex[2 * i + 1]);
        if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
            free(name);
            return NULL;
        }
        name[i] = (char)(hi * 16 + lo);
        name[i + 1] = '\0';
    }
    return name;
}

int tma_outdir_manifest_stage(tma_staged *staged, const char *output, char (*langs)[TMA_LANG_BYTES],
                              size_t lang_count, double qa_threshold, const char *lang_codes,
                              int tsv, const char *align_options, const tma_outdir_story *stories,
                              size_t count, tma_error *err)
{
    char path[TMA_PATH_BYTES];
    tma_buf manifest = TMA_BUF_INIT;
    char line[1024];
    int n = snprintf(line, sizeof line, "tmalign\t%s\nqa-threshold\t%.4f\nlangs\t", TMA_VERSION,
                     qa_threshold);
    int bad = tma_buf_append(&manifest, line, (size_t)n) < 0;
    for (size_t k = 0; k < lang_count && !bad; k++)
        bad = tma_buf_append(&manifest, k ? "," : "", k ? 1 : 0) < 0 ||
              tma_buf_append(&manifest, langs[k], strlen(langs[k])) < 0;
    bad = bad || tma_buf_push(&manifest, '\n') < 0;
    n = snprintf(line, sizeof line, "lang-codes\t%s\ntsv\t%d\noptions\t%s\n",
                 lang_codes ? lang_codes : "", tsv, align_options);
    bad =
        bad || n < 0 || (size_t)n >= sizeof line || tma_buf_append(&manifest, line, (size_t)n) < 0;
    for (size_t i = 0; i < count && !bad; i++) {
        bad = tma_buf_append(&manifest, "story\t", 6) < 0 ||
              hex_append(&manifest, stories[i].name) < 0;
        n = snprintf(line, sizeof line, "\t%s\n", stories[i].failed ? "failed" : "aligned");
        bad = bad || tma_buf_append(&manifest, line, (size_t)n) < 0;
    }
    int rc = bad ? tma_error_nomem(err, "writing the manifest") : 0;
    if (rc == 0)
        rc = tma_batch_path_join(path, output, ".tmalign/manifest.tsv", "", err);
    if (rc == 0)
        rc = tma_staged_data(staged, path, manifest.data, manifest.len, err);
    tma_buf_free(&manifest);
    return rc;
}

int tma_outdir_workdir_stage(tma_staged *staged, const char *output, tma_error *err)
{
    char cwd[TMA_PATH_BYTES], path[TMA_PATH_BYTES];
    if (getcwd(cwd, sizeof cwd - 1) == NULL)
        return 0;
    size_t len = strlen(cwd);
    cwd[len++] = '\n';
    int rc = tma_batch_path_join(path, output, ".tmalign/workdir", "", err);
    return rc == 0 ? tma_staged_data(staged, path, cwd, len, err) : rc;
}

void tma_outdir_input_path(char *buf, const char *output, const char *path)
{
    char workdir_file[TMA_PATH_BYTES];
    tma_buf workdir = TMA_BUF_INIT;
    snprintf(buf, TMA_PATH_BYTES, "%s", path);
    if (path[0] == '/' || access(path, F_OK) == 0 ||
        tma_batch_path_join(workdir_file, output, ".tmalign/workdir", "", NULL) != 0 ||
        tma_text_read_file(&workdir, workdir_file, NULL) != 0)
        goto done;
    size_t len = workdir.len;
    while (len > 0 && (workdir.data[len - 1] == '\n' || workdir.data[len - 1] == '\r'))
        len--;
    char joined[TMA_PATH_BYTES];
    int n = snprintf(joined, sizeof joined, "%.*s/%s", (int)len, workdir.data, path);
    if (len > 0 && workdir.data[0] == '/' && memchr(workdir.data, '\0', len) == NULL && n > 0 &&
        (size_t)n < sizeof joined && access(joined, F_OK) == 0)
        snprintf(buf, TMA_PATH_BYTES, "%s", joined);
done:
    tma_buf_free(&workdir);
}

/* Reads the manifest's language list LIST into M: language codes, each once, at most
 * TMA_MAX_LANGS. */
static int manifest_langs(tma_manifests *m, const char *list, const char *path, long line,
                          tma_error *err)
{
    for (const char *l = list; *l;) {
        size_t len = strcspn(l, ",");
        char lang[TMA_LANG_BYTES];
        int ok = len < sizeof lang && m->lang_count < TMA_MAX_LANGS;
        if (ok) {
            memcpy(lang, l, len);
            lang[len] = '\0';
            ok = tma_lang_is_valid(lang);
        }
        for (size_t k = 0; ok && k < m->lang_count; k++)
            ok = strcmp(m->langs[k], lang) != 0;
        if (!ok)
            return tma_error_set(err, TMA_ERR_INPUT, path, line, 0,
                                 "the language list is not distinct language codes; run the "
                                 "batch again");
        memcpy(m->langs[m->lang_count++], lang, sizeof lang);
        l += len + (l[len] == ',');
    }
    return 0;
}

/* Why the story name NAME of a manifest cannot name outputs, as batch checks its corpus's names;
 * NULL if it can. */
static const char *manifest_name_problem(const tma_manifests *m, const char *name)
{
    tma_corpus c = TMA_CORPUS_INIT;
    memcpy(c.langs, m->langs, sizeof c.langs);
    c.lang_count = m->lang_count;
    return tma_corpus_name_problem(&c, name);
}

/* The refusal of INPUT, whose manifest says OTHER where the first input's says FIRST (both
 * "name=value ..."): names the first option that differs, and the option it is about. */
static int options_differ(const char *first, const char *other, const char *input,
                          tma_error *err)
{
    static const struct {
        const char *name, *field;
    } FIELDS[] = {{"min-score=", "min_score"},
                  {"segmented=", "segmented"},
                  {"skip-long=", "skip_long"},
                  {"paragraph-penalty=", "paragraph_penalty"},
                  {"anchors=", "anchors"},
                  {"lexicon=", "lexicon"},
                  {"source-path=", "source_path"}};
    size_t at = 0;
    while (first[at] && first[at] == other[at])
        at++;
    while (at > 0 && first[at - 1] != ' ')
        at--;
    int first_len = (int)strcspn(first + at, " "), other_len = (int)strcspn(other + at, " ");
    const char *field = "";
    for (size_t i = 0; i < sizeof FIELDS / sizeof FIELDS[0]; i++) {
        if (strncmp(first + at, FIELDS[i].name, strlen(FIELDS[i].name)) == 0)
            field = FIELDS[i].field;
    }
    if (first_len == 0 || other_len == 0)
        return tma_error_set(err, TMA_ERR_USAGE, input, 0, 0,
                             "was run with other options (%s) than the first folder (%s); merge "
                             "runs made with the same options",
                             other[0] ? other : "none recorded", first[0] ? first : "none recorded");
    return tma_error_about(err, field,
                           tma_error_set(err, TMA_ERR_USAGE, input, 0, 0,
                                         "was run with %.*s, the first folder with %.*s; merge "
                                         "runs made with the same options",
                                         other_len, other + at, first_len, first + at));
}

int tma_manifests_read(tma_manifests *m, const char *input, size_t index, tma_error *err)
{
    char path[TMA_PATH_BYTES];
    tma_buf text = TMA_BUF_INIT;
    int rc = tma_batch_path_join(path, input, ".tmalign/manifest.tsv", "", err);
    struct stat st;
    if (rc == 0 && lstat(path, &st) != 0 && errno == ENOENT)
        rc = tma_error_set(err, TMA_ERR_IO, input, 0, 0,
                           "is not the output of a finished tmalign batch (no "
                           ".tmalign/manifest.tsv); run the batch to its end first");
    if (rc == 0)
        rc = tma_text_read_written(&text, path, TMA_MANIFEST_MAX_BYTES, err);
    if (rc == 0 && tma_buf_push(&text, '\0') < 0)
        rc = tma_error_nomem(err, "reading a manifest");
    char *p = rc == 0 ? text.data : NULL;
    char lang_codes[sizeof m->lang_codes] = "", align_options[sizeof m->align_options] = "";
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
                rc = manifest_langs(m, p + 6, path, line, err);
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
                rc = tma_error_about(err, "qa_threshold",
                                     tma_error_set(err, TMA_ERR_USAGE, input, 0, 0,
                                                   "was run with another QA threshold; merge "
                                                   "runs made with the same options"));
            }
        } else if (strncmp(p, "lang-codes\t", 11) == 0) {
            snprintf(lang_codes, sizeof lang_codes, "%s", p + 11);
        } else if (strncmp(p, "tsv\t", 4) == 0) {
            tsv = strcmp(p + 4, "1") == 0;
        } else if (strncmp(p, "options\t", 8) == 0) {
            snprintf(align_options, sizeof align_options, "%s", p + 8);
        } else if (strncmp(p, "story\t", 6) == 0) {
            char *hex = p + 6, *tab = strchr(hex, '\t');
            char *name = tma_manifest_name_decode(hex, tab ? (size_t)(tab - hex) : 0);
            const char *problem = name == NULL ? "it is not a story line of a manifest"
                                  : strchr(name, '/') != NULL || name[0] == '.'
                                      ? "its story name is not a file name in the folder"
                                      : manifest_name_problem(m, name);
            if (problem != NULL) {
                free(name);
                rc = tma_error_set(err, TMA_ERR_INPUT, path, line, 0, "%s; run the batch again",
                                   problem);
                break;
            }
            tma_manifest_story *stories =
                tma_grow(m->stories, &m->cap, m->count + 1, sizeof *stories, 256);
            if (stories == NULL) {
                free(name);
                rc = tma_error_nomem(err, "reading a manifest");
                break;
            }
            m->stories = stories;
            m->stories[m->count++] =
                (tma_manifest_story){name, index, strcmp(tab + 1, "aligned") != 0};
        }
        p = eol ? eol + 1 : NULL;
    }
    if (rc == 0 && index == 0 && m->lang_count < 2)
        rc = tma_error_set(err, TMA_ERR_INPUT, path, 0, 0,
                           "names no languages; run the batch again");
    if (rc == 0 && index == 0 && lang_codes[0]) {
        const char *langs[TMA_MAX_LANGS];
        for (size_t k = 0; k < m->lang_count; k++)
            langs[k] = m->langs[k];
        tma_error codes_err;
        if (tma_tmx_check_lang_codes(lang_codes, langs, m->lang_count, &codes_err) < 0)
            rc = tma_error_set(err, TMA_ERR_INPUT, path, 0, 0, "%s; run the batch again",
                               codes_err.message);
    }
    if (rc == 0 && index == 0) {
        memcpy(m->lang_codes, lang_codes, sizeof lang_codes);
        memcpy(m->align_options, align_options, sizeof align_options);
        m->tsv = tsv;
    } else if (rc == 0 && strcmp(m->align_options, align_options) != 0) {
        rc = options_differ(m->align_options, align_options, input, err);
    } else if (rc == 0 && (strcmp(m->lang_codes, lang_codes) != 0 || m->tsv != tsv)) {
        rc = tma_error_about(err, "lang_codes tsv",
                             tma_error_set(err, TMA_ERR_USAGE, input, 0, 0,
                                           "was run with other language codes or pair TSV files; "
                                           "merge runs made with the same options"));
    }
    tma_buf_free(&text);
    return rc;
}

void tma_manifests_free(tma_manifests *m)
{
    for (size_t i = 0; i < m->count; i++)
        free(m->stories[i].name);
    free(m->stories);
    *m = (tma_manifests){0};
}
