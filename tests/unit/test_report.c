#define _POSIX_C_SOURCE 200809L
/* The report model keeps only text that every output format may hold, and a story's part comes
 * back from its XML as it was written: the doc, the findings and their strings, each side's
 * sentences, each unit's review and each pair's own units; qa.html shows them. */
#include "check.h"
#include "error.h"
#include "report.h"
#include "report/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_strndup(void)
{
    tma_arena arena = TMA_ARENA_INIT;
    /* Latin-1 "é", a C0 control, a C1 control (U+0085) and a valid "ж". */
    const char in[] = "caf\xe9\x01x\xc2\x85\xd0\xb6";
    CHECK_EQ_STR(tma_report_strndup(&arena, in, sizeof in - 1), "caf\xEF\xBF\xBD x \xd0\xb6");
    CHECK_EQ_STR(tma_report_strdup(&arena, NULL), "");
    tma_arena_free(&arena);
}

static void test_part_round_trip(void)
{
    tma_arena arena = TMA_ARENA_INIT;
    tma_report_story s;
    tma_error err = {0};
    const char *const langs[] = {"en", "ru"};
    const char *const files[] = {"c/en/a.txt", "c/ru/a.txt"};
    CHECK_EQ_INT(tma_report_story_failed(&s, &arena, "a<&>", langs, files, 2, &err), 0);
    CHECK_EQ_INT(tma_report_story_add(&s, &arena, TMA_FINDING_BAD_INPUT, "ru", files[1], 2, 4, 0,
                                      0, "invalid \"UTF-8\"", &err),
                 0);
    tma_buf xml = TMA_BUF_INIT;
    CHECK_EQ_INT(tma_report_story_to_xml(&s, &xml, &err), 0);
    char path[] = "/tmp/test_report.XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0 && write(fd, xml.data, xml.len) == (ssize_t)xml.len);
    close(fd);
    tma_report report = TMA_REPORT_INIT;
    CHECK_EQ_INT(tma_report_read_story(&report, path, &err), 0);
    CHECK_EQ_INT(report.story_count, 1);
    if (report.story_count == 1) {
        const tma_report_story *r = &report.stories[0];
        CHECK_EQ_STR(r->name, "a<&>");
        CHECK(r->failed && r->lang_count == 2 && r->finding_count == 1);
        CHECK_EQ_STR(r->docs[1].lang, "ru");
        CHECK_EQ_STR(r->docs[1].file, "c/ru/a.txt");
        if (r->finding_count == 1) {
            CHECK_EQ_INT(r->findings[0].kind, TMA_FINDING_BAD_INPUT);
            CHECK(r->findings[0].line == 2 && r->findings[0].column == 4);
            CHECK(r->findings[0].unit == -1);
            CHECK_EQ_STR(r->findings[0].message, "invalid \"UTF-8\"");
        }
    }
    CHECK_EQ_INT(tma_report_kind_from_name("spelling"), TMA_FINDING_SPELLING);
    CHECK_EQ_INT(tma_report_kind_from_name("no-such-kind"), -1);
    unlink(path);
    tma_report_free(&report);
    tma_buf_free(&xml);
    tma_arena_free(&arena);
}


/* Writes LEN bytes at DATA to a new temporary file, whose path goes to PATH. */
static void write_temp(char *path, const char *data, size_t len)
{
    int fd = mkstemp(path);
    CHECK(fd >= 0 && write(fd, data, len) == (ssize_t)len);
    close(fd);
}

static void set_side(tma_report_side *d, uint32_t first, const char **sentences, uint32_t n,
                     const char *text)
{
    d->first = first;
    d->count = d->sentence_count = n;
    d->sentences = n ? sentences : NULL;
    d->text = text;
    d->start = first * 10;
    d->end = d->start + (n ? 9 : 0);
}

/* An aligned story of en, ru, hy: two units (the first approved, two en sentences joined to one ru
 * and one hy), and a pair en-hy of its own. */
