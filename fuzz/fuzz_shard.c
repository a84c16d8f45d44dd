/* A shard folder handed to tma_batch_merge, which is untrusted input (issue 17). The input holds
 * the files of one shard folder; they are written into a fresh temporary folder and merged, alone
 * or with a good shard that a batch run made, into OUT beside them. Checked:
 * - a refusal is a known tma_status with a one-line message free of control characters, and OUT
 *   holds what it held before and at most the folders .tmalign and .tmalign/stories and the lock
 *   .tmalign/lock: nothing half-written, no temporary file;
 * - after a merge that succeeds, OUT holds the manifest, corpus.tmx and the QA report; every .tmx
 *   and .xml file in it is XML that libxml2 reads with no network, well-formed with its namespaces
 *   and with no document type declaration, and every .tmx has the root <tmx>; no temporary file
 *   is left; the user's files in OUT that the merge does not write are as they were;
 * - in either case nothing outside OUT is written, changed or removed (the shards, the other
 *   files of the temporary folder), and no file descriptor is left open.
 *
 * Byte 0 holds the options:
 *   bit 0  the good shard has three languages (en,hy,ru), else two (en,ru)
 *   bit 1  the good shard was made with TSV files
 *   bit 2  the good shard is merged too
 *   bit 3  the good shard is given before the fuzzed one
 *   bit 4  OUT exists before the merge and holds a user's files (notes.txt, thesis.tmp.draft1,
 *          s.tmx)
 *   bit 5  the fuzzed shard is given twice
 *   bit 6  OUT is the fuzzed shard itself (the merge must refuse)
 *   bit 7  every folder is named with a trailing "/"
 * Then the files, each a 0xFF byte, a header line ended by "\n" and the content up to the next
 * 0xFF byte (so a file never holds 0xFF). The header is the file's path in the shard ("/"
 * between folders; no empty, "." or ".." part), in which {N} stands for the name of the
 * manifest's story N (0-9, the Nth "story" line of .tmalign/manifest.tsv, its hex decoded) and
 * {#N} for that story's ID (its hash, as .tmalign/stories/ID.state is named); a file whose path
 * cannot be made is left out. A header that starts with "@" makes a symbolic link instead,
 * to the target picked by the content's first byte (a private file outside the shard, the
 * shard's manifest, a folder, a FIFO outside the shard, a device, a missing file, itself); with
 * "|" a FIFO, with "+" a folder.
 *
 * The folders are made under $TMPDIR (or /tmp) and removed after each input; an input that breaks
 * an invariant leaves its folder there for a look. */
#define _POSIX_C_SOURCE 200809L
#include "fuzz.h"

#include "batch.h"
#include "batch/outdir.h"
#include "outfile.h"
#include "text.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#define MAX_FILES 64
#define MAX_NAMES 10

/* Writes a path (PATH_MAX bytes at BUF) as snprintf would; a path that does not fit is a bug of
 * the target, as the folders are short. */
__attribute__((format(printf, 2, 3))) static void path_fmt(char *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, PATH_MAX, fmt, ap);
    va_end(ap);
    FUZZ_CHECK(n >= 0 && n < PATH_MAX);
}

/* ---- Folders ------------------------------------------------------------------------------- */

/* What a walk saw of one entry below its root. */
typedef struct entry {
    char *rel; /* the path below the root (owned) */
    mode_t mode;
    off_t size;
    ino_t ino;
    struct timespec mtime;
    uint64_t hash; /* of a regular file's content or a link's target */
} entry;

typedef struct snapshot {
    entry *items;
    size_t count, cap;
} snapshot;

static void snapshot_free(snapshot *s)
{
    for (size_t i = 0; i < s->count; i++)
        free(s->items[i].rel);
    free(s->items);
    *s = (snapshot){0};
}

static uint64_t hash_file(const char *path)
{
    uint64_t h = TMA_FNV_OFFSET;
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    FUZZ_CHECK(fd >= 0);
    char buf[8192];
    for (ssize_t n; (n = read(fd, buf, sizeof buf)) != 0;) {
        FUZZ_CHECK(n > 0);
        h = tma_batch_hash(h, buf, (size_t)n);
    }
    close(fd);
    return h;
}

