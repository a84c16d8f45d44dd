#define _POSIX_C_SOURCE 200809L
/* qa.html: the report as one page a reviewer can filter, with every story side by side. */
#include "report.h"

#include "internal.h"
#include "table.h"

#include <assert.h>

#include <stdio.h>
#include <string.h>

static void html(FILE *fp, const char *s)
{
    while (*(s = tma_report_write_plain(fp, s, "&<>\""))) {
        switch (*s++) {
        case '&':
            fputs("&amp;", fp);
            break;
        case '<':
            fputs("&lt;", fp);
            break;
        case '>':
            fputs("&gt;", fp);
            break;
        default:
            fputs("&quot;", fp);
        }
    }
}

/* The band of a score: a class for its colour. */
static const char *score_class(double score, double threshold)
{
    if (score < threshold)
        return "lo";
    return score < 0.9 ? "mid" : "hi";
}

/* The page's frame; its style and script are the data files qa.css and qa.js (src/data), which
 * end in a line feed. */
static const char HTML_HEAD[] =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<title>tmalign QA report</title>\n<style>\n";

/* Writes the embedded data file NAME whole. It is there in every build: a missing one is a bug. */
static void write_data(FILE *fp, const char *name)
{
    const tma_data_file *file = tma_data_find(name);
    assert(file != NULL);
    fwrite(file->text, 1, file->len, fp);
}

/* The kinds of finding about unit I of S in language K (K == lang_count: any language), as a
 * space-separated list into BUF. */
static void unit_kinds(char *buf, size_t size, const tma_report_story *s, size_t i, size_t k)
{
    int seen[TMA_FINDING_KIND_COUNT] = {0};
    size_t used = 0;
    buf[0] = '\0';
    for (size_t j = 0; j < s->finding_count; j++) {
        const tma_finding *f = &s->findings[j];
        if (f->unit != (long)i || seen[f->kind])
            continue;
        if (k < s->lang_count && strcmp(f->lang, s->docs[k].lang) != 0)
            continue;
        seen[f->kind] = 1;
        int w = snprintf(buf + used, size - used, "%s%s", used ? " " : "",
                         tma_report_kind_name(f->kind));
        if (w < 0 || (size_t)w >= size - used)
            break;
        used += (size_t)w;
    }
}

static void html_story_kinds(FILE *fp, const tma_report_story *s)
{
    size_t counts[TMA_FINDING_KIND_COUNT] = {0};
    int first = 1;
    tma_report_kind_counts(counts, s);
    for (int k = 0; k < TMA_FINDING_KIND_COUNT; k++) {
        if (counts[k]) {
            fprintf(fp, "%s%s", first ? "" : " ", tma_report_kind_name((tma_finding_kind)k));
            first = 0;
        }
    }
}

static void html_summary(FILE *fp, const tma_report *report)
{
    fputs("<table class=\"summary\">\n<thead><tr><th>story</th><th>status</th>", fp);
    for (size_t k = 0; k < report->lang_count; k++) {
        fputs("<th>", fp);
        html(fp, report->langs[k]);
        fputs("</th>", fp);
    }
    fputs("<th>units</th><th>complete</th><th>mean score</th><th>bead types</th>"
          "<th>problems</th></tr></thead>\n<tbody>\n",
          fp);
    for (size_t i = 0; i < report->story_count; i++) {
        const tma_report_story *s = &report->stories[i];
        size_t counts[TMA_FINDING_KIND_COUNT] = {0};
        tma_report_bead_types types;
        tma_report_kind_counts(counts, s);
        tma_report_count_bead_types(&types, s);
        fputs("<tr data-story=\"", fp);
        html(fp, s->name);
        fputs("\" data-kinds=\"", fp);
        html_story_kinds(fp, s);
        fprintf(fp, "\"%s><td><a href=\"#s%zu\">", s->failed ? " class=\"failed\"" : "", i + 1);
        html(fp, s->name);
        fprintf(fp, "</a></td><td class=\"status-%s\">%s</td>", s->failed ? "failed" : "aligned",
                s->failed ? "failed" : "aligned");
        for (size_t k = 0; k < report->lang_count; k++) {
            size_t d = tma_report_lang_index(s, report->langs[k]);
            if (d < s->lang_count && s->docs[d].sentences > 0)
                fprintf(fp, "<td class=\"n\">%u</td>", (unsigned)s->docs[d].sentences);
            else
                fputs("<td class=\"n\">–</td>", fp);
        }
        if (s->failed) {
            fputs("<td class=\"n\">–</td><td class=\"n\">–</td><td class=\"n\">–</td><td></td>",
                  fp);
        } else {
            fprintf(fp, "<td class=\"n\">%zu</td><td class=\"n\">%zu</td>", s->unit_count,
                    tma_report_complete_units(s));
            fprintf(fp, "<td class=\"n %s\">%.2f</td><td>",
                    score_class(tma_report_mean_score(s), report->params.low_confidence), tma_report_mean_score(s));
            for (size_t t = 0; t < types.n && t < 5; t++)
                fprintf(fp, "%s%s&nbsp;×%zu", t ? ", " : "", types.type[t], types.count[t]);
            if (types.n > 5)
                fputs(", …", fp);
            fputs("</td>", fp);
        }
        fputs("<td>", fp);
        for (int k = 0; k < TMA_FINDING_KIND_COUNT; k++) {
            if (counts[k])
                fprintf(fp, "<span class=\"chip k-%s\">%s %zu</span> ", tma_report_kind_name((tma_finding_kind)k),
                        tma_report_kind_name((tma_finding_kind)k), counts[k]);
        }
        fputs("</td></tr>\n", fp);
    }
    fputs("</tbody></table>\n", fp);
}

