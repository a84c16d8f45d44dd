#define _POSIX_C_SOURCE 200809L
/* The report model keeps only text that every output format may hold, and a story's part comes
 * back from its XML as it was written: the doc, the findings and their strings. */
#include "check.h"
#include "report.h"
#include "report/internal.h"

#include <stdio.h>
#include <stdlib.h>
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

int main(void)
{
    test_strndup();
    test_part_round_trip();
    return check_summary();
}
