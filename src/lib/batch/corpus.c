/* The corpus of a batch: its languages, its stories and their names, shards. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "corpus.h"

#include "buf.h"
#include "error.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unicode/utf8.h>

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

int tma_batch_path_join(char *buf, const char *a, const char *b, const char *c, tma_error *err)
{
    int n = snprintf(buf, TMA_PATH_BYTES, "%s/%s%s", a, b, c);
    if (n < 0 || n >= TMA_PATH_BYTES)
        return tma_error_set(err, TMA_ERR_USAGE, a, 0, 0,
                             "a path under this folder is too long; choose a shorter one");
    return 0;
}

const char *tma_corpus_name_problem(const tma_corpus *c, const char *name)
{
    size_t len = strlen(name);
    if (len > TMA_CORPUS_MAX_NAME_BYTES)
        return "the file name is too long for its outputs' names; shorten it";
    size_t i = 0;
    while (i < len) {
        UChar32 ch;
        U8_NEXT(name, i, len, ch);
        if (ch < 0)
            return "the file name is not valid UTF-8; rename the file";
        if (ch < 0x20 || (ch >= 0x7F && ch <= 0x9F))
            return "the file name holds a control character; rename the file";
    }
    if (strcmp(name, "corpus") == 0)
        return "a story may not be called corpus: OUT/corpus.tmx holds the whole run; rename the "
               "file";
    for (size_t a = 0; a < c->lang_count; a++) {
        for (size_t b = 0; b < c->lang_count; b++) {
            char suffix[2 * TMA_LANG_BYTES + 8];
            int n = snprintf(suffix, sizeof suffix, ".%s-%s", c->langs[a], c->langs[b]);
            if (a != b && n > 0 && len > (size_t)n && strcmp(name + len - n, suffix) == 0)
                return "the file name ends like a pair file of another story; rename the file";
        }
    }
    return NULL;
}

const char *const TMA_CORPUS_EXTENSIONS[TMA_CORPUS_EXTENSION_COUNT] = {".txt", ".html", ".htm",
                                                                       ".docx", ".odt"};

void tma_corpus_story_path(char *buf, const tma_corpus *c, size_t k, const tma_corpus_story *s,
                           tma_error *err)
{
    char file[TMA_CORPUS_MAX_NAME_BYTES + 8];
    const char *ext = TMA_CORPUS_EXTENSIONS[s->present[k] > 0 ? s->present[k] - 1 : 0];
    snprintf(file, sizeof file, "%s%s", s->name, ext);
    if (tma_batch_path_join(buf, c->folder, c->langs[k], "/", err) < 0 ||
        strlen(buf) + strlen(file) >= TMA_PATH_BYTES)
        snprintf(buf, TMA_PATH_BYTES, "%s", file);
    else
        strcat(buf, file);
}

/* ---- Opening what the corpus holds --------------------------------------------------------- */

static int same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* A name on PATH's way that was a real file or folder when checked is now something else: a link
 * or another file put in its place, or nothing. */
static int changed(const char *path, tma_error *err)
{
    return tma_error_set(err, TMA_ERR_IO, path, 0, 0,
                         "changed while tmalign opened it (a file or folder on its path was "
                         "replaced); run again");
}

/* Opens FOLDER as C's folder: C->root_fd and C->root, its real path. */
static int open_root(tma_corpus *c, const char *folder, tma_error *err)
{
    char real[PATH_MAX];
    struct stat opened, named;
    int fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return tma_error_set(err, TMA_ERR_IO, folder, 0, 0,
                             "cannot open the corpus folder: %s; check the path", strerror(errno));
    /* The descriptor is what the corpus is opened from, the real path what links are checked
     * against: they must be one folder. */
    int e = 0;
    if (realpath(folder, real) == NULL || fstat(fd, &opened) != 0 || stat(real, &named) != 0)
        e = errno;
    if (e != 0 || !same_file(&opened, &named)) {
        close(fd);
        return e != 0
                   ? tma_error_set(err, TMA_ERR_IO, folder, 0, 0,
                                   "cannot open the corpus folder: %s; check the path", strerror(e))
                   : changed(folder, err);
    }
    c->root_fd = fd;
    snprintf(c->root, sizeof c->root, "%s", real); /* PATH_MAX bytes at most: it fits */
    return 0;
}

