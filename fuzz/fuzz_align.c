/* The aligner (tma_align_pair, tma_align_pair_fitted, tma_align_pair_hinted) and the join
 * (tma_join_units) on sentence lengths and paragraph starts decoded from the input.
 *
 * Byte 0 picks the parameters: bits 0-2 c, bits 3-4 s2, bits 5-6 the first band, bit 7 whether
 * c and s2 are fitted. Then two bytes per sentence, FLAGS and LENGTH: FLAGS bits 0-1 the language
 * (0 the source, 1 and 2 two translations; 3 the source too), bit 2 a paragraph starts, bit 3
 * LENGTH counts in 64s (a long sentence), bits 4-5 both set make it empty.
 *
 * With three languages, every pair is aligned and the first pair aligned again with hints that
 * send each sentence to the sentence of the same index on the other side (none past its end),
 * sure in proportion to its length's parity.
 *
 * Every sentence is in exactly one bead, in order, no bead is empty or larger than the model's
 * and its score is in [0, 1], as is every sentence's null posterior; the join's units cover every
 * language's sentences once, in order. */
#include "fuzz.h"
#include "align.h"
#include "join.h"

#include <math.h>

/* Per language. Random lengths widen the band to the whole matrix, and a full 1000 x 1000 matrix
 * took the instrumented target a second per input: more only slows the fuzzer down. */
#define MAX_SENTENCES 200

typedef struct side_data {
    uint32_t chars[MAX_SENTENCES];
    uint8_t para_start[MAX_SENTENCES];
    size_t n;
} side_data;

static void check_beads(const tma_bead *beads, size_t count, size_t n, size_t m)
{
    size_t i = 0, j = 0;
    for (size_t k = 0; k < count; k++) {
        const tma_bead *b = &beads[k];
        FUZZ_CHECK(b->a_first == i && b->b_first == j);
        /* The model's beads are small (1-0 to 2-2, 3-1 and 1-3): none is empty or larger. */
        FUZZ_CHECK(b->a_count + b->b_count > 0 && b->a_count + b->b_count <= 4);
        FUZZ_CHECK(isfinite(b->score) && b->score >= 0 && b->score <= 1);
        i += b->a_count;
        j += b->b_count;
    }
    FUZZ_CHECK(i == n && j == m);
}

