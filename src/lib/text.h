/* Reading text: raw bytes are validated first (so that error positions point into the file the
 * user has), then a BOM is stripped, line ends become "\n", the text is normalised to NFC and cut
 * into paragraphs at blank lines. A map from NFC offsets back to file offsets is kept. */
#ifndef TMA_TEXT_H
#define TMA_TEXT_H

#include "buf.h"
#include "tmalign.h"

#include <stddef.h>

typedef struct tma_span {
    size_t start; /* byte offset into the NFC text */
    size_t len;   /* bytes */
} tma_span;

/* An offset-map entry: from NFC offset nfc on, file offsets advance with NFC offsets. Each
 * stretch that reading changed (a dropped "\r", a segment that NFC made shorter or longer) has an
 * anchor at its start and one at its end; the two may share an NFC offset. */
typedef struct tma_offset_anchor {
    size_t nfc;
    size_t orig;
} tma_offset_anchor;

typedef struct tma_text {
    char *data;                 /* NFC text with "\n" line ends, len bytes, NUL after (owned) */
    size_t len;                 /* bytes */
    size_t orig_len;            /* bytes of the file as read */
    tma_offset_anchor *anchors; /* sorted by nfc; anchors[0] is at nfc 0 (owned) */
    size_t anchor_count;
    tma_span *paragraphs; /* non-blank paragraphs in order, without the final "\n" (owned) */
    size_t paragraph_count;
    /* Characters that no TMX may hold (see tma_xml_allows), white space not counted: it becomes a
     * space. The first one's place in the file: 1-based line and byte column, 0 if none. */
    size_t forbidden;
    long forbidden_line, forbidden_column;
} tma_text;

#define TMA_TEXT_INIT                                                                              \
    {                                                                                              \
        NULL, 0, 0, NULL, 0, NULL, 0, 0, 0, 0                                                      \
    }

/* Reads the whole file PATH into *out (appending to it). Refuses folders, unreadable files and
 * files over TMA_MAX_INPUT_BYTES with a message naming PATH. */
int tma_text_read_file(tma_buf *out, const char *path, tma_error *err);

/* As tma_text_read_file, from FD, a file the caller opened (O_NONBLOCK or not) as PATH, which
 * messages name. Takes FD over: it is closed whatever the outcome. */
int tma_text_read_fd(tma_buf *out, int fd, const char *path, tma_error *err);

/* Reads PATH, a file tmalign wrote that comes back as input (a shard folder's manifest, TMX, QA
 * part, state), into OUT. Refused unless it is a regular file, not a symbolic link (to a private
 * file, say), of at most CAP bytes: a FIFO, a device or a huge file cannot hang or exhaust the
 * run. */
int tma_text_read_written(tma_buf *out, const char *path, size_t cap, tma_error *err);

/* Opens PATH as tma_text_read_written reads it, for reading in pieces: returns a descriptor
 * (blocking, close-on-exec) of a regular file of at most CAP bytes now, or a negative
 * tma_status with *err filled. */
int tma_text_open_written(const char *path, size_t cap, tma_error *err);

/* Validates and normalises LEN bytes at DATA; NAME stands for the file in messages. On success
 * fills *out (free with tma_text_free) and returns 0. Refuses, with line, column and byte:
 * invalid UTF-8, NUL bytes, UTF-16 or UTF-32 (by their byte order mark), and text that has no
 * paragraph at all (TMA_ERR_INPUT). */
int tma_text_load(tma_text *out, const char *name, const char *data, size_t len, tma_error *err);

/* Checks that LEN bytes at DATA, the file NAME, are UTF-8 without NUL bytes, as tma_text_load
 * does: 0, or TMA_ERR_INPUT with the line, column and byte of the first bad one (an HTML page
 * that names no other encoding is checked so). */
int tma_text_check_utf8(const char *name, const char *data, size_t len, tma_error *err);

/* The file offset where text that starts at NFC offset NFC_OFF starts (0 <= NFC_OFF <= t->len). */
size_t tma_text_orig_start(const tma_text *t, size_t nfc_off);

/* The file offset where text that ends at NFC offset NFC_OFF (exclusive) ends. */
size_t tma_text_orig_end(const tma_text *t, size_t nfc_off);

void tma_text_free(tma_text *t);

/* Decodes the code point at S[*i] (S valid UTF-8, *i < LEN) and advances *i past it. */
uint32_t tma_utf8_next(const char *s, size_t len, size_t *i);

/* Decodes the code point that ends at S[*i] (exclusive, *i > 0) and moves *i to its start. */
uint32_t tma_utf8_prev(const char *s, size_t *i);

/* Writes S[0..len) with every run of white space that holds a line break shown as one space, other
 * runs as they are, and none at either end, into
 * DST of SIZE bytes, NUL-terminated when SIZE > 0. Returns the length of the whole result without
 * the NUL, as snprintf does; it is never more than LEN. */
size_t tma_text_collapse(char *dst, size_t size, const char *s, size_t len);

/* The length in bytes of the longest prefix of S[0..len) that is valid UTF-8 (LEN when all of it
 * is): where a check that must name the first bad byte stops. */
size_t tma_utf8_valid_prefix(const char *s, size_t len);

/* Appends S[0..len) (valid UTF-8) to OUT in NFC: for short strings such as words and terms, which
 * need no offset map. Returns 0, or -1 when out of memory or ICU fails. */
int tma_nfc_append(tma_buf *out, const char *s, size_t len);

/* The length of the ASCII prefix of S[0..len): ASCII is NFC and folds without ICU. */
size_t tma_ascii_prefix(const char *s, size_t len);

/* 1 if C is white space for splitting and length counting: Unicode White_Space. */
int tma_is_space(uint32_t c);

/* Moves *I past the character at S[*i] (S holds LEN bytes of valid UTF-8) and returns 1 if it is
 * white space (tma_is_space): a fast scan for words, which decodes only the characters that can be
 * (ASCII and those whose lead byte a space above U+007F has). */
int tma_utf8_step_space(const char *s, size_t len, size_t *i);

/* 1 if XML 1.0 allows code point C in text and TMX tools accept it: no C0 controls but tab and
 * line feed, no DEL or C1 controls, no U+FFFE or U+FFFF. */
int tma_xml_allows(uint32_t c);

#endif
