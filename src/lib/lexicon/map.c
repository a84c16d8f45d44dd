/* The multimap and the string pool that the dictionaries, the glossaries and the cache share. */
#include "internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int tma_lex_map_add(tma_lex_map *m, const char *key, size_t len, uint32_t value)
{
    if (m->link_count >= INT32_MAX || m->end_count >= INT32_MAX)
        return -1;
    tma_lex_map_link *links =
        tma_grow(m->links, &m->link_cap, m->link_count + 1, sizeof *links, 64);
    if (links == NULL)
        return -1;
    m->links = links;
    int32_t link = (int32_t)m->link_count;
    int at = tma_table_get(&m->keys, key, len);
    if (at < 0) {
        tma_lex_map_ends *ends = tma_grow(m->ends, &m->end_cap, m->end_count + 1, sizeof *ends, 64);
        if (ends == NULL)
            return -1;
        m->ends = ends;
        if (tma_table_put(&m->keys, key, len, (int)m->end_count) < 0)
            return -1;
        m->ends[m->end_count++] = (tma_lex_map_ends){link, link};
    } else {
        m->links[m->ends[at].last].next = link;
        m->ends[at].last = link;
    }
    m->links[m->link_count++] = (tma_lex_map_link){value, -1};
    return 0;
}

int32_t tma_lex_map_first(const tma_lex_map *m, const char *key, size_t len)
{
    int at = tma_table_get(&m->keys, key, len);
    return at < 0 ? -1 : m->ends[at].first;
}

void tma_lex_map_free(tma_lex_map *m)
{
    tma_table_free(&m->keys);
    free(m->ends);
    free(m->links);
    *m = (tma_lex_map)TMA_LEX_MAP_INIT;
}

int tma_lex_pool_add(tma_buf *pool, const char *s, size_t len, uint32_t *at)
{
    if (pool->len + len + 1 > UINT32_MAX)
        return -1;
    *at = (uint32_t)pool->len;
    if (tma_buf_append(pool, s, len) < 0 || tma_buf_push(pool, '\0') < 0) {
        pool->len = *at;
        return -1;
    }
    return 0;
}
