/* Joining pairwise alignments through the source into units. */
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

static void test_pivot(void)
{
    /* en-ru: 0-0, 1-1, (2,3)-2, 4-(), ()-3, 5-4.  en-hy: (0,1)-0, 2-1, 3-2, 4-3, 5-4. */
    tma_bead ru[] = {B(0, 1, 0, 1), B(1, 1, 1, 1), B(2, 2, 2, 1), B(4, 1, 3, 0), B(5, 0, 3, 1),
                     B(5, 1, 4, 1)};
    tma_bead hy[] = {B(0, 2, 0, 1), B(2, 1, 1, 1), B(3, 1, 2, 1), B(4, 1, 3, 1), B(5, 1, 4, 1)};
    ru[2].score = 0.5;
    tma_bead *pairs[3] = {NULL, ru, hy};
    size_t counts[3] = {0, 6, 5};
    tma_unit *units;
    size_t count;
    tma_error err = {0};
    CHECK_EQ_INT(tma_join_pivot(&units, &count, 3, pairs, counts, &err), 0);
    char got[256];
    describe(got, sizeof got, units, count, 3);
    CHECK_EQ_STR(got, "0,1;0,1;0 | 2,3;2;1,2 | 4;;3 | ;3; | 5;4;4");
    CHECK(units[1].score == 0.5 && units[0].score == 1.0);
    free(units);
}

static void test_target_only_at_ends(void)
{
    /* Russian has a sentence before the first and after the last English one. */
    tma_bead ru[] = {B(0, 0, 0, 1), B(0, 1, 1, 1), B(1, 0, 2, 1)};
    tma_bead *pairs[2] = {NULL, ru};
    size_t counts[2] = {0, 3};
    tma_unit *units;
    size_t count;
    tma_error err = {0};
    CHECK_EQ_INT(tma_join_pivot(&units, &count, 2, pairs, counts, &err), 0);
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
    tma_bead *pairs[3] = {NULL, ru, hy};
    size_t counts[3] = {0, 3, 1};
    tma_unit *units;
    size_t count;
    tma_error err = {0};
    CHECK_EQ_INT(tma_join_pivot(&units, &count, 3, pairs, counts, &err), 0);
    char got[128];
    describe(got, sizeof got, units, count, 3);
    CHECK_EQ_STR(got, "0,1;0,1,2;0");
    free(units);
}

int main(void)
{
    test_pivot();
    test_target_only_at_ends();
    test_null_inside_unit();
    return check_summary();
}
