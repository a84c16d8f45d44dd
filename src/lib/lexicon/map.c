/* The multimap and the string pool that the dictionaries, the glossaries and the cache share. */
#include "internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The slot of KEY: its own, or the empty one where it would go. */
static tma_lex_map_slot *find_slot(const tma_lex_map *m, uint32_t hash, const char *key, size_t len)
{
    size_t mask = m->slot_cap - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        tma_lex_map_slot *s = &m->slots[i];
        if (s->first < 0 || (s->hash == hash && memcmp(m->pool.data + s->key_at, key, len) == 0 &&
                             m->pool.data[s->key_at + len] == '\0'))
            return s;
    }
}

/* Rehashes into a table of CAP slots (a power of two, over twice the keys). */
static int resize_slots(tma_lex_map *m, size_t cap)
{
    tma_lex_map_slot *slots = malloc(cap * sizeof *slots);
    if (slots == NULL)
        return -1;
    for (size_t i = 0; i < cap; i++)
        slots[i].first = -1;
    tma_lex_map old = *m;
    m->slots = slots;
    m->slot_cap = cap;
    for (size_t i = 0; i < old.slot_cap; i++) {
        if (old.slots[i].first < 0)
            continue;
        size_t mask = cap - 1, k = old.slots[i].hash & mask;
        while (slots[k].first >= 0)
            k = (k + 1) & mask;
        slots[k] = old.slots[i];
    }
    free(old.slots);
    return 0;
}

int tma_lex_map_add(tma_lex_map *m, const char *key, size_t len, uint32_t value)
{
    if (m->link_count >= INT32_MAX || len > UINT32_MAX)
        return -1;
    if ((m->key_count + 1) * 2 > m->slot_cap &&
        resize_slots(m, m->slot_cap ? m->slot_cap * 2 : 1024) < 0)
        return -1;
    tma_lex_map_link *links =
        tma_grow(m->links, &m->link_cap, m->link_count + 1, sizeof *links, 64);
    if (links == NULL)
        return -1;
    m->links = links;
    int32_t link = (int32_t)m->link_count;
    uint32_t hash = (uint32_t)tma_hash_bytes(key, len);
    tma_lex_map_slot *s = find_slot(m, hash, key, len);
    if (s->first < 0) {
        uint32_t at;
        if (tma_lex_pool_add(&m->pool, key, len, &at) < 0)
            return -1;
        *s = (tma_lex_map_slot){hash, at, link, link};
        m->key_count++;
    } else {
        m->links[s->last].next = link;
        s->last = link;
    }
    m->links[m->link_count++] = (tma_lex_map_link){value, -1};
    return 0;
}

int32_t tma_lex_map_first(const tma_lex_map *m, const char *key, size_t len)
{
    if (m->slot_cap == 0)
        return -1;
    return find_slot(m, (uint32_t)tma_hash_bytes(key, len), key, len)->first;
}

int tma_lex_map_reserve(tma_lex_map *m, size_t keys, size_t links)
{
    size_t cap = m->slot_cap ? m->slot_cap : 1024;
    while (cap < keys * 2 + 2)
        cap *= 2;
    if (cap > m->slot_cap && resize_slots(m, cap) < 0)
        return -1;
    tma_lex_map_link *l = tma_grow(m->links, &m->link_cap, links, sizeof *l, 64);
    if (l == NULL)
        return -1;
    m->links = l;
    return 0;
}

void tma_lex_map_free(tma_lex_map *m)
{
    free(m->slots);
    tma_buf_free(&m->pool);
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
