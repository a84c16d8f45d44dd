/* tmalign, the command: parses options, calls the library, prints messages and picks the exit
 * code (docs/exit-codes.md). */
#define _POSIX_C_SOURCE 200809L
#include "tmalign.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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
    EXIT_STORIES_FAILED = 8,
};

/* getopt's values for the options without a short name: above every character. */
enum {
    OPT_LONG_ONLY = 256, /* the first of them */
    OPT_FORCE = OPT_LONG_ONLY,
    OPT_SHARD,
    OPT_MIN_SCORE,
    OPT_QA_THRESHOLD,
    OPT_SEGMENTED,
    OPT_LANG_CODE,
    OPT_SKIP_LONG,
    OPT_TSV,
    OPT_LEXICON,
    OPT_DICTD,
    OPT_NO_LEXICON,
    OPT_LEARNED,
};

typedef struct cli_option {
    const char *command; /* the subcommands it belongs to, separated by spaces; "" for any */
    int short_name;      /* 0 if none; OPT_LONG_ONLY and up: none, getopt's value for the option */
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
    {"align batch", OPT_SEGMENTED, "segmented", NULL,
     "the input is split already: one sentence per line, a blank line between paragraphs"},
    {"align batch", OPT_MIN_SCORE, "min-score", "X",
     "leave units scoring under X out of the TMX (default 0)"},
    {"align batch", OPT_LANG_CODE, "lang-code", "MAP",
     "the xml:lang to write for each language, as en=en-US,ru=ru-RU (default: the codes of -l)"},
    {"align batch", OPT_SKIP_LONG, "skip-long", NULL,
     "leave out units with a segment over 2000 characters (default: write them flagged)"},
    {"align batch", OPT_TSV, "tsv", NULL,
     "also write each pair as tab-separated text (source, target, score) beside its TMX"},
    {"align batch", OPT_LEXICON, "lexicon", "FILE",
     "a glossary of term pairs, one TERM<TAB>TRANSLATION per line, as word knowledge beside the "
     "installed dictionaries (docs/lexicons.md)"},
    {"align batch", OPT_DICTD, "dictd", "DIR",
     "where the dictd bilingual dictionaries are (default /usr/share/dictd)"},
    {"align batch", OPT_NO_LEXICON, "no-lexicon", NULL,
     "align by lengths, anchors and paragraphs only: read no dictionary or glossary"},
    {"align", OPT_LEARNED, "learned", "OUT",
     "also read the lexicons a batch learned for pairs without a dictionary, OUT/lexicon.L1-L2.learned"},
    {"split", 'l', "lang", "LANG", "language of the text (required)"},
    {"split", 'f', "format", "FORMAT",
     "text (one sentence per line, the default) or jsonl (one JSON object per sentence with its "
     "paragraph and byte span in the file)"},
    {"batch", 'o', "output", "OUT", "the folder for the outputs and the QA report (required)"},
    {"batch", 'j', "jobs", "N", "align N stories at a time (default: one per processor)"},
    {"batch", 'l', "langs", "LIST",
     "the languages, source first (default: every language folder of CORPUS, en first, then the "
     "others in name order)"},
    {"batch", OPT_FORCE, "force", NULL, "align every story again, even those that are up to date"},
    {"batch", 'q', "quiet", NULL, "print no progress, only errors"},
    {"batch", OPT_SHARD, "shard", "K/N",
     "align only the K-th of N shares of the stories (by a hash of the name), for spreading a "
     "corpus over machines; join the shares with merge"},
    {"batch", OPT_QA_THRESHOLD, "qa-threshold", "X",
     "report units scoring under X as low-confidence (default 0.5)"},
    {"merge", 'o', "output", "OUT", "the folder for the joined outputs (required)"},
};
#define OPTION_COUNT (sizeof OPTIONS / sizeof OPTIONS[0])

