/* Reading a review file and replaying it: undos remove the decisions they name, and the units of
 * the decisions left are listed in file order (docs/review-schema.md). */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "review.h"

#include "buf.h"
#include "error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tma_review {
    char *story;
    char *langs[TMA_MAX_LANGS];
    size_t lang_count;
    json_t *lines;          /* the decisions' objects, which the units' texts point into */
    tma_review_unit *units; /* owned; each unit's texts[] arrays are in texts */
    size_t unit_count;
    const char **texts; /* owned: every unit's text pointers, one array for all */
    size_t decision_count;
    long last_id;
};

void tma_review_free(tma_review *review)
{
    if (review == NULL)
        return;
    free(review->story);
    for (size_t k = 0; k < review->lang_count; k++)
        free(review->langs[k]);
    json_decref(review->lines);
    free(review->units);
    free(review->texts);
    free(review);
}

const char *tma_review_story(const tma_review *review)
{
    return review->story != NULL ? review->story : "";
}

size_t tma_review_lang_count(const tma_review *review)
{
    return review->lang_count;
}

const char *tma_review_lang(const tma_review *review, size_t k)
{
    return k < review->lang_count ? review->langs[k] : "";
}

size_t tma_review_decision_count(const tma_review *review)
{
    return review->decision_count;
}

long tma_review_last_id(const tma_review *review)
{
    return review->last_id;
}

const tma_review_unit *tma_review_units(const tma_review *review, size_t *count)
{
    *count = review->unit_count;
    return review->units;
}

/* One line of the file, as read: its object, and what it is. */
typedef struct line_entry {
    json_t *obj;
    long line;
    tma_review_decision d;
    int undone;
} line_entry;

static int status_of(const char *s)
{
    return strcmp(s, "approved") == 0   ? TMA_REVIEW_APPROVED
           : strcmp(s, "rejected") == 0 ? TMA_REVIEW_REJECTED
                                        : TMA_REVIEW_LINKED;
}

/* Lists the units of the decisions in ENTRIES[0..count) that are in effect. */
static int list_units(tma_review *review, const line_entry *entries, size_t count, tma_error *err)
{
    size_t units = 0, texts = 0;
    for (size_t e = 0; e < count; e++) {
        if (entries[e].d.is_undo || entries[e].undone)
            continue;
        review->decision_count++;
        for (size_t u = 0; u < json_array_size(entries[e].d.units); u++) {
            json_t *sides = json_object_get(json_array_get(entries[e].d.units, u), "sides");
            units++;
            for (size_t k = 0; k < entries[e].d.view_count; k++)
                texts +=
                    json_array_size(json_object_get(sides, review->langs[entries[e].d.view[k]]));
        }
    }
    review->units = calloc(units + 1, sizeof *review->units);
    review->texts = calloc(texts + 1, sizeof *review->texts);
    if (review->units == NULL || review->texts == NULL)
        return tma_error_nomem(err, "reading a review file");
    size_t t = 0;
    for (size_t e = 0; e < count; e++) {
        const line_entry *en = &entries[e];
        if (en->d.is_undo || en->undone)
            continue;
        for (size_t u = 0; u < json_array_size(en->d.units); u++) {
            json_t *unit = json_array_get(en->d.units, u);
            json_t *sides = json_object_get(unit, "sides"),
                   *before = json_object_get(unit, "before");
            tma_review_unit *ru = &review->units[review->unit_count++];
            ru->id = en->d.id;
            ru->line = en->line;
            ru->status = status_of(json_string_value(json_object_get(unit, "status")));
            ru->lang_count = en->d.view_count;
            for (size_t k = 0; k < en->d.view_count; k++) {
                const char *lang = review->langs[en->d.view[k]];
                json_t *side = json_object_get(sides, lang);
                ru->langs[k] = lang;
                ru->texts[k] = &review->texts[t];
                ru->counts[k] = json_array_size(side);
                for (size_t i = 0; i < ru->counts[k]; i++)
                    review->texts[t++] = json_string_value(json_array_get(side, i));
                json_t *b = before != NULL ? json_object_get(before, lang) : NULL;
                ru->before[k] = b != NULL ? json_string_value(b) : "";
            }
        }
    }
    return 0;
}

/* Replays the lines ENTRIES[0..count), checked one by one: undos find what they undo. */
static int replay(tma_review *review, line_entry *entries, size_t count, const char *path,
                  tma_error *err)
{
    for (size_t e = 0; e < count; e++) {
        line_entry *en = &entries[e];
        for (size_t p = 0; p < e; p++) {
            if (entries[p].d.id == en->d.id)
                return tma_error_set(
                    err, TMA_ERR_INPUT, path, en->line, 0,
                    "decision %ld has the id of line %ld; give each decision an id "
                    "of its own",
                    en->d.id, entries[p].line);
        }
        if (en->d.id > review->last_id)
            review->last_id = en->d.id;
        if (!en->d.is_undo)
            continue;
        line_entry *target = NULL;
        for (size_t p = 0; p < e && target == NULL; p++)
            if (entries[p].d.id == en->d.undoes)
                target = &entries[p];
        if (target == NULL || target->d.is_undo || target->undone)
            return tma_error_set(err, TMA_ERR_INPUT, path, en->line, 0,
                                 "undoes %ld, which is no earlier decision in effect; remove the "
                                 "line",
                                 en->d.undoes);
        target->undone = 1;
    }
    return list_units(review, entries, count, err);
}

