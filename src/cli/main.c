/* tmalign, the command: parses options, calls the library, prints messages and picks the exit
 * code (docs/exit-codes.md). */
#define _POSIX_C_SOURCE 200809L
#include "tmalign.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Exit codes; docs/exit-codes.md documents each, and a code keeps its meaning for good. */
enum {
    EXIT_OK = 0,
    EXIT_INTERNAL = 1,
    EXIT_USAGE = 2,
    EXIT_INPUT = 3,
    EXIT_IO = 4,
    EXIT_NOMEM = 5,
    EXIT_LIMIT = 6,
    EXIT_DATA = 7,
};

typedef struct cli_option {
    const char *command; /* the subcommand it belongs to, or "" for any */
    int short_name;      /* 0 if none */
    const char *long_name;
    const char *arg;     /* NULL for a flag */
    const char *help;
} cli_option;

/* The options of every command. --help prints this table; docs/tmalign.1 documents each entry,
 * and a test checks that both name every long option. */
static const cli_option OPTIONS[] = {
    {"", 'h', "help", NULL, "show this help and exit"},
    {"", 'V', "version", NULL, "show the version and exit"},
    {"align", 'l', "langs", "LIST",
     "languages of the FILEs in order, comma-separated (default: each file's folder name)"},
    {"align", 'o', "output", "OUT.tmx",
     "where to write the TMX (default: NAME.tmx in the current folder); the pair files go beside "
     "it"},
    {"split", 'l', "lang", "LANG", "language of the text (required)"},
    {"split", 'f', "format", "FORMAT",
     "text (one sentence per line, the default) or jsonl (one JSON object per sentence with its "
     "paragraph and byte span in the file)"},
};
#define OPTION_COUNT (sizeof OPTIONS / sizeof OPTIONS[0])

static void usage(FILE *fp)
{
    fprintf(fp, "usage: tmalign align [-l en,ru,hy] [-o OUT.tmx] FILE FILE...\n"
                "       tmalign split -l LANG [--format text|jsonl] [FILE]\n"
                "       tmalign --help | --version\n\n"
                "align  aligns the versions of a story sentence by sentence and writes TMX 1.4b;\n"
                "       the first FILE is the source. With three or more languages OUT.tmx holds\n"
                "       the units that have every language and OUT.L1-L2.tmx each pair's whole\n"
                "       alignment.\n"
                "split  splits text into sentences: one per line, a blank line between "
                "paragraphs.\n\noptions:\n");
    for (size_t k = 0; k < OPTION_COUNT; k++) {
        const cli_option *o = &OPTIONS[k];
        char left[64];
        snprintf(left, sizeof left, "%s%c%s--%s%s%s", o->short_name ? "-" : "",
                 o->short_name ? o->short_name : ' ', o->short_name ? ", " : "  ", o->long_name,
                 o->arg ? " " : "", o->arg ? o->arg : "");
        fprintf(fp, "  %-22s %s%s%s\n", left, o->command[0] ? "(" : "", o->command,
                o->command[0] ? ") " : "");
        fprintf(fp, "  %-22s %s\n", "", o->help);
    }
    fprintf(fp, "\nenvironment: SOURCE_DATE_EPOCH  creation date of the TMX, for reproducible "
                "output\nexit codes: 0 done, 1 internal error, 2 usage, 3 input refused, 4 "
                "file error, 5 out of memory,\n            6 input too large, 7 bad data table "
                "(see docs/exit-codes.md)\n");
}

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

/* Prints ERR as one line, "tmalign: file:line:column: message", and returns its exit code. */
static int report(const tma_error *err)
{
    if (err->path[0] && err->line > 0 && err->column > 0)
        fprintf(stderr, "tmalign: %s:%ld:%ld: %s\n", err->path, err->line, err->column,
                err->message);
    else if (err->path[0] && err->line > 0)
        fprintf(stderr, "tmalign: %s:%ld: %s\n", err->path, err->line, err->message);
    else if (err->path[0])
        fprintf(stderr, "tmalign: %s: %s\n", err->path, err->message);
    else
        fprintf(stderr, "tmalign: %s\n", err->message);
    return exit_code(err->code);
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "tmalign: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "; see tmalign --help\n");
    return EXIT_USAGE;
}

/* getopt_long's table for COMMAND, built from OPTIONS; SHORTS receives the short option string. */
static void getopt_table(struct option *longs, char *shorts, const char *command)
{
    size_t n = 0, s = 0;
    for (size_t k = 0; k < OPTION_COUNT; k++) {
        const cli_option *o = &OPTIONS[k];
        if (o->command[0] && strcmp(o->command, command) != 0)
            continue;
        longs[n++] = (struct option){o->long_name, o->arg ? required_argument : no_argument, NULL,
                                     o->short_name};
        if (o->short_name) {
            shorts[s++] = (char)o->short_name;
            if (o->arg)
                shorts[s++] = ':';
        }
    }
    longs[n] = (struct option){0};
    shorts[s] = '\0';
}

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

