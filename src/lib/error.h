/* Filling a tma_error. Never allocates, so that running out of memory can be reported too. */
#ifndef TMA_ERROR_H
#define TMA_ERROR_H

#include "tmalign.h"

#include <unicode/utypes.h>

#if defined(__GNUC__)
#define TMA_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define TMA_PRINTF(f, a)
#endif

/* Fills ERR (which may be NULL) with CODE, the place and the message, and returns CODE, so that
 * callers can write `return tma_error_set(...)`. PATH may be NULL. */
int tma_error_set(tma_error *err, tma_status code, const char *path, long line, long column,
                  const char *fmt, ...) TMA_PRINTF(6, 7);

/* Says that ERR is about OPTIONS (field names, as tma_error.option) and returns RC: for
 * `return tma_error_about(err, "langs", tma_error_set(...))`. */
int tma_error_about(tma_error *err, const char *options, int rc);

/* A failure of ICU's WHAT (e.g. "opening the sentence iterator") as TMA_ERR_INTERNAL. */
int tma_error_icu(tma_error *err, UErrorCode status, const char *what);

/* Out of memory while doing WHAT. */
int tma_error_nomem(tma_error *err, const char *what);

/* Resets ERR to "no error". */
void tma_error_clear(tma_error *err);

#endif
