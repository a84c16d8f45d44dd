#!/usr/bin/env bash
# End-to-end `tmalign align -l en,ru` wall time and peak memory against document length, on WMT
# newstest en-ru. Not a test: it prints medians, ratios and the commands behind them.
set -euo pipefail

BENCH_DEFAULT_RUNS=3
SIZES=1000,5000,18819,20000,100000
VARIANTS=clean,edited

BENCH_USAGE="usage: bench/align-scaling.sh [--runs N] [--sizes 1000,5000,...] [--variants clean,edited] [TMALIGN]

Times 'tmalign align -l en,ru -o OUT.tmx en.txt ru.txt' under /usr/bin/time -v, N times per size
(default 3), on documents of each size in lines (= gold sentences) per side (default
$SIZES; 18819 is the whole WMT newstest 2014-2020 en-ru once). The documents are the
newstest lines of 2014..2020 in order, repeated from the start for larger sizes, in paragraphs of
5 lines (bench/newstest.py). Prints median wall seconds, median peak RSS and their growth against
the smallest size, for each variant (default $VARIANTS): clean, the newstest lines as
published; edited, the same document with edits of the kind of the shared benchmark's hard-s1
(sentences merged, split and deleted, paragraphs dropped; bench/make-variant.py --seed 1), which
push the path far off the diagonal as a real long document does. TMALIGN defaults to \$TMALIGN,
else build/tmalign."

bench_option() {
    case $1 in
        --sizes)
            [[ $2 =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || bench_usage_error "--sizes wants numbers separated by commas, got '$2'"
            SIZES=$2
            ;;
        --variants)
            [[ $2 =~ ^(clean|edited)(,(clean|edited))?$ ]] || bench_usage_error "--variants wants clean, edited or both, got '$2'"
            VARIANTS=$2
            ;;
        *) return 1 ;;
    esac
}

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

build_document() { # VARIANT LINES DIR
    mkdir -p "$3"
    if [[ $1 == clean ]]; then
        bench_newstest_text en "$2" "$3/en.txt"
        bench_newstest_text ru "$2" "$3/ru.txt"
        return
    fi
    local doc
    doc=$(python3 "$BENCH_DIR/newstest.py" bench --shared "$SHARED_DIR" --out "$3/clean" --lines "$2")
    PYTHONPATH=$EVAL_DIR python3 "$BENCH_DIR/make-variant.py" "$3/clean" "$3/edited" --seed 1
    cp "$3/edited/$doc/en.txt" "$3/edited/$doc/ru.txt" "$3/"
}

# Appends "LINES INPUT_BYTES MEDIAN_S MEDIAN_RSS_KB MEDIAN_CPU_S" to RESULTS and the command to
# COMMANDS.
measure_size() { # VARIANT LINES
    local lines=$2 dir=$BENCH_TMP/$1-$2 bytes i wall rss cpu
    local -a walls=() rsses=() cpus=() cmd
    build_document "$1" "$lines" "$dir"
    bytes=$(($(bench_file_bytes "$dir/en.txt") + $(bench_file_bytes "$dir/ru.txt")))
    cmd=("$TMALIGN" align -l "en,ru" -o "$dir/out.tmx" "$dir/en.txt" "$dir/ru.txt")
    for ((i = 0; i < BENCH_RUNS; i++)); do
        read -r wall rss cpu < <(bench_time_v "${cmd[@]}")
        walls+=("$wall") rsses+=("$rss") cpus+=("$cpu")
        printf '  %s %6d lines, run %d/%d: %s s, %s KB, %s CPU s\n' "$1" "$lines" $((i + 1)) "$BENCH_RUNS" "$wall" "$rss" "$cpu" >&2
    done
    RESULTS+=("$lines $bytes $(bench_median "${walls[@]}") $(bench_median "${rsses[@]}") $(bench_median "${cpus[@]}")")
    COMMANDS+=("$1 $(printf '%6d' "$lines"): /usr/bin/time -v $(bench_quote "${cmd[@]}")    # wall s: ${walls[*]}; max RSS KB: ${rsses[*]}; CPU s: ${cpus[*]}")
}

print_table() { # "LINES BYTES SECONDS RSS_KB CPU_SECONDS"...
    python3 -c '
import sys
rows = [tuple(float(x) for x in r.split()) for r in sys.argv[1:]]
n0, _, t0, m0, c0 = rows[0]
t0, c0 = max(t0, 0.01), max(c0, 0.01)  # /usr/bin/time counts in 10 ms steps
base = f"{int(n0) // 1000}k" if n0 % 1000 == 0 else str(int(n0))
print(f"| lines/side | input MB (en+ru) | median wall s | median CPU s | peak RSS MB | wall s per 1k lines "
      f"| time(n)/time({base}) / (n/{base}) | cpu(n)/cpu({base}) / (n/{base}) | rss(n)/rss({base}) / (n/{base}) |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for n, size, t, m, cpu in rows:
    grow = n / n0
    print(f"| {int(n)} | {size / 1e6:.2f} | {t:.2f} | {cpu:.2f} | {m / 1024:.1f} | {t / n * 1000:.3f} "
          f"| {t / t0 / grow:.2f} | {cpu / c0 / grow:.2f} | {m / m0 / grow:.2f} |")
' "$@"
}

main() {
    bench_setup "$@"
    bench_require_gnu_time
    local sizes size
    IFS=, read -r -a sizes <<<"$SIZES"
    mapfile -t sizes < <(printf '%s\n' "${sizes[@]}" | sort -n -u)
    bench_print_header "align scaling: tmalign align -l en,ru, median of $BENCH_RUNS runs per size"
    COMMANDS=()
    # One untimed run so that the first timed one does not pay for loading the binary and ICU's data.
    build_document clean "${sizes[0]}" "$BENCH_TMP/warm-up"
    bench_time_v "$TMALIGN" align -l "en,ru" -o "$BENCH_TMP/warm-up/out.tmx" "$BENCH_TMP/warm-up/en.txt" "$BENCH_TMP/warm-up/ru.txt" >/dev/null
    local variant
    local -a variants
    IFS=, read -r -a variants <<<"$VARIANTS"
    for variant in "${variants[@]}"; do
        RESULTS=()
        for size in "${sizes[@]}"; do
            measure_size "$variant" "$size"
        done
        printf '\n%s:\n\n' "$variant"
        print_table "${RESULTS[@]}"
    done
    printf '\nlines/side = newstest lines (gold sentences) on each side; MB = 10^6 bytes; RSS = "Maximum resident\n'
    printf 'set size" of /usr/bin/time -v (MB = 1024 KB here), wall = its "Elapsed (wall clock)" (10 ms steps),\n'
    printf 'CPU = its user + system time (less disturbed by other processes than wall time).\n'
    printf 'The last three columns are about 1 where growth is linear, above 1 where it is faster than linear.\n'
    printf 'Documents: clean, bench/newstest.py text --shared %s --lang en|ru --lines LINES; edited,\n' "$SHARED_DIR"
    printf 'bench/newstest.py bench --lines LINES, then bench/make-variant.py CLEAN EDITED --seed 1\n'
    printf 'Commands, each run %s times:\n' "$BENCH_RUNS"
    printf '  %s\n' "${COMMANDS[@]}"
    bench_print_load "at end"
}

main "$@"