/* 1 if REAL, a path without links, "." or ".." (as realpath gives), is C's folder or inside it. */
static int inside_corpus(const tma_corpus *c, const char *real)
{
    size_t n = strlen(c->root);
    if (n == 1)
        return 1; /* the corpus is "/" */
    return strncmp(real, c->root, n) == 0 && (real[n] == '\0' || real[n] == '/');
}

/* Why PATH, which realpath could not resolve (errno E), cannot be opened. */
static int unresolved(const char *path, int e, tma_error *err)
{
    struct stat st;
    if (e == ENOENT && lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
        return tma_error_set(err, TMA_ERR_IO, path, 0, 0,
                             "is a symbolic link to nothing (its target does not exist); fix or "
                             "remove the link");
    if (e == ELOOP)
        return tma_error_set(err, TMA_ERR_IO, path, 0, 0,
                             "is a symbolic link in a loop, or a chain of too many; fix the link");
    return tma_error_set(err, TMA_ERR_IO, path, 0, 0, "cannot open: %s; check the path",
                         strerror(e));
}

/* Opens PATH, in C, into *out: a folder (FOLDER 1; O_RDONLY | O_DIRECTORY) or a regular file
 * (O_RDONLY | O_NONBLOCK). Links are followed only where they lead in the end inside C's folder.
 *
 * No check is made on one path and the open on another: realpath says where PATH leads, that
 * place is checked against C's real path, and then the same place is opened from C->root_fd one
 * name at a time, each with O_NOFOLLOW. A link put in place of any folder on the way, or of the
 * file, after the check makes the open fail (ELOOP, ENOTDIR) rather than lead elsewhere. The
 * file's type is read before it is opened (fstatat, no link followed), so that no FIFO or
 * device is ever opened, and its device and inode are compared after (fstat), so that a file
 * swapped in between is refused too. */
static int open_inside(int *out, const tma_corpus *c, const char *path, int folder, tma_error *err)
{
    char real[PATH_MAX];
    *out = -1;
    if (realpath(path, real) == NULL)
        return unresolved(path, errno, err);
    if (!inside_corpus(c, real))
        return tma_error_set(err, TMA_ERR_INPUT, path, 0, 0,
                             "leads out of the corpus folder through a symbolic link; %s",
                             folder ? "put the folder itself in the corpus"
                                    : "put the file itself in the corpus, or link to one in it");
    /* REAL below the corpus folder: the folders on the way, then the file unless FOLDER. */
    size_t root_len = strlen(c->root);
    char *folders = root_len == 1 ? real + 1 : real + root_len + (real[root_len] == '/');
    char *file = NULL;
    if (!folder) {
        if (*folders == '\0')
            return tma_error_set(err, TMA_ERR_IO, path, 0, 0,
                                 "is a folder, not a file; give the story a text file");
        char *slash = strrchr(folders, '/');
        file = slash != NULL ? slash + 1 : folders;
        if (slash != NULL)
            *slash = '\0';
        else
            folders = file + strlen(file); /* none */
    }
    int dir = openat(c->root_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0)
        return tma_error_set(err, TMA_ERR_IO, path, 0, 0, "cannot open: %s; check the path",
                             strerror(errno));
    for (char *name = folders; *name != '\0';) {
        char *slash = strchr(name, '/');
        if (slash != NULL)
            *slash = '\0';
        int next = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        int e = errno;
        close(dir);
        if (next < 0)
            return e == ELOOP || e == ENOTDIR || e == ENOENT
                       ? changed(path, err)
                       : tma_error_set(err, TMA_ERR_IO, path, 0, 0,
                                       "cannot open: %s; check the path", strerror(e));
        dir = next;
        name = slash != NULL ? slash + 1 : name + strlen(name);
    }
    if (folder) {
        *out = dir;
        return 0;
    }
    struct stat before, after;
    int rc = 0;
    if (fstatat(dir, file, &before, AT_SYMLINK_NOFOLLOW) != 0)
        rc = errno == ENOENT ? changed(path, err)
                             : tma_error_set(err, TMA_ERR_IO, path, 0, 0,
                                             "cannot open: %s; check the path", strerror(errno));
    else if (S_ISLNK(before.st_mode))
        rc = changed(path, err);
    else if (S_ISDIR(before.st_mode))
        rc = tma_error_set(err, TMA_ERR_IO, path, 0, 0,
                           "is a folder, not a file; give the story a text file");
    else if (!S_ISREG(before.st_mode))
        rc = tma_error_set(err, TMA_ERR_IO, path, 0, 0,
                           "is not a regular file (a FIFO, device or socket); give the story a "
                           "text file");
    else if ((*out = openat(dir, file, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC)) <
             0)
        rc = errno == ELOOP || errno == ENOENT
                 ? changed(path, err)
                 : tma_error_set(err, TMA_ERR_IO, path, 0, 0, "cannot open: %s; check the path",
                                 strerror(errno));
    else if (fstat(*out, &after) != 0 || !S_ISREG(after.st_mode) || !same_file(&before, &after))
        rc = changed(path, err);
    close(dir);
    if (rc < 0 && *out >= 0) {
        close(*out);
        *out = -1;
    }
    return rc;
}

int tma_corpus_open_story(int *out, const tma_corpus *c, const char *path, tma_error *err)
{
    return open_inside(out, c, path, 0, err);
}

/* File names, each owned by the list. */
typedef struct name_list {
    char **items;
    size_t count, cap;
} name_list;

/* Appends the LEN bytes at S, with TAG in the byte after their NUL (read by tag_of). */
static int name_push(name_list *l, const char *s, size_t len, char tag)
{
    char **items = tma_grow(l->items, &l->cap, l->count + 1, sizeof *items, 256);
    if (items == NULL)
        return -1;
    l->items = items;
    char *copy = malloc(len + 2);
    if (copy == NULL)
        return -1;
    memcpy(copy, s, len);
    copy[len] = '\0';
    copy[len + 1] = tag;
    l->items[l->count++] = copy;
    return 0;
}

static int tag_of(const char *item)
{
    return item[strlen(item) + 1];
}

/* 1 + the index in TMA_CORPUS_EXTENSIONS of the extension NAME (LEN bytes) ends in, 0 if none,
 * with the length of the name before it in *stem. */
static int story_extension(const char *name, size_t len, size_t *stem)
{
    for (int x = 0; x < TMA_CORPUS_EXTENSION_COUNT; x++) {
        size_t n = strlen(TMA_CORPUS_EXTENSIONS[x]);
        if (len > n && strcmp(name + len - n, TMA_CORPUS_EXTENSIONS[x]) == 0) {
            *stem = len - n;
            return x + 1;
        }
    }
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

int tma_corpus_find_langs(tma_corpus *c, const char *folder, const char *list, tma_error *err)
{
    c->folder = folder;
    int rc = 0;
    if (list != NULL) {
        const char *p = list;
        while (*p) {
            size_t len = strcspn(p, ",");
            if (c->lang_count == TMA_MAX_LANGS)
                return tma_error_about(err, "langs",
                                       tma_error_set(err, TMA_ERR_USAGE, NULL, 0, 0,
                                                     "the language list names more than %d "
                                                     "languages",
                                                     TMA_MAX_LANGS));
            char *lang = c->langs[c->lang_count];
            if (len == 0 || len >= sizeof c->langs[0])
                return tma_error_about(err, "langs",
                                       tma_error_set(err, TMA_ERR_USAGE, NULL, 0, 0,
                                                     "the language list must be language codes "
                                                     "separated by commas (%s)",
                                                     list));
            memcpy(lang, p, len);
            lang[len] = '\0';
            if (!tma_lang_is_valid(lang))
                return tma_error_about(err, "langs",
                                       tma_error_set(err, TMA_ERR_USAGE, NULL, 0, 0,
                                                     "'%s' is not an ISO 639-1 language code",
                                                     lang));
            for (size_t k = 0; k < c->lang_count; k++) {
                if (strcmp(c->langs[k], lang) == 0)
                    return tma_error_about(err, "langs",
                                           tma_error_set(err, TMA_ERR_USAGE, NULL, 0, 0,
                                                         "the language list names %s twice",
                                                         lang));
            }
            c->lang_count++;
            p += len;
            if (*p == ',')
                p++;
        }
    } else {
        rc = open_root(c, folder, err);
        if (rc < 0)
            return rc;
        int fd = openat(c->root_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        DIR *d = fd < 0 ? NULL : fdopendir(fd);
        if (d == NULL) {
            int e = errno;
            if (fd >= 0)
                close(fd);
            return tma_error_set(err, TMA_ERR_IO, folder, 0, 0,
                                 "cannot open the corpus folder: %s; check the path", strerror(e));
        }
        name_list found = {0};
        struct dirent *e;
        while ((e = readdir(d)) != NULL && rc == 0) {
            struct stat st;
            /* A link to a folder counts; tma_corpus_list_stories refuses it if it leads out of
             * the corpus. A dangling link, like a file, is no language folder. */
            if (!tma_lang_is_valid(e->d_name) || strlen(e->d_name) >= sizeof c->langs[0] ||
                fstatat(c->root_fd, e->d_name, &st, 0) != 0 || !S_ISDIR(st.st_mode))
                continue;
            if (name_push(&found, e->d_name, strlen(e->d_name), 0) < 0)
                rc = tma_error_nomem(err, "listing the corpus");
        }
        closedir(d);
        if (rc == 0 && found.count > TMA_MAX_LANGS)
            rc = tma_error_about(err, "langs",
                                 tma_error_set(err, TMA_ERR_USAGE, folder, 0, 0,
                                               "has more than %d language folders; choose the "
                                               "languages to align",
                                               TMA_MAX_LANGS));
        if (rc == 0 && found.count > 0) {
            qsort(found.items, found.count, sizeof *found.items, compare_names);
            for (size_t i = 0; i < found.count; i++) {
                if (strcmp(found.items[i], "en") == 0)
                    snprintf(c->langs[c->lang_count++], sizeof c->langs[0], "en");
            }
            for (size_t i = 0; i < found.count; i++) {
                if (strcmp(found.items[i], "en") != 0)
                    snprintf(c->langs[c->lang_count++], sizeof c->langs[0], "%s", found.items[i]);
            }
        }
        name_list_free(&found);
        if (rc < 0)
            return rc;
    }
    if (c->lang_count < 2)
        return tma_error_about(err, "langs",
                               tma_error_set(err, TMA_ERR_USAGE, folder, 0, 0,
                                             "needs a folder for each of at least two languages "
                                             "(en/, ru/, ...), or a list of the languages"));
    return 0;
}

int tma_corpus_list_stories(tma_corpus *c, unsigned shard, unsigned shard_count, tma_error *err)
{
    name_list per_lang[TMA_MAX_LANGS] = {0};
    name_list all = {0};
    /* Opened here when the languages were given, not found in it. */
    int rc = c->root_fd < 0 ? open_root(c, c->folder, err) : 0;
    for (size_t k = 0; k < c->lang_count && rc == 0; k++) {
        char dir[TMA_PATH_BYTES];
        rc = tma_batch_path_join(dir, c->folder, c->langs[k], "", err);
        if (rc < 0)
            break;
        /* A folder that is not there is a language list that is wrong; one that is there is
         * opened by the corpus's rule. */
        struct stat st;
        int missing = stat(dir, &st) != 0 ? errno : S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
        if (missing != 0) {
            rc = tma_error_about(err, "langs",
                                 tma_error_set(err, TMA_ERR_USAGE, dir, 0, 0,
                                               "cannot open the folder of language %s: %s; check "
                                               "the language list and the corpus",
                                               c->langs[k], strerror(missing)));
            break;
        }
        int fd;
        rc = open_inside(&fd, c, dir, 1, err);
        DIR *d = rc < 0 ? NULL : fdopendir(fd);
        if (rc == 0 && d == NULL) {
            rc = tma_error_set(err, TMA_ERR_IO, dir, 0, 0, "cannot read: %s", strerror(errno));
            close(fd);
        }
        if (rc < 0)
            break;
        struct dirent *e;
        while ((e = readdir(d)) != NULL && rc == 0) {
            size_t stem = 0;
            int ext = story_extension(e->d_name, strlen(e->d_name), &stem);
            if (e->d_name[0] == '.' || ext == 0)
                continue;
            if (name_push(&per_lang[k], e->d_name, stem, (char)ext) < 0 ||
                name_push(&all, e->d_name, stem, 0) < 0)
                rc = tma_error_nomem(err, "listing the corpus");
        }
        closedir(d);
        if (per_lang[k].count > 0)
            qsort(per_lang[k].items, per_lang[k].count, sizeof(char *), compare_names);
        for (size_t i = 1; i < per_lang[k].count && rc == 0; i++) {
            const char *a = per_lang[k].items[i - 1], *b = per_lang[k].items[i];
            int first = tag_of(a) < tag_of(b) ? tag_of(a) : tag_of(b);
            if (strcmp(a, b) == 0)
                rc = tma_error_set(err, TMA_ERR_INPUT, dir, 0, 0,
                                   "holds %s%s and %s%s, two files for one story; keep one", a,
                                   TMA_CORPUS_EXTENSIONS[first - 1], a,
                                   TMA_CORPUS_EXTENSIONS[tag_of(a) + tag_of(b) - first - 1]);
        }
    }
    if (rc == 0) {
        if (all.count > 0)
            qsort(all.items, all.count, sizeof(char *), compare_names);
        c->stories = calloc(all.count + 1, sizeof *c->stories);
        if (c->stories == NULL)
            rc = tma_error_nomem(err, "listing the corpus");
    }
    const char *prev = NULL; /* the name before, which a story may own by now */
    for (size_t i = 0; i < all.count && rc == 0; i++) {
        int same = prev != NULL && strcmp(all.items[i], prev) == 0;
        prev = all.items[i];
        if (same)
            continue;
        if (shard_count > 0 && !tma_batch_in_shard(all.items[i], shard, shard_count))
            continue;
        tma_corpus_story *s = &c->stories[c->story_count++];
        s->name = all.items[i];
        all.items[i] = NULL;
        for (size_t k = 0; k < c->lang_count; k++) {
            char *const *found =
                per_lang[k].count > 0 ? bsearch(&s->name, per_lang[k].items, per_lang[k].count,
                                                sizeof(char *), compare_names)
                                      : NULL;
            s->present[k] = found != NULL ? tag_of(*found) : 0;
        }
    }
    for (size_t k = 0; k < TMA_MAX_LANGS; k++)
        name_list_free(&per_lang[k]);
    name_list_free(&all);
    return rc;
}

void tma_corpus_free(tma_corpus *c)
{
    if (c->root_fd >= 0)
        close(c->root_fd);
    c->root_fd = -1;
    for (size_t i = 0; i < c->story_count; i++)
        free(c->stories[i].name);
    free(c->stories);
    c->stories = NULL;
    c->story_count = 0;
}
