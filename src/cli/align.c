/* tmalign align: the versions of one story into TMX. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* The language of PATH from the name of its folder: corpora/ru/x.txt is Russian. */
static int lang_from_folder(char *buf, size_t size, const char *path)
{
    const char *end = strrchr(path, '/');
    if (end == NULL)
        return -1;
    const char *start = end;
    while (start > path && start[-1] != '/')
        start--;
    if ((size_t)(end - start) >= size)
        return -1;
    memcpy(buf, start, (size_t)(end - start));
    buf[end - start] = '\0';
    return tma_lang_is_valid(buf) ? 0 : -1;
}

int cli_find_langs(char (*langs)[32], char **files, size_t nfiles, const char *list)
{
    if (list == NULL) {
        for (size_t k = 0; k < nfiles; k++) {
            if (lang_from_folder(langs[k], sizeof langs[k], files[k]) < 0)
                return cli_usage_error("cannot tell the language of %s from its folder; give the "
                                       "languages with -l en,ru,hy",
                                       files[k]);
        }
        return EXIT_OK;
    }
    size_t k = 0;
    const char *p = list;
    while (k < nfiles) {
        size_t len = strcspn(p, ",");
        if (len == 0 || len >= sizeof langs[k])
            break;
        memcpy(langs[k], p, len);
        langs[k][len] = '\0';
        if (!tma_lang_is_valid(langs[k]))
            return cli_usage_error("'%s' is not an ISO 639-1 language code (such as en, ru, hy; "
                                   "tmalign languages --all lists them)",
                                   langs[k]);
        k++;
        p += len;
        if (*p != ',')
            break;
        p++;
    }
    if (k != nfiles || *p != '\0')
        return cli_usage_error("--langs must give one language per file (%s)", list);
    return EXIT_OK;
}

/* Refuses a FILE that is not there before anything else is said about it. */
static int check_files_exist(char **files, size_t nfiles)
{
    for (size_t k = 0; k < nfiles; k++) {
        struct stat st;
        if (stat(files[k], &st) != 0) {
            tma_error err = {.code = TMA_ERR_IO};
            snprintf(err.path, sizeof err.path, "%s", files[k]);
            snprintf(err.message, sizeof err.message, "cannot open: %s; check the path",
                     strerror(errno));
            return cli_report(&err);
        }
    }
    return EXIT_OK;
}

/* The default output: the first file's name with ".tmx" for its extension, in the current
 * folder. */
static void default_output(char *buf, size_t size, const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    const char *dot = strrchr(name, '.');
    size_t n = dot && dot != name ? (size_t)(dot - name) : strlen(name);
    snprintf(buf, size, "%.*s.tmx", (int)n, name);
}

/* Warns, one line per file, of the characters XML forbids that the TMX left out. */
static void warn_forbidden(tma_doc *const *docs, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        long line, column;
        size_t count = tma_doc_forbidden_chars(docs[k], &line, &column);
        if (count > 0)
            fprintf(stderr,
                    "tmalign: %s:%ld:%ld: warning: %zu character%s that XML forbids (control "
                    "characters, U+FFFE, U+FFFF) left out of the TMX; the first is here\n",
                    tma_doc_path(docs[k]), line, column, count, count == 1 ? "" : "s");
    }
}

/* Reads the review file: --review FILE, which must be there, or the one beside OUT_PATH if it
 * is. */
static int read_review(tma_review **out, const char *given, const char *out_path)
{
    char path[PATH_MAX];
    tma_error err = {0};
    struct stat st;
    if (given != NULL && stat(given, &st) != 0) {
        err.code = TMA_ERR_IO;
        snprintf(err.path, sizeof err.path, "%s", given);
        snprintf(err.message, sizeof err.message, "cannot open the review file: %s; check the path",
                 strerror(errno));
        return cli_report(&err);
    }
    if (given == NULL && tma_review_path(path, sizeof path, out_path, &err) < 0)
        return cli_report(&err);
    if (tma_review_read(out, given != NULL ? given : path, &err) < 0)
        return cli_report(&err);
    return EXIT_OK;
}

/* Warns, one line each, of the review's units that no longer fit the text (PATH: the review
 * file's, for the line). */
