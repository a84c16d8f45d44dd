/* XML that tmalign reads back: its own files, which a merge takes from folders anyone may have
 * handed over. */
#ifndef TMA_XMLIN_H
#define TMA_XMLIN_H

#include "tmalign.h"

#include <libxml/tree.h>
#include <libxml/xmlreader.h>

/* Reads PATH as a file tmalign wrote (tma_text_read_written: a regular file of at most CAP
 * bytes) and parses it with no network, no DTD loaded and no entity expanded, and nothing
 * printed by libxml2. A document type declaration, which tmalign never writes, is refused before
 * anything of the content is read (an entity could expand a small file into gigabytes). Returns
 * 0 with the document in *out (free it with xmlFreeDoc), or NULL there when PATH is not
 * well-formed, which the caller reports in its own words; or a negative tma_status. */
int tma_xml_read_written(xmlDocPtr *out, const char *path, size_t cap, tma_error *err);

/* Keeps E, libxml2's complaint, in DST of SIZE bytes as one line, when it is an error and DST holds
 * none yet (the first error is the one that tells). Returns 1 when it was kept. */
int tma_xml_keep_problem(char *dst, size_t size, const xmlError *e);

/* libxml2 reports some errors with no parser to tie them to (an encoding's conversion failing
 * on a file's bytes) to the thread's global handler, and a few ("xmlParseChunk:
 * encoder error") as bare messages, both of which print: the library never prints. Between
 * tma_xml_quiet_begin and _end (on the same thread) the errors go to HANDLER with CONTEXT and
 * the messages nowhere; the handlers the thread had are kept in *SAVED and put back. */
typedef struct tma_xml_quiet {
    xmlStructuredErrorFunc handler;
    void *context;
    xmlGenericErrorFunc generic; /* and the one of messages with no error at all */
    void *generic_context;
} tma_xml_quiet;

void tma_xml_quiet_begin(tma_xml_quiet *saved, void *context, xmlStructuredErrorFunc handler);
void tma_xml_quiet_end(const tma_xml_quiet *saved);

/* A node-by-node reader of the XML that READ (with CONTEXT) gives, NAME in its messages: no
 * network, no entity expanded, no DTD loaded, nothing printed; its errors go to PROBLEM with
 * CONTEXT. NULL when out of memory. */
xmlTextReaderPtr tma_xml_quiet_reader(xmlInputReadCallback read, void *context, const char *name,
                                      xmlStructuredErrorFunc problem);

/* A file tmalign wrote, read node by node as tma_xml_read_written reads it whole: memory stays
 * that of one node's text however large the file. Stays where tma_xml_stream_open put it (the
 * parser holds its address). */
typedef struct tma_xml_stream {
    xmlTextReaderPtr reader;
    const char *path;   /* borrowed */
    const char *remedy; /* what the user can do about a refusal (borrowed) */
    int fd;
    size_t bytes_read, cap;
    /* libxml2's first complaint, kept instead of printed. */
    char problem[160];
    long problem_line, problem_column;
    tma_xml_quiet quiet; /* the thread's handlers, while the stream is open */
    int quiet_set;
} tma_xml_stream;

/* Opens PATH (a regular file of at most CAP bytes, not a symbolic link). REMEDY ends the message
 * of a refusal ("give the folder as tmalign wrote it"). Returns 0, or a negative tma_status with
 * *err filled; S needs tma_xml_stream_close either way. */
int tma_xml_stream_open(tma_xml_stream *s, const char *path, size_t cap, const char *remedy,
                        tma_error *err);

/* Moves to the next node that carries content: elements, their ends and text (comments and
 * processing instructions are passed over). Returns 1 there, 0 at the end of the document, or a
 * negative tma_status: the file is not well-formed, grew past its cap or declares a document
 * type, with its place in *err. */
int tma_xml_stream_next(tma_xml_stream *s, tma_error *err);

/* Fills *err with TMA_ERR_INPUT at the current node's line in the file: "PATH:LINE: WHAT;
 * REMEDY". Returns TMA_ERR_INPUT. */
int tma_xml_stream_refuse(tma_xml_stream *s, tma_error *err, const char *what);

void tma_xml_stream_close(tma_xml_stream *s);

#endif
