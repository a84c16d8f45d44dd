#define _XOPEN_SOURCE 700
#include "align/lattice.h"

#include "error.h"
#include "pool.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* The bead kinds and their prior probabilities from Gale & Church (1993), Table 5, used per kind
 * as in the paper's own program (1-0 and 0-1 each .0099; 2-1 and 1-2 each .089). Two departures,
 * measured on the shared benchmark: 2-2 at .0001 instead of .011, because with tmalign's finer
 * sentences the paper's figure makes the aligner merge two good 1-1 beads whenever their summed
 * lengths fit better (strict F1 on clean FLORES en-ru 0.971 at .011, 0.985 at .001, 0.992 at
 * .0001; on hard-s1 and two variants made like it, bench/make-variant.py, .0001 is as good or
 * better for every pair but ru-hy on one variant); and 3-1 and 1-3, which the paper does not
 * have, at .0005. */
static const struct bead_kind {
    uint8_t da, db;
    double prior;
} BEAD_KINDS[] = {
    {1, 1, 0.89},  {1, 0, 0.0099}, {0, 1, 0.0099},   {2, 1, 0.089},
    {1, 2, 0.089}, {2, 2, 0.0001},  {3, 1, 0.0005}, {1, 3, 0.0005},
};
_Static_assert(sizeof BEAD_KINDS / sizeof BEAD_KINDS[0] == TMA_BEAD_KIND_COUNT,
               "lattice.h counts the bead kinds");
#define BEAD_KIND_COUNT TMA_BEAD_KIND_COUNT
#define NO_BEAD 0xFF

/* Gale & Church (1993): a translation's length is about c times the source's, with variance s2
 * per character. Refitted per document pair. */
#define GC_C_DEFAULT  1.0
#define GC_S2_DEFAULT 6.8

/* A paragraph break on one side only is about as unlikely as a 2-2 bead. */
#define PARAGRAPH_PENALTY_DEFAULT 3.0

/* Two documents whose lengths differ by more than this factor are not aligned with their total
 * lengths' ratio as c (tma_align_pair_fitted). */
#define MAX_TOTAL_RATIO 2.0

/* The band starts this many cells either side of the diagonal and doubles while the best path
 * touches its edge, up to CELLS_PER_SENTENCE cells per sentence of the two documents, so that time
 * and memory stay linear in their length even when they do not translate each other at all (at
 * least MIN_CELLS, so that short documents can get the whole matrix; at most MAX_CELLS). */
#define BAND_INITIAL  24
#define CELLS_PER_SENTENCE 256
#define MIN_CELLS     ((size_t)4 * 1024 * 1024)
/* A first pass over at most this many cells searches the whole matrix (tma_align_pair_fitted). */
#define FULL_SEARCH_CELLS ((size_t)250 * 1000)
/* A first pass along pins starts this many cells either side of their line: between two pins the
 * path strays from it only by the sentences one side lacks there (long/hard-s1: 12 holds the path
 * in one pass with half the cells of BAND_INITIAL, 8 needs a second, wider one). */
#define BAND_ALONG_PINS 12
/* The second pass looks this far either side of the first pass's path. */
#define BAND_AROUND_PATH 8
#define MAX_CELLS     ((size_t)48 * 1024 * 1024)

/* A pass's 1-1 beads count for s2 when at least this probable (the first pass, best path only,
 * gives every bead 1); the fitted s2 is shrunk toward the prior as if the prior had PRIOR_WEIGHT
 * beads behind it. */
#define FIT_MIN_POSTERIOR 0.9
#define FIT_PRIOR_WEIGHT  20.0
/* The bead kinds' priors are refitted from a first pass's beads as if Gale & Church's had this
 * many beads behind them: a literary text with many 2-1 beads gets them (Text+Berg development
 * document, strict F1 0.827 without, 0.847 at 50 and 200, 0.844 at 1000), a news story's few
 * beads hardly move the priors (hard-s1 FLORES and WMT22 en-ru unchanged, en-hy 0.962 -> 0.964). */
#define KIND_PRIOR_WEIGHT 100.0
/* The median of a chi-square variable with one degree of freedom. */
#define CHI2_1_MEDIAN 0.454936

/* A bead that puts a sentence where a third language's alignments do not, in nats at full
 * confidence. Chosen among 0.75-6 on hard-s1 and two variants made like it from bench/clean
 * (bench/make-variant.py, seeds 2 and 3): higher values let the two weaker pairs outvote the
 * third where both are wrong. */
