#include "learn.h"

#include "bounds.h"
#include "buf.h"
#include "error.h"
#include "table.h"
#include "text.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* EM rounds: Model 1's likelihood has one maximum, and five rounds get near it (Brown et al.
 * 1993 ran five before Model 2). */
#define EM_ROUNDS 5
/* A key pair is kept when it was seen in at least MIN_SEEN sentence pairs and each direction
 * gives it at least MIN_PROBABILITY: a pair seen once, or likely one way only (a frequent word
 * of B beside a rare one of A), is as often chance as translation. */
#define MIN_SEEN        2
#define MIN_PROBABILITY 0.1
/* Most translations kept per key, as words.h keeps from a dictionary. */
#define MAX_PER_KEY 8
/* Keys of a sentence beyond this are not learned from: an overlong "sentence" is a list. */
#define MAX_SENTENCE_KEYS 64
/* The most bytes of a stem in the file. A stem is a word's first few code points (words.h); with
 * this bound every line that the parser takes is written back within MAX_LINE. */
#define MAX_STEM_BYTES 200
/* The empty word of Model 1, which generates the words that translate nothing. */
#define NULL_KEY 0

#define HEADER "# tmalign learned lexicon 1"

/* ---- Maps from keys to dense indices ------------------------------------------------------- */

/* Open addressing over 64-bit keys (never UINT64_MAX); values are indices. */
typedef struct index_map {
    uint64_t *key;
    uint32_t *value;
    size_t cap, len;
} index_map;

#define EMPTY UINT64_MAX

static size_t slot_of(const index_map *m, uint64_t key)
{
    size_t i = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 17) & (m->cap - 1);
    while (m->key[i] != EMPTY && m->key[i] != key)
        i = (i + 1) & (m->cap - 1);
    return i;
}

static int map_grow(index_map *m)
{
    index_map bigger = {NULL, NULL, m->cap ? m->cap * 2 : 1024, m->len};
    bigger.key = malloc(bigger.cap * sizeof *bigger.key);
    bigger.value = malloc(bigger.cap * sizeof *bigger.value);
    if (bigger.key == NULL || bigger.value == NULL) {
        free(bigger.key);
        free(bigger.value);
        return -1;
    }
    memset(bigger.key, 0xFF, bigger.cap * sizeof *bigger.key);
    for (size_t i = 0; i < m->cap; i++) {
        if (m->key[i] != EMPTY) {
            size_t s = slot_of(&bigger, m->key[i]);
            bigger.key[s] = m->key[i];
            bigger.value[s] = m->value[i];
        }
    }
    free(m->key);
    free(m->value);
    *m = bigger;
    return 0;
}

/* The index of KEY, added as NEXT when new (*added set). Returns -1 when out of memory. */
static int64_t map_index(index_map *m, uint64_t key, uint32_t next, int *added)
{
    if ((m->len + 1) * 2 > m->cap && map_grow(m) < 0)
        return -1;
    size_t s = slot_of(m, key);
    *added = m->key[s] == EMPTY;
    if (*added) {
        m->key[s] = key;
        m->value[s] = next;
        m->len++;
    }
    return m->value[s];
}

static void map_free(index_map *m)
{
    free(m->key);
    free(m->value);
    *m = (index_map){0};
}

/* ---- The learner --------------------------------------------------------------------------- */

/* One side's vocabulary: key -> dense id, and each id's key and stem (offset into STEMS). */
typedef struct vocab {
    index_map ids;
    tma_u32s keys, stem_at;
    tma_buf stems;
} vocab;

struct tma_learner {
    vocab side[2];
    /* Sentence pair s: A's ids words[first[s] .. first[s] + count_a[s]), then B's count_b[s]. */
    tma_u32s words, first, count_a, count_b;
};

int tma_learner_new(tma_learner **out, tma_error *err)
{
    *out = calloc(1, sizeof **out);
    return *out ? 0 : tma_error_nomem(err, "learning a lexicon");
}

void tma_learner_free(tma_learner *l)
{
    if (l == NULL)
        return;
    for (int s = 0; s < 2; s++) {
        map_free(&l->side[s].ids);
        free(l->side[s].keys.v);
        free(l->side[s].stem_at.v);
        tma_buf_free(&l->side[s].stems);
    }
    free(l->words.v);
    free(l->first.v);
    free(l->count_a.v);
    free(l->count_b.v);
    free(l);
}

