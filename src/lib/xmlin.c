#define _POSIX_C_SOURCE 200809L
#include "xmlin.h"

#include "buf.h"
#include "error.h"
#include "text.h"

#include <errno.h>
#include <limits.h>
#include <unistd.h>

#include <libxml/globals.h>
#include <libxml/parser.h>

static void ignore_message(void *context, const char *message, ...)
{
    (void)context;
    (void)message;
}

void tma_xml_quiet_begin(tma_xml_quiet *saved, void *context, xmlStructuredErrorFunc handler)
{
    /* Thread-local in libxml2 built with threads, as Debian's is. */
    saved->handler = xmlStructuredError;
    saved->context = xmlStructuredErrorContext;
    saved->generic = xmlGenericError;
    saved->generic_context = xmlGenericErrorContext;
    xmlSetStructuredErrorFunc(context, handler);
    xmlSetGenericErrorFunc(NULL, ignore_message);
}

void tma_xml_quiet_end(const tma_xml_quiet *saved)
{
    xmlSetStructuredErrorFunc(saved->context, saved->handler);
    xmlSetGenericErrorFunc(saved->generic_context, saved->generic);
}

/* A whole file's complaints: a file that is not well-formed gives no document, which the caller
 * reports. */
static void ignore_error(void *context, xmlErrorPtr e)
{
    (void)context;
    (void)e;
}

int tma_xml_read_written(xmlDocPtr *out, const char *path, size_t cap, tma_error *err)
{
    *out = NULL;
    tma_buf data = TMA_BUF_INIT;
    int rc = tma_text_read_written(&data, path, cap, err);
    if (rc < 0)
        return rc;
    tma_xml_quiet quiet;
    tma_xml_quiet_begin(&quiet, NULL, ignore_error);
    xmlDocPtr doc = data.len > INT_MAX ? NULL
                                       : xmlReadMemory(data.data, (int)data.len, path, NULL,
                                                       XML_PARSE_NONET | XML_PARSE_NOBLANKS |
                                                           XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    tma_xml_quiet_end(&quiet);
    tma_buf_free(&data);
    if (doc != NULL && (doc->intSubset != NULL || doc->extSubset != NULL)) {
        xmlFreeDoc(doc);
        return tma_error_about(err, "force",
                               tma_error_set(err, TMA_ERR_INPUT, path, 0, 0,
                                             "has a document type declaration, which tmalign "
                                             "never writes; align the story again"));
    }
    *out = doc;
    return 0;
}

static int stream_read(void *context, char *buffer, int len)
{
    tma_xml_stream *s = context;
    ssize_t n;
    do
        n = read(s->fd, buffer, (size_t)len);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return -1;
    s->bytes_read += (size_t)n;
    /* The size was checked when the file was opened; one that grows while read is refused. */
    return s->bytes_read > s->cap ? -1 : (int)n;
}

int tma_xml_keep_problem(char *dst, size_t size, const xmlError *e)
{
    if (dst[0] != '\0' || e == NULL || e->level < XML_ERR_ERROR)
        return 0;
    /* libxml2's message, on one line and without its closing line break. */
    size_t n = 0;
    for (const char *m = e->message ? e->message : "malformed"; *m && n + 1 < size; m++)
        dst[n++] = (unsigned char)*m < 0x20 ? ' ' : *m;
    while (n > 0 && dst[n - 1] == ' ')
        n--;
    dst[n] = '\0';
    return 1;
}

static void stream_problem(void *context, xmlErrorPtr e)
{
    tma_xml_stream *s = context;
    if (!tma_xml_keep_problem(s->problem, sizeof s->problem, e))
        return;
    s->problem_line = e->line;
    s->problem_column = e->int2;
}

/* A complaint libxml2 gives the thread's handler (an encoding that cannot convert the bytes). */
static void stream_problem_global(void *context, xmlErrorPtr e)
{
    tma_xml_stream *s = context;
    (void)tma_xml_keep_problem(s->problem, sizeof s->problem, e);
}

int tma_xml_stream_open(tma_xml_stream *s, const char *path, size_t cap, const char *remedy,
                        tma_error *err)
{
    *s = (tma_xml_stream){.path = path, .remedy = remedy, .fd = -1, .cap = cap};
    int fd = tma_text_open_written(path, cap, err);
    if (fd < 0)
        return fd;
    s->fd = fd;
    tma_xml_quiet_begin(&s->quiet, s, stream_problem_global);
    s->quiet_set = 1;
    s->reader = tma_xml_quiet_reader(stream_read, s, path, stream_problem);
    return s->reader == NULL ? tma_error_nomem(err, "reading XML") : 0;
}

xmlTextReaderPtr tma_xml_quiet_reader(xmlInputReadCallback read, void *context, const char *name,
                                      xmlStructuredErrorFunc problem)
{
    xmlTextReaderPtr reader = xmlReaderForIO(read, NULL, context, name, NULL,
                                             XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                 XML_PARSE_NOWARNING);
    if (reader != NULL)
        xmlTextReaderSetStructuredErrorHandler(reader, problem, context);
    return reader;
}

int tma_xml_stream_next(tma_xml_stream *s, tma_error *err)
{
    for (;;) {
        int rc = xmlTextReaderRead(s->reader);
        if (rc == 0)
            return 0;
        if (rc < 0) {
            if (s->bytes_read > s->cap)
                return tma_error_set(err, TMA_ERR_LIMIT, s->path, 0, 0,
                                     "grew past %zu MiB while read, more than tmalign writes "
                                     "there",
                                     s->cap >> 20);
            return tma_error_set(err, TMA_ERR_INPUT, s->path, s->problem_line,
                                 s->problem_column,
                                 "is not well-formed XML (%s); %s",
                                 s->problem[0] ? s->problem : "unreadable", s->remedy);
        }
        switch (xmlTextReaderNodeType(s->reader)) {
        case XML_READER_TYPE_COMMENT:
        case XML_READER_TYPE_PROCESSING_INSTRUCTION:
        case XML_READER_TYPE_XML_DECLARATION:
            continue;
        case XML_READER_TYPE_DOCUMENT_TYPE:
        case XML_READER_TYPE_ENTITY:
        case XML_READER_TYPE_ENTITY_REFERENCE:
        case XML_READER_TYPE_NOTATION:
            return tma_xml_stream_refuse(s, err,
                                         "declares a document type or an entity, which tmalign "
                                         "never writes");
        default:
            return 1;
        }
    }
}

int tma_xml_stream_refuse(tma_xml_stream *s, tma_error *err, const char *what)
{
    /* The line where the node starts (its element's, for an attribute or a namespace
     * declaration, which is no node of the tree); the parser itself has read further. */
    xmlNodePtr node = NULL;
    if (s->reader != NULL) {
        xmlTextReaderMoveToElement(s->reader);
        node = xmlTextReaderCurrentNode(s->reader);
    }
    long line = node != NULL ? xmlGetLineNo(node) : 0;
    if (line <= 0 && s->reader != NULL) /* a document type declaration: where it ends */
        line = xmlTextReaderGetParserLineNumber(s->reader);
    return tma_error_set(err, TMA_ERR_INPUT, s->path, line > 0 ? line : 0, 0, "%s; %s", what,
                         s->remedy);
}

void tma_xml_stream_close(tma_xml_stream *s)
{
    if (s->reader != NULL)
        xmlFreeTextReader(s->reader);
    if (s->fd >= 0)
        close(s->fd);
    if (s->quiet_set)
        tma_xml_quiet_end(&s->quiet);
    s->reader = NULL;
    s->fd = -1;
    s->quiet_set = 0;
}
