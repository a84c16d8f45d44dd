/* A growable byte buffer. The owner frees it with tma_buf_free; DATA is not NUL-terminated unless
 * the caller appends one. */
#ifndef TMA_BUF_H
#define TMA_BUF_H

#include <stddef.h>
#include <stdint.h>

typedef struct tma_buf {
    char *data;
    size_t len; /* bytes in use */
    size_t cap; /* bytes allocated */
} tma_buf;

#define TMA_BUF_INIT {NULL, 0, 0}

/* Makes room for at least EXTRA more bytes. Returns 0, or -1 when out of memory (the buffer is
 * then unchanged). */
int tma_buf_reserve(tma_buf *b, size_t extra);

/* Appends LEN bytes. Returns 0, or -1 when out of memory. */
int tma_buf_append(tma_buf *b, const void *data, size_t len);

/* Appends one byte. Returns 0, or -1 when out of memory. */
int tma_buf_push(tma_buf *b, char c);

/* Gives the data to the caller (free it with free()) and leaves B empty. */
char *tma_buf_detach(tma_buf *b);

void tma_buf_free(tma_buf *b);

/* Makes room for at least NEED elements of SIZE bytes in ITEMS, an array of *CAP elements (NULL
 * when *CAP is 0): the capacity doubles from FIRST until it is enough. Returns the array, moved or
 * not, with *CAP updated; or NULL when out of memory or on overflow, and then ITEMS and *CAP are
 * unchanged and still the caller's. */
void *tma_grow(void *items, size_t *cap, size_t need, size_t size, size_t first);

/* COUNT zeroed elements of SIZE bytes (free them with free()), or NULL when out of memory or on
 * overflow. Unlike calloc, which leaves a fresh mapping untouched, it writes every page at once: a
 * table that is probed before it is filled would otherwise have each page read in as the shared
 * zero page and copied again at its first write, flushing the TLB of every thread. */
void *tma_zeroed(size_t count, size_t size);

/* A growable array of 32-bit numbers (word keys, offsets): V[0..len), owned. */
typedef struct tma_u32s {
    uint32_t *v;
    size_t len, cap;
} tma_u32s;

/* Appends X to A. Returns 0, or -1 when out of memory (A unchanged). */
int tma_u32s_push(tma_u32s *a, uint32_t x);

#endif
