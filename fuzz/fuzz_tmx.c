/* The TMX writer, with a round trip: the input is split at 0xFF bytes (which UTF-8 never holds)
 * into the versions of a story, they are read, aligned and written as TMX into a temporary
 * folder, and the files are read back with libxml2. Each <seg> must hold exactly the text of its
 * sentences as written (white space collapsed, sentences joined by a space) without the
 * characters XML forbids, in NFC, neither empty nor padded; the <tu>s come in the order of the
 * units, and no temporary file is left behind.
 *
 * Byte 0: bit 0 set for three languages, bits 1-3 the order of en, ru and hy. A part after the
 * last version, when there is one, names the source file (as a command-line argument would: any
 * bytes but NUL and "/"); it ends up in tuids and x-source-file. */
#define _POSIX_C_SOURCE 200809L
#include "fuzz.h"
#include "text.h"

#include <dirent.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

static const char *const ORDERS[][3] = {{"en", "ru", "hy"}, {"en", "hy", "ru"}, {"ru", "en", "hy"},
                                        {"ru", "hy", "en"}, {"hy", "en", "ru"}, {"hy", "ru", "en"}};

static char dir[64];

static void remove_dir(void)
{
    rmdir(dir);
}

/* The folder the TMX files go to, made on first use and removed at exit when empty. */
static const char *out_dir(void)
{
    if (dir[0] == '\0') {
        snprintf(dir, sizeof dir, "/tmp/tmalign-fuzz-tmx-XXXXXX");
        FUZZ_CHECK(mkdtemp(dir) != NULL);
        atexit(remove_dir);
    }
    return dir;
}

/* Whether XML 1.0 lets C appear in text and TMX tools accept it: as tmx.c decides. */
static int xml_allows(uint32_t c)
{
    if (c < 0x20)
        return c == '\t' || c == '\n';
    return !(c >= 0x7F && c <= 0x9F) && c != 0xFFFE && c != 0xFFFF;
}

/* Appends to OUT the text of sentences [first, first + count) of DOC as a <seg> should hold it:
 * each sentence with the characters XML forbids left out (white space among them, NEL, made a
 * space) and its white space collapsed, joined
 * by one space, and the whole in NFC. */
static void expected_seg(tma_buf *out, const tma_doc *doc, uint32_t first, uint32_t count)
{
    size_t len;
    const char *text = tma_doc_text(doc, &len);
    tma_buf clean = TMA_BUF_INIT, joined = TMA_BUF_INIT;
    for (uint32_t i = first; i < first + count; i++) {
        const tma_sentence *s = tma_doc_sentence(doc, i);
        clean.len = 0;
        size_t r = s->start, end = s->start + s->len;
        while (r < end) {
            size_t from = r;
            uint32_t c = tma_utf8_next(text, end, &r);
            if (xml_allows(c))
                FUZZ_CHECK(tma_buf_append(&clean, text + from, r - from) == 0);
            else if (tma_is_space(c))
                FUZZ_CHECK(tma_buf_push(&clean, ' ') == 0);
        }
        FUZZ_CHECK(tma_buf_reserve(&clean, 1) == 0);
        char *collapsed = malloc(clean.len + 1);
        FUZZ_CHECK(collapsed != NULL);
        size_t n = tma_text_collapse(collapsed, clean.len + 1, clean.data ? clean.data : "",
                                     clean.len);
        if (n > 0 && joined.len > 0)
            FUZZ_CHECK(tma_buf_push(&joined, ' ') == 0);
        FUZZ_CHECK(tma_buf_append(&joined, collapsed, n) == 0);
        free(collapsed);
    }
    /* Removing a character can leave a combining mark next to a base it composes with. */
    UErrorCode st = U_ZERO_ERROR;
    int32_t n16 = 0;
    UChar *u = malloc((joined.len + 1) * 2 * sizeof *u);
    UChar *norm = u + joined.len + 1;
    FUZZ_CHECK(u != NULL);
    u_strFromUTF8(u, (int32_t)joined.len + 1, &n16, joined.data ? joined.data : "",
                  (int32_t)joined.len, &st);
    FUZZ_CHECK(!U_FAILURE(st));
    int32_t nn = unorm2_normalize(unorm2_getNFCInstance(&st), u, n16, norm,
                                  (int32_t)joined.len + 1, &st);
    FUZZ_CHECK(!U_FAILURE(st));
    int32_t n8 = 0;
    FUZZ_CHECK(tma_buf_reserve(out, joined.len * 3 + 1) == 0);
    u_strToUTF8(out->data + out->len, (int32_t)(out->cap - out->len), &n8, norm, nn, &st);
    FUZZ_CHECK(!U_FAILURE(st));
    out->len += (size_t)n8;
    free(u);
    tma_buf_free(&clean);
    tma_buf_free(&joined);
}

