/* The command line: the commands, their options in one table, parsing them, and the help printed
 * from that table. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    OPT_SOURCE_PATH,
    OPT_ALL,
    OPT_REVIEW,
    OPT_APPROVED_ONLY,
    OPT_PORT,
    OPT_HOST_NAME,
};

typedef struct cli_option {
    const char *command; /* the commands it belongs to, separated by spaces; "" for any */
    int short_name;      /* 0 if none; OPT_LONG_ONLY and up: none, getopt's value for the option */
    const char *long_name;
    const char *arg; /* NULL for a flag */
    const char *help;
} cli_option;

/* The options of every command. A long name means one thing in every command that has it.
 * The help prints this table; docs/tmalign.1 documents each entry, and tests/docs-options.sh
 * checks that both name every long option. */
static const cli_option OPTIONS[] = {
    {"", 'h', "help", NULL, "show this help and exit"},
    {"", 'V', "version", NULL, "show the version and exit"},
    {"align", 'l', "langs", "LIST", "the FILEs' languages in order (default: their folders)"},
    {"split", 'l', "langs", "LANG", "the language of the text (required)"},
    {"batch", 'l', "langs", "LIST", "the languages, source first (default: the folders)"},
    {"review", 'l', "langs", "LIST", "with X.tmx, the FILEs' languages (default: their folders)"},
    {"align", 'o', "output", "OUT.tmx", "the TMX to write (default: NAME.tmx here)"},
    {"batch", 'o', "output", "OUT", "the folder to write into (required)"},
    {"merge", 'o', "output", "OUT", "the folder to write into (required)"},
    {"align batch", 'q', "quiet", NULL, "print errors and warnings only"},
    {"align batch", OPT_SOURCE_PATH, "source-path", "HOW",
     "x-source-file: relative, as-given, name or none"},
    {"align batch", OPT_SEGMENTED, "segmented", NULL, "the input is one sentence per line"},
    {"align batch", OPT_MIN_SCORE, "min-score", "X", "leave out units scoring under X (0)"},
    {"align batch", OPT_QA_THRESHOLD, "qa-threshold", "X",
     "mark units under X low-confidence (0.05)"},
    {"align batch", OPT_LANG_CODE, "lang-code", "MAP", "xml:lang codes, as en=en-US,ru=ru-RU"},
    {"align batch", OPT_SKIP_LONG, "skip-long", NULL,
     "leave out units over 2000 characters, not flag them"},
    {"align batch", OPT_TSV, "tsv", NULL, "also write each pair as tab-separated text"},
    {"align batch review", OPT_LEXICON, "lexicon", "FILE", "a glossary: TERM<TAB>TRANSLATION lines"},
    {"align batch languages review", OPT_DICTD, "dictd", "DIR",
     "the dictd dictionaries (default /usr/share/dictd)"},
    {"align batch review", OPT_NO_LEXICON, "no-lexicon", NULL, "read no dictionary or glossary"},
    {"align", OPT_LEARNED, "learned", "OUT", "also read the lexicons a batch learned in OUT"},
    {"align", OPT_REVIEW, "review", "FILE",
     "apply the review file FILE (default: OUT.review.jsonl beside OUT.tmx, if there)"},
    {"align batch", OPT_APPROVED_ONLY, "approved-only", NULL,
     "write only the units a reviewer approved"},
    {"split", 'f', "format", "FORMAT", "text (default) or jsonl, with spans and anchors"},
    {"batch", 'j', "jobs", "N", "align N stories at a time (default: one per core)"},
    {"batch", OPT_FORCE, "force", NULL, "align up-to-date stories again too"},
    {"batch", OPT_SHARD, "shard", "K/N", "align only shard K of N (join them with merge)"},
    {"languages", OPT_ALL, "all", NULL, "list every ISO 639-1 language"},
    {"review", OPT_PORT, "port", "N", "listen on 127.0.0.1 port N (default 0: any free port)"},
    {"review", OPT_HOST_NAME, "host-name", "NAME", "also answer to NAME for 127.0.0.1"},
};
#define OPTION_COUNT (sizeof OPTIONS / sizeof OPTIONS[0])

typedef struct cli_command_help {
    const char *name;
    const char *usage;   /* what follows "tmalign NAME" */
    const char *summary; /* one line for the overview */
    const char *about;   /* the command's help, before its options */
} cli_command_help;

