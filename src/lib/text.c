#define _POSIX_C_SOURCE 200809L
#include "text.h"

#include "buf.h"
#include "error.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

uint32_t tma_utf8_next(const char *s, size_t len, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t p = *i;
    uint32_t c = u[p];
    if (c < 0x80) {
        *i = p + 1;
        return c;
    }
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
    c &= 0x3F >> extra;
    for (int k = 1; k <= extra && p + k < len; k++)
        c = (c << 6) | (u[p + k] & 0x3F);
    *i = p + 1 + extra <= len ? p + 1 + extra : len;
    return c;
}

uint32_t tma_utf8_prev(const char *s, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t p = *i - 1;
    while (p > 0 && (u[p] & 0xC0) == 0x80 && *i - p < 4)
        p--;
    size_t q = p;
    uint32_t c = tma_utf8_next(s, *i, &q);
    *i = p;
    return c;
}

size_t tma_utf8_valid_prefix(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        UChar32 c;
        if (len - i > INT32_MAX)
            return i; /* U8_NEXT counts in int32_t; no caller passes 2 GB */
        int32_t j = 0, n = (int32_t)(len - i < 4 ? len - i : 4);
        U8_NEXT(s + i, j, n, c);
        if (c < 0)
            return start;
        i += (size_t)j;
    }
    return len;
}

size_t tma_ascii_prefix(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && (unsigned char)s[i] < 0x80)
        i++;
    return i;
}

int tma_nfc_append(tma_buf *out, const char *s, size_t len)
{
    /* ASCII is NFC: most words never reach ICU. */
    if (tma_ascii_prefix(s, len) == len)
        return tma_buf_append(out, s, len);
    if (len > INT32_MAX / 4)
        return -1;
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
    if (U_FAILURE(st))
        return -1;
    /* UTF-16 needs at most one unit per UTF-8 byte, and NFC makes text at most three times as
     * long (Unicode's stated bound); each unit is at most 3 bytes of UTF-8 again. */
    int32_t n = (int32_t)len, n16 = 0, nn = 0, n8 = 0;
    UChar *u = malloc((size_t)n * 4 * sizeof *u);
    if (u == NULL)
        return -1;
    u_strFromUTF8(u, n, &n16, s, n, &st);
    if (!U_FAILURE(st) && unorm2_isNormalized(nfc, u, n16, &st) && !U_FAILURE(st)) {
        free(u);
        return tma_buf_append(out, s, len);
    }
    nn = unorm2_normalize(nfc, u, n16, u + n, 3 * n, &st);
    if (!U_FAILURE(st) && tma_buf_reserve(out, (size_t)nn * 3) == 0)
        u_strToUTF8(out->data + out->len, nn * 3, &n8, u + n, nn, &st);
    else if (!U_FAILURE(st))
        st = U_MEMORY_ALLOCATION_ERROR;
    free(u);
    if (U_FAILURE(st))
        return -1;
    out->len += (size_t)n8;
    return 0;
}

