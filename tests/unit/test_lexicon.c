/* The lexicon's data layer: the compared form and the key; translations from entries of both
 * styles; a small dictd dictionary written here, plain, as dictzip with several chunks made with
 * zlib, and by the dictzip tool where it is installed, all giving the same answers, both ways;
 * broken and truncated dictionaries refused with one line; glossaries and their refusals; finding
 * a pair's dictionaries by name; and, where Debian's packages are installed, a few common words. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "lexicon.h"
#include "lexicon/internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

static char dir[256];

/* ---- Helpers -------------------------------------------------------------------------------- */

static void path_in(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%s/%s", dir, name);
}

static void write_file(const char *name, const void *data, size_t len)
{
    char path[512];
    path_in(path, sizeof path, name);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL && fwrite(data, 1, len, f) == len);
    if (f)
        fclose(f);
}

static void b64(char *out, size_t v)
{
    static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char tmp[16];
    int n = 0;
    do {
        tmp[n++] = digits[v & 63];
        v >>= 6;
    } while (v);
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}

/* Compresses TEXT as dictzip does: raw deflate flushed every CHUNK bytes, the chunk sizes in the
 * header's "RA" field, then the empty final block, the CRC and the size. */
static size_t dictzip(unsigned char *out, const char *text, size_t len, size_t chunk)
{
    size_t count = (len + chunk - 1) / chunk;
    unsigned char body[65536];
    unsigned sizes[256];
    z_stream zs = {0};
    deflateInit2(&zs, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    zs.next_out = body;
    zs.avail_out = sizeof body;
    for (size_t i = 0; i < count; i++) {
        size_t before = sizeof body - zs.avail_out;
        zs.next_in = (unsigned char *)(uintptr_t)(text + i * chunk);
        zs.avail_in = (uInt)(i + 1 < count ? chunk : len - i * chunk);
        deflate(&zs, Z_FULL_FLUSH);
        sizes[i] = (unsigned)(sizeof body - zs.avail_out - before);
    }
    deflate(&zs, Z_FINISH);
    size_t body_len = sizeof body - zs.avail_out;
    deflateEnd(&zs);
    size_t xlen = 10 + 2 * count, n = 0;
    unsigned char head[] = {0x1F, 0x8B, 8, 4, 0, 0, 0, 0, 2, 3};
    memcpy(out, head, sizeof head);
    n = sizeof head;
    out[n++] = xlen & 0xFF;
    out[n++] = xlen >> 8;
    out[n++] = 'R';
    out[n++] = 'A';
    out[n++] = (xlen - 4) & 0xFF;
    out[n++] = (xlen - 4) >> 8;
    unsigned fields[3] = {1, (unsigned)chunk, (unsigned)count};
    for (int k = 0; k < 3; k++) {
        out[n++] = fields[k] & 0xFF;
        out[n++] = fields[k] >> 8;
    }
    for (size_t i = 0; i < count; i++) {
        out[n++] = sizes[i] & 0xFF;
        out[n++] = sizes[i] >> 8;
    }
    memcpy(out + n, body, body_len);
    n += body_len;
    unsigned long crc = crc32(0, (const unsigned char *)text, (uInt)len);
    for (int k = 0; k < 4; k++)
        out[n++] = (crc >> (8 * k)) & 0xFF;
    for (int k = 0; k < 4; k++)
        out[n++] = (len >> (8 * k)) & 0xFF;
    return n;
}

/* The translations of WORD, joined by "|". */
static const char *answer(tma_lexicon *lex, tma_lexicon_dir d, const char *word, int *rc)
{
    static char buf[2048];
    const tma_lexicon_word *w;
    size_t n;
    tma_error err = {0};
    *rc = tma_lexicon_translations(&w, &n, lex, d, word, strlen(word), &err);
    buf[0] = '\0';
    for (size_t k = 0; k < n; k++)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", k ? "|" : "", w[k].text);
    return buf;
}

/* ---- The compared form ---------------------------------------------------------------------- */

static void test_norm(void)
{
    tma_buf b = TMA_BUF_INIT;
    static const struct {
        const char *in, *form, *key;
    } CASES[] = {
        {"House", "house", "house"},
        {"Кто\xE2\x80\x90То", "кто-то", "ктото"}, /* U+2010 */
        {"chef d\xE2\x80\x99orchestre", "chef d'orchestre", "chef dorchestre"},
        {"Attrape-Rêves", "attrape-rêves", "attraperêves"},
        {"Ре\xCC\x88", "ре", "ре"}, /* NFD in, composed, then ё as е */
        {"Жёлоб ВСЁ", "желоб все", "желоб все"},
        {"Cafe\xCC\x81", "café", "café"},
        {"  Power \t plant ", "power plant", "power plant"},
        {"STRASSE", "strasse", "strasse"},
        {"\xC2\xAD"
         "co\xC2\xADop",
         "coop", "coop"}, /* soft hyphens */
        {"1. Korintherbrief", "1. korintherbrief", "1 korintherbrief"},
        {"?!", "?!", ""},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        b.len = 0;
        CHECK_EQ_INT(tma_lexicon_normalise(&b, CASES[i].in, strlen(CASES[i].in)), 0);
        CHECK_EQ_INT(tma_buf_push(&b, '\0'), 0);
        CHECK_EQ_STR(b.data, CASES[i].form);
        b.len = 0;
        CHECK_EQ_INT(tma_lexicon_key(&b, CASES[i].in, strlen(CASES[i].in)), 0);
        CHECK_EQ_INT(tma_buf_push(&b, '\0'), 0);
        CHECK_EQ_STR(b.data, CASES[i].key);
    }
    tma_buf_free(&b);
}

/* ---- Entries -------------------------------------------------------------------------------- */

static void check_entry(const char *text, const char *headword, const char *expected)
{
    tma_buf out = TMA_BUF_INIT;
    size_t count = 99, hl = 99;
    CHECK_EQ_INT(tma_lex_entry_translations(&out, &count, &hl, text, strlen(text)), 0);
    char joined[2048] = "";
    for (size_t at = 0, k = 0; k < count; k++) {
        snprintf(joined + strlen(joined), sizeof joined - strlen(joined), "%s%s", k ? "|" : "",
                 out.data + at);
        at += strlen(out.data + at) + 1;
    }
    CHECK_EQ_STR(joined, expected);
    CHECK_EQ_INT(hl, strlen(headword));
    CHECK(strncmp(text, headword, hl) == 0);
    tma_buf_free(&out);
}

static const char MUELLER_HOUSE[] =
    "house\n"
    "   1. _n. [haʊs], _pl. [↗haʊzɪz]\n"
    "      1) дом; жилище; здание\n"
    "      2) дом; семья; хозяйство; to keep house вести хозяйство; to keep the\n"
    "      house сидеть дома\n"
    "      4) (тж. the H.) палата (парламента); lower house нижняя палата\n"
    "      10)колледж университета; пансион при школе\n"
    "      14)_attr. домашний, комнатный; извозчичья биржа и т.п.\n"
    "   2. _v. [haʊz]\n"
    "      3) жить (в доме); we can house together мы можем поселиться вместе\n"
    "      6) вмещать(ся), помещаться\n"
    "      7) употр. как глагол-связка: поселиться на северо-\n"
    "      востоке {см. тж. home}; помочь кому-л.; = housing\n";

static const char FREEDICT_HAUS[] = "Haus /haʊ̯s/ <n, neut>\n"
                                    "1. maison 2.\n"
                                    "zu einem bestimmten Zweck erbautes Gebäude\n"
                                    " 3.\n"
                                    "zum Wohnen dienendes und genutztes Gebäude\n"
                                    "2. chambre\n"
                                    "gesetzgebende Körperschaft der Volksvertretung\n"
                                    "3. gars, type, zig#zig (Französisch)\n"
                                    "Mensch, Person\n";

static void test_entries(void)
{
    check_entry(MUELLER_HOUSE, "house",
                "дом|жилище|здание|дом|семья|хозяйство|палата|колледж университета|"
                "пансион при школе|домашний|комнатный|извозчичья биржа|жить|вмещать|помещаться|"
                "поселиться на северо-востоке|помочь");
    check_entry(FREEDICT_HAUS, "Haus", "maison|chambre|gars|type|zig");
    /* One sense: the first line translates, the rest are glosses. */
    check_entry("Mailand /ˈmaɪ̯lant/ <n, neut>\nMilan\nStadt im Norden Italiens\n", "Mailand",
                "Milan");
    check_entry("camper /kɑ̃.pe/ <v>\ncamper#se camper, planter#se planter\n", "camper",
                "camper|planter");
    /* FreeDict's older English-Russian entries. */
    check_entry("a /ə/\n1. в, на\n2. кто‐то\n", "a", "в|на|кто‐то");
    check_entry("Aral Sea /ˈaɹəl sˈiː/\nАральское море\n", "Aral Sea", "Аральское море");
    /* A reference only; a headword line alone; nothing at all; a description too long. */
    check_entry("'cause\n   [kɘz] _уст. = because\n", "'cause", "");
    check_entry("word\n", "word", "");
    check_entry("", "", "");
    check_entry("x\n   _n. очень длинное описание из многих слов\n", "x", "");
    /* An unclosed bracket takes only itself. */
    check_entry("y\n   _n. (дом, хата\n", "y", "дом|хата");
    /* A NUL parts words. */
    static const char with_nul[] = "z\n   _n. до\0м, хата\n";
    tma_buf out = TMA_BUF_INIT;
    size_t count, hl;
    CHECK_EQ_INT(tma_lex_entry_translations(&out, &count, &hl, with_nul, sizeof with_nul - 1), 0);
    CHECK(count == 2 && strcmp(out.data, "до м") == 0 &&
          out.len == strlen("до м") + 1 + strlen("хата") + 1);
    tma_buf_free(&out);
}

/* ---- A dictionary written here --------------------------------------------------------------- */

static const char *const ENTRIES[][2] = {
    {"house", "house\n   [haʊs] _n.\n      1) дом; жилище\n      2) палата (парламента)\n"},
    {"mother of pearl", "mother of pearl\n   [↗mʌðɜrɜv↗pɜ:l] _n. перламутр\n"},
    {"home", "home\n   [hɜʊm] _n. дом, жилище; at home дома\n"},
    {"well-known", "well-known\n   _a. известный, общеизвестный\n"},
    {"00-database-utf8", "\n"},
    {"run", "run\n   _v. бежать; бегать\n"},
    {"Run", "Run\n   _n. Ран (фамилия)\n"},
};
#define ENTRY_COUNT (sizeof ENTRIES / sizeof ENTRIES[0])

static char text[4096];
static size_t text_len;

/* Writes NAME.index and the text as NAME.dict (plain) or NAME.dict.dz (CHUNK > 0). */
static void write_dict(const char *name, size_t chunk)
{
    char index[4096] = "", file[256];
    text_len = 0;
    for (size_t i = 0; i < ENTRY_COUNT; i++) {
        char off[16], len[16];
        size_t n = strlen(ENTRIES[i][1]);
        b64(off, text_len);
        b64(len, n);
        memcpy(text + text_len, ENTRIES[i][1], n);
        text_len += n;
        snprintf(index + strlen(index), sizeof index - strlen(index), "%s\t%s\t%s\n", ENTRIES[i][0],
                 off, len);
    }
    snprintf(file, sizeof file, "%s.index", name);
    write_file(file, index, strlen(index));
    if (chunk == 0) {
        snprintf(file, sizeof file, "%s.dict", name);
        write_file(file, text, text_len);
    } else {
        static unsigned char dz[65536];
        size_t n = dictzip(dz, text, text_len, chunk);
        snprintf(file, sizeof file, "%s.dict.dz", name);
        write_file(file, dz, n);
    }
}

/* The answers every copy of the dictionary must give. */
static void check_answers(const char *name)
{
    tma_lexicon *lex;
    tma_error err = {0};
    char path[512];
    int rc;
    path_in(path, sizeof path, name);
    CHECK_EQ_INT(tma_lexicon_new(&lex, "en", "ru-RU", NULL, &err), 0);
    rc = tma_lexicon_add_dictd(lex, path, "en", &err);
    CHECK_EQ_INT(rc, 0);
    if (rc < 0) {
        fprintf(stderr, "%s: %s: %s\n", name, err.path, err.message);
        tma_lexicon_free(lex);
        return;
    }
    CHECK_EQ_STR(answer(lex, TMA_LEXICON_AB, "House", &rc), "дом|жилище|палата");
    CHECK_EQ_INT(rc, 0);
    CHECK_EQ_STR(answer(lex, TMA_LEXICON_AB, "house", &rc), "дом|жилище|палата");
    CHECK_EQ_STR(answer(lex, TMA_LEXICON_AB, "Mother of Pearl", &rc), "перламутр");
    CHECK_EQ_STR(answer(lex, TMA_LEXICON_AB, "well-known", &rc), "известный|общеизвестный");
    CHECK_EQ_STR(answer(lex, TMA_LEXICON_AB, "wellknown", &rc), "известный|общеизвестный");
    /* Two headwords with one key: both entries, in index order. */
    CHECK_EQ_STR(answer(lex, TMA_LEXICON_AB, "run", &rc), "бежать|бегать|ран");
    CHECK_EQ_STR(answer(lex, TMA_LEXICON_AB, "00-database-utf8", &rc), "");
    CHECK_EQ_STR(answer(lex, TMA_LEXICON_AB, "absent", &rc), "");
    CHECK_EQ_STR(answer(lex, TMA_LEXICON_AB, "\xFF", &rc), "");
    CHECK_EQ_INT(rc, 0);
    /* Backwards: the headwords whose entries give the word, in the order of the text. */
    CHECK_EQ_STR(answer(lex, TMA_LEXICON_BA, "Дом", &rc), "house|home");
    CHECK_EQ_STR(answer(lex, TMA_LEXICON_BA, "жилище", &rc), "house|home");
    CHECK_EQ_STR(answer(lex, TMA_LEXICON_BA, "перламутр", &rc), "mother of pearl");
    const tma_lexicon_word *w;
    size_t n;
    CHECK_EQ_INT(tma_lexicon_translations(&w, &n, lex, TMA_LEXICON_BA, "дом", 6, &err), 0);
    CHECK(n == 2 && w[0].sources == TMA_LEXICON_DICT_BACK && w[0].words == 1);
    CHECK_EQ_INT(tma_lexicon_translations(&w, &n, lex, TMA_LEXICON_AB, "mother of pearl", 15, &err),
                 0);
    CHECK(n == 1 && w[0].words == 1 && w[0].sources == TMA_LEXICON_DICT && w[0].len == 18);
    CHECK_EQ_INT(tma_lexicon_source_count(lex), 1);
    CHECK(strstr(tma_lexicon_source_name(lex, 0), "(en-ru dictd)") != NULL);
    tma_lexicon_free(lex);

    /* Without read_back, nothing answers backwards. */
    tma_lexicon_options o = TMA_LEXICON_OPTIONS_INIT;
    o.read_back = 0;
    o.max_translations = 1;
    CHECK_EQ_INT(tma_lexicon_new(&lex, "en", "ru", &o, &err), 0);
    CHECK_EQ_INT(tma_lexicon_add_dictd(lex, path, "en", &err), 0);
    CHECK_EQ_INT(tma_lexicon_load(lex, &err), 0);
    CHECK_EQ_STR(answer(lex, TMA_LEXICON_BA, "дом", &rc), "");
    CHECK_EQ_STR(answer(lex, TMA_LEXICON_AB, "house", &rc), "дом");
    tma_lexicon_free(lex);
}

static void test_dictionaries(void)
{
    write_dict("plain", 0);
    check_answers("plain.index");
    write_dict("dz", 64); /* many chunks, entries across their edges */
    check_answers("dz");
    write_dict("onechunk", 4096);
    check_answers("onechunk.dict.dz");
    /* The dictzip tool's file reads the same. */
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "command -v dictzip >/dev/null 2>&1 && cp %s/plain.dict %s/tool.dict && "
             "cp %s/plain.index %s/tool.index && dictzip %s/tool.dict",
             dir, dir, dir, dir, dir);
    if (system(cmd) == 0)
        check_answers("tool");
    else
        fprintf(stderr, "skipped the dictzip tool's file: dictzip is not installed\n");
}

