/* Headlines glued to the next sentence with no final punctuation, split where both versions
 * agree (tma_story_align with two docs), and tma_doc_split itself. */
#include "check.h"
#include "worker.h"
#include "context.h"
#include "align.h"
#include "buf.h"
#include "doc.h"
#include "resplit.h"
#include "stem.h"
#include "tmalign.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tma_worker *worker;

/* The story's units as "sentence|sentence" per unit, the sentences' text collapsed. */
static void units_of(char *out, size_t size, const char *en, const char *ru)
{
    tma_doc *docs[2] = {NULL, NULL};
    tma_story *story = NULL;
    tma_error err = {0};
    out[0] = '\0';
    if (tma_doc_read_mem(&docs[0], worker, "en.txt", en, strlen(en), "en", &err) < 0 ||
        tma_doc_read_mem(&docs[1], worker, "ru.txt", ru, strlen(ru), "ru", &err) < 0 ||
        tma_story_align(&story, worker, docs, 2, &err) < 0) {
        snprintf(out, size, "error: %s", err.message);
    } else {
        size_t count, used = 0;
        const tma_unit *units = tma_story_units(story, &count);
        for (size_t i = 0; i < count && used < size; i++) {
            for (size_t k = 0; k < 2 && used < size; k++) {
                used += (size_t)snprintf(out + used, size - used, "%s", k ? "|" : i ? "\n" : "");
                for (uint32_t s = 0; s < units[i].count[k] && used < size; s++) {
                    char text[512];
                    tma_doc_sentence_text(docs[k], units[i].first[k] + s, text, sizeof text);
                    used += (size_t)snprintf(out + used, size - used, "%s%s", s ? " " : "", text);
                }
            }
        }
    }
    tma_story_free(story);
    tma_doc_free(docs[0]);
    tma_doc_free(docs[1]);
}

static const char BODY_EN[] =
    "the reason for feeling unwell at the end of the working week frequently lies in the weekend "
    "migraine, the endocrinologist Zukhra Pavlova told on her Telegram channel. According to her, "
    "it is most widespread among workaholics who suffer from headache and weakness. She advised "
    "them to keep to one schedule on all seven days of the week.\n";
static const char BODY_RU[] =
    "причиной ухудшения самочувствия после рабочих будней зачастую является мигрень выходного "
    "дня, рассказала врач-эндокринолог Зухра Павлова в своем телеграм-канале. По ее словам, она "
    "особенно часто встречается у трудоголиков, которые страдают от головной боли и слабости. "
    "Она посоветовала им соблюдать один режим все семь дней недели.\n";

/* The units of a story whose second paragraph starts with EN_LEAD / RU_LEAD, then the body. */
static void units_after(char *out, size_t size, const char *en_lead, const char *ru_lead)
{
    char en[2048], ru[2048];
    snprintf(en, sizeof en, "Title of the story\n\n%s%s", en_lead, BODY_EN);
    snprintf(ru, sizeof ru, "Заголовок истории\n\n%s%s", ru_lead, BODY_RU);
    units_of(out, size, en, ru);
}