/* Adds to S every entry below ROOT/REL ("" for ROOT itself), not following symbolic links, but
 * nothing at or below SKIP (a path below ROOT; may be NULL). */
static void walk(snapshot *s, const char *root, const char *rel, const char *skip)
{
    char dir[PATH_MAX];
    path_fmt(dir, "%s%s%s", root, rel[0] ? "/" : "", rel);
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char sub[PATH_MAX], path[PATH_MAX];
        path_fmt(sub, "%s%s%s", rel, rel[0] ? "/" : "", e->d_name);
        if (skip != NULL && strcmp(sub, skip) == 0)
            continue;
        path_fmt(path, "%s/%s", root, sub);
        struct stat st;
        FUZZ_CHECK(lstat(path, &st) == 0);
        if (s->count == s->cap) {
            s->cap = s->cap ? 2 * s->cap : 32;
            s->items = realloc(s->items, s->cap * sizeof *s->items);
            FUZZ_CHECK(s->items != NULL);
        }
        entry *x = &s->items[s->count++];
        *x = (entry){.rel = strdup(sub),
                     .mode = st.st_mode,
                     .size = st.st_size,
                     .ino = st.st_ino,
                     .mtime = st.st_mtim};
        FUZZ_CHECK(x->rel != NULL);
        if (S_ISREG(st.st_mode)) {
            x->hash = hash_file(path);
        } else if (S_ISLNK(st.st_mode)) {
            char target[PATH_MAX];
            ssize_t n = readlink(path, target, sizeof target);
            FUZZ_CHECK(n >= 0);
            x->hash = tma_batch_hash(TMA_FNV_OFFSET, target, (size_t)n);
        } else if (S_ISDIR(st.st_mode)) {
            walk(s, root, sub, skip);
        }
    }
    closedir(d);
}

static int compare_entries(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->rel, ((const entry *)b)->rel);
}

static void snapshot_take(snapshot *s, const char *root, const char *skip)
{
    walk(s, root, "", skip);
    if (s->count > 0)
        qsort(s->items, s->count, sizeof *s->items, compare_entries);
}

static const entry *snapshot_find(const snapshot *s, const char *rel)
{
    entry key = {.rel = (char *)rel};
    return s->count ? bsearch(&key, s->items, s->count, sizeof *s->items, compare_entries) : NULL;
}

/* Whether A and B are the same entry, untouched: for a folder, its kind (its entries are
 * compared one by one); for anything else, the same inode, size, time of change and content. */
static int same_entry(const entry *a, const entry *b)
{
    if (a->mode != b->mode)
        return 0;
    if (S_ISDIR(a->mode))
        return 1;
    return a->ino == b->ino && a->size == b->size && a->hash == b->hash &&
           a->mtime.tv_sec == b->mtime.tv_sec && a->mtime.tv_nsec == b->mtime.tv_nsec;
}

static void check_unchanged(const snapshot *before, const snapshot *after, const char *where)
{
    int same = before->count == after->count;
    for (size_t i = 0; i < before->count && same; i++)
        same = strcmp(before->items[i].rel, after->items[i].rel) == 0 &&
               same_entry(&before->items[i], &after->items[i]);
    if (!same) {
        fprintf(stderr, "%s changed; before:\n", where);
        for (size_t i = 0; i < before->count; i++)
            fprintf(stderr, "  %s\n", before->items[i].rel);
        fprintf(stderr, "after:\n");
        for (size_t i = 0; i < after->count; i++)
            fprintf(stderr, "  %s\n", after->items[i].rel);
    }
    FUZZ_CHECK(same); /* nothing outside OUT is written */
}

static void remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        FUZZ_CHECK(d != NULL);
        for (struct dirent *e; (e = readdir(d)) != NULL;) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char sub[PATH_MAX];
            path_fmt(sub, "%s/%s", path, e->d_name);
            remove_tree(sub);
        }
        closedir(d);
        FUZZ_CHECK(rmdir(path) == 0);
    } else {
        FUZZ_CHECK(unlink(path) == 0);
    }
}

static size_t count_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    size_t n = 0;
    if (d == NULL)
        return 0;
    while (readdir(d) != NULL)
        n++;
    closedir(d);
    return n;
}