/* ---- Both directions at once ------------------------------------------------------------------ */

typedef struct direction_run {
    tma_lexicon *lex;
    tma_lexicon_dir dir;
    const char *word, *expected;
    int wrong; /* answers that differed from EXPECTED, or failed */
} direction_run;

static void *look_up_often(void *arg)
{
    direction_run *r = arg;
    for (int k = 0; k < 200; k++) {
        const tma_lexicon_word *w;
        size_t n;
        tma_error err = {0};
        char got[256] = "";
        if (tma_lexicon_translations(&w, &n, r->lex, r->dir, r->word, strlen(r->word), &err) < 0)
            r->wrong++;
        for (size_t i = 0; i < n; i++)
            snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", i ? "|" : "", w[i].text);
        r->wrong += strcmp(got, r->expected) != 0;
    }
    return NULL;
}

/* The two directions of a pair looked up on two threads, the one reading the dictionary
 * backwards while the other reads its entries: each gets its answers as on one thread. And with
 * read_back off, the direction no dictionary answers says so and gives nothing. */
static void test_threads(void)
{
    char path[512];
    path_in(path, sizeof path, "dz");
    for (int read_back = 1; read_back >= 0; read_back--) {
        tma_lexicon *lex;
        tma_error err = {0};
        tma_lexicon_options options = TMA_LEXICON_OPTIONS_INIT;
        options.read_back = read_back;
        CHECK_EQ_INT(tma_lexicon_new(&lex, "en", "ru", &options, &err), 0);
        CHECK_EQ_INT(tma_lexicon_add_dictd(lex, path, "en", &err), 0);
        CHECK_EQ_INT(tma_lexicon_answers(lex, TMA_LEXICON_AB), 1);
        CHECK_EQ_INT(tma_lexicon_answers(lex, TMA_LEXICON_BA), read_back);
        direction_run runs[2] = {
            {lex, TMA_LEXICON_AB, "house", "дом|жилище|палата", 0},
            {lex, TMA_LEXICON_BA, "жилище", read_back ? "house|home" : "", 0},
        };
        pthread_t threads[2];
        int started[2];
        for (int k = 0; k < 2; k++)
            started[k] = pthread_create(&threads[k], NULL, look_up_often, &runs[k]) == 0;
        for (int k = 0; k < 2; k++) {
            CHECK(started[k]);
            if (started[k])
                pthread_join(threads[k], NULL);
            CHECK_EQ_INT(runs[k].wrong, 0);
        }
        tma_lexicon_free(lex);
    }
}