static void html_finding(FILE *fp, const tma_finding *f, int with_place)
{
    fprintf(fp, "<div class=\"finding\" data-kind=\"%s\"><span class=\"chip k-%s\">%s</span> ",
            tma_report_kind_name(f->kind), tma_report_kind_name(f->kind),
            tma_report_kind_name(f->kind));
    if (with_place) {
        html(fp, f->file);
        if (f->line > 0)
            fprintf(fp, ":%ld", f->line);
        if (f->column > 0)
            fprintf(fp, ":%ld", f->column);
        fputs(": ", fp);
    }
    html(fp, f->message);
    fputs("</div>", fp);
}

static void html_story(FILE *fp, const tma_report *report, const tma_report_story *s, size_t idx)
{
    double threshold = report->params.low_confidence;
    fprintf(fp, "<section class=\"story\" id=\"s%zu\" data-story=\"", idx + 1);
    html(fp, s->name);
    fputs("\" data-kinds=\"", fp);
    html_story_kinds(fp, s);
    fputs("\">\n<h2>", fp);
    html(fp, s->name);
    fputs(" <small>", fp);
    if (s->failed)
        fputs("<span class=\"status-failed\">not aligned</span>", fp);
    else
        fprintf(fp, "%zu units, %zu with every language, mean score %.2f", s->unit_count,
                tma_report_complete_units(s), tma_report_mean_score(s));
    fputs("</small></h2>\n", fp);
    /* Findings about a whole file or the story: listed above its text. */
    int listed = 0;
    for (size_t j = 0; j < s->finding_count; j++) {
        const tma_finding *f = &s->findings[j];
        if (f->unit >= 0)
            continue;
        fputs(listed++ ? "<li>" : "<ul class=\"story-findings\"><li>", fp);
        html_finding(fp, f, 1);
        fputs("</li>\n", fp);
    }
    if (listed)
        fputs("</ul>\n", fp);
    if (s->unit_count == 0) {
        fputs("</section>\n", fp);
        return;
    }
    fputs("<table class=\"units\"><thead><tr><th class=\"num\">#</th><th "
          "class=\"score\">score</th>",
          fp);
    for (size_t k = 0; k < s->lang_count; k++) {
        fputs("<th>", fp);
        html(fp, s->docs[k].lang);
        fputs("</th>", fp);
    }
    fputs("</tr></thead>\n<tbody>\n", fp);
    for (size_t i = 0; i < s->unit_count; i++) {
        const tma_report_unit *u = &s->units[i];
        char kinds[256];
        unit_kinds(kinds, sizeof kinds, s, i, s->lang_count);
        fprintf(fp, "<tr class=\"unit %s\" data-kinds=\"%s\"><td class=\"num\">%zu</td>",
                score_class(u->score, threshold), kinds, i + 1);
        fprintf(fp, "<td class=\"score\">%.2f</td>", u->score);
        for (size_t k = 0; k < s->lang_count; k++) {
            const tma_report_side *d = &u->side[k];
            unit_kinds(kinds, sizeof kinds, s, i, k);
            if (d->count == 0) {
                fprintf(fp, "<td class=\"text none\" data-kinds=\"%s\">no ", kinds);
                html(fp, s->docs[k].lang);
                fputs(" sentence", fp);
            } else {
                fprintf(fp, "<td class=\"text\" data-kinds=\"%s\" lang=\"", kinds);
                html(fp, s->docs[k].lang);
                fprintf(fp, "\" title=\"bytes %zu–%zu\">", d->start, d->end);
                html(fp, d->text);
            }
            for (size_t j = 0; j < s->finding_count; j++) {
                const tma_finding *f = &s->findings[j];
                if (f->unit == (long)i && strcmp(f->lang, s->docs[k].lang) == 0)
                    html_finding(fp, f, 0);
            }
            fputs("</td>", fp);
        }
        fputs("</tr>\n", fp);
    }
    fputs("</tbody></table>\n</section>\n", fp);
}