static const cli_command_help COMMANDS[] = {
    {"align", "[OPTION]... FILE FILE...", "align the versions of one story into TMX 1.4b",
     "Aligns the versions of a story sentence by sentence; the first FILE is the\n"
     "source. OUT.tmx holds the units that have every language; with three or more,\n"
     "OUT.L1-L2.tmx holds each pair's whole alignment. Ends with a line saying what\n"
     "it wrote."},
    {"split", "-l LANG [--format text|jsonl] [FILE]", "split a text into sentences",
     "Splits FILE (default: standard input) into sentences: one per line, a blank\n"
     "line between paragraphs."},
    {"batch", "CORPUS -o OUT [OPTION]...", "align every story of a corpus, with a QA report",
     "Aligns every story of CORPUS (a folder per language, a story being NAME.txt,\n"
     ".html, .htm, .docx or .odt in each) into OUT: NAME.tmx and its pair files,\n"
     "corpus.tmx (with three languages, corpus.L1-L2.tmx per pair too) and the QA\n"
     "report qa.html, qa.json, qa.tsv. Up-to-date stories are skipped. A story\n"
     "missing a language's file but with two others or more gets the pair files of\n"
     "those (no NAME.tmx), a warning and a missing-file finding; it is no failure."},
    {"merge", "OUT1 OUT2... -o OUT", "join the outputs of several batch runs (shards)",
     "Joins the OUT folders of batch runs over shards of one corpus into the one a\n"
     "single run would have written."},
    {"review", "OUT | X.tmx FILE FILE... [--port N] [--host-name NAME]",
     "review and correct an alignment in a browser",
     "Serves the batch output folder OUT as a local web page: the QA report with\n"
     "corrections (join, split, move a sentence, approve, reject, undo), each saved\n"
     "at once in OUT/NAME.review.jsonl, which tmalign batch applies. Given X.tmx and\n"
     "the FILEs tmalign align made it from, serves that one story, whose decisions\n"
     "go to X.review.jsonl. Listens on 127.0.0.1 only, opens nothing and prints the\n"
     "address to open, with its token; serves until Ctrl-C."},
    {"languages", "[--all] [--dictd DIR] [LANG]...", "list what tmalign has for each language",
     "Lists what tmalign has for each language: splitting rules, the hunspell\n"
     "dictionary, installed bilingual (dictd) dictionaries, its script and how its\n"
     "names are transliterated. Without LANG: the languages that have any of these."},
};
#define COMMAND_COUNT (sizeof COMMANDS / sizeof COMMANDS[0])

const char *cli_command = "";

static const cli_command_help *find_command(const char *name)
{
    for (size_t k = 0; k < COMMAND_COUNT; k++) {
        if (strcmp(COMMANDS[k].name, name) == 0)
            return &COMMANDS[k];
    }
    return NULL;
}

int cli_is_command(const char *command)
{
    return find_command(command) != NULL;
}

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

/* COMMAND's option called LONG_NAME (LEN bytes), NULL if none. */
static const cli_option *option_named(const char *command, const char *long_name, size_t len)
{
    for (size_t k = 0; k < OPTION_COUNT; k++) {
        const cli_option *o = &OPTIONS[k];
        if (belongs_to(o, command) && strlen(o->long_name) == len &&
            strncmp(o->long_name, long_name, len) == 0)
            return o;
    }
    return NULL;
}

/* The command's flag for each option field the library names in tma_error.option. */
static const struct {
    const char *field, *flag;
} OPTION_FLAGS[] = {
    {"langs", "langs"},
    {"lang_codes", "lang-code"},
    {"qa_threshold", "qa-threshold"},
    {"force", "force"},
    {"tsv", "tsv"},
    {"min_score", "min-score"},
    {"skip_long", "skip-long"},
    {"threads", "jobs"},
    {"shard", "shard"},
    {"segmented", "segmented"},
    {"lexicon", "lexicon"},
    {"source_path", "source-path"},
    {"approved_only", "approved-only"},
    {"port", "port"},
    {"host_name", "host-name"},
};

const char *cli_flag_of_field(const char *field, size_t len)
{
    for (size_t i = 0; i < sizeof OPTION_FLAGS / sizeof OPTION_FLAGS[0]; i++) {
        const char *flag = OPTION_FLAGS[i].flag;
        if (strlen(OPTION_FLAGS[i].field) == len && strncmp(OPTION_FLAGS[i].field, field, len) == 0)
            return option_named(cli_command, flag, strlen(flag)) ? flag : NULL;
    }
    return NULL;
}

/* ---- Help ---------------------------------------------------------------------------------- */

/* Prints TEXT from column INDENT, broken at spaces before column 80. */
static void print_wrapped(const char *text, int indent)
{
    int column = indent;
    while (*text) {
        int word = (int)strcspn(text, " ");
        if (column > indent && column + 1 + word > 80) {
            printf("\n%*s", indent, "");
            column = indent;
        } else if (column > indent) {
            putchar(' ');
            column++;
        }
        printf("%.*s", word, text);
        column += word;
        text += word;
        text += *text == ' ';
    }
    putchar('\n');
}

