/* The compared form of words and translations, and the lookup key made from it (lexicon.h). */
#include "internal.h"
#include "text.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

/* One code point as the compared form writes it: -1 to leave it out, ' ' for white space. */
static int32_t compared(uint32_t c)
{
    /* A NUL would end the string where the pools and the answers keep it: a space instead. */
    if (tma_is_space(c) || c == 0)
        return ' ';
    switch (c) {
    /* Hyphens: freedict-eng-rus writes "кто‐то" with U+2010, texts write "кто-то". */
    case 0x2010:
    case 0x2011:
    case 0x2212:
        return '-';
    /* Apostrophes: freedict's French writes "chef d’orchestre", texts write either. */
    case 0x2019:
    case 0x02BC:
    case 0x2018:
        return '\'';
    /* A soft hyphen is a hint for breaking a line, not a character of the word. */
    case 0x00AD:
        return -1;
    /* Russian ё: dictionaries write it (mueller7: "жёлоб", "распродаётся"), most running text
     * writes е, and readers take them for one letter. (Case folding made Ё ё already.) */
    case 0x0451:
        return 0x0435;
    }
    return (int32_t)c;
}

int tma_lexicon_normalise(tma_buf *out, const char *s, size_t len)
{
    tma_buf folded = TMA_BUF_INIT, nfc = TMA_BUF_INIT;
    int rc = -1;
    /* Case folding, then NFC (folding can undo a composition: U+0345), then the mapping, which
     * sees composed letters (ё, not е and U+0308) and never decomposes one. */
    if (tma_fold_case(&folded, s, len) < 0 ||
        tma_nfc_append(&nfc, folded.data ? folded.data : "", folded.len) < 0)
        goto cleanup;
    size_t start = out->len;
    int space = 1; /* no white space at the start, and none twice */
    for (size_t i = 0; i < nfc.len;) {
        int32_t c = compared(tma_utf8_next(nfc.data, nfc.len, &i));
        if (c < 0 || (c == ' ' && space))
            continue;
        space = c == ' ';
        char enc[4];
        int32_t n = 0;
        U8_APPEND_UNSAFE(enc, n, c);
        if (tma_buf_append(out, enc, (size_t)n) < 0)
            goto cleanup;
    }
    if (out->len > start && out->data[out->len - 1] == ' ')
        out->len--;
    rc = 0;
cleanup:
    tma_buf_free(&folded);
    tma_buf_free(&nfc);
    return rc;
}

/* 1 if the key keeps C: letters, marks (an Armenian or Devanagari word is letters and marks)
 * and digits. */
static int kept(uint32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return u_isalnum((UChar32)c) || (U_GET_GC_MASK((UChar32)c) & U_GC_M_MASK) != 0;
}

/* tma_lexicon_key for ASCII, where folding and NFC change nothing but letters' case: most
 * headwords of an English dictionary's index, read whole on its first lookup. */
static int ascii_key(tma_buf *out, const char *s, size_t len)
{
    size_t start = out->len;
    int space = 1;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0 || tma_is_space(c)) {
            if (!space && tma_buf_push(out, ' ') < 0)
                return -1;
            space = 1;
        } else if (kept(c)) {
            if (tma_buf_push(out, (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c)) < 0)
                return -1;
            space = 0;
        }
    }
    if (out->len > start && out->data[out->len - 1] == ' ')
        out->len--;
    return 0;
}

int tma_lexicon_key(tma_buf *out, const char *s, size_t len)
{
    if (tma_ascii_prefix(s, len) == len)
        return ascii_key(out, s, len);
    tma_buf form = TMA_BUF_INIT;
    if (tma_lexicon_normalise(&form, s, len) < 0) {
        tma_buf_free(&form);
        return -1;
    }
    /* dictfmt writes the index of most dictionaries (freedict's) with only these characters
     * ("attraperêves" for "attrape-rêves", "1 korintherbrief" for "1. Korintherbrief"); keys made
     * the same way from any headword and any word find each other. */
    size_t start = out->len;
    int space = 1;
    for (size_t i = 0; i < form.len;) {
        size_t at = i;
        uint32_t c = tma_utf8_next(form.data, form.len, &i);
        if (c == ' ') {
            if (!space && tma_buf_push(out, ' ') < 0)
                goto fail;
            space = 1;
        } else if (kept(c)) {
            if (tma_buf_append(out, form.data + at, i - at) < 0)
                goto fail;
            space = 0;
        }
    }
    if (out->len > start && out->data[out->len - 1] == ' ')
        out->len--;
    tma_buf_free(&form);
    return 0;
fail:
    tma_buf_free(&form);
    return -1;
}