static void write_file(const char *path, const void *data, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    FUZZ_CHECK(fd >= 0);
    FUZZ_CHECK(len == 0 || write(fd, data, len) == (ssize_t)len);
    close(fd);
}

/* Makes the folders of REL (a path with no empty, "." or ".." part) below ROOT, each a real
 * folder (never a symbolic link, so that nothing is written outside ROOT). Returns 0, or -1
 * when something else is in the way. */
static int make_parents(const char *root, const char *rel)
{
    char path[PATH_MAX];
    path_fmt(path, "%s/%s", root, rel);
    for (char *p = path + strlen(root) + 1; (p = strchr(p, '/')) != NULL; p++) {
        *p = '\0';
        struct stat st;
        if (lstat(path, &st) != 0 && mkdir(path, 0755) != 0)
            return -1;
        if (lstat(path, &st) != 0 || !S_ISDIR(st.st_mode))
            return -1;
        *p = '/';
    }
    return 0;
}

/* ---- The good shard ------------------------------------------------------------------------ */

/* A story in three languages for the good shard: two paragraphs of corpora/NAME/shoigu.txt. */
static const char *const GOOD_TEXT[][2] = {
    {"en", "Russian Defense Chief Urges Closer Ties With Azerbaijan\n\nRussia - Defense Minister "
           "Sergey Shoygu (R) meets with his Azerbaijani counterpart Zakir Hasanov in Moscow, "
           "15June2016.\n"},
    {"hy", "Ռուսաստանի պաշտպանության նախարարը կոչ է անում սերտացնել կապերն Ադրբեջանի հետ\n\n"
           "Ռուսաստան - Պաշտպանության նախարար Սերգեյ Շոյգուն (աջից) հանդիպում է իր ադրբեջանցի "
           "գործընկեր Զաքիր Հասանովի հետ Մոսկվայում, 2016 թ. հունիսի 15։\n"},
    {"ru", "Глава Минобороны России призвал к укреплению связей с Азербайджаном\n\nРоссия — "
           "министр обороны Сергей Шойгу (справа) на встрече с азербайджанским коллегой Закиром "
           "Гасановым в Москве, 15 июня 2016 г.\n"},
};

/* The files of a good shard, as a batch run wrote them. */
typedef struct good_file {
    char *rel;
    char *data;
    size_t len;
} good_file;

typedef struct good_shard {
    good_file files[32];
    size_t count;
} good_shard;

/* [three languages][TSV] */
static good_shard good[2][2];

static char *read_whole(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    FUZZ_CHECK(fp != NULL);
    FUZZ_CHECK(fseek(fp, 0, SEEK_END) == 0);
    long n = ftell(fp);
    FUZZ_CHECK(n >= 0);
    rewind(fp);
    char *data = malloc((size_t)n + 1);
    FUZZ_CHECK(data != NULL);
    FUZZ_CHECK(fread(data, 1, (size_t)n, fp) == (size_t)n);
    fclose(fp);
    *len = (size_t)n;
    return data;
}

static const char *temp_root(void)
{
    const char *t = getenv("TMPDIR");
    return t && t[0] ? t : "/tmp";
}

/* Runs a batch on the story above, four times (two or three languages, with TSV or not), and
 * keeps the files of each output that a merge reads: once per process. */
