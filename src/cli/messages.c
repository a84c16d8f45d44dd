/* What the command prints on standard error: errors as one line each with their exit codes,
 * usage errors, and the warnings about languages with generic support. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int exit_code(tma_status code)
{
    switch (code) {
    case TMA_OK:
        return EXIT_OK;
    case TMA_ERR_USAGE:
        return EXIT_USAGE;
    case TMA_ERR_INPUT:
        return EXIT_INPUT;
    case TMA_ERR_IO:
        return EXIT_IO;
    case TMA_ERR_NOMEM:
        return EXIT_NOMEM;
    case TMA_ERR_LIMIT:
        return EXIT_LIMIT;
    case TMA_ERR_DATA:
        return EXIT_DATA;
    case TMA_ERR_INTERNAL:
        break;
    }
    return EXIT_INTERNAL;
}

void cli_put_escaped(const char *s)
{
    /* A file name holding a line break or a tab cannot break the one-line message. */
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\n')
            fputs("\\n", stderr);
        else if (c == '\t')
            fputs("\\t", stderr);
        else if (c < 0x20 || c == 0x7f)
            fprintf(stderr, "\\x%02X", c);
        else
            fputc(c, stderr);
    }
}

int cli_report(const tma_error *err)
{
    fputs("tmalign: ", stderr);
    if (err->path[0]) {
        cli_put_escaped(err->path);
        if (err->line > 0)
            fprintf(stderr, ":%ld", err->line);
        if (err->line > 0 && err->column > 0)
            fprintf(stderr, ":%ld", err->column);
        fputs(": ", stderr);
    }
    cli_put_escaped(err->message);
    const char *sep = " (";
    for (const char *p = err->option; *p;) {
        size_t len = strcspn(p, " ");
        const char *flag = cli_flag_of_field(p, len);
        if (flag != NULL) {
            fprintf(stderr, "%s--%s", sep, flag);
            sep = ", ";
        }
        p += len + (p[len] == ' ');
    }
    fputs(sep[0] == ',' ? ")\n" : "\n", stderr);
    return exit_code(err->code);
}

void cli_warn(const tma_error *err)
{
    fputs("tmalign: ", stderr);
    if (err->path[0]) {
        cli_put_escaped(err->path);
        fputs(": ", stderr);
    }
    fputs("warning: ", stderr);
    cli_put_escaped(err->message);
    fputc('\n', stderr);
}

int cli_usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "tmalign: ");
    fprintf(stderr, fmt, arg);
    if (cli_command[0])
        fprintf(stderr, "; see tmalign help %s\n", cli_command);
    else
        fprintf(stderr, "; see tmalign --help\n");
    return EXIT_USAGE;
}

int cli_check_empty_paths(char **paths, size_t n, const char *what_in, const char *output,
                          const char *what_out)
{
    for (size_t k = 0; k < n; k++) {
        if (paths[k][0] == '\0')
            return cli_usage_error("the path of %s is empty; name it", what_in);
    }
    if (output != NULL && output[0] == '\0')
        return cli_usage_error("the output path is empty (-o); name the %s", what_out);
    return EXIT_OK;
}

long long cli_creation_time(void)
{
    const char *v = getenv("SOURCE_DATE_EPOCH");
    if (v == NULL || *v == '\0')
        return -1;
    char *end;
    errno = 0;
    long long t = strtoll(v, &end, 10);
    if (errno != 0 || *end != '\0' || t < 0) {
        cli_usage_error("SOURCE_DATE_EPOCH must be a number of seconds%s", "");
        return -2;
    }
    return t;
}

int cli_warn_generic(tma_ctx *ctx, const char *const *langs, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        tma_lang_support s;
        tma_error err = {0};
        if (tma_lang_support_find(&s, ctx, langs[k], &err) < 0)
            return cli_report(&err);
        int rules = s.abbreviations || s.starters;
        if (rules && s.dictionary)
            continue;
        char dictionary[64] = "";
        if (!s.dictionary)
            snprintf(dictionary, sizeof dictionary, "a hunspell dictionary (%s.dic)",
                     s.dictionary_file);
        fprintf(stderr,
                "tmalign: warning: %s lacks %s%s%s: it gets generic support; see tmalign "
                "languages\n",
                s.code,
                rules ? "" : "splitting rules of its own (abbreviations, sentence starters)",
                !rules && !s.dictionary ? " and " : "", dictionary);
    }
    return EXIT_OK;
}
