/* tmalign split: a text into sentences, on standard output. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads standard input whole into *out (free it), *len bytes. Reading stops past the size cap,
 * which tma_doc_read_mem then reports: endless input ("yes |") must not fill the memory. */
static int read_stdin(char **out, size_t *len)
{
    char *data = NULL;
    size_t cap = 0, n;
    char chunk[65536];
    *len = 0;
    while (*len <= TMA_MAX_INPUT_BYTES && (n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
        if (*len + n > cap) {
            cap = (*len + n) * 2;
            if (cap > TMA_MAX_INPUT_BYTES + sizeof chunk)
                cap = TMA_MAX_INPUT_BYTES + sizeof chunk;
            char *p = realloc(data, cap);
            if (p == NULL) {
                free(data);
                fprintf(stderr, "tmalign: out of memory reading standard input\n");
                return EXIT_NOMEM;
            }
            data = p;
        }
        memcpy(data + *len, chunk, n);
        *len += n;
    }
    *out = data;
    return EXIT_OK;
}

int cli_run_split(tma_worker *w, const cli_args *args)
{
    const char *lang = args->langs;
    if (lang == NULL)
        return cli_usage_error("split needs the language: -l LANG%s", "");
    if (!tma_lang_is_valid(lang))
        return cli_usage_error("'%s' is not an ISO 639-1 language code (such as en, ru, hy; "
                               "tmalign languages --all lists them)",
                               lang);
    if (args->operand_count > 1)
        return cli_usage_error("split takes one FILE at most%s", "");
    if (cli_check_empty_paths(args->operands, args->operand_count, "the FILE", NULL, NULL) !=
        EXIT_OK)
        return EXIT_USAGE;
    int jsonl = strcmp(args->format, "jsonl") == 0;
    if (!jsonl && strcmp(args->format, "text") != 0)
        return cli_usage_error("--format must be text or jsonl, not '%s'", args->format);

    const char *file = args->operand_count ? args->operands[0] : NULL;
    tma_error err = {0};
    tma_doc *doc = NULL;
    int rc;
    if (file == NULL || strcmp(file, "-") == 0) {
        char *data;
        size_t len;
        if ((rc = read_stdin(&data, &len)) != EXIT_OK)
            return rc;
        rc = tma_doc_read_mem(&doc, w, "<stdin>", data ? data : "", len, lang, &err);
        free(data);
    } else {
        rc = tma_doc_read_file(&doc, w, file, lang, &err);
    }
    if (rc < 0)
        return cli_report(&err);
    rc = tma_doc_write_sentences(doc, stdout, jsonl ? TMA_SENTENCES_JSONL : TMA_SENTENCES_TEXT,
                                 &err);
    tma_doc_free(doc);
    return rc < 0 ? cli_report(&err) : EXIT_OK;
}