static void test_glued_headlines(void)
{
    char got[4096];
    /* Both glued: the capitalised common words "Scientists" and "Ученые" open the next sentence at
     * places whose pieces match in length. */
    units_after(got, sizeof got,
                "Several factors may cause discomfort on weekends Scientists found that ",
                "Несколько факторов могут вызывать дискомфорт в выходные Ученые выяснили, что ");
    CHECK(strstr(got, "Several factors may cause discomfort on weekends|Несколько факторов могут "
                      "вызывать дискомфорт в выходные\nScientists found that the reason") != NULL);
    /* One side glued, the other split by its opener rule ("The reason"): the glued side follows. */
    units_after(got, sizeof got,
                "Several factors may cause discomfort on weekends The reason is that ",
                "Несколько факторов могут вызывать дискомфорт в выходные Дело в том, что ");
    CHECK(strstr(got, "Several factors may cause discomfort on weekends|Несколько факторов могут "
                      "вызывать дискомфорт в выходные\nThe reason is that") != NULL);
    /* A headline in title case: an opener and a lowercase word after its last capitalised word
     * ("Weekends The reason") begin the next sentence. */
    units_after(got, sizeof got,
                "Several Factors May Cause Discomfort On Weekends The reason is that ",
                "Несколько факторов могут вызывать дискомфорт в выходные Дело в том, что ");
    CHECK(strstr(got, "Several Factors May Cause Discomfort On Weekends|Несколько факторов могут "
                      "вызывать дискомфорт в выходные\nThe reason is that") != NULL);
    /* The same with "I" after the opener: English capitalises it anywhere, so it starts no
     * title. */
    units_after(got, sizeof got,
                "Several Factors May Cause Discomfort On Weekends When I looked, I found that ",
                "Несколько факторов могут вызывать дискомфорт в выходные Когда я посмотрел, я "
                "выяснил, что ");
    CHECK(strstr(got, "Several Factors May Cause Discomfort On Weekends|Несколько факторов могут "
                      "вызывать дискомфорт в выходные\nWhen I looked") != NULL);
    /* A lead that starts with a name in both versions ("The United Nations" / "Организация
     * Объединенных Наций"): the opener "The" after a lowercase word begins a sentence. */
    units_after(got, sizeof got,
                "Several factors may cause discomfort on weekends The United Nations found that ",
                "Несколько факторов могут вызывать дискомфорт в выходные Организация Объединенных "
                "Наций выяснила, что ");
    CHECK(strstr(got, "Several factors may cause discomfort on weekends|Несколько факторов могут "
                      "вызывать дискомфорт в выходные\nThe United Nations found") != NULL);
    /* A title inside a sentence, capitalised in both languages at places whose pieces match in
     * length ("the White House" / "представитель Белого дома"): a headline does not end in an
     * article or a preposition, nor in a capitalised common word. */
    units_after(got, sizeof got,
                "A spokesman for the White House said on Monday that 25 people had been hurt in "
                "the storm. It is known that ",
                "Как заявил представитель Белого дома в понедельник, 25 человек пострадали во "
                "время шторма. Известно, что ");
    CHECK(strstr(got, "A spokesman for the White House said on Monday that 25 people had been "
                      "hurt in the storm.|Как заявил представитель Белого дома в понедельник, 25 "
                      "человек пострадали во время шторма.") != NULL);
    /* A title before a name, capitalised in both languages after a verb, at places whose pieces
     * match in length: in neither version does a lowercase word follow, as one would after a
     * sentence's first word. */
    units_after(got, sizeof got,
                "Peter Costello, the man most likely to succeed Prime Minister John Howard as "
                "party leader, has backed nuclear power. It is known that ",
                "Питер Костелло, который, скорее всего, станет преемником Премьер-министра Джона "
                "Говарда во главе партии, поддержал атомную энергетику. Известно, что ");
    CHECK(strstr(got, "to succeed Prime Minister John Howard") != NULL);
    /* Only one side has a place: nothing is split. */
    units_after(got, sizeof got,
                "Several factors may cause discomfort on weekends Scientists found that ",
                "Несколько факторов могут вызывать дискомфорт в выходные, как выяснили ученые, и ");
    CHECK(strstr(got, "Several factors may cause discomfort on weekends Scientists found that "
                      "the reason") != NULL);
}

/* A headline run into its lead, where the other version has the headline alone and lacks the
 * lead: the headline, which names what its translation names, is cut off and paired, the lead
 * left alone; in either version. */
