/* The installed dictionaries of a language pair, by the names src/data/dictd.tsv gives them. */
#define _POSIX_C_SOURCE 200809L
#include "error.h"
#include "internal.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define TABLE "dictd.tsv"

/* Splits the line [s, end) at its TABs into at most MAX fields; returns how many. */
static size_t fields(const char *s, const char *end, const char **f, size_t *flen, size_t max)
{
    size_t n = 0;
    while (n < max) {
        const char *tab = memchr(s, '\t', (size_t)(end - s));
        f[n] = s;
        flen[n] = (size_t)((tab ? tab : end) - s);
        n++;
        if (tab == NULL)
            return n;
        s = tab + 1;
    }
    return n + 1; /* more than MAX */
}

static int field_is(const char *f, size_t len, const char *s)
{
    return strlen(s) == len && memcmp(f, s, len) == 0;
}

/* The built-in table, or NULL with *err filled. */
static const tma_data_file *dictd_table(tma_error *err)
{
    const tma_data_file *file = tma_data_find(TABLE);
    if (file == NULL)
        tma_error_set(err, TMA_ERR_INTERNAL, TABLE, 0, 0, "the table is not built in");
    return file;
}

/* Reads the table's next entry at *pos into *line and its fields into F and FLEN (*n of them,
 * more than 4 when the line has more). Returns as tma_data_next_line. */
static int next_entry(const tma_data_file *file, size_t *pos, long *number, tma_data_line *line,
                      const char **f, size_t *flen, size_t *n, tma_error *err)
{
    int rc = tma_data_next_line(file, pos, number, line, err);
    if (rc > 0)
        *n = fields(line->start, line->end, f, flen, 4);
    return rc;
}

/* Adds DIR/BASE when its index and its text are both there. */
static void add_if_there(tma_lex_dictd_found *out, size_t max, size_t *count, const char *dir,
                         const char *base, size_t base_len, int from)
{
    char path[1024], text[1040];
    if (*count >= max ||
        snprintf(path, sizeof path, "%s/%.*s.index", dir, (int)base_len, base) >= (int)sizeof path)
        return;
    for (size_t k = 0; k < *count; k++) {
        if (strcmp(out[k].path, path) == 0)
            return;
    }
    snprintf(text, sizeof text, "%.*s.dict.dz", (int)(strlen(path) - 6), path);
    int has_text = access(text, R_OK) == 0;
    text[strlen(text) - 3] = '\0';
    if (access(path, R_OK) != 0 || !(has_text || access(text, R_OK) == 0))
        return;
    snprintf(out[*count].path, sizeof out[*count].path, "%s", path);
    out[*count].from = from;
    ++*count;
}

int tma_lex_find(tma_lex_dictd_found *out, size_t max, size_t *count, const char *dir,
                 const char *const langs[2], tma_error *err)
{
    const tma_data_file *file = dictd_table(err);
    *count = 0;
    if (file == NULL)
        return err->code;
    char code3[2][8] = {"", ""};
    tma_data_line line;
    size_t pos = 0, n;
    long number = 0;
    const char *f[4];
    size_t flen[4];
    int rc;
    while ((rc = next_entry(file, &pos, &number, &line, f, flen, &n, err)) > 0) {
        if (n == 4 && field_is(f[0], flen[0], "dict")) {
            for (int from = 0; from < 2; from++) {
                if (field_is(f[2], flen[2], langs[from]) && field_is(f[3], flen[3], langs[!from]))
                    add_if_there(out, max, count, dir, f[1], flen[1], from);
            }
        } else if (n == 3 && field_is(f[0], flen[0], "code") && flen[2] < sizeof code3[0]) {
            for (int side = 0; side < 2; side++) {
                if (field_is(f[1], flen[1], langs[side]))
                    snprintf(code3[side], sizeof code3[side], "%.*s", (int)flen[2], f[2]);
            }
        } else {
            return tma_error_set(err, TMA_ERR_DATA, TABLE, line.number, 0,
                                 "a line is \"dict NAME FROM TO\" or \"code LANG CODE3\"; fix "
                                 "the table");
        }
    }
    if (rc < 0)
        return rc;
    /* FreeDict's after the named ones. */
    for (int from = 0; code3[0][0] && code3[1][0] && from < 2; from++) {
        char base[32];
        int len = snprintf(base, sizeof base, "freedict-%s-%s", code3[from], code3[!from]);
        add_if_there(out, max, count, dir, base, (size_t)len, from);
    }
    return 0;
}

/* 1 if the LEN bytes at S are one of the space-separated words of LIST. */
static int listed(const char *list, const char *s, size_t len)
{
    for (const char *p = list; *p; p += strcspn(p, " "), p += *p == ' ') {
        if (strcspn(p, " ") == len && memcmp(p, s, len) == 0)
            return 1;
    }
    return 0;
}

/* Appends OTHER to OUT (USED bytes so far, SIZE in all) when DIR has a dictionary of the pair
 * LANG-OTHER. */
static int add_partner(char *out, size_t size, size_t *used, const char *dir, const char *lang,
                       const char *other, tma_error *err)
{
    tma_lex_dictd_found found[4];
    size_t count;
    const char *const pair[2] = {lang, other};
    int rc = tma_lex_find(found, 4, &count, dir, pair, err);
    if (rc == 0 && count > 0 && *used + strlen(other) + 2 <= size)
        *used += (size_t)snprintf(out + *used, size - *used, "%s%s", *used ? " " : "", other);
    return rc;
}

int tma_lexicon_installed_partners(char *out, size_t size, const char *dir, const char *lang,
                                   tma_error *err)
{
    const tma_data_file *file = dictd_table(err);
    out[0] = '\0';
    if (file == NULL)
        return err->code;
    if (dir == NULL)
        dir = TMA_LEXICON_DICTD_DIR;
    /* Every language the table names (a dict line's FROM and TO, a code line's LANG), asked
     * about once. */
    char asked[1024] = "";
    tma_data_line line;
    size_t pos = 0, used = 0, asked_len = 0, n;
    long number = 0;
    const char *f[4];
    size_t flen[4];
    int rc;
    while ((rc = next_entry(file, &pos, &number, &line, f, flen, &n, err)) > 0) {
        size_t first = n == 4 ? 2 : 1, last = n == 4 ? 3 : 1;
        for (size_t i = first; i <= last && rc >= 0 && (n == 3 || n == 4); i++) {
            char other[TMA_LANG_BYTES];
            if (flen[i] >= sizeof other || field_is(f[i], flen[i], lang) ||
                listed(asked, f[i], flen[i]) || asked_len + flen[i] + 2 > sizeof asked)
                continue;
            snprintf(other, sizeof other, "%.*s", (int)flen[i], f[i]);
            asked_len += (size_t)snprintf(asked + asked_len, sizeof asked - asked_len, "%s%s",
                                          asked_len ? " " : "", other);
            rc = add_partner(out, size, &used, dir, lang, other, err);
        }
        if (rc < 0)
            return rc;
    }
    return rc < 0 ? rc : 0;
}
