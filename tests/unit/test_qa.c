/* QA checks: names and numbers without a counterpart in a unit, length ratios, the flags the TMX
 * writer notes, and the spelling check. */
#include "check.h"
#include "worker.h"
#include "qa.h"
#include "stem.h"
#include "context.h"
#include "tmalign.h"

#include <stdlib.h>

static tma_worker *worker;

/* A two-language story of EN and RU, one sentence per line; NULL when it cannot be made. */
static tma_story *story_of(tma_doc **docs, const char *en, const char *ru)
{
    tma_error err = {0};
    tma_story *story = NULL;
    if (tma_doc_read_mem(&docs[0], worker, "en.txt", en, strlen(en), "en", &err) < 0 ||
        tma_doc_read_mem(&docs[1], worker, "ru.txt", ru, strlen(ru), "ru", &err) < 0 ||
        tma_story_align(&story, worker, docs, 2, &err) < 0) {
        fprintf(stderr, "set-up failed: %s\n", err.message);
        return NULL;
    }
    return story;
}

/* The text of the anchors in MISSING, comma-separated, into BUF. */
static const char *anchor_words(char *buf, size_t size, const tma_doc *doc, const tma_buf *missing)
{
    size_t len, used = 0;
    const char *text = tma_doc_text(doc, &len);
    const tma_anchor *a = (const tma_anchor *)missing->data;
    buf[0] = '\0';
    for (size_t i = 0; i < missing->len / sizeof *a; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%.*s", i ? "," : "", (int)a[i].len,
                                 text + a[i].start);
    return buf;
}

/* The third English sentence names Aliyev; its Russian translation says "he" does. The Russian
 * document writes the name elsewhere, so the check knows how it would look. */
static tma_story *visit_story(tma_doc **docs)
{
    return story_of(docs,
                    "Aliyev met Shoygu in Baku on Tuesday.\n\n"
                    "Shoygu praised the talks with 72 officers.\n\n"
                    "The guests thanked Aliyev for the visit.\n",
                    "Алиев встретился с Шойгу в Баку во вторник.\n\n"
                    "Шойгу похвалил переговоры с 78 офицерами.\n\n"
                    "Гости поблагодарили его за визит.\n");
}

static void test_units(void)
{
    tma_doc *docs[2] = {NULL, NULL};
    tma_story *story = visit_story(docs);
    if (story == NULL) {
        CHECK(0);
        return;
    }
    tma_qa qa;
    tma_error err = {0};
    size_t count, found = 0;
    const tma_unit *units = tma_story_units(story, &count);
    CHECK_EQ_INT(tma_qa_init(&qa, story, tma_worker_translit(worker), 0.5, &err), 0);
    CHECK_EQ_INT(count, 3);
    tma_buf missing = TMA_BUF_INIT;
    char words[256];
    for (size_t i = 0; i < count && count == 3; i++) {
        missing.len = 0;
        CHECK_EQ_INT(tma_qa_missing(&missing, &found, &qa, &units[i], 0, 1, TMA_ANCHOR_NAME, &err),
                     0);
        CHECK_EQ_STR(anchor_words(words, sizeof words, docs[0], &missing), i == 2 ? "Aliyev" : "");
        missing.len = 0;
        CHECK_EQ_INT(
            tma_qa_missing(&missing, &found, &qa, &units[i], 0, 1, TMA_ANCHOR_NUMBER, &err), 0);
        CHECK_EQ_STR(anchor_words(words, sizeof words, docs[0], &missing), i == 1 ? "72" : "");
        missing.len = 0;
        CHECK_EQ_INT(tma_qa_missing(&missing, &found, &qa, &units[i], 1, 0, TMA_ANCHOR_NAME, &err),
                     0);
        CHECK_EQ_INT(found, 0);
        unsigned flags = 0;
        size_t langs[2] = {0, 1};
        CHECK_EQ_INT(tma_qa_unit_flags(&flags, &qa, &units[i], langs, 2, &err), 0);
        CHECK_EQ_INT(flags & (TMA_QA_NAME_MISMATCH | TMA_QA_NUMBER_MISMATCH),
                     i == 2   ? TMA_QA_NAME_MISMATCH
                     : i == 1 ? TMA_QA_NUMBER_MISMATCH
                              : 0);
        CHECK_EQ_INT(flags & TMA_QA_LOW_CONFIDENCE,
                     units[i].score < 0.5 ? TMA_QA_LOW_CONFIDENCE : 0);
    }
    tma_buf_free(&missing);
    tma_qa_free(&qa);
    tma_story_free(story);
    tma_doc_free(docs[0]);
    tma_doc_free(docs[1]);
}

/* The words of TEXT (one sentence) in LANG that the spelling check reports, comma-separated,
 * each with "=suggestion" when it has one. */
