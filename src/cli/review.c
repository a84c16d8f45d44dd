/* tmalign review: serves a batch's output folder, or one align output and its files, for a
 * reviewer's browser until Ctrl-C. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

int cli_run_review(const cli_args *args)
{
    tma_error err = {0};
    tma_review_server *server = NULL;
    tma_review_server_options o = args->server;
    char langs[TMA_MAX_LANGS][32];
    const char *lang_list[TMA_MAX_LANGS];
    size_t n = args->operand_count;
    const char *first = n ? args->operands[0] : "";
    size_t len = strlen(first);
    int align_output = len > 4 && strcmp(first + len - 4, ".tmx") == 0;
    if (n == 0 || (!align_output && n != 1))
        return cli_usage_error("give one folder, the output of tmalign batch, or X.tmx and the "
                               "files tmalign align made it from%s",
                               "");
    if (align_output) {
        if (n < 3 || n - 1 > TMA_MAX_LANGS)
            return cli_usage_error("give X.tmx and the 2 to 8 files tmalign align made it "
                                   "from%s",
                                   "");
        int code = cli_find_langs(langs, args->operands + 1, n - 1, args->langs);
        if (code != EXIT_OK)
            return code;
        for (size_t k = 0; k + 1 < n; k++)
            lang_list[k] = langs[k];
        o.files = (const char *const *)(args->operands + 1);
        o.langs = lang_list;
        o.file_count = n - 1;
    } else if (args->langs != NULL) {
        return cli_usage_error("--langs is for X.tmx and its files; a batch's folder says its "
                               "languages%s",
                               "");
    }
    /* The server's thread inherits this mask: the signals come to sigwait below, here. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    if (tma_review_server_start(&server, first, &o, &args->options, &err) < 0)
        return cli_report(&err);
    printf("tmalign review: serving %s at\n%s\n(Ctrl-C to stop)\n", args->operands[0],
           tma_review_server_url(server));
    fflush(stdout);
    int sig;
    sigwait(&stop, &sig);
    tma_review_server_stop(server);
    fprintf(stderr, "tmalign review: stopped\n");
    return EXIT_OK;
}
