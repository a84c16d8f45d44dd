/* Shards: every story is in exactly one shard of N, and the same one whatever else the corpus
 * holds. The options' defaults, and the corpus's checks of languages and story names. */
#include "batch.h"
#include "batch/corpus.h"
#include "check.h"

#include <stdio.h>
#include <string.h>

static void test_shards(void)
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
}

/* A batch's TMX options are the TMX defaults, held rather than copied. */
static void test_options(void)
{
    tma_batch_options batch = TMA_BATCH_OPTIONS_INIT;
    tma_tmx_options tmx = TMA_TMX_OPTIONS_INIT;
    CHECK(batch.langs == NULL && batch.threads == 0 && batch.force == 0);
    CHECK(batch.shard == 0 && batch.shard_count == 0 && batch.progress == NULL);
    CHECK_EQ_INT(batch.tmx.creation_time, -1);
    CHECK(batch.tmx.qa_threshold == TMA_DEFAULT_QA_THRESHOLD);
    CHECK(memcmp(&batch.tmx, &tmx, sizeof tmx) == 0);
    CHECK(tmx.tuid_prefix == NULL && tmx.min_score == 0 && tmx.lang_codes == NULL);
    CHECK(tmx.skip_long == 0 && tmx.tsv == 0);
}

static void test_corpus(void)
{
    tma_corpus c = TMA_CORPUS_INIT;
    tma_error err = {0};
    CHECK(tma_corpus_find_langs(&c, "corpus", "en,ru,hy", &err) == 0);
    CHECK_EQ_INT(c.lang_count, 3);
    CHECK(strcmp(c.langs[2], "hy") == 0);
    CHECK(tma_corpus_name_problem(&c, "shoigu") == NULL);
    CHECK(tma_corpus_name_problem(&c, "corpus") != NULL);
    CHECK(tma_corpus_name_problem(&c, "x.ru-hy") != NULL);
    CHECK(tma_corpus_name_problem(&c, "x.ru-ru") == NULL);
    CHECK(tma_corpus_name_problem(&c, "tab\there") != NULL);
    char path[TMA_PATH_BYTES];
    tma_corpus_story_path(path, &c, 1, "shoigu", &err);
    CHECK(strcmp(path, "corpus/ru/shoigu.txt") == 0);
    tma_corpus_free(&c);

    tma_corpus twice = TMA_CORPUS_INIT;
    CHECK(tma_corpus_find_langs(&twice, "corpus", "en,ru,en", &err) == TMA_ERR_USAGE);
    CHECK_EQ_STR(err.message, "the language list names en twice");
    CHECK_EQ_STR(err.option, "langs");
    tma_corpus one = TMA_CORPUS_INIT;
    CHECK(tma_corpus_find_langs(&one, "corpus", "en", &err) == TMA_ERR_USAGE);
    CHECK_EQ_INT(one.lang_count, 1);
}

int main(void)
{
    test_shards();
    test_options();
    test_corpus();
    return check_summary();
}
