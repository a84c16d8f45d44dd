#!/usr/bin/env bash
# `tmalign batch` throughput on the whole shared alignment benchmark with -j 1 and -j 2: stories
# per second and the speed-up. Not a test: it prints medians, ratios and the commands behind them.
set -euo pipefail

BENCH_DEFAULT_RUNS=5

BENCH_USAGE="usage: bench/batch-throughput.sh [--runs N] [--docs-per-story K] [TMALIGN]

Lays out every document of the shared benchmark (eval/alignment/bench/clean and hard-s1) as two
batch corpora: FLORES-200 (188 stories in en, ru and hy) and WMT22 (222 stories in en and ru), a
story being VARIANT-DOC.txt in each language folder. Times 'tmalign batch CORPUS -o OUT -j J -q
--force' under /usr/bin/time -v for J = 1 and 2, N times each (default 5), alternating, and prints
the median wall and CPU seconds, stories per second and the -j 2 speed-up. With --docs-per-story
K (default 1), each story holds K consecutive documents (their paragraphs one after another): the
same text in fewer, larger stories, which shows what per-story costs take. TMALIGN defaults to
\$TMALIGN, else build/tmalign."

DOCS_PER_STORY=1
bench_option() {
    case $1 in
        --docs-per-story) DOCS_PER_STORY=$(bench_positive_int "$1" "$2") ;;
        *) return 1 ;;
    esac
}

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

build_corpus() { # NAME PREFIX LANGS...
    local name=$1 prefix=$2 variant doc lang story count=0
    shift 2
    for variant in clean hard-s1; do
        for doc in "$EVAL_DIR/bench/$variant/$prefix"*/; do
            doc=${doc%/}
            story=$(printf '%s-%04d' "$variant" $((count / DOCS_PER_STORY)))
            ((DOCS_PER_STORY > 1)) || story=$variant-$(basename "$doc")
            for lang in "$@"; do
                mkdir -p "$BENCH_TMP/$name/$lang"
                # A blank line between documents keeps their paragraphs apart.
                [[ ! -s $BENCH_TMP/$name/$lang/$story.txt ]] || echo >>"$BENCH_TMP/$name/$lang/$story.txt"
                cat "$doc/$lang.txt" >>"$BENCH_TMP/$name/$lang/$story.txt"
            done
            count=$((count + 1))
        done
    done
}

main() {
    bench_setup "$@"
    bench_require_gnu_time
    bench_print_header "batch throughput: tmalign batch -j 1 and -j 2, median of $BENCH_RUNS runs, $DOCS_PER_STORY document(s) per story"
    build_corpus flores flores- en ru hy
    build_corpus wmt wmt22- en ru
    local corpus jobs run wall rss cpu stories
    local -a rows=() commands=()
    for corpus in flores wmt; do
        stories=$(find "$BENCH_TMP/$corpus/en" -name '*.txt' | wc -l)
        local -a walls1=() walls2=() cpus1=() cpus2=()
        # One untimed run: the first pays for reading the inputs and the dictionaries from disk.
        bench_time_v "$TMALIGN" batch "$BENCH_TMP/$corpus" -o "$BENCH_TMP/out-$corpus" -q >/dev/null
        for ((run = 0; run < BENCH_RUNS; run++)); do
            for jobs in 1 2; do
                read -r wall rss cpu < <(bench_time_v "$TMALIGN" batch "$BENCH_TMP/$corpus" \
                    -o "$BENCH_TMP/out-$corpus-$jobs" -j "$jobs" -q --force)
                eval "walls$jobs+=(\"\$wall\") cpus$jobs+=(\"\$cpu\")"
                printf '  %s -j %d, run %d/%d: %s s, %s CPU s\n' "$corpus" "$jobs" $((run + 1)) \
                    "$BENCH_RUNS" "$wall" "$cpu" >&2
            done
        done
        rows+=("$corpus $stories $(bench_median "${walls1[@]}") $(bench_median "${cpus1[@]}") $(bench_median "${walls2[@]}") $(bench_median "${cpus2[@]}")")
        for jobs in 1 2; do
            commands+=("/usr/bin/time -v $(bench_quote "$TMALIGN" batch "$BENCH_TMP/$corpus" -o "$BENCH_TMP/out-$corpus-$jobs" -j "$jobs" -q --force)")
        done
    done
    python3 -c '
import sys
print("| corpus | stories | -j 1 wall s | -j 1 CPU s | -j 2 wall s | -j 2 CPU s | -j 1 stories/s | -j 2 stories/s | speed-up |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for row in sys.argv[1:]:
    name, n, w1, c1, w2, c2 = row.split()
    n, w1, c1, w2, c2 = int(n), float(w1), float(c1), float(w2), float(c2)
    print(f"| {name} | {n} | {w1:.2f} | {c1:.2f} | {w2:.2f} | {c2:.2f} | {n / w1:.0f} | {n / w2:.0f} | {w1 / w2:.2f} |")
' "${rows[@]}"
    printf '\nwall = "Elapsed (wall clock)" of /usr/bin/time -v (10 ms steps); CPU = user + system time.\n'
    printf 'Commands, each run %s times (-j 1 and -j 2 alternating):\n' "$BENCH_RUNS"
    printf '  %s\n' "${commands[@]}"
    bench_print_load "at end"
}

main "$@"