static void check_units(const tma_unit *units, size_t count, size_t nlangs, const side_data *sides)
{
    size_t next[3] = {0};
    for (size_t u = 0; u < count; u++) {
        size_t used = 0;
        FUZZ_CHECK(isfinite(units[u].score) && units[u].score >= 0 && units[u].score <= 1);
        for (size_t k = 0; k < nlangs; k++) {
            if (units[u].count[k] == 0)
                continue;
            FUZZ_CHECK(units[u].first[k] == next[k]);
            next[k] += units[u].count[k];
            used++;
        }
        FUZZ_CHECK(used > 0);
        for (size_t k = nlangs; k < TMA_MAX_LANGS; k++)
            FUZZ_CHECK(units[u].count[k] == 0);
    }
    for (size_t k = 0; k < nlangs; k++)
        FUZZ_CHECK(next[k] == sides[k].n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static tma_align_scratch scratch = TMA_ALIGN_SCRATCH_INIT; /* reused, as a worker does */
    static side_data sides[3];
    static const double C[] = {0.25, 0.5, 0.8, 1.0, 1.1, 1.5, 2.0, 4.0};
    static const double S2[] = {0.5, 3.4, 6.8, 40.0};
    static const size_t BAND[] = {0, 1, 3, 24};
    if (size == 0)
        return 0;
    tma_align_params p = tma_align_default_params();
    p.c = C[data[0] & 7];
    p.s2 = S2[(data[0] >> 3) & 3];
    p.band = BAND[(data[0] >> 5) & 3];
    int fitted = data[0] >> 7;

    for (size_t k = 0; k < 3; k++)
        sides[k].n = 0;
    for (size_t i = 1; i + 1 < size; i += 2) {
        uint8_t flags = data[i], length = data[i + 1];
        side_data *s = &sides[(flags & 3) % 3];
        if (s->n == MAX_SENTENCES)
            continue;
        uint32_t chars = (flags & 8) ? (uint32_t)length * 64 : length;
        if ((flags & 0x30) == 0x30)
            chars = 0;
        s->chars[s->n] = chars;
        s->para_start[s->n] = s->n == 0 || (flags & 4) != 0;
        s->n++;
    }
    size_t nlangs = sides[2].n > 0 ? 3 : 2;

    tma_bead *pairs[TMA_MAX_LANGS][TMA_MAX_LANGS] = {{0}};
    size_t pair_counts[TMA_MAX_LANGS][TMA_MAX_LANGS] = {{0}};
    tma_align_side in[3];
    for (size_t k = 0; k < nlangs; k++)
        in[k] = (tma_align_side){.chars = sides[k].chars, .para_start = sides[k].para_start,
                                 .n = sides[k].n};
    tma_error err = {0};
    for (size_t a = 0; a < nlangs; a++) {
        for (size_t b = a + 1; b < nlangs; b++) {
            tma_align_params out_params;
            static double null_a[MAX_SENTENCES], null_b[MAX_SENTENCES];
            tma_align_nulls nulls = {null_a, null_b};
            int rc = fitted ? tma_align_pair_fitted(&pairs[a][b], &pair_counts[a][b], &out_params,
                                                    &in[a], &in[b], &p, &scratch, &nulls, &err)
                            : tma_align_pair(&pairs[a][b], &pair_counts[a][b], &in[a], &in[b], &p,
                                             &scratch, &err);
            if (rc < 0) {
                /* Only running out of memory may stop an alignment of a few thousand sentences. */
                fuzz_check_error(rc, &err);
                FUZZ_CHECK(rc == TMA_ERR_NOMEM);
                goto cleanup;
            }
            check_beads(pairs[a][b], pair_counts[a][b], in[a].n, in[b].n);
            if (fitted) {
                FUZZ_CHECK(isfinite(out_params.c) && out_params.c > 0 &&
                           isfinite(out_params.s2) && out_params.s2 > 0);
                for (size_t i = 0; i < in[a].n; i++)
                    FUZZ_CHECK(null_a[i] >= 0 && null_a[i] <= 1);
                for (size_t j = 0; j < in[b].n; j++)
                    FUZZ_CHECK(null_b[j] >= 0 && null_b[j] <= 1);
            }
        }
    }
    if (nlangs == 3) {
        static uint32_t lo[2][MAX_SENTENCES], hi[2][MAX_SENTENCES];
        static float weight[2][MAX_SENTENCES];
        for (size_t k = 0; k < 2; k++) {
            size_t other = in[1 - k].n;
            for (size_t x = 0; x < in[k].n; x++) {
                lo[k][x] = (uint32_t)(x < other ? x : other);
                hi[k][x] = (uint32_t)(x < other ? x + 1 : other);
                weight[k][x] = (float)(sides[k].chars[x] % 2) * 0.5f;
            }
        }
        tma_align_hints hints = {lo[0], hi[0], lo[1], hi[1], weight[0], weight[1]};
        tma_bead *again;
        size_t again_count;
        int rc = tma_align_pair_hinted(&again, &again_count, &in[0], &in[1], &p, &hints, 1,
                                       pairs[0][1], pair_counts[0][1], &scratch, &err);
        if (rc < 0) {
            fuzz_check_error(rc, &err);
            FUZZ_CHECK(rc == TMA_ERR_NOMEM);
            goto cleanup;
        }
        check_beads(again, again_count, in[0].n, in[1].n);
        free(pairs[0][1]);
        pairs[0][1] = again;
        pair_counts[0][1] = again_count;
    }
    size_t sentences[3] = {sides[0].n, sides[1].n, sides[2].n};
    tma_unit *units = NULL;
    size_t unit_count = 0;
    if (tma_join_units(&units, &unit_count, nlangs, sentences,
                       (const tma_bead *const(*)[TMA_MAX_LANGS])pairs,
                       (const size_t(*)[TMA_MAX_LANGS])pair_counts, &err) == 0)
        check_units(units, unit_count, nlangs, sides);
    free(units);
cleanup:
    for (size_t a = 0; a < TMA_MAX_LANGS; a++)
        for (size_t b = 0; b < TMA_MAX_LANGS; b++)
            free(pairs[a][b]);
    return 0;
}
