/* Anchor extraction (numbers, names, lexicon names, verbatim words): the first byte picks the
 * language (en, ru, hy, a language with no tables) and whether the hunspell dictionaries tell names
 * from words; the rest is the file. Each sentence's anchors and known names lie inside it, in text
 * order, on character boundaries, of a known kind, and the doc's lists hold them sentence by
 * sentence. */
#include "fuzz.h"
#include "anchor.h"
#include "context.h"
#include "doc.h"

static const char *const LANGS[] = {"en", "ru", "hy", "de"};

/* 1 if byte offset I of TEXT (LEN bytes) starts a character. */
static int on_boundary(const char *text, size_t len, size_t i)
{
    return i == len || ((unsigned char)text[i] & 0xC0) != 0x80;
}

static void check_anchors(const tma_anchor *a, size_t count, const char *text, size_t len,
                          size_t start, size_t end)
{
    size_t prev = start;
    for (size_t k = 0; k < count; k++) {
        FUZZ_CHECK(a[k].kind >= TMA_ANCHOR_NUMBER && a[k].kind <= TMA_ANCHOR_VERBATIM);
        FUZZ_CHECK(a[k].kind == TMA_ANCHOR_VERBATIM || !a[k].foreign);
        FUZZ_CHECK(a[k].len > 0 && a[k].start >= start && a[k].start + a[k].len <= end);
        FUZZ_CHECK(a[k].start >= prev); /* in text order */
        FUZZ_CHECK(on_boundary(text, len, a[k].start) &&
                   on_boundary(text, len, a[k].start + a[k].len));
        FUZZ_CHECK(a[k].kind == TMA_ANCHOR_NUMBER || a[k].digits == 0);
        prev = a[k].start;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const char *lang = LANGS[data[0] % 4];
    int with_dicts = (data[0] >> 2) & 1;
    tma_worker *w = fuzz_worker();
    tma_doc *doc = NULL;
    tma_error err = {0};
    int rc = tma_doc_read_mem(&doc, w, "fuzz.txt", (const char *)data + 1, size - 1, lang, &err);
    if (rc < 0) {
        fuzz_check_error(rc, &err);
        FUZZ_CHECK(rc == TMA_ERR_INPUT || rc == TMA_ERR_LIMIT);
        return 0;
    }
    size_t len, total;
    const char *text = tma_doc_text(doc, &len);
    const tma_anchor *all = tma_doc_anchors(doc, &total);
    size_t known_total, known_next = 0;
    const tma_anchor *known_all = tma_doc_known_names(doc, &known_total);
    check_anchors(known_all, known_total, text, len, 0, len);
    size_t next = 0;
    tma_buf found = TMA_BUF_INIT, known = TMA_BUF_INIT;
    for (size_t i = 0; i < tma_doc_sentence_count(doc); i++) {
        const tma_sentence *s = tma_doc_sentence(doc, i);
        /* The doc's list: sentence by sentence, with nothing between. */
        FUZZ_CHECK(s->anchor_first == next && s->anchor_first + s->anchor_count <= total);
        next += s->anchor_count;
        /* ALL is NULL when the doc has no anchor at all. */
        const tma_anchor *mine = s->anchor_count > 0 ? all + s->anchor_first : NULL;
        check_anchors(mine, s->anchor_count, text, len, s->start, s->start + s->len);
        /* Extraction by itself, with the dictionaries or without. */
        found.len = 0;
        known.len = 0;
        rc = tma_anchor_extract(&found, &known, tma_worker_anchor_scratch(w),
                                tma_ctx_anchor_tables(tma_worker_ctx(w)),
                                with_dicts ? tma_ctx_dicts(tma_worker_ctx(w)) : NULL, text,
                                s->start, s->len, lang, &err);
        if (rc < 0) {
            fuzz_check_error(rc, &err);
            FUZZ_CHECK(rc == TMA_ERR_NOMEM);
            break;
        }
        check_anchors((const tma_anchor *)found.data, found.len / sizeof(tma_anchor), text, len,
                      s->start, s->start + s->len);
        /* Verbatim words are foreign in a language of another script than Latin's alone. */
        for (size_t k = 0; k < found.len / sizeof(tma_anchor); k++) {
            const tma_anchor *f = (const tma_anchor *)found.data + k;
            FUZZ_CHECK(f->kind != TMA_ANCHOR_VERBATIM ||
                       f->foreign == (data[0] % 4 == 1 || data[0] % 4 == 2));
        }
        size_t nk = known.len / sizeof(tma_anchor);
        const tma_anchor *kn = (const tma_anchor *)known.data;
        check_anchors(kn, nk, text, len, s->start, s->start + s->len);
        for (size_t k = 0; k < nk; k++)
            FUZZ_CHECK(kn[k].kind == TMA_ANCHOR_NAME);
        if (with_dicts) { /* as the doc found them */
            const tma_anchor *a = (const tma_anchor *)found.data, *b = mine;
            FUZZ_CHECK(found.len == s->anchor_count * sizeof(tma_anchor));
            for (size_t k = 0; k < s->anchor_count; k++)
                FUZZ_CHECK(a[k].key == b[k].key && a[k].alt_key == b[k].alt_key &&
                           a[k].start == b[k].start && a[k].len == b[k].len &&
                           a[k].kind == b[k].kind && a[k].digits == b[k].digits &&
                           a[k].foreign == b[k].foreign);
            /* The doc's known names of this sentence are the ones found here. */
            FUZZ_CHECK(known_next + nk <= known_total);
            for (size_t k = 0; k < nk; k++)
                FUZZ_CHECK(known_all[known_next + k].key == kn[k].key &&
                           known_all[known_next + k].start == kn[k].start);
            known_next += nk;
        }
    }
    FUZZ_CHECK(rc < 0 || next == total);
    FUZZ_CHECK(rc < 0 || !with_dicts || known_next == known_total);
    tma_buf_free(&found);
    tma_buf_free(&known);
    tma_doc_free(doc);
    return 0;
}