int tma_is_space(uint32_t c)
{
    if (c < 0x80)
        return c == ' ' || (c >= '\t' && c <= '\r');
    return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
           c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

int tma_utf8_step_space(const char *s, size_t len, size_t *i)
{
    unsigned char c = (unsigned char)s[*i];
    if (c < 0x80) {
        (*i)++;
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
    if (c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3) /* U+0085, U+00A0, U+1680, U+2000.. */
        return tma_is_space(tma_utf8_next(s, len, i));
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    *i = *i + n < len ? *i + n : len;
    return 0;
}

int tma_xml_allows(uint32_t c)
{
    if (c < 0x20)
        return c == '\t' || c == '\n';
    return !(c >= 0x7F && c <= 0x9F) && c != 0xFFFE && c != 0xFFFF;
}

static void put_bytes(char *dst, size_t size, size_t at, const char *src, size_t n)
{
    if (at < size) {
        size_t room = size - at;
        memcpy(dst + at, src, n < room ? n : room);
    }
}

size_t tma_text_collapse(char *dst, size_t size, const char *s, size_t len)
{
    size_t out = 0;
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        if (!tma_is_space(tma_utf8_next(s, len, &i))) {
            /* The whole run up to the next white space at once: one copy per word, not per
             * character (a long document's TMX copies every sentence this way). */
            for (size_t k = i; i < len && !tma_is_space(tma_utf8_next(s, len, &k)); k = i)
                i = k;
            put_bytes(dst, size, out, s + start, i - start);
            out += i - start;
            continue;
        }
        /* A run of white space: kept as it is unless it holds a line break. */
        int line_break = s[start] == '\n';
        size_t end = i;
        while (end < len) {
            size_t k = end;
            if (!tma_is_space(tma_utf8_next(s, len, &k)))
                break;
            line_break |= s[end] == '\n';
            end = k;
        }
        if (out > 0 && end < len) {
            size_t n = line_break ? 1 : end - start;
            put_bytes(dst, size, out, line_break ? " " : s + start, n);
            out += n;
        }
        i = end;
    }
    if (size > 0)
        dst[out < size ? out : size - 1] = '\0';
    return out;
}

/* Reads FD, open and blocking, to its end into OUT, and closes it. More than CAP bytes is refused
 * with the message TOO_BIG (a printf format taking CAP in MiB). */
static int read_fd(tma_buf *out, int fd, const char *path, size_t cap, const char *too_big,
                   tma_error *err)
{
    FILE *fp = fdopen(fd, "rb");
    if (fp == NULL) {
        int e = errno;
        close(fd);
        return tma_error_set(err, TMA_ERR_IO, path, 0, 0, "cannot read: %s", strerror(e));
    }
    int rc = 0;
    size_t n;
    size_t total = 0;
    /* Straight into OUT: into the room a regular file's size reserved (tma_text_read_fd), then
     * 64 KB more at a time. */
    do {
        if (out->cap - out->len == 0 && tma_buf_reserve(out, 64 * 1024) < 0) {
            rc = tma_error_nomem(err, "reading a file");
            goto cleanup;
        }
        n = fread(out->data + out->len, 1, out->cap - out->len, fp);
        total += n;
        if (total > cap) {
            rc = tma_error_set(err, TMA_ERR_LIMIT, path, 0, 0, too_big, cap >> 20);
            goto cleanup;
        }
        out->len += n;
    } while (n > 0);
    if (ferror(fp))
        rc = tma_error_set(err, TMA_ERR_IO, path, 0, 0, "cannot read: %s", strerror(errno));
cleanup:
    fclose(fp);
    return rc;
}

int tma_text_read_file(tma_buf *out, const char *path, tma_error *err)
{
    /* Non-blocking, so that a FIFO no process writes to does not hang the open. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        return tma_error_set(err, TMA_ERR_IO, path, 0, 0, "cannot open: %s; check the path",
                             strerror(e));
    }
    return tma_text_read_fd(out, fd, path, err);
}

int tma_text_read_fd(tma_buf *out, int fd, const char *path, tma_error *err)
{
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return tma_error_set(err, TMA_ERR_IO, path, 0, 0, "cannot read: %s", strerror(e));
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        return tma_error_set(err, TMA_ERR_IO, path, 0, 0,
                             "is a folder, not a file; give the path of a text file");
    }
    /* A pipe (`<(command)`) is read to its end; one with no writer ends at once, as empty. A
     * device or socket has no end of text to read. */
    if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode)) {
        close(fd);
        return tma_error_set(err, TMA_ERR_INPUT, path, 0, 0,
                             "is a device or socket, not a file; give the path of a text file");
    }
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0) {
        int e = errno;
        close(fd);
        return tma_error_set(err, TMA_ERR_IO, path, 0, 0, "cannot read: %s", strerror(e));
    }
    /* A file's bytes go into one allocation rather than being copied at every doubling. */
    if (S_ISREG(st.st_mode) && st.st_size > 0 && (uintmax_t)st.st_size <= TMA_MAX_INPUT_BYTES)
        (void)tma_buf_reserve(out, (size_t)st.st_size + 1);
    return read_fd(out, fd, path, TMA_MAX_INPUT_BYTES,
                   "is larger than %zu MiB, the most tmalign reads as one story; split it into "
                   "smaller files",
                   err);
}

