/* tmalign review: serves a batch's output folder for a reviewer's browser until Ctrl-C. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>

int cli_run_review(const cli_args *args)
{
    tma_error err = {0};
    tma_review_server *server = NULL;
    if (args->operand_count != 1)
        return cli_usage_error("give one folder, the output of tmalign batch%s", "");
    /* The server's thread inherits this mask: the signals come to sigwait below, here. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    if (tma_review_server_start(&server, args->operands[0], &args->review, &args->options, &err) <
        0)
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