/* ---- Refusals ---------------------------------------------------------------------------------
 */

static int open_broken(const char *name, tma_status code, long line, const char *says)
{
    tma_lexicon *lex;
    tma_error err = {0};
    char path[512];
    path_in(path, sizeof path, name);
    CHECK_EQ_INT(tma_lexicon_new(&lex, "en", "ru", NULL, &err), 0);
    int rc = tma_lexicon_add_dictd(lex, path, "en", &err);
    if (rc == 0) {
        const tma_lexicon_word *w;
        size_t n;
        rc = tma_lexicon_translations(&w, &n, lex, TMA_LEXICON_AB, "house", 5, &err);
        /* Refused once, refused every time. */
        if (rc < 0) {
            tma_error again = {0};
            CHECK_EQ_INT(tma_lexicon_translations(&w, &n, lex, TMA_LEXICON_AB, "run", 3, &again),
                         rc);
            CHECK_EQ_STR(again.message, err.message);
        }
    }
    CHECK_EQ_INT(rc, code);
    CHECK_EQ_INT(err.line, line);
    CHECK(strstr(err.message, says) != NULL);
    CHECK(strchr(err.message, '\n') == NULL);
    if (strstr(err.message, says) == NULL)
        fprintf(stderr, "%s: message: %s\n", name, err.message);
    tma_lexicon_free(lex);
    return rc;
}

