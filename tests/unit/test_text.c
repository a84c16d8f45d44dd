/* Reading text: BOM, line ends, NFC and its offset map, paragraphs, and refusals with their
 * position. */
#include "check.h"
#include "table.h"
#include "text.h"

static void test_plain_paragraphs(void)
{
    tma_text t;
    tma_error err = {0};
    const char *in = "One line.\nwrapped line.\n\n  \t \nSecond paragraph.\n\n\n";
    CHECK_EQ_INT(tma_text_load(&t, "x", in, strlen(in), &err), 0);
    CHECK_EQ_INT(t.paragraph_count, 2);
    CHECK_EQ_INT(t.paragraphs[0].start, 0);
    CHECK_EQ_INT(t.paragraphs[0].len, strlen("One line.\nwrapped line."));
    CHECK(memcmp(t.data + t.paragraphs[1].start, "Second paragraph.", 17) == 0);
    CHECK_EQ_INT(t.paragraphs[1].len, 17);
    CHECK_EQ_INT(tma_text_orig_start(&t, 5), 5);
    tma_text_free(&t);
}

static void test_bom_and_crlf(void)
{
    tma_text t;
    tma_error err = {0};
    const char *in = "\xEF\xBB\xBFOne.\r\nTwo.\r\n\r\nThree.\rFour.";
    CHECK_EQ_INT(tma_text_load(&t, "x", in, strlen(in), &err), 0);
    CHECK_EQ_STR(t.data, "One.\nTwo.\n\nThree.\nFour.");
    CHECK_EQ_INT(t.paragraph_count, 2);
    /* "One." ends before the first "\r" at file offset 3 + 4; "Two." starts at 3 + 6. */
    CHECK_EQ_INT(tma_text_orig_start(&t, 0), 3);
    CHECK_EQ_INT(tma_text_orig_end(&t, 4), 7);
    CHECK_EQ_INT(tma_text_orig_start(&t, 5), 9);
    CHECK_EQ_INT(tma_text_orig_end(&t, 9), 13);
    /* "Three." is at NFC 11, after three "\r\n" in the file; "Four." after a lone "\r". */
    CHECK_EQ_INT(tma_text_orig_start(&t, 11), 3 + 11 + 3);
    CHECK_EQ_INT(tma_text_orig_end(&t, 17), 3 + 11 + 3 + 6);
    CHECK_EQ_INT(tma_text_orig_end(&t, t.len), strlen(in));
    tma_text_free(&t);
}

static void test_nfc(void)
{
    tma_text t;
    tma_error err = {0};
    /* "Cafe" + COMBINING ACUTE ACCENT, then Armenian "և" stays as it is (NFC keeps it). */
    const char *in = "Cafe\xCC\x81 x \xD6\x87.";
    CHECK_EQ_INT(tma_text_load(&t, "x", in, strlen(in), &err), 0);
    CHECK_EQ_STR(t.data, "Caf\xC3\xA9 x \xD6\x87.");
    /* After the composed "é" (2 bytes for 3), NFC offsets run one behind the file; the word
     * "Café" ends where "Cafe" + accent ends. */
    CHECK_EQ_INT(tma_text_orig_end(&t, 5), 6);
    CHECK_EQ_INT(tma_text_orig_start(&t, 6), 7);
    CHECK_EQ_INT(tma_text_orig_start(&t, 3), 3);
    CHECK_EQ_INT(tma_text_orig_end(&t, t.len), strlen(in));
    tma_text_free(&t);

    /* Combining marks out of canonical order are reordered. */
    const char *marks = "a\xCC\x81\xCC\xA3";  /* a + acute (230) + dot below (220) */
    CHECK_EQ_INT(tma_text_load(&t, "x", marks, strlen(marks), &err), 0);
    CHECK_EQ_STR(t.data, "\xE1\xBA\xA1\xCC\x81"); /* ạ + acute */
    tma_text_free(&t);

    /* A lone "\r" before a combining mark is a line end like any other (found by fuzz_text). */
    const char *cr = "x\r\xCC\x81\r\n\xCC\xA3y";
    CHECK_EQ_INT(tma_text_load(&t, "x", cr, strlen(cr), &err), 0);
    CHECK_EQ_STR(t.data, "x\n\xCC\x81\n\xCC\xA3y");
    tma_text_free(&t);
}

