/* Anchors: numbers normalised across languages and names that meet through transliteration. */
#include "anchor.h"
#include "check.h"
#include "worker.h"
#include "tmalign.h"
#include "translit.h"

#include <stdlib.h>

static tma_worker *worker;

/* The anchors of TEXT (one sentence) in LANG as "kind:key" hashes are not readable, so tests
 * compare keys between languages: returns the anchors of the doc and their count. */
static const tma_anchor *anchors_of(tma_doc **doc, const char *text, const char *lang, size_t *n)
{
    tma_error err = {0};
    *n = 0;
    if (tma_doc_read_mem(doc, worker, "t", text, strlen(text), lang, &err) < 0) {
        fprintf(stderr, "%s\n", err.message);
        return NULL;
    }
    return tma_doc_anchors(*doc, n);
}

/* 1 if the first anchor of kind KIND in A and in B meet. */
static int first_meet(const char *a, const char *la, const char *b, const char *lb, int kind)
{
    tma_doc *da = NULL, *db = NULL;
    size_t na, nb;
    const tma_anchor *xa = anchors_of(&da, a, la, &na), *xb = anchors_of(&db, b, lb, &nb);
    int meet = 0;
    const tma_anchor *fa = NULL, *fb = NULL;
    for (size_t k = 0; xa && k < na && !fa; k++)
        fa = xa[k].kind == kind ? &xa[k] : NULL;
    for (size_t k = 0; xb && k < nb && !fb; k++)
        fb = xb[k].kind == kind ? &xb[k] : NULL;
    if (fa && fb)
        meet = fa->key == fb->key || fa->key == fb->alt_key || fa->alt_key == fb->key ||
               fa->alt_key == fb->alt_key;
    tma_doc_free(da);
    tma_doc_free(db);
    return meet;
}

/* The keys of the number anchors of TEXT in LANG, up to MAX, into KEYS; returns how many. */
static size_t number_keys(uint64_t *keys, size_t max, const char *text, const char *lang)
{
    tma_doc *doc = NULL;
    size_t n, count = 0;
    const tma_anchor *a = anchors_of(&doc, text, lang, &n);
    for (size_t k = 0; a && k < n && count < max; k++) {
        if (a[k].kind == TMA_ANCHOR_NUMBER)
            keys[count++] = a[k].key;
    }
    tma_doc_free(doc);
    return count;
}

/* 1 if the number anchors of A (in English) and B (in Russian) are COUNT each, key by key the
 * same. */
static int same_numbers(const char *a, const char *b, size_t count)
{
    uint64_t en[8], ru[8];
    size_t ne = number_keys(en, 8, a, "en"), nr = number_keys(ru, 8, b, "ru");
    int same = ne == count && nr == count;
    for (size_t k = 0; same && k < count; k++)
        same = en[k] == ru[k];
    return same;
}