static void usage(FILE *fp)
{
    fprintf(fp, "usage: tmalign align [-l en,ru,hy] [-o OUT.tmx] [--segmented] [--min-score X]\n"
                "                     [--lang-code MAP] [--skip-long] [--tsv] [--lexicon FILE]\n"
                "                     [--dictd DIR] [--no-lexicon] [--learned OUT] FILE FILE...\n"
                "       tmalign split -l LANG [--format text|jsonl] [FILE]\n"
                "       tmalign batch CORPUS -o OUT [-j N] [-l en,ru,hy] [--force] [--quiet]\n"
                "                     [--shard K/N] [--min-score X] [--qa-threshold X] [--segmented]\n"
                "                     [--lang-code MAP] [--skip-long] [--tsv] [--lexicon FILE]\n"
                "                     [--dictd DIR] [--no-lexicon]\n"
                "       tmalign merge OUT1 OUT2... -o OUT\n"
                "       tmalign --help | --version\n\n"
                "align  aligns the versions of a story sentence by sentence and writes TMX 1.4b;\n"
                "       the first FILE is the source. With three or more languages OUT.tmx holds\n"
                "       the units that have every language and OUT.L1-L2.tmx each pair's whole\n"
                "       alignment; with --tsv, OUT.tsv or OUT.L1-L2.tsv beside each pair's TMX.\n"
                "split  splits text into sentences: one per line, a blank line between "
                "paragraphs.\n"
                "batch  aligns every story of CORPUS (a folder per language, a story being\n"
                "       NAME.txt in each) into OUT: NAME.tmx and its pair files, corpus.tmx and\n"
                "       the QA report qa.html, qa.json, qa.tsv. Up-to-date stories are skipped.\n"
                "merge  joins the OUT folders of several batch runs (shards) into one.\n"
                "\noptions:\n");
    for (size_t k = 0; k < OPTION_COUNT; k++) {
        const cli_option *o = &OPTIONS[k];
        char left[64];
        int short_name = o->short_name < OPT_LONG_ONLY ? o->short_name : 0;
        snprintf(left, sizeof left, "%s%c%s--%s%s%s", short_name ? "-" : "",
                 short_name ? short_name : ' ', short_name ? ", " : "  ", o->long_name,
                 o->arg ? " " : "", o->arg ? o->arg : "");
        fprintf(fp, "  %-22s %s%s%s\n", left, o->command[0] ? "(" : "", o->command,
                o->command[0] ? ") " : "");
        fprintf(fp, "  %-22s %s\n", "", o->help);
    }
    fprintf(fp, "\nenvironment: SOURCE_DATE_EPOCH  creation date of the TMX, for reproducible "
                "output\nexit codes: 0 done, 1 internal error, 2 usage, 3 input refused, 4 "
                "file error, 5 out of memory,\n            6 input too large, 7 bad data table, "
                "8 some stories failed (see docs/exit-codes.md)\n");
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

/* The command's flag for each option field the library names in tma_error.option. */
static const struct {
    const char *field, *flag;
} OPTION_FLAGS[] = {
    {"langs", "--langs"},         {"lang_codes", "--lang-code"}, {"qa_threshold", "--qa-threshold"},
    {"force", "--force"},         {"tsv", "--tsv"},              {"min_score", "--min-score"},
    {"skip_long", "--skip-long"}, {"threads", "--jobs"},         {"shard", "--shard"},
    {"segmented", "--segmented"}, {"lexicon", "--lexicon"},
};

/* 1 if option O is one of COMMAND's. */
static int belongs_to(const cli_option *o, const char *command)
{
    size_t n = strlen(command);
    for (const char *p = o->command; *p; p += strcspn(p, " "), p += *p == ' ') {
        if (strcspn(p, " ") == n && strncmp(p, command, n) == 0)
            return 1;
    }
    return o->command[0] == '\0';
}

/* The command being run, whose flags a message may name. */
static const char *running_command = "";

/* 1 if the command being run has the long option FLAG ("--force"). */
static int running_command_has(const char *flag)
{
    for (size_t k = 0; k < OPTION_COUNT; k++) {
        if (belongs_to(&OPTIONS[k], running_command) && strcmp(OPTIONS[k].long_name, flag + 2) == 0)
            return 1;
    }
    return 0;
}

/* Writes S to stderr with control characters shown as escapes (\n, \t, \xNN), so that a file
 * name holding a line break or a tab cannot break the one-line message. */
static void put_escaped(const char *s)
{
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

/* Prints ERR as one line, "tmalign: file:line:column: message (--flag)", and returns its exit
 * code. */
static int report(const tma_error *err)
{
    fputs("tmalign: ", stderr);
    if (err->path[0]) {
        put_escaped(err->path);
        if (err->line > 0)
            fprintf(stderr, ":%ld", err->line);
        if (err->line > 0 && err->column > 0)
            fprintf(stderr, ":%ld", err->column);
        fputs(": ", stderr);
    }
    put_escaped(err->message);
    const char *sep = " (";
    for (const char *p = err->option; *p;) {
        size_t len = strcspn(p, " ");
        for (size_t i = 0; i < sizeof OPTION_FLAGS / sizeof OPTION_FLAGS[0]; i++) {
            if (strlen(OPTION_FLAGS[i].field) == len &&
                strncmp(OPTION_FLAGS[i].field, p, len) == 0 &&
                running_command_has(OPTION_FLAGS[i].flag)) {
                fprintf(stderr, "%s%s", sep, OPTION_FLAGS[i].flag);
                sep = ", ";
            }
        }
        p += len + (p[len] == ' ');
    }
    fputs(sep[0] == ',' ? ")\n" : "\n", stderr);
    return exit_code(err->code);
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "tmalign: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "; see tmalign --help\n");
    return EXIT_USAGE;
}

/* Refuses an empty path among PATHS[0..n), and an empty OUTPUT (-o ""), which would otherwise be
 * refused later by a message that names no file. WHAT_OUT says what -o names. */
static int check_empty_paths(char **paths, size_t n, const char *what_in, const char *output,
                             const char *what_out)
{
    for (size_t k = 0; k < n; k++) {
        if (paths[k][0] == '\0')
            return usage_error("the path of %s is empty; name it", what_in);
    }
    if (output != NULL && output[0] == '\0')
        return usage_error("the output path is empty (-o); name the %s", what_out);
    return EXIT_OK;
}

/* getopt_long's table for COMMAND, built from OPTIONS; SHORTS receives the short option string. */
static void getopt_table(struct option *longs, char *shorts, const char *command)
{
    size_t n = 0, s = 0;
    /* A leading ':' makes getopt return ':' for a missing value, not '?' as for an unknown option. */
    shorts[s++] = ':';
    for (size_t k = 0; k < OPTION_COUNT; k++) {
        const cli_option *o = &OPTIONS[k];
        if (!belongs_to(o, command))
            continue;
        longs[n++] = (struct option){o->long_name, o->arg ? required_argument : no_argument, NULL,
                                     o->short_name};
        if (o->short_name && o->short_name < OPT_LONG_ONLY) {
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

static int run_align(tma_ctx *ctx, tma_worker *w, char **files, size_t nfiles,
                     const char *langs_opt, const char *output, tma_tmx_options *topt)
{
    char langs[TMA_MAX_LANGS][32];
    char out_path[PATH_MAX];
    tma_doc *docs[TMA_MAX_LANGS] = {0};
    tma_story *story = NULL;
    tma_error err = {0};
    int code = EXIT_OK;

    if (check_empty_paths(files, nfiles, "a FILE", output, "TMX file to write") != EXIT_OK)
        return EXIT_USAGE;
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
    const char *lang_list[TMA_MAX_LANGS];
    for (size_t k = 0; k < nfiles; k++)
        lang_list[k] = langs[k];
    if (tma_tmx_check_lang_codes(topt->lang_codes, lang_list, nfiles, &err) < 0)
        return report(&err);
    long long when = creation_time();
    if (when == -2)
        return usage_error("SOURCE_DATE_EPOCH must be a number of seconds%s", "");
    if (output == NULL)
        default_output(out_path, sizeof out_path, files[0]);
    else
        snprintf(out_path, sizeof out_path, "%s", output);
    tma_tmx_remove_stale(out_path);
    tma_ctx_preload(ctx, lang_list, nfiles);

    if (tma_docs_read_files(docs, w, (const char *const *)files, lang_list, nfiles, &err) < 0)
        code = report(&err);
    if (code == EXIT_OK && tma_story_align(&story, w, docs, nfiles, &err) < 0)
        code = report(&err);
    if (code == EXIT_OK) {
        topt->creation_time = when;
        if (tma_story_write_tmx(story, w, out_path, topt, &err) < 0)
            code = report(&err);
        else
            warn_forbidden(docs, nfiles);
    }
    tma_story_free(story);
    for (size_t k = 0; k < nfiles; k++)
        tma_doc_free(docs[k]);
    return code;
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
    rc = tma_doc_write_sentences(doc, stdout, jsonl ? TMA_SENTENCES_JSONL : TMA_SENTENCES_TEXT,
                                 &err);
    tma_doc_free(doc);
    if (rc < 0)
        return report(&err);
    return EXIT_OK;
}

/* ---- batch and merge ---------------------------------------------------------------------- */

/* The signal that asked a batch to stop, 0 if none. */
static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig)
{
    stop_signal = sig;
    tma_batch_stop();
}

/* Ctrl-C or kill stops a batch after the stories in progress; a second one kills it at once
 * (the next run removes what it left). */
static void catch_stop_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sa.sa_flags = SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

typedef struct progress_view {
    int tty;   /* stderr is a terminal: one line, redrawn */
    int quiet; /* no progress at all, errors only */
    size_t aligned, skipped, failed; /* counts at the previous call */
    int drawn; /* a progress line is on the terminal */
} progress_view;

static void format_duration(char *buf, size_t size, double seconds)
{
    long s = seconds > 0 && seconds < 1e7 ? (long)(seconds + 0.5) : 0;
    if (s >= 3600)
        snprintf(buf, size, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else
        snprintf(buf, size, "%ld:%02ld", s / 60, s % 60);
}

/* Progress on standard error: on a terminal one line redrawn after each story (done / total,
 * rate, time left); otherwise one plain line per story. A failed story's errors are printed as
 * one line each, as for any command. */
static void print_progress(const tma_batch_progress *p, void *arg)
{
    progress_view *v = arg;
    const char *what = p->aligned > v->aligned   ? "aligned"
                       : p->skipped > v->skipped ? "up to date"
                                                 : "failed";
    v->aligned = p->aligned;
    v->skipped = p->skipped;
    v->failed = p->failed;
    if (v->drawn && (p->error_count > 0 || v->quiet)) {
        fputs("\r\033[K", stderr);
        v->drawn = 0;
    }
    for (size_t i = 0; i < p->error_count; i++)
        report(&p->errors[i]);
    if (v->quiet)
        return;
    if (!v->tty) {
        fprintf(stderr, "tmalign: [%zu/%zu] %s: %s\n", p->done, p->total, what, p->story);
        return;
    }
    char left[32] = "", spent[32];
    double rate = p->seconds > 0 ? (double)p->done / p->seconds : 0;
    format_duration(spent, sizeof spent, p->seconds);
    if (rate > 0 && p->done < p->total)
        format_duration(left, sizeof left, (double)(p->total - p->done) / rate);
    fprintf(stderr, "\r\033[Ktmalign: %zu/%zu stories (%zu failed), %.1f/s, %s%s%s", p->done,
            p->total, p->failed, rate, left[0] ? left : spent, left[0] ? " left" : "",
            p->done == p->total ? " \n" : "");
    v->drawn = p->done < p->total;
    fflush(stderr);
}

/* Parses "K/N" into *k and *n. */
static int parse_shard(unsigned *k, unsigned *n, const char *s)
{
    char *end;
    errno = 0;
    unsigned long a = strtoul(s, &end, 10);
    if (errno != 0 || end == s || *end != '/')
        return -1;
    const char *t = end + 1;
    unsigned long b = strtoul(t, &end, 10);
    if (errno != 0 || end == t || *end != '\0' || a < 1 || b < 1 || a > b || b > 1000000)
        return -1;
    *k = (unsigned)a;
    *n = (unsigned)b;
    return 0;
}

/* Parses a number in [0, 1]. */
static int parse_unit_interval(double *out, const char *s)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno != 0 || end == s || *end != '\0' || !(v >= 0 && v <= 1))
        return -1;
    *out = v;
    return 0;
}

/* What a finished batch or merge says, and its exit code. */
static int batch_outcome(const tma_batch_result *r, const char *output, int quiet)
{
    if (r->stopped) {
        fprintf(stderr,
                "tmalign: stopped after %zu of %zu stories; run the same command again to go "
                "on\n",
                r->aligned + r->skipped + r->failed, r->total);
        int sig = stop_signal;
        if (sig != 0) {
            /* Die of the signal, as the caller expects of a command it interrupted. */
            signal(sig, SIG_DFL);
            raise(sig);
        }
        return EXIT_INTERNAL;
    }
    if (!quiet)
        fprintf(stderr,
                "tmalign: %zu stories: aligned %zu, skipped %zu (up to date), failed %zu; "
                "report: %s/qa.html\n",
                r->total, r->aligned, r->skipped, r->failed, output);
    return r->failed > 0 ? EXIT_STORIES_FAILED : EXIT_OK;
}

static int run_batch(tma_ctx *ctx, char **args, size_t nargs, const char *output,
                     tma_batch_options *options, int quiet)
{
    tma_error err = {0};
    tma_batch_result result;
    progress_view view = {isatty(STDERR_FILENO), quiet, 0, 0, 0, 0};
    if (nargs != 1)
        return usage_error("batch takes one CORPUS folder%s", "");
    if (output == NULL)
        return usage_error("batch needs the output folder: -o OUT%s", "");
    if (check_empty_paths(args, nargs, "the CORPUS folder", output, "folder to write into") !=
        EXIT_OK)
        return EXIT_USAGE;
    long long when = creation_time();
    if (when == -2)
        return usage_error("SOURCE_DATE_EPOCH must be a number of seconds%s", "");
    options->tmx.creation_time = when;
    options->progress = print_progress;
    options->progress_arg = &view;
    catch_stop_signals();
    if (tma_batch_run(&result, ctx, args[0], output, options, &err) < 0)
        return report(&err);
    return batch_outcome(&result, output, quiet);
}

static int run_merge(char **args, size_t nargs, const char *output)
{
    tma_error err = {0};
    tma_batch_result result;
    if (nargs < 1)
        return usage_error("merge needs the folders to join%s", "");
    if (output == NULL)
        return usage_error("merge needs the output folder: -o OUT%s", "");
    if (check_empty_paths(args, nargs, "a folder to join", output, "folder to write into") !=
        EXIT_OK)
        return EXIT_USAGE;
    long long when = creation_time();
    if (when == -2)
        return usage_error("SOURCE_DATE_EPOCH must be a number of seconds%s", "");
    if (tma_batch_merge(&result, (const char *const *)args, nargs, output, when, &err) < 0)
        return report(&err);
    return batch_outcome(&result, output, 1);
}

/* The ctx of the run, kept until the process ends (see the end of main); volatile, so that the
 * compiler keeps the store that leak checkers look for. */
static tma_ctx *volatile exiting_ctx;

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *command = argv[1];
    running_command = command;
    if (strcmp(command, "--help") == 0 || strcmp(command, "-h") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(command, "--version") == 0 || strcmp(command, "-V") == 0) {
        printf("tmalign %s\n", TMA_VERSION);
        return EXIT_OK;
    }
    if (strcmp(command, "align") != 0 && strcmp(command, "split") != 0 &&
        strcmp(command, "batch") != 0 && strcmp(command, "merge") != 0)
        return usage_error("unknown command '%s'", command);

    struct option longs[OPTION_COUNT + 1];
    char shorts[2 * OPTION_COUNT + 2];
    getopt_table(longs, shorts, command);
    const char *langs = NULL, *output = NULL, *format = "text";
    tma_batch_options batch = TMA_BATCH_OPTIONS_INIT;
    tma_tmx_options *tmx = &batch.tmx; /* what align takes, and batch holds */
    int quiet = 0, segmented = 0, no_lexicon = 0;
    const char *glossary = NULL, *dictd_dir = NULL, *learned_dir = NULL;
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
        case 'j': {
            char *end;
            errno = 0;
            long n = strtol(optarg, &end, 10);
            if (errno != 0 || end == optarg || *end != '\0' || n < 1 || n > 1024)
                return usage_error("-j must be a number of stories at a time, 1 to 1024, not '%s'",
                                   optarg);
            batch.threads = (size_t)n;
            break;
        }
        case 'q':
            quiet = 1;
            break;
        case OPT_FORCE:
            batch.force = 1;
            break;
        case OPT_SHARD:
            if (parse_shard(&batch.shard, &batch.shard_count, optarg) < 0)
                return usage_error("--shard must be K/N with 1 <= K <= N, not '%s'", optarg);
            break;
        case OPT_MIN_SCORE:
            if (parse_unit_interval(&tmx->min_score, optarg) < 0)
                return usage_error("--min-score must be a number from 0 to 1, not '%s'", optarg);
            break;
        case OPT_QA_THRESHOLD:
            if (parse_unit_interval(&tmx->qa_threshold, optarg) < 0)
                return usage_error("--qa-threshold must be a number from 0 to 1, not '%s'",
                                   optarg);
            break;
        case OPT_SEGMENTED:
            segmented = 1;
            break;
        case OPT_LANG_CODE:
            tmx->lang_codes = optarg;
            break;
        case OPT_SKIP_LONG:
            tmx->skip_long = 1;
            break;
        case OPT_TSV:
            tmx->tsv = 1;
            break;
        case OPT_LEXICON:
            glossary = optarg;
            break;
        case OPT_DICTD:
            dictd_dir = optarg;
            break;
        case OPT_LEARNED:
            learned_dir = optarg;
            break;
        case OPT_NO_LEXICON:
            no_lexicon = 1;
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
    tma_options options = TMA_OPTIONS_INIT;
    /* Plain split output shows no anchors: finding them would only slow splitting down. */
    options.no_anchors = strcmp(command, "split") == 0 && strcmp(format, "text") == 0;
    options.segmented = segmented;
    options.no_lexicon = no_lexicon;
    options.glossary = glossary;
    options.dictd_dir = dictd_dir;
    options.learned_dir = learned_dir;
    int code;
    if (tma_ctx_new(&ctx, &options, &err) < 0 || tma_worker_new(&w, ctx, &err) < 0) {
        code = report(&err);
    } else if (strcmp(command, "align") == 0) {
        code = run_align(ctx, w, argv + optind, (size_t)(argc - optind), langs, output, tmx);
    } else if (strcmp(command, "batch") == 0) {
        batch.langs = langs;
        code = run_batch(ctx, argv + optind, (size_t)(argc - optind), output, &batch, quiet);
    } else if (strcmp(command, "merge") == 0) {
        code = run_merge(argv + optind, (size_t)(argc - optind), output);
    } else if (langs == NULL) {
        code = usage_error("split needs the language: -l LANG%s", "");
    } else if (!tma_lang_is_valid(langs)) {
        code = usage_error("'%s' is not a language code (use ISO 639-1: en, ru, hy)", langs);
    } else if (argc - optind > 1) {
        code = usage_error("split takes one FILE at most%s", "");
    } else if (check_empty_paths(argv + optind, (size_t)(argc - optind), "the FILE", NULL, NULL) !=
               EXIT_OK) {
        code = EXIT_USAGE;
    } else if (strcmp(format, "text") != 0 && strcmp(format, "jsonl") != 0) {
        code = usage_error("--format must be text or jsonl, not '%s'", format);
    } else {
        code = run_split(w, optind < argc ? argv[optind] : NULL, langs,
                         strcmp(format, "jsonl") == 0);
    }
    tma_worker_free(w);
    if (ctx != NULL)
        tma_ctx_preload_wait(ctx);
    /* The ctx is not freed: the process ends here, and the kernel takes its memory back at once,
     * where freeing the hunspell dictionaries block by block took 60 ms, a third of aligning a
     * small story. Held in a static, it stays reachable for leak checkers. */
    exiting_ctx = ctx;
    return code;
}