static void test_headline_beside_omission(void)
{
    static const char EN_HEADLINE[] = "Doctor Kamalova names the causes of discomfort on weekends";
    static const char RU_HEADLINE[] = "Врач Камалова назвала причины дискомфорта в выходные";
    /* A lead much longer than the headline: the alignment leaves both sentences alone. */
    static const char EN_LEAD[] =
        "Scientists in Moscow found that many office workers feel weak and tired on Saturdays and "
        "Sundays, that they sleep badly on Sunday nights, and that most of them blame the long "
        "working week for it, while the real reason may lie in the change of their daily habits.";
    static const char RU_LEAD[] =
        "Ученые из Москвы выяснили, что многие офисные работники чувствуют слабость и усталость "
        "по субботам и воскресеньям, плохо спят в ночь на понедельник и винят в этом долгую "
        "рабочую неделю, хотя настоящая причина может крыться в смене их привычного распорядка.";
    char en[2048], ru[2048], got[4096], want[1024];
    snprintf(en, sizeof en, "Title of the story\n\n%s %s\n\nT%s", EN_HEADLINE, EN_LEAD,
             BODY_EN + 1);
    snprintf(ru, sizeof ru, "Заголовок истории\n\n%s\n\nП%s", RU_HEADLINE, BODY_RU + 2);
    units_of(got, sizeof got, en, ru);
    snprintf(want, sizeof want, "%s|%s\n%s|\n", EN_HEADLINE, RU_HEADLINE, EN_LEAD);
    CHECK(strstr(got, want) != NULL);
    snprintf(en, sizeof en, "Title of the story\n\n%s\n\nT%s", EN_HEADLINE, BODY_EN + 1);
    snprintf(ru, sizeof ru, "Заголовок истории\n\n%s %s\n\nП%s", RU_HEADLINE, RU_LEAD, BODY_RU + 2);
    units_of(got, sizeof got, en, ru);
    snprintf(want, sizeof want, "%s|%s\n|%s\n", EN_HEADLINE, RU_HEADLINE, RU_LEAD);
    CHECK(strstr(got, want) != NULL);
    /* A piece that does not match the other sentence in length: nothing is cut. */
    snprintf(en, sizeof en, "Title of the story\n\n%s %s\n\nT%s", EN_HEADLINE, EN_LEAD,
             BODY_EN + 1);
    snprintf(ru, sizeof ru, "Заголовок истории\n\nДискомфорт\n\nП%s", BODY_RU + 2);
    units_of(got, sizeof got, en, ru);
    snprintf(want, sizeof want, "%s %s", EN_HEADLINE, EN_LEAD);
    CHECK(strstr(got, want) != NULL);
    /* Pieces that match in length but share no number or name with the other sentence: two
     * sentences alone side by side are as often a sentence that replaced another. */
    snprintf(en, sizeof en, "Title of the story\n\n%s %s\n\nT%s",
             "Several factors may cause discomfort on weekends", EN_LEAD, BODY_EN + 1);
    snprintf(ru, sizeof ru, "Заголовок истории\n\n%s\n\nП%s",
             "Несколько факторов могут вызывать дискомфорт в выходные", BODY_RU + 2);
    units_of(got, sizeof got, en, ru);
    snprintf(want, sizeof want, "%s %s", "Several factors may cause discomfort on weekends",
             EN_LEAD);
    CHECK(strstr(got, want) != NULL);
}

/* A lead that opens with a name its headline holds too: the name ends the headline in both
 * versions ("Venezuela ... | Venezuela will introduce"). A name the sentence has not named before
 * goes on it ("rules of | Venezuela" after a preposition is no headline either way). */
static void test_names_again(void)
{
    char got[4096];
    units_after(got, sizeof got,
                "Venezuela will establish an exchange rate for tourists Venezuela will introduce a "
                "special exchange rate for its currency, and ",
                "Венесуэла установит валютный курс для туристов Венесуэла введет специальный курс "
                "обмена своей валюты, и ");
    CHECK(strstr(got, "Venezuela will establish an exchange rate for tourists|Венесуэла установит "
                      "валютный курс для туристов\nVenezuela will introduce") != NULL);
    units_after(got, sizeof got,
                "Several tourists visited the central bank of Moscow Venezuela will introduce a "
                "special exchange rate for its currency, and ",
                "Несколько туристов посетили центральный банк Москвы Венесуэла введет специальный "
                "курс обмена своей валюты, и ");
    CHECK(strstr(got, "central bank of Moscow Venezuela will introduce") != NULL);
}