int tma_text_open_written(const char *path, size_t cap, tma_error *err)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0 && errno == ELOOP)
        return tma_error_set(err, TMA_ERR_INPUT, path, 0, 0,
                             "is a symbolic link, not a file tmalign wrote; give the folder as "
                             "tmalign wrote it");
    if (fd < 0 && errno == ENOENT)
        return tma_error_set(err, TMA_ERR_INPUT, path, 0, 0,
                             "is missing; give the whole folder as tmalign wrote it");
    if (fd < 0)
        return tma_error_set(err, TMA_ERR_IO, path, 0, 0,
                             "cannot open: %s; give the folder as tmalign wrote it",
                             strerror(errno));
    struct stat st;
    int rc = 0;
    if (fstat(fd, &st) != 0)
        rc = tma_error_set(err, TMA_ERR_IO, path, 0, 0, "cannot read: %s", strerror(errno));
    else if (!S_ISREG(st.st_mode))
        rc = tma_error_set(err, TMA_ERR_INPUT, path, 0, 0,
                           "is not a regular file (a folder, FIFO, device or socket), not a file "
                           "tmalign wrote; give the folder as tmalign wrote it");
    else if ((unsigned long long)st.st_size > cap)
        rc = tma_error_set(err, TMA_ERR_LIMIT, path, 0, 0,
                           "is larger than %zu MiB, more than tmalign writes there", cap >> 20);
    else {
        int flags = fcntl(fd, F_GETFL);
        if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0)
            rc = tma_error_set(err, TMA_ERR_IO, path, 0, 0, "cannot read: %s", strerror(errno));
    }
    if (rc < 0) {
        close(fd);
        return rc;
    }
    return fd;
}

int tma_text_read_written(tma_buf *out, const char *path, size_t cap, tma_error *err)
{
    int fd = tma_text_open_written(path, cap, err);
    if (fd < 0)
        return fd;
    return read_fd(out, fd, path, cap, "is larger than %zu MiB, more than tmalign writes there",
                   err);
}

/* ---- Validation ---------------------------------------------------------------------------- */

static int refuse_at(tma_error *err, const char *name, const unsigned char *u, size_t pos,
                     const char *what)
{
    long line = 1;
    size_t line_start = 0;
    for (size_t k = 0; k < pos; k++) {
        if (u[k] == '\n') {
            line++;
            line_start = k + 1;
        }
    }
    return tma_error_set(err, TMA_ERR_INPUT, name, line, (long)(pos - line_start + 1), "%s", what);
}

/* Checks that DATA is UTF-8 without NUL bytes. On failure the message names the first bad byte. */
static int validate_utf8(const char *name, const char *data, size_t len, tma_error *err)
{
    const unsigned char *u = (const unsigned char *)data;
    char what[200];
    size_t i = 0;
    while (i < len) {
        unsigned c = u[i];
        if (c >= 0x01 && c < 0x80) {
            i++;
            continue;
        }
        if (c == 0)
            return refuse_at(err, name, u, i,
                             "contains a NUL byte, so it is not UTF-8 text (binary, or UTF-16 "
                             "without a byte order mark?); convert it to UTF-8 and run again");
        int extra;
        unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
        if (c >= 0xC2 && c <= 0xDF) {
            extra = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            extra = 2;
            if (c == 0xE0)
                lo = 0xA0;
            else if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            extra = 3;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;
        } else {
            snprintf(what, sizeof what,
                     "invalid UTF-8 (byte 0x%02X %s); save the file as UTF-8 and run again", c,
                     c < 0xC0 ? "is a continuation byte with no lead byte before it"
                              : "never occurs in UTF-8");
            return refuse_at(err, name, u, i, what);
        }
        for (int k = 1; k <= extra; k++) {
            if (i + k >= len) {
                snprintf(what, sizeof what,
                         "invalid UTF-8 (byte 0x%02X starts a character that the end of the file "
                         "cuts off); save the file as UTF-8 and run again",
                         c);
                return refuse_at(err, name, u, i, what);
            }
            unsigned b = u[i + k];
            unsigned min = k == 1 ? lo : 0x80, max = k == 1 ? hi : 0xBF;
            if (b < min || b > max) {
                if (b >= 0x80 && b <= 0xBF)
                    snprintf(what, sizeof what,
                             "invalid UTF-8 (bytes 0x%02X 0x%02X encode %s); save the file as "
                             "UTF-8 and run again",
                             c, b,
                             c == 0xED   ? "a UTF-16 surrogate"
                             : c == 0xF4 ? "a code point beyond U+10FFFF"
                                         : "a character in more bytes than it needs");
                else
                    snprintf(what, sizeof what,
                             "invalid UTF-8 (byte 0x%02X is not followed by a continuation "
                             "byte); save the file as UTF-8 and run again",
                             c);
                return refuse_at(err, name, u, i, what);
            }
        }
        i += (size_t)extra + 1;
    }
    return 0;
}