static void expect_refusal(const char *in, size_t len, long line, long column, const char *needle)
{
    tma_text t;
    tma_error err = {0};
    CHECK_EQ_INT(tma_text_load(&t, "in.txt", in, len, &err), TMA_ERR_INPUT);
    CHECK_EQ_INT(err.code, TMA_ERR_INPUT);
    CHECK_EQ_STR(err.path, "in.txt");
    CHECK_EQ_INT(err.line, line);
    CHECK_EQ_INT(err.column, column);
    if (strstr(err.message, needle) == NULL) {
        check_failed++;
        fprintf(stderr, "message \"%s\" lacks \"%s\"\n", err.message, needle);
    }
    CHECK(t.data == NULL);
}

static void test_refusals(void)
{
    expect_refusal("abc\nde\xD0x", 8, 2, 3, "byte 0xD0 is not followed by a continuation byte");
    expect_refusal("ok\n\x80", 4, 2, 1, "0x80 is a continuation byte");
    expect_refusal("\xC0\xAF", 2, 1, 1, "0xC0 never occurs");
    expect_refusal("x\xE0\x80\x80", 4, 1, 2, "more bytes than it needs");
    expect_refusal("\xED\xA0\x80", 3, 1, 1, "surrogate");
    expect_refusal("\xF4\x90\x80\x80", 4, 1, 1, "beyond U+10FFFF");
    expect_refusal("ab\xE2\x82", 4, 1, 3, "cuts off");
    expect_refusal("a\0b", 3, 1, 2, "NUL byte");
    expect_refusal("\xFF\xFEh\0i\0", 6, 1, 1, "UTF-16");
    expect_refusal("\xFE\xFF\0h", 4, 1, 1, "UTF-16");
    expect_refusal("\xFF\xFE\0\0h\0\0\0", 8, 1, 1, "UTF-32");

    tma_text t;
    tma_error err = {0};
    CHECK_EQ_INT(tma_text_load(&t, "empty.txt", "", 0, &err), TMA_ERR_INPUT);
    CHECK(strstr(err.message, "is empty") != NULL);
    CHECK_EQ_INT(tma_text_load(&t, "blank.txt", " \n\t\r\n\xC2\xA0\n", 7, &err), TMA_ERR_INPUT);
    CHECK(strstr(err.message, "only white space") != NULL);

    /* Over the size cap: refused before a byte is read (the data pointer is never used). */
    CHECK_EQ_INT(tma_text_load(&t, "huge.txt", "x", TMA_MAX_INPUT_BYTES + 1, &err), TMA_ERR_LIMIT);
    CHECK(strstr(err.message, "larger than 512 MiB") != NULL);
    CHECK(t.data == NULL);
}

static void test_collapse(void)
{
    char buf[64];
    CHECK_EQ_INT(tma_text_collapse(buf, sizeof buf, "  a \n\t b  ", 10), 3);
    CHECK_EQ_STR(buf, "a b");
    CHECK_EQ_INT(tma_text_collapse(buf, 2, "abc", 3), 3);
    CHECK_EQ_STR(buf, "a");
}

/* Characters the TMX leaves out are counted, white space ones not, and the first is placed by
 * line and byte column in the file. */
static void test_forbidden(void)
{
    tma_text t;
    tma_error err = {0};
    /* Line 2: BEL at byte column 4 (after a 2-byte "é"); then ESC, DEL, a C1 control (U+0080),
     * U+FFFE; VT, FF and NEL are white space; tab and CRLF are allowed. */
    const char *in = "One\ttab.\r\nT\xC3\xA9\x07st \x1B \x7F \xC2\x80 \xEF\xBF\xBE.\n"
                     "\x0B\x0C\xC2\x85 end.";
    CHECK_EQ_INT(tma_text_load(&t, "x", in, strlen(in), &err), 0);
    CHECK_EQ_INT(t.forbidden, 5);
    CHECK_EQ_INT(t.forbidden_line, 2);
    CHECK_EQ_INT(t.forbidden_column, 4);
    tma_text_free(&t);

    const char *clean = "Clean\x0C text\xC2\x85here.\n";
    CHECK_EQ_INT(tma_text_load(&t, "x", clean, strlen(clean), &err), 0);
    CHECK_EQ_INT(t.forbidden, 0);
    CHECK_EQ_INT(t.forbidden_line, 0);
    tma_text_free(&t);

    CHECK(tma_xml_allows('\t') && tma_xml_allows('\n') && tma_xml_allows(0xA0));
    CHECK(!tma_xml_allows('\r') && !tma_xml_allows(0x7F) && !tma_xml_allows(0x85));
    CHECK(!tma_xml_allows(0xFFFE) && !tma_xml_allows(0xFFFF) && tma_xml_allows(0xFFFD));
}