static xmlNode *next_element(xmlNode *n, const char *name)
{
    for (; n != NULL; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0)
            return n;
    }
    return NULL;
}

/* Reads PATH back and checks that its <tu>s are UNITS (COUNT) that have text in every language
 * of LANGS, in order, with the texts expected. */
static void check_file(const char *path, const tma_story *story, const tma_unit *units,
                       size_t count, const size_t *langs, size_t nlangs)
{
    xmlDoc *xml = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                              XML_PARSE_NOWARNING);
    FUZZ_CHECK(xml != NULL); /* well-formed */
    xmlNode *root = xmlDocGetRootElement(xml);
    FUZZ_CHECK(root != NULL && strcmp((const char *)root->name, "tmx") == 0);
    xmlNode *body = next_element(root->children, "body");
    FUZZ_CHECK(body != NULL);
    xmlNode *tu = next_element(body->children, "tu");
    tma_buf want = TMA_BUF_INIT;
    for (size_t i = 0; i < count; i++) {
        const tma_unit *u = &units[i];
        int complete = 1;
        for (size_t k = 0; k < nlangs; k++)
            complete &= u->count[langs[k]] > 0;
        if (!complete)
            continue;
        /* A unit whose text in some language is all forbidden characters has no <tu>. */
        tma_buf texts[3] = {TMA_BUF_INIT, TMA_BUF_INIT, TMA_BUF_INIT};
        for (size_t k = 0; k < nlangs; k++) {
            const tma_doc *doc = tma_story_doc(story, langs[k]);
            expected_seg(&texts[k], doc, u->first[langs[k]], u->count[langs[k]]);
            complete &= texts[k].len > 0;
        }
        if (complete) {
            FUZZ_CHECK(tu != NULL);
            xmlNode *tuv = next_element(tu->children, "tuv");
            for (size_t k = 0; k < nlangs; k++) {
                FUZZ_CHECK(tuv != NULL);
                xmlChar *lang = xmlGetNsProp(tuv, BAD_CAST "lang", XML_XML_NAMESPACE);
                const tma_doc *doc = tma_story_doc(story, langs[k]);
                FUZZ_CHECK(lang != NULL && strcmp((const char *)lang, tma_doc_lang(doc)) == 0);
                xmlFree(lang);
                xmlNode *seg = next_element(tuv->children, "seg");
                FUZZ_CHECK(seg != NULL);
                xmlChar *got = xmlNodeGetContent(seg);
                FUZZ_CHECK(got != NULL);
                if (strlen((const char *)got) != texts[k].len ||
                    memcmp(got, texts[k].data, texts[k].len) != 0) {
                    fprintf(stderr, "<seg> of unit %zu, language %s:\n  got  \"%s\"\n  want \"%.*s\"\n",
                            i, tma_doc_lang(doc), (const char *)got, (int)texts[k].len,
                            texts[k].data);
                    FUZZ_CHECK(!"the <seg> holds the text written");
                }
                xmlFree(got);
                tuv = next_element(tuv->next, "tuv");
            }
            FUZZ_CHECK(tuv == NULL);
            tu = next_element(tu->next, "tu");
        }
        for (size_t k = 0; k < 3; k++)
            tma_buf_free(&texts[k]);
    }
    FUZZ_CHECK(tu == NULL);
    tma_buf_free(&want);
    xmlFreeDoc(xml);
}

