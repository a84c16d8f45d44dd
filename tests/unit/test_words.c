/* The words the lexical score sees: keys that meet across inflection, translations looked up
 * through a glossary, function words dropped, matches counted per span, and a word that the next
 * sentence repeats counted once in a bead that joins them. */
#include "align.h"
#include "anchor.h"
#include "check.h"
#include "context.h"
#include "lexicon.h"
#include "segment.h"
#include "words.h"
#include "worker.h"

#include <stdlib.h>
#include <string.h>

static tma_ctx *ctx;
static tma_worker *w;

static tma_doc *read_doc(const char *text, const char *lang)
{
    tma_doc *doc = NULL;
    tma_error err = {0};
    if (tma_doc_read_mem(&doc, w, lang, text, strlen(text), lang, &err) < 0)
        fprintf(stderr, "reading %s: %s\n", lang, err.message);
    return doc;
}

static tma_lexicon *glossary(const char *la, const char *lb, const char *terms)
{
    tma_lexicon *lex = NULL;
    tma_error err = {0};
    tma_lexicon_options options = TMA_LEXICON_OPTIONS_INIT;
    options.read_back = 0;
    if (tma_lexicon_new(&lex, la, lb, &options, &err) < 0 ||
        tma_lexicon_add_glossary_mem(lex, "terms.tsv", terms, strlen(terms), &err) < 0)
        fprintf(stderr, "glossary: %s\n", err.message);
    return lex;
}

/* An English story and its Russian translation, one sentence per line, and a glossary whose
 * Russian terms are in their dictionary form while the text inflects them. */
