#include "buf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int tma_buf_reserve(tma_buf *b, size_t extra)
{
    if (extra <= b->cap - b->len)
        return 0;
    if (extra > SIZE_MAX / 2 - b->len)
        return -1;
    size_t cap = b->cap ? b->cap : 64;
    while (cap - b->len < extra)
        cap *= 2;
    char *data = realloc(b->data, cap);
    if (data == NULL)
        return -1;
    b->data = data;
    b->cap = cap;
    return 0;
}

int tma_buf_append(tma_buf *b, const void *data, size_t len)
{
    if (len == 0)
        return 0;
    if (tma_buf_reserve(b, len) < 0)
        return -1;
    memcpy(b->data + b->len, data, len);
    b->len += len;
    return 0;
}

int tma_buf_push(tma_buf *b, char c)
{
    if (b->len == b->cap && tma_buf_reserve(b, 1) < 0)
        return -1;
    b->data[b->len++] = c;
    return 0;
}

char *tma_buf_detach(tma_buf *b)
{
    char *data = b->data;
    b->data = NULL;
    b->len = b->cap = 0;
    return data;
}

void tma_buf_free(tma_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void *tma_grow(void *items, size_t *cap, size_t need, size_t size, size_t first)
{
    if (need <= *cap)
        return items;
    size_t n = *cap ? *cap : first ? first : 1;
    while (n < need) {
        if (n > SIZE_MAX / 2)
            return NULL;
        n *= 2;
    }
    if (size != 0 && n > SIZE_MAX / size)
        return NULL;
    void *grown = realloc(items, n * size);
    if (grown == NULL)
        return NULL;
    *cap = n;
    return grown;
}

void *tma_zeroed(size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size)
        return NULL;
    size_t bytes = count * size;
    void *p = malloc(bytes > 0 ? bytes : 1);
    if (p != NULL)
        memset(p, 0, bytes);
    return p;
}

int tma_u32s_push(tma_u32s *a, uint32_t x)
{
    uint32_t *v = tma_grow(a->v, &a->cap, a->len + 1, sizeof *v, 256);
    if (v == NULL)
        return -1;
    a->v = v;
    a->v[a->len++] = x;
    return 0;
}