#define HINT_PENALTY 0.75
/* A bead's score is its posterior times the probability that its sides translate each other
 * given their words, from a prior of LEXICAL_PRIOR_ODDS to 1 for a bead of the best path. At 20,
 * 5 and 2: swapped sentences (tests/accuracy/swapped.sh) caught in en-ru 88%, 93%, 96%; two-sided
 * hard-s1 en-ru units under 0.5: 13, 24 and 46 of 2040. */
#define LEXICAL_PRIOR_ODDS  5.0

tma_align_params tma_align_default_params(void)
{
    return (tma_align_params){GC_C_DEFAULT,
                              GC_S2_DEFAULT,
                              PARAGRAPH_PENALTY_DEFAULT,
                              BAND_INITIAL,
                              1.0,
                              LEXICAL_WEIGHT,
                              {{LEXICAL_P1, LEXICAL_Q}, {LEXICAL_P1, LEXICAL_Q}},
                              INFINITY,
                              {0}};
}

/* Variance measured on the shared benchmark's gold 1-1 beads (FLORES-200 and WMT22, clean). */
static const struct {
    const char *a, *b;
    double s2;
} PRIOR_S2[] = {
    {"en", "ru", 3.4},
    {"en", "hy", 3.0},
    {"ru", "hy", 3.2},
};

double tma_align_prior_s2(const char *la, const char *lb)
{
    for (size_t k = 0; k < sizeof PRIOR_S2 / sizeof PRIOR_S2[0]; k++) {
        if ((strncmp(la, PRIOR_S2[k].a, 2) == 0 && strncmp(lb, PRIOR_S2[k].b, 2) == 0) ||
            (strncmp(la, PRIOR_S2[k].b, 2) == 0 && strncmp(lb, PRIOR_S2[k].a, 2) == 0))
            return PRIOR_S2[k].s2;
    }
    return GC_S2_DEFAULT;
}

void tma_align_scratch_free(tma_align_scratch *s)
{
    free(s->cost);
    free(s->alpha);
    free(s->beta);
    free(s->back);
    free(s->bead);
    free(s->matches);
    free(s->guide_lo);
    free(s->guide_hi);
    free(s->row_lo);
    free(s->row_hi);
    free(s->row_off);
    *s = (tma_align_scratch)TMA_ALIGN_SCRATCH_INIT;
}

/* -ln(erfc(x)) and ln(1 + exp(-d)) are most of the aligner's arithmetic: they are read from
 * tables with linear interpolation, which is exact to about 1e-6, far below what moves a path. */
#define ERFC_TABLE_MAX   20.0
#define ERFC_TABLE_STEPS 256 /* per unit of x */
#define LOG1PEXP_MAX     40.0
#define LOG1PEXP_STEPS   64
#define ERFC_TABLE_SIZE  (20 * 256 + 2)
#define LOG1PEXP_SIZE    (40 * 64 + 2)
static double erfc_table[ERFC_TABLE_SIZE];
static double log1pexp_table[LOG1PEXP_SIZE];
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static void fill_tables(void)
{
    for (size_t k = 0; k < sizeof erfc_table / sizeof erfc_table[0]; k++)
        erfc_table[k] = -log(erfc((double)k / ERFC_TABLE_STEPS));
    for (size_t k = 0; k < sizeof log1pexp_table / sizeof log1pexp_table[0]; k++)
        log1pexp_table[k] = log1p(exp(-(double)k / LOG1PEXP_STEPS));
}

static double interpolate(const double *table, double pos)
{
    size_t k = (size_t)pos;
    double f = pos - (double)k;
    return table[k] + f * (table[k + 1] - table[k]);
}

/* -ln(erfc(x)) for x >= 0, without underflow far in the tail. */
static double neg_log_erfc(double x)
{
    if (x < ERFC_TABLE_MAX)
        return interpolate(erfc_table, x * ERFC_TABLE_STEPS);
    /* erfc(x) ~ exp(-x^2) / (x sqrt(pi)) * (1 - 1/(2x^2)) */
    return x * x + log(x * sqrt(M_PI)) - log1p(-0.5 / (x * x));
}

/* -ln P(LA, LB | bead): the two-tailed probability of a length difference at least this large. */
static double length_cost(const tma_lattice *L, double la, double lb)
{
    if (la == 0 && lb == 0)
        return 0;
    double c = L->p->c;
    double mean = (la + lb / c) / 2;
    double z = fabs(c * la - lb) / sqrt(L->p->s2 * mean);
    return neg_log_erfc(z / M_SQRT2);
}

/* Whether a sentence the hint links to [LO, HI) of the other side sits well in a bead whose other
 * side is [FIRST, FIRST + COUNT): a linked sentence needs a bead that overlaps its links, an
 * unlinked one a null bead. */
