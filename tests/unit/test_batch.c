/* Shards: every story is in exactly one shard of N, and the same one whatever else the corpus
 * holds. The options' defaults, the corpus's checks of languages and story names, and which
 * symbolic links in a corpus are followed. */
#define _XOPEN_SOURCE 700 /* realpath, mkfifo, symlink */
#include "batch.h"
#include "batch/corpus.h"
#include "check.h"

#include <assert.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
    tma_corpus_story story = {.name = "shoigu", .present = {1, 0, 4}};
    tma_corpus_story_path(path, &c, 1, &story, &err);
    CHECK(strcmp(path, "corpus/ru/shoigu.txt") == 0);
    tma_corpus_story_path(path, &c, 2, &story, &err);
    CHECK(strcmp(path, "corpus/hy/shoigu.docx") == 0);
    tma_corpus_free(&c);

    tma_corpus twice = TMA_CORPUS_INIT;
    CHECK(tma_corpus_find_langs(&twice, "corpus", "en,ru,en", &err) == TMA_ERR_USAGE);
    CHECK_EQ_STR(err.message, "the language list names en twice");
    CHECK_EQ_STR(err.option, "langs");
    tma_corpus one = TMA_CORPUS_INIT;
    CHECK(tma_corpus_find_langs(&one, "corpus", "en", &err) == TMA_ERR_USAGE);
    CHECK_EQ_INT(one.lang_count, 1);
}

/* Writes TEXT to the file DIR/NAME. */
static void put_file(const char *dir, const char *name, const char *text)
{
    char path[TMA_PATH_BYTES];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "w");
    if (fp != NULL) {
        fputs(text, fp);
        fclose(fp);
    }
}

/* The status of opening story file NAME of language folder ru in C, the descriptor closed. */
static int open_status(const tma_corpus *c, const char *name, tma_error *err)
{
    char path[TMA_PATH_BYTES];
    int fd = -2;
    snprintf(path, sizeof path, "%s/ru/%s", c->folder, name);
    int rc = tma_corpus_open_story(&fd, c, path, err);
    CHECK(rc == 0 ? fd >= 0 : fd == -1);
    if (fd >= 0)
        close(fd);
    return rc;
}

/* A link is followed where it leads in the end inside the corpus folder, never out of it. */
static void test_links(const char *base)
{
    assert(strlen(base) < 1024);
    char dir[1100], corpus[1200], path[TMA_PATH_BYTES];
    tma_error err = {0};
    snprintf(dir, sizeof dir, "%s/unit-batch-links", base);
    snprintf(corpus, sizeof corpus, "%s/corpus", dir);
    /* What an earlier run left goes first. */
    snprintf(path, sizeof path, "rm -rf '%s'", dir);
    CHECK(system(path) == 0);
    CHECK(mkdir(dir, 0777) == 0 && mkdir(corpus, 0777) == 0);
    put_file(dir, "secret", "private\n");
    snprintf(path, sizeof path, "%s/en", corpus);
    CHECK(mkdir(path, 0777) == 0);
    snprintf(path, sizeof path, "%s/elsewhere", corpus);
    CHECK(mkdir(path, 0777) == 0);
    put_file(path, "s.txt", "Текст.\n");
    snprintf(path, sizeof path, "%s/ru", corpus);
    CHECK(mkdir(path, 0777) == 0);
    put_file(path, "plain.txt", "Текст.\n");
    CHECK(chdir(path) == 0);
    CHECK(symlink("plain.txt", "same-folder.txt") == 0);
    CHECK(symlink("../elsewhere/s.txt", "other-folder.txt") == 0);
    CHECK(symlink("../../secret", "out.txt") == 0);
    CHECK(symlink("out.txt", "out-chain.txt") == 0);
    CHECK(symlink("nowhere.txt", "dangling.txt") == 0);
    CHECK(symlink("loop.txt", "loop.txt") == 0);
    CHECK(symlink("..", "corpus.txt") == 0);
    CHECK(mkfifo("fifo.txt", 0666) == 0);
    CHECK(chdir(base) == 0);

    tma_corpus c = TMA_CORPUS_INIT;
    CHECK(tma_corpus_find_langs(&c, corpus, NULL, &err) == 0);
    CHECK_EQ_INT(c.lang_count, 2);
    CHECK(c.root_fd >= 0);
    CHECK_EQ_INT(open_status(&c, "plain.txt", &err), 0);
    CHECK_EQ_INT(open_status(&c, "same-folder.txt", &err), 0);
    CHECK_EQ_INT(open_status(&c, "other-folder.txt", &err), 0);
    CHECK_EQ_INT(open_status(&c, "out.txt", &err), TMA_ERR_INPUT);
    CHECK_EQ_STR(err.message, "leads out of the corpus folder through a symbolic link; put the "
                              "file itself in the corpus, or link to one in it");
    CHECK_EQ_INT(open_status(&c, "out-chain.txt", &err), TMA_ERR_INPUT);
    CHECK_EQ_INT(open_status(&c, "dangling.txt", &err), TMA_ERR_IO);
    CHECK(strstr(err.message, "to nothing") != NULL);
    CHECK_EQ_INT(open_status(&c, "loop.txt", &err), TMA_ERR_IO);
    CHECK(strstr(err.message, "loop") != NULL);
    CHECK_EQ_INT(open_status(&c, "corpus.txt", &err), TMA_ERR_IO);
    CHECK(strstr(err.message, "is a folder") != NULL);
    CHECK_EQ_INT(open_status(&c, "fifo.txt", &err), TMA_ERR_IO);
    CHECK(strstr(err.message, "not a regular file") != NULL);
    CHECK_EQ_INT(open_status(&c, "missing.txt", &err), TMA_ERR_IO);
    tma_corpus_free(&c);
    CHECK_EQ_INT(c.root_fd, -1);

    /* A language folder that leads out of the corpus is refused when the stories are listed. */
    snprintf(path, sizeof path, "%s/hy", corpus);
    CHECK(symlink("../..", path) == 0);
    tma_corpus out = TMA_CORPUS_INIT;
    CHECK(tma_corpus_find_langs(&out, corpus, "en,hy", &err) == 0);
    CHECK(tma_corpus_list_stories(&out, 0, 0, &err) == TMA_ERR_INPUT);
    CHECK_EQ_STR(err.path, path);
    tma_corpus_free(&out);
}