/* SOURCE_DATE_EPOCH, or -1 (now) when unset. Returns -2 when it is set but not a number. */
static long long creation_time(void)
{
    const char *v = getenv("SOURCE_DATE_EPOCH");
    if (v == NULL || *v == '\0')
        return -1;
    char *end;
    errno = 0;
    long long t = strtoll(v, &end, 10);
    if (errno != 0 || *end != '\0' || t < 0)
        return -2;
    return t;
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

static int run_align(tma_worker *w, char **files, size_t nfiles, const char *langs_opt,
                     const char *output)
{
    char langs[TMA_MAX_LANGS][32];
    char out_path[4096];
    tma_doc *docs[TMA_MAX_LANGS] = {0};
    tma_story *story = NULL;
    tma_error err = {0};
    int code = EXIT_OK;

    if (nfiles < 2)
        return usage_error("align needs at least two files%s", "");
    if (nfiles > TMA_MAX_LANGS)
        return usage_error("align takes at most 8 files%s", "");
    if (langs_opt != NULL) {
        size_t k = 0;
        const char *p = langs_opt;
        while (k < nfiles) {
            size_t len = strcspn(p, ",");
            if (len == 0 || len >= sizeof langs[k])
                break;
            memcpy(langs[k], p, len);
            langs[k][len] = '\0';
            if (!tma_lang_is_valid(langs[k]))
                return usage_error("'%s' is not a language code (use ISO 639-1: en, ru, hy)",
                                   langs[k]);
            k++;
            p += len;
            if (*p == ',')
                p++;
            else
                break;
        }
        if (k != nfiles || *p != '\0')
            return usage_error("-l must give one language per file (%s)", langs_opt);
    } else {
        for (size_t k = 0; k < nfiles; k++) {
            if (lang_from_folder(langs[k], sizeof langs[k], files[k]) < 0)
                return usage_error("cannot tell the language of %s from its folder; give the "
                                   "languages with -l en,ru,hy",
                                   files[k]);
        }
    }
    long long when = creation_time();
    if (when == -2)
        return usage_error("SOURCE_DATE_EPOCH must be a number of seconds%s", "");
    if (output == NULL)
        default_output(out_path, sizeof out_path, files[0]);
    else
        snprintf(out_path, sizeof out_path, "%s", output);

    for (size_t k = 0; k < nfiles && code == EXIT_OK; k++) {
        if (tma_doc_read_file(&docs[k], w, files[k], langs[k], &err) < 0)
            code = report(&err);
    }
    if (code == EXIT_OK && tma_story_align(&story, w, docs, nfiles, &err) < 0)
        code = report(&err);
    if (code == EXIT_OK) {
        tma_tmx_options topt = TMA_TMX_OPTIONS_INIT;
        topt.creation_time = when;
        if (tma_story_write_tmx(story, out_path, &topt, &err) < 0)
            code = report(&err);
    }
    tma_story_free(story);
    for (size_t k = 0; k < nfiles; k++)
        tma_doc_free(docs[k]);
    return code;
}

/* Writes S as a JSON string. */
static void put_json_string(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

/* The anchors of sentence S as a JSON array of {"kind", "text"}. */
static void put_json_anchors(const tma_doc *doc, const tma_sentence *s)
{
    static const char *const kinds[] = {"", "number", "name", "lexicon"};
    size_t count, text_len;
    const tma_anchor *anchors = tma_doc_anchors(doc, &count);
    const char *text = tma_doc_text(doc, &text_len);
    char word[256];
    printf("[");
    for (uint32_t k = 0; k < s->anchor_count; k++) {
        const tma_anchor *a = &anchors[s->anchor_first + k];
        snprintf(word, sizeof word, "%.*s", (int)a->len, text + a->start);
        printf("%s{\"kind\":\"%s\",\"text\":", k ? "," : "", kinds[a->kind <= 3 ? a->kind : 0]);
        put_json_string(word);
        printf("}");
    }
    printf("]");
}

/* One sentence of DOC as `tmalign split` prints it: TEXT on a line, a blank line before a new
 * paragraph; or, for jsonl, one object with the paragraph (0-based), the byte span [start, end)
 * in the file as read, the text and the anchors found in it. */
static void print_sentence(const tma_doc *doc, size_t i, const char *text, int jsonl)
{
    const tma_sentence *s = tma_doc_sentence(doc, i);
    if (jsonl) {
        printf("{\"paragraph\":%u,\"start\":%zu,\"end\":%zu,\"text\":", (unsigned)s->paragraph,
               s->orig_start, s->orig_start + s->orig_len);
        put_json_string(text);
        printf(",\"anchors\":");
        put_json_anchors(doc, s);
        printf("}\n");
        return;
    }
    if (i > 0 && s->paragraph != tma_doc_sentence(doc, i - 1)->paragraph)
        putchar('\n');
    puts(text);
}

static int run_split(tma_worker *w, const char *file, const char *lang, int jsonl)
{
    tma_error err = {0};
    tma_doc *doc = NULL;
    int rc;
    if (file == NULL || strcmp(file, "-") == 0) {
        /* Standard input: read it whole, then split it like a file. */
        char *data = NULL;
        size_t len = 0, cap = 0, n;
        char chunk[65536];
        /* Reading stops past the size cap, which tma_doc_read_mem then reports: endless input
         * ("yes |") must not fill the memory. */
        while (len <= TMA_MAX_INPUT_BYTES && (n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
            if (len + n > cap) {
                cap = (len + n) * 2;
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
            memcpy(data + len, chunk, n);
            len += n;
        }
        rc = tma_doc_read_mem(&doc, w, "<stdin>", data ? data : "", len, lang, &err);
        free(data);
    } else {
        rc = tma_doc_read_file(&doc, w, file, lang, &err);
    }
    if (rc < 0)
        return report(&err);
    char *line = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < tma_doc_sentence_count(doc); i++) {
        const tma_sentence *s = tma_doc_sentence(doc, i);
        if (s->len + 1 > cap) {
            cap = s->len + 1;
            char *p = realloc(line, cap);
            if (p == NULL) {
                free(line);
                tma_doc_free(doc);
                fprintf(stderr, "tmalign: out of memory\n");
                return EXIT_NOMEM;
            }
            line = p;
        }
        tma_doc_sentence_text(doc, i, line, cap);
        print_sentence(doc, i, line, jsonl);
    }
    free(line);
    tma_doc_free(doc);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "tmalign: cannot write to standard output: %s\n", strerror(errno));
        return EXIT_IO;
    }
    return EXIT_OK;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *command = argv[1];
    if (strcmp(command, "--help") == 0 || strcmp(command, "-h") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(command, "--version") == 0 || strcmp(command, "-V") == 0) {
        printf("tmalign %s\n", TMA_VERSION);
        return EXIT_OK;
    }
    if (strcmp(command, "align") != 0 && strcmp(command, "split") != 0)
        return usage_error("unknown command '%s'", command);

    struct option longs[OPTION_COUNT + 1];
    char shorts[2 * OPTION_COUNT + 1];
    getopt_table(longs, shorts, command);
    const char *langs = NULL, *output = NULL, *format = "text";
    int c;
    optind = 2;
    opterr = 0;
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        switch (c) {
        case 'h':
            usage(stdout);
            return EXIT_OK;
        case 'V':
            printf("tmalign %s\n", TMA_VERSION);
            return EXIT_OK;
        case 'l':
            langs = optarg;
            break;
        case 'o':
            output = optarg;
            break;
        case 'f':
            format = optarg;
            break;
        case ':':
            return usage_error("option %s needs a value", argv[optind - 1]);
        default:
            return usage_error("unknown option %s", argv[optind - 1]);
        }
    }

    tma_error err = {0};
    tma_ctx *ctx = NULL;
    tma_worker *w = NULL;
    int code;
    if (tma_ctx_new(&ctx, NULL, &err) < 0 || tma_worker_new(&w, ctx, &err) < 0) {
        code = report(&err);
    } else if (strcmp(command, "align") == 0) {
        code = run_align(w, argv + optind, (size_t)(argc - optind), langs, output);
    } else if (langs == NULL) {
        code = usage_error("split needs the language: -l LANG%s", "");
    } else if (!tma_lang_is_valid(langs)) {
        code = usage_error("'%s' is not a language code (use ISO 639-1: en, ru, hy)", langs);
    } else if (argc - optind > 1) {
        code = usage_error("split takes one FILE at most%s", "");
    } else if (strcmp(format, "text") != 0 && strcmp(format, "jsonl") != 0) {
        code = usage_error("--format must be text or jsonl, not '%s'", format);
    } else {
        code = run_split(w, optind < argc ? argv[optind] : NULL, langs,
                         strcmp(format, "jsonl") == 0);
    }
    tma_worker_free(w);
    tma_ctx_free(ctx);
    return code;
}
