#define _POSIX_C_SOURCE 200809L
/* TMX read back: a file as tmalign writes it comes out byte for byte, with its TSV made from the
 * units; anything tmalign never writes is refused with its line and column. */
#include "check.h"
#include "tmxcopy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char HEAD[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<tmx version=\"1.4\">\n"
    "  <header creationtool=\"tmalign\" creationtoolversion=\"" TMA_VERSION "\" "
    "segtype=\"sentence\" o-tmf=\"tmalign\" adminlang=\"en\" srclang=\"en\" "
    "datatype=\"plaintext\" creationdate=\"20261205T120000Z\"/>\n"
    "  <body>\n";

static const char UNIT[] =
    "    <tu tuid=\"s-en-1\" creationdate=\"20261205T120000Z\">\n"
    "      <prop type=\"x-align-type\">1-1</prop>\n"
    "      <prop type=\"x-align-score\">0.9731</prop>\n"
    "      <note>tmalign QA: number-mismatch (see the QA report's findings)</note>\n"
    "      <tuv xml:lang=\"en\">\n"
    "        <prop type=\"x-source-file\">c/en/s.txt</prop>\n"
    "        <prop type=\"x-paragraph\">1</prop>\n"
    "        <seg>Tom &amp; &quot;Jerry&quot; &lt;3\ttabs.</seg>\n"
    "      </tuv>\n"
    "      <tuv xml:lang=\"ru\">\n"
    "        <prop type=\"x-source-file\">c/ru/s.txt</prop>\n"
    "        <prop type=\"x-paragraph\">1</prop>\n"
    "        <seg>Том и Джерри.</seg>\n"
    "      </tuv>\n"
    "    </tu>\n";

static const char TAIL[] = "  </body>\n</tmx>\n";

static char dir[] = "/tmp/test_tmxcopy.XXXXXX";

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    CHECK(fp != NULL);
    if (fp != NULL) {
        fputs(text, fp);
        fclose(fp);
    }
}

static char *read_all(const char *path)
{
    FILE *fp = fopen(path, "r");
    static char buf[1 << 16];
    size_t n = fp ? fread(buf, 1, sizeof buf - 1, fp) : 0;
    buf[n] = '\0';
    if (fp != NULL)
        fclose(fp);
    return buf;
}

static tma_tmx_langs en_ru(void)
{
    tma_tmx_langs langs = {.count = 2};
    strcpy(langs.codes[0], "en");
    strcpy(langs.codes[1], "ru");
    return langs;
}

/* Rewrites TEXT as a shard's file; returns the status, with the output in *copy. */
static int rewrite(const char *text, tma_error *err, char **copy, char **tsv)
{
    char in[64], out_path[64], tsv_path[64];
    snprintf(in, sizeof in, "%s/in.tmx", dir);
    snprintf(out_path, sizeof out_path, "%s/out.tmx", dir);
    snprintf(tsv_path, sizeof tsv_path, "%s/out.tsv", dir);
    write_file(in, text);
    tma_tmx_langs langs = en_ru();
    tma_outfile out = TMA_OUTFILE_INIT, tsv_out = TMA_OUTFILE_INIT;
    CHECK_EQ_INT(tma_outfile_open(&out, out_path, err), 0);
    CHECK_EQ_INT(tma_outfile_open(&tsv_out, tsv_path, err), 0);
    int rc = tma_tmx_rewrite(&out, &tsv_out, in, &langs, TMA_TMX_FROM_SHARD, err);
    if (rc == 0) {
        CHECK_EQ_INT(tma_outfile_commit(&out, err), 0);
        CHECK_EQ_INT(tma_outfile_commit(&tsv_out, err), 0);
        *copy = strdup(read_all(out_path));
        *tsv = strdup(read_all(tsv_path));
    }
    tma_outfile_discard(&out);
    tma_outfile_discard(&tsv_out);
    return rc;
}

static void test_round_trip(void)
{
    char text[4096], *copy = NULL, *tsv = NULL;
    tma_error err = {0};
    snprintf(text, sizeof text, "%s%s%s", HEAD, UNIT, TAIL);
    CHECK_EQ_INT(rewrite(text, &err, &copy, &tsv), 0);
    if (copy != NULL) {
        CHECK_EQ_STR(copy, text);
        CHECK_EQ_STR(tsv, "Tom & \"Jerry\" <3 tabs.\tТом и Джерри.\t0.9731\n");
    }
    free(copy);
    free(tsv);
    /* A story with no unit: <body/>. */
    copy = tsv = NULL;
    snprintf(text, sizeof text, "%.*s  <body/>\n</tmx>\n", (int)(sizeof HEAD - 10), HEAD);
    CHECK_EQ_INT(rewrite(text, &err, &copy, &tsv), 0);
    if (copy != NULL) {
        CHECK_EQ_STR(copy, text);
        CHECK_EQ_STR(tsv, "");
    }
    free(copy);
    free(tsv);
}