static void test_numbers(void)
{
    CHECK(first_meet("Weapons worth $4 billion.", "en", "Оружие на $4 млрд.", "ru",
                     TMA_ANCHOR_NUMBER));
    CHECK(first_meet("Weapons worth $4 billion.", "en", "4 մլրդ դոլարի զենք։", "hy",
                     TMA_ANCHOR_NUMBER));
    CHECK(first_meet("More than 5.2 mln cases.", "en", "Более 5,2 млн случаев.", "ru",
                     TMA_ANCHOR_NUMBER));
    CHECK(first_meet("It cost 1,000 dollars.", "en", "Это стоило 1 000 долларов.", "ru",
                     TMA_ANCHOR_NUMBER));
    CHECK(first_meet("It grew 3.5 times.", "en", "Он вырос в 3,5 раза.", "ru", TMA_ANCHOR_NUMBER));
    CHECK(first_meet("From 72 to 88.", "en", "С 72-х до 88.", "ru", TMA_ANCHOR_NUMBER));
    CHECK(first_meet("On 5 April.", "en", "Ապրիլի 5-ին։", "hy", TMA_ANCHOR_NUMBER));
    CHECK(first_meet("Fourteen banks helped.", "en", "Четырнадцать банков помогли.", "ru",
                     TMA_ANCHOR_NUMBER));
    CHECK(!first_meet("From 72 people.", "en", "От 78 человек.", "ru", TMA_ANCHOR_NUMBER));
    /* A comma before three digits groups thousands; where the comma is the decimal mark
     * (Russian, Armenian) the number is read both ways. */
    CHECK(first_meet("It cost 1,500.", "en", "Это стоило 1,500.", "ru", TMA_ANCHOR_NUMBER));
    CHECK(
        first_meet("It grew 1.5 times.", "en", "Он вырос в 1,500 раза.", "ru", TMA_ANCHOR_NUMBER));
    CHECK(first_meet("It weighs 2.375 kg.", "en", "Он весит 2,375 кг.", "ru", TMA_ANCHOR_NUMBER));
    CHECK(
        first_meet("It cost 9,000 drams.", "en", "Այն արժեր 9,000 դրամ։", "hy", TMA_ANCHOR_NUMBER));
    CHECK(first_meet("Some 1,234,567 votes.", "en", "Около 1 234 567 голосов.", "ru",
                     TMA_ANCHOR_NUMBER));
    CHECK(first_meet("It grew 1,234.5 times.", "en", "Он вырос в 1 234,5 раза.", "ru",
                     TMA_ANCHOR_NUMBER));
    CHECK(!first_meet("It cost 1,500.", "en", "Это стоило 1,5.", "ru", TMA_ANCHOR_NUMBER));
    CHECK(!first_meet("It cost 500.", "en", "Это стоило 0,500.", "ru", TMA_ANCHOR_NUMBER));
    CHECK(
        !first_meet("It grew 1.5 times.", "en", "Он вырос в 1 500 раз.", "ru", TMA_ANCHOR_NUMBER));

    /* "0230 GMT" is the time that other versions write "02:30": the numbers 2 and 30. */
    CHECK(first_meet("It crashed at 0230 UTC.", "en", "Он упал в 02:30.", "ru", TMA_ANCHOR_NUMBER));
    CHECK(same_numbers("At 0230 GMT, not 0230 people or 2460 GMT.",
                       "В 2:30, не 230 человек и не 2460.",
                       4)); /* 2, 30, 230, 2460: 24:60 is no time */
    /* A first run of four digits groups nothing: a year beside a number stays apart. */
    CHECK(same_numbers("Batten was on the 2008 400 Richest Americans list.",
                       "В 2008 году он был в списке 400 богатейших.", 2));
    CHECK(
        first_meet("Some 10 000 people.", "en", "Около 10 000 человек.", "ru", TMA_ANCHOR_NUMBER));

    tma_doc *doc = NULL;
    size_t n;
    const tma_anchor *a =
        anchors_of(&doc, "Met in Moscow, 15June2016, and in 1991-1994.", "en", &n);
    size_t numbers = 0;
    for (size_t k = 0; a && k < n; k++)
        numbers += a[k].kind == TMA_ANCHOR_NUMBER;
    CHECK_EQ_INT(numbers, 4); /* 15, 2016, 1991, 1994 */
    tma_doc_free(doc);
}