static void make_good_shards(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    char dir[PATH_MAX], path[PATH_MAX];
    path_fmt(dir, "%s/tmalign-fuzz-shard-XXXXXX", temp_root());
    FUZZ_CHECK(mkdtemp(dir) != NULL);
    tma_ctx *ctx = NULL;
    tma_error err = {0};
    FUZZ_CHECK(tma_ctx_new(&ctx, NULL, &err) == 0);
    for (int three = 0; three < 2; three++) {
        for (int tsv = 0; tsv < 2; tsv++) {
            char corpus[PATH_MAX], out[PATH_MAX];
            path_fmt(corpus, "%s/corpus%d%d", dir, three, tsv);
            path_fmt(out, "%s/out%d%d", dir, three, tsv);
            FUZZ_CHECK(mkdir(corpus, 0755) == 0);
            for (size_t k = 0; k < 3; k++) {
                if (!three && k == 1)
                    continue; /* en and ru */
                path_fmt(path, "%s/%s", corpus, GOOD_TEXT[k][0]);
                FUZZ_CHECK(mkdir(path, 0755) == 0);
                path_fmt(path, "%s/%s/g.txt", corpus, GOOD_TEXT[k][0]);
                write_file(path, GOOD_TEXT[k][1], strlen(GOOD_TEXT[k][1]));
            }
            tma_batch_options options = TMA_BATCH_OPTIONS_INIT;
            options.threads = 1;
            options.tmx.creation_time = 0;
            options.tmx.tsv = tsv;
            tma_batch_result result;
            int rc = tma_batch_run(&result, ctx, corpus, out, &options, &err);
            if (rc < 0)
                fprintf(stderr, "fuzz: the good shard: %s: %s\n", err.path, err.message);
            FUZZ_CHECK(rc == 0 && result.aligned == 1);
            snapshot s = {0};
            snapshot_take(&s, out, NULL);
            good_shard *g = &good[three][tsv];
            for (size_t i = 0; i < s.count; i++) {
                const char *rel = s.items[i].rel;
                /* What a merge does not read stays out. */
                if (!S_ISREG(s.items[i].mode) || strcmp(rel, ".tmalign/lock") == 0 ||
                    strcmp(rel, "corpus.tmx") == 0 || strncmp(rel, "qa.", 3) == 0)
                    continue;
                FUZZ_CHECK(g->count < sizeof g->files / sizeof g->files[0]);
                good_file *f = &g->files[g->count++];
                path_fmt(path, "%s/%s", out, rel);
                f->data = read_whole(path, &f->len);
                f->rel = strdup(rel);
                FUZZ_CHECK(f->rel != NULL);
            }
            snapshot_free(&s);
        }
    }
    tma_ctx_free(ctx);
    remove_tree(dir);
}

static void write_good_shard(const char *root, const good_shard *g)
{
    FUZZ_CHECK(mkdir(root, 0755) == 0);
    for (size_t i = 0; i < g->count; i++) {
        char path[PATH_MAX];
        FUZZ_CHECK(make_parents(root, g->files[i].rel) == 0);
        path_fmt(path, "%s/%s", root, g->files[i].rel);
        write_file(path, g->files[i].data, g->files[i].len);
    }
}

/* ---- The fuzzed shard ---------------------------------------------------------------------- */

typedef struct section {
    const uint8_t *head, *body;
    size_t head_len, body_len;
} section;

/* Decodes the story names of MANIFEST (LEN bytes) into NAMES as tma_manifests_read would: the
 * hex between "story\t" and the next tab; NULL for a line it would refuse. */
static void manifest_names(char *names[MAX_NAMES], const uint8_t *manifest, size_t len)
{
    size_t k = 0;
    for (size_t at = 0; at < len && k < MAX_NAMES;) {
        const uint8_t *line = manifest + at;
        const uint8_t *eol = memchr(line, '\n', len - at);
        size_t line_len = eol ? (size_t)(eol - line) : len - at;
        at += line_len + 1;
        if (line_len < 6 || memcmp(line, "story\t", 6) != 0)
            continue;
        const uint8_t *hex = line + 6, *tab = memchr(hex, '\t', line_len - 6);
        names[k++] = tma_manifest_name_decode((const char *)hex, tab ? (size_t)(tab - hex) : 0);
    }
}

/* Writes the path that header HEAD (LEN bytes) names into BUF (SIZE bytes), with {N} and {#N}
 * replaced. Returns 0, or -1 when it names no file below the shard. */