size_t tma_learner_pairs(const tma_learner *l)
{
    return l->first.len;
}

/* The bytes of STEM that the file keeps: up to a TAB or line end, at most MAX_STEM_BYTES, and
 * only whole UTF-8 characters. */
static size_t stem_bytes(const char *stem)
{
    size_t n = strcspn(stem, "\t\n");
    return tma_utf8_valid_prefix(stem, n < MAX_STEM_BYTES ? n : MAX_STEM_BYTES);
}

/* Adds the keys of one side's sentence to L's words as ids. */
static int add_side(tma_learner *l, int side, const uint32_t *keys, const char *const *stems,
                    size_t n, uint32_t *added_count)
{
    vocab *v = &l->side[side];
    *added_count = 0;
    for (size_t k = 0; k < n && k < MAX_SENTENCE_KEYS; k++) {
        if (keys[k] == NULL_KEY)
            continue;
        int added;
        int64_t id = map_index(&v->ids, keys[k], (uint32_t)v->keys.len, &added);
        if (id < 0)
            return -1;
        if (added) {
            const char *stem = stems && stems[k] ? stems[k] : "";
            if (tma_u32s_push(&v->keys, keys[k]) < 0 || tma_u32s_push(&v->stem_at, (uint32_t)v->stems.len) < 0 ||
                tma_buf_append(&v->stems, stem, stem_bytes(stem)) < 0 ||
                tma_buf_push(&v->stems, '\0') < 0)
                return -1;
        }
        if (tma_u32s_push(&l->words, (uint32_t)id) < 0)
            return -1;
        ++*added_count;
    }
    return 0;
}

int tma_learner_add(tma_learner *l, const uint32_t *ka, const char *const *stems_a, size_t na,
                    const uint32_t *kb, const char *const *stems_b, size_t nb)
{
    if (l->first.len >= TMA_LEARN_MAX_PAIRS || na == 0 || nb == 0)
        return 0;
    size_t mark = l->words.len;
    uint32_t count_a, count_b;
    if (tma_u32s_push(&l->first, (uint32_t)mark) < 0)
        return -1;
    if (add_side(l, 0, ka, stems_a, na, &count_a) < 0 ||
        add_side(l, 1, kb, stems_b, nb, &count_b) < 0 || tma_u32s_push(&l->count_a, count_a) < 0 ||
        tma_u32s_push(&l->count_b, count_b) < 0) {
        l->words.len = mark;
        l->first.len = l->count_a.len = l->count_b.len = l->first.len - 1;
        return -1;
    }
    return 0;
}

/* ---- Model 1 ------------------------------------------------------------------------------- */

/* A learned key pair, or while learning a pair of ids (A's id + 1, B's id + 1; 0 for the empty
 * word) with its figures. */
typedef struct pair_entry {
    uint32_t a, b;
    double t_ab, t_ba; /* P(b | a), P(a | b) */
    uint32_t seen;
    uint32_t stem; /* learned: where its two stems are in the lexicon's STEMS */
} pair_entry;

struct tma_learned {
    char lang[2][TMA_LANG_BYTES];
    size_t sentence_pairs;
    pair_entry *pairs; /* by A's key, then P(b | a) falling */
    size_t count;
    /* by_b[k]: index into PAIRS, by B's key, then P(a | b) falling */
    uint32_t *by_b;
    /* Translations as flat key lists: A's key pairs[k].a -> to_b[k]; by_b order -> to_a. */
    uint32_t *to_b, *to_a;
    tma_buf stems; /* each pair's two stems, NUL-terminated, one after the other */
};

typedef struct model {
    pair_entry *e;
    size_t count, cap;
    index_map index; /* (a + 1) << 32 | (b + 1) -> entry */
    uint32_t *cells; /* per sentence pair, (na + 1) * (nb + 1) entries, A's empty word first */
    size_t cell_count;
    double *count_ab, *count_ba, *total_a, *total_b;
} model;

static int64_t entry_of(model *m, uint32_t a, uint32_t b)
{
    int added;
    int64_t k = map_index(&m->index, (uint64_t)a << 32 | b, (uint32_t)m->count, &added);
    if (k < 0 || !added)
        return k;
    pair_entry *e = tma_grow(m->e, &m->cap, m->count + 1, sizeof *e, 4096);
    if (e == NULL)
        return -1;
    m->e = e;
    m->e[m->count++] = (pair_entry){a, b, 1.0, 1.0, 0, 0};
    return k;
}