static void test_names(void)
{
    CHECK(first_meet("Defense Minister Shoygu spoke.", "en", "Министр Шойгу заявил.", "ru",
                     TMA_ANCHOR_NAME));
    CHECK(
        first_meet("Minister Shoygu spoke.", "en", "Նախարար Շոյգուն ասաց։", "hy", TMA_ANCHOR_NAME));
    CHECK(first_meet("He met Hasanov there.", "en", "Он встретился с Гасановым.", "ru",
                     TMA_ANCHOR_NAME));
    CHECK(
        first_meet("He met Hasanov there.", "en", "Նա հանդիպեց Հասանովին։", "hy", TMA_ANCHOR_NAME));
    CHECK(first_meet("He met Seyran Ohanian.", "en", "Он встретился с Сейраном Оганяном.", "ru",
                     TMA_ANCHOR_NAME));
    CHECK(first_meet("He met Elmar Mammadyarov.", "en", "Նա հանդիպեց Էլմար Մամեդյարովին։", "hy",
                     TMA_ANCHOR_NAME));
    CHECK(first_meet("President Aliyev spoke.", "en", "Президент Алиев заявил.", "ru",
                     TMA_ANCHOR_NAME));
    CHECK(first_meet("It was in Nakhichevan.", "en", "Это было в Нахичевани.", "ru",
                     TMA_ANCHOR_NAME));
    CHECK(!first_meet("He met Hasanov there.", "en", "Он встретился с Тонояном.", "ru",
                      TMA_ANCHOR_NAME));
    /* English writes the sound of "Дж" and "Ջ" with a g before e, i or y, and keeps a hard g in
     * other names: both readings meet. */
    CHECK(first_meet("He met George Harris.", "en", "Он встретился с Джорджем Харрисом.", "ru",
                     TMA_ANCHOR_NAME));
    CHECK(first_meet("He met George Harris.", "en", "Նա հանդիպեց Ջորջ Հարիսին։", "hy",
                     TMA_ANCHOR_NAME));
    CHECK(first_meet("It was in Virginia.", "en", "Это было в Вирджинии.", "ru", TMA_ANCHOR_NAME));
    CHECK(
        first_meet("It was in Gibraltar.", "en", "Это было в Гибралтаре.", "ru", TMA_ANCHOR_NAME));
    /* A w beside a vowel is the "у" and "ու" of the translations ("Уэмбли", "Ուելս"), or their
     * "в" ("Вашингтон"): either reading meets. */
    CHECK(first_meet("They played at Wembley.", "en", "Они играли на Уэмбли.", "ru",
                     TMA_ANCHOR_NAME));
    CHECK(first_meet("He met Wilson.", "en", "Նա հանդիպեց Ուիլսոնին։", "hy", TMA_ANCHOR_NAME));
    CHECK(first_meet("He met Wilson.", "en", "Он встретился с Уилсоном.", "ru", TMA_ANCHOR_NAME));
    CHECK(
        first_meet("He met Crawford.", "en", "Он встретился с Кроуфордом.", "ru", TMA_ANCHOR_NAME));
    CHECK(first_meet("He met Wagner.", "en", "Он встретился с Вагнером.", "ru", TMA_ANCHOR_NAME));
    CHECK(!first_meet("He met Weston.", "en", "Он встретился с Тонояном.", "ru", TMA_ANCHOR_NAME));
    /* English th is the t of the translations. */
    CHECK(
        first_meet("He met Thompson.", "en", "Он встретился с Томпсоном.", "ru", TMA_ANCHOR_NAME));
    CHECK(first_meet("He met Arthur.", "en", "Он встретился с Артуром.", "ru", TMA_ANCHOR_NAME));
    CHECK(
        first_meet("He met Griffith.", "en", "Он встретился с Гриффитом.", "ru", TMA_ANCHOR_NAME));
    /* Exonyms come from the lexicon. */
    CHECK(first_meet("Ties with Azerbaijan.", "en", "Связи с Азербайджаном.", "ru",
                     TMA_ANCHOR_LEXICON));
    CHECK(first_meet("Ties with Azerbaijan.", "en", "Կապերն Ադրբեջանի հետ։", "hy",
                     TMA_ANCHOR_LEXICON));
    CHECK(
        first_meet("In Nagorno-Karabakh.", "en", "В Нагорном Карабахе.", "ru", TMA_ANCHOR_LEXICON));
    /* A stem written as a whole word ("мая$", "march$") matches that word and no longer one:
     * a major is no month of May, Martin no March, and RF (two letters) is Russia. */
    CHECK(first_meet("On 9 March.", "en", "9 марта.", "ru", TMA_ANCHOR_LEXICON));
    CHECK(first_meet("On 9 March.", "en", "Մարտի 9-ին։", "hy", TMA_ANCHOR_LEXICON));
    CHECK(first_meet("Sanctions on Russia.", "en", "Санкции против РФ.", "ru", TMA_ANCHOR_LEXICON));
    CHECK(first_meet("В мае.", "ru", "Մայիսին։", "hy", TMA_ANCHOR_LEXICON));
    CHECK(!first_meet("They marched on.", "en", "9 марта.", "ru", TMA_ANCHOR_LEXICON));
    CHECK(!first_meet("Майор Мартин ушёл.", "ru", "Մայիսին և մարտին։", "hy", TMA_ANCHOR_LEXICON));
}