int tma_text_check_utf8(const char *name, const char *data, size_t len, tma_error *err)
{
    return validate_utf8(name, data, len, err);
}

/* Counts the characters of DATA[0..len) (valid UTF-8) that the TMX leaves out into T, with the
 * place of the first. Lines are counted as refuse_at counts them. */
static void count_forbidden(tma_text *t, const char *data, size_t len)
{
    const unsigned char *u = (const unsigned char *)data;
    long line = 1;
    size_t line_start = 0;
    size_t i = 0;
    while (i < len) {
        size_t at = i;
        if (u[i] >= 0x20 && u[i] < 0x7F) {
            i++;
            continue;
        }
        if (u[i] == '\n') {
            line++;
            line_start = ++i;
            continue;
        }
        uint32_t c = tma_utf8_next(data, len, &i);
        if (tma_xml_allows(c) || tma_is_space(c))
            continue;
        if (t->forbidden++ == 0) {
            t->forbidden_line = line;
            t->forbidden_column = (long)(at - line_start + 1);
        }
    }
}

/* ---- Normalisation ------------------------------------------------------------------------- */

typedef struct normaliser {
    const UNormalizer2 *nfc;
    tma_buf out;
    tma_offset_anchor *anchors;
    size_t anchor_count, anchor_cap;
    UChar *u16; /* scratch for one segment that needs normalising */
    size_t u16_cap;
} normaliser;

static int push_anchor(normaliser *nz, size_t nfc, size_t orig)
{
    tma_offset_anchor *a =
        tma_grow(nz->anchors, &nz->anchor_cap, nz->anchor_count + 1, sizeof *a, 16);
    if (a == NULL)
        return -1;
    nz->anchors = a;
    nz->anchors[nz->anchor_count++] = (tma_offset_anchor){nfc, orig};
    return 0;
}

static int grow_u16(normaliser *nz, size_t units)
{
    if (units <= nz->u16_cap)
        return 0;
    size_t cap = units < 256 ? 256 : units;
    UChar *p = realloc(nz->u16, cap * sizeof *p);
    if (p == NULL)
        return -1;
    nz->u16 = p;
    nz->u16_cap = cap;
    return 0;
}

/* Replaces the output bytes from OUT_START on (a copy of the LEN input bytes at SRC, one
 * normalisation segment) by their NFC form. */
static int normalise_segment(normaliser *nz, size_t out_start, const char *src, size_t len,
                             tma_error *err)
{
    UErrorCode st = U_ZERO_ERROR;
    int32_t n16 = 0;
    if (len > INT32_MAX / 2 || grow_u16(nz, len * 2 + 2) < 0)
        return tma_error_nomem(err, "normalising text");
    u_strFromUTF8(nz->u16, (int32_t)len, &n16, src, (int32_t)len, &st);
    if (U_FAILURE(st))
        return tma_error_icu(err, st, "converting text for normalisation");
    UChar *in = nz->u16;
    UChar *norm = nz->u16 + n16 + 1;
    int32_t room = (int32_t)(nz->u16_cap - (size_t)n16 - 1);
    int32_t nn = unorm2_normalize(nz->nfc, in, n16, norm, room, &st);
    if (st == U_BUFFER_OVERFLOW_ERROR) {
        /* NFC can be longer than its input (rare): normalise into a buffer of the right size. */
        st = U_ZERO_ERROR;
        if (grow_u16(nz, (size_t)n16 + 1 + (size_t)nn) < 0)
            return tma_error_nomem(err, "normalising text");
        in = nz->u16;
        norm = nz->u16 + n16 + 1;
        nn = unorm2_normalize(nz->nfc, in, n16, norm, nn, &st);
    }
    if (U_FAILURE(st))
        return tma_error_icu(err, st, "normalising text to NFC");
    int32_t n8 = 0;
    u_strToUTF8(NULL, 0, &n8, norm, nn, &st);
    if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
        return tma_error_icu(err, st, "converting normalised text");
    st = U_ZERO_ERROR;
    nz->out.len = out_start;
    if (tma_buf_reserve(&nz->out, (size_t)n8 + 1) < 0)
        return tma_error_nomem(err, "normalising text");
    u_strToUTF8(nz->out.data + out_start, n8 + 1, NULL, norm, nn, &st);
    if (U_FAILURE(st))
        return tma_error_icu(err, st, "converting normalised text");
    nz->out.len = out_start + (size_t)n8;
    return 0;
}