static void print_option(const cli_option *o)
{
    char left[64];
    int short_name = o->short_name < OPT_LONG_ONLY ? o->short_name : 0;
    if (short_name)
        snprintf(left, sizeof left, "-%c, --%s%s%s", short_name, o->long_name, o->arg ? " " : "",
                 o->arg ? o->arg : "");
    else
        snprintf(left, sizeof left, "    --%s%s%s", o->long_name, o->arg ? " " : "",
                 o->arg ? o->arg : "");
    printf("  %-24s ", left);
    print_wrapped(o->help, 27);
}

int cli_help(const char *command)
{
    if (command != NULL && command[0] != '\0') {
        const cli_command_help *c = find_command(command);
        if (c == NULL)
            return cli_usage_error("unknown command '%s'", command);
        printf("usage: tmalign %s %s\n\n%s\n\noptions:\n", c->name, c->usage, c->about);
        for (size_t k = 0; k < OPTION_COUNT; k++) {
            if (OPTIONS[k].command[0] != '\0' && belongs_to(&OPTIONS[k], c->name))
                print_option(&OPTIONS[k]);
        }
        return EXIT_OK;
    }
    printf("usage: tmalign COMMAND [OPTION]... [ARG]...\n\ncommands:\n");
    for (size_t k = 0; k < COMMAND_COUNT; k++)
        printf("  %-10s %s\n", COMMANDS[k].name, COMMANDS[k].summary);
    printf("\ntmalign help COMMAND, or tmalign COMMAND --help, shows a command's usage and "
           "options.\n\noptions:\n");
    for (size_t k = 0; k < OPTION_COUNT; k++) {
        if (OPTIONS[k].command[0] == '\0')
            print_option(&OPTIONS[k]);
    }
    printf("\nenvironment: SOURCE_DATE_EPOCH  creation date of the TMX, for reproducible output\n"
           "exit codes: 0 done, 1 internal error, 2 usage, 3 input refused, 4 file error, 5 out "
           "of memory,\n            6 input too large, 7 bad data table, 8 some stories failed "
           "(docs/exit-codes.md)\n");
    return EXIT_OK;
}

/* ---- Parsing ------------------------------------------------------------------------------- */

