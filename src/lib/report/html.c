#define _POSIX_C_SOURCE 200809L
/* qa.html: the report as one page a reviewer can filter, sort and walk with the keyboard, with
 * every story side by side, a sentence per line in each cell, in the every-language view and in
 * each pair's own. `tmalign review` serves the same page with its editing on. */
#include "report.h"

#include "internal.h"
#include "table.h"

#include <assert.h>
#include <inttypes.h>

#include <stdio.h>
#include <stdlib.h>
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

/* "1 story", "2 stories": N and the noun in the number it takes. */
static void count_of(FILE *fp, size_t n, const char *one, const char *many)
{
    fprintf(fp, "%zu %s", n, n == 1 ? one : many);
}

/* The band of a score: a class for its colour. */
static const char *score_class(double score, double threshold)
{
    if (score < threshold)
        return "lo";
    return score < 0.9 ? "mid" : "hi";
}

static const char *const REVIEW_CLASSES[] = {"", " rv-linked", " rv-approved", " rv-rejected"};

static const char *review_class(int review)
{
    return review > 0 && review < (int)(sizeof REVIEW_CLASSES / sizeof REVIEW_CLASSES[0])
               ? REVIEW_CLASSES[review]
               : "";
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

/* A bead type in words a translator reads: "2 en sentences joined to 1 ru, 1 hy", "1 en sentence
 * with no ru", "one sentence each". COUNTS[k] is language k's sentences among LANGS[0..n). */
static void bead_words(FILE *fp, const unsigned *counts, char (*langs)[TMA_LANG_BYTES], size_t n)
{
    size_t present = 0, ones = 0;
    for (size_t k = 0; k < n; k++) {
        present += counts[k] > 0;
        ones += counts[k] == 1;
    }
    if (ones == n) {
        fputs("one sentence each", fp);
        return;
    }
    int first = 1, joined = 0;
    for (size_t k = 0; k < n; k++) {
        if (counts[k] == 0)
            continue;
        if (first)
            fprintf(fp, "%u %s sentence%s", counts[k], langs[k], counts[k] == 1 ? "" : "s");
        else
            fprintf(fp, "%s%u %s", joined ? ", " : " joined to ", counts[k], langs[k]);
        joined = !first;
        first = 0;
    }
    if (present == n)
        return;
    fputs(present > 1 ? ", no " : " with no ", fp);
    first = 1;
    for (size_t k = 0; k < n; k++) {
        if (counts[k] == 0) {
            fprintf(fp, "%s%s", first ? "" : ", ", langs[k]);
            first = 0;
        }
    }
}

/* The languages of S as bead_words takes them. */
static void story_langs(char (*langs)[TMA_LANG_BYTES], const tma_report_story *s)
{
    for (size_t k = 0; k < s->lang_count; k++)
        memcpy(langs[k], s->docs[k].lang, TMA_LANG_BYTES);
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
        if (f->unit != (long)i || seen[f->kind] || f->approved)
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

/* What the summary shows of a story: its units under the threshold, without every language
 * (incomplete) and fixed by a reviewer. */
typedef struct story_shares {
    size_t low, incomplete, reviewed;
} story_shares;

static void shares_of(story_shares *sh, const tma_report_story *s, double threshold)
{
    memset(sh, 0, sizeof *sh);
    for (size_t i = 0; i < s->unit_count; i++) {
        sh->low += s->units[i].score < threshold;
        sh->reviewed += s->units[i].review != 0;
    }
    sh->incomplete = s->unit_count - tma_report_complete_units(s);
}

static double share(size_t part, size_t whole)
{
    return whole ? (double)part / (double)whole : 0;
}

/* A summary cell of a share: the percentage shown, the fraction to sort by. */
static void share_cell(FILE *fp, size_t part, size_t whole)
{
    fprintf(fp, "<td class=\"n\" data-sort=\"%.6f\">%.0f%%</td>", share(part, whole),
            100 * share(part, whole));
}

static void html_summary(FILE *fp, const tma_report *report)
{
    fputs("<table class=\"summary\" id=\"summary\">\n<thead><tr><th data-type=\"text\">story</th>"
          "<th data-type=\"text\">status</th>",
          fp);
    for (size_t k = 0; k < report->lang_count; k++) {
        fputs("<th title=\"sentences\">", fp);
        html(fp, report->langs[k]);
        fputs("</th>", fp);
    }
    fputs("<th data-key=\"units\">units</th><th>complete</th><th>mean score</th>"
          "<th data-key=\"low\" title=\"share of units under the low-confidence threshold\">under "
          "threshold</th><th data-key=\"incomplete\" title=\"share of units without every "
          "language\">incomplete</th>"
          "<th data-key=\"reviewed\" title=\"share of units a reviewer fixed\">reviewed</th>"
          "<th data-type=\"text\">joins</th><th>problems</th></tr></thead>\n<tbody>\n",
          fp);
    /* The rank that qa.json gives each story (worst first): the order the page starts in. */
    size_t *rank = malloc((report->story_count + 1) * sizeof *rank);
    if (rank != NULL && tma_report_rank(rank, report) < 0) {
        free(rank);
        rank = NULL;
    }
    for (size_t i = 0; i < report->story_count; i++) {
        const tma_report_story *s = &report->stories[i];
        size_t counts[TMA_FINDING_KIND_COUNT] = {0};
        tma_report_bead_types types;
        story_shares sh;
        char langs[TMA_MAX_LANGS][TMA_LANG_BYTES];
        tma_report_kind_counts(counts, s);
        tma_report_count_bead_types(&types, s);
        shares_of(&sh, s, report->params.low_confidence);
        story_langs(langs, s);
        fputs("<tr data-story=\"", fp);
        html(fp, s->name);
        fputs("\" data-kinds=\"", fp);
        html_story_kinds(fp, s);
        if (rank != NULL)
            fprintf(fp, "\" data-rank=\"%zu", rank[i]);
        fprintf(fp, "\"%s><td><a href=\"#s%zu\">", s->failed ? " class=\"failed\"" : "", i + 1);
        html(fp, s->name);
        fprintf(fp, "</a></td><td class=\"status-%s\">%s</td>", tma_report_status(s),
                tma_report_status(s));
        for (size_t k = 0; k < report->lang_count; k++) {
            size_t d = tma_report_lang_index(s, report->langs[k]);
            if (d < s->lang_count && s->docs[d].sentences > 0)
                fprintf(fp, "<td class=\"n\">%u</td>", (unsigned)s->docs[d].sentences);
            else
                fputs("<td class=\"n\" data-sort=\"-1\">–</td>", fp);
        }
        if (s->failed) {
            /* Worst of all: a failed story sorts above every aligned one. */
            fputs("<td class=\"n\" data-sort=\"-1\">–</td><td class=\"n\" data-sort=\"-1\">–</td>"
                  "<td class=\"n\" data-sort=\"-1\">–</td><td class=\"n\" data-sort=\"2\">–</td>"
                  "<td class=\"n\" data-sort=\"2\">–</td><td class=\"n\" data-sort=\"0\">–</td>"
                  "<td></td>",
                  fp);
        } else {
            fprintf(fp, "<td class=\"n\">%zu</td><td class=\"n\">%zu</td>", s->unit_count,
                    tma_report_complete_units(s));
            fprintf(fp, "<td class=\"n %s\">%.2f</td>",
                    score_class(tma_report_mean_score(s), report->params.low_confidence),
                    tma_report_mean_score(s));
            share_cell(fp, sh.low, s->unit_count);
            share_cell(fp, sh.incomplete, s->unit_count);
            fprintf(fp, "<td class=\"n reviewed\" data-sort=\"%.6f\">%zu of %zu</td><td>",
                    share(sh.reviewed, s->unit_count), sh.reviewed, s->unit_count);
            size_t shown = 0;
            for (size_t t = 0; t < types.n && shown < 3; t++) {
                unsigned c[TMA_MAX_LANGS] = {0};
                size_t k = 0;
                for (const char *p = types.type[t]; *p && k < s->lang_count; k++) {
                    char *end;
                    c[k] = (unsigned)strtoul(p, &end, 10);
                    p = end + (*end == '-');
                }
                fputs(shown++ ? "; " : "", fp);
                bead_words(fp, c, langs, s->lang_count);
                fprintf(fp, "&nbsp;×%zu", types.count[t]);
            }
            if (types.n > 3)
                fputs("; …", fp);
            fputs("</td>", fp);
        }
        fputs("<td>", fp);
        for (int k = 0; k < TMA_FINDING_KIND_COUNT; k++) {
            if (counts[k])
                fprintf(fp, "<span class=\"chip k-%s\">%s %zu</span> ",
                        tma_report_kind_name((tma_finding_kind)k),
                        tma_report_kind_name((tma_finding_kind)k), counts[k]);
        }
        fputs("</td></tr>\n", fp);
    }
    free(rank);
    fputs("</tbody></table>\n", fp);
}

static void html_finding(FILE *fp, const tma_finding *f, int with_place)
{
    fprintf(fp, "<div class=\"finding%s\" data-kind=\"%s\"><span class=\"chip k-%s\">%s</span> ",
            f->approved ? " approved" : "", tma_report_kind_name(f->kind),
            tma_report_kind_name(f->kind), tma_report_kind_name(f->kind));
    if (f->approved)
        fputs("<span class=\"approved-mark\" title=\"a reviewer approved this unit\">approved"
              "</span> ",
              fp);
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

/* The sentences of side D, each in a span of its own. */
static void html_sentences(FILE *fp, const tma_report_side *d)
{
    for (uint32_t j = 0; j < d->sentence_count; j++) {
        fputs("<span class=\"s\">", fp);
        html(fp, d->sentences[j]);
        fputs("</span>", fp);
    }
}

/* The opening of the cell of side D of a unit in language K of S, up to its findings. */
static void html_cell(FILE *fp, const tma_report_story *s, const tma_report_side *d, size_t k,
                      const char *kinds)
{
    if (d->count == 0) {
        fprintf(fp, "<td class=\"text none\" data-kinds=\"%s\" data-lang=\"", kinds);
        html(fp, s->docs[k].lang);
        fputs("\">no ", fp);
        html(fp, s->docs[k].lang);
        fputs(" sentence", fp);
        return;
    }
    fprintf(fp, "<td class=\"text\" data-kinds=\"%s\" data-lang=\"", kinds);
    html(fp, s->docs[k].lang);
    fputs("\" lang=\"", fp);
    html(fp, s->docs[k].lang);
    fprintf(fp, "\" data-first=\"%" PRIu32 "\" title=\"bytes %zu–%zu\">", d->first, d->start,
            d->end);
    html_sentences(fp, d);
}

/* The row's bead type in words, as its title. */
static void row_bead(FILE *fp, const tma_report_story *s, const tma_report_unit *u,
                     const size_t *langs, size_t n)
{
    unsigned c[TMA_MAX_LANGS];
    char names[TMA_MAX_LANGS][TMA_LANG_BYTES];
    for (size_t j = 0; j < n; j++) {
        c[j] = u->side[langs[j]].count;
        memcpy(names[j], s->docs[langs[j]].lang, TMA_LANG_BYTES);
    }
    fputs(" title=\"", fp);
    bead_words(fp, c, names, n);
    fputs("\"", fp);
}

static void html_units(FILE *fp, const tma_report *report, const tma_report_story *s)
{
    double threshold = report->params.low_confidence;
    size_t all[TMA_MAX_LANGS];
    for (size_t k = 0; k < s->lang_count; k++)
        all[k] = k;
    for (size_t i = 0; i < s->unit_count; i++) {
        const tma_report_unit *u = &s->units[i];
        char kinds[256];
        unit_kinds(kinds, sizeof kinds, s, i, s->lang_count);
        fprintf(fp, "<tr class=\"unit %s%s\" data-u=\"%zu\" data-kinds=\"%s\"",
                score_class(u->score, threshold), review_class(u->review), i, kinds);
        row_bead(fp, s, u, all, s->lang_count);
        fprintf(fp, "><td class=\"num\">%zu</td><td class=\"score\">%.2f</td>", i + 1, u->score);
        for (size_t k = 0; k < s->lang_count; k++) {
            unit_kinds(kinds, sizeof kinds, s, i, k);
            html_cell(fp, s, &u->side[k], k, kinds);
            for (size_t j = 0; j < s->finding_count; j++) {
                const tma_finding *f = &s->findings[j];
                if (f->unit == (long)i && strcmp(f->lang, s->docs[k].lang) == 0)
                    html_finding(fp, f, 0);
            }
            fputs("</td>", fp);
        }
        fputs("</tr>\n", fp);
    }
}

/* Whether finding F is about side K (language index) of the pair unit U of pair P: a finding
 * in K's language, comparing it with the pair's other language or with none, on a span the side
 * holds. A low confidence is the every-language unit's score: the pair unit has its own. */
static int pair_finding(const tma_report_story *s, const tma_report_pair *p, const tma_finding *f,
                        const tma_report_side *d, size_t k)
{
    if (f->unit < 0 || d->count == 0 || f->kind == TMA_FINDING_LOW_CONFIDENCE ||
        strcmp(f->lang, s->docs[k].lang) != 0)
        return 0;
    if (f->other[0] && strcmp(f->other, s->docs[p->a].lang) != 0 &&
        strcmp(f->other, s->docs[p->b].lang) != 0)
        return 0;
    return f->start < d->end && d->start < f->end;
}

/* The kinds of finding about side K of pair unit U (every side: K == lang_count), the low
 * confidence of the pair's own score among them, into BUF. */
static void pair_kinds(char *buf, size_t size, const tma_report_story *s, const tma_report_pair *p,
                       const tma_report_unit *u, size_t k, int low)
{
    int seen[TMA_FINDING_KIND_COUNT] = {0};
    size_t used = 0;
    seen[TMA_FINDING_LOW_CONFIDENCE] = low;
    for (size_t j = 0; j < s->finding_count; j++) {
        const tma_finding *f = &s->findings[j];
        if (f->approved)
            continue;
        if ((k == s->lang_count || k == p->a) && pair_finding(s, p, f, &u->side[p->a], p->a))
            seen[f->kind] = 1;
        if ((k == s->lang_count || k == p->b) && pair_finding(s, p, f, &u->side[p->b], p->b))
            seen[f->kind] = 1;
    }
    buf[0] = '\0';
    for (int kind = 0; kind < TMA_FINDING_KIND_COUNT; kind++) {
        if (!seen[kind])
            continue;
        int w = snprintf(buf + used, size - used, "%s%s", used ? " " : "",
                         tma_report_kind_name((tma_finding_kind)kind));
        if (w < 0 || (size_t)w >= size - used)
            break;
        used += (size_t)w;
    }
}

static void html_pair_units(FILE *fp, const tma_report *report, const tma_report_story *s,
                            const tma_report_pair *p)
{
    double threshold = report->params.low_confidence;
    size_t ab[2] = {p->a, p->b};
    for (size_t i = 0; i < p->unit_count; i++) {
        const tma_report_unit *u = &p->units[i];
        int low = u->score < threshold && u->side[p->a].count > 0 && u->side[p->b].count > 0;
        char kinds[256];
        pair_kinds(kinds, sizeof kinds, s, p, u, s->lang_count, low);
        fprintf(fp, "<tr class=\"pu unit %s%s\" data-u=\"%zu\" data-kinds=\"%s\"",
                score_class(u->score, threshold), review_class(u->review), i, kinds);
        row_bead(fp, s, u, ab, 2);
        fprintf(fp, "><td class=\"num\">%zu</td><td class=\"score\">%.2f</td>", i + 1, u->score);
        for (size_t j = 0; j < 2; j++) {
            size_t k = ab[j];
            pair_kinds(kinds, sizeof kinds, s, p, u, k, low && j == 0);
            html_cell(fp, s, &u->side[k], k, kinds);
            if (low && j == 0)
                fprintf(fp,
                        "<div class=\"finding\" data-kind=\"low-confidence\"><span class=\"chip "
                        "k-low-confidence\">low-confidence</span> the pair's own score %.2f "
                        "is under %.2f</div>",
                        u->score, threshold);
            for (size_t f = 0; f < s->finding_count; f++) {
                if (pair_finding(s, p, &s->findings[f], &u->side[k], k))
                    html_finding(fp, &s->findings[f], 0);
            }
            fputs("</td>", fp);
        }
        fputs("</tr>\n", fp);
    }
}

/* The head of a table of units in languages LANGS[0..n) of S, for view VIEW. */
static void units_head(FILE *fp, const tma_report_story *s, const size_t *langs, size_t n,
                       const char *view, int hidden)
{
    fprintf(fp,
            "<table class=\"units%s\" data-view=\"%s\"><thead><tr><th class=\"num\">#</th><th "
            "class=\"score\">score</th>",
            hidden ? " hidden" : "", view);
    for (size_t j = 0; j < n; j++) {
        fputs("<th>", fp);
        html(fp, s->docs[langs[j]].lang);
        fputs("</th>", fp);
    }
    fputs("</tr></thead>\n<tbody>\n", fp);
}

/* The name of a view: the languages of LANGS[0..n) joined by "-" ("en-ru"). */
static void view_name(char *buf, size_t size, const tma_report_story *s, const size_t *langs,
                      size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t j = 0; j < n && used < size; j++)
        used +=
            (size_t)snprintf(buf + used, size - used, "%s%s", j ? "-" : "", s->docs[langs[j]].lang);
}

/* The run's languages that story S lacks, joined by SEP. */
static void missing_langs(FILE *fp, const tma_report *report, const tma_report_story *s,
                          const char *sep)
{
    size_t shown = 0;
    for (size_t k = 0; k < report->lang_count; k++) {
        if (tma_report_lang_index(s, report->langs[k]) == s->lang_count) {
            fputs(shown++ ? sep : "", fp);
            html(fp, report->langs[k]);
        }
    }
}

/* In place of a view that story S, lacking a language, cannot have: the run's languages A < B
 * (A SIZE_MAX: every language), a table that says there is none and why. */
static void no_view(FILE *fp, const tma_report *report, const tma_report_story *s, size_t a,
                    size_t b)
{
    fputs("<table class=\"units none", fp);
    fputs(a == SIZE_MAX ? "\" data-view=\"" : " hidden\" data-view=\"", fp);
    for (size_t k = 0; k < report->lang_count; k++) {
        if (a == SIZE_MAX || k == a || k == b) {
            fputs(k > 0 && (a == SIZE_MAX || k == b) ? "-" : "", fp);
            html(fp, report->langs[k]);
        }
    }
    fputs("\"><tbody><tr><td>No ", fp);
    for (size_t k = 0; k < report->lang_count; k++) {
        if (a == SIZE_MAX || k == a || k == b) {
            fputs(k > 0 && (a == SIZE_MAX || k == b) ? "–" : "", fp);
            html(fp, report->langs[k]);
        }
    }
    fputs(" view: the story has no ", fp);
    missing_langs(fp, report, s, " or ");
    fputs(" version (see its missing-file finding).</td></tr></tbody></table>\n", fp);
}

void tma_report_html_story(const tma_report *report, const tma_report_story *s, size_t idx,
                           FILE *fp)
{
    story_shares sh;
    shares_of(&sh, s, report->params.low_confidence);
    fprintf(fp, "<section class=\"story\" id=\"s%zu\" data-story=\"", idx + 1);
    html(fp, s->name);
    fputs("\" data-kinds=\"", fp);
    html_story_kinds(fp, s);
    fprintf(fp,
            "\" data-units=\"%zu\" data-reviewed=\"%zu\" data-low=\"%zu\" "
            "data-incomplete=\"%zu\">\n<h2>",
            s->unit_count, sh.reviewed, sh.low, sh.incomplete);
    html(fp, s->name);
    fputs(" <small>", fp);
    if (s->failed) {
        fputs("<span class=\"status-failed\">not aligned</span>", fp);
    } else {
        if (s->partial) {
            fputs("<span class=\"status-partial\">partial: no ", fp);
            missing_langs(fp, report, s, ", ");
            fputs("</span> · ", fp);
        }
        count_of(fp, s->unit_count, "unit", "units");
        if (!s->partial)
            fprintf(fp, ", %zu with every language", tma_report_complete_units(s));
        fprintf(fp, ", mean score %.2f · <span class=\"progress\">%zu of %zu reviewed</span>",
                tma_report_mean_score(s), sh.reviewed, s->unit_count);
        if (s->reviewed) {
            fputs(" · review file: ", fp);
            count_of(fp, s->review.decisions, "decision", "decisions");
            if (s->review.stale)
                fprintf(fp, ", <span class=\"status-failed\">%zu no longer fit%s</span>",
                        s->review.stale, s->review.stale == 1 ? "s" : "");
        }
    }
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
    size_t all[TMA_MAX_LANGS];
    char view[TMA_MAX_LANGS * TMA_LANG_BYTES];
    for (size_t k = 0; k < s->lang_count; k++)
        all[k] = k;
    view_name(view, sizeof view, s, all, s->lang_count);
    /* A story that lacks a language has no view of every language: the page says so there, and
     * its own units are the view of the languages it has (of its pair, with two). */
    if (s->partial)
        no_view(fp, report, s, SIZE_MAX, 0);
    units_head(fp, s, all, s->lang_count, view, s->partial);
    html_units(fp, report, s);
    fputs("</tbody></table>\n", fp);
    for (size_t p = 0; p < s->pair_count; p++) {
        size_t ab[2] = {s->pairs[p].a, s->pairs[p].b};
        view_name(view, sizeof view, s, ab, 2);
        units_head(fp, s, ab, 2, view, 1);
        html_pair_units(fp, report, s, &s->pairs[p]);
        fputs("</tbody></table>\n", fp);
    }
    for (size_t a = 0; a < report->lang_count && s->partial; a++) {
        for (size_t b = a + 1; b < report->lang_count; b++) {
            if (tma_report_lang_index(s, report->langs[a]) == s->lang_count ||
                tma_report_lang_index(s, report->langs[b]) == s->lang_count)
                no_view(fp, report, s, a, b);
        }
    }
    fputs("</section>\n", fp);
}

static void html_controls(FILE *fp, const tma_report *report, const tma_report_totals *sum)
{
    fputs("<div class=\"controls\" id=\"controls\"><input type=\"search\" id=\"search\" "
          "placeholder=\"story name or text ( / )\"> <span id=\"matches\"></span> ",
          fp);
    if (report->lang_count > 2) {
        /* The pair views, as the stories' tables name them. */
        fputs("<label>view <select id=\"view\"><option value=\"\">", fp);
        for (size_t k = 0; k < report->lang_count; k++) {
            fputs(k ? "–" : "", fp);
            html(fp, report->langs[k]);
        }
        fputs("</option>", fp);
        for (size_t a = 0; a < report->lang_count; a++) {
            for (size_t b = a + 1; b < report->lang_count; b++) {
                fputs("<option value=\"", fp);
                html(fp, report->langs[a]);
                fputs("-", fp);
                html(fp, report->langs[b]);
                fputs("\">", fp);
                html(fp, report->langs[a]);
                fputs("–", fp);
                html(fp, report->langs[b]);
                fputs("</option>", fp);
            }
        }
        fputs("</select></label> ", fp);
    }
    for (int k = 0; k < TMA_FINDING_KIND_COUNT; k++) {
        if (sum->by_kind[k] == 0)
            continue;
        fprintf(fp,
                "<label><input type=\"checkbox\" class=\"kind\" value=\"%s\" checked> <span "
                "class=\"chip k-%s\">%s %zu</span></label> ",
                tma_report_kind_name((tma_finding_kind)k),
                tma_report_kind_name((tma_finding_kind)k),
                tma_report_kind_name((tma_finding_kind)k), sum->by_kind[k]);
    }
    fputs("<label><input type=\"checkbox\" id=\"only-stories\"> stories with problems only</label> "
          "<label><input type=\"checkbox\" id=\"only-units\"> units with problems only</label> "
          "<span class=\"legend\">score<i style=\"background:var(--hi-b)\"></i>≥ 0.90"
          "<i style=\"background:var(--mid-b)\"></i>",
          fp);
    fprintf(fp,
            "≥ %.2f<i style=\"background:var(--lo-b)\"></i>under · <span id=\"shown\">%zu"
            "</span> shown</span> <button type=\"button\" id=\"help-button\" title=\"keyboard "
            "(?)\">?</button></div>\n",
            report->params.low_confidence, report->story_count);
}

void tma_report_html_page(const tma_report *report, FILE *fp, int editable)
{
    tma_report_totals sum;
    size_t reviewed = 0;
    tma_report_sum(&sum, report);
    for (size_t i = 0; i < report->story_count; i++) {
        story_shares sh;
        shares_of(&sh, &report->stories[i], report->params.low_confidence);
        reviewed += sh.reviewed;
    }
    fputs(HTML_HEAD, fp);
    write_data(fp, "qa.css");
    fprintf(fp, "</style>\n</head>\n<body%s>\n", editable ? " data-edit=\"1\"" : "");
    fprintf(fp, "<header><h1>tmalign %s</h1><p>", editable ? "review" : "QA report");
    count_of(fp, report->story_count, "story", "stories");
    fputs(" in ", fp);
    for (size_t k = 0; k < report->lang_count; k++) {
        fputs(k ? ", " : "", fp);
        html(fp, report->langs[k]);
    }
    fprintf(fp, " · low confidence under %.2f · tmalign %s</p></header>\n<main>\n",
            report->params.low_confidence, TMA_VERSION);
    fputs("<div class=\"cards\">", fp);
    fprintf(fp, "<div class=\"card\"><b>%zu</b><span>%s aligned</span></div>",
            report->story_count - sum.failed - sum.partial,
            report->story_count - sum.failed - sum.partial == 1 ? "story" : "stories");
    if (sum.partial)
        fprintf(fp,
                "<div class=\"card\"><b>%zu</b><span>%s partial (a language missing)</span></div>",
                sum.partial, sum.partial == 1 ? "story" : "stories");
    if (sum.failed)
        fprintf(fp, "<div class=\"card bad\"><b>%zu</b><span>%s failed</span></div>", sum.failed,
                sum.failed == 1 ? "story" : "stories");
    fprintf(fp, "<div class=\"card\"><b>%zu</b><span>%s, %zu with every language</span></div>",
            sum.units, sum.units == 1 ? "unit" : "units", sum.complete);
    fprintf(fp,
            "<div class=\"card\" id=\"progress\"><b>%.0f%%</b><span>reviewed: %zu of %zu "
            "units</span></div>",
            100 * share(reviewed, sum.units), reviewed, sum.units);
    for (int k = 0; k < TMA_FINDING_KIND_COUNT; k++) {
        if (sum.by_kind[k])
            fprintf(fp, "<div class=\"card\"><b>%zu</b><span>%s</span></div>", sum.by_kind[k],
                    tma_report_kind_name((tma_finding_kind)k));
    }
    fputs("</div>\n", fp);
    html_controls(fp, report, &sum);
    html_summary(fp, report);
    for (size_t i = 0; i < report->story_count; i++)
        tma_report_html_story(report, &report->stories[i], i, fp);
    fputs("</main>\n", fp);
    fputs("<script>\n", fp);
    write_data(fp, "qa.js");
    fputs("</script>\n", fp);
    fputs("</body>\n</html>\n", fp);
}

void tma_report_write_html(const tma_report *report, tma_outfile *out)
{
    tma_report_html_page(report, out->fp, 0);
}
