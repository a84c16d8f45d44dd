/* The text reader (tma_text_load): any bytes are either refused with a one-line message and a
 * position inside the input, or become NFC UTF-8 with "\n" line ends, non-blank paragraphs and an
 * offset map that stays inside the file and never runs backwards. */
#include "fuzz.h"
#include "text.h"

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

/* 1 if the LEN bytes at S are valid UTF-8 in NFC. */
static int is_nfc_utf8(const char *s, size_t len)
{
    UErrorCode st = U_ZERO_ERROR;
    int32_t n16 = 0;
    u_strFromUTF8(NULL, 0, &n16, s, (int32_t)len, &st);
    if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
        return 0;
    UChar *u = malloc(((size_t)n16 + 1) * sizeof *u);
    FUZZ_CHECK(u != NULL);
    st = U_ZERO_ERROR;
    u_strFromUTF8(u, n16 + 1, NULL, s, (int32_t)len, &st);
    int ok = !U_FAILURE(st);
    if (ok) {
        const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
        ok = !U_FAILURE(st) && unorm2_isNormalized(nfc, u, n16, &st) && !U_FAILURE(st);
    }
    free(u);
    return ok;
}

static int has_bom(const uint8_t *d, size_t n)
{
    return n >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tma_text t;
    tma_error err = {0};
    int rc = tma_text_load(&t, "fuzz.txt", (const char *)data, size, &err);
    if (rc < 0) {
        fuzz_check_error(rc, &err);
        FUZZ_CHECK(rc == TMA_ERR_INPUT || rc == TMA_ERR_LIMIT);
        FUZZ_CHECK(strcmp(err.path, "fuzz.txt") == 0);
        FUZZ_CHECK(t.data == NULL && t.paragraphs == NULL && t.anchors == NULL);
        if (err.line > 0) {
            /* The position is a byte of the input: line and column count from 1. */
            long lines = 1;
            size_t line_start = 0;
            for (size_t i = 0; i < size && lines < err.line; i++) {
                if (data[i] == '\n') {
                    lines++;
                    line_start = i + 1;
                }
            }
            FUZZ_CHECK(lines == err.line);
            FUZZ_CHECK(err.column >= 1 && line_start + (size_t)err.column - 1 <= size);
        }
        return 0;
    }
    FUZZ_CHECK(t.data != NULL && t.data[t.len] == '\0');
    FUZZ_CHECK(memchr(t.data, '\0', t.len) == NULL);
    FUZZ_CHECK(memchr(t.data, '\r', t.len) == NULL);
    FUZZ_CHECK(t.orig_len == size);
    FUZZ_CHECK(is_nfc_utf8(t.data, t.len));
    /* Text that was NFC already with no "\r" comes through unchanged, offsets and all. */
    size_t bom = has_bom(data, size) ? 3 : 0;
    if (memchr(data, '\r', size) == NULL && is_nfc_utf8((const char *)data + bom, size - bom)) {
        FUZZ_CHECK(t.len == size - bom && memcmp(t.data, data + bom, t.len) == 0);
        FUZZ_CHECK(tma_text_orig_start(&t, t.len / 2) == bom + t.len / 2);
    }

    /* Paragraphs: in order, apart, whole lines that are not blank. */
    FUZZ_CHECK(t.paragraph_count > 0);
    size_t prev_end = 0;
    for (size_t k = 0; k < t.paragraph_count; k++) {
        tma_span p = t.paragraphs[k];
        FUZZ_CHECK(p.len > 0 && p.start + p.len <= t.len);
        FUZZ_CHECK(k == 0 || p.start > prev_end);
        FUZZ_CHECK(p.start == 0 || t.data[p.start - 1] == '\n');
        FUZZ_CHECK(p.start + p.len == t.len || t.data[p.start + p.len] == '\n');
        FUZZ_CHECK(t.data[p.start] != '\n' && t.data[p.start + p.len - 1] != '\n');
        /* Between two paragraphs there is a blank line. */
        if (k > 0) {
            const char *nl = memchr(t.data + prev_end, '\n', p.start - prev_end);
            FUZZ_CHECK(nl != NULL && memchr(nl + 1, '\n', (size_t)(t.data + p.start - nl - 1)));
        }
        prev_end = p.start + p.len;

        /* Collapsed text: never longer, no line break, nothing at either end, and the same
         * length whatever the buffer. */
        char small[8];
        size_t need = tma_text_collapse(small, sizeof small, t.data + p.start, p.len);
        FUZZ_CHECK(need <= p.len && need > 0);
        FUZZ_CHECK(strlen(small) == (need < sizeof small ? need : sizeof small - 1));
        char *full = malloc(need + 1);
        FUZZ_CHECK(full != NULL);
        FUZZ_CHECK(tma_text_collapse(full, need + 1, t.data + p.start, p.len) == need);
        FUZZ_CHECK(strlen(full) == need && memchr(full, '\n', need) == NULL);
        FUZZ_CHECK(full[0] != ' ' && full[need - 1] != ' ');
        free(full);
    }

    /* The offset map: inside the file and never backwards, at every code point boundary. */
    size_t prev_start = 0, i = 0;
    size_t step = t.len / 4096 + 1; /* at most a few thousand probes per input */
    while (i <= t.len) {
        size_t os = tma_text_orig_start(&t, i), oe = tma_text_orig_end(&t, i);
        FUZZ_CHECK(os <= size && oe <= size);
        FUZZ_CHECK(os >= prev_start);
        /* Text that ends at I ends before text that starts at I starts, and after the text
         * before it started. */
        FUZZ_CHECK(oe <= os);
        FUZZ_CHECK(oe >= prev_start);
        prev_start = os;
        if (i == t.len)
            break;
        for (size_t s = 0; s < step && i < t.len; s++)
            tma_utf8_next(t.data, t.len, &i);
    }
    FUZZ_CHECK(tma_text_orig_start(&t, 0) >= bom);
    FUZZ_CHECK(tma_text_orig_end(&t, t.len) <= size);
    tma_text_free(&t);
    return 0;
}
