#include "table.h"

#include "error.h"
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

const tma_data_file *tma_data_find(const char *name)
{
    for (size_t k = 0; k < tma_data_file_count; k++) {
        if (strcmp(tma_data_files[k].name, name) == 0)
            return &tma_data_files[k];
    }
    return NULL;
}

/* FNV-1a, which hashes a key byte by byte: H, the hash of some bytes, carried on over S. */
static uint64_t hash_more(uint64_t h, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

uint64_t tma_hash_bytes(const char *s, size_t len)
{
    return hash_more(1469598103934665603ull, s, len);
}

static tma_table_entry *find_slot(tma_table_entry *slots, size_t cap, uint32_t hash,
                                  const char *key, size_t len)
{
    size_t i = hash & (cap - 1);
    while (slots[i].key != NULL && (slots[i].hash != hash || slots[i].key_len != len ||
                                    memcmp(slots[i].key, key, len) != 0))
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

static int grow(tma_table *t)
{
    size_t cap = t->cap ? t->cap * 2 : 64;
    tma_table_entry *slots = tma_zeroed(cap, sizeof *slots);
    if (slots == NULL)
        return -1;
    for (size_t i = 0; i < t->cap; i++) {
        const tma_table_entry *e = &t->slots[i];
        if (e->key != NULL)
            *find_slot(slots, cap, e->hash, e->key, e->key_len) = *e;
    }
    free(t->slots);
    t->slots = slots;
    t->cap = cap;
    return 0;
}

int tma_table_put(tma_table *t, const char *key, size_t len, int value)
{
    if (len > UINT32_MAX || ((t->count + 1) * 2 > t->cap && grow(t) < 0))
        return -1;
    uint32_t hash = (uint32_t)tma_hash_bytes(key, len);
    tma_table_entry *e = find_slot(t->slots, t->cap, hash, key, len);
    if (e->key == NULL) {
        e->key = tma_arena_strndup(&t->keys, key, len);
        if (e->key == NULL)
            return -1;
        e->key_len = (uint32_t)len;
        e->hash = hash;
        t->count++;
        if (len > t->max_key_len)
            t->max_key_len = len;
    }
    e->value = value;
    return 0;
}

int tma_table_get(const tma_table *t, const char *key, size_t len)
{
    /* Looking up every prefix of a 1 MB word must not hash it a million times. */
    if (t->cap == 0 || len > t->max_key_len)
        return -1;
    const tma_table_entry *e =
        find_slot(t->slots, t->cap, (uint32_t)tma_hash_bytes(key, len), key, len);
    return e->key != NULL ? e->value : -1;
}

int tma_table_longest_prefix(const tma_table *t, const char *key, size_t len, size_t min_chars)
{
    if (t->cap == 0)
        return -1;
    /* The starts are hashed as one pass over the key, and the last found is the longest. */
    int value = -1;
    size_t chars = 0, at = 0;
    uint64_t h = tma_hash_bytes("", 0);
    while (at < len) {
        size_t next = at;
        tma_utf8_next(key, len, &next);
        if (next > t->max_key_len)
            break;
        h = hash_more(h, key + at, next - at);
        at = next;
        if (++chars < min_chars)
            continue;
        const tma_table_entry *e = find_slot(t->slots, t->cap, (uint32_t)h, key, at);
        if (e->key != NULL)
            value = e->value;
    }
    return value;
}

void tma_table_free(tma_table *t)
{
    tma_arena_free(&t->keys);
    free(t->slots);
    *t = (tma_table)TMA_TABLE_INIT;
}

int tma_fold_case(tma_buf *out, const char *s, size_t len)
{
    /* Folding keeps the length of most text: room for it at once, not at every character. */
    if (tma_buf_reserve(out, len) < 0)
        return -1;
    size_t i = 0;
    while (i < len) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) {
            /* ASCII folds to ASCII: only A-Z change (Unicode's CaseFolding.txt). */
            if (out->len == out->cap && tma_buf_reserve(out, len - i) < 0)
                return -1;
            out->data[out->len++] = (char)(b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
            i++;
            continue;
        }
        UChar32 c = (UChar32)tma_utf8_next(s, len, &i);
        c = u_foldCase(c, U_FOLD_CASE_DEFAULT);
        char enc[4];
        int32_t n = 0;
        U8_APPEND_UNSAFE(enc, n, c);
        if (tma_buf_append(out, enc, (size_t)n) < 0)
            return -1;
    }
    return 0;
}

static int line_error(tma_error *err, const tma_data_file *file, long line, const char *what)
{
    return tma_error_set(err, TMA_ERR_DATA, file->name, line, 0, "%s; fix the table", what);
}

int tma_data_next_line(const tma_data_file *file, size_t *pos, long *number, tma_data_line *line,
                       tma_error *err)
{
    while (*pos < file->len) {
        const char *p = file->text + *pos, *end = file->text + file->len;
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        *pos = (size_t)((nl ? nl + 1 : end) - file->text);
        ++*number;
        if (eol == p || *p == '#')
            continue;
        /* Case folding and lookups assume valid UTF-8. */
        if (tma_utf8_valid_prefix(p, (size_t)(eol - p)) != (size_t)(eol - p))
            return line_error(err, file, *number, "the entry is not valid UTF-8");
        *line = (tma_data_line){p, eol, *number};
        return 1;
    }
    return 0;
}

int tma_table_load(tma_table *t, const tma_data_file *file, int fold, const char *const *kinds,
                   size_t nkinds, tma_error *err)
{
    tma_buf key = TMA_BUF_INIT;
    tma_data_line dl;
    size_t pos = 0;
    long number = 0;
    int rc;
    while ((rc = tma_data_next_line(file, &pos, &number, &dl, err)) > 0) {
        const char *p = dl.start, *eol = dl.end;
        const char *tab = memchr(p, '\t', (size_t)(eol - p));
        size_t key_len = (size_t)((tab ? tab : eol) - p);
        if (key_len == 0) {
            rc = line_error(err, file, dl.number, "the entry is empty");
        } else if ((kinds != NULL) != (tab != NULL)) {
            rc = line_error(err, file, dl.number,
                            kinds ? "the entry needs a TAB and a kind after it"
                                  : "the entry has a TAB, but this table takes one field");
        } else {
            int value = 0;
            if (kinds != NULL) {
                const char *kind = tab + 1;
                size_t kind_len = (size_t)(eol - kind);
                value = -1;
                for (size_t k = 0; k < nkinds; k++) {
                    if (strlen(kinds[k]) == kind_len && memcmp(kinds[k], kind, kind_len) == 0)
                        value = (int)k;
                }
                if (value < 0)
                    rc = line_error(err, file, dl.number, "the kind is not one this table knows");
            }
            key.len = 0;
            if (rc > 0 && (fold ? tma_fold_case(&key, p, key_len)
                                : tma_buf_append(&key, p, key_len)) < 0)
                rc = tma_error_nomem(err, "loading the data tables");
            if (rc > 0 && tma_table_put(t, key.data, key.len, value) < 0)
                rc = tma_error_nomem(err, "loading the data tables");
        }
        if (rc < 0)
            break;
    }
    tma_buf_free(&key);
    return rc < 0 ? rc : 0;
}
