/* tmalign languages: what tmalign has for each language, one line each, as the library finds
 * it (tma_lang_support_find): nothing here names a language. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

/* The most languages ISO 639-1 may grow to. */
#define MAX_CODES 256

/* 1 if the language has anything of its own. */
static int has_own(const tma_lang_support *s)
{
    return s->abbreviations || s->starters || s->openers || s->dictionary || s->lexicons[0];
}

static void print_header(void)
{
    printf("%-4s %-12s %-34s %-10s %-9s %-10s %s\n", "LANG", "NAME", "SPLITTING RULES",
           "DICTIONARY", "LEXICONS", "SCRIPT", "NAMES");
}

static void print_line(const tma_lang_support *s)
{
    char rules[64] = "", name[16];
    const char *tables[] = {s->abbreviations ? "abbreviations" : NULL,
                            s->starters ? "starters" : NULL, s->openers ? "openers" : NULL};
    for (size_t k = 0; k < sizeof tables / sizeof tables[0]; k++) {
        if (tables[k] != NULL)
            snprintf(rules + strlen(rules), sizeof rules - strlen(rules), "%s%s",
                     rules[0] ? ", " : "", tables[k]);
    }
    /* The first of the names ISO gives: "Spanish; Castilian" is Spanish. */
    snprintf(name, sizeof name, "%.*s", (int)strcspn(s->name, ";,("), s->name);
    const char *names = s->script[0] == '\0'            ? "-"
                        : s->transliteration[0] == '\0' ? "as written"
                                                        : s->transliteration;
    printf("%-4s %-12s %-34s %-10s %-9s %-10s %s\n", s->code, name, rules[0] ? rules : "generic",
           s->dictionary ? s->dictionary_file : "none", s->lexicons[0] ? s->lexicons : "none",
           s->script[0] ? s->script : "unknown", names);
}

int cli_run_languages(tma_ctx *ctx, const cli_args *args)
{
    tma_lang_support s;
    tma_error err = {0};
    for (size_t k = 0; k < args->operand_count; k++) {
        if (!tma_lang_is_valid(args->operands[k]))
            return cli_usage_error("'%s' is not an ISO 639-1 language code (tmalign languages "
                                   "--all lists them)",
                                   args->operands[k]);
    }
    print_header();
    for (size_t k = 0; k < args->operand_count; k++) {
        if (tma_lang_support_find(&s, ctx, args->operands[k], &err) < 0)
            return cli_report(&err);
        print_line(&s);
    }
    if (args->operand_count > 0)
        return EXIT_OK;
    char codes[MAX_CODES][3];
    size_t count = tma_lang_codes(codes, MAX_CODES), generic = 0;
    for (size_t k = 0; k < count && k < MAX_CODES; k++) {
        if (tma_lang_support_find(&s, ctx, codes[k], &err) < 0)
            return cli_report(&err);
        if (args->all || has_own(&s))
            print_line(&s);
        else
            generic++;
    }
    if (generic > 0)
        printf("and %zu other ISO 639-1 languages with generic support only (tmalign languages "
               "--all lists them)\n",
               generic);
    return EXIT_OK;
}