static int hint_agrees(uint32_t lo, uint32_t hi, size_t first, size_t count)
{
    if (lo == hi)
        return count == 0;
    return count > 0 && lo < first + count && hi > first;
}

/* The third languages' evidence against a bead of a[i..i+da) and b[j..j+db), in nats. */
static double hint_cost(const tma_lattice *L, size_t i, size_t da, size_t j, size_t db)
{
    double against = 0;
    for (size_t h = 0; h < L->hint_count; h++) {
        const tma_align_hints *t = &L->hints[h];
        for (size_t x = i; x < i + da; x++) {
            if (t->a_weight[x] > 0 && !hint_agrees(t->a_lo[x], t->a_hi[x], j, db))
                against += t->a_weight[x];
        }
        for (size_t y = j; y < j + db; y++) {
            if (t->b_weight[y] > 0 && !hint_agrees(t->b_lo[y], t->b_hi[y], i, da))
                against += t->b_weight[y];
        }
    }
    return against * HINT_PENALTY;
}

/* The cost of bead kind T covering a[i..i+da) and b[j..j+db). */
static double bead_cost(const tma_lattice *L, size_t t, size_t i, size_t j)
{
    const struct bead_kind *k = &BEAD_KINDS[t];
    double la = (double)(L->sum_a[i + k->da] - L->sum_a[i]);
    double lb = (double)(L->sum_b[j + k->db] - L->sum_b[j]);
    const tma_align_span *span = L->span;
    if (span != NULL && k->da > 0 && k->db > 0 &&
        (i < span->a_lo || i + k->da > span->a_hi || j < span->b_lo || j + k->db > span->b_hi))
        return INFINITY;
    double cost = L->neg_log_prior[t];
    /* A sentence left untranslated has no translation whose length could match its own: unlike
     * Gale & Church's program, which scores 1-0 and 0-1 against an empty side and so almost never
     * chooses them, a null bead costs its prior alone. */
    if (k->da > 0 && k->db > 0)
        cost += length_cost(L, la, lb);
    if (k->da > 0 && k->db > 0) {
        const uint8_t *pa = L->a->para_start, *pb = L->b->para_start;
        int breaks = (pa[i] != 0) != (pb[j] != 0);
        for (size_t x = 1; x < k->da; x++)
            breaks += pa[i + x] != 0;
        for (size_t x = 1; x < k->db; x++)
            breaks += pb[j + x] != 0;
        cost += breaks * L->p->paragraph_penalty;
        if (L->sig_a != NULL)
            cost += tma_lattice_anchor_cost(L, i, k->da, j, k->db);
        if (L->lexical && L->p->lexical_weight > 0)
            cost -= L->p->lexical_weight * tma_lattice_lexical_llr(L, i, k->da, j, k->db);
    }
    if (L->hint_count > 0)
        cost += hint_cost(L, i, k->da, j, k->db);
    return cost;
}

/* Makes room for CELLS cells: the best-path arrays always, with POSTERIORS the forward and
 * backward arrays, and with BEAD_COSTS the bead-cost array. Arrays only grow. */
static int reserve_cells(tma_align_scratch *s, size_t cells, int posteriors, int bead_costs)
{
    if (cells > SIZE_MAX / BEAD_KIND_COUNT / sizeof(double))
        return -1;
    if (cells > s->cap) {
        double *cost = realloc(s->cost, cells * sizeof *cost);
        if (cost == NULL)
            return -1;
        s->cost = cost;
        uint8_t *back = realloc(s->back, cells);
        if (back == NULL)
            return -1;
        s->back = back;
        s->cap = cells;
    }
    if (posteriors && cells > s->posterior_cap) {
        double *alpha = realloc(s->alpha, cells * sizeof *alpha);
        if (alpha == NULL)
            return -1;
        s->alpha = alpha;
        double *beta = realloc(s->beta, cells * sizeof *beta);
        if (beta == NULL)
            return -1;
        s->beta = beta;
        s->posterior_cap = cells;
    }
    if (bead_costs && cells > s->bead_cap) {
        float *bead = realloc(s->bead, cells * BEAD_KIND_COUNT * sizeof *bead);
        if (bead == NULL)
            return -1;
        s->bead = bead;
        s->bead_cap = cells;
    }
    return 0;
}

/* ln(exp(x) + exp(y)). */
static double log_add(double x, double y)
{
    if (x == -INFINITY)
        return y;
    if (y == -INFINITY)
        return x;
    double hi = x > y ? x : y, d = x > y ? x - y : y - x;
    return d >= LOG1PEXP_MAX ? hi : hi + interpolate(log1pexp_table, d * LOG1PEXP_STEPS);
}

