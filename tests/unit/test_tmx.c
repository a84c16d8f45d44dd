/* The TMX writer: structure, order of <tuv>s, pair files, escaping, characters XML forbids, and
 * that a failed write leaves the earlier file alone. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
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
    CHECK_EQ_INT(tma_story_write_tmx(story, path, &opt, &err), 0);

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
    CHECK_EQ_INT(tma_story_write_tmx(story, bad, &opt, &err), TMA_ERR_IO);
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

int main(void)
{
    tma_ctx *ctx = NULL;
    tma_error err = {0};
    if (tma_ctx_new(&ctx, NULL, &err) < 0 || tma_worker_new(&worker, ctx, &err) < 0)
        return 1;
    const char *out = getenv("TMA_TEST_OUT");
    snprintf(dir, sizeof dir, "%s/unit-tmx", out ? out : "/tmp/tmalign-test");
    mkdir(out ? out : "/tmp/tmalign-test", 0777);
    mkdir(dir, 0777);
    test_three_languages();
    test_pair_path();
    tma_worker_free(worker);
    tma_ctx_free(ctx);
    return check_summary();
}