static void test_part_sentences_and_pairs(void)
{
    static const char *en[] = {"One.", "Two <b>."}, *ru[] = {"Один и два."}, *hy[] = {"Մեկ."},
                      *en3[] = {"Three."}, *ru3[] = {"Три."}, *hy3[] = {"Երեք."};
    tma_report_unit units[2] = {{0}}, pair_units[2] = {{0}};
    set_side(&units[0].side[0], 0, en, 2, "One. Two <b>.");
    set_side(&units[0].side[1], 0, ru, 1, "Один и два.");
    set_side(&units[0].side[2], 0, hy, 1, "Մեկ.");
    units[0].score = 0.9;
    units[0].review = TMA_REVIEW_APPROVED;
    set_side(&units[1].side[0], 2, en3, 1, "Three.");
    set_side(&units[1].side[1], 1, ru3, 1, "Три.");
    set_side(&units[1].side[2], 1, hy3, 1, "Երեք.");
    units[1].score = 0.3;
    set_side(&pair_units[0].side[0], 0, en, 2, "One. Two <b>.");
    set_side(&pair_units[0].side[2], 0, NULL, 0, "");
    pair_units[0].score = 0.2;
    set_side(&pair_units[1].side[0], 2, en3, 1, "Three.");
    set_side(&pair_units[1].side[2], 0, hy, 1, "Մեկ.");
    pair_units[1].score = 0.25;
    tma_report_pair pair = {0, 2, pair_units, 2};
    /* A low confidence of the second unit: the every-language unit's, not the pair's. */
    tma_finding low = {.kind = TMA_FINDING_LOW_CONFIDENCE, .lang = "en", .file = "en", .start = 20,
                       .end = 29, .text = "Three.", .message = "unit scored 0.30", .unit = 1};
    tma_report_story s = {.name = "s", .lang_count = 3, .units = units, .unit_count = 2,
                          .pairs = &pair, .pair_count = 1, .findings = &low, .finding_count = 1,
                          .reviewed = 1, .review = {.decisions = 3, .stale = 1}};
    const char *langs[] = {"en", "ru", "hy"};
    for (size_t k = 0; k < 3; k++) {
        snprintf(s.docs[k].lang, sizeof s.docs[k].lang, "%s", langs[k]);
        s.docs[k].file = langs[k];
        s.docs[k].sentences = k ? 2 : 3;
    }
    tma_error err = {0};
    tma_buf xml = TMA_BUF_INIT;
    CHECK_EQ_INT(tma_report_story_to_xml(&s, &xml, &err), 0);
    char path[] = "/tmp/test_report.XXXXXX";
    write_temp(path, xml.data, xml.len);
    tma_report report = TMA_REPORT_INIT;
    report.params.low_confidence = 0.5; /* as --qa-threshold 0.5: the page's low marks below */
    report.lang_count = 3;
    for (size_t k = 0; k < 3; k++)
        snprintf(report.langs[k], sizeof report.langs[k], "%s", langs[k]);
    CHECK_EQ_INT(tma_report_read_story(&report, path, &err), 0);
    unlink(path);
    CHECK_EQ_INT(report.story_count, 1);
    if (report.story_count != 1)
        return;
    const tma_report_story *r = &report.stories[0];
    CHECK(r->unit_count == 2 && r->pair_count == 1);
    if (r->unit_count == 2) {
        CHECK_EQ_INT(r->units[0].side[0].sentence_count, 2);
        CHECK_EQ_STR(r->units[0].side[0].sentences[1], "Two <b>.");
        CHECK_EQ_STR(r->units[0].side[0].text, "One. Two <b>.");
        CHECK_EQ_INT(r->units[0].review, TMA_REVIEW_APPROVED);
        CHECK_EQ_INT(r->units[1].review, 0);
    }
    if (r->pair_count == 1) {
        CHECK(r->pairs[0].a == 0 && r->pairs[0].b == 2 && r->pairs[0].unit_count == 2);
        CHECK_EQ_INT(r->pairs[0].units[0].side[2].count, 0);
        CHECK_EQ_STR(r->pairs[0].units[1].side[2].sentences[0], "Մեկ.");
        CHECK_EQ_INT(r->pairs[0].units[1].side[1].count, 0); /* ru is not in the pair */
    }
    /* The page: a span per sentence, the review's mark, the pair's table, bead types in words. */
    char *page = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&page, &len);
    tma_report_html_page(&report, fp, 0);
    fclose(fp);
    CHECK(strstr(page, "<span class=\"s\">One.</span><span class=\"s\">Two &lt;b&gt;.</span>"));
    CHECK(strstr(page, "<tr class=\"unit hi rv-approved\" data-u=\"0\""));
    CHECK(strstr(page, "title=\"2 en sentences joined to 1 ru, 1 hy\""));
    CHECK(strstr(page, "<table class=\"units hidden\" data-view=\"en-hy\">"));
    CHECK(strstr(page, "title=\"2 en sentences with no hy\""));
    CHECK(strstr(page, "the pair's own score 0.25 is under 0.50"));
    CHECK(!strstr(page, "the pair's own score 0.20")); /* a 1-0 unit is unaligned, not low */
    const char *first = strstr(page, "unit scored 0.30");
    CHECK(first && !strstr(first + 1, "unit scored 0.30")); /* not in the pair's table */
    CHECK(strstr(page, "review file: 3 decisions, <span class=\"status-failed\">1 no longer fits"));
    CHECK(strstr(page, "1 story in en, ru, hy"));
    CHECK(strstr(page, "reviewed: 1 of 2 units"));
    CHECK(!strstr(page, "class=\"kind\" value=\"spelling\"")); /* no chip for a kind not found */
    CHECK(strstr(page, "<body>\n"));
    free(page);
    tma_report_free(&report);
    tma_buf_free(&xml);
}