/* A story may come as text, a web page or a Word or OpenDocument file, one per language folder;
 * other files are not stories, and two files for one story in one folder are refused. */
static void test_extensions(const char *base)
{
    char dir[1100], folder[1200], path[TMA_PATH_BYTES];
    tma_error err = {0};
    snprintf(dir, sizeof dir, "%s/unit-batch-extensions", base);
    snprintf(path, sizeof path, "rm -rf '%s'", dir);
    CHECK(system(path) == 0);
    CHECK(mkdir(dir, 0777) == 0);
    const char *files[][2] = {{"en", "a.html"}, {"en", "b.txt"}, {"en", "c.docx"},
                              {"en", "d.pdf"},  {"ru", "a.txt"}, {"ru", "b.odt"},
                              {"ru", "c.htm"},  {"ru", "e.doc"}};
    for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
        snprintf(folder, sizeof folder, "%s/%s", dir, files[k][0]);
        mkdir(folder, 0777);
        put_file(folder, files[k][1], "Text.\n");
    }
    tma_corpus c = TMA_CORPUS_INIT;
    CHECK(tma_corpus_find_langs(&c, dir, "en,ru", &err) == 0);
    CHECK(tma_corpus_list_stories(&c, 0, 0, &err) == 0);
    CHECK_EQ_INT(c.story_count, 3);
    const char *expected[][2] = {{"a.html", "a.txt"}, {"b.txt", "b.odt"}, {"c.docx", "c.htm"}};
    for (size_t i = 0; i < c.story_count && i < 3; i++) {
        for (size_t k = 0; k < 2; k++) {
            char want[TMA_PATH_BYTES];
            snprintf(want, sizeof want, "%s/%s/%s", dir, k ? "ru" : "en", expected[i][k]);
            tma_corpus_story_path(path, &c, k, &c.stories[i], &err);
            CHECK_EQ_STR(path, want);
        }
    }
    tma_corpus_free(&c);

    snprintf(folder, sizeof folder, "%s/ru", dir);
    put_file(folder, "a.html", "Text.\n");
    tma_corpus twice = TMA_CORPUS_INIT;
    CHECK(tma_corpus_find_langs(&twice, dir, "en,ru", &err) == 0);
    CHECK(tma_corpus_list_stories(&twice, 0, 0, &err) == TMA_ERR_INPUT);
    CHECK_EQ_STR(err.message, "holds a.txt and a.html, two files for one story; keep one");
    CHECK_EQ_STR(err.path, folder);
    tma_corpus_free(&twice);
}

int main(void)
{
    test_shards();
    test_options();
    test_corpus();
    const char *out = getenv("TMA_TEST_OUT");
    mkdir(out ? out : "/tmp/tmalign-test", 0777);
    char base[PATH_MAX];
    if (realpath(out ? out : "/tmp/tmalign-test", base) != NULL && strlen(base) < 1024) {
        test_links(base);
        test_extensions(base);
    } else {
        CHECK(!"the test folder");
    }
    return check_summary();
}
