#!/usr/bin/env bash
# Precision and recall of every QA finding kind (issue 19): the QA variant of bench/clean (defects
# at known places, make-qa-variant.py), bench/clean itself (nothing wrong) and bench/hard-s1 (the
# gold null beads), each aligned by `tmalign batch` per language set, scored by qa-score.py.
set -euo pipefail

BENCH_USAGE="usage: bench/qa-precision.sh [--seed N] [--json DIR] [TMALIGN]

Builds the QA variant of eval/alignment/bench/clean with make-qa-variant.py --seed N (default 19)
in a scratch folder, lays it out as batch corpora, one per language set (en,ru,hy for FLORES, en,ru
for WMT22: tests/accuracy/align-bench.sh --batch), runs 'tmalign batch' on them and on clean and
hard-s1, and prints qa-score.py's tables: per finding kind findings, true ones, precision, expected,
found and recall; per defect kind the share found. With --json DIR, also writes qa-score.py's
results there (VARIANT.KIND.json, for tests/accuracy/check-thresholds.py). TMALIGN defaults to
\$TMALIGN, else build/tmalign."

SEED=19
JSON_DIR=""
bench_option() {
    case $1 in
        --seed) SEED=$(bench_positive_int "$1" "$2") ;;
        --json) JSON_DIR=$2 ;;
        *) return 1 ;;
    esac
}

# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_setup "$@"
bench_print_header "QA findings: precision and recall per kind"
[[ -z $JSON_DIR ]] || mkdir -p "$JSON_DIR"

variants=(qa clean hard-s1)
python3 "$BENCH_DIR/make-qa-variant.py" "$EVAL_DIR/bench/clean" "$BENCH_TMP/qa" --seed "$SEED"
for variant in "${variants[@]}"; do
    dir=$EVAL_DIR/bench/$variant
    [[ $variant != qa ]] || dir=$BENCH_TMP/qa
    "$BENCH_REPO_ROOT/tests/accuracy/align-bench.sh" --batch "$TMALIGN" "$dir" \
        "$BENCH_TMP/out-$variant" >/dev/null
    json=()
    [[ -z $JSON_DIR ]] || json=(--json "$JSON_DIR/$variant")
    printf '\n## %s\n\n' "$variant"
    python3 "$BENCH_DIR/qa-score.py" --label "$variant" "${json[@]}" "$dir" \
        "$BENCH_TMP/out-$variant"/batch/out-*
done
printf '\n'
bench_print_load "at end"
printf 'commands: python3 bench/make-qa-variant.py CLEAN QA --seed %s;\n' "$SEED"
printf '          tests/accuracy/align-bench.sh --batch TMALIGN VARIANT OUT;\n'
printf '          python3 bench/qa-score.py VARIANT OUT/batch/out-*\n'
