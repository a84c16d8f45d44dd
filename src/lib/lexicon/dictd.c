/* A dictd dictionary: its .index, one line per headword,
 *
 *     headword TAB offset TAB length [TAB ...]
 *
 * with the offset and the length of the entry's text in dictd's base64 digits (A-Z a-z 0-9 + /,
 * most significant first), and the text itself (dictzip.c). The index is sorted by a collation
 * dictfmt chose and that the file does not say, so it is not searched in place: its lines are
 * hashed by lookup key on first use, and an entry is read when its headword is asked. */
#define _POSIX_C_SOURCE 200809L
#include "error.h"
#include "internal.h"
#include "text.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* dictfmt's own entries: the database's name, URL, whether it is UTF-8 ("00-database-utf8",
 * indexed as "00databaseutf8" by newer dictfmt). Not words. */
#define META_KEY "00database"

static int b64_digit(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* Reads the base64 number S[0..len) into *out; 0 when it is empty, holds another character or
 * passes 2^60 (ten digits; no text is near). */
static int b64_number(const char *s, size_t len, size_t *out)
{
    uint64_t v = 0;
    if (len == 0 || len > 10)
        return 0;
    for (size_t i = 0; i < len; i++) {
        int d = b64_digit(s[i]);
        if (d < 0)
            return 0;
        v = v << 6 | (uint64_t)d;
    }
    if (v > SIZE_MAX)
        return 0;
    *out = (size_t)v;
    return 1;
}

typedef struct index_line {
    const char *headword;
    size_t headword_len, offset, len;
} index_line;

/* Parses the index line S[0..len) (without its "\n") into *out; returns NULL, or what is wrong. */
static const char *parse_line(index_line *out, const char *s, size_t len)
{
    const char *t1 = memchr(s, '\t', len);
    if (t1 == NULL)
        return "an index line needs a headword, an offset and a length separated by TABs";
    const char *f2 = t1 + 1, *end = s + len;
    const char *t2 = memchr(f2, '\t', (size_t)(end - f2));
    if (t2 == NULL)
        return "an index line needs a headword, an offset and a length separated by TABs";
    const char *f3 = t2 + 1;
    const char *t3 = memchr(f3, '\t', (size_t)(end - f3));
    const char *e3 = t3 ? t3 : end;
    out->headword = s;
    out->headword_len = (size_t)(t1 - s);
    if (!b64_number(f2, (size_t)(t2 - f2), &out->offset) ||
        !b64_number(f3, (size_t)(e3 - f3), &out->len))
        return "an offset or a length is not a number in dictd's base64 digits";
    return NULL;
}

static int refuse_line(tma_lex_dictd *d, long line, const char *what, tma_error *err)
{
    int rc =
        tma_error_set(err, TMA_ERR_DATA, d->path, line, 0,
                      "%s; the dictionary is broken: reinstall its package or remove it", what);
    if (err != NULL)
        d->broken = *err;
    return rc;
}

/* Marks D broken with ERR's refusal when it is about the data, so that every later use fails the
 * same way; running out of memory is not the dictionary's fault. */
static int keep_refusal(tma_lex_dictd *d, int rc, const tma_error *err)
{
    if ((rc == TMA_ERR_DATA || rc == TMA_ERR_LIMIT) && err != NULL)
        d->broken = *err;
    return rc;
}

static int fail_if_broken(const tma_lex_dictd *d, tma_error *err)
{
    if (d->broken.code == TMA_OK)
        return 0;
    if (err != NULL)
        *err = d->broken;
    return d->broken.code;
}

int tma_lex_dictd_build(tma_lex_dictd *d, tma_error *err)
{
    int rc = fail_if_broken(d, err);
    if (rc < 0 || d->indexed)
        return rc;
    long number = 0;
    size_t lines = 1;
    for (const char *p = d->index, *end = d->index + d->index_size;
         (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
        lines++;
    if (tma_lex_map_reserve(&d->headwords, lines, lines) < 0 ||
        tma_buf_reserve(&d->headwords.pool, d->index_size / 2) < 0)
        goto nomem;
    for (size_t at = 0; at < d->index_size;) {
        const char *s = d->index + at;
        const char *nl = memchr(s, '\n', d->index_size - at);
        size_t len = nl ? (size_t)(nl - s) : d->index_size - at;
        size_t line_at = at;
        at += len + 1;
        number++;
        if (len == 0)
            continue;
        index_line L;
        const char *bad = parse_line(&L, s, len);
        if (bad == NULL && tma_utf8_valid_prefix(s, L.headword_len) != L.headword_len)
            bad = "the headword is not valid UTF-8 (tmalign reads UTF-8 dictionaries)";
        if (bad == NULL && (L.offset > d->dz.text_size || L.len > d->dz.text_size - L.offset))
            bad = "the entry lies past the end of the text (truncated?)";
        if (bad == NULL && L.len > TMA_LEXICON_MAX_ENTRY_BYTES)
            bad = "the entry is over 1 MB, more than tmalign reads";
        if (bad != NULL) {
            tma_lex_map_free(&d->headwords);
            return refuse_line(d, number, bad, err);
        }
        d->scratch.len = 0;
        if (tma_lexicon_key(&d->scratch, L.headword, L.headword_len) < 0)
            goto nomem;
        if (d->scratch.len == 0 || (d->scratch.len >= sizeof META_KEY - 1 &&
                                    memcmp(d->scratch.data, META_KEY, sizeof META_KEY - 1) == 0))
            continue;
        if (tma_lex_map_add(&d->headwords, d->scratch.data, d->scratch.len, (uint32_t)line_at) < 0)
            goto nomem;
    }
    d->indexed = 1;
    return 0;
nomem:
    tma_lex_map_free(&d->headwords);
    return tma_error_nomem(err, "reading a dictionary's index");
}

/* Reads the entry at [offset, offset + len) into d->text and calls FN on it. */
static int visit(tma_lex_dictd *d, size_t offset, size_t len, tma_lex_dictd_entry_fn fn, void *arg,
                 tma_error *err)
{
    int rc = tma_lex_dz_read(&d->text, &d->dz, offset, len, d->dict_path, err);
    if (rc < 0)
        return keep_refusal(d, rc, err);
    if (tma_utf8_valid_prefix(d->text.data, d->text.len) != d->text.len) {
        rc = tma_error_set(err, TMA_ERR_DATA, d->dict_path, 0, 0,
                           "the entry at byte %zu is not valid UTF-8 (tmalign reads UTF-8 "
                           "dictionaries); reinstall its package or remove it",
                           offset);
        return keep_refusal(d, rc, err);
    }
    return fn(arg, d->text.data ? d->text.data : "", d->text.len);
}

int tma_lex_dictd_lookup(tma_lex_dictd *d, const char *key, size_t key_len,
                         tma_lex_dictd_entry_fn fn, void *arg, tma_error *err)
{
    int rc = tma_lex_dictd_build(d, err);
    if (rc < 0)
        return rc;
    for (int32_t k = tma_lex_map_first(&d->headwords, key, key_len); k >= 0;
         k = d->headwords.links[k].next) {
        size_t at = d->headwords.links[k].value;
        const char *nl = memchr(d->index + at, '\n', d->index_size - at);
        index_line L;
        const char *bad =
            parse_line(&L, d->index + at, nl ? (size_t)(nl - d->index) - at : d->index_size - at);
        (void)bad; /* the line passed when the table was built */
        if ((rc = visit(d, L.offset, L.len, fn, arg, err)) != 0)
            return rc;
    }
    return 0;
}

typedef struct span {
    size_t offset, len;
} span;

static int by_offset(const void *a, const void *b)
{
    const span *x = a, *y = b;
    return x->offset < y->offset   ? -1
           : x->offset > y->offset ? 1
                                   : (x->len > y->len) - (x->len < y->len);
}

int tma_lex_dictd_each(tma_lex_dictd *d, tma_lex_dictd_entry_fn fn, void *arg, tma_error *err)
{
    int rc = tma_lex_dictd_build(d, err);
    if (rc < 0)
        return rc;
    /* Every headword's line, in the order of the text, so that each chunk inflates once. */
    span *spans = d->headwords.link_count ? malloc(d->headwords.link_count * sizeof *spans) : NULL;
    if (d->headwords.link_count && spans == NULL)
        return tma_error_nomem(err, "reading a dictionary");
    for (size_t k = 0; k < d->headwords.link_count; k++) {
        size_t at = d->headwords.links[k].value;
        const char *nl = memchr(d->index + at, '\n', d->index_size - at);
        index_line L;
        (void)parse_line(&L, d->index + at, nl ? (size_t)(nl - d->index) - at : d->index_size - at);
        spans[k] = (span){L.offset, L.len};
    }
    if (spans != NULL)
        qsort(spans, d->headwords.link_count, sizeof *spans, by_offset);
    for (size_t k = 0; k < d->headwords.link_count && rc == 0; k++) {
        if (k > 0 && spans[k].offset == spans[k - 1].offset && spans[k].len == spans[k - 1].len)
            continue; /* one entry under two headwords */
        rc = visit(d, spans[k].offset, spans[k].len, fn, arg, err);
    }
    free(spans);
    return rc;
}

/* ---- Opening -------------------------------------------------------------------------------- */

/* 1 if S ends with SUFFIX. */
static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(suffix), len = strlen(s);
    return len >= n && memcmp(s + len - n, suffix, n) == 0;
}

/* The name a message or a report gives the dictionary: its file's, without folder or extension. */
static void set_name(tma_lex_dictd *d, const char *path)
{
    const char *slash = strrchr(path, '/');
    snprintf(d->name, sizeof d->name, "%s", slash ? slash + 1 : path);
    static const char *const ext[] = {".index", ".dict.dz", ".dict"};
    for (size_t k = 0; k < 3; k++) {
        if (ends_with(d->name, ext[k])) {
            d->name[strlen(d->name) - strlen(ext[k])] = '\0';
            break;
        }
    }
}

int tma_lex_dictd_open_mem(tma_lex_dictd **out, const char *index_name, const char *index,
                           size_t index_len, const char *dict_name, const char *dict,
                           size_t dict_len, tma_error *err)
{
    *out = NULL;
    if (index_len > TMA_LEXICON_MAX_FILE_BYTES)
        return tma_error_set(err, TMA_ERR_LIMIT, index_name, 0, 0,
                             "the index is over %zu MB, more than tmalign reads",
                             TMA_LEXICON_MAX_FILE_BYTES >> 20);
    tma_lex_dictd *d = calloc(1, sizeof *d);
    if (d == NULL)
        return tma_error_nomem(err, "opening a dictionary");
    snprintf(d->path, sizeof d->path, "%s", index_name);
    snprintf(d->dict_path, sizeof d->dict_path, "%s", dict_name);
    set_name(d, index_name);
    d->index = index;
    d->index_size = index_len;
    /* A .dict.dz must be dictzip; a .dict is plain text, whatever it starts with. */
    int rc = tma_lex_dz_open(&d->dz, (const unsigned char *)dict, dict_len,
                             !ends_with(dict_name, ".dz"), dict_name, err);
    if (rc < 0) {
        free(d);
        return rc;
    }
    *out = d;
    return 0;
}

/* Maps PATH read-only; stores the bytes in *data (a static "" for an empty file) and *size, and in
 * *map what to unmap (NULL for an empty file). */
static int map_file(const void **data, size_t *size, void **map, const char *path, tma_error *err)
{
    static const char empty[1] = "";
    *map = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return tma_error_set(err, TMA_ERR_IO, path, 0, 0, "cannot open the dictionary: %s",
                             strerror(errno));
    struct stat st;
    int rc = 0;
    if (fstat(fd, &st) < 0) {
        rc = tma_error_set(err, TMA_ERR_IO, path, 0, 0, "cannot read the dictionary: %s",
                           strerror(errno));
    } else if (!S_ISREG(st.st_mode)) {
        rc = tma_error_set(err, TMA_ERR_IO, path, 0, 0,
                           "the dictionary is not a regular file; name the file itself");
    } else if ((uint64_t)st.st_size > TMA_LEXICON_MAX_FILE_BYTES) {
        rc = tma_error_set(err, TMA_ERR_LIMIT, path, 0, 0,
                           "the file is over %zu MB, more than tmalign reads as a dictionary",
                           TMA_LEXICON_MAX_FILE_BYTES >> 20);
    } else if (st.st_size == 0) {
        *data = empty;
        *size = 0;
    } else {
        void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED)
            rc = tma_error_set(err, TMA_ERR_IO, path, 0, 0, "cannot map the dictionary: %s",
                               strerror(errno));
        else {
            *data = p;
            *map = p;
            *size = (size_t)st.st_size;
        }
    }
    close(fd);
    return rc;
}

int tma_lex_dictd_open(tma_lex_dictd **out, const char *path, tma_error *err)
{
    *out = NULL;
    char base[1024], index_path[1040], dict_path[1040];
    size_t n = strlen(path);
    if (n >= sizeof base)
        return tma_error_set(err, TMA_ERR_USAGE, NULL, 0, 0, "the dictionary's path is too long");
    memcpy(base, path, n + 1);
    /* Any of the three names stands for the dictionary. */
    if (ends_with(base, ".index"))
        base[n - 6] = '\0';
    else if (ends_with(base, ".dict.dz"))
        base[n - 8] = '\0';
    else if (ends_with(base, ".dict"))
        base[n - 5] = '\0';
    snprintf(index_path, sizeof index_path, "%s.index", base);
    snprintf(dict_path, sizeof dict_path, "%s.dict.dz", base);
    if (access(dict_path, F_OK) != 0)
        snprintf(dict_path, sizeof dict_path, "%s.dict", base);

    const void *index = NULL, *dict = NULL;
    size_t index_size = 0, dict_size = 0;
    void *maps[2] = {NULL, NULL};
    int rc = map_file(&index, &index_size, &maps[0], index_path, err);
    if (rc == 0)
        rc = map_file(&dict, &dict_size, &maps[1], dict_path, err);
    tma_lex_dictd *d = NULL;
    if (rc == 0)
        rc = tma_lex_dictd_open_mem(&d, index_path, index, index_size, dict_path, dict, dict_size,
                                    err);
    if (rc < 0) {
        if (maps[0])
            munmap(maps[0], index_size);
        if (maps[1])
            munmap(maps[1], dict_size);
        return rc;
    }
    d->maps[0] = maps[0];
    d->maps[1] = maps[1];
    d->map_sizes[0] = index_size;
    d->map_sizes[1] = dict_size;
    *out = d;
    return 0;
}

void tma_lex_dictd_free(tma_lex_dictd *d)
{
    if (d == NULL)
        return;
    tma_lex_dz_free(&d->dz);
    tma_lex_map_free(&d->headwords);
    tma_buf_free(&d->scratch);
    tma_buf_free(&d->text);
    for (int k = 0; k < 2; k++) {
        if (d->maps[k] != NULL)
            munmap(d->maps[k], d->map_sizes[k]);
    }
    free(d);
}
