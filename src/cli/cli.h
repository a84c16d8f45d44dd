/* tmalign, the command: what its files share. options.c parses the command line and prints the
 * help from one table of options; messages.c prints errors and warnings and picks exit codes;
 * one file per command runs it (align.c, split.c, batch.c for batch and merge, languages.c). */
#ifndef TMA_CLI_H
#define TMA_CLI_H

#include "tmalign.h"

#include <stddef.h>

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

/* Everything the command line said, parsed (options.c). */
typedef struct cli_args {
    const char *command; /* "align", ... */
    char **operands;     /* the arguments that are not options, in order (borrowed from argv) */
    size_t operand_count;
    const char *langs;  /* -l, NULL if not given */
    const char *output; /* -o, NULL if not given */
    const char *format; /* split --format */
    int quiet;
    int all;                 /* languages --all */
    const char *review;      /* align --review, NULL if not given */
    tma_options options;     /* the ctx's */
    tma_batch_options batch; /* batch's; batch.tmx is what align takes too */
    tma_review_server_options server; /* review's */
} cli_args;

/* The command being run (main.c), whose help and flags messages name; "" before it is known. */
extern const char *cli_command;

/* ---- options.c ---- */

/* Parses the options of ARGV[2..ARGC) for ARGS->command into ARGS. Returns -1 when the command's
 * help or the version was asked for and printed (exit 0), EXIT_OK, or EXIT_USAGE after printing
 * what is wrong. */
int cli_parse(cli_args *args, int argc, char **argv);

/* 1 if COMMAND is one of tmalign's. */
int cli_is_command(const char *command);

/* Prints COMMAND's help alone to stdout, or the overview when COMMAND is NULL or "". Returns
 * EXIT_OK, or EXIT_USAGE (with a message) when there is no such command. */
int cli_help(const char *command);

/* The long name of the running command's option FIELD ("langs" -> "--langs") as it appears in
 * tma_error.option, NULL when the command has no such option. */
const char *cli_flag_of_field(const char *field, size_t len);

/* ---- messages.c ---- */

/* Prints ERR as one line, "tmalign: file:line:column: message (--flag)", and returns its exit
 * code. */
int cli_report(const tma_error *err);

/* Prints ERR, a problem that is not a failure, as one line, "tmalign: file: warning: message". */
void cli_warn(const tma_error *err);

/* Prints "tmalign: MESSAGE; see tmalign help COMMAND" (FMT with ARG) and returns EXIT_USAGE. */
int cli_usage_error(const char *fmt, const char *arg);

/* Refuses an empty path among PATHS[0..n) (WHAT_IN says what they are) and an empty OUTPUT
 * (WHAT_OUT says what -o names): EXIT_USAGE after a message, else EXIT_OK. */
int cli_check_empty_paths(char **paths, size_t n, const char *what_in, const char *output,
                          const char *what_out);

/* SOURCE_DATE_EPOCH, or -1 (now) when unset; prints a usage error and returns -2 when it is set
 * but not a number of seconds. */
long long cli_creation_time(void);

/* Prints one warning line for each of LANGS[0..n) that lacks something of its own (splitting
 * rules, a hunspell dictionary), naming what. Returns EXIT_OK, or the exit code after printing
 * an error. */
int cli_warn_generic(tma_ctx *ctx, const char *const *langs, size_t n);

/* Writes S to stderr with control characters shown as escapes (\n, \t, \xNN). */
void cli_put_escaped(const char *s);

/* ---- align.c ---- */

/* Fills LANGS[0..nfiles) from -l (LIST) or, without it, from the files' folders. Returns EXIT_OK,
 * or EXIT_USAGE after printing what is wrong. */
int cli_find_langs(char (*langs)[32], char **files, size_t nfiles, const char *list);

/* ---- the commands ---- */

int cli_run_align(tma_ctx *ctx, tma_worker *w, cli_args *args);
int cli_run_split(tma_worker *w, const cli_args *args);
int cli_run_batch(tma_ctx *ctx, cli_args *args);
int cli_run_merge(const cli_args *args);
int cli_run_languages(tma_ctx *ctx, const cli_args *args);
int cli_run_review(const cli_args *args);

#endif
