#!/usr/bin/env bash
# QA findings a reviewer can trust (issue 19): bench/qa-precision.sh builds the QA variant of
# bench/clean (defects at known places, bench/make-qa-variant.py), runs `tmalign batch` on it, on
# clean and on hard-s1, and scores the findings with bench/qa-score.py; check-thresholds.py then
# checks each kind's precision and recall, clean's units per finding and hard-s1's `unaligned`
# against thresholds.tsv (test "qa"). Skips when ../shared/eval is missing.
set -u
# shellcheck source=tests/accuracy/lib.sh
. "$TMA_SOURCE_DIR/tests/accuracy/lib.sh"
out="$TMA_TEST_OUT/qa"
rm -rf "$out"
"$TMA_SOURCE_DIR/bench/qa-precision.sh" --json "$out" "$TMALIGN" ||
    exit 1
python3 "$TMA_SOURCE_DIR/tests/accuracy/check-thresholds.py" qa "$out"/*.json
