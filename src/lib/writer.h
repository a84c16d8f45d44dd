/* What the writers of TMX, TSV, JSON and the QA report share. */
#ifndef TMA_WRITER_H
#define TMA_WRITER_H

#include <stddef.h>
#include <stdio.h>

/* Runs a libxml2 text-writer CALL and jumps to the function's xml_failed label when it fails. */
#define TMA_XW(call)                                                                               \
    do {                                                                                           \
        if ((call) < 0)                                                                            \
            goto xml_failed;                                                                       \
    } while (0)

/* Writes S as one TSV field: a tab, a line break (LF, CR, U+2028, U+2029) would end the field or
 * the row, so each becomes a space. */
void tma_write_tsv_field(FILE *fp, const char *s);

/* Writes the LEN bytes at S as a JSON string, whole (quotes, backslashes and control characters
 * escaped; UTF-8 as it is). */
void tma_write_json_string(FILE *fp, const char *s, size_t len);

#endif