/* Lists each sentence pair's cells, ids shifted by one so that 0 is the empty word. */
static int build_cells(model *m, const tma_learner *l)
{
    size_t cells = 0;
    for (size_t s = 0; s < l->first.len; s++)
        cells += (size_t)(l->count_a.v[s] + 1) * (l->count_b.v[s] + 1);
    m->cells = malloc((cells + 1) * sizeof *m->cells);
    if (m->cells == NULL)
        return -1;
    for (size_t s = 0; s < l->first.len; s++) {
        const uint32_t *wa = l->words.v + l->first.v[s], *wb = wa + l->count_a.v[s];
        for (uint32_t x = 0; x <= l->count_a.v[s]; x++) {
            for (uint32_t y = 0; y <= l->count_b.v[s]; y++) {
                uint32_t a = x ? wa[x - 1] + 1 : 0, b = y ? wb[y - 1] + 1 : 0;
                int64_t k = entry_of(m, a, b);
                if (k < 0)
                    return -1;
                m->cells[m->cell_count++] = (uint32_t)k;
                m->e[k].seen += x > 0 && y > 0;
            }
        }
    }
    return 0;
}

/* One EM round in both directions. */
static void em_round(model *m, const tma_learner *l)
{
    memset(m->count_ab, 0, m->count * sizeof *m->count_ab);
    memset(m->count_ba, 0, m->count * sizeof *m->count_ba);
    const uint32_t *cell = m->cells;
    for (size_t s = 0; s < l->first.len; s++) {
        size_t na = l->count_a.v[s] + 1, nb = l->count_b.v[s] + 1;
        /* A generates B's words (B's empty word, column 0, takes no part) ... */
        for (size_t y = 1; y < nb; y++) {
            double sum = 0;
            for (size_t x = 0; x < na; x++)
                sum += m->e[cell[x * nb + y]].t_ab;
            for (size_t x = 0; x < na; x++)
                m->count_ab[cell[x * nb + y]] += m->e[cell[x * nb + y]].t_ab / sum;
        }
        /* ... and B generates A's. */
        for (size_t x = 1; x < na; x++) {
            double sum = 0;
            for (size_t y = 0; y < nb; y++)
                sum += m->e[cell[x * nb + y]].t_ba;
            for (size_t y = 0; y < nb; y++)
                m->count_ba[cell[x * nb + y]] += m->e[cell[x * nb + y]].t_ba / sum;
        }
        cell += na * nb;
    }
    size_t va = l->side[0].keys.len + 1, vb = l->side[1].keys.len + 1;
    memset(m->total_a, 0, va * sizeof *m->total_a);
    memset(m->total_b, 0, vb * sizeof *m->total_b);
    for (size_t k = 0; k < m->count; k++) {
        m->total_a[m->e[k].a] += m->count_ab[k];
        m->total_b[m->e[k].b] += m->count_ba[k];
    }
    for (size_t k = 0; k < m->count; k++) {
        pair_entry *e = &m->e[k];
        e->t_ab = m->total_a[e->a] > 0 ? m->count_ab[k] / m->total_a[e->a] : 0;
        e->t_ba = m->total_b[e->b] > 0 ? m->count_ba[k] / m->total_b[e->b] : 0;
    }
}

static void model_free(model *m)
{
    free(m->e);
    map_free(&m->index);
    free(m->cells);
    free(m->count_ab);
    free(m->count_ba);
    free(m->total_a);
    free(m->total_b);
}

static int cmp_by_a(const void *x, const void *y)
{
    const pair_entry *p = x, *q = y;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    if (p->t_ab != q->t_ab)
        return p->t_ab > q->t_ab ? -1 : 1;
    return (p->b > q->b) - (p->b < q->b);
}

/* A pair as the lookups from B's side order them. */
typedef struct b_order {
    uint32_t b, a, index;
    double t_ba;
} b_order;

static int cmp_by_b(const void *x, const void *y)
{
    const b_order *p = x, *q = y;
    if (p->b != q->b)
        return p->b < q->b ? -1 : 1;
    if (p->t_ba != q->t_ba)
        return p->t_ba > q->t_ba ? -1 : 1;
    return (p->a > q->a) - (p->a < q->a);
}