/* The cost of every bead that ends in rows [FIRST_ROW, END_ROW) of the band, INFINITY for those
 * that start outside it, in S->bead. */
static void fill_bead_costs(const tma_lattice *L, size_t first_row, size_t end_row)
{
    tma_align_scratch *s = L->s;
    for (size_t i = first_row; i < end_row; i++) {
        for (size_t j = s->row_lo[i]; j <= s->row_hi[i]; j++) {
            float *bead = &s->bead[tma_lattice_cell(s, i, j) * BEAD_KIND_COUNT];
            for (size_t t = 0; t < BEAD_KIND_COUNT; t++) {
                size_t da = BEAD_KINDS[t].da, db = BEAD_KINDS[t].db;
                bead[t] = i < da || j < db || !tma_lattice_in_band(s, i - da, j - db)
                              ? INFINITY
                              : (float)bead_cost(L, t, i - da, j - db);
            }
        }
    }
}

/* A band of at least this many cells has its word matches and bead costs worked out on threads
 * of their own, a block of rows each, before the forward pass: below it, starting threads costs
 * more than it saves. */
#define PARALLEL_MIN_CELLS ((size_t)100 * 1000)
#define PARALLEL_MAX_BLOCKS 16

typedef struct row_blocks {
    const tma_lattice *L;
    size_t first_row[PARALLEL_MAX_BLOCKS + 1];
    void (*fill)(const tma_lattice *L, size_t first_row, size_t end_row);
} row_blocks;

static void fill_block(void *arg, size_t thread, size_t k)
{
    (void)thread;
    const row_blocks *rb = arg;
    rb->fill(rb->L, rb->first_row[k], rb->first_row[k + 1]);
}

/* Whether a pass over CELLS cells works every bead's cost out before its forward pass, on
 * threads (fill_costs): always with POSTERIORS, whose backward pass reads them again, and on a
 * band big enough to share out. A smaller best-path pass costs the beads from reachable cells
 * only, as it goes. */
static int costs_first(size_t cells, int posteriors)
{
    return posteriors || cells >= PARALLEL_MIN_CELLS;
}

/* Fills the word-match cache, then, where costs_first says so, every bead's cost: in blocks of
 * rows of about as many cells, one per processor. The results do not depend on the blocks. */
static void fill_costs(const tma_lattice *L, size_t cells, int posteriors)
{
    size_t blocks = cells < PARALLEL_MIN_CELLS ? 1 : tma_pool_cores();
    blocks = blocks > PARALLEL_MAX_BLOCKS ? PARALLEL_MAX_BLOCKS : blocks;
    row_blocks rb = {.L = L};
    rb.first_row[0] = 0;
    for (size_t k = 1, i = 0; k < blocks; k++) {
        while (i <= L->n && L->s->row_off[i] < cells * k / blocks)
            i++;
        rb.first_row[k] = i;
    }
    rb.first_row[blocks] = L->n + 1;
    rb.fill = tma_lattice_fill_matches;
    if (L->s->matches != NULL)
        tma_pool_run(blocks, blocks, fill_block, NULL, &rb);
    rb.fill = fill_bead_costs;
    if (costs_first(cells, posteriors))
        tma_pool_run(blocks, blocks, fill_block, NULL, &rb);
}

/* Viterbi and, with SUMS, forward passes together: cost[] is the best path's cost to each cell,
 * alpha[] the log of the summed probability of all paths to it. With COSTED the bead costs are
 * those that fill_costs left (INFINITY where none can end), else each is worked out here. */
static void forward(tma_lattice *L, int sums, int costed)
{
    tma_align_scratch *s = L->s;
    for (size_t i = 0; i <= L->n; i++) {
        for (size_t j = s->row_lo[i]; j <= s->row_hi[i]; j++) {
            size_t here = tma_lattice_cell(s, i, j);
            float *bead = costed ? &s->bead[here * BEAD_KIND_COUNT] : NULL;
            double best = INFINITY, sum = -INFINITY;
            uint8_t best_t = NO_BEAD;
            if (i == 0 && j == 0) {
                best = 0;
                sum = 0;
            }
            for (size_t t = 0; t < BEAD_KIND_COUNT; t++) {
                size_t da = BEAD_KINDS[t].da, db = BEAD_KINDS[t].db;
                if (i < da || j < db || !tma_lattice_in_band(s, i - da, j - db))
                    continue;
                size_t from = tma_lattice_cell(s, i - da, j - db);
                if (s->cost[from] == INFINITY)
                    continue;
                double c = costed ? bead[t] : bead_cost(L, t, i - da, j - db);
                if (s->cost[from] + c < best) {
                    best = s->cost[from] + c;
                    best_t = (uint8_t)t;
                }
                if (sums)
                    sum = log_add(sum, s->alpha[from] - c);
            }
            s->cost[here] = best;
            s->back[here] = best_t;
            if (sums)
                s->alpha[here] = sum;
        }
    }
}

