/* Appending a decision to a review file: two browsers, or two processes, write to one file at
 * once, so every append happens under an exclusive flock, as one write() of one whole line,
 * synced before the lock goes (docs/review-schema.md). */
#define _GNU_SOURCE /* flock, pread, ftruncate, gmtime_r, O_CLOEXEC */
#include "review.h"

#include "error.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Writes LEN bytes at DATA with as few write() calls as the kernel allows (one, for a regular
 * file), retrying after a signal. */
static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t put = write(fd, data, len);
        if (put < 0 && errno == EINTR)
            continue;
        if (put <= 0)
            return -1;
        data += put;
        len -= (size_t)put;
    }
    return 0;
}

/* The review file's content as it is now (under the lock), in *data (free()) and *len. */
static int read_locked(char **data, size_t *len, int fd, const char *path, tma_error *err)
{
    struct stat st;
    *data = NULL;
    *len = 0;
    if (fstat(fd, &st) < 0)
        return tma_error_set(err, TMA_ERR_IO, path, 0, 0, "cannot read the review file: %s",
                             strerror(errno));
    if (st.st_size > TMA_REVIEW_MAX_FILE_BYTES)
        return tma_error_set(err, TMA_ERR_LIMIT, path, 0, 0,
                             "the review file is over 64 MB; a review that long is not a "
                             "reviewer's, check the file");
    char *buf = malloc((size_t)st.st_size + 1);
    if (buf == NULL)
        return tma_error_nomem(err, "reading a review file");
    size_t got = 0;
    while (got < (size_t)st.st_size) {
        ssize_t r = pread(fd, buf + got, (size_t)st.st_size - got, (off_t)got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            free(buf);
            return tma_error_set(err, TMA_ERR_IO, path, 0, 0, "cannot read the review file: %s",
                                 strerror(errno));
        }
        if (r == 0)
            break;
        got += (size_t)r;
    }
    buf[got] = '\0';
    *data = buf;
    *len = got;
    return 0;
}

/* Checks that the review file holding DATA (LEN bytes) is STORY's in LANGS, and that UNDOES (0:
 * none) names a decision in effect; stores its largest id in *last. */
static int check_file(long *last, const char *data, size_t len, const char *story,
                      const char *const *langs, size_t n, long undoes, const char *path,
                      tma_error *err)
{
    tma_review *review = NULL;
    int rc = tma_review_parse(&review, data, len, path, err);
    if (rc < 0)
        return rc;
    *last = tma_review_last_id(review);
    if (tma_review_lang_count(review) > 0) {
        int same =
            strcmp(tma_review_story(review), story) == 0 && tma_review_lang_count(review) == n;
        for (size_t k = 0; k < n && same; k++)
            same = strcmp(tma_review_lang(review, k), langs[k]) == 0;
        if (!same)
            rc = tma_error_set(err, TMA_ERR_INPUT, path, 1, 0,
                               "is the review of story \"%.60s\" in other languages; review the "
                               "story it belongs to, or move the file away",
                               tma_review_story(review));
    }
    if (rc == 0 && undoes > 0) {
        size_t count;
        const tma_review_unit *units = tma_review_units(review, &count);
        int found = 0;
        for (size_t u = 0; u < count && !found; u++)
            found = units[u].id == undoes;
        if (!found)
            rc = tma_error_set(err, TMA_ERR_INPUT, path, 0, 0,
                               "decision %ld is not in effect in the review file: nothing to "
                               "undo",
                               undoes);
    }
    tma_review_free(review);
    return rc;
}

/* The header line for STORY in LANGS, with its newline, in BUF (a new string, free()). */
static char *header_line(const char *story, const char *const *langs, size_t n)
{
    json_t *list = json_array(), *obj = NULL;
    for (size_t k = 0; list != NULL && k < n; k++)
        if (json_array_append_new(list, json_string(langs[k])) < 0)
            break;
    if (list != NULL)
        obj = json_pack("{s:s, s:s, s:o}", "schema", TMA_REVIEW_SCHEMA, "story", story, "langs",
                        list);
    char *text = obj != NULL ? json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(obj);
    return text;
}

/* The decision D (OBJ, checked) as a line of the file with ID and the time now: id and time
 * first, then what the page sent. */
