#!/usr/bin/env bash
# Sentence-splitting throughput of `tmalign split` per language, in MB/s per core (the command is
# single-threaded) and sentences/s. Not a test: it prints medians and the commands behind them.
set -euo pipefail

BENCH_USAGE="usage: bench/split-throughput.sh [--runs N] [--mb MB] [--langs en,ru,hy] [TMALIGN]

Builds one input per language of at least MB megabytes (default 20) from the shared alignment
benchmark (eval/alignment/bench/clean/*/LANG.txt, and for en and ru the WMT newstest 2014-2020
lines in paragraphs of 5), repeated until it is that large, then times
'tmalign split -l LANG FILE > /dev/null' under /usr/bin/time -v N times (default 5) after one
untimed run that counts the sentences. TMALIGN defaults to \$TMALIGN, else build/tmalign."

TARGET_MB=20
LANG_LIST=en,ru,hy

bench_option() {
    case $1 in
        --mb) TARGET_MB=$(bench_positive_int --mb "$2") ;;
        --langs) LANG_LIST=$2 ;;
        *) return 1 ;;
    esac
}

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# One copy of every shared document in LANG, a blank line after each.
write_base_text() { # LANG OUT
    local lang=$1 out=$2 doc
    : >"$out"
    for doc in "$EVAL_DIR"/bench/clean/*/"$lang.txt"; do
        [[ -f $doc ]] || bench_die "no shared documents in '$lang' under $EVAL_DIR/bench/clean"
        cat "$doc" >>"$out"
        printf '\n' >>"$out"
    done
    if [[ $lang == en || $lang == ru ]]; then
        bench_newstest_text "$lang" "$(bench_newstest_lines_total)" "$BENCH_TMP/newstest.$lang"
        cat "$BENCH_TMP/newstest.$lang" >>"$out"
        printf '\n' >>"$out"
    fi
}

build_input() { # LANG OUT
    local lang=$1 out=$2
    local base=$BENCH_TMP/base.$lang
    write_base_text "$lang" "$base"
    : >"$out"
    while (($(bench_file_bytes "$out") < TARGET_MB * 1000000)); do
        cat "$base" >>"$out"
    done
}

count_sentences() { # LANG FILE
    local out=$BENCH_TMP/split-output.txt
    "$TMALIGN" split -l "$1" "$2" >"$out" || bench_die "failed: $(bench_quote "$TMALIGN" split -l "$1" "$2")"
    grep -c . "$out"
}

table_row() { # LANG BYTES SENTENCES MEDIAN_WALL_S MEDIAN_CPU_S
    python3 -c '
import sys
lang, size, sentences, s, cpu = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
print(f"| {lang} | {size / 1e6:.1f} | {sentences} | {s:.2f} | {cpu:.2f} | {size / 1e6 / s:.1f} | {sentences / s:.0f} |")
' "$@"
}

# Adds LANG's table row to ROWS and its command to COMMANDS.
measure_language() { # LANG
    local lang=$1
    local input=$BENCH_TMP/split-input.$lang.txt bytes sentences i wall cpu
    local -a walls=() cpus=()
    build_input "$lang" "$input"
    bytes=$(bench_file_bytes "$input")
    sentences=$(count_sentences "$lang" "$input")
    for ((i = 0; i < BENCH_RUNS; i++)); do
        read -r wall _ cpu < <(bench_time_v "$TMALIGN" split -l "$lang" "$input")
        walls+=("$wall") cpus+=("$cpu")
    done
    ROWS+=("$(table_row "$lang" "$bytes" "$sentences" "$(bench_median "${walls[@]}")" "$(bench_median "${cpus[@]}")")")
    COMMANDS+=("$lang: /usr/bin/time -v $(bench_quote "$TMALIGN" split -l "$lang" "$input") > /dev/null    # wall s: ${walls[*]}; CPU s: ${cpus[*]}")
}

main() {
    bench_setup "$@"
    bench_require_gnu_time
    bench_print_header "split throughput: tmalign split, median of $BENCH_RUNS runs per language"
    local lang langs
    ROWS=() COMMANDS=()
    IFS=, read -r -a langs <<<"$LANG_LIST"
    for lang in "${langs[@]}"; do
        measure_language "$lang"
    done
    printf '| lang | input MB | sentences | median wall s | median CPU s | MB/s per core | sentences/s |\n'
    printf '|---|---:|---:|---:|---:|---:|---:|\n'
    printf '%s\n' "${ROWS[@]}"
    printf '\nMB = 10^6 bytes of UTF-8 input; MB/s and sentences/s use the median wall time (split uses one core);\n'
    printf 'wall = "Elapsed (wall clock)" of /usr/bin/time -v (10 ms steps), CPU = its user + system time;\n'
    printf 'sentences = non-empty lines printed by split (counted in one untimed run first).\n'
    printf 'Input LANG = eval/alignment/bench/clean/*/LANG.txt, for en and ru + newstest 2014-2020 in paragraphs of\n'
    printf '5 lines (bench/newstest.py), a blank line after each document, repeated to >= %s MB.\n' "$TARGET_MB"
    printf 'Commands, each run %s times:\n' "$BENCH_RUNS"
    printf '  %s\n' "${COMMANDS[@]}"
    bench_print_load "at end"
}

main "$@"