static void warn_stale(const tma_story *story, const char *path)
{
    size_t count;
    const tma_review_stale *stale = tma_story_review_stale(story, &count);
    for (size_t i = 0; i < count; i++) {
        fprintf(stderr, "tmalign: ");
        cli_put_escaped(path);
        fprintf(stderr, ":%ld: warning: decision %ld no longer fits: %s", stale[i].line,
                stale[i].id, stale[i].why);
        if (stale[i].text[0] != '\0') {
            fprintf(stderr, " (%s: \"", stale[i].lang);
            cli_put_escaped(stale[i].text);
            fputs("\")", stderr);
        }
        fputs("; it is not applied, review the unit again\n", stderr);
    }
}

/* The line that ends a run: what was written, its units and how many are flagged. */
static void print_summary(const char *path, const tma_tmx_counts *counts, size_t nlangs, int tsv)
{
    fputs("tmalign: wrote ", stderr);
    cli_put_escaped(path);
    fprintf(stderr, ": %zu unit%s, %zu flagged", counts->units, counts->units == 1 ? "" : "s",
            counts->flagged);
    size_t pairs = nlangs * (nlangs - 1) / 2;
    if (nlangs > 2)
        fprintf(stderr, "; also its %zu pair files%s", pairs, tsv ? " and their TSV files" : "");
    else if (tsv)
        fputs("; also its TSV file", stderr);
    fputc('\n', stderr);
}

int cli_run_align(tma_ctx *ctx, tma_worker *w, cli_args *args)
{
    char **files = args->operands;
    size_t nfiles = args->operand_count;
    char langs[TMA_MAX_LANGS][32];
    char out_path[PATH_MAX];
    tma_doc *docs[TMA_MAX_LANGS] = {0};
    tma_story *story = NULL;
    tma_error err = {0};
    tma_tmx_options *topt = &args->batch.tmx;

    if (cli_check_empty_paths(files, nfiles, "a FILE", args->output, "TMX file to write") !=
        EXIT_OK)
        return EXIT_USAGE;
    if (nfiles < 2)
        return cli_usage_error("align needs at least two files%s", "");
    if (nfiles > TMA_MAX_LANGS)
        return cli_usage_error("align takes at most 8 files%s", "");
    int code = check_files_exist(files, nfiles);
    if (code == EXIT_OK)
        code = cli_find_langs(langs, files, nfiles, args->langs);
    if (code != EXIT_OK)
        return code;
    const char *lang_list[TMA_MAX_LANGS];
    for (size_t k = 0; k < nfiles; k++)
        lang_list[k] = langs[k];
    if (tma_tmx_check_lang_codes(topt->lang_codes, lang_list, nfiles, &err) < 0)
        return cli_report(&err);
    long long when = cli_creation_time();
    if (when == -2)
        return EXIT_USAGE;
    if (args->output == NULL)
        default_output(out_path, sizeof out_path, files[0]);
    else
        snprintf(out_path, sizeof out_path, "%s", args->output);
    code = cli_warn_generic(ctx, lang_list, nfiles);
    if (code != EXIT_OK)
        return code;
    tma_tmx_remove_stale(out_path);
    tma_ctx_preload(ctx, lang_list, nfiles);

    if (tma_docs_read_files(docs, w, (const char *const *)files, lang_list, nfiles, &err) < 0)
        code = cli_report(&err);
    tma_review *review = NULL;
    if (code == EXIT_OK)
        code = read_review(&review, args->review, out_path);
    if (code == EXIT_OK && tma_story_align_reviewed(&story, w, docs, nfiles, review, &err) < 0)
        code = cli_report(&err);
    if (code == EXIT_OK) {
        char path[PATH_MAX];
        if (args->review == NULL)
            (void)tma_review_path(path, sizeof path, out_path, NULL);
        warn_stale(story, args->review != NULL ? args->review : path);
    }
    tma_review_free(review);
    if (code == EXIT_OK) {
        tma_tmx_counts counts;
        topt->creation_time = when;
        if (tma_story_write_tmx_counted(&counts, story, w, out_path, topt, &err) < 0) {
            code = cli_report(&err);
        } else {
            warn_forbidden(docs, nfiles);
            if (!args->quiet)
                print_summary(out_path, &counts, nfiles, topt->tsv);
        }
    }
    tma_story_free(story);
    for (size_t k = 0; k < nfiles; k++)
        tma_doc_free(docs[k]);
    return code;
}
