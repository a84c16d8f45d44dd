/* The docx and odt targets' archives: an input's members put in a zip archive in memory, stored
 * (not compressed), so that the fuzzer mutates the XML the readers parse rather than a deflate
 * stream whose checksum libzip would refuse. */
#ifndef TMA_FUZZ_ZIP_H
#define TMA_FUZZ_ZIP_H

#include "fuzz.h"

#include <zip.h>

/* The archive of NAMES[k] holding DATA[k] of LEN[k] bytes, k < COUNT, in *OUT of *OUT_LEN bytes
 * (free with free()). */
static inline void fuzz_zip(char **out, size_t *out_len, const char *const *names,
                            const char *const *data, const size_t *len, size_t count)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    FUZZ_CHECK(src != NULL);
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    FUZZ_CHECK(za != NULL);
    zip_source_keep(src);
    for (size_t k = 0; k < count; k++) {
        zip_source_t *m = zip_source_buffer(za, data[k], len[k], 0);
        FUZZ_CHECK(m != NULL);
        zip_int64_t index = zip_file_add(za, names[k], m, 0);
        FUZZ_CHECK(index >= 0);
        FUZZ_CHECK(zip_set_file_compression(za, (zip_uint64_t)index, ZIP_CM_STORE, 0) == 0);
    }
    FUZZ_CHECK(zip_close(za) == 0);
    zip_stat_t st;
    FUZZ_CHECK(zip_source_stat(src, &st) == 0 && zip_source_open(src) == 0);
    *out_len = (size_t)st.size;
    *out = malloc(*out_len ? *out_len : 1);
    FUZZ_CHECK(*out != NULL);
    FUZZ_CHECK(zip_source_read(src, *out, st.size) == (zip_int64_t)st.size);
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&ze);
}

/* Splits DATA[0..size) at 0xFF bytes into at most MAX parts: *count parts in PARTS and LENS. */
static inline void fuzz_split(const uint8_t *data, size_t size, const char **parts, size_t *lens,
                              size_t max, size_t *count)
{
    *count = 0;
    size_t start = 0;
    for (size_t i = 0; i <= size && *count < max; i++) {
        if (i == size || (data[i] == 0xFF && *count + 1 < max)) {
            parts[*count] = (const char *)data + start;
            lens[(*count)++] = i - start;
            start = i + 1;
        }
    }
}

#endif