/* Reads PATH whole into BUF; *missing is set when there is no such file. */
static int slurp(tma_buf *buf, int *missing, const char *path, tma_error *err)
{
    *missing = 0;
    FILE *fp = fopen(path, "rb");
    if (fp == NULL && (errno == ENOENT || errno == ENOTDIR)) {
        *missing = 1;
        return 0;
    }
    if (fp == NULL)
        return tma_error_set(err, TMA_ERR_IO, path, 0, 0,
                             "cannot open the review file: %s; check its permissions",
                             strerror(errno));
    int rc = 0;
    char chunk[65536];
    size_t got;
    while (rc == 0 && (got = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        if (buf->len + got > (size_t)TMA_REVIEW_MAX_FILE_BYTES)
            rc = tma_error_set(err, TMA_ERR_LIMIT, path, 0, 0,
                               "the review file is over 64 MB; a review that long is not a "
                               "reviewer's, check the file");
        else if (tma_buf_append(buf, chunk, got) < 0)
            rc = tma_error_nomem(err, "reading a review file");
    }
    if (rc == 0 && ferror(fp))
        rc = tma_error_set(err, TMA_ERR_IO, path, 0, 0, "cannot read the review file: %s",
                           strerror(errno));
    fclose(fp);
    return rc;
}

/* Parses the header (line 1) and the decisions of DATA (LEN bytes, whole lines only). */
static int parse_lines(tma_review *review, tma_buf *entries, const char *data, size_t len,
                       const char *path, tma_error *err)
{
    long line = 0;
    char why[200];
    for (size_t at = 0; at < len;) {
        const char *end = memchr(data + at, '\n', len - at);
        size_t line_len = (size_t)(end - (data + at));
        line++;
        const char *text = data + at;
        at += line_len + 1;
        if (line_len == 0 || (line_len == 1 && text[0] == '\r'))
            continue;
        json_error_t jerr;
        json_t *obj = json_loadb(text, line_len, JSON_REJECT_DUPLICATES, &jerr);
        if (obj == NULL)
            return tma_error_set(err, TMA_ERR_INPUT, path, line, jerr.column > 0 ? jerr.column : 0,
                                 "not a JSON object (%s); fix or remove the line", jerr.text);
        if (review->story == NULL) {
            const char *story, *langs[TMA_MAX_LANGS];
            size_t n;
            int rc = tma_review_check_header(&story, langs, &n, obj, why, sizeof why);
            if (rc == 0 && (review->story = strdup(story)) == NULL)
                rc = tma_error_nomem(err, "reading a review file");
            for (size_t k = 0; k < n && rc == 0; k++) {
                if ((review->langs[k] = strdup(langs[k])) == NULL)
                    rc = tma_error_nomem(err, "reading a review file");
                review->lang_count = k + 1;
            }
            json_decref(obj);
            if (rc == TMA_ERR_INPUT)
                return tma_error_set(err, rc, path, line, 0, "%s", why);
            if (rc < 0)
                return rc;
            continue;
        }
        line_entry en = {.obj = obj, .line = line};
        int rc = json_array_append_new(review->lines, obj) < 0
                     ? tma_error_nomem(err, "reading a review file")
                     : 0;
        if (rc == 0)
            rc = tma_review_check_decision(&en.d, obj, (const char *const *)review->langs,
                                           review->lang_count, 1, why, sizeof why);
        if (rc == TMA_ERR_INPUT || rc == TMA_ERR_LIMIT)
            return tma_error_set(err, rc, path, line, 0, "%s; fix or remove the line", why);
        if (rc == 0 && tma_buf_append(entries, &en, sizeof en) < 0)
            rc = tma_error_nomem(err, "reading a review file");
        if (rc < 0)
            return rc;
    }
    return 0;
}

int tma_review_parse(tma_review **out, const char *data, size_t len, const char *path,
                     tma_error *err)
{
    *out = NULL;
    if (len > (size_t)TMA_REVIEW_MAX_FILE_BYTES)
        return tma_error_set(err, TMA_ERR_LIMIT, path, 0, 0,
                             "the review file is over 64 MB; a review that long is not a "
                             "reviewer's, check the file");
    tma_review *review = calloc(1, sizeof *review);
    tma_buf entries = TMA_BUF_INIT;
    if (review == NULL || (review->lines = json_array()) == NULL) {
        free(review);
        return tma_error_nomem(err, "reading a review file");
    }
    /* A last line without its newline is a write cut short: not a decision yet. */
    size_t whole = len;
    while (whole > 0 && data[whole - 1] != '\n')
        whole--;
    int rc = parse_lines(review, &entries, data, whole, path, err);
    if (rc == 0 && review->story == NULL && whole > 0)
        rc = tma_error_set(err, TMA_ERR_INPUT, path, 1, 0,
                           "the review file has no header line; remove the file or fix it");
    if (rc == 0)
        rc =
            replay(review, (line_entry *)entries.data, entries.len / sizeof(line_entry), path, err);
    tma_buf_free(&entries);
    if (rc < 0) {
        tma_review_free(review);
        return rc;
    }
    *out = review;
    return 0;
}

int tma_review_read(tma_review **out, const char *path, tma_error *err)
{
    tma_buf buf = TMA_BUF_INIT;
    int missing = 0;
    *out = NULL;
    int rc = slurp(&buf, &missing, path, err);
    if (rc == 0)
        rc = tma_review_parse(out, buf.data != NULL ? buf.data : "", buf.len, path, err);
    tma_buf_free(&buf);
    return rc;
}

int tma_review_path(char *buf, size_t size, const char *tmx_path, tma_error *err)
{
    size_t len = strlen(tmx_path);
    if (len >= 4 && strcmp(tmx_path + len - 4, ".tmx") == 0)
        len -= 4;
    int n = snprintf(buf, size, "%.*s.review.jsonl", (int)len, tmx_path);
    if (n < 0 || (size_t)n >= size)
        return tma_error_set(err, TMA_ERR_USAGE, tmx_path, 0, 0,
                             "the path is too long for its review file's name; use a shorter one");
    return 0;
}
