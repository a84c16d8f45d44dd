/* The files tests/unit/test_input.c reads, made in memory: zip archives (a .docx of a given body
 * and notes, an .odt of a given office:text, any members), a member libzip writes without holding
 * it (a zip bomb's), and the OLE2 container of a Word 97-2003 file. */
#ifndef TMA_TEST_INPUT_FILES_H
#define TMA_TEST_INPUT_FILES_H

#include "check.h"

#include <stdlib.h>
#include <string.h>

#include <zip.h>

/* A zip archive's bytes. */
typedef struct archive {
    char *data;
    size_t len;
} archive;

/* Writes the archive ZA, opened on the buffer source SRC (kept), and takes its bytes out. */
static archive closed_zip(zip_t *za, zip_source_t *src)
{
    archive a = {NULL, 0};
    zip_stat_t st;
    CHECK(zip_close(za) == 0);
    CHECK(zip_source_stat(src, &st) == 0 && zip_source_open(src) == 0);
    a.len = (size_t)st.size;
    a.data = malloc(a.len ? a.len : 1);
    CHECK(a.data != NULL && zip_source_read(src, a.data, st.size) == (zip_int64_t)st.size);
    zip_source_close(src);
    zip_source_free(src);
    return a;
}

/* A zip archive made in memory: the members NAMES[k] with the texts TEXTS[k]. */

static archive make_zip(const char *const *names, const char *const *texts, size_t count)
{
    archive a = {NULL, 0};
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
    CHECK(za != NULL);
    if (za == NULL)
        return a;
    zip_source_keep(src);
    for (size_t k = 0; k < count; k++) {
        zip_source_t *m = zip_source_buffer(za, texts[k], strlen(texts[k]), 0);
        CHECK(m != NULL && zip_file_add(za, names[k], m, ZIP_FL_ENC_UTF_8) >= 0);
    }
    zip_error_fini(&ze);
    return closed_zip(za, src);
}

#define W_NS  "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define MC_NS "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\""

/* A .docx whose body is BODY, with FOOTNOTES and ENDNOTES (the notes' elements) when not NULL. */
static archive make_docx(const char *body, const char *footnotes, const char *endnotes)
{
    static char doc[65536], fn[16384], en[16384];
    snprintf(doc, sizeof doc,
             "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
             "<w:document " W_NS " " MC_NS "><w:body>%s<w:sectPr/></w:body></w:document>",
             body);
    const char *names[4] = {"[Content_Types].xml", "word/document.xml"};
    const char *texts[4] = {"<?xml version=\"1.0\"?><Types/>", doc};
    size_t n = 2;
    if (footnotes != NULL) {
        snprintf(fn, sizeof fn, "<?xml version=\"1.0\"?><w:footnotes " W_NS ">%s</w:footnotes>",
                 footnotes);
        names[n] = "word/footnotes.xml";
        texts[n++] = fn;
    }
    if (endnotes != NULL) {
        snprintf(en, sizeof en, "<?xml version=\"1.0\"?><w:endnotes " W_NS ">%s</w:endnotes>",
                 endnotes);
        names[n] = "word/endnotes.xml";
        texts[n++] = en;
    }
    return make_zip(names, texts, n);
}

#define ODT_NS                                                                                     \
    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "                           \
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "                               \
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "                             \
    "xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" "                            \
    "xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" "                      \
    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\""

static archive make_odt(const char *text)
{
    static char content[65536];
    snprintf(content, sizeof content,
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content " ODT_NS
             "><office:body><office:text>%s</office:text></office:body>"
             "</office:document-content>",
             text);
    const char *names[] = {"mimetype", "content.xml", "META-INF/manifest.xml"};
    const char *texts[] = {"application/vnd.oasis.opendocument.text", content,
                           "<?xml version=\"1.0\"?><manifest/>"};
    return make_zip(names, texts, 3);
}

/* A Word 97-2003 file's OLE2 container, as tests/input/make-docs.py writes one: the header, a
 * FAT sector and a directory sector naming STREAM. */
static size_t make_ole2(unsigned char *out, const char *stream)
{
    memset(out, 0, 512 * 3);
    memcpy(out, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    out[0x18] = 0x3E, out[0x1A] = 3, out[0x1C] = 0xFE, out[0x1D] = 0xFF, out[0x1E] = 9;
    out[0x20] = 6;
    out[0x2C] = 1;                         /* one FAT sector */
    out[0x30] = 1;                         /* the directory at sector 1 */
    memset(out + 0x4C + 4, 0xFF, 108 * 4); /* DIFAT: sector 0, then free */
    unsigned char *fat = out + 512;
    memset(fat, 0xFF, 512);
    memcpy(fat, "\xFD\xFF\xFF\xFF\xFE\xFF\xFF\xFF", 8);
    unsigned char *dir = out + 1024;
    const char *names[2] = {"Root Entry", stream};
    for (int e = 0; e < 2; e++) {
        unsigned char *d = dir + 128 * e;
        size_t n = strlen(names[e]);
        for (size_t k = 0; k < n; k++)
            d[2 * k] = (unsigned char)names[e][k];
        d[0x40] = (unsigned char)(2 * (n + 1));
        d[0x42] = e == 0 ? 5 : 2;
    }
    return 512 * 3;
}

/* libzip's source of a member of SIZE bytes, which it never holds: HEAD, then comments of "a"s
 * (text a parser reads at once without a node for each, within libxml2's limits on one node). */
typedef struct fill {
    zip_uint64_t size, done;
    const char *head;
    zip_error_t error;
} fill;

static zip_int64_t fill_source(void *state, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
    fill *f = state;
    switch (cmd) {
    case ZIP_SOURCE_OPEN:
        f->done = 0;
        return 0;
    case ZIP_SOURCE_READ: {
        char *out = data;
        zip_uint64_t n = f->size - f->done < len ? f->size - f->done : len;
        size_t head = strlen(f->head);
        for (zip_uint64_t k = 0; k < n; k++, f->done++) {
            zip_uint64_t at = f->done;
            if (at < head) {
                out[k] = f->head[at];
                continue;
            }
            /* "<!--", 65536 "a"s, "-->", again and again. */
            zip_uint64_t i = (at - head) % (65536 + 7);
            out[k] = i < 4 ? "<!--"[i] : i < 65536 + 4 ? 'a' : "-->"[i - 65536 - 4];
        }
        return (zip_int64_t)n;
    }
    case ZIP_SOURCE_STAT: {
        zip_stat_t *st = data;
        zip_stat_init(st);
        st->size = f->size;
        st->valid |= ZIP_STAT_SIZE;
        return sizeof *st;
    }
    case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                              ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
                                              -1);
    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&f->error, data, len);
    default:
        return 0;
    }
}

#endif
