/* Shards: every story is in exactly one shard of N, and the same one whatever else the corpus
 * holds. */
#include "batch.h"
#include "check.h"

#include <stdio.h>

int main(void)
{
    char name[32];
    int exactly_one = 1, spread = 1;
    for (unsigned n = 1; n <= 7; n++) {
        unsigned per[8] = {0};
        for (int i = 0; i < 1000; i++) {
            snprintf(name, sizeof name, "story-%04d", i);
            unsigned in = 0;
            for (unsigned k = 1; k <= n; k++) {
                if (tma_batch_in_shard(name, k, n)) {
                    in++;
                    per[k]++;
                }
            }
            exactly_one &= in == 1;
        }
        /* A hash spreads 1000 names evenly enough: no shard has under half its share. */
        for (unsigned k = 1; k <= n; k++)
            spread &= per[k] * n * 2 >= 1000;
    }
    CHECK(exactly_one);
    CHECK(spread);
    CHECK(tma_batch_in_shard("anything", 0, 0));
    /* FNV-1a's published test vector: "a". */
    CHECK(tma_batch_hash(TMA_FNV_OFFSET, "a", 1) == 0xaf63dc4c8601ec8cull);
    return check_summary();
}
