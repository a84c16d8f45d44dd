# shellcheck shell=bash disable=SC2034 # the variables set here are read by the scripts
# Helpers shared by the benchmark scripts in bench/; sourced, not run.
#
# A script sets BENCH_USAGE (its --help text) and may define bench_option NAME VALUE for its own
# options (return 1 for an unknown one), then calls bench_setup "$@". After that it has:
#   TMALIGN      absolute path of the binary under test (argument, else $TMALIGN, else build/tmalign)
#   SHARED_DIR   the shared data ($TMA_SHARED_DIR, else ../shared beside the repository)
#   EVAL_DIR     $SHARED_DIR/eval/alignment
#   BENCH_TMP    a scratch folder, removed when the script exits
#   BENCH_RUNS   runs per measurement (--runs, default BENCH_DEFAULT_RUNS or 5)
#   BENCH_DIR    this folder

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH_REPO_ROOT=$(cd "$BENCH_DIR/.." && pwd)

bench_die() {
    printf '%s: %s\n' "$(basename "$0")" "$*" >&2
    exit 1
}

bench_usage_error() {
    printf '%s: %s\n\n%s\n' "$(basename "$0")" "$*" "$BENCH_USAGE" >&2
    exit 2
}

# Scripts without options of their own keep this one.
if ! declare -F bench_option >/dev/null; then
    bench_option() { return 1; }
fi

bench_positive_int() { # NAME VALUE
    [[ $2 =~ ^[1-9][0-9]*$ ]] || bench_usage_error "$1 needs a positive whole number, got '$2'"
    printf '%s\n' "$2"
}