/* Removes every file in the output folder; returns how many there were. */
static size_t clear_dir(void)
{
    DIR *d = opendir(dir);
    size_t n = 0;
    FUZZ_CHECK(d != NULL);
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
        n++;
    }
    closedir(d);
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    size_t nlangs = 2 + (data[0] & 1);
    const char *const *order = ORDERS[(data[0] >> 1) % 6];
    /* Parts at 0xFF bytes. */
    const uint8_t *part[4];
    size_t part_len[4], parts = 0;
    size_t from = 1;
    for (size_t i = 1; i <= size && parts < 4; i++) {
        if (i == size || data[i] == 0xFF) {
            part[parts] = data + from;
            part_len[parts++] = i - from;
            from = i + 1;
        }
    }
    char source_name[256] = "fuzz-src.txt";
    if (parts > nlangs && part_len[nlangs] > 0) {
        size_t n = part_len[nlangs] < sizeof source_name ? part_len[nlangs] : sizeof source_name - 1;
        memcpy(source_name, part[nlangs], n);
        source_name[n] = '\0';
        for (size_t i = 0; i < n; i++) {
            if (source_name[i] == '/')
                source_name[i] = '_';
        }
        if (source_name[0] == '\0')
            snprintf(source_name, sizeof source_name, "fuzz-src.txt");
    }

    tma_worker *w = fuzz_worker();
    tma_doc *docs[3] = {0};
    tma_story *story = NULL;
    tma_error err = {0};
    for (size_t k = 0; k < nlangs; k++) {
        size_t p = parts > 0 ? k % parts : 0;
        const char *name = k == 0 ? source_name : order[k];
        if (tma_doc_read_mem(&docs[k], w, name, (const char *)part[p], part_len[p], order[k],
                             &err) < 0)
            goto cleanup;
    }
    if (tma_story_align(&story, w, docs, nlangs, &err) < 0) {
        fuzz_check_error(err.code, &err);
        FUZZ_CHECK(err.code == TMA_ERR_NOMEM);
        goto cleanup;
    }
    char path[128];
    snprintf(path, sizeof path, "%s/out.tmx", out_dir());
    tma_tmx_options options = TMA_TMX_OPTIONS_INIT;
    options.creation_time = 0;
    int rc = tma_story_write_tmx(story, w, path, &options, &err);
    if (rc < 0) {
        fprintf(stderr, "cannot write TMX: %s\n", err.message);
        FUZZ_CHECK(rc == 0);
    }
    size_t all[3] = {0, 1, 2}, unit_count;
    const tma_unit *units = tma_story_units(story, &unit_count);
    check_file(path, story, units, unit_count, all, nlangs);
    size_t files = 1;
    for (size_t a = 0; a < nlangs && nlangs > 2; a++) {
        for (size_t b = a + 1; b < nlangs; b++) {
            char pair_path[160];
            tma_unit *pair;
            size_t pair_count;
            size_t langs[2] = {a, b};
            FUZZ_CHECK(tma_tmx_pair_path(pair_path, sizeof pair_path, path, order[a], order[b],
                                         &err) == 0);
            FUZZ_CHECK(tma_story_pair_units(&pair, &pair_count, story, a, b, &err) == 0);
            check_file(pair_path, story, pair, pair_count, langs, 2);
            free(pair);
            files++;
        }
    }
    /* Only the files themselves: no temporary file is left behind. */
    FUZZ_CHECK(clear_dir() == files);
cleanup:
    tma_story_free(story);
    for (size_t k = 0; k < 3; k++)
        tma_doc_free(docs[k]);
    return 0;
}
