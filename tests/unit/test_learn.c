/* The learned lexicon (learn.c): what IBM Model 1 keeps from sentence pairs, the file written and
 * read back, and each way a file is refused, with its line. */
#include "check.h"
#include "learn.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Word I (1-based) of language A and its translation in B; a key is never 0. */
#define KEY_A(i) (0x0A000000u + (uint32_t)(i))
#define KEY_B(i) (0x0B000000u + (uint32_t)(i))
/* The vocabulary: WORDS pairs, each in about a fifth of the sentences. */
#define WORDS     16
#define SENTENCES 60
/* A word of A in every sentence, and one of B in every third: like "the", they translate nothing
 * in particular. */
#define NOISE_A KEY_A(0xFF)
#define NOISE_B KEY_B(0xFF)
/* A pair whose two words meet in one sentence only. */
#define ONCE 0x11

static const char *const STEMS_A[] = {"hous", "river", "cat",  "roof", "rescu", "morni",
                                      "old",  "storm", "wind", "tree", "power", "schoo",
                                      "road", "army",  "rain", "sun"};
static const char *const STEMS_B[] = {"տուն",  "գետ",   "կատու", "տանիք", "փրկար", "առավո",
                                      "հին",   "փոթոր", "քամի",  "ծառ",   "հոսան", "դպրոց",
                                      "ճանապ", "բանակ", "անձրև", "արև"};

/* Adds sentence pair S: three of the WORDS pairs, chosen differently in each (B's in the reverse
 * order, which Model 1 ignores), with the noise words. */
static int add_sentence_pair(tma_learner *l, int s)
{
    int pick[3] = {s % WORDS, (s * 7 + 3) % WORDS, (s * 5 + 11) % WORDS};
    uint32_t ka[5], kb[5];
    const char *sa[5], *sb[5];
    size_t na = 0, nb = 0;
    for (int k = 0; k < 3; k++) {
        int again = 0;
        for (int j = 0; j < k; j++)
            again |= pick[j] == pick[k];
        if (again)
            continue;
        sa[na] = STEMS_A[pick[k]];
        ka[na++] = KEY_A(pick[k] + 1);
    }
    for (size_t k = na; k-- > 0;) {
        sb[nb] = STEMS_B[ka[k] - KEY_A(1)];
        kb[nb++] = KEY_B(ka[k] - KEY_A(0));
    }
    sa[na] = "the";
    ka[na++] = NOISE_A;
    if (s % 3 == 0) {
        sb[nb] = "և";
        kb[nb++] = NOISE_B;
    }
    return tma_learner_add(l, ka, sa, na, kb, sb, nb);
}

/* The translations of KEY (of B with FROM_B) in LEARNED: how many, and whether WANT is first. */
static size_t first_is(const tma_learned *learned, int from_b, uint32_t key, uint32_t want)
{
    size_t count = 0;
    const uint32_t *t = tma_learned_translations(learned, from_b, key, &count);
    return count > 0 && t[0] == want ? count : 0;
}

/* 1 if KEY's translations (of B with FROM_B) hold WHAT. */
static int translates_to(const tma_learned *learned, int from_b, uint32_t key, uint32_t what)
{
    size_t count = 0;
    const uint32_t *t = tma_learned_translations(learned, from_b, key, &count);
    for (size_t k = 0; k < count; k++) {
        if (t[k] == what)
            return 1;
    }
    return 0;
}

static tma_learned *learn_synthetic(const char *la, const char *lb)
{
    tma_learner *l = NULL;
    tma_learned *learned = NULL;
    tma_error err = {0};
    CHECK_EQ_INT(tma_learner_new(&l, &err), 0);
    if (l == NULL)
        return NULL;
    for (int s = 0; s < SENTENCES; s++)
        CHECK_EQ_INT(add_sentence_pair(l, s), 0);
    /* ONCE meets its translation here only, beside words seen often. */
    uint32_t ka[] = {KEY_A(ONCE), KEY_A(1), NOISE_A}, kb[] = {KEY_B(1), KEY_B(ONCE)};
    CHECK_EQ_INT(tma_learner_add(l, ka, NULL, 3, kb, NULL, 2), 0);
    /* A pair with an empty side teaches nothing and is not counted. */
    CHECK_EQ_INT(tma_learner_add(l, ka, NULL, 3, kb, NULL, 0), 0);
    CHECK_EQ_INT(tma_learner_pairs(l), SENTENCES + 1);
    CHECK_EQ_INT(tma_learner_finish(&learned, l, la, lb, &err), 0);
    tma_learner_free(l);
    return learned;
}