/* Sorts LEARNED's pairs (already holding keys) and makes its lookup lists. */
static int index_pairs(tma_learned *learned)
{
    /* A lexicon read from a file of no pairs has no PAIRS array, and qsort's base must not be
     * NULL even for no elements. */
    if (learned->count > 0)
        qsort(learned->pairs, learned->count, sizeof *learned->pairs, cmp_by_a);
    learned->by_b = malloc((learned->count + 1) * sizeof *learned->by_b);
    learned->to_b = malloc((learned->count + 1) * sizeof *learned->to_b);
    learned->to_a = malloc((learned->count + 1) * sizeof *learned->to_a);
    b_order *order = malloc((learned->count + 1) * sizeof *order);
    if (learned->by_b == NULL || learned->to_b == NULL || learned->to_a == NULL || order == NULL) {
        free(order);
        return -1;
    }
    for (size_t k = 0; k < learned->count; k++) {
        const pair_entry *e = &learned->pairs[k];
        learned->to_b[k] = e->b;
        order[k] = (b_order){e->b, e->a, (uint32_t)k, e->t_ba};
    }
    if (learned->count > 0)
        qsort(order, learned->count, sizeof *order, cmp_by_b);
    for (size_t k = 0; k < learned->count; k++) {
        learned->by_b[k] = order[k].index;
        learned->to_a[k] = order[k].a;
    }
    free(order);
    return 0;
}

/* Appends a pair's two stems to LEARNED's and stores where in *at. */
static int add_stems(tma_learned *learned, uint32_t *at, const char *stem_a, const char *stem_b)
{
    if (learned->stems.len > UINT32_MAX / 2)
        return -1;
    *at = (uint32_t)learned->stems.len;
    return tma_buf_append(&learned->stems, stem_a, strlen(stem_a) + 1) < 0 ||
                   tma_buf_append(&learned->stems, stem_b, strlen(stem_b) + 1) < 0
               ? -1
               : 0;
}

/* Keeps the pairs of M that pass (see MIN_SEEN), as keys. */
static int keep_pairs(tma_learned *learned, const model *m, const tma_learner *l)
{
    learned->pairs = malloc((m->count + 1) * sizeof *learned->pairs);
    if (learned->pairs == NULL)
        return -1;
    for (size_t k = 0; k < m->count; k++) {
        const pair_entry *e = &m->e[k];
        if (e->a == 0 || e->b == 0 || e->seen < MIN_SEEN || e->t_ab < MIN_PROBABILITY ||
            e->t_ba < MIN_PROBABILITY)
            continue;
        pair_entry kept = *e;
        const vocab *va = &l->side[0], *vb = &l->side[1];
        kept.a = va->keys.v[e->a - 1];
        kept.b = vb->keys.v[e->b - 1];
        if (add_stems(learned, &kept.stem, va->stems.data + va->stem_at.v[e->a - 1],
                      vb->stems.data + vb->stem_at.v[e->b - 1]) < 0)
            return -1;
        learned->pairs[learned->count++] = kept;
    }
    return index_pairs(learned);
}

int tma_learner_finish(tma_learned **out, tma_learner *l, const char *la, const char *lb,
                       tma_error *err)
{
    *out = NULL;
    tma_learned *learned = calloc(1, sizeof *learned);
    model m = {0};
    size_t va = l->side[0].keys.len + 1, vb = l->side[1].keys.len + 1;
    if (learned == NULL || build_cells(&m, l) < 0)
        goto nomem;
    m.count_ab = malloc((m.count + 1) * sizeof *m.count_ab);
    m.count_ba = malloc((m.count + 1) * sizeof *m.count_ba);
    m.total_a = malloc(va * sizeof *m.total_a);
    m.total_b = malloc(vb * sizeof *m.total_b);
    if (m.count_ab == NULL || m.count_ba == NULL || m.total_a == NULL || m.total_b == NULL)
        goto nomem;
    for (int round = 0; round < EM_ROUNDS; round++)
        em_round(&m, l);
    snprintf(learned->lang[0], sizeof learned->lang[0], "%s", la);
    snprintf(learned->lang[1], sizeof learned->lang[1], "%s", lb);
    learned->sentence_pairs = l->first.len;
    if (keep_pairs(learned, &m, l) < 0)
        goto nomem;
    model_free(&m);
    *out = learned;
    return 0;
nomem:
    model_free(&m);
    tma_learned_free(learned);
    return tma_error_nomem(err, "learning a lexicon");
}