/* The whole TMX with FROM replaced by TO in its unit, into TEXT of SIZE bytes: 0, or -1 when
 * FROM is not there. */
static int changed_tmx(char *text, size_t size, const char *from, const char *to)
{
    char unit[2048];
    const char *at = strstr(UNIT, from);
    CHECK(at != NULL);
    if (at == NULL)
        return -1;
    snprintf(unit, sizeof unit, "%.*s%s%s", (int)(at - UNIT), UNIT, to, at + strlen(from));
    snprintf(text, size, "%s%s%s", HEAD, unit, TAIL);
    return 0;
}

/* The TMX with FROM replaced by TO in its unit is refused at LINE:COLUMN with a message holding
 * WHAT. */
static void check_refused(const char *from, const char *to, long line, const char *what)
{
    char text[4096], *copy = NULL, *tsv = NULL;
    if (changed_tmx(text, sizeof text, from, to) < 0)
        return;
    tma_error err = {0};
    CHECK_EQ_INT(rewrite(text, &err, &copy, &tsv), TMA_ERR_INPUT);
    CHECK_EQ_INT(err.line, line);
    if (strstr(err.message, what) == NULL)
        fprintf(stderr, "message '%s' lacks '%s'\n", err.message, what);
    CHECK(strstr(err.message, what) != NULL);
    free(copy);
    free(tsv);
}

/* The TMX with FROM replaced by TO in its unit is read and written anew as it is. */
static void check_accepted(const char *from, const char *to)
{
    char text[4096], *copy = NULL, *tsv = NULL;
    if (changed_tmx(text, sizeof text, from, to) < 0)
        return;
    tma_error err = {0};
    CHECK_EQ_INT(rewrite(text, &err, &copy, &tsv), 0);
    if (copy != NULL)
        CHECK_EQ_STR(copy, text);
    free(copy);
    free(tsv);
}

static void test_refusals(void)
{
    /* A version read from a page or document says its format, one tmalign reads. */
    check_accepted("<prop type=\"x-paragraph\">1</prop>\n        <seg>Том",
                   "<prop type=\"x-source-format\">docx</prop>\n        "
                   "<prop type=\"x-paragraph\">1</prop>\n        <seg>Том");
    check_refused("<prop type=\"x-paragraph\">1</prop>\n        <seg>Том",
                  "<prop type=\"x-source-format\">pdf</prop>\n        <seg>Том", 16,
                  "x-source-format");
    check_refused("tuid=", "xmlns:x=\"urn:x\" x:y=\"1\" tuid=", 5, "attribute xmlns:x");
    check_refused("<note>", "<script/><note>", 8, "<script>");
    check_refused("Том и Джерри.", "Том <b>и</b> Джерри.", 17, "markup");
    check_refused("xml:lang=\"ru\"", "xml:lang=\"de\"", 14, "not in ru");
    check_refused("0.9731", "0.97", 7, "x-align-score");
    check_refused("<prop type=\"x-paragraph\">1</prop>\n        <seg>Том",
                  "<prop type=\"x-evil\">1</prop>\n        <seg>Том", 16, "type");
    check_refused("<seg>Tom &amp; &quot;Jerry&quot; &lt;3\ttabs.</seg>", "<seg></seg>", 12, "empty");
    check_refused("s-en-1\"", "s-en-1\" tuid=\"again\"", 5, "well-formed");
}

static void test_duplicate_tuid(void)
{
    char text[8192], *copy = NULL, *tsv = NULL;
    tma_error err = {0};
    snprintf(text, sizeof text, "%s%s%s%s", HEAD, UNIT, UNIT, TAIL);
    CHECK_EQ_INT(rewrite(text, &err, &copy, &tsv), TMA_ERR_INPUT);
    CHECK(strstr(err.message, "\"s-en-1\" is given twice") != NULL);
    CHECK_EQ_INT(err.line, 20);
}

int main(void)
{
    if (mkdtemp(dir) == NULL)
        return 1;
    test_round_trip();
    test_refusals();
    test_duplicate_tuid();
    char path[64];
    const char *const names[] = {"in.tmx", "out.tmx", "out.tsv"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
    return check_summary();
}