/* A name whose second word the dictionary knows in lowercase ("Brown", "brown"), after a first
 * name that ends a piece matching in length: the document writes "Brown" inside its sentences after
 * lowercase words, not at their start, so it goes on the name and nothing is split. */
static void test_title_words(void)
{
    char got[4096];
    units_of(got, sizeof got,
             "Title of the story\n\nScottish transport minister Keith Brown said he was excited to "
             "work with the government on the plan and the new bridge. It is known that the work "
             "starts in May.\n\nThe plan was praised, said Brown. The bridge is long, said Brown. "
             "The cost is high, said Brown.\n",
             "Заголовок истории\n\nМинистр транспорта Шотландии Кит Браун сказал, что он рад "
             "работать с правительством над планом и новым мостом. Известно, что работы начнутся в "
             "мае.\n\nПлан получил похвалу, сказал Браун. Мост длинный, сказал Браун. Стоимость "
             "высока, сказал Браун.\n");
    CHECK(strstr(got, "Scottish transport minister Keith Brown said he was excited") != NULL);
    CHECK(strstr(got, "Министр транспорта Шотландии Кит Браун сказал") != NULL);
}

/* The end of a story before a headline glued to it, in one paragraph. */
/* clang-format off */
#define STORY_BEFORE_EN "Title of the story\n\nThe first story ends here with a long sentence " \
                        "about the weather in the north. "
#define STORY_BEFORE_RU "Заголовок истории\n\nПервая история заканчивается здесь длинным " \
                        "предложением о погоде на севере. "
/* clang-format on */

/* A headline glued to the end of the story before it on one line: inside a paragraph, a place is
 * taken where one version's word opens sentences ("The"); at capitalised common words alone
 * ("Electronics makers" / "Производители электроники") only where the pieces match closely. */
static void test_headline_inside_paragraph(void)
{
    char got[4096];
    units_of(got, sizeof got,
             STORY_BEFORE_EN "Sony anticipates a lower annual profit The Japanese electronics "
                             "manufacturer said on Friday that its net loss had grown.\n",
             STORY_BEFORE_RU
             "Sony рассчитывает на более низкую годовую прибыль Японский производитель "
             "электроники заявил в пятницу, что его чистый убыток вырос.\n");
    CHECK(strstr(got, "Sony anticipates a lower annual profit|Sony рассчитывает на более низкую "
                      "годовую прибыль\nThe Japanese electronics") != NULL);
    units_of(got, sizeof got,
             STORY_BEFORE_EN "Sony anticipates a lower annual profit Electronics makers in Japan "
                             "said on Friday that their net loss had grown.\n",
             STORY_BEFORE_RU
             "Sony рассчитывает на более низкую годовую прибыль Производители электроники "
             "в Японии заявили в пятницу, что их чистый убыток вырос.\n");
    CHECK(strstr(got, "Sony anticipates a lower annual profit|Sony рассчитывает на более низкую "
                      "годовую прибыль\nElectronics makers") != NULL);
    units_of(got, sizeof got,
             STORY_BEFORE_EN "Sony anticipates a lower annual profit Electronics makers in Japan "
                             "said on Friday that their net loss had grown.\n",
             STORY_BEFORE_RU
             "Sony рассчитывает на гораздо более низкую годовую прибыль в этом году "
             "Производители электроники в Японии заявили в пятницу, что их чистый убыток вырос.\n");
    CHECK(strstr(got, "annual profit Electronics makers") != NULL);
    /* The same where the English ends the headline with a full stop: that is evidence enough, and
     * the Russian is split where its capitalised common word opens the next sentence. */
    units_of(got, sizeof got,
             STORY_BEFORE_EN "Sony anticipates a lower annual profit. Electronics makers in Japan "
                             "said on Friday that their net loss had grown.\n",
             STORY_BEFORE_RU
             "Sony рассчитывает на более низкую годовую прибыль Производители электроники "
             "в Японии заявили в пятницу, что их чистый убыток вырос.\n");
    CHECK(strstr(got, "Sony anticipates a lower annual profit.|Sony рассчитывает на более низкую "
                      "годовую прибыль\nElectronics makers") != NULL);
}

