/* The TMX writer: structure, order of <tuv>s, pair files, escaping, characters XML forbids, and
 * that a failed write leaves the earlier file alone. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "worker.h"
#include "tmalign.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

static tma_worker *worker;
static char dir[256];

static tma_doc *doc_of(const char *name, const char *text, const char *lang)
{
    tma_doc *doc = NULL;
    tma_error err = {0};
    if (tma_doc_read_mem(&doc, worker, name, text, strlen(text), lang, &err) < 0)
        fprintf(stderr, "%s: %s\n", name, err.message);
    return doc;
}

static xmlNodePtr child(xmlNodePtr node, const char *name)
{
    for (xmlNodePtr c = node ? node->children : NULL; c != NULL; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0)
            return c;
    }
    return NULL;
}

static int count_children(xmlNodePtr node, const char *name)
{
    int n = 0;
    for (xmlNodePtr c = node ? node->children : NULL; c != NULL; c = c->next)
        n += c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0;
    return n;
}

static char *attr(xmlNodePtr node, const char *name)
{
    static char value[256];
    xmlChar *v = xmlGetProp(node, (const xmlChar *)name);
    snprintf(value, sizeof value, "%s", v ? (const char *)v : "");
    xmlFree(v);
    return value;
}

static char *xml_lang(xmlNodePtr tuv)
{
    static char value[32];
    xmlChar *v = xmlGetNsProp(tuv, (const xmlChar *)"lang", XML_XML_NAMESPACE);
    snprintf(value, sizeof value, "%s", v ? (const char *)v : "");
    xmlFree(v);
    return value;
}

static char *seg_of(xmlNodePtr tuv)
{
    static char value[1024];
    xmlChar *v = xmlNodeGetContent(child(tuv, "seg"));
    snprintf(value, sizeof value, "%s", v ? (const char *)v : "");
    xmlFree(v);
    return value;
}

static void test_three_languages(void)
{
    tma_doc *docs[3] = {
        doc_of("en/s.txt", "Title of it\n\nOne <seg> &amp; ]]> </tmx> here. Two\x01 there.\n\n"
                           "A caption.\n", "en"),
        doc_of("ru/s.txt", "Заголовок\n\nОдин <seg> &amp; ]]> </tmx> тут. Два там.\n", "ru"),
        doc_of("hy/s.txt", "Վերնագիր\n\nՄեկ <seg> &amp; ]]> </tmx> այստեղ: Երկու այնտեղ:\n\n"
                           "Մակագրություն:\n", "hy"),
    };
    CHECK(docs[0] && docs[1] && docs[2]);
    tma_story *story = NULL;
    tma_error err = {0};
    CHECK_EQ_INT(tma_story_align(&story, worker, docs, 3, &err), 0);
    char path[512];
    snprintf(path, sizeof path, "%s/s.tmx", dir);
    tma_tmx_options opt = TMA_TMX_OPTIONS_INIT;
    opt.creation_time = 1466000000;
    CHECK_EQ_INT(tma_story_write_tmx(story, worker, path, &opt, &err), 0);

    xmlDocPtr x = xmlReadFile(path, NULL, XML_PARSE_NONET);
    CHECK(x != NULL);
    xmlNodePtr root = xmlDocGetRootElement(x);
    CHECK_EQ_STR((const char *)root->name, "tmx");
    CHECK_EQ_STR(attr(root, "version"), "1.4");
    xmlNodePtr header = child(root, "header");
    CHECK_EQ_STR(attr(header, "srclang"), "en");
    CHECK_EQ_STR(attr(header, "creationdate"), "20160615T141320Z");
    CHECK_EQ_STR(attr(header, "segtype"), "sentence");
    CHECK_EQ_STR(attr(header, "datatype"), "plaintext");
    xmlNodePtr body = child(root, "body");
    /* The caption has no Russian: 3 units in the three-language file. */
    CHECK_EQ_INT(count_children(body, "tu"), 3);
    xmlNodePtr tu = child(body, "tu");
    CHECK_EQ_STR(attr(tu, "tuid"), "s-en-1");
    xmlNodePtr second = tu->next;
    while (second && second->type != XML_ELEMENT_NODE)
        second = second->next;
    xmlNodePtr tuv = child(second, "tuv");
    CHECK_EQ_STR(xml_lang(tuv), "en");
    CHECK_EQ_STR(seg_of(tuv), "One <seg> &amp; ]]> </tmx> here.");
    xmlNodePtr third = second->next;
    while (third && third->type != XML_ELEMENT_NODE)
        third = third->next;
    CHECK_EQ_STR(seg_of(child(third, "tuv")), "Two there.");
    xmlFreeDoc(x);

    /* The pair files: the caption is in en-hy but not in en-ru. */
    snprintf(path, sizeof path, "%s/s.en-hy.tmx", dir);
    x = xmlReadFile(path, NULL, XML_PARSE_NONET);
    CHECK(x != NULL);
    CHECK_EQ_INT(count_children(child(xmlDocGetRootElement(x), "body"), "tu"), 4);
    xmlFreeDoc(x);
    snprintf(path, sizeof path, "%s/s.en-ru.tmx", dir);
    x = xmlReadFile(path, NULL, XML_PARSE_NONET);
    CHECK(x != NULL);
    CHECK_EQ_INT(count_children(child(xmlDocGetRootElement(x), "body"), "tu"), 3);
    xmlFreeDoc(x);
    snprintf(path, sizeof path, "%s/s.ru-hy.tmx", dir);
    x = xmlReadFile(path, NULL, XML_PARSE_NONET);
    CHECK(x != NULL);
    tu = child(child(xmlDocGetRootElement(x), "body"), "tu");
    CHECK_EQ_STR(xml_lang(child(tu, "tuv")), "ru");
    xmlFreeDoc(x);

    /* A write that fails leaves the earlier file as it was and no temporary file. */
    struct stat before, after;
    snprintf(path, sizeof path, "%s/s.tmx", dir);
    CHECK_EQ_INT(stat(path, &before), 0);
    char bad[512];
    snprintf(bad, sizeof bad, "%s/no-such-folder/s.tmx", dir);
    CHECK_EQ_INT(tma_story_write_tmx(story, worker, bad, &opt, &err), TMA_ERR_IO);
    CHECK(strstr(err.message, "create the folder first") != NULL);
    CHECK_EQ_INT(stat(path, &after), 0);
    CHECK(before.st_ino == after.st_ino && before.st_size == after.st_size);

    tma_story_free(story);
    for (int k = 0; k < 3; k++)
        tma_doc_free(docs[k]);
}

