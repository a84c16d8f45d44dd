/* What the document readers' targets (html, docx, odt) share: the checks on the text a reader
 * extracts, and on its refusals. */
#ifndef TMA_FUZZ_INPUT_H
#define TMA_FUZZ_INPUT_H

#include "fuzz.h"
#include "input.h"
#include "text.h"

/* Text a reader extracted: valid UTF-8 without NUL or CR, paragraphs of non-blank lines parted
 * by one blank line, "\n" at the end, no line ending in a space or tab (and, with NO_INDENT, none
 * starting with one); the text reader takes it, finding those paragraphs. */
static inline void fuzz_check_extracted(const char *text, size_t len, int no_indent)
{
    if (len == 0)
        return;
    FUZZ_CHECK(tma_utf8_valid_prefix(text, len) == len);
    FUZZ_CHECK(memchr(text, '\0', len) == NULL && memchr(text, '\r', len) == NULL);
    FUZZ_CHECK(len >= 2 && text[len - 1] == '\n' && text[len - 2] != '\n');
    FUZZ_CHECK(text[0] != '\n');
    size_t separators = 0;
    for (size_t i = 0; i + 1 < len; i++) {
        if (text[i] != '\n')
            continue;
        FUZZ_CHECK(i == 0 || (text[i - 1] != ' ' && text[i - 1] != '\t'));
        if (text[i + 1] == '\n') {
            FUZZ_CHECK(i + 2 < len && text[i + 2] != '\n');
            separators++;
        }
        FUZZ_CHECK(!no_indent || (text[i + 1] != ' ' && text[i + 1] != '\t'));
    }
    FUZZ_CHECK(!no_indent || (text[0] != ' ' && text[0] != '\t'));
    FUZZ_CHECK(text[len - 2] != ' ' && text[len - 2] != '\t');
    tma_text t;
    tma_error err = {0};
    FUZZ_CHECK(tma_text_load(&t, "extracted", text, len, &err) == 0);
    FUZZ_CHECK(t.paragraph_count == separators + 1);
    tma_text_free(&t);
}

/* A reader's refusal: one line about NAME, a known status of the kinds a reader gives. */
static inline void fuzz_check_refusal(int rc, const tma_error *err, const char *name)
{
    fuzz_check_error(rc, err);
    FUZZ_CHECK(rc == TMA_ERR_INPUT || rc == TMA_ERR_LIMIT || rc == TMA_ERR_NOMEM);
    FUZZ_CHECK(strcmp(err->path, name) == 0);
}

/* Runs READER on DATA as the file NAME and checks what it gives. */
static inline void fuzz_read(int (*reader)(tma_buf *, const char *, const char *, size_t,
                                           tma_error *),
                             const char *name, const char *data, size_t len, int no_indent)
{
    tma_buf out = TMA_BUF_INIT;
    tma_error err = {0};
    int rc = reader(&out, name, data, len, &err);
    if (rc < 0)
        fuzz_check_refusal(rc, &err, name);
    else
        fuzz_check_extracted(out.data, out.len, no_indent);
    tma_buf_free(&out);
}

#endif
