/* The text of a dictd dictionary: a plain .dict, or a .dict.dz made by dictzip. A dictzip file is
 * one gzip member (RFC 1952) whose deflate stream is flushed (Z_FULL_FLUSH) every CHLEN bytes of
 * text, so that each chunk inflates on its own; the header's extra field holds the subfield "RA"
 * (dictzip(1)): VER (1), CHLEN, CHCNT and the compressed size of each chunk, all 16-bit
 * little-endian. An entry then costs the inflating of the one or two chunks it lies in. */
#include "error.h"
#include "internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* RFC 1952's header flags. */
enum { GZ_FHCRC = 2, GZ_FEXTRA = 4, GZ_FNAME = 8, GZ_FCOMMENT = 16, GZ_RESERVED = 0xE0 };

static unsigned le16(const unsigned char *p)
{
    return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static int refuse(tma_error *err, const char *path, const char *what)
{
    return tma_error_set(err, TMA_ERR_DATA, path, 0, 0,
                         "%s; the dictionary is broken: reinstall its package or remove it", what);
}

/* Moves *pos past the NUL-terminated field at DATA[*pos]; 0 when it is not terminated. */
static int skip_string(const unsigned char *data, size_t size, size_t *pos)
{
    const unsigned char *nul = memchr(data + *pos, '\0', size - *pos);
    if (nul == NULL)
        return 0;
    *pos = (size_t)(nul - data) + 1;
    return 1;
}

/* Finds the "RA" subfield in the extra field [at, end) and reads its chunk table into DZ. */
static int read_chunk_table(tma_lex_dz *dz, const unsigned char *data, size_t at, size_t end,
                            const char *path, tma_error *err)
{
    while (end - at >= 4) {
        size_t len = le16(data + at + 2);
        if (len > end - at - 4)
            return refuse(err, path, "a gzip extra subfield runs past the extra field");
        if (data[at] == 'R' && data[at + 1] == 'A') {
            const unsigned char *ra = data + at + 4;
            if (len < 6 || le16(ra) != 1)
                return refuse(err, path, "the dictzip table (RA) is not version 1");
            dz->chunk_len = le16(ra + 2);
            dz->chunk_count = le16(ra + 4);
            if (dz->chunk_len == 0 || len < 6 + 2 * dz->chunk_count)
                return refuse(err, path, "the dictzip table (RA) is shorter than its chunk count");
            dz->chunk_start = malloc((dz->chunk_count + 1) * sizeof *dz->chunk_start);
            if (dz->chunk_start == NULL)
                return tma_error_nomem(err, "reading a dictionary");
            for (size_t i = 0; i < dz->chunk_count; i++)
                dz->chunk_start[i + 1] = le16(ra + 6 + 2 * i); /* sizes for now */
            return 0;
        }
        at += 4 + len;
    }
    return refuse(err, path,
                  "gzip file without dictzip's chunk table (RA): it cannot be read "
                  "in pieces; make it with dictzip, or gunzip it to a .dict");
}

int tma_lex_dz_open(tma_lex_dz *dz, const unsigned char *data, size_t size, int plain,
                    const char *path, tma_error *err)
{
    memset(dz, 0, sizeof *dz);
    for (size_t k = 0; k < TMA_LEX_DZ_CACHE_SLOTS; k++)
        dz->cache[k].chunk = SIZE_MAX;
    dz->data = data;
    dz->size = size;
    if (size > TMA_LEXICON_MAX_FILE_BYTES)
        return tma_error_set(err, TMA_ERR_LIMIT, path, 0, 0,
                             "the dictionary is over %zu MB, more than tmalign reads",
                             TMA_LEXICON_MAX_FILE_BYTES >> 20);
    if (size < 2 || data[0] != 0x1F || data[1] != 0x8B) {
        if (!plain)
            return refuse(err, path, "not a gzip file (a .dict.dz is made by dictzip)");
        dz->text_size = size;
        return 0;
    }
    if (size < 18)
        return refuse(err, path, "the gzip header is cut short");
    unsigned flags = data[3];
    if (data[2] != 8 || (flags & GZ_RESERVED))
        return refuse(err, path, "the gzip header names an unknown method or flags");
    if (!(flags & GZ_FEXTRA))
        return refuse(err, path,
                      "gzip file without dictzip's chunk table (RA): it cannot be read "
                      "in pieces; make it with dictzip, or gunzip it to a .dict");
    size_t xlen = le16(data + 10), pos = 12;
    if (xlen > size - pos)
        return refuse(err, path, "the gzip extra field runs past the end of the file");
    int rc = read_chunk_table(dz, data, pos, pos + xlen, path, err);
    if (rc < 0)
        goto fail;
    pos += xlen;
    if (((flags & GZ_FNAME) && !skip_string(data, size, &pos)) ||
        ((flags & GZ_FCOMMENT) && !skip_string(data, size, &pos)) ||
        ((flags & GZ_FHCRC) && (pos += 2) > size)) {
        rc = refuse(err, path, "the gzip header is cut short");
        goto fail;
    }
    /* The chunks follow the header back to back; the file ends with CRC32 and ISIZE (text bytes
     * mod 2^32). dictzip ends the deflate stream after the last chunk with an empty final block
     * that no chunk counts, so the trailer is found from the end of the file. */
    dz->chunk_start[0] = pos;
    for (size_t i = 0; i < dz->chunk_count; i++) {
        size_t csize = dz->chunk_start[i + 1];
        if (csize == 0 || csize > size - dz->chunk_start[i]) {
            rc = refuse(err, path, "the file is shorter than its chunk table says (truncated?)");
            goto fail;
        }
        dz->chunk_start[i + 1] = dz->chunk_start[i] + csize;
    }
    size_t end = dz->chunk_start[dz->chunk_count];
    if (size - end < 8) {
        rc = refuse(err, path, "the file is shorter than its chunk table says (truncated?)");
        goto fail;
    }
    size_t isize = (size_t)le16(data + size - 4) | (size_t)le16(data + size - 2) << 16;
    size_t most = dz->chunk_count * dz->chunk_len;
    /* ISIZE is the size mod 2^32; the caps keep a real size under that. */
    if (isize > most || (dz->chunk_count > 0 && isize <= most - dz->chunk_len)) {
        rc = refuse(err, path, "the text size in the gzip trailer does not fit the chunk table");
        goto fail;
    }
    if (isize > TMA_LEXICON_MAX_TEXT_BYTES) {
        rc = tma_error_set(err, TMA_ERR_LIMIT, path, 0, 0,
                           "the dictionary's text is over %zu MB, more than tmalign reads",
                           TMA_LEXICON_MAX_TEXT_BYTES >> 20);
        goto fail;
    }
    dz->text_size = isize;
    dz->compressed = 1;
    return 0;
fail:
    tma_lex_dz_free(dz);
    return rc;
}

/* The text of chunk I, inflated into the cache; stores its slot in *slot. */
static int inflate_chunk(size_t *slot, tma_lex_dz *dz, size_t i, const char *path, tma_error *err)
{
    size_t oldest = 0;
    for (size_t k = 0; k < TMA_LEX_DZ_CACHE_SLOTS; k++) {
        if (dz->cache[k].chunk == i) {
            dz->cache[k].used = ++dz->tick;
            *slot = k;
            return 0;
        }
        if (dz->cache[k].used < dz->cache[oldest].used)
            oldest = k;
    }
    if (!dz->zs_ready) {
        /* Raw deflate: the chunk table gives where each chunk's deflate data starts. */
        if (inflateInit2(&dz->zs, -MAX_WBITS) != Z_OK)
            return tma_error_nomem(err, "reading a dictionary");
        dz->zs_ready = 1;
    } else if (inflateReset(&dz->zs) != Z_OK) {
        return tma_error_set(err, TMA_ERR_INTERNAL, path, 0, 0, "zlib could not reset inflate");
    }
    size_t want = i + 1 < dz->chunk_count ? dz->chunk_len : dz->text_size - i * dz->chunk_len;
    if (dz->cache[oldest].text == NULL) {
        dz->cache[oldest].text = malloc(dz->chunk_len + 1);
        if (dz->cache[oldest].text == NULL)
            return tma_error_nomem(err, "reading a dictionary");
    }
    dz->cache[oldest].chunk = SIZE_MAX;
    /* One spare byte of room, so that a chunk that inflates to more than its size is seen. */
    dz->zs.next_in = (unsigned char *)(uintptr_t)(dz->data + dz->chunk_start[i]);
    dz->zs.avail_in = (uInt)(dz->chunk_start[i + 1] - dz->chunk_start[i]);
    dz->zs.next_out = dz->cache[oldest].text;
    dz->zs.avail_out = (uInt)(dz->chunk_len + 1);
    int zrc;
    do
        zrc = inflate(&dz->zs, Z_SYNC_FLUSH);
    while (zrc == Z_OK && dz->zs.avail_in > 0 && dz->zs.avail_out > 0);
    size_t got = dz->chunk_len + 1 - dz->zs.avail_out;
    if ((zrc != Z_OK && zrc != Z_STREAM_END && zrc != Z_BUF_ERROR) || got != want ||
        dz->zs.avail_in > 0) {
        return tma_error_set(err, TMA_ERR_DATA, path, 0, 0,
                             "chunk %zu of %zu does not inflate to its %zu bytes; the dictionary "
                             "is broken: reinstall its package or remove it",
                             i + 1, dz->chunk_count, want);
    }
    dz->cache[oldest].chunk = i;
    dz->cache[oldest].len = got;
    dz->cache[oldest].used = ++dz->tick;
    *slot = oldest;
    return 0;
}

int tma_lex_dz_read(tma_buf *out, tma_lex_dz *dz, size_t offset, size_t len, const char *path,
                    tma_error *err)
{
    out->len = 0;
    if (offset > dz->text_size || len > dz->text_size - offset)
        return tma_error_set(err, TMA_ERR_DATA, path, 0, 0,
                             "an entry at bytes %zu-%zu lies past the text's %zu bytes "
                             "(truncated?); reinstall the dictionary's package or remove it",
                             offset, offset + len, dz->text_size);
    if (tma_buf_reserve(out, len + 1) < 0)
        return tma_error_nomem(err, "reading a dictionary");
    if (!dz->compressed) {
        memcpy(out->data, dz->data + offset, len);
        out->len = len;
        return 0;
    }
    while (out->len < len) {
        size_t at = offset + out->len, chunk = at / dz->chunk_len, slot = 0;
        int rc = inflate_chunk(&slot, dz, chunk, path, err);
        if (rc < 0)
            return rc;
        size_t from = at - chunk * dz->chunk_len;
        size_t n = dz->cache[slot].len - from;
        if (n > len - out->len)
            n = len - out->len;
        memcpy(out->data + out->len, dz->cache[slot].text + from, n);
        out->len += n;
    }
    return 0;
}

void tma_lex_dz_free(tma_lex_dz *dz)
{
    free(dz->chunk_start);
    for (size_t k = 0; k < TMA_LEX_DZ_CACHE_SLOTS; k++)
        free(dz->cache[k].text);
    if (dz->zs_ready)
        inflateEnd(&dz->zs);
    memset(dz, 0, sizeof *dz);
}
