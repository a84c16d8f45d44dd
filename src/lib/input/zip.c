/* A .docx or .odt's zip container, through libzip, opened from memory. A zip archive is outside
 * input like any other: its member count is capped, each member is unpacked only as far as
 * TMA_INPUT_MAX_MEMBER_BYTES (counted as it inflates, whatever the archive says of its size) and
 * all of them together only as far as TMA_MAX_INPUT_BYTES, so that a zip bomb costs bounded time
 * and memory. A member's XML is parsed as it unpacks, with no network, no DTD loaded and no
 * entity expanded (XML_PARSE_NONET, none of NOENT, DTDLOAD, DTDATTR, XINCLUDE): a document type
 * declaration or an entity, which no word processor writes, is refused. */
#include "error.h"
#include "internal.h"
#include "xmlin.h"

#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <zip.h>

static int damaged(const tma_input_zip *z, tma_error *err, const char *detail)
{
    return tma_error_set(err, TMA_ERR_INPUT, z->name, 0, 0,
                         "is a damaged %s file (%s); open it in Word or LibreOffice and save it "
                         "again",
                         z->format, detail);
}

int tma_input_zip_open(tma_input_zip *z, const char *name, const char *format, const char *data,
                       size_t len, tma_error *err)
{
    *z = (tma_input_zip){.name = name, .format = format};
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    if (src == NULL) {
        zip_error_fini(&ze);
        return tma_error_nomem(err, "opening a zip archive");
    }
    z->za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
    if (z->za == NULL) {
        zip_source_free(src);
        int code = zip_error_code_zip(&ze);
        char detail[96];
        snprintf(detail, sizeof detail, "%s", zip_error_strerror(&ze));
        zip_error_fini(&ze);
        if (code == ZIP_ER_MEMORY)
            return tma_error_nomem(err, "opening a zip archive");
        return damaged(z, err, detail);
    }
    zip_error_fini(&ze);
    zip_int64_t n = zip_get_num_entries(z->za, 0);
    if (n < 0 || n > TMA_INPUT_MAX_MEMBERS)
        return tma_error_set(err, TMA_ERR_LIMIT, name, 0, 0,
                             "is a zip archive of more than %d files, more than any %s file "
                             "holds; give the story's document itself",
                             TMA_INPUT_MAX_MEMBERS, format);
    return 0;
}

int tma_input_zip_has(const tma_input_zip *z, const char *member)
{
    return z->za != NULL && zip_name_locate(z->za, member, 0) >= 0;
}

void tma_input_zip_close(tma_input_zip *z)
{
    if (z->za != NULL)
        zip_discard(z->za);
    z->za = NULL;
}

/* Opens MEMBER for reading: the file, NULL with *rc 1 when there is none, or NULL with *rc a
 * negative status. */
static zip_file_t *open_member(tma_input_zip *z, const char *member, int *rc, tma_error *err)
{
    *rc = 1;
    zip_int64_t index = zip_name_locate(z->za, member, 0);
    if (index < 0)
        return NULL;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z->za, (zip_uint64_t)index, 0, &st) == 0 &&
        (st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
        *rc = tma_error_set(err, TMA_ERR_INPUT, z->name, 0, 0,
                            "is a %s file whose %s is encrypted; remove the password and save it "
                            "again",
                            z->format, member);
        return NULL;
    }
    zip_file_t *zf = zip_fopen_index(z->za, (zip_uint64_t)index, 0);
    if (zf == NULL) {
        zip_error_t *ze = zip_get_error(z->za);
        if (zip_error_code_zip(ze) == ZIP_ER_MEMORY) {
            *rc = tma_error_nomem(err, "opening a zip archive");
            return NULL;
        }
        char detail[160];
        snprintf(detail, sizeof detail, "%s: %s", member, zip_error_strerror(ze));
        *rc = damaged(z, err, detail);
        return NULL;
    }
    *rc = 0;
    return zf;
}

/* Counts N more bytes unpacked from MEMBER, READ so far: 0, or -1 past a cap. */
static int count_inflated(tma_input_zip *z, size_t *read, size_t n)
{
    *read += n;
    z->inflated += n;
    return *read > TMA_INPUT_MAX_MEMBER_BYTES || z->inflated > TMA_MAX_INPUT_BYTES ? -1 : 0;
}

static int too_big(const tma_input_zip *z, const char *member, tma_error *err)
{
    return tma_error_set(
        err, TMA_ERR_LIMIT, z->name, 0, 0,
        "is a %s file whose %s unpacks to more than %zu MiB, more than tmalign "
        "reads as one story; split the document",
        z->format, member,
        (z->inflated > TMA_MAX_INPUT_BYTES ? TMA_MAX_INPUT_BYTES : TMA_INPUT_MAX_MEMBER_BYTES) >>
            20);
}