/* How many anchors of kind KIND in A meet one in B (tma_anchors_meet). */
static size_t meetings(const char *a, const char *la, const char *b, const char *lb, int kind)
{
    tma_doc *da = NULL, *db = NULL;
    size_t na, nb, n = 0;
    const tma_anchor *xa = anchors_of(&da, a, la, &na), *xb = anchors_of(&db, b, lb, &nb);
    for (size_t i = 0; xa && xb && i < na; i++) {
        for (size_t j = 0; xa[i].kind == kind && j < nb; j++) {
            if (tma_anchors_meet(&xa[i], &xb[j])) {
                n++;
                break;
            }
        }
    }
    tma_doc_free(da);
    tma_doc_free(db);
    return n;
}

/* Latin words that a Russian or Armenian text keeps as written meet the English words, which
 * the English dictionary may know as ordinary ("Royal", "Blood") or which are too short a name
 * ("BBC"); two Latin texts' capitalised words do not meet as such. */
static void test_verbatim(void)
{
    CHECK(meetings("Yesterday he heard Royal Blood on the BBC.", "en",
                   "Вчера он слушал группу Royal Blood по радиостанции BBC.", "ru",
                   TMA_ANCHOR_VERBATIM) == 3);
    CHECK(meetings("Он смотрит BBC.", "ru", "Նա դիտում է BBC։", "hy", TMA_ANCHOR_VERBATIM) == 1);
    /* A sentence's first word has a capital whatever it is; a lowercase English word is no
     * verbatim word, though the Russian keeps "example" in Latin letters. */
    CHECK(meetings("Blood was shed.", "en", "Пролилась кровь, написано Blood.", "ru",
                   TMA_ANCHOR_VERBATIM) == 0);
    CHECK(meetings("See the example here.", "en", "Смотрите пример example здесь.", "ru",
                   TMA_ANCHOR_VERBATIM) == 0);
    CHECK(meetings("Das neue Hotel liegt am See.", "de", "Le nouveau Hotel est au bord du lac.",
                   "fr", TMA_ANCHOR_VERBATIM) == 0);
}

static void test_fold(void)
{
    tma_buf out = TMA_BUF_INIT;
    CHECK_EQ_INT(tma_translit_fold(&out, "shoygu", 6), 0);
    CHECK(out.len == 3 && memcmp(out.data, "XVH", 3) == 0);
    out.len = 0;
    tma_translit_fold(&out, "mammadyarov", 11);
    tma_buf other = TMA_BUF_INIT;
    tma_translit_fold(&other, "mamedyarov", 10);
    CHECK(out.len == other.len && memcmp(out.data, other.data, out.len) == 0);
    tma_buf_free(&out);
    tma_buf_free(&other);
}

/* A skeleton the thread made before comes back as ICU made it, for a word in any script, asked
 * again between other words. */
static void test_skeleton_kept(void)
{
    static const char *const words[] = {"Шойгу",   "Shoygu", "Շոյգու", "Гасановым", "Hasanov",
                                        "Հասանով", "Шойгу",  "北京",   "Hasanov",   "Շոյգու"};
    tma_translit kept = TMA_TRANSLIT_INIT;
    tma_buf a = TMA_BUF_INIT, b = TMA_BUF_INIT;
    tma_error err = {0};
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
            tma_translit fresh = TMA_TRANSLIT_INIT;
            size_t len = strlen(words[i]);
            CHECK_EQ_INT(tma_translit_skeleton(&a, &kept, words[i], len, &err), 0);
            CHECK_EQ_INT(tma_translit_skeleton(&b, &fresh, words[i], len, &err), 0);
            CHECK(a.len > 0 && a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
            tma_translit_free(&fresh);
        }
    }
    CHECK_EQ_INT(kept.known.count, 7); /* the distinct words */
    tma_translit_skeleton(&a, &kept, "Shoygu", 6, &err);
    tma_translit_skeleton(&b, &kept, "Шойгу", strlen("Шойгу"), &err);
    CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
    tma_translit_free(&kept);
    tma_buf_free(&a);
    tma_buf_free(&b);
}

int main(void)
{
    tma_ctx *ctx = NULL;
    if (test_worker_start(&ctx, &worker) < 0)
        return 1;
    test_numbers();
    test_names();
    test_verbatim();
    test_fold();
    test_skeleton_kept();
    tma_worker_free(worker);
    tma_ctx_free(ctx);
    return check_summary();
}
