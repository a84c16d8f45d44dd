#include "lattice.h"

#include <stdlib.h>

/* A form found in as many sentences on both sides, and in at most this many, pairs its
 * occurrences in order: a name a story repeats, or a document that repeats itself, still pins. */
#define MAX_OCCURRENCES 8

/* One form of an anchor (its key or its second form) in one sentence; COUNT is how many
 * sentences of its side hold the form. */
typedef struct form {
    uint64_t key;
    uint32_t sentence, count;
    uint8_t kind;
} form;

/* Orders forms by kind, then key: the same form of the two sides compares equal. */
static int cmp_kind_key(const form *a, const form *b)
{
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    return (a->key > b->key) - (a->key < b->key);
}

static int cmp_form(const void *x, const void *y)
{
    const form *a = x, *b = y;
    int c = cmp_kind_key(a, b);
    return c ? c : (a->sentence > b->sentence) - (a->sentence < b->sentence);
}

/* The forms of SIDE's anchors that occur in MAX_OCCURRENCES sentences or fewer, once per
 * sentence, sorted by kind, key and sentence, in a new array (*out, *count). Returns -1 when out
 * of memory. */
static int countable_forms(form **out, size_t *count, const tma_align_side *side)
{
    size_t total = 0;
    for (size_t i = 0; i < side->n; i++)
        total += side->anchor_count[i];
    form *forms = malloc((2 * total + 1) * sizeof *forms);
    if (forms == NULL)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < side->n; i++) {
        const tma_anchor *a = side->anchors + side->anchor_first[i];
        for (uint32_t k = 0; k < side->anchor_count[i]; k++) {
            /* A verbatim word is often a common one ("News", "The") and pins nothing. */
            if (a[k].kind == TMA_ANCHOR_VERBATIM)
                continue;
            forms[n++] = (form){a[k].key, (uint32_t)i, 0, a[k].kind};
            if (a[k].alt_key != a[k].key)
                forms[n++] = (form){a[k].alt_key, (uint32_t)i, 0, a[k].kind};
        }
    }
    qsort(forms, n, sizeof *forms, cmp_form);
    size_t kept = 0;
    for (size_t s = 0, e; s < n; s = e) {
        size_t first = kept;
        for (e = s; e < n && cmp_kind_key(&forms[e], &forms[s]) == 0; e++) {
            if (kept - first <= MAX_OCCURRENCES &&
                (kept == first || forms[kept - 1].sentence != forms[e].sentence))
                forms[kept++] = forms[e];
        }
        if (kept - first > MAX_OCCURRENCES)
            kept = first;
        for (size_t k = first; k < kept; k++)
            forms[k].count = (uint32_t)(kept - first);
    }
    *out = forms;
    *count = kept;
    return 0;
}

static int cmp_pin(const void *x, const void *y)
{
    const tma_pin *a = x, *b = y;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    return (a->b < b->b) - (a->b > b->b); /* B descending: one pin per sentence of A in a chain */
}

/* Keeps the longest chain of PINS[0..*count) (sorted by cmp_pin) that rises on both sides, in
 * place: patience sorting, O(k log k). Returns -1 when out of memory. */
static int longest_chain(tma_pin *pins, size_t *count)
{
    size_t k = *count;
    size_t *tail = malloc((k + 1) * sizeof *tail), *prev = malloc((k + 1) * sizeof *prev);
    if (tail == NULL || prev == NULL) {
        free(tail);
        free(prev);
        return -1;
    }
    size_t len = 0;
    for (size_t x = 0; x < k; x++) {
        size_t lo = 0, hi = len; /* the first chain end whose B is not below this pin's */
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (pins[tail[mid]].b < pins[x].b)
                lo = mid + 1;
            else
                hi = mid;
        }
        prev[x] = lo > 0 ? tail[lo - 1] : SIZE_MAX;
        tail[lo] = x;
        if (lo == len)
            len++;
    }
    size_t x = len > 0 ? tail[len - 1] : SIZE_MAX;
    for (size_t r = len; r-- > 0; x = prev[x])
        tail[r] = x;
    for (size_t r = 0; r < len; r++)
        pins[r] = pins[tail[r]];
    *count = len;
    free(tail);
    free(prev);
    return 0;
}

int tma_lattice_pins(tma_pin **out, size_t *count, const tma_align_side *a,
                     const tma_align_side *b)
{
    *out = NULL;
    *count = 0;
    if (a->anchors == NULL || b->anchors == NULL)
        return 0;
    form *fa = NULL, *fb = NULL;
    size_t na = 0, nb = 0;
    tma_pin *pins = NULL;
    int rc = -1;
    if (countable_forms(&fa, &na, a) < 0 || countable_forms(&fb, &nb, b) < 0)
        goto done;
    pins = malloc((na < nb ? na : nb) * sizeof *pins + 1);
    if (pins == NULL)
        goto done;
    size_t k = 0;
    for (size_t x = 0, y = 0; x < na && y < nb;) {
        int c = cmp_kind_key(&fa[x], &fb[y]);
        if (c < 0) {
            x += fa[x].count;
        } else if (c > 0) {
            y += fb[y].count;
        } else {
            for (size_t t = 0; fa[x].count == fb[y].count && t < fa[x].count; t++)
                pins[k++] = (tma_pin){fa[x + t].sentence, fb[y + t].sentence};
            x += fa[x].count;
            y += fb[y].count;
        }
    }
    qsort(pins, k, sizeof *pins, cmp_pin);
    size_t kept = 0; /* one pin for the two forms of one anchor */
    for (size_t x = 0; x < k; x++)
        if (kept == 0 || pins[kept - 1].a != pins[x].a || pins[kept - 1].b != pins[x].b)
            pins[kept++] = pins[x];
    if (longest_chain(pins, &kept) < 0)
        goto done;
    *out = pins;
    *count = kept;
    pins = NULL;
    rc = 0;
done:
    free(fa);
    free(fb);
    free(pins);
    return rc;
}