int tma_input_zip_read(tma_input_zip *z, const char *member, size_t cap, int whole, tma_buf *out,
                       tma_error *err)
{
    int rc;
    zip_file_t *zf = open_member(z, member, &rc, err);
    if (zf == NULL)
        return rc;
    size_t read = 0;
    char chunk[16384];
    for (;;) {
        size_t want = sizeof chunk;
        if (!whole && cap - read < want)
            want = cap - read;
        if (want == 0)
            break;
        zip_int64_t n = zip_fread(zf, chunk, want);
        if (n < 0) {
            char detail[160];
            snprintf(detail, sizeof detail, "%s: %s", member,
                     zip_error_strerror(zip_file_get_error(zf)));
            rc = damaged(z, err, detail);
            break;
        }
        if (n == 0)
            break;
        if (count_inflated(z, &read, (size_t)n) < 0) {
            rc = too_big(z, member, err);
            break;
        }
        if (whole && read > cap) {
            rc = tma_error_set(err, TMA_ERR_LIMIT, z->name, 0, 0,
                               "is a %s file whose %s unpacks to more than %zu KiB, more than "
                               "any document holds; save the document again",
                               z->format, member, cap >> 10);
            break;
        }
        if (tma_buf_append(out, chunk, (size_t)n) < 0) {
            rc = tma_error_nomem(err, "reading a zip archive");
            break;
        }
    }
    zip_fclose(zf);
    return rc;
}

/* ---- XML members --------------------------------------------------------------------------- */

static int xml_read(void *context, char *buffer, int len)
{
    tma_input_zip_xml *x = context;
    if (x->failure != 0)
        return -1;
    zip_int64_t n = zip_fread(x->zf, buffer, (zip_uint64_t)len);
    if (n < 0) {
        x->failure = 1;
        snprintf(x->problem, sizeof x->problem, "%s",
                 zip_error_strerror(zip_file_get_error(x->zf)));
        return -1;
    }
    if (count_inflated(x->z, &x->read, (size_t)n) < 0) {
        x->failure = 2;
        return -1;
    }
    return (int)n;
}

static void xml_problem(void *context, xmlErrorPtr e)
{
    tma_input_zip_xml *x = context;
    (void)tma_xml_keep_problem(x->problem, sizeof x->problem, e);
}

int tma_input_zip_xml_open(tma_input_zip_xml *x, tma_input_zip *z, const char *member,
                           tma_error *err)
{
    *x = (tma_input_zip_xml){.z = z, .member = member};
    int rc;
    x->zf = open_member(z, member, &rc, err);
    if (x->zf == NULL)
        return rc;
    tma_xml_quiet_begin(&x->quiet, x, xml_problem);
    x->quiet_set = 1;
    x->reader = tma_xml_quiet_reader(xml_read, x, member, xml_problem);
    return x->reader == NULL ? tma_error_nomem(err, "reading XML") : 0;
}

static int xml_failed(tma_input_zip_xml *x, tma_error *err)
{
    if (x->failure == 2)
        return too_big(x->z, x->member, err);
    char detail[200];
    snprintf(detail, sizeof detail, "%s is not well-formed XML: %s", x->member,
             x->problem[0] ? x->problem : "unreadable");
    return damaged(x->z, err, detail);
}

int tma_input_zip_xml_next(tma_input_zip_xml *x, tma_error *err)
{
    for (;;) {
        int rc = 1;
        if (x->positioned)
            x->positioned = 0;
        else
            rc = xmlTextReaderRead(x->reader);
        if (rc == 0)
            return 0;
        if (rc < 0)
            return xml_failed(x, err);
        int type = xmlTextReaderNodeType(x->reader);
        switch (type) {
        case XML_READER_TYPE_ELEMENT:
        case XML_READER_TYPE_END_ELEMENT:
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_WHITESPACE:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
            return type;
        case XML_READER_TYPE_DOCUMENT_TYPE:
        case XML_READER_TYPE_ENTITY:
        case XML_READER_TYPE_ENTITY_REFERENCE:
        case XML_READER_TYPE_NOTATION:
            return tma_error_set(err, TMA_ERR_INPUT, x->z->name, 0, 0,
                                 "is a %s file whose %s declares a document type or an entity, "
                                 "which no word processor writes; open it in Word or LibreOffice "
                                 "and save it again",
                                 x->z->format, x->member);
        default:
            continue;
        }
    }
}

int tma_input_zip_xml_skip(tma_input_zip_xml *x, tma_error *err)
{
    if (xmlTextReaderIsEmptyElement(x->reader) == 1)
        return 0;
    int rc = xmlTextReaderNext(x->reader);
    if (rc < 0)
        return xml_failed(x, err);
    /* On what follows the element (or at the end: the next read returns 0 again). */
    x->positioned = rc == 1;
    return 0;
}

void tma_input_zip_xml_close(tma_input_zip_xml *x)
{
    if (x->reader != NULL)
        xmlFreeTextReader(x->reader);
    if (x->zf != NULL)
        zip_fclose(x->zf);
    if (x->quiet_set)
        tma_xml_quiet_end(&x->quiet);
    x->reader = NULL;
    x->zf = NULL;
    x->quiet_set = 0;
}

int tma_input_zip_xml_is(const tma_input_zip_xml *x, const char *ns, const char *ns2,
                         const char *local)
{
    const char *name = (const char *)xmlTextReaderConstLocalName(x->reader);
    if (name == NULL || strcmp(name, local) != 0)
        return 0;
    const char *uri = (const char *)xmlTextReaderConstNamespaceUri(x->reader);
    return uri != NULL && (strcmp(uri, ns) == 0 || (ns2 != NULL && strcmp(uri, ns2) == 0));
}