/* getopt_long's table for COMMAND, built from OPTIONS; SHORTS receives the short option string. */
static void getopt_table(struct option *longs, char *shorts, const char *command)
{
    size_t n = 0, s = 0;
    /* A leading ':' makes getopt return ':' for a missing value, not '?' as for an unknown one. */
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

/* The running command's option whose getopt value is VALUE, NULL if none. */
static const cli_option *option_of_value(int value)
{
    for (size_t k = 0; k < OPTION_COUNT; k++) {
        if (OPTIONS[k].short_name == value && belongs_to(&OPTIONS[k], cli_command))
            return &OPTIONS[k];
    }
    return NULL;
}

/* Refuses ARG, the word that was not an option of the command: names the commands that have
 * it, if any. */
static int unknown_option(const char *arg)
{
    const char *name = arg + strspn(arg, "-");
    size_t len = strcspn(name, "=");
    if (strncmp(arg, "--", 2) == 0 && len > 0) {
        /* getopt takes an unambiguous start of a name for the name ("--lang" for split's
         * --langs), and refuses one that starts several. */
        char starts[96] = "";
        size_t matches = 0;
        for (size_t k = 0; k < OPTION_COUNT; k++) {
            const cli_option *o = &OPTIONS[k];
            if (belongs_to(o, cli_command) && strncmp(o->long_name, name, len) == 0 &&
                strlen(starts) + strlen(o->long_name) + 5 < sizeof starts) {
                snprintf(starts + strlen(starts), sizeof starts - strlen(starts), "%s--%s",
                         matches++ ? ", " : "", o->long_name);
            }
        }
        if (matches > 1) {
            fprintf(stderr,
                    "tmalign: --%.*s could be %s; give the whole name; see tmalign help %s\n",
                    (int)len, name, starts, cli_command);
            return EXIT_USAGE;
        }
        char owners[64] = "";
        for (size_t k = 0; k < COMMAND_COUNT; k++) {
            if (option_named(COMMANDS[k].name, name, len) != NULL)
                snprintf(owners + strlen(owners), sizeof owners - strlen(owners), "%s%s",
                         owners[0] ? ", " : "", COMMANDS[k].name);
        }
        if (owners[0]) {
            fprintf(stderr, "tmalign: --%.*s is an option of %s, not of %s; see tmalign help %s\n",
                    (int)len, name, owners, cli_command, cli_command);
            return EXIT_USAGE;
        }
    }
    return cli_usage_error("unknown option %s", arg);
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

static int parse_source_path(tma_source_path *out, const char *s)
{
    static const char *const NAMES[] = {"relative", "as-given", "name", "none"};
    for (size_t k = 0; k < sizeof NAMES / sizeof NAMES[0]; k++) {
        if (strcmp(s, NAMES[k]) == 0) {
            *out = (tma_source_path)k;
            return 0;
        }
    }
    return -1;
}

/* Takes option C's value VALUE into ARGS. Returns EXIT_OK or EXIT_USAGE after a message. */
static int take_option(cli_args *args, int c, const char *value)
{
    tma_tmx_options *tmx = &args->batch.tmx;
    switch (c) {
    case 'l':
        args->langs = value;
        break;
    case 'o':
        args->output = value;
        break;
    case 'f':
        args->format = value;
        break;
    case 'j': {
        char *end;
        errno = 0;
        long n = strtol(value, &end, 10);
        if (errno != 0 || end == value || *end != '\0' || n < 1 || n > 1024)
            return cli_usage_error("--jobs must be a number of stories at a time, 1 to 1024, not "
                                   "'%s'",
                                   value);
        args->batch.threads = (size_t)n;
        break;
    }
    case 'q':
        args->quiet = 1;
        break;
    case OPT_FORCE:
        args->batch.force = 1;
        break;
    case OPT_SHARD:
        if (parse_shard(&args->batch.shard, &args->batch.shard_count, value) < 0)
            return cli_usage_error("--shard must be K/N with 1 <= K <= N, not '%s'", value);
        break;
    case OPT_MIN_SCORE:
        if (parse_unit_interval(&tmx->min_score, value) < 0)
            return cli_usage_error("--min-score must be a number from 0 to 1, not '%s'", value);
        break;
    case OPT_QA_THRESHOLD:
        if (parse_unit_interval(&tmx->qa_threshold, value) < 0)
            return cli_usage_error("--qa-threshold must be a number from 0 to 1, not '%s'", value);
        break;
    case OPT_SOURCE_PATH:
        if (parse_source_path(&tmx->source_path, value) < 0)
            return cli_usage_error("--source-path must be relative, as-given, name or none, not "
                                   "'%s'",
                                   value);
        break;
    case OPT_SEGMENTED:
        args->options.segmented = 1;
        break;
    case OPT_LANG_CODE:
        tmx->lang_codes = value;
        break;
    case OPT_SKIP_LONG:
        tmx->skip_long = 1;
        break;
    case OPT_TSV:
        tmx->tsv = 1;
        break;
    case OPT_LEXICON:
        args->options.glossary = value;
        break;
    case OPT_DICTD:
        args->options.dictd_dir = value;
        break;
    case OPT_LEARNED:
        args->options.learned_dir = value;
        break;
    case OPT_NO_LEXICON:
        args->options.no_lexicon = 1;
        break;
    case OPT_ALL:
        args->all = 1;
        break;
    case OPT_REVIEW:
        args->review = value;
        break;
    case OPT_APPROVED_ONLY:
        tmx->approved_only = 1;
        break;
    case OPT_PORT: {
        char *end;
        errno = 0;
        long n = strtol(value, &end, 10);
        if (errno != 0 || end == value || *end != '\0' || n < 0 || n > 65535)
            return cli_usage_error("--port must be a port number, 0 to 65535, not '%s'", value);
        args->server.port = (unsigned)n;
        break;
    }
    case OPT_HOST_NAME:
        args->server.host_name = value;
        break;
    }
    return EXIT_OK;
}

int cli_parse(cli_args *args, int argc, char **argv)
{
    struct option longs[OPTION_COUNT + 1];
    char shorts[2 * OPTION_COUNT + 2];
    getopt_table(longs, shorts, args->command);
    int c;
    optind = 2;
    opterr = 0;
    while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
        const cli_option *o = option_of_value(c == ':' ? optopt : c);
        if (c == 'h')
            return cli_help(args->command) == EXIT_OK ? -1 : EXIT_USAGE;
        if (c == 'V') {
            printf("tmalign %s\n", TMA_VERSION);
            return -1;
        }
        /* A value that is the next option ("-l -o x.tmx") is a value left out. */
        if (c == ':' || (o != NULL && o->arg != NULL && optarg[0] == '-' && optarg[1] != '\0')) {
            fprintf(stderr, "tmalign: --%s needs a value (%s)%s%s; see tmalign help %s\n",
                    o ? o->long_name : "?", o ? o->arg : "?", c == ':' ? "" : ", not the option ",
                    c == ':' ? "" : optarg, cli_command);
            return EXIT_USAGE;
        }
        if (o == NULL)
            return unknown_option(argv[optind - 1]);
        if (take_option(args, c, optarg) != EXIT_OK)
            return EXIT_USAGE;
    }
    args->operands = argv + optind;
    args->operand_count = (size_t)(argc - optind);
    return EXIT_OK;
}
