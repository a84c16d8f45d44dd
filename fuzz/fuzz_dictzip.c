/* The dictzip reader (tma_lex_dz_open, tma_lex_dz_read) on the input as a .dict.dz file. A
 * refusal is TMA_ERR_DATA or TMA_ERR_LIMIT naming the file; a file that opens has a chunk table
 * inside the file, and each read gives exactly the bytes asked, the same when asked again (from
 * the chunk cache) and the same in one piece as in two, or a refusal. */
#include "fuzz.h"
#include "lexicon/internal.h"

/* Reads [offset, offset + len) into OUT; checks the outcome's shape. */
static int read_range(tma_buf *out, tma_lex_dz *dz, size_t offset, size_t len)
{
    tma_error err = {0};
    int rc = tma_lex_dz_read(out, dz, offset, len, "fuzz.dict.dz", &err);
    if (rc < 0) {
        fuzz_check_error(rc, &err);
        FUZZ_CHECK(rc == TMA_ERR_DATA || rc == TMA_ERR_NOMEM || rc == TMA_ERR_INTERNAL);
    } else {
        FUZZ_CHECK(out->len == len);
    }
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tma_lex_dz dz;
    tma_error err = {0};
    int rc = tma_lex_dz_open(&dz, data, size, 0, "fuzz.dict.dz", &err);
    if (rc < 0) {
        fuzz_check_error(rc, &err);
        FUZZ_CHECK(rc == TMA_ERR_DATA || rc == TMA_ERR_LIMIT || rc == TMA_ERR_NOMEM);
        FUZZ_CHECK(strcmp(err.path, "fuzz.dict.dz") == 0);
        return 0;
    }
    FUZZ_CHECK(dz.compressed && dz.chunk_len > 0);
    FUZZ_CHECK(dz.chunk_start[0] <= dz.chunk_start[dz.chunk_count]);
    FUZZ_CHECK(dz.chunk_start[dz.chunk_count] + 8 <= size);
    FUZZ_CHECK(dz.text_size <= dz.chunk_count * dz.chunk_len);
    /* The text's first 256 KB, whole and in two pieces around a chunk edge. */
    size_t len = dz.text_size < 256 * 1024 ? dz.text_size : 256 * 1024;
    tma_buf whole = TMA_BUF_INIT, again = TMA_BUF_INIT, piece = TMA_BUF_INIT;
    if (read_range(&whole, &dz, 0, len) == 0) {
        FUZZ_CHECK(read_range(&again, &dz, 0, len) == 0);
        FUZZ_CHECK(again.len == whole.len && memcmp(again.data, whole.data, len) == 0);
        size_t cut = len > dz.chunk_len ? dz.chunk_len - 1 : len / 2;
        FUZZ_CHECK(read_range(&piece, &dz, cut, len - cut) == 0);
        FUZZ_CHECK(memcmp(piece.data, whole.data + cut, len - cut) == 0);
        FUZZ_CHECK(read_range(&piece, &dz, 0, cut) == 0);
        FUZZ_CHECK(memcmp(piece.data, whole.data, cut) == 0);
    }
    /* Past the end: refused, never read. */
    FUZZ_CHECK(read_range(&piece, &dz, dz.text_size, 1) == TMA_ERR_DATA);
    FUZZ_CHECK(read_range(&piece, &dz, 1, SIZE_MAX) == TMA_ERR_DATA);
    tma_buf_free(&whole);
    tma_buf_free(&again);
    tma_buf_free(&piece);
    tma_lex_dz_free(&dz);
    return 0;
}
