#define _POSIX_C_SOURCE 200809L
/* What a story's part shows of its units besides their text, for a reviewer to read and correct
 * them: each side's sentences one by one, each unit's review, each pair's own alignment, and what
 * the alignment did with the story's review file. */
#include "report.h"

#include "error.h"
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The texts of side K's sentences of unit U into SIDE->sentences. */
static int sentences_of(tma_report_side *side, tma_arena *arena, tma_buf *scratch,
                        const tma_doc *doc, const tma_unit *u, size_t k)
{
    side->sentence_count = u->count[k];
    side->sentences = NULL;
    if (u->count[k] == 0)
        return 0;
    side->sentences = tma_arena_array(arena, u->count[k], sizeof *side->sentences);
    if (side->sentences == NULL)
        return -1;
    for (uint32_t i = 0; i < u->count[k]; i++) {
        size_t need = tma_doc_sentence_text(doc, u->first[k] + i, NULL, 0);
        if (tma_buf_reserve(scratch, need + 1) < 0)
            return -1;
        tma_doc_sentence_text(doc, u->first[k] + i, scratch->data, need + 1);
        if ((side->sentences[i] = tma_report_strndup(arena, scratch->data, need)) == NULL)
            return -1;
    }
    return 0;
}

int tma_report_side_build(tma_report_side *side, tma_arena *arena, tma_buf *scratch,
                          const tma_doc *doc, const tma_unit *u, size_t k)
{
    memset(side, 0, sizeof *side);
    side->first = u->first[k];
    side->count = u->count[k];
    side->text = "";
    if (u->count[k] == 0)
        return 0;
    const tma_sentence *a = tma_doc_sentence(doc, u->first[k]);
    const tma_sentence *b = tma_doc_sentence(doc, u->first[k] + u->count[k] - 1);
    side->start = a->orig_start;
    side->end = b->orig_start + b->orig_len;
    if (sentences_of(side, arena, scratch, doc, u, k) < 0)
        return -1;
    scratch->len = 0;
    for (uint32_t i = 0; i < side->sentence_count; i++) {
        if ((i > 0 && tma_buf_push(scratch, ' ') < 0) ||
            tma_buf_append(scratch, side->sentences[i], strlen(side->sentences[i])) < 0)
            return -1;
    }
    side->text = tma_arena_strndup(arena, scratch->data, scratch->len);
    return side->text == NULL ? -1 : 0;
}

static int pair_of(tma_report_pair *pair, tma_arena *arena, tma_buf *scratch,
                   const tma_story *story, size_t a, size_t b, tma_error *err)
{
    tma_unit *units;
    size_t count;
    int rc = tma_story_pair_units(&units, &count, story, a, b, err);
    if (rc < 0)
        return rc;
    pair->a = a;
    pair->b = b;
    pair->unit_count = count;
    pair->units = count ? tma_arena_array(arena, count, sizeof *pair->units) : NULL;
    rc = count && pair->units == NULL ? -1 : 0;
    for (size_t i = 0; i < count && rc == 0; i++) {
        tma_report_unit *u = &pair->units[i];
        memset(u, 0, sizeof *u);
        u->score = units[i].score;
        u->review = units[i].review;
        if (tma_report_side_build(&u->side[a], arena, scratch, tma_story_doc(story, a), &units[i],
                                  a) < 0 ||
            tma_report_side_build(&u->side[b], arena, scratch, tma_story_doc(story, b), &units[i],
                                  b) < 0)
            rc = -1;
    }
    free(units);
    return rc < 0 ? tma_error_nomem(err, "building the QA report") : 0;
}

int tma_report_story_units(tma_report_story *s, tma_arena *arena, const tma_story *story,
                           tma_error *err)
{
    tma_buf scratch = TMA_BUF_INIT;
    size_t count, n = tma_story_lang_count(story);
    const tma_unit *units = tma_story_units(story, &count);
    int rc = 0;
    for (size_t i = 0; i < count && i < s->unit_count; i++)
        s->units[i].review = units[i].review;
    s->pair_count = n > 2 ? n * (n - 1) / 2 : 0;
    s->pairs = s->pair_count ? tma_arena_array(arena, s->pair_count, sizeof *s->pairs) : NULL;
    if (s->pair_count && s->pairs == NULL)
        rc = tma_error_nomem(err, "building the QA report");
    size_t p = 0;
    for (size_t a = 0; a < n && rc == 0 && s->pair_count; a++) {
        for (size_t b = a + 1; b < n && rc == 0; b++)
            rc = pair_of(&s->pairs[p++], arena, &scratch, story, a, b, err);
    }
    tma_buf_free(&scratch);
    return rc;
}

int tma_report_story_review(tma_report_story *part, tma_arena *arena, const tma_story *story,
                            const char *review_path, tma_error *err)
{
    size_t count;
    const tma_review_stale *stale = tma_story_review_stale(story, &count);
    part->reviewed = 1;
    part->review = tma_story_review_counts(story);
    for (size_t i = 0; i < count; i++) {
        char message[400];
        if (stale[i].text[0] != '\0')
            snprintf(message, sizeof message,
                     "decision %ld no longer fits: %s (%s: \"%.120s\"); it is not applied, "
                     "review the unit again",
                     stale[i].id, stale[i].why, stale[i].lang, stale[i].text);
        else
            snprintf(message, sizeof message,
                     "decision %ld no longer fits: %s; it is not applied, review the unit again",
                     stale[i].id, stale[i].why);
        int rc = tma_report_story_add(part, arena, TMA_FINDING_REVIEW_STALE, stale[i].lang,
                                      review_path, stale[i].line, 0, 0, 0, message, err);
        if (rc < 0)
            return rc;
    }
    tma_report_mark_approved(part);
    return 0;
}