static const char BODY_HY[] =
    "աշխատանքային շաբաթվա վերջում վատ ինքնազգացողության պատճառը հաճախ հանգստյան օրերի միգրենն "
    "է, իր տելեգրամյան ալիքում պատմել է էնդոկրինոլոգ Զուխրա Պավլովան։ Նրա խոսքով՝ այն հատկապես "
    "հաճախ է հանդիպում աշխատամոլների մոտ, որոնք տառապում են գլխացավից և թուլությունից։ Նա "
    "խորհուրդ է տվել նրանց շաբաթվա բոլոր յոթ օրերին պահպանել նույն ռեժիմը։\n";

/* The units of a three-version story, as units_of gives them for two. */
static void units3(char *out, size_t size, const char *en_lead, const char *ru_lead,
                   const char *hy_lead)
{
    char text[3][2048];
    const char *langs[3] = {"en", "ru", "hy"}, *leads[3] = {en_lead, ru_lead, hy_lead};
    const char *bodies[3] = {BODY_EN, BODY_RU, BODY_HY};
    tma_doc *docs[3] = {NULL, NULL, NULL};
    tma_story *story = NULL;
    tma_error err = {0};
    int rc = 0;
    out[0] = '\0';
    for (size_t k = 0; k < 3 && rc == 0; k++) {
        snprintf(text[k], sizeof text[k], "Title\n\n%s%s", leads[k], bodies[k]);
        rc = tma_doc_read_mem(&docs[k], worker, langs[k], text[k], strlen(text[k]), langs[k], &err);
    }
    if (rc == 0 && tma_story_align(&story, worker, docs, 3, &err) == 0) {
        size_t count, used = 0;
        const tma_unit *units = tma_story_units(story, &count);
        for (size_t i = 0; i < count && used < size; i++)
            used += (size_t)snprintf(out + used, size - used, "%s%u,%u,%u", i ? " " : "",
                                     units[i].count[0], units[i].count[1], units[i].count[2]);
    }
    tma_story_free(story);
    for (size_t k = 0; k < 3; k++)
        tma_doc_free(docs[k]);
}