/* Case folding is ICU's simple folding, ASCII included, also where a folded letter takes more
 * bytes (U+023A to U+2C65: 2 to 3) or fewer (the Kelvin sign U+212A to k: 3 to 1) and ASCII
 * follows it, and it appends to what the buffer holds. */
static void test_fold_case(void)
{
    static const char *const cases[][2] = {
        {"Hello, WORLD 42!", "hello, world 42!"},
        {"Москва ШОЙГУ Zürich", "москва шойгу zürich"},
        {"\xC8\xBA\xC8\xBA" "AB", "\xE2\xB1\xA5\xE2\xB1\xA5" "ab"},
        {"\xE2\x84\xAA\xE2\x84\xAAZ", "kkz"},
        {"", ""},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        tma_buf b = TMA_BUF_INIT;
        CHECK_EQ_INT(tma_buf_append(&b, "x:", 2), 0);
        CHECK_EQ_INT(tma_fold_case(&b, cases[k][0], strlen(cases[k][0])), 0);
        CHECK_EQ_INT(tma_buf_push(&b, '\0'), 0);
        CHECK_EQ_STR(b.data + 2, cases[k][1]);
        CHECK(strncmp(b.data, "x:", 2) == 0);
        tma_buf_free(&b);
    }
    /* Grown past the room reserved for the input (64 bytes in all) by the longer folded letters,
     * the buffer is full exactly when ASCII comes: it grows again. */
    char in[64] = "", expected[80] = "";
    for (int k = 0; k < 20; k++) {
        strcat(in, "\xC8\xBA");
        strcat(expected, "\xE2\xB1\xA5");
    }
    strcat(in, "\xC3\xA4" "AB");
    strcat(expected, "\xC3\xA4" "ab");
    tma_buf b = TMA_BUF_INIT;
    CHECK_EQ_INT(tma_buf_append(&b, "x:", 2), 0);
    CHECK_EQ_INT(tma_fold_case(&b, in, strlen(in)), 0);
    CHECK_EQ_INT(b.len, 2 + strlen(expected));
    CHECK(b.len == 2 + strlen(expected) && memcmp(b.data + 2, expected, strlen(expected)) == 0);
    tma_buf_free(&b);
}

/* The longest start of a word that a table holds, at whole code points and from MIN_CHARS of
 * them: what the lexicon's stems ("москв" in "москвичи") and the scale words are found by. */
static void test_longest_prefix(void)
{
    tma_table t = TMA_TABLE_INIT;
    CHECK_EQ_INT(tma_table_longest_prefix(&t, "москва", strlen("москва"), 3), -1);
    CHECK_EQ_INT(tma_table_put(&t, "мос", strlen("мос"), 1), 0);
    CHECK_EQ_INT(tma_table_put(&t, "москв", strlen("москв"), 2), 0);
    CHECK_EQ_INT(tma_table_put(&t, "mo", 2, 3), 0);
    CHECK_EQ_INT(tma_table_put(&t, "mosco", 5, 0), 0);
    CHECK_EQ_INT(tma_table_longest_prefix(&t, "москвичи", strlen("москвичи"), 3), 2);
    CHECK_EQ_INT(tma_table_longest_prefix(&t, "москв", strlen("москв"), 3), 2);
    CHECK_EQ_INT(tma_table_longest_prefix(&t, "мост", strlen("мост"), 3), 1);
    CHECK_EQ_INT(tma_table_longest_prefix(&t, "мост", strlen("мост"), 4), -1);
    CHECK_EQ_INT(tma_table_longest_prefix(&t, "ми", strlen("ми"), 1), -1);
    /* Too short for MIN_CHARS: "mo" is not found from 3 on, "mosco" (value 0) is. */
    CHECK_EQ_INT(tma_table_longest_prefix(&t, "mow", 3, 3), -1);
    CHECK_EQ_INT(tma_table_longest_prefix(&t, "mow", 3, 2), 3);
    CHECK_EQ_INT(tma_table_longest_prefix(&t, "moscow", 6, 3), 0);
    /* Half a code point is no start: the first byte of "в" alone is never looked up. */
    CHECK_EQ_INT(tma_table_put(&t, "мос\xD0", strlen("мос\xD0"), 4), 0);
    CHECK_EQ_INT(tma_table_longest_prefix(&t, "мосв", strlen("мосв"), 3), 1);
    tma_table_free(&t);
}

int main(void)
{
    test_plain_paragraphs();
    test_fold_case();
    test_longest_prefix();
    test_bom_and_crlf();
    test_nfc();
    test_refusals();
    test_collapse();
    test_forbidden();
    return check_summary();
}