static int section_path(char *buf, size_t size, const uint8_t *head, size_t len,
                        char *const names[MAX_NAMES])
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        char piece[32];
        const char *add = NULL;
        size_t add_len = 1;
        if (head[i] == '{' && i + 2 < len && head[i + 1] >= '0' && head[i + 1] <= '9' &&
            head[i + 2] == '}') {
            add = names[head[i + 1] - '0'];
            if (add == NULL)
                return -1;
            add_len = strlen(add);
            i += 2;
        } else if (head[i] == '{' && i + 3 < len && head[i + 1] == '#' && head[i + 2] >= '0' &&
                   head[i + 2] <= '9' && head[i + 3] == '}') {
            const char *name = names[head[i + 2] - '0'];
            if (name == NULL)
                return -1;
            add_len = (size_t)snprintf(
                piece, sizeof piece, "%016llx",
                (unsigned long long)tma_batch_hash(TMA_FNV_OFFSET, name, strlen(name)));
            add = piece;
            i += 3;
        } else if (head[i] == '\0') {
            return -1;
        } else {
            add = (const char *)head + i;
        }
        if (n + add_len >= size)
            return -1;
        memcpy(buf + n, add, add_len);
        n += add_len;
    }
    buf[n] = '\0';
    /* Parts not empty, not "." or "..", no longer than a file name; at most four deep. */
    size_t depth = 0;
    for (const char *p = buf;; depth++) {
        size_t part = strcspn(p, "/");
        if (part == 0 || part > NAME_MAX || depth >= 4 || strncmp(p, ".", part) == 0 ||
            strncmp(p, "..", part) == 0)
            return -1;
        if (p[part] == '\0')
            return 0;
        p += part + 1;
    }
}

/* The folder of one input: TOP (the temporary folder), and in TOP/a/b the shard, the good
 * shard and OUT, two levels down so that a path that climbs out of OUT lands in TOP. */
typedef struct layout {
    char top[PATH_MAX], shard[PATH_MAX], good[PATH_MAX], out[PATH_MAX];
    char private_file[PATH_MAX], fifo[PATH_MAX], folder[PATH_MAX];
} layout;

/* Makes the entry of section S in the shard, if its path can be made. */
static void write_section(const layout *l, const section *s, char *const names[MAX_NAMES])
{
    char kind =
        s->head_len > 0 && s->head[0] != '\0' && strchr("@|+", s->head[0]) ? (char)s->head[0] : '=';
    size_t skip = kind != '=';
    char rel[1024], path[PATH_MAX];
    if (section_path(rel, sizeof rel, s->head + skip, s->head_len - skip, names) < 0 ||
        make_parents(l->shard, rel) < 0)
        return;
    path_fmt(path, "%s/%s", l->shard, rel);
    struct stat st;
    if (lstat(path, &st) == 0)
        return; /* named twice */
    if (kind == '=') {
        write_file(path, s->body, s->body_len);
    } else if (kind == '|') {
        FUZZ_CHECK(mkfifo(path, 0644) == 0);
    } else if (kind == '+') {
        FUZZ_CHECK(mkdir(path, 0755) == 0);
    } else {
        char manifest[PATH_MAX];
        path_fmt(manifest, "%s/.tmalign/manifest.tsv", l->shard);
        const char *targets[] = {l->private_file, manifest,  l->folder, l->fifo,
                                 "/dev/zero",     "missing", rel};
        const char *target = targets[(s->body_len ? s->body[0] : 0) % 7];
        if (target == rel) {
            const char *slash = strrchr(rel, '/');
            target = slash ? slash + 1 : rel;
        }
        FUZZ_CHECK(symlink(target, path) == 0);
    }
}

/* Writes the shard that DATA (SIZE bytes, after the option byte) describes into l->shard. */
static void write_shard(const layout *l, const uint8_t *data, size_t size)
{
    section sections[MAX_FILES];
    size_t count = 0;
    const uint8_t *p = memchr(data, 0xFF, size), *end = data + size;
    while (p != NULL && count < MAX_FILES) {
        const uint8_t *start = p + 1;
        const uint8_t *next = memchr(start, 0xFF, (size_t)(end - start));
        const uint8_t *stop = next ? next : end;
        const uint8_t *eol = memchr(start, '\n', (size_t)(stop - start));
        section *s = &sections[count++];
        s->head = start;
        s->head_len = (size_t)((eol ? eol : stop) - start);
        s->body = eol ? eol + 1 : stop;
        s->body_len = (size_t)(stop - s->body);
        p = next;
    }
    char *names[MAX_NAMES] = {0};
    for (size_t i = 0; i < count; i++) {
        if (sections[i].head_len == 21 &&
            memcmp(sections[i].head, ".tmalign/manifest.tsv", 21) == 0) {
            manifest_names(names, sections[i].body, sections[i].body_len);
            break;
        }
    }
    FUZZ_CHECK(mkdir(l->shard, 0755) == 0);
    for (size_t i = 0; i < count; i++)
        write_section(l, &sections[i], names);
    for (size_t k = 0; k < MAX_NAMES; k++)
        free(names[k]);
}

