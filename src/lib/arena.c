#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct tma_arena_block {
    tma_arena_block *next;
    size_t used; /* bytes of data[] handed out */
    size_t size; /* bytes of data[] */
    alignas(max_align_t) unsigned char data[];
};

/* Blocks start small, so that an arena of a few strings (a small table's keys) costs little, and
 * double up to ARENA_BLOCK_BYTES, large enough that a typical story needs a handful of them. */
#define ARENA_FIRST_BLOCK_BYTES (4 * 1024)
#define ARENA_BLOCK_BYTES (64 * 1024)

static tma_arena_block *block_new(size_t size)
{
    if (size > SIZE_MAX - sizeof(tma_arena_block))
        return NULL;
    tma_arena_block *b = malloc(sizeof(tma_arena_block) + size);
    if (b == NULL)
        return NULL;
    b->next = NULL;
    b->used = 0;
    b->size = size;
    return b;
}

/* SIZE bytes at a multiple of ALIGN (a power of two) in the current block, or in a new one. */
static void *take(tma_arena *a, size_t size, size_t align)
{
    if (size == 0)
        size = 1;
    if (size > SIZE_MAX - 2 * align)
        return NULL;
#ifdef TMA_SANITIZE
    tma_arena_block *b = block_new(size);
    if (b == NULL)
        return NULL;
    b->next = a->head;
    a->head = b;
#else
    tma_arena_block *b = a->head;
    size_t pad = b == NULL ? 0 : ((b->used + align - 1) & ~(align - 1)) - b->used;
    if (b == NULL || b->size - b->used < size + pad) {
        size_t next = b == NULL ? ARENA_FIRST_BLOCK_BYTES
                      : b->size < ARENA_BLOCK_BYTES ? b->size * 2 : ARENA_BLOCK_BYTES;
        size_t want = size > next / 4 ? size : next;
        tma_arena_block *nb = block_new(want);
        if (nb == NULL)
            return NULL;
        /* A big allocation gets its own block behind the current one, which stays in use. */
        if (b != NULL && want == size) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
        pad = 0;
    }
    b->used += pad;
#endif
    void *p = b->data + b->used;
    b->used += size;
    return p;
}

void *tma_arena_alloc(tma_arena *a, size_t size)
{
    void *p = take(a, size, alignof(max_align_t));
    if (p != NULL)
        memset(p, 0, size);
    return p;
}

void *tma_arena_array(tma_arena *a, size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size)
        return NULL;
    return tma_arena_alloc(a, count * size);
}

char *tma_arena_strndup(tma_arena *a, const char *s, size_t len)
{
    if (len == SIZE_MAX)
        return NULL;
    char *p = take(a, len + 1, 1);
    if (p == NULL)
        return NULL;
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

void tma_arena_free(tma_arena *a)
{
    tma_arena_block *b = a->head;
    while (b != NULL) {
        tma_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}