/* The backward sums, from the bead costs alone: those of a cell that no path reaches are of no
 * bead's posterior, as its forward sum is 0. */
static void backward(tma_lattice *L)
{
    tma_align_scratch *s = L->s;
    for (size_t i = L->n + 1; i-- > 0;) {
        for (size_t j = s->row_hi[i] + 1; j-- > s->row_lo[i];) {
            double sum = i == L->n && j == L->m ? 0 : -INFINITY;
            for (size_t t = 0; t < BEAD_KIND_COUNT; t++) {
                size_t da = BEAD_KINDS[t].da, db = BEAD_KINDS[t].db;
                if (i + da > L->n || j + db > L->m || !tma_lattice_in_band(s, i + da, j + db))
                    continue;
                size_t next = tma_lattice_cell(s, i + da, j + db);
                float c = s->bead[next * BEAD_KIND_COUNT + t];
                if (s->beta[next] == -INFINITY || c == INFINITY)
                    continue;
                sum = log_add(sum, s->beta[next] - c);
            }
            s->beta[tma_lattice_cell(s, i, j)] = sum;
        }
    }
}

/* The forward pass (job 0) and the backward pass (job 1) of a pass with posteriors: neither reads
 * what the other writes, so a band big enough to share out has them on two threads. */
static void sweep(void *arg, size_t thread, size_t k)
{
    (void)thread;
    if (k == 0)
        forward(arg, 1, 1);
    else
        backward(arg);
}

/* Follows the back pointers from (n, m). Stores the beads in document order in *out, with their
 * posteriors when POSTERIORS (else 1). Sets *touches_edge when the path runs along an edge of the
 * band that is not the matrix's edge. */
static int trace_path(tma_bead **out, size_t *count, int *touches_edge, tma_lattice *L, int posteriors)
{
    tma_align_scratch *s = L->s;
    size_t cap = L->n + L->m + 1, k = cap;
    tma_bead *beads = malloc(cap * sizeof *beads);
    if (beads == NULL)
        return -1;
    double log_z = posteriors ? s->alpha[tma_lattice_cell(s, L->n, L->m)] : 0;
    size_t i = L->n, j = L->m;
    *touches_edge = 0;
    while (i > 0 || j > 0) {
        size_t here = tma_lattice_cell(s, i, j);
        uint8_t t = s->back[here];
        if (t == NO_BEAD)
            break;
        size_t da = BEAD_KINDS[t].da, db = BEAD_KINDS[t].db;
        size_t pi = i - da, pj = j - db;
        double post = posteriors ? exp(s->alpha[tma_lattice_cell(s, pi, pj)] -
                                       s->bead[here * BEAD_KIND_COUNT + t] + s->beta[here] - log_z)
                                 : 1.0;
        if (posteriors && L->lexical && da > 0 && db > 0) {
            double llr = tma_lattice_lexical_llr(L, pi, da, pj, db);
            post /= 1 + exp(-llr - log(LEXICAL_PRIOR_ODDS));
            post /= 1 + exp(-L->p->document_llr - log(DOCUMENT_PRIOR_ODDS));
        }
        beads[--k] = (tma_bead){(uint32_t)pi, (uint32_t)da, (uint32_t)pj, (uint32_t)db,
                                post > 1 ? 1 : post};
        if ((j - s->row_lo[i] < 2 && s->row_lo[i] > 0) || (s->row_hi[i] - j < 2 && s->row_hi[i] < L->m))
            *touches_edge = 1;
        i = pi;
        j = pj;
    }
    *count = cap - k;
    memmove(beads, beads + k, *count * sizeof *beads);
    *out = beads;
    return 0;
}

