#!/usr/bin/env bash
# Where `tmalign align -l en,ru` spends its instructions on a 20k-sentence newstest document:
# callgrind (inclusive and self cost per function), and perf when this machine has hardware
# counters. Not a test: it prints the profiles and the commands behind them.
set -euo pipefail

LINES=20000
TOP=15

BENCH_USAGE="usage: bench/profile.sh [--lines N] [--top K] [TMALIGN]

Builds the newstest en-ru document of N lines per side (default $LINES; bench/newstest.py, as
bench/align-scaling.sh does), runs 'tmalign align -l en,ru' on it under
'valgrind --tool=callgrind' and prints the top K (default $TOP) functions by inclusive and by
self instruction count (callgrind_annotate). If 'perf stat -e instructions true' counts
instructions here, also runs 'perf record' and prints 'perf report --stdio | head -40'.
A Release build has no line information, and inlined functions count towards their callers.
TMALIGN defaults to \$TMALIGN, else build/tmalign."

bench_option() {
    case $1 in
        --lines) LINES=$(bench_positive_int --lines "$2") ;;
        --top) TOP=$(bench_positive_int --top "$2") ;;
        *) return 1 ;;
    esac
}

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_tools() {
    local tool
    for tool in valgrind callgrind_annotate; do
        command -v "$tool" >/dev/null || bench_die "$tool is missing: install it with 'apt-get install valgrind'"
    done
}

# The first K function lines of a callgrind_annotate listing (after its "file:function" header),
# leaving out the loader and libc start-up frames that only wrap main. Reads to the end, so that
# callgrind_annotate is not killed by SIGPIPE (which pipefail would turn into a failure).
top_functions() { # K
    awk -v k="$1" '
        shown >= k { next }
        /file:function/ { started = 1; next }
        !started || !NF || /^-+$/ || /\(below main\)|ld-linux|libc_start_main/ { next }
        { print; shown++ }'
}

run_callgrind() { # DOC_DIR
    local dir=$1 out=$1/callgrind.out
    local -a run_cmd annotate_incl annotate_self
    run_cmd=(valgrind --tool=callgrind --callgrind-out-file="$out" "$TMALIGN" align -l "en,ru"
        -o "$dir/out.tmx" "$dir/en.txt" "$dir/ru.txt")
    annotate_incl=(callgrind_annotate --inclusive=yes "$out")
    annotate_self=(callgrind_annotate --inclusive=no "$out")
    printf '## callgrind (%s lines per side)\n' "$LINES"
    printf '$ %s\n' "$(bench_quote "${run_cmd[@]}")"
    "${run_cmd[@]}" 2>"$dir/callgrind.log" >/dev/null ||
        bench_die "callgrind failed:"$'\n'"$(tail -n 20 "$dir/callgrind.log")"
    grep -E '^==[0-9]+== (Collected|Events)' "$dir/callgrind.log" | sed 's/^==[0-9]*== /  /' || true
    printf '\n### top %s functions by inclusive instructions (Ir; start-up frames above main left out)\n$ %s\n' "$TOP" "$(bench_quote "${annotate_incl[@]}")"
    "${annotate_incl[@]}" | top_functions "$TOP"
    printf '\n### top %s functions by self instructions (Ir)\n$ %s\n' "$TOP" "$(bench_quote "${annotate_self[@]}")"
    "${annotate_self[@]}" | top_functions "$TOP"
}

perf_counts_instructions() {
    command -v perf >/dev/null || return 1
    local out
    out=$(perf stat -x, -e instructions true 2>&1 >/dev/null) || return 1
    [[ $out =~ ^[0-9]+,.*instructions ]]
}

run_perf() { # DOC_DIR
    local dir=$1
    local -a record_cmd report_cmd
    record_cmd=(perf record -o "$dir/perf.data" -- "$TMALIGN" align -l "en,ru" -o "$dir/out.tmx" "$dir/en.txt" "$dir/ru.txt")
    report_cmd=(perf report -i "$dir/perf.data" --stdio)
    printf '\n## perf\n'
    if ! perf_counts_instructions; then
        printf "skipped: 'perf stat -e instructions true' does not count instructions on this machine\n"
        printf '(no hardware counters, e.g. in a VM, or perf_event_paranoid = %s)\n' \
            "$(cat /proc/sys/kernel/perf_event_paranoid 2>/dev/null || echo unknown)"
        return 0
    fi
    printf '$ %s\n$ %s | head -40\n' "$(bench_quote "${record_cmd[@]}")" "$(bench_quote "${report_cmd[@]}")"
    "${record_cmd[@]}" >/dev/null 2>"$dir/perf.log" || bench_die "perf record failed:"$'\n'"$(tail -n 20 "$dir/perf.log")"
    "${report_cmd[@]}" 2>/dev/null | head -40 || true
}

main() {
    bench_setup "$@"
    require_tools
    local dir=$BENCH_TMP/doc
    bench_print_header "profile: tmalign align -l en,ru on $LINES newstest lines per side"
    mkdir -p "$dir"
    bench_newstest_text en "$LINES" "$dir/en.txt"
    bench_newstest_text ru "$LINES" "$dir/ru.txt"
    printf 'document: bench/newstest.py text --shared %s --lang en|ru --lines %s\n\n' "$SHARED_DIR" "$LINES"
    run_callgrind "$dir"
    run_perf "$dir"
    bench_print_load "at end"
}

main "$@"
