#define _POSIX_C_SOURCE 200809L
/* qa.json: the summary, the stories and every finding (docs/qa-schema.md). */
#include "report.h"

#include "internal.h"
#include "writer.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static void json_string(FILE *fp, const char *s)
{
    tma_write_json_string(fp, s, strlen(s));
}

static void json_finding(FILE *fp, const tma_report_story *s, const tma_finding *f)
{
    fputs("    {\"kind\": ", fp);
    json_string(fp, tma_report_kind_name(f->kind));
    fputs(", \"document\": ", fp);
    json_string(fp, s->name);
    fputs(", \"lang\": ", fp);
    json_string(fp, f->lang);
    if (f->other[0]) {
        fputs(f->kind == TMA_FINDING_UNALIGNED ? ", \"lacks\": " : ", \"other\": ", fp);
        json_string(fp, f->other);
    }
    fputs(", \"file\": ", fp);
    json_string(fp, f->file);
    if (f->line > 0)
        fprintf(fp, ", \"line\": %ld", f->line);
    if (f->column > 0)
        fprintf(fp, ", \"column\": %ld", f->column);
    fprintf(fp, ", \"start\": %zu, \"end\": %zu", f->start, f->end);
    if (f->unit >= 0)
        fprintf(fp, ", \"unit\": %ld", f->unit);
    if (f->tmx != NULL && f->tmx[0]) {
        fputs(", \"tmx\": ", fp);
        json_string(fp, f->tmx);
    }
    if (f->tuid != NULL && f->tuid[0]) {
        fputs(", \"tuid\": ", fp);
        json_string(fp, f->tuid);
    }
    if (f->approved)
        fputs(", \"approved\": true", fp);
    if (f->kind == TMA_FINDING_LOW_CONFIDENCE || f->kind == TMA_FINDING_LENGTH_RATIO ||
        f->kind == TMA_FINDING_SEGMENT_COUNT || f->kind == TMA_FINDING_NOT_TRANSLATION)
        fprintf(fp, ", \"value\": %.4f", f->value);
    fputs(", \"text\": ", fp);
    json_string(fp, f->text);
    fputs(", \"message\": ", fp);
    json_string(fp, f->message);
    fputs("}", fp);
}

void tma_report_write_json(const tma_report *report, tma_outfile *out)
{
    FILE *fp = out->fp;
    tma_report_totals sum;
    /* rank[i]: story i's place, worst first; worst[r - 1]: the story in place r. */
    size_t *rank = malloc((2 * report->story_count + 1) * sizeof *rank);
    size_t *worst = rank + report->story_count;
    if (rank == NULL || tma_report_rank(rank, report) < 0) {
        /* The outfile's commit reports it, as it does a failed write. */
        if (out->write_errno == 0)
            out->write_errno = ENOMEM;
        free(rank);
        return;
    }
    for (size_t i = 0; i < report->story_count; i++)
        worst[rank[i] - 1] = i;
    tma_report_sum(&sum, report);
    fprintf(fp, "{\n  \"schema\": \"tmalign-qa/1\",\n  \"tmalign\": \"%s\",\n  \"languages\": [",
            TMA_VERSION);
    for (size_t k = 0; k < report->lang_count; k++) {
        fputs(k ? ", " : "", fp);
        json_string(fp, report->langs[k]);
    }
    fprintf(fp, "],\n  \"low_confidence_threshold\": %.4f,\n", report->params.low_confidence);
    fprintf(fp,
            "  \"summary\": {\"stories\": %zu, \"aligned\": %zu, \"partial\": %zu, \"failed\": "
            "%zu, \"units\": %zu, \"findings\": %zu, \"by_kind\": {",
            report->story_count, report->story_count - sum.failed - sum.partial, sum.partial,
            sum.failed, sum.units, sum.findings);
    for (int k = 0; k < TMA_FINDING_KIND_COUNT; k++)
        fprintf(fp, "%s\"%s\": %zu", k ? ", " : "", tma_report_kind_name((tma_finding_kind)k), sum.by_kind[k]);
    fputs("},\n              \"worst_first\": [", fp);
    for (size_t r = 0; r < report->story_count; r++) {
        fputs(r ? ", " : "", fp);
        json_string(fp, report->stories[worst[r]].name);
    }
    fputs("]},\n  \"stories\": [", fp);
    for (size_t i = 0; i < report->story_count; i++) {
        const tma_report_story *s = &report->stories[i];
        size_t counts[TMA_FINDING_KIND_COUNT] = {0};
        tma_report_bead_types types;
        tma_report_kind_counts(counts, s);
        tma_report_count_bead_types(&types, s);
        fputs(i ? ",\n    {\"name\": " : "\n    {\"name\": ", fp);
        json_string(fp, s->name);
        fprintf(fp, ", \"status\": \"%s\", \"files\": {", tma_report_status(s));
        for (size_t k = 0; k < s->lang_count; k++) {
            fputs(k ? ", " : "", fp);
            json_string(fp, s->docs[k].lang);
            fputs(": ", fp);
            json_string(fp, s->docs[k].file);
        }
        fputs("}, \"sentences\": {", fp);
        for (size_t k = 0; k < s->lang_count; k++) {
            fputs(k ? ", " : "", fp);
            json_string(fp, s->docs[k].lang);
            fprintf(fp, ": %u", (unsigned)s->docs[k].sentences);
        }
        fprintf(fp,
                "}, \"rank\": %zu, \"units\": %zu, \"complete_units\": %zu, \"mean_score\": %.4f, "
                "\"under_threshold_share\": %.4f, \"unaligned_share\": %.4f, \"bead_types\": {",
                rank[i], s->unit_count, tma_report_complete_units(s), tma_report_mean_score(s),
                tma_report_under_share(s, report->params.low_confidence),
                tma_report_unaligned_share(s));
        for (size_t t = 0; t < types.n; t++)
            fprintf(fp, "%s\"%s\": %zu", t ? ", " : "", types.type[t], types.count[t]);
        fputs("}, \"findings\": {", fp);
        int first = 1;
        for (int k = 0; k < TMA_FINDING_KIND_COUNT; k++) {
            if (counts[k] == 0)
                continue;
            fprintf(fp, "%s\"%s\": %zu", first ? "" : ", ", tma_report_kind_name((tma_finding_kind)k), counts[k]);
            first = 0;
        }
        fputs("}", fp);
        if (s->reviewed)
            fprintf(fp,
                    ", \"review\": {\"decisions\": %zu, \"applied\": %zu, \"stale\": %zu, "
                    "\"approved\": %zu, \"rejected\": %zu}",
                    s->review.decisions, s->review.applied, s->review.stale, s->review.approved,
                    s->review.rejected);
        fputs("}", fp);
    }
    fputs(report->story_count ? "\n  ],\n  \"findings\": [" : "],\n  \"findings\": [", fp);
    size_t written = 0;
    for (size_t i = 0; i < report->story_count; i++) {
        const tma_report_story *s = &report->stories[i];
        for (size_t j = 0; j < s->finding_count; j++) {
            fputs(written++ ? ",\n" : "\n", fp);
            json_finding(fp, s, &s->findings[j]);
        }
    }
    fputs(written ? "\n  ]\n}\n" : "]\n}\n", fp);
    free(rank);
}
