/* tmalign, the command: parses options, calls the library, prints messages and picks the exit
 * code (docs/exit-codes.md). This file picks the command; cli.h says where the rest is. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

/* The ctx of the run, kept until the process ends (see the end of main); volatile, so that the
 * compiler keeps the store that leak checkers look for. */
static tma_ctx *volatile exiting_ctx;

/* Runs ARGS->command with a ctx and a worker made from its options. */
static int run(cli_args *args)
{
    tma_error err = {0};
    tma_ctx *ctx = NULL;
    tma_worker *w = NULL;
    const char *command = args->command;
    /* Plain split output shows no anchors: finding them would only slow splitting down. */
    args->options.no_anchors = strcmp(command, "split") == 0 && strcmp(args->format, "text") == 0;
    int code;
    if (tma_ctx_new(&ctx, &args->options, &err) < 0 || tma_worker_new(&w, ctx, &err) < 0)
        code = cli_report(&err);
    else if (strcmp(command, "merge") == 0)
        code = cli_run_merge(args);
    else if (strcmp(command, "align") == 0)
        code = cli_run_align(ctx, w, args);
    else if (strcmp(command, "batch") == 0)
        code = cli_run_batch(ctx, args);
    else if (strcmp(command, "split") == 0)
        code = cli_run_split(w, args);
    else if (strcmp(command, "review") == 0)
        code = cli_run_review(args);
    else
        code = cli_run_languages(ctx, args);
    tma_worker_free(w);
    if (ctx != NULL)
        tma_ctx_preload_wait(ctx);
    /* The ctx is not freed: the process ends here, and the kernel takes its memory back at once,
     * where freeing the hunspell dictionaries block by block took 60 ms, a third of aligning a
     * small story. Held in a static, it stays reachable for leak checkers. */
    exiting_ctx = ctx;
    return code;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return cli_usage_error("give a command: align, split, batch, merge, review or languages%s", "");
    const char *command = argv[1];
    if (strcmp(command, "--help") == 0 || strcmp(command, "-h") == 0)
        return cli_help(NULL);
    if (strcmp(command, "help") == 0) {
        if (argc > 3)
            return cli_usage_error("help takes one COMMAND at most%s", "");
        return cli_help(argc == 3 ? argv[2] : NULL);
    }
    if (strcmp(command, "--version") == 0 || strcmp(command, "-V") == 0) {
        printf("tmalign %s\n", TMA_VERSION);
        return EXIT_OK;
    }
    if (!cli_is_command(command))
        return cli_usage_error("unknown command '%s'", command);
    cli_command = command;
    cli_args args = {.command = command, .format = "text"};
    args.options = (tma_options)TMA_OPTIONS_INIT;
    args.batch = (tma_batch_options)TMA_BATCH_OPTIONS_INIT;
    int code = cli_parse(&args, argc, argv);
    if (code != EXIT_OK)
        return code < 0 ? EXIT_OK : code;
    return run(&args);
}