static char *decision_line(json_t *obj, long id)
{
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    json_t *line = json_pack("{s:I, s:s}", "id", (json_int_t)id, "time", stamp);
    if (line == NULL || json_object_update(line, obj) < 0) {
        json_decref(line);
        return NULL;
    }
    char *text = json_dumps(line, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(line);
    return text;
}

/* Appends the checked decision OBJ under the lock held on FD. */
static int append_locked(int fd, json_t *obj, long undoes, const char *path, const char *story,
                         const char *const *langs, size_t n, long *id, tma_error *err)
{
    char *data = NULL, *header = NULL, *line = NULL;
    size_t len = 0;
    long last = 0;
    int rc = read_locked(&data, &len, fd, path, err);
    /* A line cut short by a crash is nobody's decision: it goes, so that this one starts a line. */
    size_t whole = len;
    while (rc == 0 && whole > 0 && data[whole - 1] != '\n')
        whole--;
    if (rc == 0 && whole < len && ftruncate(fd, (off_t)whole) < 0)
        rc = tma_error_set(err, TMA_ERR_IO, path, 0, 0, "cannot write the review file: %s",
                           strerror(errno));
    if (rc == 0)
        rc = check_file(&last, data, whole, story, langs, n, undoes, path, err);
    if (rc == 0 && whole == 0 && (header = header_line(story, langs, n)) == NULL)
        rc = tma_error_nomem(err, "writing a review file");
    if (rc == 0 && (line = decision_line(obj, last + 1)) == NULL)
        rc = tma_error_nomem(err, "writing a review file");
    if (rc == 0) {
        size_t hl = header != NULL ? strlen(header) : 0, ll = strlen(line);
        char *all = malloc(hl + ll + 3);
        if (all == NULL)
            rc = tma_error_nomem(err, "writing a review file");
        else {
            size_t at = 0;
            if (header != NULL) {
                memcpy(all, header, hl);
                all[hl] = '\n';
                at = hl + 1;
            }
            memcpy(all + at, line, ll);
            all[at + ll] = '\n';
            if (write_all(fd, all, at + ll + 1) < 0 || fsync(fd) < 0)
                rc = tma_error_set(err, TMA_ERR_IO, path, 0, 0, "cannot write the review file: %s",
                                   strerror(errno));
            free(all);
        }
    }
    if (rc == 0)
        *id = last + 1;
    free(data);
    free(header);
    free(line);
    return rc;
}

int tma_review_append(const char *path, const char *story, const char *const *langs, size_t n,
                      const char *decision_json, size_t len, long *id, tma_error *err)
{
    char why[200];
    *id = 0;
    if (len > TMA_REVIEW_MAX_DECISION_BYTES)
        return tma_error_set(err, TMA_ERR_LIMIT, path, 0, 0,
                             "a decision of %zu bytes is over the 64 KB a decision may have", len);
    if (n < 2 || n > TMA_MAX_LANGS)
        return tma_error_set(err, TMA_ERR_USAGE, path, 0, 0,
                             "a review is of 2 to %d languages, not %zu", TMA_MAX_LANGS, n);
    json_error_t jerr;
    json_t *obj = json_loadb(decision_json, len, JSON_REJECT_DUPLICATES, &jerr);
    if (obj == NULL)
        return tma_error_set(err, TMA_ERR_INPUT, path, 0, 0,
                             "the decision is not JSON (%s at byte %d)", jerr.text, jerr.position);
    tma_review_decision d;
    int rc = tma_review_check_decision(&d, obj, langs, n, 0, why, sizeof why);
    if (rc < 0) {
        json_decref(obj);
        return tma_error_set(err, rc, path, 0, 0, "%s", why);
    }
    int fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) {
        json_decref(obj);
        return tma_error_set(err, TMA_ERR_IO, path, 0, 0, "cannot open the review file: %s",
                             strerror(errno));
    }
    int locked;
    while ((locked = flock(fd, LOCK_EX)) < 0 && errno == EINTR)
        ;
    if (locked < 0)
        rc = tma_error_set(err, TMA_ERR_IO, path, 0, 0, "cannot lock the review file: %s",
                           strerror(errno));
    else
        rc = append_locked(fd, obj, d.is_undo ? d.undoes : 0, path, story, langs, n, id, err);
    /* Closing the file releases the lock, after the data is synced. */
    close(fd);
    json_decref(obj);
    return rc;
}