static void test_translation(void)
{
    tma_doc *en = read_doc("The river flooded the old house.\n\n"
                           "A cat slept on the roof of the house.\n\n"
                           "Rescuers arrived in the morning.\n",
                           "en");
    tma_doc *ru = read_doc("Река затопила старый дом.\n\n"
                           "Кошка спала на крыше дома.\n\n"
                           "Спасатели прибыли утром.\n",
                           "ru");
    tma_lexicon *lex = glossary("en", "ru",
                                "river\tрека\nhouse\tдом\ncat\tкошка\nroof\tкрыша\n"
                                "rescuer\tспасатель\nmorning\tутро\nold\tстарый\n");
    CHECK(en != NULL && ru != NULL && lex != NULL);
    if (en == NULL || ru == NULL || lex == NULL)
        return;
    const tma_anchor_tables *tables = tma_ctx_anchor_tables(ctx);
    tma_words we = TMA_WORDS_INIT, wr = TMA_WORDS_INIT;
    tma_error err = {0};
    const tma_words_source en_ru = {lex, TMA_LEXICON_AB, NULL, 0, 0};
    const tma_words_source ru_en = {lex, TMA_LEXICON_BA, NULL, 0, 0};
    CHECK_EQ_INT(tma_words_build(&we, en, tables, "ru", &en_ru, &err), 0);
    CHECK_EQ_INT(tma_words_build(&wr, ru, tables, "en", &ru_en, &err), 0);
    CHECK_EQ_INT(we.n, 3);
    CHECK_EQ_INT(wr.n, 3);
    /* river, old, house; cat, roof, house; rescuers (found as rescuer), morning. */
    CHECK_EQ_INT(tma_words_looked_up(&we, 0, 1), 3);
    CHECK_EQ_INT(tma_words_looked_up(&we, 1, 1), 3);
    CHECK_EQ_INT(tma_words_looked_up(&we, 2, 1), 2);
    /* река/Река, дом/дома, крыша/крыше, утро/утром, спасатель/Спасатели meet through the stem. */
    CHECK_EQ_INT(tma_words_matches(&we, 0, 1, &wr, 0, 1), 3);
    CHECK_EQ_INT(tma_words_matches(&we, 1, 1, &wr, 1, 1), 3);
    CHECK_EQ_INT(tma_words_matches(&we, 2, 1, &wr, 2, 1), 2);
    /* Neighbours share only "house". */
    CHECK_EQ_INT(tma_words_matches(&we, 0, 1, &wr, 1, 1), 1);
    CHECK_EQ_INT(tma_words_matches(&we, 2, 1, &wr, 0, 1), 0);
    /* A span counts a word once, wherever in the span it is found. */
    CHECK_EQ_INT(tma_words_matches(&we, 0, 2, &wr, 0, 2), 6);
    CHECK_EQ_INT(tma_words_matches(&we, 0, 1, &wr, 0, 2), 3);
    /* Word by word, sentence by sentence: "house" of sentence 0 is in Russian sentences 0 and 1,
     * "river" in 0 only. As many found in each span as tma_words_matches_by_span counts. */
    uint8_t found[3][3];
    for (uint32_t k = 0; k < 3; k++)
        tma_words_found_in(found[k], &we, we.word_first[0] + k, &wr, 0, 3);
    uint32_t by_span[3], found_by_span[3] = {0, 0, 0};
    tma_words_matches_by_span(by_span, 3, &we, 0, &wr, 0);
    for (uint32_t k = 0; k < 3; k++) {
        size_t first = 0;
        while (first < 3 && !found[k][first])
            first++;
        for (size_t d = first; d < 3; d++)
            found_by_span[d]++;
        CHECK(!found[k][2]);
    }
    CHECK_EQ_INT(found[0][0] + found[1][0] + found[2][0], 3);
    CHECK_EQ_INT(found[0][1] + found[1][1] + found[2][1], 1);
    for (size_t d = 0; d < 3; d++)
        CHECK_EQ_INT(found_by_span[d], by_span[d]);
    /* "house" of sentence 0 comes again in sentence 1: a bead joining them counts its match in
     * "дома" once, and nothing where the other side lacks it or the bead has one sentence. */
    CHECK_EQ_INT(tma_words_repeats_found(&we, 0, 2, &wr, 1, 1), 1);
    CHECK_EQ_INT(tma_words_repeats_found(&we, 0, 2, &wr, 0, 2), 1);
    CHECK_EQ_INT(tma_words_repeats_found(&we, 0, 2, &wr, 2, 1), 0);
    CHECK_EQ_INT(tma_words_repeats_found(&we, 0, 1, &wr, 1, 1), 0);
    CHECK_EQ_INT(tma_words_repeats_found(&we, 1, 2, &wr, 0, 3), 0);
    /* The glossary read backwards answers the Russian side. */
    CHECK_EQ_INT(tma_words_looked_up(&wr, 0, 1), 3);
    CHECK_EQ_INT(tma_words_matches(&wr, 0, 1, &we, 0, 1), 3);
    CHECK(tma_words_keys(&wr, 0, 3) > 0);
    tma_words_free(&we);
    tma_words_free(&wr);
    tma_lexicon_free(lex);
    tma_doc_free(en);
    tma_doc_free(ru);
}

/* Without a lexicon a document has keys and nothing looked up; in a document of eight sentences
 * or more, a word in more than a quarter of them has no key. */
static void test_no_lexicon_and_frequent_words(void)
{
    tma_doc *en = read_doc("The storm hit the coast.\n\nThe wind broke the trees.\n\n"
                           "The power failed.\n\nThe schools closed.\n\nThe roads flooded.\n\n"
                           "The army helped.\n\nThe rain stopped.\n\nThe sun returned.\n",
                           "en");
    CHECK(en != NULL);
    if (en == NULL)
        return;
    tma_words we = TMA_WORDS_INIT;
    tma_error err = {0};
    const tma_words_source none = {NULL, TMA_LEXICON_AB, NULL, 0, 0};
    CHECK_EQ_INT(tma_words_build(&we, en, tma_ctx_anchor_tables(ctx), "ru", &none, &err), 0);
    CHECK_EQ_INT(we.n, 8);
    CHECK_EQ_INT(tma_words_looked_up(&we, 0, 8), 0);
    /* "the" is in every sentence and has no key: storm, hit, coast; wind, broke, trees. */
    CHECK_EQ_INT(tma_words_keys(&we, 0, 1), 3);
    CHECK_EQ_INT(tma_words_keys(&we, 1, 1), 3);
    tma_words_free(&we);
    tma_doc_free(en);
}