/* 1 if code point C may make the segment it is in differ from its NFC form. */
static int may_need_nfc(uint32_t c)
{
    return u_getCombiningClass((UChar32)c) != 0 ||
           u_getIntPropertyValue((UChar32)c, UCHAR_NFC_QUICK_CHECK) != UNORM_YES;
}

/* Copies DATA[start..len) to nz->out with "\r\n" and "\r" turned into "\n", in NFC. A
 * normalisation segment starts at each code point that has a boundary before it; a segment is
 * copied as it is unless one of its code points may need NFC, and then normalised as a whole. */
static int normalise(normaliser *nz, const char *data, size_t start, size_t len, tma_error *err)
{
    size_t seg_in = start, seg_out = 0;
    int seg_dirty = 0;
    /* A segment that needs NFC is normalised from the input, where a line end may still be
     * "\r": so a line end always ends its segment. Nothing composes with it, so NFC is the
     * same. */
    int after_line_end = 0;
    if (push_anchor(nz, 0, start) < 0)
        return tma_error_nomem(err, "normalising text");
    if (tma_buf_reserve(&nz->out, len - start + 1) < 0)
        return tma_error_nomem(err, "normalising text");
    size_t i = start;
    while (i <= len) {
        size_t cp_start = i;
        uint32_t c = 0;
        int boundary = 1;
        if (i < len) {
            c = tma_utf8_next(data, len, &i);
            boundary = c < 0x300 || after_line_end || unorm2_hasBoundaryBefore(nz->nfc, (UChar32)c);
            after_line_end = c == '\r' || c == '\n';
        }
        if (boundary && seg_dirty) {
            size_t before = nz->out.len;
            int rc = normalise_segment(nz, seg_out, data + seg_in, cp_start - seg_in, err);
            if (rc < 0)
                return rc;
            /* A segment that changed length: anchors at both its ends. */
            if (nz->out.len != before && (push_anchor(nz, seg_out, seg_in) < 0 ||
                                          push_anchor(nz, nz->out.len, cp_start) < 0))
                return tma_error_nomem(err, "normalising text");
        }
        if (cp_start == len)
            break;
        if (boundary) {
            seg_in = cp_start;
            seg_out = nz->out.len;
            seg_dirty = 0;
        }
        if (c == '\r') {
            if (i < len && data[i] == '\n') {
                /* "\r\n": drop the "\r"; file offsets run one ahead from here on. */
                if (push_anchor(nz, nz->out.len, cp_start) < 0 ||
                    push_anchor(nz, nz->out.len, i) < 0)
                    return tma_error_nomem(err, "normalising text");
                continue;
            }
            c = '\n';
        }
        if (c >= 0x300 && may_need_nfc(c))
            seg_dirty = 1;
        if (tma_buf_append(&nz->out, c == '\n' ? "\n" : data + cp_start,
                           c == '\n' ? 1 : i - cp_start) < 0)
            return tma_error_nomem(err, "normalising text");
    }
    return 0;
}

/* ---- Paragraphs ---------------------------------------------------------------------------- */

static int line_is_blank(const char *s, size_t start, size_t end)
{
    size_t i = start;
    while (i < end) {
        if (!tma_is_space(tma_utf8_next(s, end, &i)))
            return 0;
    }
    return 1;
}

/* Paragraphs are maximal runs of non-blank lines. */
static int find_paragraphs(tma_text *t, tma_error *err)
{
    size_t cap = 0;
    size_t pos = 0;
    size_t para_start = 0, para_end = 0;
    int in_para = 0;
    while (pos <= t->len) {
        const char *nl = pos < t->len ? memchr(t->data + pos, '\n', t->len - pos) : NULL;
        size_t end = nl ? (size_t)(nl - t->data) : t->len;
        int blank = line_is_blank(t->data, pos, end);
        if (!blank) {
            if (!in_para)
                para_start = pos;
            para_end = end;
            in_para = 1;
        }
        if ((blank || end == t->len) && in_para) {
            tma_span *p = tma_grow(t->paragraphs, &cap, t->paragraph_count + 1, sizeof *p, 16);
            if (p == NULL)
                return tma_error_nomem(err, "finding paragraphs");
            t->paragraphs = p;
            t->paragraphs[t->paragraph_count++] = (tma_span){para_start, para_end - para_start};
            in_para = 0;
        }
        if (nl == NULL)
            break;
        pos = end + 1;
    }
    return 0;
}