static void test_three_versions(void)
{
    char got[256];
    /* Glued in all three: split in all three, the story's units stay 1-1-1. */
    units3(got, sizeof got,
           "Several factors may cause discomfort on weekends Scientists found that ",
           "Несколько факторов могут вызывать дискомфорт в выходные Ученые выяснили, что ",
           "Մի քանի գործոն կարող է անհանգստություն պատճառել հանգստյան օրերին Գիտնականները "
           "պարզել են, որ ");
    CHECK_EQ_STR(got, "1,1,1 1,1,1 1,1,1 1,1,1 1,1,1");
    /* English and Russian glued, the Armenian headline run on with a comma: the Armenian has no
     * place, so nothing is split and the first unit holds the headline and its lead whole. */
    units3(got, sizeof got,
           "Several factors may cause discomfort on weekends Scientists found that ",
           "Несколько факторов могут вызывать дискомфорт в выходные Ученые выяснили, что ",
           "Մի քանի գործոն կարող է անհանգստություն պատճառել հանգստյան օրերին, և գիտնականները "
           "պարզել են, որ ");
    CHECK_EQ_STR(got, "1,1,1 1,1,1 1,1,1 1,1,1");
    /* English and Russian end the headline with a full stop, the Armenian lost its: the Armenian
     * alone is split, where both others end it. */
    units3(got, sizeof got,
           "Several factors may cause discomfort on weekends. Scientists found that ",
           "Несколько факторов могут вызывать дискомфорт в выходные. Ученые выяснили, что ",
           "Մի քանի գործոն կարող է անհանգստություն պատճառել հանգստյան օրերին Գիտնականները "
           "պարզել են, որ ");
    CHECK_EQ_STR(got, "1,1,1 1,1,1 1,1,1 1,1,1 1,1,1");
    /* The same where the dictionary does not know the word after the Armenian place (hy_AM, in
     * the classical spelling, lacks "պետք"): where the others end a sentence, any capitalised
     * word may begin one. */
    units3(got, sizeof got,
           "Several factors may cause discomfort on weekends. It is necessary to know that ",
           "Несколько факторов могут вызывать дискомфорт в выходные. Необходимо знать, что ",
           "Մի քանի գործոն կարող է անհանգստություն պատճառել հանգստյան օրերին Պետք է իմանալ, "
           "որ ");
    CHECK_EQ_STR(got, "1,1,1 1,1,1 1,1,1 1,1,1 1,1,1");
    /* The Armenian lost the full stop before a sentence that the Russian omits: the Russian keeps
     * nothing together that the English ends apart, so the Armenian is split all the same. */
    units3(got, sizeof got,
           "The fighter jet crashed onto the runway at about half past nine and exploded, closing "
           "the airport to flights. The pilot was named as Squadron Leader Dilokrit Pattavee. "
           "Scientists found that ",
           "Истребитель разбился на взлётной полосе около половины десятого и взорвался, из-за "
           "чего аэропорт закрыли для рейсов. Ученые выяснили, что ",
           "Կործանիչը բախվեց թռիչքուղուն մոտ ժամը ինն անց կեսին և պայթեց, որի արդյունքում "
           "օդանավակայանը փակվեց թռիչքների համար Օդաչուն ջոկատի հրամանատար Դայլոկրիտ Պատավին "
           "էր։ Գիտնականները պարզել են, որ ");
    CHECK_EQ_STR(got, "1,1,1 1,1,1 1,0,1 1,1,1 1,1,1 1,1,1");
    /* The English headline runs into a lead that the Russian lacks, the Armenian ends both: the
     * English is cut where the Armenian follows, the lead left out of the Russian. */
    units3(got, sizeof got,
           "Doctor Kamalova names the causes of discomfort on weekends Scientists in Moscow found "
           "that many office workers feel weak and tired on Saturdays and Sundays, that they sleep "
           "badly on Sunday nights, and that most of them blame the long working week for it, "
           "while the real reason may lie in the change of their daily habits. It turned out that ",
           "Врач Камалова назвала причины дискомфорта в выходные\n\nОказалось, что ",
           "Բժիշկ Կամալովան անվանել է հանգստյան օրերին անհանգստության պատճառները։ Մոսկվայի "
           "գիտնականները պարզել են, որ գրասենյակի շատ աշխատակիցներ շաբաթ և կիրակի օրերին "
           "թուլություն և հոգնածություն են զգում, վատ են քնում կիրակի գիշերը, և նրանցից շատերը "
           "դրա համար մեղադրում են երկար աշխատանքային շաբաթը, մինչդեռ իրական պատճառը կարող է "
           "լինել նրանց առօրյա սովորությունների փոփոխությունը։ Պարզվել է, որ ");
    CHECK(strncmp(got, "1,1,1 1,1,1 1,0,1 ", 18) == 0);
}

/* A clause after a semicolon is cut where a translation ends a sentence there, never for two
 * semicolons alone: a translation memory keeps a sentence whole as CAT tools segment it. */
static void test_clauses(void)
{
    char got[2048];
    units_after(got, sizeof got,
                "The company reported a large loss for the whole year; its chief executive said "
                "on Monday that ",
                "Компания сообщила о большом убытке за весь год. Ее исполнительный директор "
                "сказал в понедельник, что ");
    CHECK(strstr(got, "\nThe company reported a large loss for the whole year;|Компания сообщила о "
                      "большом убытке за весь год.\nits chief executive said on Monday that the "
                      "reason") != NULL);
    units_after(got, sizeof got,
                "The company reported a large loss for the whole year; its chief executive said "
                "on Monday that ",
                "Компания сообщила о большом убытке за весь год; ее исполнительный директор "
                "сказал в понедельник, что ");
    CHECK(strstr(got, "\nThe company reported a large loss for the whole year; its chief") != NULL);
    /* English and Russian run on with a semicolon, the Armenian ends a sentence there: all three
     * are cut, and the units are 1-1-1. */
    units3(got, sizeof got,
           "The company reported a large loss for the whole year; its chief executive said on "
           "Monday that ",
           "Компания сообщила о большом убытке за весь год; ее исполнительный директор сказал в "
           "понедельник, что ",
           "Ընկերությունը հայտնել է ամբողջ տարվա մեծ վնասի մասին։ Նրա գործադիր տնօրենը "
           "երկուշաբթի ասել է, որ ");
    CHECK_EQ_STR(got, "1,1,1 1,1,1 1,1,1 1,1,1 1,1,1");
}