/* Sums the posterior of every 1-0 and 0-1 bead in the band into the sentence it leaves alone. */
static void null_posteriors(tma_align_nulls *nulls, const tma_lattice *L)
{
    const tma_align_scratch *s = L->s;
    double log_z = s->alpha[tma_lattice_cell(s, L->n, L->m)];
    memset(nulls->a, 0, L->n * sizeof *nulls->a);
    memset(nulls->b, 0, L->m * sizeof *nulls->b);
    for (size_t i = 0; i <= L->n; i++) {
        for (size_t j = s->row_lo[i]; j <= s->row_hi[i]; j++) {
            size_t here = tma_lattice_cell(s, i, j);
            for (size_t t = 0; t < BEAD_KIND_COUNT; t++) {
                size_t da = BEAD_KINDS[t].da, db = BEAD_KINDS[t].db;
                float c = s->bead[here * BEAD_KIND_COUNT + t];
                if (da + db != 1 || c == INFINITY)
                    continue;
                double p = exp(s->alpha[tma_lattice_cell(s, i - da, j - db)] - c + s->beta[here] - log_z);
                if (da)
                    nulls->a[i - 1] += p;
                else
                    nulls->b[j - 1] += p;
            }
        }
    }
    for (size_t i = 0; i < L->n; i++)
        nulls->a[i] = nulls->a[i] > 1 ? 1 : nulls->a[i];
    for (size_t j = 0; j < L->m; j++)
        nulls->b[j] = nulls->b[j] > 1 ? 1 : nulls->b[j];
}

/* One pass of the aligner: the band starts at half-width W around GUIDE (COUNT beads of an
 * earlier pass; NULL for the diagonal) and doubles while the best path touches its edge. With
 * POSTERIORS each bead gets its posterior probability, otherwise 1, and NULLS (unless NULL) the
 * sentences' null posteriors. */
static int align_pass(tma_bead **out, size_t *count, const tma_align_side *a,
                      const tma_align_side *b, const tma_align_params *params,
                      const tma_align_hints *hints, size_t hint_count,
                      tma_align_scratch *scratch, size_t w, const tma_bead *guide,
                      size_t guide_count, const tma_align_span *span, int posteriors,
                      tma_align_nulls *nulls, tma_error *err)
{
    *out = NULL;
    *count = 0;
    if (a->n > UINT32_MAX / 2 || b->n > UINT32_MAX / 2)
        return tma_error_set(err, TMA_ERR_LIMIT, NULL, 0, 0,
                             "a document has more than 2 billion sentences; split it");
    pthread_once(&tables_once, fill_tables);
    tma_lattice L = {.a = a, .b = b, .p = params, .n = a->n, .m = b->n, .s = scratch,
                 .hints = hints, .hint_count = hint_count, .span = span,
                 .lexical = a->words != NULL && b->words != NULL};
    int rc = 0;
    tma_pin *pins = NULL;
    L.sum_a = malloc((a->n + 1) * sizeof *L.sum_a);
    L.sum_b = malloc((b->n + 1) * sizeof *L.sum_b);
    if (guide == NULL && w < L.n + L.m && tma_lattice_pins(&pins, &L.pin_count, a, b) < 0) {
        rc = tma_error_nomem(err, "aligning");
        goto cleanup;
    }
    L.pins = pins;
    if (L.pin_count > 0 && w > BAND_ALONG_PINS)
        w = BAND_ALONG_PINS;
    if (L.sum_a == NULL || L.sum_b == NULL || tma_lattice_set_guide(&L, guide, guide_count) < 0) {
        rc = tma_error_nomem(err, "aligning");
        goto cleanup;
    }
    if (a->anchors != NULL && b->anchors != NULL && params->anchor_weight > 0 &&
        (tma_lattice_signatures(&L.sig_a, &L.ranked_a, a) < 0 ||
         tma_lattice_signatures(&L.sig_b, &L.ranked_b, b) < 0)) {
        rc = tma_error_nomem(err, "aligning");
        goto cleanup;
    }
    L.sum_a[0] = L.sum_b[0] = 0;
    for (size_t i = 0; i < a->n; i++)
        L.sum_a[i + 1] = L.sum_a[i] + a->chars[i];
    for (size_t j = 0; j < b->n; j++)
        L.sum_b[j + 1] = L.sum_b[j] + b->chars[j];
    for (size_t t = 0; t < BEAD_KIND_COUNT; t++)
        L.neg_log_prior[t] = -log(params->prior[t] > 0 ? params->prior[t] : BEAD_KINDS[t].prior);

    size_t cap = CELLS_PER_SENTENCE * (L.n + L.m + 1);
    cap = cap < MIN_CELLS ? MIN_CELLS : cap > MAX_CELLS ? MAX_CELLS : cap;
    for (;;) {
        size_t cells = tma_lattice_layout_band(&L, w);
        int costed = costs_first(cells, posteriors);
        if (reserve_cells(scratch, cells, posteriors, costed) < 0 ||
            tma_lattice_reserve_matches(scratch, L.lexical && params->lexical_weight > 0 ? cells : 0) < 0) {
            rc = tma_error_nomem(err, "aligning");
            goto cleanup;
        }
        fill_costs(&L, cells, posteriors);
        if (posteriors)
            tma_pool_run(cells < PARALLEL_MIN_CELLS ? 1 : 2, 2, sweep, NULL, &L);
        else
            forward(&L, 0, costed);
        int touches_edge;
        if (trace_path(out, count, &touches_edge, &L, posteriors) < 0) {
            rc = tma_error_nomem(err, "aligning");
            goto cleanup;
        }
        /* Before the band is laid out anew (by the test below) for a wider pass. */
        if (posteriors && nulls != NULL)
            null_posteriors(nulls, &L);
        int full = w >= L.n + L.m;
        if (!touches_edge || full || tma_lattice_layout_band(&L, w * 2) > cap)
            break;
        free(*out);
        *out = NULL;
        w *= 2;
    }
cleanup:
    free(pins);
    free(L.sum_a);
    free(L.sum_b);
    free(L.sig_a);
    free(L.sig_b);
    free(L.ranked_a);
    free(L.ranked_b);
    return rc;
}