static void test_refusals(void)
{
    static unsigned char dz[65536];
    write_dict("good", 64);
    size_t n = dictzip(dz, text, text_len, 64);
    /* Cut short: the chunk table says more than the file holds. */
    write_file("cut.dict.dz", dz, n / 2);
    write_file("cut.index", "house\tA\tB\n", 10);
    open_broken("cut", TMA_ERR_DATA, 0, "truncated");
    /* The first chunk starts with a deflate block of the reserved type 3: refused when an entry
     * in it is read. */
    dz[12 + (dz[10] | dz[11] << 8)] = 0x07;
    write_file("flip.dict.dz", dz, n);
    char good_index[512];
    path_in(good_index, sizeof good_index, "good.index");
    FILE *f = fopen(good_index, "rb");
    char index[4096];
    size_t index_len = f ? fread(index, 1, sizeof index, f) : 0;
    if (f)
        fclose(f);
    write_file("flip.index", index, index_len);
    tma_lexicon *lex;
    tma_error err = {0};
    char path[512];
    path_in(path, sizeof path, "flip");
    CHECK_EQ_INT(tma_lexicon_new(&lex, "en", "ru", NULL, &err), 0);
    CHECK_EQ_INT(tma_lexicon_add_dictd(lex, path, "en", &err), 0);
    int rc = tma_lexicon_load(lex, &err);
    CHECK(rc == TMA_ERR_DATA && strstr(err.message, "inflate") != NULL);
    tma_lexicon_free(lex);
    /* Not gzip; no chunk table; malformed index lines; an entry past the text. */
    write_file("nogzip.dict.dz", "plain text", 10);
    write_file("nogzip.index", "house\tA\tB\n", 10);
    open_broken("nogzip", TMA_ERR_DATA, 0, "not a gzip file");
    unsigned char gz[] = {0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 2, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    write_file("plaingz.dict.dz", gz, sizeof gz);
    write_file("plaingz.index", "house\tA\tB\n", 10);
    open_broken("plaingz", TMA_ERR_DATA, 0, "chunk table");
    write_file("badline.dict", text, text_len);
    write_file("badline.index", "a\tA\tB\nhouse A B\n", 16);
    open_broken("badline", TMA_ERR_DATA, 2, "TABs");
    write_file("badnum.dict", text, text_len);
    write_file("badnum.index", "house\tA\tB!\n", 11);
    open_broken("badnum", TMA_ERR_DATA, 1, "base64");
    write_file("past.dict", text, text_len);
    write_file("past.index", "a\tA\tB\nhouse\tAAAA\t////\n", 22);
    open_broken("past", TMA_ERR_DATA, 2, "past the end");
    write_file("badutf.dict", text, text_len);
    write_file("badutf.index", "hous\xE9\tA\tB\n", 10);
    open_broken("badutf", TMA_ERR_DATA, 1, "UTF-8");
    open_broken("absent", TMA_ERR_IO, 0, "cannot open");
}

/* ---- Glossaries ---------------------------------------------------------------------------------
 */

static int glossary(tma_lexicon *lex, const char *data, tma_error *err)
{
    return tma_lexicon_add_glossary_mem(lex, "terms.tsv", data, strlen(data), err);
}

static void test_glossaries(void)
{
    tma_lexicon *lex;
    tma_error err = {0};
    int rc;
    CHECK_EQ_INT(tma_lexicon_new(&lex, "en", "ru", NULL, &err), 0);
    CHECK_EQ_INT(glossary(lex,
                          "\xEF\xBB\xBF# our terms\r\n"
                          "en\tru\r\n"
                          "\r\n"
                          "Power Plant\tэлектростанция\r\n"
                          "  grid \t энергосистема \r\n"
                          "grid\tсеть\n"
                          "#grid\tрешётка\n"
                          "nuclear power plant\tАЭС",
                          &err),
                 0);
    CHECK_EQ_STR(answer(lex, TMA_LEXICON_AB, "power plant", &rc), "электростанция");
    CHECK_EQ_STR(answer(lex, TMA_LEXICON_AB, "Grid", &rc), "энергосистема|сеть");
    CHECK_EQ_STR(answer(lex, TMA_LEXICON_BA, "аэс", &rc), "nuclear power plant");
    CHECK_EQ_STR(answer(lex, TMA_LEXICON_AB, "#grid", &rc), "энергосистема|сеть");
    /* Columns the other way round, said by the header. */
    CHECK_EQ_INT(glossary(lex, "ru\ten\nдом\thouse\n", &err), 0);
    CHECK_EQ_STR(answer(lex, TMA_LEXICON_AB, "house", &rc), "дом");
    const tma_lexicon_word *w;
    size_t n;
    CHECK_EQ_INT(
        tma_lexicon_translations(&w, &n, lex, TMA_LEXICON_AB, "nuclear power plant", 19, &err), 0);
    CHECK(n == 1 && w[0].words == 1 && w[0].sources == TMA_LEXICON_GLOSSARY);
    CHECK_EQ_INT(tma_lexicon_translations(&w, &n, lex, TMA_LEXICON_BA, "аэс", 6, &err), 0);
    CHECK(n == 1 && w[0].words == 3);

    static const struct {
        const char *data;
        tma_status code;
        long line, column;
        const char *says;
    } BAD[] = {
        {"house\tдом\nhouse дом\n", TMA_ERR_DATA, 2, 0, "no TAB"},
        {"a\tb\tc\n", TMA_ERR_DATA, 1, 0, "more than one TAB"},
        {"house\t\n", TMA_ERR_DATA, 1, 0, "target term is empty"},
        {" \tдом\n", TMA_ERR_DATA, 1, 0, "source term is empty"},
        {"house\t\v\xC2\xAD\n", TMA_ERR_DATA, 1, 0, "target term is empty"},
        {"# x\nhouse\tд\xD0\n", TMA_ERR_DATA, 2, 9, "invalid UTF-8 (byte 0xD0)"},
        {"de\tfr\nHaus\tmaison\n", TMA_ERR_USAGE, 1, 0, "names the languages de and fr"},
        {"en\ten\nx\ty\n", TMA_ERR_USAGE, 1, 0, "names the languages en and en"},
        {"ab\tc\0d\n", TMA_ERR_DATA, 1, 5, "a NUL byte"},
    };
    for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
        tma_error e = {0};
        size_t len = strlen(BAD[i].data);
        len += strcmp(BAD[i].data, "ab\tc") == 0 ? 3 : 0; /* the NUL and what follows it */
        CHECK_EQ_INT(tma_lexicon_add_glossary_mem(lex, "terms.tsv", BAD[i].data, len, &e),
                     BAD[i].code);
        CHECK_EQ_INT(e.line, BAD[i].line);
        CHECK_EQ_INT(e.column, BAD[i].column);
        CHECK_EQ_STR(e.path, "terms.tsv");
        CHECK(strstr(e.message, BAD[i].says) != NULL);
        if (strstr(e.message, BAD[i].says) == NULL)
            fprintf(stderr, "glossary %zu: %s\n", i, e.message);
    }
    /* A long term is refused; three-letter words are terms, not a header. */
    char long_term[1100];
    memset(long_term, 'a', 1030);
    memcpy(long_term + 1030, "\tb\n", 4);
    CHECK_EQ_INT(glossary(lex, long_term, &err), TMA_ERR_LIMIT);
    CHECK_EQ_INT(glossary(lex, "the\tэтот\n", &err), 0);
    CHECK_EQ_STR(answer(lex, TMA_LEXICON_AB, "the", &rc), "этот");
    /* A file: read, or refused with its path. */
    char path[512];
    write_file("file.tsv", "cat\tкошка\n", strlen("cat\tкошка\n"));
    path_in(path, sizeof path, "file.tsv");
    CHECK_EQ_INT(tma_lexicon_add_glossary(lex, path, &err), 0);
    CHECK_EQ_STR(answer(lex, TMA_LEXICON_AB, "cat", &rc), "кошка");
    CHECK_EQ_STR(tma_lexicon_source_name(lex, tma_lexicon_source_count(lex) - 1),
                 "file.tsv (glossary)");
    path_in(path, sizeof path, "none.tsv");
    CHECK_EQ_INT(tma_lexicon_add_glossary(lex, path, &err), TMA_ERR_IO);
    tma_lexicon_free(lex);

    CHECK_EQ_INT(tma_lexicon_new(&lex, "en", "EN", NULL, &err), TMA_ERR_USAGE);
    CHECK_EQ_INT(tma_lexicon_new(&lex, "en", "en-GB", NULL, &err), TMA_ERR_USAGE);
    CHECK_EQ_STR(err.option, "langs");
}