static const char *misspelled(char *buf, size_t size, const char *text, const char *lang)
{
    tma_error err = {0};
    tma_doc *doc = NULL;
    tma_buf out = TMA_BUF_INIT;
    size_t checked = 0, used = 0, len;
    buf[0] = '\0';
    if (tma_doc_read_mem(&doc, worker, "t.txt", text, strlen(text), lang, &err) < 0)
        return "(unreadable)";
    const char *nfc = tma_doc_text(doc, &len);
    for (size_t i = 0; i < tma_doc_sentence_count(doc); i++) {
        if (tma_qa_misspelled(&out, &checked, worker, doc, i, &err) < 0)
            return "(failed)";
    }
    const tma_qa_word *w = (const tma_qa_word *)out.data;
    for (size_t i = 0; i < out.len / sizeof *w; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%.*s%s%s", i ? "," : "", (int)w[i].len,
                                 nfc + w[i].start, w[i].suggestion[0] ? "=" : "", w[i].suggestion);
    tma_buf_free(&out);
    tma_doc_free(doc);
    return buf;
}

static void test_spelling(void)
{
    char buf[512];
    tma_stem_dicts *dicts = tma_ctx_dicts(tma_worker_ctx(worker));
    if (tma_stem_knows(dicts, "en", "house", 5) < 0 || tma_stem_knows(dicts, "ru", "дом", 6) < 0) {
        fprintf(stderr, "skipped the spelling checks: no en_US or ru_RU hunspell dictionary\n");
        return;
    }
    /* Misspelt words; names, acronyms, numbers, URLs, foreign words and abbreviations are not. */
    CHECK_EQ_STR(misspelled(buf, sizeof buf,
                            "Aliyev recieved 20 NATO officers in Baku (see "
                            "https://example.com/xqzv, e.g. the U.S. report, or i18n) "
                            "with Vasco da Gama’s “grand” café and the Kremlin’s 4x4s.",
                            "en"),
                 "recieved");
    CHECK_EQ_STR(misspelled(buf, sizeof buf,
                            "Затем председаель г-н Шойгу заявил о 1990-х гг. и о "
                            "военно-техническом сотрудничестве с USA.",
                            "ru"),
                 "председаель");
    /* A real word in a compound: both parts are words, yet the compound one letter away is the
     * one the dictionary lists. */
    if (tma_stem_lists_compound(dicts, "en", "large-scale", 11) == 1) {
        CHECK_EQ_STR(misspelled(buf, sizeof buf,
                                "Recent years’ large-sale arms supplies, a well-known and "
                                "four-day affair.",
                                "en"),
                     "large-sale=large-scale");
        /* British spellings are English too. */
        CHECK_EQ_STR(misspelled(buf, sizeof buf, "The colour of the theatre.", "en"), "");
    } else {
        fprintf(stderr, "skipped the compound check: no en_GB hunspell dictionary\n");
    }
}

/* The checks of the story's joined units, kept in the QA: the same flags and lists as the checks
 * run one by one, and run once however often they are read. */
static void test_story_units(void)
{
    tma_doc *docs[2] = {NULL, NULL};
    tma_story *story = visit_story(docs);
    if (story == NULL) {
        CHECK(0);
        return;
    }
    static const tma_anchor_kind KINDS[2] = {TMA_ANCHOR_NUMBER, TMA_ANCHOR_NAME};
    tma_qa qa;
    tma_error err = {0};
    size_t count, langs[2] = {0, 1};
    const tma_unit *units = tma_story_units(story, &count);
    tma_buf missing = TMA_BUF_INIT;
    char want[256], got[256];
    CHECK_EQ_INT(tma_qa_init(&qa, story, tma_worker_translit(worker), 0.5, &err), 0);
    for (size_t i = 0; i < count; i++) {
        const tma_qa_result *r = NULL, *again = NULL;
        unsigned flags = 0;
        CHECK_EQ_INT(tma_qa_story_unit(&r, &qa, i, &err), 0);
        CHECK_EQ_INT(tma_qa_unit_flags(&flags, &qa, &units[i], langs, 2, &err), 0);
        CHECK_EQ_INT(r->flags, flags);
        CHECK(r->length_ratio[1] == tma_qa_length_ratio(&qa, &units[i], 1, 0));
        for (size_t c = 0; c < 2; c++) {
            for (size_t d = 0; d < 2; d++) {
                size_t found = 0, n = 0;
                missing.len = 0;
                CHECK_EQ_INT(
                    tma_qa_missing(&missing, &found, &qa, &units[i], d, 1 - d, KINDS[c], &err), 0);
                anchor_words(want, sizeof want, docs[d], &missing);
                const tma_anchor *as = tma_qa_result_missing(&qa, r, d, 1 - d, KINDS[c], &n);
                tma_buf kept = {(char *)as, n * sizeof *as, n * sizeof *as};
                CHECK_EQ_INT(n, found);
                CHECK_EQ_STR(anchor_words(got, sizeof got, docs[d], &kept), want);
            }
        }
        /* Asked again, the unit is not checked again. */
        size_t listed = qa.missing.len;
        CHECK_EQ_INT(tma_qa_story_unit(&again, &qa, i, &err), 0);
        CHECK(again == r);
        CHECK_EQ_INT(qa.missing.len, listed);
    }
    CHECK_EQ_INT(count, 3);
    tma_buf_free(&missing);
    tma_qa_free(&qa);
    tma_story_free(story);
    tma_doc_free(docs[0]);
    tma_doc_free(docs[1]);
}

int main(void)
{
    tma_ctx *ctx = NULL;
    if (test_worker_start(&ctx, &worker) < 0)
        return 1;
    test_units();
    test_story_units();
    test_spelling();
    tma_worker_free(worker);
    tma_ctx_free(ctx);
    return check_summary();
}
