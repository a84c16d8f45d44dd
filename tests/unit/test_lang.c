/* What the library knows of each language (lang.c, script.c): the ISO 639-1 table, what a
 * language has of its own, found in the built-in tables and in dictionaries put in a folder of
 * the test's, and the refusal of a text in another script than its language's. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "lang.h"
#include "table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Makes the empty file DIR/NAME. */
static void touch(const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "w");
    CHECK(fp != NULL);
    if (fp != NULL)
        fclose(fp);
}

static void remove_file(const char *dir, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    unlink(path);
}

static void test_iso_table(void)
{
    /* Every line CODE<TAB>NAME, two lowercase letters, in order, each once. */
    const tma_data_file *file = tma_data_find("iso639-1.tsv");
    CHECK(file != NULL);
    tma_data_line line;
    size_t pos = 0, lines = 0;
    long number = 0;
    char previous[3] = "";
    tma_error err = {0};
    while (file != NULL && tma_data_next_line(file, &pos, &number, &line, &err) > 0) {
        lines++;
        int well_formed = line.end - line.start > 3 && line.start[0] >= 'a' &&
                          line.start[0] <= 'z' && line.start[1] >= 'a' && line.start[1] <= 'z' &&
                          line.start[2] == '\t' &&
                          memchr(line.start + 3, '\t', (size_t)(line.end - line.start - 3)) == NULL;
        if (!well_formed)
            fprintf(stderr, "iso639-1.tsv:%ld: not CODE<TAB>NAME\n", line.number);
        CHECK(well_formed);
        CHECK(strncmp(previous, line.start, 2) < 0);
        memcpy(previous, line.start, 2);
    }
    CHECK_EQ_INT(lines, 184);
    char codes[200][3];
    CHECK_EQ_INT(tma_lang_codes(codes, 200), 184);
    CHECK_EQ_STR(codes[0], "aa");
    CHECK_EQ_STR(codes[183], "zu");
    CHECK_EQ_INT(tma_lang_codes(codes, 2), 184);

    char name[64];
    CHECK_EQ_INT(tma_lang_iso_name(name, sizeof name, "hy-AM", 2), 1);
    CHECK_EQ_STR(name, "Armenian");
    CHECK_EQ_INT(tma_lang_iso_name(name, sizeof name, "xx", 2), 0);
    CHECK_EQ_STR(name, "");

    static const char *const valid[] = {"en", "ru", "hy", "zu", "en-US", "sr-Latn", "de-CH-1996"};
    static const char *const invalid[] = {"xx", "eng", "", "EN", "e", "zz-ZZ", "en_US", "en-"};
    for (size_t k = 0; k < sizeof valid / sizeof valid[0]; k++)
        CHECK(tma_lang_is_valid(valid[k]));
    for (size_t k = 0; k < sizeof invalid / sizeof invalid[0]; k++) {
        if (tma_lang_is_valid(invalid[k]))
            fprintf(stderr, "'%s' is taken for a language code\n", invalid[k]);
        CHECK(!tma_lang_is_valid(invalid[k]));
    }
}

/* Checks what CTX has for LANG: its dictionary file, found or not, its lexicon partners, its
 * script and the transform of its names. */
static void check_support(tma_ctx *ctx, const char *lang, const char *dictionary_file, int found,
                          const char *lexicons, const char *script, const char *transliteration)
{
    tma_lang_support s;
    tma_error err = {0};
    CHECK_EQ_INT(tma_lang_support_find(&s, ctx, lang, &err), 0);
    CHECK_EQ_STR(s.dictionary_file, dictionary_file);
    CHECK_EQ_INT(s.dictionary, found);
    CHECK_EQ_STR(s.lexicons, lexicons);
    CHECK_EQ_STR(s.script, script);
    CHECK_EQ_STR(s.transliteration, transliteration);
}