/* The aligner's view of DOC with its WORDS: lengths and paragraph starts into CHARS and PARAS
 * (room for 8 sentences). */
static tma_align_side side_of(const tma_doc *doc, const tma_words *words, uint32_t *chars,
                              uint8_t *paras)
{
    size_t len, n = tma_doc_sentence_count(doc);
    const char *text = tma_doc_text(doc, &len);
    for (size_t i = 0; i < n && i < 8; i++) {
        const tma_sentence *s = tma_doc_sentence(doc, i);
        chars[i] = tma_seg_count_chars(text + s->start, s->len);
        paras[i] = i == 0 || s->paragraph != tma_doc_sentence(doc, i - 1)->paragraph;
    }
    return (tma_align_side){chars, paras, n < 8 ? n : 8, NULL, NULL, NULL, words};
}

/* A sentence left untranslated that says again what the next one says: its words find the
 * next one's translation, and a bead joining the two counted them twice and took it in. Counted
 * once, it stays alone (1-0) and the next one pairs with its translation. */
static void test_untranslated_sentence_that_repeats(void)
{
    tma_doc *en = read_doc("A storm hit the coast.\n\n"
                           "Five fishermen drowned in the storm near the harbour. "
                           "Unions mourned the five fishermen who drowned near the harbour.\n",
                           "en");
    tma_doc *ru =
        read_doc("Шторм обрушился на побережье.\n\n"
                 "Профсоюзы почтили память пяти рыбаков, которые утонули у самой гавани.\n",
                 "ru");
    tma_lexicon *lex = glossary("en", "ru",
                                "storm\tшторм\ncoast\tпобережье\nfisherman\tрыбак\n"
                                "drown\tутонуть\nharbour\tгавань\nunion\tпрофсоюз\n"
                                "mourn\tпочтить\nfive\tпять\n");
    CHECK(en != NULL && ru != NULL && lex != NULL);
    if (en == NULL || ru == NULL || lex == NULL)
        return;
    tma_words we = TMA_WORDS_INIT, wr = TMA_WORDS_INIT;
    tma_error err = {0};
    const tma_words_source en_ru = {lex, TMA_LEXICON_AB, NULL, 0, 0};
    const tma_words_source ru_en = {lex, TMA_LEXICON_BA, NULL, 0, 0};
    CHECK_EQ_INT(tma_words_build(&we, en, tma_ctx_anchor_tables(ctx), "ru", &en_ru, &err), 0);
    CHECK_EQ_INT(tma_words_build(&wr, ru, tma_ctx_anchor_tables(ctx), "en", &ru_en, &err), 0);
    uint32_t chars_en[8], chars_ru[8];
    uint8_t paras_en[8], paras_ru[8];
    tma_align_side a = side_of(en, &we, chars_en, paras_en);
    tma_align_side b = side_of(ru, &wr, chars_ru, paras_ru);
    tma_align_params p = tma_align_default_params();
    p.c = 1.06;
    p.s2 = 3.4;
    tma_align_scratch scratch = TMA_ALIGN_SCRATCH_INIT;
    tma_bead *beads = NULL;
    size_t count = 0;
    CHECK_EQ_INT(tma_align_pair(&beads, &count, &a, &b, &p, &scratch, &err), 0);
    char kinds[64] = "";
    for (size_t k = 0; k < count && strlen(kinds) + 8 < sizeof kinds; k++)
        sprintf(kinds + strlen(kinds), "%s%u-%u", k ? " " : "", (unsigned)beads[k].a_count,
                (unsigned)beads[k].b_count);
    CHECK_EQ_STR(kinds, "1-1 1-0 1-1");
    free(beads);
    tma_align_scratch_free(&scratch);
    tma_words_free(&we);
    tma_words_free(&wr);
    tma_lexicon_free(lex);
    tma_doc_free(en);
    tma_doc_free(ru);
}

int main(void)
{
    if (test_worker_start(&ctx, &w) < 0)
        return 1;
    test_translation();
    test_no_lexicon_and_frequent_words();
    test_untranslated_sentence_that_repeats();
    tma_worker_free(w);
    tma_ctx_free(ctx);
    return check_summary();
}
