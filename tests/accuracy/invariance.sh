#!/usr/bin/env bash
# Order and extra text (issue 18): tests/accuracy/invariance.py on 20 en-ru documents of
# bench/clean, checked against thresholds.tsv (test "invariance"). Skips when ../shared/eval is
# missing.
set -u
# shellcheck source=tests/accuracy/lib.sh
. "$TMA_SOURCE_DIR/tests/accuracy/lib.sh"
out="$TMA_TEST_OUT/invariance"
rm -rf "$out"
python3 "$TMA_SOURCE_DIR/tests/accuracy/invariance.py" "$TMALIGN" "$eval_dir/bench/clean" "$out" \
    --json "$out/invariance.json" || exit 1
python3 "$TMA_SOURCE_DIR/tests/accuracy/check-thresholds.py" invariance "$out/invariance.json"
