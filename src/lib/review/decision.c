/* Checking a review file's header and decisions (docs/review-schema.md), for the reader and for
 * tma_review_append, so that a page can write nothing the reader would refuse. */
#include "review.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

static const char *const actions[] = {"join",    "split",  "move-up", "move-down",
                                      "approve", "reject", "undo"};
static const char *const statuses[] = {"linked", "approved", "rejected"};

static int why_set(char *why, size_t size, tma_status code, const char *fmt, const char *what)
{
    snprintf(why, size, fmt, what);
    return code;
}

static int one_of(const char *s, const char *const *names, size_t count)
{
    for (size_t k = 0; k < count; k++)
        if (strcmp(s, names[k]) == 0)
            return (int)k;
    return -1;
}

/* 1 if OBJ has no key but those in NAMES (a NULL-terminated list); else names the first other
 * one in WHY. */
static int only_keys(json_t *obj, const char *const *names, const char *where, char *why,
                     size_t size)
{
    const char *key;
    json_t *value;
    json_object_foreach(obj, key, value)
    {
        int known = 0;
        for (size_t k = 0; names[k] != NULL && !known; k++)
            known = strcmp(key, names[k]) == 0;
        if (!known) {
            snprintf(why, size, "%s has an unknown member \"%.40s\"", where, key);
            return 0;
        }
    }
    return 1;
}

/* Finds the view VIEW among the run's languages: all of them joined by "-", or a pair of them in
 * the run's order. */
static int find_view(tma_review_decision *d, const char *view, const char *const *langs, size_t n)
{
    char all[TMA_MAX_LANGS * 36] = "";
    for (size_t k = 0; k < n; k++)
        snprintf(all + strlen(all), sizeof all - strlen(all), "%s%s", k ? "-" : "", langs[k]);
    if (strcmp(view, all) == 0) {
        d->view_count = n;
        for (size_t k = 0; k < n; k++)
            d->view[k] = k;
        return 1;
    }
    for (size_t a = 0; a < n; a++) {
        size_t la = strlen(langs[a]);
        for (size_t b = a + 1; b < n; b++) {
            if (strncmp(view, langs[a], la) == 0 && view[la] == '-' &&
                strcmp(view + la + 1, langs[b]) == 0) {
                d->view_count = 2;
                d->view[0] = a;
                d->view[1] = b;
                return 1;
            }
        }
    }
    return 0;
}

static int check_unit(json_t *unit, const tma_review_decision *d, const char *const *langs,
                      char *why, size_t size)
{
    static const char *const unit_keys[] = {"status", "sides", "before", NULL};
    if (!json_is_object(unit))
        return why_set(why, size, TMA_ERR_INPUT, "a unit is not a JSON object%s", "");
    if (!only_keys(unit, unit_keys, "a unit", why, size))
        return TMA_ERR_INPUT;
    json_t *status = json_object_get(unit, "status");
    if (!json_is_string(status) ||
        one_of(json_string_value(status), statuses, sizeof statuses / sizeof *statuses) < 0)
        return why_set(why, size, TMA_ERR_INPUT,
                       "a unit's status is not \"linked\", \"approved\" or \"rejected\"%s", "");
    json_t *sides = json_object_get(unit, "sides"), *before = json_object_get(unit, "before");
    if (!json_is_object(sides) || json_object_size(sides) != d->view_count)
        return why_set(why, size, TMA_ERR_INPUT,
                       "a unit's sides are not an object with a list for each language of the "
                       "view%s",
                       "");
    if (before != NULL && (!json_is_object(before) || json_object_size(before) > d->view_count))
        return why_set(why, size, TMA_ERR_INPUT,
                       "a unit's before is not an object with a text for each language of the "
                       "view%s",
                       "");
    size_t sentences = 0;
    for (size_t k = 0; k < d->view_count; k++) {
        const char *lang = langs[d->view[k]];
        json_t *side = json_object_get(sides, lang);
        if (!json_is_array(side))
            return why_set(why, size, TMA_ERR_INPUT, "a unit has no list of %s sentences", lang);
        if (json_array_size(side) > TMA_REVIEW_MAX_SENTENCES)
            return why_set(why, size, TMA_ERR_LIMIT,
                           "a unit has more than 64 %s sentences; a unit that long is not a "
                           "reviewer's",
                           lang);
        for (size_t i = 0; i < json_array_size(side); i++) {
            json_t *text = json_array_get(side, i);
            if (!json_is_string(text) || json_string_length(text) == 0)
                return why_set(why, size, TMA_ERR_INPUT,
                               "a unit's %s sentence is not a text, or empty", lang);
        }
        sentences += json_array_size(side);
        json_t *b = before != NULL ? json_object_get(before, lang) : NULL;
        if (before != NULL && !json_is_string(b))
            return why_set(why, size, TMA_ERR_INPUT, "a unit's before has no %s text", lang);
    }
    if (sentences == 0)
        return why_set(why, size, TMA_ERR_INPUT, "a unit has no sentence in any language%s", "");
    return 0;
}