/* A sentence that opens with a quote after one that lost its final punctuation: the word inside
 * the quote opens it. */
static void test_quoted_lead(void)
{
    char got[2048];
    units_after(got, sizeof got,
                "Schools will change their timetables next year \"There are many changes ahead,\" "
                "the minister said, noting that ",
                "Школы изменят свое расписание в следующем году \"Впереди много перемен\", - "
                "сказал министр, отметив, что ");
    CHECK(strstr(got, "\nSchools will change their timetables next year|Школы изменят свое "
                      "расписание в следующем году\n\"There are") != NULL);
    /* A quote whose word is lowercase opens no sentence, even where the other side ends one. */
    units_after(got, sizeof got,
                "Military ties between the two countries are growing quickly. His press office "
                "said that ",
                "Военные связи между двумя странами \u00abбыстро развиваются\u00bb, а его "
                "пресс-служба сообщила, что ");
    CHECK(
        strstr(got, "|Военные связи между двумя странами \u00abбыстро развиваются\u00bb, а его") !=
        NULL);
}

static void test_doc_split(void)
{
    static const char text[] = "One two three Four five six.\n\nSeven eight.\n";
    tma_doc *doc = NULL;
    tma_error err = {0};
    CHECK_EQ_INT(tma_doc_read_mem(&doc, worker, "t.txt", text, strlen(text), "en", &err), 0);
    if (doc == NULL)
        return;
    CHECK_EQ_INT(tma_doc_sentence_count(doc), 2);
    size_t cut = (size_t)(strstr(text, "Four") - text);
    CHECK_EQ_INT(tma_doc_split(doc, worker, &cut, 1, &err), 0);
    CHECK_EQ_INT(tma_doc_sentence_count(doc), 3);
    char buf[64];
    tma_doc_sentence_text(doc, 0, buf, sizeof buf);
    CHECK_EQ_STR(buf, "One two three");
    tma_doc_sentence_text(doc, 1, buf, sizeof buf);
    CHECK_EQ_STR(buf, "Four five six.");
    const tma_sentence *a = tma_doc_sentence(doc, 0), *b = tma_doc_sentence(doc, 1);
    CHECK(a->chars == 13 && b->chars == 14 && a->paragraph == 0 && b->paragraph == 0);
    CHECK(a->orig_start == 0 && a->orig_len == 13 && b->orig_start == cut && b->orig_len == 14);
    CHECK_EQ_INT(tma_doc_sentence(doc, 2)->paragraph, 1);
    tma_doc_free(doc);
}

/* A story long enough to be searched on every core (4,000 beads or more) finds what each of its
 * stretches finds on one thread: the same cuts at the same beads, in bead order. */
