/* tmalign batch and tmalign merge: a corpus into a folder of outputs, and shards into one. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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
    tma_ctx *ctx;                    /* for the warnings about the run's languages */
    int tty;                         /* stderr is a terminal: one line, redrawn */
    int quiet;                       /* no progress at all, errors and warnings only */
    int warned;                      /* the languages' warnings are out */
    size_t aligned, skipped, failed; /* counts at the previous call */
    int drawn;                       /* a progress line is on the terminal */
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
 * one line each, as for any command. Before the first story's line, a warning for each language
 * of the run with generic support (the library picks the languages when --langs is not given). */
static void print_progress(const tma_batch_progress *p, void *arg)
{
    progress_view *v = arg;
    if (!v->warned) {
        v->warned = 1;
        cli_warn_generic(v->ctx, p->langs, p->lang_count);
    }
    const char *what = p->aligned > v->aligned   ? "aligned"
                       : p->skipped > v->skipped ? "up to date"
                                                 : "failed";
    v->aligned = p->aligned;
    v->skipped = p->skipped;
    v->failed = p->failed;
    if (v->drawn && (p->error_count > 0 || p->warning_count > 0 || v->quiet)) {
        fputs("\r\033[K", stderr);
        v->drawn = 0;
    }
    for (size_t i = 0; i < p->error_count; i++)
        cli_report(&p->errors[i]);
    for (size_t i = 0; i < p->warning_count; i++) {
        if (p->warnings[i].code != TMA_OK)
            cli_warn(&p->warnings[i]);
    }
    if (v->quiet)
        return;
    if (!v->tty) {
        fprintf(stderr, "tmalign: [%zu/%zu] %s%s: %s\n", p->done, p->total, what,
                p->warning_count > 0 ? " (partial)" : "", p->story);
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
    if (!quiet) {
        fprintf(stderr, "tmalign: %zu stories: aligned %zu, skipped %zu (up to date), failed %zu",
                r->total, r->aligned, r->skipped, r->failed);
        /* Said only when there are some: the line of a run without is as it always was. */
        if (r->partial > 0)
            fprintf(stderr, ", partial %zu (a language missing: its pairs only)", r->partial);
        fprintf(stderr, "; report: %s/qa.html\n", output);
    }
    return r->failed > 0 ? EXIT_STORIES_FAILED : EXIT_OK;
}

int cli_run_batch(tma_ctx *ctx, cli_args *args)
{
    tma_error err = {0};
    tma_batch_result result;
    progress_view view = {ctx, isatty(STDERR_FILENO), args->quiet, 0, 0, 0, 0, 0};
    tma_batch_options *options = &args->batch;
    if (args->operand_count != 1)
        return cli_usage_error("batch takes one CORPUS folder%s", "");
    if (args->output == NULL)
        return cli_usage_error("batch needs the output folder: -o OUT%s", "");
    if (cli_check_empty_paths(args->operands, 1, "the CORPUS folder", args->output,
                              "folder to write into") != EXIT_OK)
        return EXIT_USAGE;
    long long when = cli_creation_time();
    if (when == -2)
        return EXIT_USAGE;
    options->langs = args->langs;
    options->tmx.creation_time = when;
    options->progress = print_progress;
    options->progress_arg = &view;
    catch_stop_signals();
    if (tma_batch_run(&result, ctx, args->operands[0], args->output, options, &err) < 0)
        return cli_report(&err);
    return batch_outcome(&result, args->output, args->quiet);
}

int cli_run_merge(const cli_args *args)
{
    tma_error err = {0};
    tma_batch_result result;
    if (args->operand_count < 1)
        return cli_usage_error("merge needs the folders to join%s", "");
    if (args->output == NULL)
        return cli_usage_error("merge needs the output folder: -o OUT%s", "");
    if (cli_check_empty_paths(args->operands, args->operand_count, "a folder to join", args->output,
                              "folder to write into") != EXIT_OK)
        return EXIT_USAGE;
    long long when = cli_creation_time();
    if (when == -2)
        return EXIT_USAGE;
    if (tma_batch_merge(&result, (const char *const *)args->operands, args->operand_count,
                        args->output, when, &err) < 0)
        return cli_report(&err);
    return batch_outcome(&result, args->output, 1);
}