int tma_align_pair(tma_bead **out, size_t *count, const tma_align_side *a, const tma_align_side *b,
                   const tma_align_params *params, tma_align_scratch *scratch, tma_error *err)
{
    size_t w = params->band ? params->band : BAND_INITIAL;
    return align_pass(out, count, a, b, params, NULL, 0, scratch, w, NULL, 0, NULL, 1, NULL, err);
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

static int is_fit_bead(const tma_bead *bd, const tma_align_side *a, const tma_align_side *b)
{
    return bd->a_count == 1 && bd->b_count == 1 && bd->score >= FIT_MIN_POSTERIOR &&
           a->chars[bd->a_first] > 0 && b->chars[bd->b_first] > 0;
}

/* Refits the bead kinds' priors from the kinds of a first pass's beads, shrunk toward Gale &
 * Church's as if these had KIND_PRIOR_WEIGHT beads behind them. */
static void refit_kinds(tma_align_params *p, const tma_bead *beads, size_t count)
{
    double seen[BEAD_KIND_COUNT] = {0};
    double total = 0;
    for (size_t k = 0; k < count; k++) {
        for (size_t t = 0; t < BEAD_KIND_COUNT; t++) {
            if (beads[k].a_count == BEAD_KINDS[t].da && beads[k].b_count == BEAD_KINDS[t].db) {
                seen[t]++;
                total++;
            }
        }
    }
    double norm = 0;
    for (size_t t = 0; t < BEAD_KIND_COUNT; t++) {
        p->prior[t] = (seen[t] + KIND_PRIOR_WEIGHT * BEAD_KINDS[t].prior) / (total + KIND_PRIOR_WEIGHT);
        norm += p->prior[t];
    }
    for (size_t t = 0; t < BEAD_KIND_COUNT; t++)
        p->prior[t] /= norm;
}

/* Refits c and s2 from the confident 1-1 beads of a first pass: c as their length ratio, s2 from
 * the median of their squared standardised differences, which one bad bead cannot move far; and,
 * where there are such beads, the word model from the beads with both sides. */
static int refit(tma_align_params *p, const tma_bead *beads, size_t count, const tma_align_side *a,
                 const tma_align_side *b, double prior_s2)
{
    double sum_a = 0, sum_b = 0;
    size_t n = 0;
    for (size_t k = 0; k < count; k++) {
        if (is_fit_bead(&beads[k], a, b)) {
            sum_a += a->chars[beads[k].a_first];
            sum_b += b->chars[beads[k].b_first];
            n++;
        }
    }
    if (n == 0)
        return 0;
    double *terms = malloc(n * sizeof *terms);
    if (terms == NULL)
        return -1;
    double c = sum_b / sum_a;
    size_t t = 0;
    for (size_t k = 0; k < count; k++) {
        if (is_fit_bead(&beads[k], a, b)) {
            double la = a->chars[beads[k].a_first], lb = b->chars[beads[k].b_first];
            double mean = (la + lb / c) / 2;
            terms[t++] = (c * la - lb) * (c * la - lb) / mean;
        }
    }
    qsort(terms, n, sizeof *terms, cmp_double);
    double median = n % 2 ? terms[n / 2] : (terms[n / 2 - 1] + terms[n / 2]) / 2;
    double fitted = median / CHI2_1_MEDIAN;
    p->c = c;
    double scaled_prior = prior_s2 * pow(c, 1.5); /* as in tma_align_pair_fitted */
    p->s2 = ((double)n * fitted + FIT_PRIOR_WEIGHT * scaled_prior) / ((double)n + FIT_PRIOR_WEIGHT);
    if (p->s2 < 0.5)
        p->s2 = 0.5;
    free(terms);
    if (a->words != NULL && b->words != NULL) {
        tma_lattice_refit_lexical(&p->lexical[0], beads, count, a, b, 0);
        tma_lattice_refit_lexical(&p->lexical[1], beads, count, a, b, 1);
    }
    return 0;
}

int tma_align_pair_fitted(tma_bead **out, size_t *count, tma_align_params *fitted,
                          const tma_align_side *a, const tma_align_side *b,
                          const tma_align_params *prior, tma_align_scratch *scratch,
                          tma_align_nulls *nulls, tma_error *err)
{
    tma_align_params p = *prior;
    uint64_t total_a = 0, total_b = 0;
    for (size_t i = 0; i < a->n; i++)
        total_a += a->chars[i];
    for (size_t j = 0; j < b->n; j++)
        total_b += b->chars[j];
    /* Translations' lengths differ by a few per cent in the languages measured (gold 1-1 beads of
     * bench/clean: ru/en 1.06, hy/en 1.11, hy/ru 1.02; Text+Berg fr/de 1.04): documents whose
     * totals differ by more than twice hold more than a translation, and their ratio would make
     * every true bead look wrong. The first pass then starts from 1 and the refit finds c. */
    if (total_a > 0 && total_b > 0) {
        double ratio = (double)total_b / (double)total_a;
        p.c = ratio >= 1 / MAX_TOTAL_RATIO && ratio <= MAX_TOTAL_RATIO ? ratio : 1.0;
    }
    /* The prior variance is per character of neither side: scaled so that aligning B with A
     * gives the same costs as A with B (c becomes 1/c and s2 becomes s2 / c^3). */
    p.s2 = prior->s2 * pow(p.c, 1.5);
    /* A first pass, best path only, for the parameters and for where the second pass looks. */
    tma_bead *first;
    size_t first_count;
    size_t w = p.band ? p.band : BAND_INITIAL;
    /* A small pair of documents is searched whole: the diagonal is a poor guess where one holds
     * more than the translation of the other (a story followed by others). */
    if (a->n * b->n <= FULL_SEARCH_CELLS)
        w = a->n + b->n;
    /* Words count in the first pass of a pair searched whole, with the prior model, where lengths
     * alone would follow the diagonal into text that translates nothing (a story followed by
     * others); in a longer one, from the second pass on, which looks near the first's path. */
    double lexical_weight = p.lexical_weight;
    if (w != a->n + b->n)
        p.lexical_weight = 0;
    int rc =
        align_pass(&first, &first_count, a, b, &p, NULL, 0, scratch, w, NULL, 0, NULL, 0, NULL, err);
    p.lexical_weight = lexical_weight;
    if (rc < 0)
        return rc;
    /* Text beyond the translation on one side (a story followed by others) neither moves the
     * bead kinds' priors nor joins a bead: the translation aligns as it would alone. */
    tma_align_span span;
    size_t span_first, span_end;
    int beyond =
        tma_lattice_translated_span(&span, &span_first, &span_end, first, first_count, a, b);
    refit_kinds(&p, first + span_first, span_end - span_first);
    if (refit(&p, first, first_count, a, b, prior->s2) < 0) {
        free(first);
        return tma_error_nomem(err, "fitting the length model");
    }
    rc = align_pass(out, count, a, b, &p, NULL, 0, scratch, BAND_AROUND_PATH, first, first_count,
                    beyond ? &span : NULL, 1, nulls, err);
    free(first);
    if (rc == 0 && a->words != NULL && b->words != NULL) {
        p.document_llr = tma_lattice_document_llr(a, b, &p, *out, *count);
        for (size_t k = 0; k < *count; k++) {
            if ((*out)[k].a_count > 0 && (*out)[k].b_count > 0)
                (*out)[k].score *= tma_align_translation_probability(&p);
        }
    }
    if (rc == 0 && fitted != NULL)
        *fitted = p;
    return rc;
}

int tma_align_pair_hinted(tma_bead **out, size_t *count, const tma_align_side *a,
                          const tma_align_side *b, const tma_align_params *params,
                          const tma_align_hints *hints, size_t hint_count, const tma_bead *guide,
                          size_t guide_count, tma_align_scratch *scratch, tma_error *err)
{
    return align_pass(out, count, a, b, params, hints, hint_count, scratch, BAND_AROUND_PATH,
                      guide, guide_count, NULL, 1, NULL, err);
}

double tma_align_translation_probability(const tma_align_params *p)
{
    return 1 / (1 + exp(-p->document_llr - log(DOCUMENT_PRIOR_ODDS)));
}

double tma_align_mean_score(const tma_bead *beads, size_t count)
{
    double sum = 0;
    for (size_t k = 0; k < count; k++)
        sum += beads[k].score;
    return count ? sum / (double)count : 1.0;
}