/* A part written before the sentences were kept: each side's text is its one sentence. */
static void test_part_without_sentences(void)
{
    static const char xml[] =
        "<?xml version=\"1.0\"?><story name=\"old\" status=\"aligned\">"
        "<doc lang=\"en\" file=\"e\" sentences=\"2\"/><doc lang=\"ru\" file=\"r\" sentences=\"1\"/>"
        "<unit score=\"0.5\"><side first=\"0\" count=\"2\" start=\"0\" end=\"9\">A. B.</side>"
        "<side first=\"0\" count=\"1\" start=\"0\" end=\"3\">В.</side></unit></story>";
    char path[] = "/tmp/test_report.XXXXXX";
    write_temp(path, xml, sizeof xml - 1);
    tma_report report = TMA_REPORT_INIT;
    tma_error err = {0};
    CHECK_EQ_INT(tma_report_read_story(&report, path, &err), 0);
    unlink(path);
    if (report.story_count == 1 && report.stories[0].unit_count == 1) {
        const tma_report_side *d = &report.stories[0].units[0].side[0];
        CHECK(d->count == 2 && d->sentence_count == 1);
        CHECK_EQ_STR(d->text, "A. B.");
        CHECK_EQ_STR(d->sentences[0], "A. B.");
    } else {
        CHECK(0);
    }
    tma_report_free(&report);
}

/* A story aligned without ru in a run of en, ru, hy: its missing-file finding goes between its en
 * and hy findings (the run's order), a finding about NAME.tmx names the pair file it is in, and
 * the part comes back partial, neither aligned nor failed. */
static void test_partial(void)
{
    tma_arena arena = TMA_ARENA_INIT;
    tma_report_story s;
    tma_error err = {0};
    const char *const langs[] = {"en", "hy"};
    const char *const files[] = {"c/en/a.txt", "c/hy/a.txt"};
    char run[3][TMA_LANG_BYTES] = {"en", "ru", "hy"};
    tma_error missing[3] = {{0}};
    tma_error_set(&missing[1], TMA_ERR_IO, "c/ru/a.txt", 0, 0, "missing: no ru");
    CHECK_EQ_INT(tma_report_story_failed(&s, &arena, "a", langs, files, 2, &err), 0);
    s.failed = 0;
    CHECK_EQ_INT(tma_report_story_add(&s, &arena, TMA_FINDING_LOW_CONFIDENCE, "en", files[0], 0,
                                      0, 0, 9, "low", &err),
                 0);
    CHECK_EQ_INT(tma_report_story_add(&s, &arena, TMA_FINDING_UNALIGNED, "hy", files[1], 0, 0, 0,
                                      9, "no en counterpart", &err),
                 0);
    s.findings[0].tmx = "a.tmx";
    s.findings[0].tuid = "a-en-1";
    CHECK_EQ_INT(tma_report_story_partial(&s, &arena, run, 3, missing, &err), 0);
    CHECK(s.partial && !s.failed && s.finding_count == 3);
    CHECK_EQ_STR(tma_report_status(&s), "partial");
    if (s.finding_count == 3) {
        CHECK_EQ_STR(s.findings[0].tmx, "a.en-hy.tmx");
        CHECK_EQ_STR(s.findings[0].tuid, "a-en-1");
        CHECK_EQ_INT(s.findings[1].kind, TMA_FINDING_MISSING_FILE);
        CHECK_EQ_STR(s.findings[1].lang, "ru");
        CHECK_EQ_STR(s.findings[1].file, "c/ru/a.txt");
        CHECK_EQ_STR(s.findings[2].lang, "hy");
    }
    CHECK_EQ_INT(tma_report_complete_units(&s), 0);
    tma_buf xml = TMA_BUF_INIT;
    char path[] = "/tmp/test_report.XXXXXX";
    CHECK_EQ_INT(tma_report_story_to_xml(&s, &xml, &err), 0);
    write_temp(path, xml.data, xml.len);
    tma_report report = TMA_REPORT_INIT;
    CHECK_EQ_INT(tma_report_read_story(&report, path, &err), 0);
    CHECK(report.story_count == 1 && report.stories[0].partial && !report.stories[0].failed);
    unlink(path);
    tma_report_free(&report);
    tma_buf_free(&xml);
    tma_arena_free(&arena);
}