static void test_pair_path(void)
{
    char buf[64];
    tma_error err = {0};
    CHECK_EQ_INT(tma_tmx_pair_path(buf, sizeof buf, "out/x.tmx", "en", "ru", &err), 0);
    CHECK_EQ_STR(buf, "out/x.en-ru.tmx");
    CHECK_EQ_INT(tma_tmx_pair_path(buf, sizeof buf, "a.b/x", "en", "hy", &err), 0);
    CHECK_EQ_STR(buf, "a.b/x.en-hy.tmx");
    CHECK_EQ_INT(tma_tmx_pair_path(buf, 8, "out/x.tmx", "en", "ru", &err), TMA_ERR_USAGE);
}

/* The text of the file at PATH, NUL-terminated (free it), or NULL. */
static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return NULL;
    char *data = calloc(1, 1 << 20);
    if (data != NULL)
        (void)fread(data, 1, (1 << 20) - 1, fp);
    fclose(fp);
    return data;
}

static int count_of(const char *haystack, const char *needle)
{
    int n = 0;
    for (const char *p = haystack; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

static void test_lang_codes(void)
{
    const char *langs[] = {"en", "ru", "hy"};
    tma_error err = {0};
    CHECK_EQ_INT(tma_tmx_check_lang_codes(NULL, langs, 3, &err), 0);
    CHECK_EQ_INT(tma_tmx_check_lang_codes("en=en-US,ru=ru-RU,hy=hy-AM", langs, 3, &err), 0);
    CHECK_EQ_INT(tma_tmx_check_lang_codes("hy=hy-AM", langs, 3, &err), 0);
    CHECK_EQ_INT(tma_tmx_check_lang_codes("en", langs, 3, &err), TMA_ERR_USAGE);
    CHECK(strstr(err.message, "LANG=CODE") != NULL);
    CHECK_EQ_INT(tma_tmx_check_lang_codes("=en-US", langs, 3, &err), TMA_ERR_USAGE);
    CHECK_EQ_INT(tma_tmx_check_lang_codes("en=en_US", langs, 3, &err), TMA_ERR_USAGE);
    CHECK(strstr(err.message, "'en_US' is not a language code") != NULL);
    CHECK_EQ_INT(tma_tmx_check_lang_codes("de=de-DE", langs, 3, &err), TMA_ERR_USAGE);
    CHECK(strstr(err.message, "name de") != NULL);
    CHECK_EQ_STR(err.option, "lang_codes");
    CHECK_EQ_INT(tma_tmx_check_lang_codes("en=en-US,en=en-GB", langs, 3, &err), TMA_ERR_USAGE);
    CHECK(strstr(err.message, "twice") != NULL);
    CHECK_EQ_INT(tma_tmx_check_lang_codes("ru=en", langs, 3, &err), TMA_ERR_USAGE);
    CHECK(strstr(err.message, "both en and ru as en") != NULL);

    /* The map decides xml:lang and srclang in every file; file names and tuids keep -l's codes. */
    tma_doc *docs[3] = {doc_of("en/c.txt", "One here. Two there.\n", "en"),
                        doc_of("ru/c.txt", "Один тут. Два там.\n", "ru"),
                        doc_of("hy/c.txt", "Մեկ այստեղ: Երկու այնտեղ:\n", "hy")};
    tma_story *story = NULL;
    CHECK_EQ_INT(tma_story_align(&story, worker, docs, 3, &err), 0);
    char path[512];
    snprintf(path, sizeof path, "%s/c.tmx", dir);
    tma_tmx_options opt = TMA_TMX_OPTIONS_INIT;
    opt.creation_time = 0;
    opt.lang_codes = "en=en-US,hy=hy-AM";
    CHECK_EQ_INT(tma_story_write_tmx(story, worker, path, &opt, &err), 0);
    char *tmx = slurp(path);
    CHECK(tmx != NULL && strstr(tmx, "srclang=\"en-US\"") != NULL);
    CHECK(tmx != NULL && count_of(tmx, "xml:lang=\"en-US\"") == 2);
    CHECK(tmx != NULL && count_of(tmx, "xml:lang=\"ru\"") == 2);
    CHECK(tmx != NULL && count_of(tmx, "xml:lang=\"hy-AM\"") == 2);
    CHECK(tmx != NULL && strstr(tmx, "tuid=\"c-en-1\"") != NULL);
    free(tmx);
    snprintf(path, sizeof path, "%s/c.ru-hy.tmx", dir);
    tmx = slurp(path);
    CHECK(tmx != NULL && strstr(tmx, "srclang=\"ru\"") != NULL);
    CHECK(tmx != NULL && count_of(tmx, "xml:lang=\"hy-AM\"") == 2);
    free(tmx);
    /* The library checks the map too; nothing is written then. */
    opt.lang_codes = "en=EN";
    snprintf(path, sizeof path, "%s/c-bad.tmx", dir);
    CHECK_EQ_INT(tma_story_write_tmx(story, worker, path, &opt, &err), TMA_ERR_USAGE);
    CHECK(access(path, F_OK) != 0);
    tma_story_free(story);
    for (int k = 0; k < 3; k++)
        tma_doc_free(docs[k]);
}

/* A segment over TMA_LONG_SEGMENT_CHARS is flagged, or left out with skip_long; characters XML
 * forbids get a note; the TSV holds the TMX's units, a tab inside a segment made a space. */
static void test_flags_and_tsv(void)
{
    char en[8192] = "Short one.\n\nBell\x07 and\x01 tab\there.\n\n";
    char ru[8192] = "Короткое.\n\nЗвонок и табуляция здесь.\n\n";
    /* 2,100 characters in each language: 300 words of 6 characters and a space. */
    for (int i = 0; i < 300; i++) {
        strcat(en, "longer ");
        strcat(ru, "длинно ");
    }
    strcat(en, "end.\n");
    strcat(ru, "конец.\n");
    tma_doc *docs[2] = {doc_of("en/f.txt", en, "en"), doc_of("ru/f.txt", ru, "ru")};
    tma_story *story = NULL;
    tma_error err = {0};
    long line, column;
    CHECK_EQ_INT(tma_doc_forbidden_chars(docs[0], &line, &column), 2);
    CHECK_EQ_INT(line, 3);
    CHECK_EQ_INT(column, 5);
    CHECK_EQ_INT(tma_doc_forbidden_chars(docs[1], &line, &column), 0);
    CHECK_EQ_INT(tma_story_align(&story, worker, docs, 2, &err), 0);
    char path[512], tsv_path[512];
    snprintf(path, sizeof path, "%s/f.tmx", dir);
    snprintf(tsv_path, sizeof tsv_path, "%s/f.tsv", dir);
    tma_tmx_options opt = TMA_TMX_OPTIONS_INIT;
    opt.creation_time = 0;
    opt.tsv = 1;
    CHECK_EQ_INT(tma_story_write_tmx(story, worker, path, &opt, &err), 0);
    char *tmx = slurp(path), *tsv = slurp(tsv_path);
    CHECK(tmx != NULL && tsv != NULL);
    if (tmx != NULL && tsv != NULL) {
        CHECK_EQ_INT(count_of(tmx, "<tu "), 3);
        CHECK_EQ_INT(count_of(tmx, "<prop type=\"x-tmalign-flag\">long-segment</prop>"), 1);
        CHECK_EQ_INT(count_of(tmx, "<prop type=\"x-tmalign-flag\">removed-characters</prop>"), 1);
        CHECK(strstr(tmx, "<note>tmalign: the en segment is 2104 characters long; Trados Cloud "
                          "refuses segments over 2000 characters</note>") != NULL);
        CHECK(strstr(tmx, "<note>tmalign: the ru segment is 2106 characters long") != NULL);
        CHECK(strstr(tmx, "<note>tmalign: 2 characters that XML forbids (control characters, "
                          "U+FFFE, U+FFFF) left out of the en segment</note>") != NULL);
        CHECK(strstr(tmx, "<seg>Bell and tab\there.</seg>") != NULL);
        CHECK_EQ_INT(count_of(tsv, "\n"), 3);
        CHECK(strncmp(tsv, "Short one.\tКороткое.\t", 22) == 0);
        CHECK(strstr(tsv, "\nBell and tab here.\tЗвонок и табуляция здесь.\t0.") != NULL);
        CHECK_EQ_INT(count_of(tsv, "\t"), 6);
    }
    free(tmx);
    free(tsv);

    /* skip_long and min_score leave units out of both files alike. */
    opt.skip_long = 1;
    CHECK_EQ_INT(tma_story_write_tmx(story, worker, path, &opt, &err), 0);
    tmx = slurp(path);
    tsv = slurp(tsv_path);
    CHECK(tmx != NULL && count_of(tmx, "<tu ") == 2 && strstr(tmx, "long-segment") == NULL);
    CHECK(tsv != NULL && count_of(tsv, "\n") == 2);
    free(tmx);
    free(tsv);
    opt.min_score = 1.01;
    CHECK_EQ_INT(tma_story_write_tmx(story, worker, path, &opt, &err), 0);
    tsv = slurp(tsv_path);
    CHECK(tsv != NULL && tsv[0] == '\0');
    free(tsv);

    /* A TMX named .tsv would be its own TSV. */
    snprintf(path, sizeof path, "%s/f.tsv", dir);
    CHECK_EQ_INT(tma_story_write_tmx(story, worker, path, &opt, &err), TMA_ERR_USAGE);
    CHECK(strstr(err.message, "same file") != NULL);
    tma_story_free(story);
    for (int k = 0; k < 2; k++)
        tma_doc_free(docs[k]);
}

/* The QA checks put a note in each unit they flag, before its <tuv>s: a number without its
 * counterpart, and a score under qa_threshold. */
static void test_qa_notes(void)
{
    tma_doc *docs[2] = {doc_of("en/q.txt", "The army lost 72 tanks.\n\nThe talks went on.\n", "en"),
                        doc_of("ru/q.txt", "Армия потеряла 78 танков.\n\nПереговоры шли.\n", "ru")};
    tma_story *story = NULL;
    tma_error err = {0};
    CHECK_EQ_INT(tma_story_align(&story, worker, docs, 2, &err), 0);
    char path[512];
    snprintf(path, sizeof path, "%s/q.tmx", dir);
    tma_tmx_options opt = TMA_TMX_OPTIONS_INIT;
    opt.creation_time = 0;
    CHECK_EQ_INT(tma_story_write_tmx(story, worker, path, &opt, &err), 0);
    char *tmx = slurp(path);
    CHECK(tmx != NULL && count_of(tmx, "<tu ") == 2);
    CHECK(tmx != NULL && count_of(tmx, "<note>tmalign QA: number-mismatch") == 1);
    CHECK(tmx != NULL && strstr(tmx, "number-mismatch (see the QA report's findings)</note>\n"
                                     "      <tuv") != NULL);
    CHECK(tmx != NULL && strstr(tmx, "low-confidence") == NULL);
    free(tmx);
    /* A threshold above every score: each unit is low-confidence. */
    opt.qa_threshold = 1.01;
    CHECK_EQ_INT(tma_story_write_tmx(story, worker, path, &opt, &err), 0);
    tmx = slurp(path);
    CHECK(tmx != NULL && count_of(tmx, "<note>tmalign QA: low-confidence") == 2);
    free(tmx);
    tma_story_free(story);
    for (int k = 0; k < 2; k++)
        tma_doc_free(docs[k]);
}

int main(void)
{
    tma_ctx *ctx = NULL;
    if (test_worker_start(&ctx, &worker) < 0)
        return 1;
    const char *out = getenv("TMA_TEST_OUT");
    snprintf(dir, sizeof dir, "%s/unit-tmx", out ? out : "/tmp/tmalign-test");
    mkdir(out ? out : "/tmp/tmalign-test", 0777);
    mkdir(dir, 0777);
    test_three_languages();
    test_pair_path();
    test_lang_codes();
    test_flags_and_tsv();
    test_qa_notes();
    tma_worker_free(worker);
    tma_ctx_free(ctx);
    return check_summary();
}