static void test_support(void)
{
    /* A hunspell folder with en_US only, a dictd one with FreeDict's English-Russian only. */
    char dir[256], hunspell[300], dictd[300];
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/test-lang-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    CHECK(mkdtemp(dir) != NULL);
    snprintf(hunspell, sizeof hunspell, "%s/hunspell", dir);
    snprintf(dictd, sizeof dictd, "%s/dictd", dir);
    CHECK(mkdir(hunspell, 0700) == 0 && mkdir(dictd, 0700) == 0);
    touch(hunspell, "en_US.aff");
    touch(hunspell, "en_US.dic");
    touch(hunspell, "de.dic"); /* without its .aff: not found */
    /* Regions, as hunspell-de-de and hunspell-fr-* install them: the language's own region
     * first, else the first by name; a file without its pair does not count. */
    static const char *const regional[] = {"de_AT.aff", "de_AT.dic", "de_DE.aff", "de_DE.dic",
                                           "fr_CH.aff", "fr_CH.dic", "fr_BE.aff", "fr_BE.dic",
                                           "uk_UA.aff"};
    for (size_t k = 0; k < sizeof regional / sizeof regional[0]; k++)
        touch(hunspell, regional[k]);
    touch(dictd, "freedict-eng-rus.index");
    touch(dictd, "freedict-eng-rus.dict.dz");

    tma_options options = TMA_OPTIONS_INIT;
    options.dictionary_dir = hunspell;
    options.dictd_dir = dictd;
    tma_ctx *ctx = NULL;
    tma_error err = {0};
    CHECK_EQ_INT(tma_ctx_new(&ctx, &options, &err), 0);
    tma_lang_support s;

    check_support(ctx, "en-US", "en_US", 1, "ru", "Latin", "");
    CHECK_EQ_INT(tma_lang_support_find(&s, ctx, "en-US", &err), 0);
    CHECK_EQ_STR(s.code, "en");
    CHECK_EQ_STR(s.name, "English");
    CHECK(s.abbreviations && s.starters && s.openers);
    check_support(ctx, "ru", "ru_RU", 0, "en", "Cyrillic", "Russian-Latin/BGN");
    check_support(ctx, "hy", "hy_AM", 0, "", "Armenian", "Armenian-Latin/BGN");

    /* Zulu has nothing of its own here. */
    CHECK_EQ_INT(tma_lang_support_find(&s, ctx, "zu", &err), 0);
    CHECK_EQ_STR(s.name, "Zulu");
    CHECK(!s.abbreviations && !s.starters && !s.openers && !s.dictionary);
    CHECK_EQ_STR(s.dictionary_file, "zu");
    CHECK_EQ_STR(s.lexicons, "");

    check_support(ctx, "de", "de_DE", 1, "", "Latin", "");
    check_support(ctx, "fr-CA", "fr_BE", 1, "", "Latin", "");
    check_support(ctx, "uk", "uk", 0, "", "Cyrillic", "Russian-Latin/BGN");

    CHECK_EQ_INT(tma_lang_support_find(&s, ctx, "ja", &err), 0);
    CHECK_EQ_STR(s.script, "Katakana Hiragana Han");
    CHECK_EQ_STR(s.transliteration, "Any-Latin");

    CHECK_EQ_INT(tma_lang_support_find(&s, ctx, "xx", &err), TMA_ERR_USAGE);
    CHECK_EQ_STR(err.message, "'xx' is not an ISO 639-1 language code");
    CHECK_EQ_STR(err.option, "langs");
    tma_ctx_free(ctx);

    remove_file(hunspell, "en_US.aff");
    remove_file(hunspell, "en_US.dic");
    remove_file(hunspell, "de.dic");
    for (size_t k = 0; k < sizeof regional / sizeof regional[0]; k++)
        remove_file(hunspell, regional[k]);
    remove_file(dictd, "freedict-eng-rus.index");
    remove_file(dictd, "freedict-eng-rus.dict.dz");
    rmdir(hunspell);
    rmdir(dictd);
    rmdir(dir);
}

/* Checks TEXT as LANG: 0 expected when MESSAGE is NULL, else the refusal with that message. */
static void check_script(const char *text, const char *lang, const char *message)
{
    tma_error err = {0};
    int rc = tma_lang_check_script("f.txt", text, strlen(text), lang, &err);
    if (message == NULL) {
        if (rc != 0)
            fprintf(stderr, "refused as %s: %s (%s)\n", lang, text, err.message);
        CHECK_EQ_INT(rc, 0);
        return;
    }
    CHECK_EQ_INT(rc, TMA_ERR_INPUT);
    CHECK_EQ_STR(err.path, "f.txt");
    CHECK_EQ_STR(err.message, message);
    CHECK_EQ_STR(err.option, "langs");
}

/* What every refusal ends with. */
#define ADVICE "; give the file's own language, or check that this is the right file"

static void test_script(void)
{
    check_script("Министр обороны России Сергей Шойгу.", "en",
                 "100% of the letters are Cyrillic, and en is written in Latin" ADVICE);
    check_script("Պաշտպանության նախարար Շոյգուն:", "ru",
                 "100% of the letters are Armenian, and ru is written in Cyrillic" ADVICE);
    check_script("The defence minister said so.", "hy",
                 "100% of the letters are Latin, and hy is written in Armenian" ADVICE);
    /* Quotes and names in another script stay under half. */
    check_script("Шойгу сказал: «We will win», — и ушёл домой вместе с Ивановым.", "ru", NULL);
    check_script("The paper Известия wrote that the minister left on Monday.", "en", NULL);
    /* Over half in another script: refused, naming the script most letters are in. */
    check_script("Шойгу сказал: «We will win the war with the help of our friends».", "ru",
                 "78% of the letters are Latin, and ru is written in Cyrillic" ADVICE);
    /* A region subtag does not change the script; a script subtag does. */
    check_script("Министр обороны.", "ru-RU", NULL);
    check_script("Ministar odbrane.", "sr-Latn", NULL);
    check_script("Ministar odbrane.", "sr",
                 "100% of the letters are Latin, and sr is written in Cyrillic" ADVICE);
    /* A language of several scripts: any of them fits. */
    check_script("東京はひらがなとカタカナ。", "ja", NULL);
    check_script(
        "Moscow.", "ja",
        "100% of the letters are Latin, and ja is written in Katakana, Hiragana or Han" ADVICE);
    /* No letters, or a language whose script ICU does not know: not checked. */
    check_script("2021 — 42 %, 17:30.", "en", NULL);
    check_script("Министр обороны.", "ie", NULL);
    /* Invalid UTF-8 is the text reader's to refuse; here it is no letter. */
    check_script("Text \xff\xfe.", "en", NULL);
}

int main(void)
{
    test_iso_table();
    test_support();
    test_script();
    return check_summary();
}