void tma_learned_free(tma_learned *learned)
{
    if (learned == NULL)
        return;
    free(learned->pairs);
    free(learned->by_b);
    free(learned->to_b);
    free(learned->to_a);
    tma_buf_free(&learned->stems);
    free(learned);
}

const char *tma_learned_lang(const tma_learned *learned, int side)
{
    return learned->lang[side != 0];
}

size_t tma_learned_size(const tma_learned *learned)
{
    return learned->count;
}

/* The key of language A (FROM_B: B) of the pair at sorted position K. */
static uint32_t key_at(const tma_learned *learned, int from_b, size_t k)
{
    return from_b ? learned->pairs[learned->by_b[k]].b : learned->pairs[k].a;
}

const uint32_t *tma_learned_translations(const tma_learned *learned, int from_b, uint32_t key,
                                         size_t *count)
{
    size_t lo = 0, hi = learned->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (key_at(learned, from_b, mid) < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < learned->count && end - lo < MAX_PER_KEY && key_at(learned, from_b, end) == key)
        end++;
    *count = end - lo;
    return (from_b ? learned->to_a : learned->to_b) + lo;
}

int tma_learned_write(const tma_learned *learned, tma_buf *out)
{
    char line[256];
    snprintf(line, sizeof line, HEADER " %s %s %zu\n", learned->lang[0], learned->lang[1],
             learned->sentence_pairs);
    if (tma_buf_append(out, line, strlen(line)) < 0)
        return -1;
    for (size_t k = 0; k < learned->count; k++) {
        const pair_entry *e = &learned->pairs[k];
        const char *stem_a = learned->stems.data + e->stem;
        const char *stem_b = stem_a + strlen(stem_a) + 1;
        snprintf(line, sizeof line, "%08" PRIx32 "\t%08" PRIx32 "\t%.4f\t%.4f\t%" PRIu32 "\t",
                 e->a, e->b, e->t_ab, e->t_ba, e->seen);
        if (tma_buf_append(out, line, strlen(line)) < 0 ||
            tma_buf_append(out, stem_a, strlen(stem_a)) < 0 || tma_buf_append(out, "\t", 1) < 0 ||
            tma_buf_append(out, stem_b, strlen(stem_b)) < 0 || tma_buf_append(out, "\n", 1) < 0)
            return -1;
    }
    return 0;
}

/* The most bytes of one line of the file; a stem is at most a few code points. */
#define MAX_LINE 512
/* The largest file read: a lexicon learned from TMA_LEARN_MAX_PAIRS pairs is far smaller. */
#define MAX_FILE_BYTES ((size_t)256 * 1024 * 1024)

/* Parses line LINE (NUL-terminated, without its end) into E, its stems added to LEARNED. Returns
 * 0, or -1 with WHAT set to what is wrong. */
static int parse_pair(tma_learned *learned, pair_entry *e, char *line, const char **what)
{
    char *field[7];
    size_t n = 0;
    for (char *p = line; n < 7; n++) {
        field[n] = p;
        char *tab = strchr(p, '\t');
        if (tab == NULL) {
            n++;
            break;
        }
        *tab = '\0';
        p = tab + 1;
        if (n == 6) {
            *what = "more than 7 fields; a line is KEY_A, KEY_B, P(b|a), P(a|b), SEEN, STEM_A, STEM_B";
            return -1;
        }
    }
    if (n != 7) {
        *what = "fewer than 7 fields; a line is KEY_A, KEY_B, P(b|a), P(a|b), SEEN, STEM_A, STEM_B";
        return -1;
    }
    uint32_t key[2];
    for (int k = 0; k < 2; k++) {
        char *end;
        errno = 0;
        unsigned long v = strtoul(field[k], &end, 16);
        if (strlen(field[k]) != 8 || *end != '\0' || errno != 0 || v == 0 || field[k][0] == '-' ||
            field[k][0] == '+' || field[k][0] == ' ') {
            *what = "a key is not 8 hexadecimal digits (and not 0)";
            return -1;
        }
        key[k] = (uint32_t)v;
    }
    double t[2];
    for (int k = 0; k < 2; k++) {
        char *end;
        t[k] = strtod(field[2 + k], &end);
        if (end == field[2 + k] || *end != '\0' || !(t[k] >= 0 && t[k] <= 1)) {
            *what = "a probability is not a number from 0 to 1";
            return -1;
        }
    }
    char *end;
    errno = 0;
    unsigned long seen = strtoul(field[4], &end, 10);
    if (end == field[4] || *end != '\0' || errno != 0 || seen > UINT32_MAX || field[4][0] == '-') {
        *what = "the count is not a whole number";
        return -1;
    }
    size_t len_a = strlen(field[5]), len_b = strlen(field[6]);
    if (tma_utf8_valid_prefix(field[5], len_a) != len_a ||
        tma_utf8_valid_prefix(field[6], len_b) != len_b) {
        *what = "a stem is not valid UTF-8";
        return -1;
    }
    if (len_a > MAX_STEM_BYTES || len_b > MAX_STEM_BYTES) {
        *what = "a stem is longer than 200 bytes";
        return -1;
    }
    *e = (pair_entry){key[0], key[1], t[0], t[1], (uint32_t)seen, 0};
    if (add_stems(learned, &e->stem, field[5], field[6]) < 0) {
        *what = NULL;
        return -1;
    }
    return 0;
}