void tma_report_write_html(const tma_report *report, tma_outfile *out)
{
    FILE *fp = out->fp;
    tma_report_totals sum;
    tma_report_sum(&sum, report);
    fputs(HTML_HEAD, fp);
    write_data(fp, "qa.css");
    fputs("</style>\n</head>\n<body>\n", fp);
    fputs("<header><h1>tmalign QA report</h1><p>", fp);
    fprintf(fp, "%zu stories in ", report->story_count);
    for (size_t k = 0; k < report->lang_count; k++) {
        fputs(k ? ", " : "", fp);
        html(fp, report->langs[k]);
    }
    fprintf(fp, " · low confidence under %.2f · tmalign %s</p></header>\n<main>\n",
            report->params.low_confidence, TMA_VERSION);
    fputs("<div class=\"cards\">", fp);
    fprintf(fp, "<div class=\"card\"><b>%zu</b><span>stories aligned</span></div>",
            report->story_count - sum.failed);
    fprintf(fp, "<div class=\"card%s\"><b>%zu</b><span>stories failed</span></div>",
            sum.failed ? " bad" : "", sum.failed);
    fprintf(fp, "<div class=\"card\"><b>%zu</b><span>units, %zu with every language</span></div>",
            sum.units, sum.complete);
    for (int k = 0; k < TMA_FINDING_KIND_COUNT; k++) {
        if (sum.by_kind[k])
            fprintf(fp, "<div class=\"card\"><b>%zu</b><span>%s</span></div>", sum.by_kind[k],
                    tma_report_kind_name((tma_finding_kind)k));
    }
    fputs("</div>\n<div class=\"controls\"><input type=\"search\" id=\"search\" "
          "placeholder=\"story name or text\"> ",
          fp);
    for (int k = 0; k < TMA_FINDING_KIND_COUNT; k++) {
        fprintf(fp,
                "<label><input type=\"checkbox\" class=\"kind\" value=\"%s\" checked> <span "
                "class=\"chip k-%s\">%s %zu</span></label> ",
                tma_report_kind_name((tma_finding_kind)k), tma_report_kind_name((tma_finding_kind)k), tma_report_kind_name((tma_finding_kind)k), sum.by_kind[k]);
    }
    fputs("<label><input type=\"checkbox\" id=\"only-stories\"> stories with problems only</label> "
          "<label><input type=\"checkbox\" id=\"only-units\"> units with problems only</label> "
          "<span class=\"legend\">score<i style=\"background:var(--hi-b)\"></i>≥ 0.90"
          "<i style=\"background:var(--mid-b)\"></i>",
          fp);
    fprintf(fp,
            "≥ %.2f<i style=\"background:var(--lo-b)\"></i>under · <span id=\"shown\">%zu"
            "</span> stories shown</span></div>\n",
            report->params.low_confidence, report->story_count);
    html_summary(fp, report);
    for (size_t i = 0; i < report->story_count; i++)
        html_story(fp, report, &report->stories[i], i);
    fputs("</main>\n", fp);
    fputs("<script>\n", fp);
    write_data(fp, "qa.js");
    fputs("</script>\n", fp);
    fputs("</body>\n</html>\n", fp);
}
