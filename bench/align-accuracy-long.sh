#!/usr/bin/env bash
# Alignment accuracy on one long document: the 18,819 lines of WMT newstest 2014-2020 en-ru, laid
# out as a one-document benchmark and scored by the shared scorer. Not a test: it prints figures
# and the commands behind them; tests/accuracy holds the thresholds.
set -euo pipefail

BENCH_USAGE="usage: bench/align-accuracy-long.sh [--lines N] [TMALIGN]

Writes newstest 2014-2020 en-ru (or its first N lines per side) as a benchmark document
(manifest.tsv, DOC/{en,ru}.{txt,seg,spans}, DOC/en-ru.gold: gold sentence k = line k, gold bead
k<TAB>k, paragraphs of 5 lines) with bench/newstest.py, aligns it from raw text with
'tmalign align -l en,ru -o SYS/DOC.tmx', and scores it with
'score.py --bench BENCH --pair en-ru --system SYS --format tmx'. One run: the result does not
vary. TMALIGN defaults to \$TMALIGN, else build/tmalign."

LINES=""

bench_option() {
    case $1 in
        --lines) LINES=$(bench_positive_int --lines "$2") ;;
        *) return 1 ;;
    esac
}

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

main() {
    bench_setup "$@"
    local bench=$BENCH_TMP/bench system=$BENCH_TMP/system doc
    local -a build_cmd align_cmd score_cmd
    build_cmd=(python3 "$BENCH_DIR/newstest.py" bench --shared "$SHARED_DIR" --out "$bench")
    [[ -z $LINES ]] || build_cmd+=(--lines "$LINES")
    bench_print_header "long-document accuracy: WMT newstest 2014-2020 en-ru as one document"
    doc=$("${build_cmd[@]}")
    mkdir -p "$system"
    align_cmd=("$TMALIGN" align -l "en,ru" -o "$system/$doc.tmx" "$bench/$doc/en.txt" "$bench/$doc/ru.txt")
    score_cmd=(python3 "$EVAL_DIR/score.py" --bench "$bench" --pair en-ru --system "$system" --format tmx)
    bench_wall_seconds "${align_cmd[@]}" >"$BENCH_TMP/align-seconds"
    printf 'gold: %s sentences per side, %s 1-1 beads; aligned in %.2f s\n\n' \
        "$(wc -l <"$bench/$doc/en.seg")" "$(wc -l <"$bench/$doc/en-ru.gold")" "$(cat "$BENCH_TMP/align-seconds")"
    "${score_cmd[@]}"
    printf '\nCommands:\n  %s\n  %s\n  %s\n' "$(bench_quote "${build_cmd[@]}")" \
        "$(bench_quote "${align_cmd[@]}")" "$(bench_quote "${score_cmd[@]}")"
    bench_print_load "at end"
}

main "$@"