/* ---- Finding a pair's dictionaries -------------------------------------------------------------
 */

static void test_find(void)
{
    write_dict("freedict-eng-rus", 0);
    write_dict("mueller7", 64);
    write_dict("freedict-rus-eng", 64);
    write_dict("freedict-deu-fra", 0);
    write_file("freedict-fra-deu.index", "", 0); /* no text beside it: not found */
    tma_lexicon *lex;
    tma_error err = {0};
    size_t found = 99;
    CHECK_EQ_INT(tma_lexicon_new(&lex, "ru", "en", NULL, &err), 0);
    CHECK_EQ_INT(tma_lexicon_add_installed(lex, dir, &found, &err), 0);
    CHECK_EQ_INT(found, 3);
    if (found == 3) {
        CHECK_EQ_STR(tma_lexicon_source_name(lex, 0), "mueller7 (en-ru dictd)");
        CHECK_EQ_STR(tma_lexicon_source_name(lex, 1), "freedict-rus-eng (ru-en dictd)");
        CHECK_EQ_STR(tma_lexicon_source_name(lex, 2), "freedict-eng-rus (en-ru dictd)");
    }
    tma_lexicon_free(lex);
    CHECK_EQ_INT(tma_lexicon_new(&lex, "fr", "de", NULL, &err), 0);
    CHECK_EQ_INT(tma_lexicon_add_installed(lex, dir, &found, &err), 0);
    CHECK_EQ_INT(found, 1);
    tma_lexicon_free(lex);
    CHECK_EQ_INT(tma_lexicon_new(&lex, "en", "hy", NULL, &err), 0);
    CHECK_EQ_INT(tma_lexicon_add_installed(lex, dir, &found, &err), 0);
    CHECK_EQ_INT(found, 0);
    CHECK_EQ_INT(tma_lexicon_add_installed(lex, "/nonexistent", &found, &err), 0);
    CHECK_EQ_INT(found, 0);
    tma_lexicon_free(lex);
}

