#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <unicode/utf8.h>
#include <unicode/utypes.h>

static void copy_path(char *dst, size_t size, const char *path)
{
    if (path == NULL) {
        dst[0] = '\0';
        return;
    }
    size_t n = strlen(path);
    if (n >= size)
        n = size - 1;
    memcpy(dst, path, n);
    dst[n] = '\0';
}

/* Shows the control characters of MESSAGE (C0, DEL, C1) as escapes, "\\x1B" and "\\u0085", and
 * bytes that are not UTF-8 as U+FFFD, so that a message stays one line of text whatever a file
 * name or an input put into it. */
static void escape_controls(char *message, size_t size)
{
    char raw[sizeof((tma_error *)0)->message];
    snprintf(raw, sizeof raw, "%s", message);
    int32_t len = (int32_t)strlen(raw), i = 0;
    size_t used = 0;
    while (i < len) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT(raw, i, len, c);
        char piece[8];
        size_t n;
        if (c < 0)
            n = (size_t)snprintf(piece, sizeof piece, "\xEF\xBF\xBD");
        else if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
            n = (size_t)snprintf(piece, sizeof piece, c < 0x80 ? "\\x%02X" : "\\u%04X",
                                 (unsigned)c);
        else
            n = (size_t)snprintf(piece, sizeof piece, "%.*s", (int)(i - start), raw + start);
        if (used + n >= size)
            break;
        memcpy(message + used, piece, n);
        used += n;
    }
    message[used] = '\0';
}

int tma_error_set(tma_error *err, tma_status code, const char *path, long line, long column,
                  const char *fmt, ...)
{
    if (err == NULL)
        return code;
    err->code = code;
    copy_path(err->path, sizeof err->path, path);
    err->line = line;
    err->column = column;
    err->option[0] = '\0';
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    escape_controls(err->message, sizeof err->message);
    return code;
}

int tma_error_about(tma_error *err, const char *options, int rc)
{
    if (err != NULL)
        snprintf(err->option, sizeof err->option, "%s", options);
    return rc;
}

int tma_error_icu(tma_error *err, UErrorCode status, const char *what)
{
    return tma_error_set(err, TMA_ERR_INTERNAL, NULL, 0, 0,
                         "ICU failed %s (%s); check that the ICU data package is installed", what,
                         u_errorName(status));
}

int tma_error_nomem(tma_error *err, const char *what)
{
    return tma_error_set(err, TMA_ERR_NOMEM, NULL, 0, 0,
                         "out of memory while %s; free memory or split the input", what);
}

void tma_error_clear(tma_error *err)
{
    if (err == NULL)
        return;
    err->code = TMA_OK;
    err->path[0] = '\0';
    err->line = 0;
    err->column = 0;
    err->message[0] = '\0';
    err->option[0] = '\0';
}

const char *tma_status_name(tma_status code)
{
    switch (code) {
    case TMA_OK:
        return "ok";
    case TMA_ERR_USAGE:
        return "usage";
    case TMA_ERR_INPUT:
        return "input";
    case TMA_ERR_IO:
        return "io";
    case TMA_ERR_NOMEM:
        return "nomem";
    case TMA_ERR_LIMIT:
        return "limit";
    case TMA_ERR_INTERNAL:
        return "internal";
    case TMA_ERR_DATA:
        return "data";
    }
    return "unknown";
}