/* ---- Loading ------------------------------------------------------------------------------- */

static int refuse_wide_encoding(const char *name, const unsigned char *u, size_t len,
                                tma_error *err)
{
    const char *kind = NULL;
    if (len >= 4 && ((u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0) ||
                     (u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF)))
        kind = "UTF-32";
    else if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        kind = "UTF-16";
    if (kind == NULL)
        return 0;
    return tma_error_set(err, TMA_ERR_INPUT, name, 1, 1,
                         "is %s (it starts with a %s byte order mark), not UTF-8; convert it, "
                         "e.g. with iconv -f %s -t UTF-8, and run again",
                         kind, kind, kind);
}

int tma_text_load(tma_text *out, const char *name, const char *data, size_t len, tma_error *err)
{
    *out = (tma_text)TMA_TEXT_INIT;
    const unsigned char *u = (const unsigned char *)data;
    if (len > TMA_MAX_INPUT_BYTES)
        return tma_error_set(err, TMA_ERR_LIMIT, name, 0, 0,
                             "is larger than %zu MiB, the most tmalign reads as one story; split "
                             "it into smaller files",
                             TMA_MAX_INPUT_BYTES >> 20);
    int rc = refuse_wide_encoding(name, u, len, err);
    if (rc < 0)
        return rc;
    rc = validate_utf8(name, data, len, err);
    if (rc < 0)
        return rc;
    size_t start = len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF ? 3 : 0;

    UErrorCode st = U_ZERO_ERROR;
    normaliser nz = {0};
    nz.nfc = unorm2_getNFCInstance(&st);
    if (U_FAILURE(st))
        return tma_error_icu(err, st, "loading the NFC normaliser");
    rc = normalise(&nz, data, start, len, err);
    free(nz.u16);
    if (rc == 0 && tma_buf_push(&nz.out, '\0') < 0)
        rc = tma_error_nomem(err, "normalising text");
    if (rc < 0) {
        tma_buf_free(&nz.out);
        free(nz.anchors);
        return rc;
    }
    out->len = nz.out.len - 1;
    out->data = tma_buf_detach(&nz.out);
    count_forbidden(out, data, len);
    out->orig_len = len;
    out->anchors = nz.anchors;
    out->anchor_count = nz.anchor_count;
    rc = find_paragraphs(out, err);
    if (rc == 0 && out->paragraph_count == 0)
        rc = tma_error_set(err, TMA_ERR_INPUT, name, 0, 0,
                           len == 0 ? "is empty; give a file with text to align"
                                    : "holds only white space; give a file with text to align");
    if (rc < 0)
        tma_text_free(out);
    return rc;
}

size_t tma_text_orig_start(const tma_text *t, size_t nfc_off)
{
    /* The last anchor at or before NFC_OFF. */
    size_t lo = 0, hi = t->anchor_count;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->anchors[mid].nfc <= nfc_off)
            lo = mid;
        else
            hi = mid;
    }
    size_t orig = t->anchors[lo].orig + (nfc_off - t->anchors[lo].nfc);
    /* Inside a segment that normalisation made shorter, stay within it. */
    if (lo + 1 < t->anchor_count && orig > t->anchors[lo + 1].orig)
        orig = t->anchors[lo + 1].orig;
    return orig < t->orig_len ? orig : t->orig_len;
}

size_t tma_text_orig_end(const tma_text *t, size_t nfc_off)
{
    /* The first anchor at or after NFC_OFF: where a changed stretch of text begins, the file
     * offset before it ("One.\r\n" ends before the "\r"). */
    size_t lo = 0, hi = t->anchor_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->anchors[mid].nfc < nfc_off)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < t->anchor_count && t->anchors[lo].nfc == nfc_off)
        return t->anchors[lo].orig;
    return tma_text_orig_start(t, nfc_off);
}

void tma_text_free(tma_text *t)
{
    free(t->data);
    free(t->anchors);
    free(t->paragraphs);
    *t = (tma_text)TMA_TEXT_INIT;
}
