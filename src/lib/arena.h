/* A bump allocator: a document's sentences and strings live in its arena and are freed with it,
 * never one by one. In sanitizer builds (TMA_SANITIZE) every allocation is a separate malloc
 * block, so that overruns are caught. */
#ifndef TMA_ARENA_H
#define TMA_ARENA_H

#include <stddef.h>

typedef struct tma_arena_block tma_arena_block;

typedef struct tma_arena {
    tma_arena_block *head; /* most recent block first */
} tma_arena;

#define TMA_ARENA_INIT {NULL}

/* Returns SIZE bytes aligned for any type, zeroed, or NULL when out of memory. */
void *tma_arena_alloc(tma_arena *a, size_t size);

/* Allocates COUNT elements of SIZE bytes, checking the product for overflow. */
void *tma_arena_array(tma_arena *a, size_t count, size_t size);

/* Copies LEN bytes of S and a terminating NUL into the arena. */
char *tma_arena_strndup(tma_arena *a, const char *s, size_t len);

/* Frees every allocation at once. */
void tma_arena_free(tma_arena *a);

#endif