/* ---- The checks ---------------------------------------------------------------------------- */

/* The user's files in OUT before the merge; the last one a merge may replace. */
static const char *const USER_FILES[] = {"notes.txt", "thesis.tmp.draft1", "s.tmx"};

static void check_refusal(int rc, const tma_error *err)
{
    fuzz_check_error(rc, err);
    const char *m = err->message;
    size_t len = strlen(m), i = 0;
    while (i < len) {
        uint32_t c = tma_utf8_next(m, len, &i);
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
            fprintf(stderr, "control character U+%04X in the message: %s\n", (unsigned)c, m);
        FUZZ_CHECK(c >= 0x20 && !(c >= 0x7F && c <= 0x9F));
    }
}

/* Reads the XML file PATH as a careful reader would and checks it. */
static void check_xml(const char *path, int tmx)
{
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    FUZZ_CHECK(ctxt != NULL);
    xmlDocPtr doc = xmlCtxtReadFile(ctxt, path, NULL,
                                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    int well_formed = doc != NULL && ctxt->wellFormed && ctxt->nsWellFormed;
    int no_dtd = doc == NULL || (doc->intSubset == NULL && doc->extSubset == NULL);
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    int root_ok = !tmx || doc == NULL ||
                  (root != NULL && root->ns == NULL && xmlStrcmp(root->name, BAD_CAST "tmx") == 0);
    if (!well_formed || !no_dtd || !root_ok) {
        xmlErrorPtr e = xmlCtxtGetLastError(ctxt);
        fprintf(stderr, "%s: %s%s%s%s", path, well_formed ? "" : "not well-formed; ",
                no_dtd ? "" : "has a DTD; ", root_ok ? "" : "root is not <tmx>; ",
                e && e->message ? e->message : "\n");
    }
    FUZZ_CHECK(well_formed);
    FUZZ_CHECK(no_dtd);
    FUZZ_CHECK(root_ok);
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void check_out(const char *out, const snapshot *before, const snapshot *after, int ok)
{
    /* The user's files are there and, but for one a merge writes, as they were. */
    for (size_t i = 0; i < before->count; i++) {
        const entry *b = &before->items[i];
        const entry *a = snapshot_find(after, b->rel);
        int written = ok && strcmp(b->rel, "s.tmx") == 0;
        FUZZ_CHECK(a != NULL);
        FUZZ_CHECK(written ? S_ISREG(a->mode) : same_entry(a, b));
    }
    for (size_t i = 0; i < after->count; i++) {
        const entry *a = &after->items[i];
        const char *base = strrchr(a->rel, '/') ? strrchr(a->rel, '/') + 1 : a->rel;
        const entry *b = snapshot_find(before, a->rel);
        if (b != NULL && same_entry(a, b))
            continue; /* a user's file, checked above */
        if (strstr(base, TMA_OUTFILE_TEMP_MARKER) != NULL)
            fprintf(stderr, "temporary file left in OUT: %s\n", a->rel);
        FUZZ_CHECK(strstr(base, TMA_OUTFILE_TEMP_MARKER) == NULL);
        if (!ok) {
            /* A refusal leaves the folders and the lock, no more. */
            int allowed = (S_ISDIR(a->mode) && (strcmp(a->rel, ".tmalign") == 0 ||
                                                strcmp(a->rel, ".tmalign/stories") == 0)) ||
                          (S_ISREG(a->mode) && strcmp(a->rel, ".tmalign/lock") == 0);
            if (!allowed)
                fprintf(stderr, "a refused merge left %s in OUT\n", a->rel);
            FUZZ_CHECK(allowed);
            continue;
        }
        FUZZ_CHECK(S_ISREG(a->mode) || S_ISDIR(a->mode));
        if (S_ISREG(a->mode) && (ends_with(a->rel, ".tmx") || ends_with(a->rel, ".xml"))) {
            char path[PATH_MAX];
            path_fmt(path, "%s/%s", out, a->rel);
            check_xml(path, ends_with(a->rel, ".tmx"));
        }
    }
    if (ok) {
        static const char *const required[] = {".tmalign/manifest.tsv", "corpus.tmx", "qa.json",
                                               "qa.tsv", "qa.html"};
        for (size_t i = 0; i < sizeof required / sizeof *required; i++) {
            const entry *a = snapshot_find(after, required[i]);
            FUZZ_CHECK(a != NULL && S_ISREG(a->mode));
        }
    }
}

/* ---- One input ----------------------------------------------------------------------------- */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static int started;
    if (!started) {
        xmlInitParser();
        make_good_shards();
        started = 1;
    }
    unsigned options = data[0];
    int three = options & 1, tsv = (options >> 1) & 1, with_good = (options >> 2) & 1;
    int good_first = (options >> 3) & 1, user_files = (options >> 4) & 1;
    int twice = (options >> 5) & 1, out_is_shard = (options >> 6) & 1, slash = (options >> 7) & 1;
    size_t fds = count_fds();

    layout l;
    path_fmt(l.top, "%s/tmalign-fuzz-shard-XXXXXX", temp_root());
    FUZZ_CHECK(mkdtemp(l.top) != NULL);
    path_fmt(l.folder, "%s/a/b", l.top);
    path_fmt(l.shard, "%s/shard", l.folder);
    path_fmt(l.good, "%s/good", l.folder);
    path_fmt(l.out, "%s/out", l.folder);
    path_fmt(l.private_file, "%s/private", l.top);
    path_fmt(l.fifo, "%s/fifo", l.top);
    FUZZ_CHECK(make_parents(l.top, "a/b/x") == 0);
    write_file(l.private_file, "a private file\n", 15);
    FUZZ_CHECK(chmod(l.private_file, 0600) == 0);
    FUZZ_CHECK(mkfifo(l.fifo, 0600) == 0);
    write_shard(&l, data + 1, size - 1);
    if (with_good)
        write_good_shard(l.good, &good[three][tsv]);
    if (user_files) {
        FUZZ_CHECK(mkdir(l.out, 0755) == 0);
        for (size_t i = 0; i < sizeof USER_FILES / sizeof *USER_FILES; i++) {
            char path[PATH_MAX];
            path_fmt(path, "%s/%s", l.out, USER_FILES[i]);
            write_file(path, USER_FILES[i], strlen(USER_FILES[i]));
        }
    }

    char shard_arg[PATH_MAX], good_arg[PATH_MAX], out_arg[PATH_MAX];
    path_fmt(shard_arg, "%s%s", l.shard, slash ? "/" : "");
    path_fmt(good_arg, "%s%s", l.good, slash ? "/" : "");
    path_fmt(out_arg, "%s%s", out_is_shard ? l.shard : l.out, slash ? "/" : "");
    const char *inputs[3];
    size_t count = 0;
    if (with_good && good_first)
        inputs[count++] = good_arg;
    inputs[count++] = shard_arg;
    if (twice)
        inputs[count++] = shard_arg;
    if (with_good && !good_first)
        inputs[count++] = good_arg;

    /* Everything but OUT, and OUT, before. */
    snapshot outside = {0}, out_before = {0}, outside_after = {0}, out_after = {0};
    snapshot_take(&outside, l.top, out_is_shard ? NULL : "a/b/out");
    if (!out_is_shard)
        snapshot_take(&out_before, l.out, NULL);

    tma_batch_result result;
    tma_error err = {0};
    int rc = tma_batch_merge(&result, inputs, count, out_arg, 0, &err);
    if (rc < 0)
        check_refusal(rc, &err);
    else
        FUZZ_CHECK(rc == 0 && result.total == result.aligned + result.failed);
    if (out_is_shard)
        FUZZ_CHECK(rc < 0);

    snapshot_take(&outside_after, l.top, out_is_shard ? NULL : "a/b/out");
    check_unchanged(&outside, &outside_after, "the folder around OUT");
    if (!out_is_shard) {
        snapshot_take(&out_after, l.out, NULL);
        check_out(l.out, &out_before, &out_after, rc == 0);
    }
    snapshot_free(&outside);
    snapshot_free(&outside_after);
    snapshot_free(&out_before);
    snapshot_free(&out_after);
    remove_tree(l.top);
    FUZZ_CHECK(count_fds() == fds); /* no descriptor left open */
    return 0;
}