static void test_long_story(void)
{
    enum { PARAGRAPHS = 1400, STRETCH_PARAGRAPHS = 10 };
    tma_buf en = TMA_BUF_INIT, ru = TMA_BUF_INIT, all = TMA_BUF_INIT, stretch = TMA_BUF_INIT;
    /* The openers start sentences of their own too, so that the document does not take them for
     * title words. */
    const char *text[2][3] = {
        {"Several factors may cause discomfort on weekends Scientists found that ", BODY_EN,
         "Scientists agree on this.\n"},
        {"Несколько факторов могут вызывать дискомфорт в выходные Ученые выяснили, что ", BODY_RU,
         "Ученые согласны с этим.\n"}};
    for (int k = 0; k < PARAGRAPHS; k++) {
        for (int side = 0; side < 2; side++) {
            for (int part = 0; part < 3; part++)
                CHECK(tma_buf_append(side ? &ru : &en, text[side][part],
                                     strlen(text[side][part])) == 0);
            CHECK(tma_buf_append(side ? &ru : &en, "\n", 1) == 0);
        }
    }
    tma_doc *docs[2] = {NULL, NULL};
    tma_error err = {0};
    int rc = tma_doc_read_mem(&docs[0], worker, "en.txt", en.data, en.len, "en", &err);
    if (rc == 0)
        rc = tma_doc_read_mem(&docs[1], worker, "ru.txt", ru.data, ru.len, "ru", &err);
    CHECK_EQ_INT(rc, 0);
    size_t n = rc == 0 ? tma_doc_sentence_count(docs[0]) : 0;
    CHECK(rc == 0 && n >= 4000 && tma_doc_sentence_count(docs[1]) == n);
    tma_bead *beads = calloc(n + 1, sizeof *beads);
    for (size_t i = 0; beads != NULL && i < n; i++)
        beads[i] = (tma_bead){(uint32_t)i, 1, (uint32_t)i, 1, 1.0};
    tma_align_params params = tma_align_default_params();
    if (beads != NULL && n >= 4000 && tma_doc_sentence_count(docs[1]) == n) {
        CHECK_EQ_INT(tma_resplit_find(&all, worker, docs[0], docs[1], beads, n, &params, &err), 0);
        size_t stretch_beads = n / PARAGRAPHS * STRETCH_PARAGRAPHS;
        CHECK_EQ_INT(tma_resplit_find(&stretch, worker, docs[0], docs[1], beads, stretch_beads,
                                      &params, &err),
                     0);
        const tma_resplit *a = (const tma_resplit *)all.data,
                          *s = (const tma_resplit *)stretch.data;
        size_t na = all.len / sizeof *a, ns = stretch.len / sizeof *s;
        /* Every paragraph's headline is found, and the first ones as on one thread. */
        CHECK(n % PARAGRAPHS == 0 && ns > 0 && na == ns * (PARAGRAPHS / STRETCH_PARAGRAPHS));
        if (na != ns * (PARAGRAPHS / STRETCH_PARAGRAPHS))
            fprintf(stderr, "%zu sentences: %zu finds in all, %zu in the first %zu beads\n", n, na,
                    ns, stretch_beads);
        for (size_t k = 0; k < ns && k < na; k++)
            CHECK(a[k].bead == s[k].bead && a[k].cut_a == s[k].cut_a && a[k].cut_b == s[k].cut_b);
        for (size_t k = 1; k < na; k++)
            CHECK(a[k].bead > a[k - 1].bead);
    }
    free(beads);
    tma_doc_free(docs[0]);
    tma_doc_free(docs[1]);
    tma_buf_free(&en);
    tma_buf_free(&ru);
    tma_buf_free(&all);
    tma_buf_free(&stretch);
}

int main(void)
{
    tma_ctx *ctx = NULL;
    if (test_worker_start(&ctx, &worker) < 0)
        return 1;
    int dicts = tma_stem_knows(tma_ctx_dicts(ctx), "en", "house", 5) == 1 &&
                tma_stem_knows(tma_ctx_dicts(ctx), "ru", "дом", 6) == 1 &&
                tma_stem_knows(tma_ctx_dicts(ctx), "hy", "տուն", 8) == 1;
    test_doc_split();
    if (dicts) {
        test_glued_headlines();
        test_headline_beside_omission();
        test_title_words();
        test_names_again();
        test_headline_inside_paragraph();
        test_three_versions();
        test_clauses();
        test_quoted_lead();
        test_long_story();
    } else
        fprintf(stderr,
                "skipped the headline checks: no en_US, ru_RU or hy_AM hunspell dictionary\n");
    tma_worker_free(worker);
    tma_ctx_free(ctx);
    return check_summary();
}