/* ---- Debian's packages, where installed ---------------------------------------------------------
 */

static void check_installed(const char *a, const char *b, const char *file, tma_lexicon_dir d,
                            const char *word, const char *want)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s.index", TMA_LEXICON_DICTD_DIR, file);
    if (access(path, R_OK) != 0) {
        fprintf(stderr, "skipped %s -> %s: %s is not installed\n", word, want, path);
        return;
    }
    tma_lexicon *lex;
    tma_error err = {0};
    size_t found;
    int rc;
    CHECK_EQ_INT(tma_lexicon_new(&lex, a, b, NULL, &err), 0);
    CHECK_EQ_INT(tma_lexicon_add_installed(lex, NULL, &found, &err), 0);
    CHECK(found >= 1);
    const char *got = answer(lex, d, word, &rc);
    CHECK_EQ_INT(rc, 0);
    char bounded[2100];
    snprintf(bounded, sizeof bounded, "|%s|", got);
    char needle[64];
    snprintf(needle, sizeof needle, "|%s|", want);
    CHECK(strstr(bounded, needle) != NULL);
    if (strstr(bounded, needle) == NULL)
        fprintf(stderr, "%s: %s\n", word, got);
    tma_lexicon_free(lex);
}

static void test_installed(void)
{
    check_installed("en", "ru", "mueller7", TMA_LEXICON_AB, "house", "дом");
    check_installed("en", "ru", "freedict-eng-rus", TMA_LEXICON_AB, "House", "дом");
    check_installed("en", "ru", "mueller7", TMA_LEXICON_BA, "собака", "dog");
    check_installed("de", "fr", "freedict-deu-fra", TMA_LEXICON_AB, "Haus", "maison");
    check_installed("fr", "de", "freedict-fra-deu", TMA_LEXICON_AB, "maison", "haus");
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/test-lexicon-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    test_norm();
    test_entries();
    test_dictionaries();
    test_threads();
    test_refusals();
    test_glossaries();
    test_find();
    test_installed();
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return check_summary();
}