bench_parse_args() {
    local binary=""
    BENCH_RUNS=${BENCH_DEFAULT_RUNS:-5}
    while (($#)); do
        case $1 in
            -h | --help)
                printf '%s\n' "$BENCH_USAGE"
                exit 0
                ;;
            --runs)
                (($# >= 2)) || bench_usage_error "--runs needs a value"
                BENCH_RUNS=$(bench_positive_int --runs "$2")
                shift 2
                ;;
            --*)
                (($# >= 2)) || bench_usage_error "unknown option or missing value: $1"
                bench_option "$1" "$2" || bench_usage_error "unknown option: $1"
                shift 2
                ;;
            *)
                [[ -z $binary ]] || bench_usage_error "one tmalign binary only (got '$binary' and '$1')"
                binary=$1
                shift
                ;;
        esac
    done
    BENCH_TMALIGN_ARG=${binary:-${TMALIGN:-$BENCH_REPO_ROOT/build/tmalign}}
}

bench_find_tmalign() {
    [[ -x $BENCH_TMALIGN_ARG && -f $BENCH_TMALIGN_ARG ]] ||
        bench_die "no tmalign binary at '$BENCH_TMALIGN_ARG'; build one (cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build -j) or pass its path"
    TMALIGN=$(cd "$(dirname "$BENCH_TMALIGN_ARG")" && pwd)/$(basename "$BENCH_TMALIGN_ARG")
}

bench_find_shared() {
    SHARED_DIR=${TMA_SHARED_DIR:-$BENCH_REPO_ROOT/../shared}
    EVAL_DIR=$SHARED_DIR/eval/alignment
    [[ -f $EVAL_DIR/score.py ]] ||
        bench_die "shared data not found at '$SHARED_DIR' (set TMA_SHARED_DIR to the folder that holds eval/)"
    SHARED_DIR=$(cd "$SHARED_DIR" && pwd)
    EVAL_DIR=$SHARED_DIR/eval/alignment
}

bench_make_tmp() {
    BENCH_TMP=$(mktemp -d "${TMPDIR:-/tmp}/tmalign-bench.XXXXXX")
    trap 'rm -rf -- "$BENCH_TMP"' EXIT
    trap 'exit 130' INT TERM
}

# WORD... as one line a shell reads back as the same words (single quotes only where needed).
bench_quote() {
    local out="" word
    for word in "$@"; do
        if [[ ! $word =~ ^[A-Za-z0-9_./,:=+@%-]+$ ]]; then
            word="'${word//\'/\'\\\'\'}'"
        fi
        out+="${out:+ }$word"
    done
    printf '%s\n' "$out"
}

bench_setup() {
    # set -e alone would stop a script without a word.
    set -o errtrace
    trap 'bench_die "failed with status $? at line $LINENO: $BASH_COMMAND"' ERR
    BENCH_INVOCATION=$(bench_quote "$0" "$@")
    bench_parse_args "$@"
    bench_find_tmalign
    bench_find_shared
    bench_make_tmp
}

# What was measured, where and when: printed first by every script.
bench_print_header() { # TITLE
    local cpu commit
    cpu=$(grep -m1 '^model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')
    commit=$(git -C "$BENCH_REPO_ROOT" describe --always --dirty 2>/dev/null || echo unknown)
    printf '# %s\n' "$1"
    printf 'date:     %s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
    printf 'machine:  %s cores, %s, %s\n' "$(nproc)" "${cpu:-unknown CPU}" "$(uname -sr)"
    printf 'tmalign:  %s (%s, built %s; repository at run time: %s)\n' "$TMALIGN" \
        "$("$TMALIGN" --version 2>&1 | head -n1)" "$(date -u -r "$TMALIGN" '+%Y-%m-%d %H:%M UTC')" "$commit"
    printf 'shared:   %s\n' "$SHARED_DIR"
    printf 'run as:   %s\n' "$BENCH_INVOCATION"
    printf 'scratch:  %s (removed at exit)\n' "$BENCH_TMP"
    bench_print_load "at start"
    printf '\n'
}

# Other processes on this 2-core machine slow the wall clock: the load average goes with every result.
bench_print_load() { # WHEN
    printf 'load:     %s %s (1, 5, 15 min averages)\n' "$(cut -d' ' -f1-3 /proc/loadavg)" "$1"
}

bench_median() { # NUMBER...
    python3 -c 'import statistics, sys; print(statistics.median(float(x) for x in sys.argv[1:]))' "$@"
}

bench_file_bytes() {
    stat -c %s "$1"
}

# One long en-ru document side from WMT newstest (see newstest.py): LANG LINES OUT.
bench_newstest_text() {
    python3 "$BENCH_DIR/newstest.py" text --shared "$SHARED_DIR" --lang "$1" --lines "$2" >"$3"
}

bench_newstest_lines_total() {
    cat "$EVAL_DIR"/raw/wmt-newstest/newstest20{14..20}.en | wc -l
}

# Wall seconds of CMD... with its standard output thrown away (bash's clock, microseconds).
# Stops the script, showing standard error, when the command fails.
bench_wall_seconds() {
    local log=$BENCH_TMP/cmd.stderr start end
    start=$EPOCHREALTIME
    "$@" >/dev/null 2>"$log" || bench_die "failed: $(bench_quote "$@")"$'\n'"$(tail -n 20 "$log")"
    end=$EPOCHREALTIME
    python3 -c 'import sys; print(f"{float(sys.argv[2]) - float(sys.argv[1]):.6f}")' "$start" "$end"
}

bench_require_gnu_time() {
    if [[ ! -x /usr/bin/time ]] || ! /usr/bin/time -v true >/dev/null 2>&1; then
        bench_die "/usr/bin/time (GNU time, with -v) is missing: install it with 'apt-get install time'"
    fi
}

# Runs CMD... under GNU time -v and prints "WALL_SECONDS MAX_RSS_KB CPU_SECONDS" from its
# "Elapsed (wall clock)" (10 ms steps), "Maximum resident set size" and user + system time lines.
bench_time_v() {
    local report=$BENCH_TMP/time-v.txt log=$BENCH_TMP/cmd.stderr
    /usr/bin/time -v -o "$report" "$@" >/dev/null 2>"$log" ||
        bench_die "failed: $(bench_quote "$@")"$'\n'"$(tail -n 20 "$log")"
    awk -F': ' '
        /Elapsed \(wall clock\)/ {
            n = split($NF, part, ":"); wall = 0
            for (i = 1; i <= n; i++) wall = wall * 60 + part[i]
        }
        /Maximum resident set size/ { rss = $NF }
        /(User|System) time \(seconds\)/ { cpu += $NF }
        END {
            if (wall == "" || rss == "") exit 1
            printf "%.2f %d %.2f\n", wall, rss, cpu
        }' "$report" || bench_die "could not read $report"
}