static void test_learning(void)
{
    tma_learned *learned = learn_synthetic("en", "hy");
    CHECK(learned != NULL);
    if (learned == NULL)
        return;
    CHECK_EQ_STR(tma_learned_lang(learned, 0), "en");
    CHECK_EQ_STR(tma_learned_lang(learned, 1), "hy");
    for (int i = 1; i <= WORDS; i++) {
        /* Each word's translation comes first both ways, and the noise is not one. */
        CHECK(first_is(learned, 0, KEY_A(i), KEY_B(i)) >= 1);
        CHECK(first_is(learned, 1, KEY_B(i), KEY_A(i)) >= 1);
        CHECK(!translates_to(learned, 1, KEY_B(i), NOISE_A));
        CHECK(!translates_to(learned, 0, NOISE_A, KEY_B(i)));
        CHECK(!translates_to(learned, 0, KEY_A(i), NOISE_B));
        CHECK(!translates_to(learned, 1, NOISE_B, KEY_A(i)));
    }
    /* Seen once: kept neither way, though nothing else explains it. */
    size_t count = 99;
    tma_learned_translations(learned, 0, KEY_A(ONCE), &count);
    CHECK_EQ_INT(count, 0);
    count = 99;
    tma_learned_translations(learned, 1, KEY_B(ONCE), &count);
    CHECK_EQ_INT(count, 0);
    CHECK(!translates_to(learned, 0, KEY_A(1), KEY_B(ONCE)));
    /* Keys it never saw, and a key of A asked as one of B. */
    count = 99;
    tma_learned_translations(learned, 0, 0x12345678u, &count);
    CHECK_EQ_INT(count, 0);
    count = 99;
    tma_learned_translations(learned, 1, KEY_A(1), &count);
    CHECK_EQ_INT(count, 0);
    CHECK(tma_learned_size(learned) >= WORDS);
    tma_learned_free(learned);
}

/* Pairs beyond TMA_LEARN_MAX_PAIRS are not learned from: the one pair added once more than that
 * is seen TMA_LEARN_MAX_PAIRS times. */
static void test_pair_cap(void)
{
    tma_learner *l = NULL;
    tma_learned *learned = NULL;
    tma_error err = {0};
    uint32_t a = KEY_A(1), b = KEY_B(1);
    CHECK_EQ_INT(tma_learner_new(&l, &err), 0);
    if (l == NULL)
        return;
    for (int k = 0; k <= TMA_LEARN_MAX_PAIRS; k++)
        tma_learner_add(l, &a, NULL, 1, &b, NULL, 1);
    CHECK_EQ_INT(tma_learner_pairs(l), TMA_LEARN_MAX_PAIRS);
    CHECK_EQ_INT(tma_learner_finish(&learned, l, "ru", "hy", &err), 0);
    tma_learner_free(l);
    if (learned == NULL)
        return;
    tma_buf text = TMA_BUF_INIT;
    CHECK_EQ_INT(tma_learned_write(learned, &text), 0);
    CHECK_EQ_INT(tma_buf_push(&text, '\0'), 0);
    CHECK_EQ_STR(text.data, "# tmalign learned lexicon 1 ru hy 40000\n"
                            "0a000001\t0b000001\t1.0000\t1.0000\t40000\t\t\n");
    tma_buf_free(&text);
    tma_learned_free(learned);
}