/* Reads the header line (NUL-terminated) into LEARNED. */
static int parse_header(tma_learned *learned, const char *line)
{
    size_t h = strlen(HEADER);
    if (strncmp(line, HEADER, h) != 0 || line[h] != ' ')
        return -1;
    char la[TMA_LANG_BYTES], lb[TMA_LANG_BYTES];
    size_t pairs;
    int used = 0;
    if (sscanf(line + h, " %15[a-zA-Z0-9-] %15[a-zA-Z0-9-] %zu%n", la, lb, &pairs, &used) != 3 ||
        line[h + (size_t)used] != '\0' || !tma_lang_is_valid(la) || !tma_lang_is_valid(lb))
        return -1;
    snprintf(learned->lang[0], sizeof learned->lang[0], "%s", la);
    snprintf(learned->lang[1], sizeof learned->lang[1], "%s", lb);
    learned->sentence_pairs = pairs;
    return 0;
}

int tma_learned_parse(tma_learned **out, const char *name, const char *data, size_t len,
                      tma_error *err)
{
    *out = NULL;
    if (len > MAX_FILE_BYTES)
        return tma_error_set(err, TMA_ERR_DATA, name, 0, 0,
                             "a learned lexicon over %zu MB is not one tmalign wrote; delete it "
                             "and run the batch again to learn it anew",
                             MAX_FILE_BYTES >> 20);
    tma_learned *learned = calloc(1, sizeof *learned);
    size_t cap = 0;
    if (learned == NULL)
        return tma_error_nomem(err, "reading a learned lexicon");
    char line[MAX_LINE];
    long number = 0;
    const char *what = NULL;
    int nomem = 0;
    for (size_t at = 0; at < len && what == NULL && !nomem;) {
        const char *nl = memchr(data + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - data) : len;
        number++;
        if (end - at >= MAX_LINE) {
            what = "the line is too long";
            break;
        }
        if (memchr(data + at, '\0', end - at) != NULL) {
            what = "a NUL byte";
            break;
        }
        memcpy(line, data + at, end - at);
        line[end - at] = '\0';
        at = end + 1;
        if (number == 1) {
            if (parse_header(learned, line) < 0)
                what = "not a learned lexicon of tmalign (its first line is \"" HEADER
                       " LANG LANG PAIRS\")";
            continue;
        }
        pair_entry *grown = tma_grow(learned->pairs, &cap, learned->count + 1,
                                     sizeof *learned->pairs, 1024);
        if (grown == NULL) {
            nomem = 1;
            break;
        }
        learned->pairs = grown;
        if (parse_pair(learned, &learned->pairs[learned->count], line, &what) < 0)
            nomem = what == NULL;
        else
            learned->count++;
    }
    int rc = 0;
    if (what != NULL)
        rc = tma_error_set(err, TMA_ERR_DATA, name, number, 0,
                           "%s; delete the file and run the batch again to learn the lexicon anew",
                           what);
    else if (number == 0)
        rc = tma_error_set(err, TMA_ERR_DATA, name, 0, 0, "the learned lexicon is empty; delete "
                           "it and run the batch again to learn it anew");
    else if (nomem || index_pairs(learned) < 0)
        rc = tma_error_nomem(err, "reading a learned lexicon");
    if (rc < 0) {
        tma_learned_free(learned);
        return rc;
    }
    *out = learned;
    return 0;
}
