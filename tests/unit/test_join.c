/* Joining the pairwise alignments of every pair of languages into units. */
#include "check.h"
#include "join.h"

#include <stdlib.h>

static void describe(char *out, size_t size, const tma_unit *u, size_t count, size_t n)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < count && used < size; i++) {
        used += (size_t)snprintf(out + used, size - used, "%s", i ? " | " : "");
        for (size_t k = 0; k < n && used < size; k++) {
            used += (size_t)snprintf(out + used, size - used, "%s", k ? ";" : "");
            for (uint32_t s = 0; s < u[i].count[k] && used < size; s++)
                used += (size_t)snprintf(out + used, size - used, "%s%u", s ? "," : "",
                                         u[i].first[k] + s);
        }
    }
}

#define B(af, ac, bf, bc) {af, ac, bf, bc, 1.0}

/* Joins three languages' pairs (en-ru, en-hy, ru-hy) or, when HY is NULL, two. */
static int join3(tma_unit **units, size_t *count, const size_t *sentences, tma_bead *ru,
                 size_t nru, tma_bead *hy, size_t nhy, tma_bead *ruhy, size_t nruhy)
{
    tma_bead *pairs[TMA_MAX_LANGS][TMA_MAX_LANGS] = {{0}};
    size_t counts[TMA_MAX_LANGS][TMA_MAX_LANGS] = {{0}};
    pairs[0][1] = ru;
    counts[0][1] = nru;
    pairs[0][2] = hy;
    counts[0][2] = nhy;
    pairs[1][2] = ruhy;
    counts[1][2] = nruhy;
    tma_error err = {0};
    return tma_join_units(units, count, hy ? 3 : 2, sentences,
                          (const tma_bead *const(*)[TMA_MAX_LANGS])pairs,
                          (const size_t(*)[TMA_MAX_LANGS])counts, &err);
}

static void test_three_pairs(void)
{
    /* en-ru: 0-0, 1-1, (2,3)-2, 4-(), ()-3, 5-4.  en-hy: (0,1)-0, 2-1, 3-2, 4-3, 5-4.
     * ru-hy, in agreement: (0,1)-0, 2-(1,2), ()-3, 3-(), 4-4. */
    tma_bead ru[] = {B(0, 1, 0, 1), B(1, 1, 1, 1), B(2, 2, 2, 1), B(4, 1, 3, 0), B(5, 0, 3, 1),
                     B(5, 1, 4, 1)};
    tma_bead hy[] = {B(0, 2, 0, 1), B(2, 1, 1, 1), B(3, 1, 2, 1), B(4, 1, 3, 1), B(5, 1, 4, 1)};
    tma_bead ruhy[] = {B(0, 2, 0, 1), B(2, 1, 1, 2), B(3, 0, 3, 1), B(3, 1, 4, 0), B(4, 1, 4, 1)};
    ru[2].score = 0.5;
    ruhy[4].score = 0.25;
    size_t sentences[] = {6, 5, 5};
    tma_unit *units;
    size_t count;
    CHECK_EQ_INT(join3(&units, &count, sentences, ru, 6, hy, 5, ruhy, 5), 0);
    char got[256];
    describe(got, sizeof got, units, count, 3);
    CHECK_EQ_STR(got, "0,1;0,1;0 | 2,3;2;1,2 | 4;;3 | ;3; | 5;4;4");
    /* A unit is as sure as the least sure bead of any pair in it. */
    CHECK(units[0].score == 1.0 && units[1].score == 0.5 && units[4].score == 0.25);
    free(units);
}

static void test_disagreement_joins(void)
{
    /* en-ru and en-hy say 0-0 and 1-1; ru-hy says ru 0 goes with hy 1: no pair's bead may be
     * cut, so the three sentences of each language that the beads chain together are one unit. */
    tma_bead ru[] = {B(0, 1, 0, 1), B(1, 1, 1, 1), B(2, 1, 2, 1)};
    tma_bead hy[] = {B(0, 1, 0, 1), B(1, 1, 1, 1), B(2, 1, 2, 1)};
    tma_bead ruhy[] = {B(0, 0, 0, 1), B(0, 1, 1, 1), B(1, 1, 2, 0), B(2, 1, 2, 1)};
    size_t sentences[] = {3, 3, 3};
    tma_unit *units;
    size_t count;
    CHECK_EQ_INT(join3(&units, &count, sentences, ru, 3, hy, 3, ruhy, 4), 0);
    char got[256];
    describe(got, sizeof got, units, count, 3);
    CHECK_EQ_STR(got, "0,1;0,1;0,1 | 2;2;2");
    free(units);
}

static void test_target_only_at_ends(void)
{
    /* Russian has a sentence before the first and after the last English one. */
    tma_bead ru[] = {B(0, 0, 0, 1), B(0, 1, 1, 1), B(1, 0, 2, 1)};
    size_t sentences[] = {1, 3};
    tma_unit *units;
    size_t count;
    CHECK_EQ_INT(join3(&units, &count, sentences, ru, 3, NULL, 0, NULL, 0), 0);
    char got[128];
    describe(got, sizeof got, units, count, 2);
    CHECK_EQ_STR(got, ";0 | 0;1 | ;2");
    free(units);
}

static void test_null_inside_unit(void)
{
    /* A Russian sentence with no English between two English sentences that Armenian merges
     * belongs to their unit. */
    tma_bead ru[] = {B(0, 1, 0, 1), B(1, 0, 1, 1), B(1, 1, 2, 1)};
    tma_bead hy[] = {B(0, 2, 0, 1)};
    tma_bead ruhy[] = {B(0, 3, 0, 1)};
    size_t sentences[] = {2, 3, 1};
    tma_unit *units;
    size_t count;
    CHECK_EQ_INT(join3(&units, &count, sentences, ru, 3, hy, 1, ruhy, 1), 0);
    char got[128];
    describe(got, sizeof got, units, count, 3);
    CHECK_EQ_STR(got, "0,1;0,1,2;0");
    free(units);
}

int main(void)
{
    test_three_pairs();
    test_disagreement_joins();
    test_target_only_at_ends();
    test_null_inside_unit();
    return check_summary();
}