/* A lexicon written, read and written again is the same text. */
static void check_round_trip(const tma_learned *learned)
{
    tma_buf first = TMA_BUF_INIT, second = TMA_BUF_INIT;
    tma_learned *read = NULL;
    tma_error err = {0};
    CHECK_EQ_INT(tma_learned_write(learned, &first), 0);
    int rc = tma_learned_parse(&read, "x.learned", first.data, first.len, &err);
    CHECK_EQ_INT(rc, 0);
    if (rc < 0)
        fprintf(stderr, "%s:%ld: %s\n", err.path, err.line, err.message);
    if (read != NULL) {
        CHECK_EQ_INT(tma_learned_write(read, &second), 0);
        CHECK(first.len == second.len && memcmp(first.data, second.data, first.len) == 0);
        CHECK_EQ_STR(tma_learned_lang(read, 0), tma_learned_lang(learned, 0));
        CHECK_EQ_STR(tma_learned_lang(read, 1), tma_learned_lang(learned, 1));
        CHECK_EQ_INT(tma_learned_size(read), tma_learned_size(learned));
    }
    tma_learned_free(read);
    tma_buf_free(&first);
    tma_buf_free(&second);
}

static void test_round_trip(void)
{
    tma_learned *learned = learn_synthetic("en", "hy");
    CHECK(learned != NULL);
    if (learned == NULL)
        return;
    check_round_trip(learned);
    /* The stems are in the file, beside their keys. */
    tma_buf text = TMA_BUF_INIT;
    CHECK_EQ_INT(tma_learned_write(learned, &text), 0);
    CHECK_EQ_INT(tma_buf_push(&text, '\0'), 0);
    CHECK(strstr(text.data, "# tmalign learned lexicon 1 en hy 61\n") == text.data);
    CHECK(strstr(text.data, "\n0a000001\t0b000001\t") != NULL);
    CHECK(strstr(text.data, "\thous\tտուն\n") != NULL);
    tma_buf_free(&text);
    tma_learned_free(learned);

    /* Any language code that tma_lang_is_valid takes: regions, scripts, digits. */
    learned = learn_synthetic("es-419", "sr-Latn-RS");
    CHECK(learned != NULL);
    if (learned != NULL)
        check_round_trip(learned);
    tma_learned_free(learned);
}

/* Reads the LEN bytes at DATA; NULL with *err filled when refused. */
static tma_learned *parse(const char *data, size_t len, tma_error *err)
{
    tma_learned *learned = (tma_learned *)&learned; /* not NULL: the parser must set it */
    *err = (tma_error){0};
    int rc = tma_learned_parse(&learned, "x.learned", data, len, err);
    CHECK(rc == 0 ? learned != NULL : learned == NULL && rc == err->code);
    return learned;
}

#define HEADER "# tmalign learned lexicon 1 en hy 12\n"
#define PAIR   "0a000001\t0b000001\t0.9000\t0.8000\t5\thous\tտուն\n"

/* A file written by hand: the translations best first each way, at most eight a key. */
static void test_parse(void)
{
    const char text[] = "# tmalign learned lexicon 1 en-GB hy 12\n"
                        "0a000001\t0b000002\t0.2000\t0.9000\t2\ta\tb2\n"
                        "0a000001\t0b000001\t0.7000\t0.1000\t3\ta\tb1\n"
                        "0a000003\t0b000002\t0.5\t0.05\t2\tc\tb2\n"
                        "0a000002\t0b000009\t1\t0\t4294967295\t\t\n"
                        "0a000002\t0b000008\t0.9\t1.0\t7\tx\ty";
    tma_error err;
    tma_learned *learned = parse(text, sizeof text - 1, &err);
    CHECK(learned != NULL);
    if (learned == NULL) {
        fprintf(stderr, "%s:%ld: %s\n", err.path, err.line, err.message);
        return;
    }
    CHECK_EQ_INT(tma_learned_size(learned), 5);
    CHECK_EQ_STR(tma_learned_lang(learned, 0), "en-GB");
    CHECK_EQ_STR(tma_learned_lang(learned, 1), "hy");
    size_t count = 0;
    const uint32_t *t = tma_learned_translations(learned, 0, KEY_A(1), &count);
    CHECK(count == 2 && t[0] == KEY_B(1) && t[1] == KEY_B(2));
    t = tma_learned_translations(learned, 0, KEY_A(2), &count);
    CHECK(count == 2 && t[0] == KEY_B(9) && t[1] == KEY_B(8));
    t = tma_learned_translations(learned, 1, KEY_B(2), &count);
    CHECK(count == 2 && t[0] == KEY_A(1) && t[1] == KEY_A(3));
    t = tma_learned_translations(learned, 1, KEY_B(8), &count);
    CHECK(count == 1 && t[0] == KEY_A(2));
    check_round_trip(learned);
    tma_learned_free(learned);

    /* Nine translations of one key: the best eight are given. */
    tma_buf many = TMA_BUF_INIT;
    tma_buf_append(&many, HEADER, strlen(HEADER));
    for (int k = 1; k <= 9; k++) {
        char line[96];
        snprintf(line, sizeof line, "0a000001\t%08" PRIx32 "\t0.%d\t0.5\t2\ta\tb\n", KEY_B(k), k);
        tma_buf_append(&many, line, strlen(line));
    }
    learned = parse(many.data, many.len, &err);
    CHECK(learned != NULL);
    if (learned != NULL) {
        t = tma_learned_translations(learned, 0, KEY_A(1), &count);
        CHECK_EQ_INT(count, 8);
        CHECK(count == 8 && t[0] == KEY_B(9) && t[7] == KEY_B(2));
        t = tma_learned_translations(learned, 1, KEY_B(1), &count);
        CHECK(count == 1 && t[0] == KEY_A(1));
    }
    tma_learned_free(learned);
    tma_buf_free(&many);

    /* A header and no pairs: a lexicon that learned nothing. */
    learned = parse(HEADER, strlen(HEADER), &err);
    CHECK(learned != NULL);
    if (learned != NULL) {
        CHECK_EQ_INT(tma_learned_size(learned), 0);
        tma_learned_translations(learned, 0, KEY_A(1), &count);
        CHECK_EQ_INT(count, 0);
        tma_learned_translations(learned, 1, KEY_B(1), &count);
        CHECK_EQ_INT(count, 0);
        check_round_trip(learned);
    }
    tma_learned_free(learned);
}

