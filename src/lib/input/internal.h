/* What the readers of src/lib/input/ share: the paragraph writer (input.c) and the zip
 * container (zip.c). Not for use outside the module. */
#ifndef TMA_INPUT_INTERNAL_H
#define TMA_INPUT_INTERNAL_H

#include "buf.h"
#include "input.h"
#include "tmalign.h"
#include "xmlin.h"

#include <libxml/xmlreader.h>

/* ---- The paragraph writer ------------------------------------------------------------------ */

/* How text is written. */
typedef enum tma_input_sink_mode {
    TMA_INPUT_SINK_COLLAPSE, /* as a browser shows HTML and ODF its paragraphs: each run of ASCII
                              * white space is one space, none at the start or end of a line */
    TMA_INPUT_SINK_LITERAL,  /* as it is (a .docx's w:t), but a line end is a space */
    TMA_INPUT_SINK_PRE,      /* as it is, a line end a line break (HTML's <pre>) */
} tma_input_sink_mode;

/* Paragraphs nest (a note's or text box's inside the paragraph that cites it); nested deeper than
 * this they are written at the deepest level. */
#define TMA_INPUT_SINK_LEVELS 8

typedef struct tma_input_sink_level {
    tma_buf text;      /* the paragraph being written */
    tma_buf after;     /* paragraphs that follow it once it ends (notes, text boxes), written */
    size_t line_start; /* where its current line starts in TEXT */
    int line_has_text; /* the current line holds a character that is not white space */
    int has_text;      /* the paragraph does */
    int space;         /* white space seen since the last character written (collapse mode) */
    int joined;        /* ended with its mark deleted: the next paragraph goes on with it */
} tma_input_sink_level;

/* Writes text as paragraphs into OUT: plain UTF-8, paragraphs separated by a blank line, lines
 * inside a paragraph by "\n", none blank or with white space at its end. Level 0 is the page:
 * HTML writes there and breaks it into paragraphs (tma_input_sink_break); the XML formats open a
 * paragraph per element (tma_input_sink_open) and end it (tma_input_sink_close), and one opened
 * inside another is written after it. */
typedef struct tma_input_sink {
    tma_buf out;
    tma_input_sink_level level[TMA_INPUT_SINK_LEVELS];
    size_t open;  /* paragraphs open (level min(open, TMA_INPUT_SINK_LEVELS - 1) is written) */
    size_t total; /* bytes held, against TMA_MAX_INPUT_BYTES */
    int status;   /* 0, or the first failure: TMA_ERR_NOMEM or TMA_ERR_LIMIT */
} tma_input_sink;

/* Each of these returns 0, or -1 once the sink has failed (see status): the caller stops and
 * reports it with tma_input_sink_fail. */
int tma_input_sink_text(tma_input_sink *s, const char *text, size_t len, tma_input_sink_mode mode);
/* N spaces that stay (ODF's text:s), after the white space before them. */
int tma_input_sink_spaces(tma_input_sink *s, size_t n);
/* A line break (<br>); a second one with nothing between ends the paragraph. */
int tma_input_sink_line_break(tma_input_sink *s);
/* Ends the paragraph being written at the current level and starts another there. */
int tma_input_sink_break(tma_input_sink *s);
/* Opens a paragraph inside the current one (or at the page, level 0). */
int tma_input_sink_open(tma_input_sink *s);
/* Ends the paragraph opened last; with JOIN (its mark is deleted) the next paragraph opened at
 * its level goes on with its text. */
int tma_input_sink_close(tma_input_sink *s, int join);
/* Adds LEN bytes of finished paragraphs (separated by blank lines) after the paragraph being
 * written: a note's text at its citation. */
int tma_input_sink_after(tma_input_sink *s, const char *paragraphs, size_t len);
/* Ends every open paragraph; OUT then holds the whole text, "\n" after the last paragraph (and
 * nothing when there is no text). */
int tma_input_sink_finish(tma_input_sink *s);
/* Fills *err for the sink's failure, for the file NAME. Returns that status. */
int tma_input_sink_fail(const tma_input_sink *s, const char *name, tma_error *err);
void tma_input_sink_free(tma_input_sink *s);

/* ---- Zip containers ------------------------------------------------------------------------ */

typedef struct zip tma_input_zip_archive; /* libzip's zip_t */

/* An archive opened from memory, members read through caps. */
typedef struct tma_input_zip {
    tma_input_zip_archive *za;
    const char *name;   /* the file, for messages (borrowed) */
    const char *format; /* ".docx", ".odt": for messages */
    size_t inflated;    /* bytes unpacked so far, all members */
} tma_input_zip;

/* Opens LEN bytes at DATA as a zip archive. Refuses a damaged archive (TMA_ERR_INPUT) and one
 * with more than TMA_INPUT_MAX_MEMBERS members (TMA_ERR_LIMIT), naming NAME as a FORMAT file.
 * Z needs tma_input_zip_close either way. */
int tma_input_zip_open(tma_input_zip *z, const char *name, const char *format, const char *data,
                       size_t len, tma_error *err);

/* 1 if the archive has the member MEMBER. */
int tma_input_zip_has(const tma_input_zip *z, const char *member);

/* Appends at most CAP bytes of MEMBER to OUT: 0, 1 when there is no such member, or a negative
 * status (damaged, encrypted, more than CAP bytes when WHOLE). */
int tma_input_zip_read(tma_input_zip *z, const char *member, size_t cap, int whole, tma_buf *out,
                       tma_error *err);

void tma_input_zip_close(tma_input_zip *z);

/* A member's XML, read node by node as it unpacks, with no network, no DTD and no entity. */
typedef struct tma_input_zip_xml {
    xmlTextReaderPtr reader;
    struct zip_file *zf;
    tma_input_zip *z;
    const char *member;
    size_t read;         /* bytes unpacked */
    int failure;         /* 1: libzip failed; 2: past TMA_INPUT_MAX_MEMBER_BYTES */
    int positioned;      /* the reader is on a node next has not returned yet (after a skip) */
    char problem[128];   /* libzip's or libxml2's first complaint */
    tma_xml_quiet quiet; /* libxml2's errors go to PROBLEM while the member is open */
    int quiet_set;
} tma_input_zip_xml;

/* Opens MEMBER of Z for reading as XML: 0, 1 when there is no such member, or a negative
 * status. X needs tma_input_zip_xml_close either way. */
int tma_input_zip_xml_open(tma_input_zip_xml *x, tma_input_zip *z, const char *member,
                           tma_error *err);

/* Moves to the next element start, element end or text (white space between elements
 * included): returns its xmlReaderTypes value, 0 at the end, or a negative status when the
 * member is damaged, too large or declares a DTD or entity. */
int tma_input_zip_xml_next(tma_input_zip_xml *x, tma_error *err);

/* Passes over the element the reader is on, children and all (next returns what follows). */
int tma_input_zip_xml_skip(tma_input_zip_xml *x, tma_error *err);

void tma_input_zip_xml_close(tma_input_zip_xml *x);

/* 1 if the reader is on an element named LOCAL in namespace NS (or in NS2, when not NULL). */
int tma_input_zip_xml_is(const tma_input_zip_xml *x, const char *ns, const char *ns2,
                         const char *local);

#endif
