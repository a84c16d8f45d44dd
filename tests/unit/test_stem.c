/* The dictionaries' answers: the same from the shared cache as from hunspell, from any thread,
 * with the dictionaries loaded on first use, all at once on several threads or ahead by a ctx, and
 * the compound check that reads the compound dictionary's hyphenated words. */
#include "check.h"
#include "context.h"
#include "stem.h"

#include <pthread.h>

static const struct {
    const char *lang, *word;
    int known;
} WORDS[] = {
    {"en", "house", 1},        {"en", "hosue", 0},      {"en", "colour", 0},
    {"en", "well-known", 1},   {"ru", "дом", 1},        {"ru", "дмо", 0},
    {"ru", "сотрудничество", 1}, {"hy", "տուն", 1},     {"xx", "house", -1},
};
#define WORD_COUNT (sizeof WORDS / sizeof WORDS[0])
#define ROUNDS 200

static tma_stem_dicts dicts;

/* Asks about every word ROUNDS times; returns how many answers were not the expected one. */
static void *ask_all(void *arg)
{
    size_t *wrong = arg;
    for (int r = 0; r < ROUNDS; r++) {
        for (size_t i = 0; i < WORD_COUNT; i++)
            *wrong += tma_stem_knows(&dicts, WORDS[i].lang, WORDS[i].word,
                                     strlen(WORDS[i].word)) != WORDS[i].known;
    }
    return NULL;
}

int main(void)
{
    tma_error err = {0};
    CHECK_EQ_INT(tma_stem_init(&dicts, NULL, &err), 0);
    if (tma_stem_knows(&dicts, "en", "house", 5) != 1 || tma_stem_knows(&dicts, "ru", "дом", 6) != 1 ||
        tma_stem_knows(&dicts, "hy", "տուն", 8) != 1) {
        fprintf(stderr, "skipped: the en_US, ru_RU and hy_AM hunspell dictionaries are needed\n");
        tma_stem_free(&dicts);
        return 77;
    }
    /* The first answer comes from hunspell, the next from the cache: the same. */
    for (int round = 0; round < 2; round++) {
        for (size_t i = 0; i < WORD_COUNT; i++)
            CHECK_EQ_INT(tma_stem_knows(&dicts, WORDS[i].lang, WORDS[i].word,
                                        strlen(WORDS[i].word)),
                         WORDS[i].known);
    }
    /* Four threads at once. */
    pthread_t threads[4];
    size_t wrong[4] = {0};
    for (int t = 0; t < 4; t++)
        CHECK_EQ_INT(pthread_create(&threads[t], NULL, ask_all, &wrong[t]), 0);
    for (int t = 0; t < 4; t++) {
        pthread_join(threads[t], NULL);
        CHECK_EQ_INT(wrong[t], 0);
    }

    CHECK_EQ_INT(tma_stem_variant_knows(&dicts, "ru", "дом", 6), -1);
    int listed = tma_stem_lists_compound(&dicts, "en", "large-scale", 11);
    if (listed >= 0) {
        /* British spellings come from the other variety's dictionary. */
        CHECK_EQ_INT(tma_stem_variant_knows(&dicts, "en", "colour", 6), 1);
        /* Listed, as a root and with a suffix; a word whose start no listed compound has is not
         * (the check reads the .dic file and does not ask hunspell); both parts being words is
         * not enough. */
        CHECK_EQ_INT(listed, 1);
        CHECK_EQ_INT(tma_stem_lists_compound(&dicts, "en", "well-wishers", 12), 1);
        CHECK_EQ_INT(tma_stem_lists_compound(&dicts, "en", "large-sale", 10), 0);
        CHECK_EQ_INT(tma_stem_lists_compound(&dicts, "en", "meme-crypto", 11), 0);
        CHECK_EQ_INT(tma_stem_lists_compound(&dicts, "en", "house", 5), 0);
        CHECK_EQ_INT(tma_stem_lists_compound(&dicts, "en", "large-", 6), 0);
    } else {
        fprintf(stderr, "skipped the compound checks: no en_GB hunspell dictionary\n");
    }
    CHECK_EQ_INT(tma_stem_lists_compound(&dicts, "ru", "военно-технический", 35), -1);
    tma_stem_free(&dicts);

    /* Loaded all at once on three threads, with four threads asking from the start: the same
     * answers; every dictionary is loaded once, the variant's too; the first set hunspell up with
     * a primer, so that none had to load alone. */
    static const char *const langs[] = {"en", "ru", "hy", "xx"};
    CHECK_EQ_INT(tma_stem_init(&dicts, NULL, &err), 0);
    for (int t = 0; t < 4; t++) {
        wrong[t] = 0;
        CHECK_EQ_INT(pthread_create(&threads[t], NULL, ask_all, &wrong[t]), 0);
    }
    tma_stem_load(&dicts, langs, 4, 1, 3);
    for (int t = 0; t < 4; t++) {
        pthread_join(threads[t], NULL);
        CHECK_EQ_INT(wrong[t], 0);
    }
    CHECK_EQ_INT(dicts.count, listed >= 0 ? 5 : 4);
    CHECK(dicts.primer != NULL);
    for (size_t k = 0; k < dicts.count; k++)
        CHECK(dicts.dict[k].loaded &&
              (dicts.dict[k].handle != NULL) == (strcmp(dicts.dict[k].file, "xx") != 0));
    tma_stem_free(&dicts);

    /* A ctx's dictionaries loaded ahead on threads of their own while this thread asks: the same
     * answers, and the primary dictionaries only (the spelling check's en_GB is left for when a
     * batch needs it). Asked again, the preload does nothing; waited for twice, nothing either.
     * A ctx freed while its preload runs waits for it. */
    tma_ctx *ctx = NULL;
    CHECK_EQ_INT(tma_ctx_new(&ctx, NULL, &err), 0);
    static const char *const en_ru[] = {"en", "ru"};
    tma_ctx_preload(ctx, en_ru, 2);
    tma_ctx_preload(ctx, langs, 3);
    CHECK_EQ_INT(tma_stem_knows(tma_ctx_dicts(ctx), "ru", "дом", 6), 1);
    CHECK_EQ_INT(tma_stem_knows(tma_ctx_dicts(ctx), "en", "hosue", 5), 0);
    tma_ctx_preload_wait(ctx);
    tma_ctx_preload_wait(ctx);
    const tma_stem_dicts *loaded = tma_ctx_dicts(ctx);
    CHECK_EQ_INT(loaded->count, 2);
    for (size_t k = 0; k < loaded->count; k++)
        CHECK(loaded->dict[k].handle != NULL && strcmp(loaded->dict[k].file, "en_GB") != 0);
    tma_ctx_free(ctx);
    CHECK_EQ_INT(tma_ctx_new(&ctx, NULL, &err), 0);
    tma_ctx_preload(ctx, langs, 3);
    tma_ctx_free(ctx);

    /* No dictionaries where they are looked for: every language has none. */
    CHECK_EQ_INT(tma_stem_init(&dicts, "/nonexistent", &err), 0);
    CHECK_EQ_INT(tma_stem_knows(&dicts, "en", "house", 5), -1);
    CHECK_EQ_INT(tma_stem_lists_compound(&dicts, "en", "large-scale", 11), -1);
    tma_stem_free(&dicts);
    return check_summary();
}
