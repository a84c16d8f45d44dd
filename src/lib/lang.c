/* The ISO 639-1 table (src/data/iso639-1.tsv) and what each language has of its own. */
#include "lang.h"

#include "bounds.h"
#include "context.h"
#include "error.h"
#include "lexicon.h"
#include "segment.h"
#include "stem.h"
#include "table.h"
#include "translit.h"

#include <stdio.h>
#include <string.h>

#define ISO_TABLE "iso639-1.tsv"

/* Calls VISIT with each entry of the ISO table, the code LEN bytes at CODE and the name NAME_LEN
 * bytes at NAME, until it returns nonzero; returns that value, or 0. A line that is not
 * "CODE<TAB>NAME" is skipped: test_lang checks the table. */
static int each_iso_entry(int (*visit)(const char *code, size_t len, const char *name,
                                       size_t name_len, void *arg),
                          void *arg)
{
    const tma_data_file *file = tma_data_find(ISO_TABLE);
    tma_data_line line;
    size_t pos = 0;
    long number = 0;
    int rc = 0;
    while (file != NULL && rc == 0 && tma_data_next_line(file, &pos, &number, &line, NULL) > 0) {
        const char *tab = memchr(line.start, '\t', (size_t)(line.end - line.start));
        if (tab != NULL)
            rc = visit(line.start, (size_t)(tab - line.start), tab + 1,
                       (size_t)(line.end - tab - 1), arg);
    }
    return rc;
}

typedef struct name_query {
    const char *code;
    size_t len;
    char *name;
    size_t size;
} name_query;

static int match_name(const char *code, size_t len, const char *name, size_t name_len, void *arg)
{
    name_query *q = arg;
    if (len != q->len || memcmp(code, q->code, len) != 0)
        return 0;
    snprintf(q->name, q->size, "%.*s", (int)name_len, name);
    return 1;
}

int tma_lang_iso_name(char *name, size_t size, const char *code, size_t len)
{
    char none[1];
    name_query q = {code, len, size ? name : none, size ? size : sizeof none};
    q.name[0] = '\0';
    return each_iso_entry(match_name, &q);
}

typedef struct code_list {
    char (*out)[3];
    size_t max, count;
} code_list;

static int add_code(const char *code, size_t len, const char *name, size_t name_len, void *arg)
{
    (void)name;
    (void)name_len;
    code_list *list = arg;
    if (len == 2 && list->count < list->max)
        snprintf(list->out[list->count], 3, "%.2s", code);
    list->count += len == 2;
    return 0;
}

size_t tma_lang_codes(char (*out)[3], size_t max)
{
    code_list list = {out, max, 0};
    each_iso_entry(add_code, &list);
    return list.count;
}

int tma_lang_is(const char *lang, const char *primary)
{
    size_t n = strlen(primary);
    return strncmp(lang, primary, n) == 0 && (lang[n] == '\0' || lang[n] == '-' || lang[n] == '_');
}

int tma_lang_scripts(UScriptCode *out, int max, const char *lang)
{
    /* ICU's locale IDs part subtags with '_'. */
    char locale[TMA_LANG_BYTES];
    snprintf(locale, sizeof locale, "%s", lang);
    for (char *p = locale; *p; p++)
        *p = *p == '-' ? '_' : *p;
    UErrorCode st = U_ZERO_ERROR;
    int n = uscript_getCode(locale, out, max, &st);
    return U_FAILURE(st) || n < 0 ? 0 : n;
}

int tma_lang_support_find(tma_lang_support *out, tma_ctx *ctx, const char *lang, tma_error *err)
{
    memset(out, 0, sizeof *out);
    if (!tma_lang_is_valid(lang))
        return tma_error_about(err, "langs",
                               tma_error_set(err, TMA_ERR_USAGE, NULL, 0, 0,
                                             "'%s' is not an ISO 639-1 language code", lang));
    size_t primary = strcspn(lang, "-_");
    snprintf(out->code, sizeof out->code, "%.*s", (int)primary, lang);
    tma_lang_iso_name(out->name, sizeof out->name, lang, primary);
    /* The rules the splitter uses for it: the generic ones unless they are its own. */
    const tma_seg_rules *rules = tma_ctx_rules(ctx, out->code);
    if (strcmp(rules->lang, out->code) == 0) {
        out->abbreviations = rules->abbrev.count > 0;
        out->starters = rules->starters.count > 0;
        out->openers = rules->openers.count > 0;
    }
    out->dictionary = tma_stem_dict_file(out->dictionary_file, sizeof out->dictionary_file,
                                         tma_ctx_dicts(ctx), out->code);
    int rc = tma_lexicon_installed_partners(out->lexicons, sizeof out->lexicons,
                                            tma_ctx_options(ctx)->dictd_dir, out->code, err);
    if (rc < 0)
        return rc;
    UScriptCode scripts[8];
    int n = tma_lang_scripts(scripts, 8, lang);
    size_t used = 0;
    for (int k = 0; k < n && used < sizeof out->script; k++)
        used += (size_t)snprintf(out->script + used, sizeof out->script - used, "%s%s",
                                 k ? " " : "", uscript_getName(scripts[k]));
    if (n > 0)
        snprintf(out->transliteration, sizeof out->transliteration, "%s",
                 tma_translit_transform(scripts[0]));
    return 0;
}