/* Each way a file is refused: TMA_ERR_DATA with the line (1-based; 0 for the whole file). */
typedef struct bad_file {
    const char *what;
    const char *text;
    size_t len; /* 0: strlen(text) */
    long line;
} bad_file;

/* Writes into OUT (room for 700 bytes) a header and a pair line of LINE_LEN bytes without its end,
 * made long by the digits of its first probability, P(b|a) 0.9000...; returns the bytes. */
static size_t long_line_file(char *out, size_t line_len)
{
    const char *start = "0a000001\t0b000001\t0.9", *rest = "\t0.8\t5\ta\tb";
    size_t at = strlen(HEADER), zeros = line_len - strlen(start) - strlen(rest);
    memcpy(out, HEADER, at);
    memcpy(out + at, start, strlen(start));
    at += strlen(start);
    memset(out + at, '0', zeros);
    at += zeros;
    memcpy(out + at, rest, strlen(rest));
    return at + strlen(rest);
}

static void test_parse_errors(void)
{
    /* A line is at most 511 bytes without its end. */
    static char long_line[700];
    size_t long_len = long_line_file(long_line, 512);

    static const char nul[] = HEADER PAIR "0a000002\t0b000002\t0.9\t0.8\t5\tho\0s\tx\n";
    static const char nul_header[] = "# tmalign\0 learned lexicon 1 en hy 5\n";
    const bad_file cases[] = {
        {"empty file", "", 0, 0},
        {"not our header", "# tmalign learned lexicon 2 en hy 5\n" PAIR, 0, 1},
        {"no header", PAIR PAIR, 0, 1},
        {"header without the pair count", "# tmalign learned lexicon 1 en hy\n", 0, 1},
        {"header with a word after it", "# tmalign learned lexicon 1 en hy 5 x\n", 0, 1},
        {"header with a bad language", "# tmalign learned lexicon 1 EN hy 5\n", 0, 1},
        {"header only half there", "# tmalign learned lexicon 1", 0, 1},
        {"bad hex key", HEADER PAIR "0a00000g\t0b000001\t0.9\t0.8\t5\ta\tb\n", 0, 3},
        {"short key", HEADER "0a00001\t0b000001\t0.9\t0.8\t5\ta\tb\n", 0, 2},
        {"long key", HEADER "0a0000001\t0b000001\t0.9\t0.8\t5\ta\tb\n", 0, 2},
        {"signed key", HEADER "-a000001\t0b000001\t0.9\t0.8\t5\ta\tb\n", 0, 2},
        {"key 0", HEADER PAIR PAIR "0a000001\t00000000\t0.9\t0.8\t5\ta\tb\n", 0, 4},
        {"probability over 1", HEADER "0a000001\t0b000001\t1.5\t0.8\t5\ta\tb\n", 0, 2},
        {"negative probability", HEADER "0a000001\t0b000001\t0.5\t-0.1\t5\ta\tb\n", 0, 2},
        {"probability nan", HEADER "0a000001\t0b000001\tnan\t0.8\t5\ta\tb\n", 0, 2},
        {"probability with a word", HEADER "0a000001\t0b000001\t0.5x\t0.8\t5\ta\tb\n", 0, 2},
        {"empty probability", HEADER "0a000001\t0b000001\t\t0.8\t5\ta\tb\n", 0, 2},
        {"negative count", HEADER "0a000001\t0b000001\t0.5\t0.8\t-5\ta\tb\n", 0, 2},
        {"count over 32 bits", HEADER "0a000001\t0b000001\t0.5\t0.8\t4294967296\ta\tb\n", 0, 2},
        {"six fields", HEADER PAIR "0a000001\t0b000001\t0.9\t0.8\t5\ta\n", 0, 3},
        {"eight fields", HEADER "0a000001\t0b000001\t0.9\t0.8\t5\ta\tb\tc\n", 0, 2},
        {"a tab at the end", HEADER "0a000001\t0b000001\t0.9\t0.8\t5\ta\tb\t\n", 0, 2},
        {"an empty line", HEADER PAIR "\n" PAIR, 0, 3},
        {"a CRLF header", "# tmalign learned lexicon 1 en hy 5\r\n" PAIR, 0, 1},
        {"invalid UTF-8 stem A", HEADER "0a000001\t0b000001\t0.9\t0.8\t5\t\xff\tb\n", 0, 2},
        {"invalid UTF-8 stem B", HEADER PAIR "0a000001\t0b000001\t0.9\t0.8\t5\ta\t\xd5\n", 0, 3},
        {"NUL byte", nul, sizeof nul - 1, 3},
        {"NUL in the header", nul_header, sizeof nul_header - 1, 1},
        {"overlong line", long_line, long_len, 2},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        const bad_file *c = &cases[k];
        tma_error err;
        tma_learned *learned = parse(c->text, c->len ? c->len : strlen(c->text), &err);
        if (learned != NULL || err.code != TMA_ERR_DATA || err.line != c->line) {
            fprintf(stderr, "case \"%s\": code %d, line %ld (expected %ld): %s\n", c->what,
                    (int)err.code, err.line, c->line, err.message);
        }
        CHECK(learned == NULL);
        CHECK_EQ_INT(err.code, TMA_ERR_DATA);
        CHECK_EQ_INT(err.line, c->line);
        CHECK_EQ_STR(err.path, "x.learned");
        CHECK(err.message[0] != '\0' && strchr(err.message, '\n') == NULL);
        tma_learned_free(learned);
    }
    /* One byte shorter, it is read. */
    tma_error err;
    tma_learned *learned = parse(long_line, long_line_file(long_line, 511), &err);
    CHECK(learned != NULL);
    tma_learned_free(learned);
}

/* A line that the parser takes is written back within the line limit, though the writer spells
 * the numbers out (1 as 1.0000): here 511 bytes of short numbers and long stems. */
static void test_written_back_readable(void)
{
    static char text[700];
    const char *start = "0a000001\t0b000001\t1\t0\t2\t";
    size_t at = strlen(HEADER), stem = 511 - strlen(start) - 2;
    memcpy(text, HEADER, at);
    memcpy(text + at, start, strlen(start));
    at += strlen(start);
    memset(text + at, 'x', stem);
    at += stem;
    memcpy(text + at, "\ty\n", 3);
    tma_error err;
    tma_learned *learned = parse(text, at + 3, &err);
    if (learned != NULL)
        check_round_trip(learned);
    tma_learned_free(learned);
}

int main(void)
{
    test_learning();
    test_pair_cap();
    test_round_trip();
    test_parse();
    test_parse_errors();
    test_written_back_readable();
    return check_summary();
}