/* Findings on units a reviewer approved: marked by the unit of the file they name (a pair file's
 * own unit, or the every-language unit), kept in the list and on the page, counted nowhere. */
static void test_approved_findings(void)
{
    static const char *en[] = {"One."}, *hy[] = {"Մեկ."}, *en2[] = {"Two."}, *hy2[] = {"Երկու."};
    tma_report_unit units[2] = {{0}}, pair_units[2] = {{0}};
    set_side(&units[0].side[0], 0, en, 1, "One.");
    set_side(&units[0].side[1], 0, hy, 1, "Մեկ.");
    set_side(&units[1].side[0], 2, en2, 1, "Two.");
    set_side(&units[1].side[1], 2, hy2, 1, "Երկու.");
    units[0].score = 0.2;
    units[0].review = TMA_REVIEW_APPROVED;
    units[1].score = 0.3;
    pair_units[0] = units[0];
    pair_units[0].review = 0;
    pair_units[1] = units[1];
    pair_units[1].review = TMA_REVIEW_APPROVED;
    tma_report_pair pair = {0, 1, pair_units, 2};
    tma_finding findings[4] = {
        /* the every-language unit 0, approved */
        {.kind = TMA_FINDING_LOW_CONFIDENCE, .lang = "en", .start = 0, .end = 4, .unit = 0,
         .tmx = "s.tmx"},
        /* unit 1, not approved there */
        {.kind = TMA_FINDING_LOW_CONFIDENCE, .lang = "en", .start = 20, .end = 24, .unit = 1,
         .tmx = "s.tmx"},
        /* the pair file's unit 1, approved in the pair view */
        {.kind = TMA_FINDING_NUMBER_MISMATCH, .lang = "en", .other = "hy", .start = 20, .end = 24,
         .unit = 1, .tmx = "s.en-hy.tmx"},
        /* the pair file's unit 0: approved in the every-language file only, so not here */
        {.kind = TMA_FINDING_UNALIGNED, .lang = "en", .other = "hy", .start = 0, .end = 4,
         .unit = 0, .tmx = "s.en-hy.tmx"},
    };
    for (size_t j = 0; j < 4; j++) {
        findings[j].file = "en";
        findings[j].text = "One.";
        findings[j].message = j == 2 ? "no 7 on the hy side" : "a finding";
    }
    tma_report_story s = {.name = "s", .lang_count = 2, .units = units, .unit_count = 2,
                          .pairs = &pair, .pair_count = 1, .findings = findings,
                          .finding_count = 4, .reviewed = 1};
    snprintf(s.docs[0].lang, sizeof s.docs[0].lang, "en");
    snprintf(s.docs[1].lang, sizeof s.docs[1].lang, "hy");
    tma_report_mark_approved(&s);
    CHECK(findings[0].approved && !findings[1].approved && findings[2].approved &&
          !findings[3].approved);
    size_t counts[TMA_FINDING_KIND_COUNT] = {0};
    tma_report_kind_counts(counts, &s);
    CHECK_EQ_INT(counts[TMA_FINDING_LOW_CONFIDENCE], 1);
    CHECK_EQ_INT(counts[TMA_FINDING_NUMBER_MISMATCH], 0);
    CHECK_EQ_INT(counts[TMA_FINDING_UNALIGNED], 1);
    /* Both units score under 0.5; the approved one is left out. */
    CHECK(tma_report_under_share(&s, 0.5) == 0.5);
    /* Approvals undone: every finding counts again. */
    units[0].review = 0;
    pair_units[1].review = 0;
    tma_report_mark_approved(&s);
    memset(counts, 0, sizeof counts);
    tma_report_kind_counts(counts, &s);
    CHECK_EQ_INT(counts[TMA_FINDING_NUMBER_MISMATCH], 1);
    CHECK(!findings[0].approved && !findings[2].approved);
}

int main(void)
{
    test_strndup();
    test_part_round_trip();
    test_part_sentences_and_pairs();
    test_part_without_sentences();
    test_partial();
    test_approved_findings();
    return check_summary();
}
