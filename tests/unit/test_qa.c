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

/* A two-language story of EN and OTHER in LANG, one sentence per line; NULL when it cannot be
 * made. */
static tma_story *story_in(tma_doc **docs, const char *en, const char *other, const char *lang)
{
    tma_error err = {0};
    tma_story *story = NULL;
    if (tma_doc_read_mem(&docs[0], worker, "en.txt", en, strlen(en), "en", &err) < 0 ||
        tma_doc_read_mem(&docs[1], worker, "other.txt", other, strlen(other), lang, &err) < 0 ||
        tma_story_align(&story, worker, docs, 2, &err) < 0) {
        fprintf(stderr, "set-up failed: %s\n", err.message);
        return NULL;
    }
    return story;
}

static tma_story *story_of(tma_doc **docs, const char *en, const char *ru)
{
    return story_in(docs, en, ru, "ru");
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

/* The anchors of kind KIND of side K of unit U that side OTHER lacks (tma_qa_missing), their text
 * in DOC comma-separated into BUF; their count into *FOUND. */
static const char *missing_words(char *buf, size_t size, size_t *found, tma_qa *qa,
                                 const tma_unit *u, size_t k, size_t other, tma_anchor_kind kind,
                                 const tma_doc *doc)
{
    tma_buf missing = TMA_BUF_INIT;
    tma_error err = {0};
    CHECK_EQ_INT(tma_qa_missing(&missing, found, qa, u, k, other, kind, &err), 0);
    anchor_words(buf, size, doc, &missing);
    tma_buf_free(&missing);
    return buf;
}

/* STORY's units into *UNITS and their number into *COUNT, with QA made for them; 0 when STORY is
 * NULL (a failed check). */
static int story_checks(tma_qa *qa, const tma_unit **units, size_t *count, tma_story *story)
{
    tma_error err = {0};
    if (story == NULL) {
        CHECK(0);
        return 0;
    }
    *units = tma_story_units(story, count);
    CHECK_EQ_INT(tma_qa_init(qa, story, worker, 0.5, &err), 0);
    CHECK_EQ_INT(*count, 3);
    return 1;
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
    tma_qa qa;
    tma_error err = {0};
    size_t count = 0, found = 0;
    const tma_unit *units = NULL;
    if (!story_checks(&qa, &units, &count, story))
        return;
    char words[256];
    for (size_t i = 0; i < count && count == 3; i++) {
        CHECK_EQ_STR(missing_words(words, sizeof words, &found, &qa, &units[i], 0, 1,
                                   TMA_ANCHOR_NAME, docs[0]),
                     i == 2 ? "Aliyev" : "");
        CHECK_EQ_STR(missing_words(words, sizeof words, &found, &qa, &units[i], 0, 1,
                                   TMA_ANCHOR_NUMBER, docs[0]),
                     i == 1 ? "72" : "");
        missing_words(words, sizeof words, &found, &qa, &units[i], 1, 0, TMA_ANCHOR_NAME, docs[1]);
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
    tma_qa_free(&qa);
    tma_story_free(story);
    tma_doc_free(docs[0]);
    tma_doc_free(docs[1]);
}

/* The numbers of the one-unit story of EN and OTHER (in LANG) that the other side lacks, as "EN
 * numbers/OTHER numbers", into BUF. */
static const char *numbers_missing(char *buf, size_t size, const char *en, const char *other,
                                   const char *lang)
{
    tma_doc *docs[2] = {NULL, NULL};
    tma_story *story = story_in(docs, en, other, lang);
    tma_qa qa;
    tma_error err = {0};
    tma_buf missing = TMA_BUF_INIT;
    size_t count = 0, found = 0;
    const tma_unit *units = story ? tma_story_units(story, &count) : NULL;
    snprintf(buf, size, "(no single unit)");
    if (count == 1 && tma_qa_init(&qa, story, worker, 0.5, &err) == 0) {
        char a[128] = "", b[128] = "";
        if (tma_qa_missing(&missing, &found, &qa, &units[0], 0, 1, TMA_ANCHOR_NUMBER, &err) == 0)
            anchor_words(a, sizeof a, docs[0], &missing);
        missing.len = 0;
        if (tma_qa_missing(&missing, &found, &qa, &units[0], 1, 0, TMA_ANCHOR_NUMBER, &err) == 0)
            anchor_words(b, sizeof b, docs[1], &missing);
        snprintf(buf, size, "%s/%s", a, b);
    }
    if (count == 1)
        tma_qa_free(&qa);
    tma_buf_free(&missing);
    tma_story_free(story);
    tma_doc_free(docs[0]);
    tma_doc_free(docs[1]);
    return buf;
}

/* Numbers that mean the same are the same: grouping marks, ordinals and number words, Roman
 * numerals, the two clocks; numbers that differ are still reported. */
static void test_numbers(void)
{
    char buf[300];
    CHECK_EQ_STR(numbers_missing(buf, sizeof buf, "The stadium holds 9,000 people.",
                                 "Стадион вмещает 9,000 человек.", "ru"),
                 "/");
    CHECK_EQ_STR(numbers_missing(buf, sizeof buf, "The stadium holds 9,000 people.",
                                 "Ստադիոնը տեղավորում է 9,000 մարդ։", "hy"),
                 "/");
    CHECK_EQ_STR(numbers_missing(buf, sizeof buf, "In third place came Kane.",
                                 "На 3-м месте оказался Кейн.", "ru"),
                 "/");
    CHECK_EQ_STR(numbers_missing(buf, sizeof buf, "Kane and Truex were fifth and sixth.",
                                 "Кейн и Трукс заняли 5-е и 6-е места.", "ru"),
                 "/");
    CHECK_EQ_STR(numbers_missing(buf, sizeof buf, "Kane came 3rd in the race.",
                                 "Քեյնը մրցավազքում երրորդն էր։", "hy"),
                 "/");
    CHECK_EQ_STR(numbers_missing(buf, sizeof buf, "It can be printed for about one U.S. cent.",
                                 "Его можно напечатать примерно за 1 цент США.", "ru"),
                 "/");
    CHECK_EQ_STR(numbers_missing(buf, sizeof buf, "Sikhism began in the 15th century.",
                                 "Сикхизм зародился в XV веке.", "ru"),
                 "/");
    CHECK_EQ_STR(numbers_missing(buf, sizeof buf, "The fire was out by 11:35 pm.",
                                 "Пожар потушили к 23:35.", "ru"),
                 "/");
    CHECK_EQ_STR(numbers_missing(buf, sizeof buf, "He was on the 2008 400 Richest Americans list.",
                                 "В 2008 году он был в списке 400 богатейших американцев.", "ru"),
                 "/");
    CHECK_EQ_STR(numbers_missing(buf, sizeof buf,
                                 "From 340 million to 500 million people speak it.",
                                 "На нём говорят от 340 до 500 миллионов человек.", "ru"),
                 "/");
    CHECK_EQ_STR(numbers_missing(buf, sizeof buf, "It started at 15:00 UTC.",
                                 "Оно началось в 15 часов по UTC.", "ru"),
                 "/");
    CHECK_EQ_STR(numbers_missing(buf, sizeof buf, "His 1,000th stamp was his best.",
                                 "Его тысячная марка была лучшей.", "ru"),
                 "/");
    CHECK_EQ_STR(numbers_missing(buf, sizeof buf, "About 3000 years later, in 1610, he saw it.",
                                 "Около трёх тысяч лет спустя, в 1610 году, он это увидел.", "ru"),
                 "/");
    CHECK_EQ_STR(numbers_missing(buf, sizeof buf, "About three thousand years later it fell.",
                                 "Около 3000 лет спустя он пал.", "ru"),
                 "/");
    /* A code or a unit symbol that the other side writes in words or leaves out says nothing of
     * its digits; against a code of the other side it is compared. */
    CHECK_EQ_STR(numbers_missing(buf, sizeof buf, "The G7 ministers met in Liverpool.",
                                 "Министры «большой семёрки» встретились в Ливерпуле.", "ru"),
                 "/");
    CHECK_EQ_STR(numbers_missing(buf, sizeof buf, "A 4x4 is highly advised.",
                                 "Настоятельно рекомендуется внедорожник.", "ru"),
                 "/");
    CHECK_EQ_STR(numbers_missing(buf, sizeof buf, "Haiti had no cases since the 1800s.",
                                 "На Гаити не было случаев с XIX века.", "ru"),
                 "/");
    CHECK_EQ_STR(numbers_missing(buf, sizeof buf, "A case of H5N1 was found in China.",
                                 "В Китае нашли случай H5N3.", "ru"),
                 "1/3");
    CHECK_EQ_STR(numbers_missing(buf, sizeof buf, "He came 21st in the race.",
                                 "Он занял 22-е место в гонке.", "ru"),
                 "21/22");
    /* What differs is reported. */
    CHECK_EQ_STR(numbers_missing(buf, sizeof buf, "In third place came Kane.",
                                 "На 4-м месте оказался Кейн.", "ru"),
                 "/4");
    CHECK_EQ_STR(numbers_missing(buf, sizeof buf, "The fire was out by 11:35 pm.",
                                 "Пожар потушили к 22:35.", "ru"),
                 "11/22");
    CHECK_EQ_STR(numbers_missing(buf, sizeof buf, "Sikhism began in the 15th century.",
                                 "Сикхизм зародился в XVI веке.", "ru"),
                 "15/");
    CHECK_EQ_STR(numbers_missing(buf, sizeof buf, "The stadium holds 9,000 people.",
                                 "Стадион вмещает 9,500 человек.", "ru"),
                 "9,000/9,500");
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

/* The checks of the story's joined units, kept in the QA: the same flags as the checks run one by
 * one, and run once however often they are read. */
typedef void unit_check(tma_qa *qa, const tma_unit *unit, size_t i, tma_doc *const *docs,
                        const char *const *expected);

/* Runs CHECK on each of the three units of the story of EN and OTHER (in LANG), with the story's
 * checks and what CHECK expects. */
static void each_unit_in(const char *en, const char *other, const char *lang, unit_check *check,
                         const char *const *expected)
{
    tma_doc *docs[2] = {NULL, NULL};
    tma_story *story = story_in(docs, en, other, lang);
    tma_qa qa;
    size_t count = 0;
    const tma_unit *units = NULL;
    if (story_checks(&qa, &units, &count, story)) {
        for (size_t i = 0; i < count && count == 3; i++)
            check(&qa, &units[i], i, docs, expected);
        tma_qa_free(&qa);
    }
    tma_story_free(story);
    tma_doc_free(docs[0]);
    tma_doc_free(docs[1]);
}

static void each_unit(const char *en, const char *ru, unit_check *check,
                      const char *const *expected)
{
    each_unit_in(en, ru, "ru", check, expected);
}

static void check_lexicon_names(tma_qa *qa, const tma_unit *unit, size_t i, tma_doc *const *docs,
                                const char *const *expected)
{
    char words[256];
    size_t found = 0;
    CHECK_EQ_STR(
        missing_words(words, sizeof words, &found, qa, unit, 0, 1, TMA_ANCHOR_NAME, docs[0]),
        i == 1 ? expected[0] : "");
    CHECK_EQ_INT(tma_qa_anchors_disagree(qa, unit, 0, 1), i == 2);
}

/* Names the check reads since issue 19: a lexicon name is checked where the lexicon lists its
 * forms in the other language ("Moscow" where the Russian says "Киеве"), which then meet
 * wherever they stand, inflected or not ("Մոսկվայում", "Մոսկվայի"); a weekday of the lexicon
 * meets its translation, a name too short to compare ("Gabba" loosens to two sound classes) is
 * not reported; the anchors of a unit's sides disagree when both have some and share none. */
static void test_names(void)
{
    each_unit_in("Officials met Gabba in Moscow on Monday.\n\n"
                 "The talks in Moscow with Gabba went well.\n\n"
                 "Paris sent 40 guests to the summit.\n",
                 "Պաշտոնյաները երկուշաբթի Մոսկվայում հանդիպեցին Գաբբային:\n\n"
                 "Մոսկվայի բանակցությունները Գաբբայի հետ լավ անցան:\n\n"
                 "Բեռլինը գագաթնաժողով ուղարկեց 15 մեքենա:\n",
                 "hy", check_lexicon_names, (const char *const[]){""});
    each_unit("Officials met Gabba in Moscow on Monday.\n\n"
              "The talks in Moscow with Gabba went well.\n\n"
              "Paris sent 40 guests to the summit.\n",
              "Чиновники встретились в Москве в понедельник.\n\n"
              "Переговоры в Киеве с Габбой прошли хорошо.\n\n"
              "Берлин отправил на саммит 15 машин.\n",
              check_lexicon_names, (const char *const[]){"Moscow"});
}

/* The names each unit lacks on the other side: EXPECTED[0] of the English and EXPECTED[1] of the
 * Russian in the second unit, none elsewhere. */
static void check_second_unit_names(tma_qa *qa, const tma_unit *unit, size_t i,
                                    tma_doc *const *docs, const char *const *expected)
{
    char words[256];
    size_t found = 0;
    for (size_t k = 0; k < 2; k++) {
        CHECK_EQ_STR(missing_words(words, sizeof words, &found, qa, unit, k, 1 - k, TMA_ANCHOR_NAME,
                                   docs[k]),
                     i == 1 ? expected[k] : "");
    }
}

/* Names that the Russian dictionary also knows in lowercase ("Лавров", "Путина"): the anchors
 * leave them out, the name check takes them (issue 19). The second Russian sentence names Putin
 * where the English names Lavrov: both are reported. English capitalises more than names: its
 * "German", a word the dictionary knows, is not reported though the Russian says "Немецкий". */
static void test_known_names(void)
{
    each_unit("On Monday Lavrov met Putin in Geneva.\n\n"
              "The German minister praised Lavrov.\n\n"
              "Germany and France sent 40 guests.\n",
              "В понедельник Лавров встретился с Путиным в Женеве.\n\n"
              "Немецкий министр похвалил Путина.\n\n"
              "Германия и Франция прислали 40 гостей.\n",
              check_second_unit_names, (const char *const[]){"Lavrov", "Путина"});
}

/* Names whose spellings have different keys ("Volodymyr" and "Владимир", "Барселоне" and
 * "Barcelona"): the other document never has them by key, but another unit shows how the
 * translation writes them, so their absence from the second unit is reported. The English
 * "were" resembles "Барселоны" only as loosely as many lowercase words do, and does not excuse
 * it. */
static void test_confirmed_names(void)
{
    each_unit("Volodymyr Klitschko met officials in Barcelona on Monday.\n\n"
              "The mayor thanked Volodymyr and said the talks were useful.\n\n"
              "The guests left the city at noon.\n",
              "Владимир Кличко встретился с чиновниками в Барселоне в понедельник.\n\n"
              "Мэр Барселоны поблагодарил Виталия и сказал, что переговоры были полезны.\n\n"
              "Гости покинули город в полдень.\n",
              check_second_unit_names, (const char *const[]){"Volodymyr", "Барселоны"});
}

static void test_story_units(void)
{
    tma_doc *docs[2] = {NULL, NULL};
    tma_story *story = visit_story(docs);
    if (story == NULL) {
        CHECK(0);
        return;
    }
    tma_qa qa;
    tma_error err = {0};
    size_t count, langs[2] = {0, 1};
    const tma_unit *units = tma_story_units(story, &count);
    CHECK_EQ_INT(tma_qa_init(&qa, story, worker, 0.5, &err), 0);
    for (size_t i = 0; i < count; i++) {
        const tma_qa_result *r = NULL, *again = NULL;
        unsigned flags = 0;
        CHECK_EQ_INT(tma_qa_story_unit(&r, &qa, i, &err), 0);
        CHECK_EQ_INT(tma_qa_unit_flags(&flags, &qa, &units[i], langs, 2, &err), 0);
        CHECK_EQ_INT(r->flags, flags);
        CHECK(r->length_ratio[1] == tma_qa_length_ratio(&qa, &units[i], 1, 0));
        /* Asked again, the unit is not checked again: the same result. */
        CHECK_EQ_INT(tma_qa_story_unit(&again, &qa, i, &err), 0);
        CHECK(again == r);
    }
    CHECK_EQ_INT(count, 3);
    tma_qa_free(&qa);
    tma_story_free(story);
    tma_doc_free(docs[0]);
    tma_doc_free(docs[1]);
}

/* The units checked ahead on a thread of their own (tma_qa_start_ahead) have the results of the
 * units checked one by one, whatever order they are asked for in, and freeing the checks stops the
 * thread, also before it has checked them all. */
static void test_story_units_ahead(void)
{
    tma_doc *docs[2] = {NULL, NULL};
    tma_story *story = visit_story(docs);
    if (story == NULL) {
        CHECK(0);
        return;
    }
    tma_qa alone, ahead;
    tma_error err = {0};
    size_t count;
    (void)tma_story_units(story, &count);
    CHECK_EQ_INT(tma_qa_init(&alone, story, worker, 0.5, &err), 0);
    for (int order = 0; order < 3; order++) {
        CHECK_EQ_INT(tma_qa_init(&ahead, story, worker, 0.5, &err), 0);
        tma_qa_start_ahead(&ahead, worker, 0);
        /* 0: in order; 1: backwards; 2: none asked, the thread is stopped as it runs. */
        for (size_t j = 0; j < count && order < 2; j++) {
            size_t i = order == 0 ? j : count - 1 - j;
            const tma_qa_result *r = NULL, *expected = NULL;
            CHECK_EQ_INT(tma_qa_story_unit(&r, &ahead, i, &err), 0);
            CHECK_EQ_INT(tma_qa_story_unit(&expected, &alone, i, &err), 0);
            CHECK(r != NULL && expected != NULL && r->checked);
            if (r != NULL && expected != NULL) {
                CHECK_EQ_INT(r->flags, expected->flags);
                CHECK(memcmp(r->length_ratio, expected->length_ratio, sizeof r->length_ratio) == 0);
            }
        }
        tma_qa_free(&ahead);
        CHECK(ahead.ahead == NULL);
    }
    /* Below its number of units, no thread starts. */
    CHECK_EQ_INT(tma_qa_init(&ahead, story, worker, 0.5, &err), 0);
    tma_qa_start_ahead(&ahead, worker, count + 1);
    CHECK(ahead.ahead == NULL);
    tma_qa_free(&ahead);
    tma_qa_free(&alone);
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
    test_names();
    test_known_names();
    test_confirmed_names();
    test_numbers();
    test_story_units();
    test_story_units_ahead();
    test_spelling();
    tma_worker_free(worker);
    tma_ctx_free(ctx);
    return check_summary();
}