int tma_review_check_decision(tma_review_decision *out, json_t *obj, const char *const *langs,
                              size_t n, int with_id, char *why, size_t size)
{
    static const char *const line_keys[] = {"id",    "time",   "action", "view",
                                            "units", "undoes", NULL};
    static const char *const page_keys[] = {"action", "view", "units", "undoes", NULL};
    *out = (tma_review_decision){0};
    if (!json_is_object(obj))
        return why_set(why, size, TMA_ERR_INPUT, "a decision is not a JSON object%s", "");
    if (!only_keys(obj, with_id ? line_keys : page_keys, "the decision", why, size))
        return TMA_ERR_INPUT;
    if (with_id) {
        json_t *id = json_object_get(obj, "id"), *time = json_object_get(obj, "time");
        if (!json_is_integer(id) || json_integer_value(id) <= 0 ||
            json_integer_value(id) > LONG_MAX)
            return why_set(why, size, TMA_ERR_INPUT, "the decision has no positive id%s", "");
        if (!json_is_string(time))
            return why_set(why, size, TMA_ERR_INPUT, "the decision has no time%s", "");
        out->id = (long)json_integer_value(id);
    }
    json_t *action = json_object_get(obj, "action");
    if (!json_is_string(action) ||
        one_of(json_string_value(action), actions, sizeof actions / sizeof *actions) < 0)
        return why_set(why, size, TMA_ERR_INPUT,
                       "the decision's action is not one of join, split, move-up, move-down, "
                       "approve, reject, undo%s",
                       "");
    json_t *view = json_object_get(obj, "view"), *units = json_object_get(obj, "units"),
           *undoes = json_object_get(obj, "undoes");
    if (strcmp(json_string_value(action), "undo") == 0) {
        if (view != NULL || units != NULL || !json_is_integer(undoes) ||
            json_integer_value(undoes) <= 0 || json_integer_value(undoes) > LONG_MAX)
            return why_set(why, size, TMA_ERR_INPUT,
                           "an undo has only \"undoes\", the id of the decision it undoes%s", "");
        out->is_undo = 1;
        out->undoes = (long)json_integer_value(undoes);
        return 0;
    }
    if (undoes != NULL)
        return why_set(why, size, TMA_ERR_INPUT, "only an undo has \"undoes\"%s", "");
    if (!json_is_string(view) || !find_view(out, json_string_value(view), langs, n))
        return why_set(why, size, TMA_ERR_INPUT,
                       "the decision's view is not the run's languages joined by \"-\" nor one "
                       "pair of them%s",
                       "");
    if (!json_is_array(units) || json_array_size(units) == 0)
        return why_set(why, size, TMA_ERR_INPUT, "the decision has no units%s", "");
    if (json_array_size(units) > TMA_REVIEW_MAX_UNITS)
        return why_set(why, size, TMA_ERR_LIMIT, "the decision has more than 64 units%s", "");
    for (size_t u = 0; u < json_array_size(units); u++) {
        int rc = check_unit(json_array_get(units, u), out, langs, why, size);
        if (rc < 0)
            return rc;
    }
    out->units = units;
    return 0;
}

int tma_review_check_header(const char **story, const char **langs, size_t *n, json_t *obj,
                            char *why, size_t size)
{
    static const char *const header_keys[] = {"schema", "story", "langs", NULL};
    *n = 0;
    if (!json_is_object(obj) || !json_is_string(json_object_get(obj, "schema")) ||
        strcmp(json_string_value(json_object_get(obj, "schema")), TMA_REVIEW_SCHEMA) != 0)
        return why_set(why, size, TMA_ERR_INPUT,
                       "the first line is not a header with \"schema\": \"%s\"", TMA_REVIEW_SCHEMA);
    if (!only_keys(obj, header_keys, "the header", why, size))
        return TMA_ERR_INPUT;
    json_t *name = json_object_get(obj, "story"), *list = json_object_get(obj, "langs");
    if (!json_is_string(name))
        return why_set(why, size, TMA_ERR_INPUT, "the header names no story%s", "");
    if (!json_is_array(list) || json_array_size(list) < 2 || json_array_size(list) > TMA_MAX_LANGS)
        return why_set(why, size, TMA_ERR_INPUT, "the header's langs are not 2 to 8 languages%s",
                       "");
    for (size_t k = 0; k < json_array_size(list); k++) {
        json_t *lang = json_array_get(list, k);
        if (!json_is_string(lang) || !tma_lang_is_valid(json_string_value(lang)) ||
            json_string_length(lang) > 15)
            return why_set(why, size, TMA_ERR_INPUT, "the header's langs hold a non-language%s",
                           "");
        langs[k] = json_string_value(lang);
        for (size_t j = 0; j < k; j++)
            if (strcmp(langs[j], langs[k]) == 0)
                return why_set(why, size, TMA_ERR_INPUT, "the header's langs name %s twice",
                               langs[k]);
    }
    *story = json_string_value(name);
    *n = json_array_size(list);
    return 0;
}
