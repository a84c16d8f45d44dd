#!/usr/bin/env bash
# Sentences that translate nothing (issue 18): builds the swapped-sentences variant of bench/clean
# (bench/make-variant.py --swap 0.1 --seed 1: a tenth of one side's sentences of each document
# replaced by other documents' sentences), aligns it from raw text with batch, and checks with swapped.py the
# share of swapped sentences left unaligned or in a unit under the QA threshold (0.5), per pair,
# against thresholds.tsv (test "swapped"). Skips when ../shared/eval is missing.
set -u
# shellcheck source=tests/accuracy/lib.sh
. "$TMA_SOURCE_DIR/tests/accuracy/lib.sh"
here="$TMA_SOURCE_DIR/tests/accuracy"
variant="$TMA_TEST_OUT/swapped/swapped"
out="$TMA_TEST_OUT/swapped/tmx"
rm -rf "$TMA_TEST_OUT/swapped"
mkdir -p "$TMA_TEST_OUT/swapped"
python3 "$TMA_SOURCE_DIR/bench/make-variant.py" "$eval_dir/bench/clean" "$variant" --seed 1 \
    --swap 0.1 || exit 1
"$here/align-bench.sh" --batch "$TMALIGN" "$variant" "$out" || exit 1
results=()
for pair in en-ru en-hy ru-hy en-ru-hy; do
    json="$out/swapped.$pair.json"
    python3 "$here/swapped.py" "$variant" "$out" "$pair" --json "$json" || exit 1
    results+=("$json")
done
python3 "$here/check-thresholds.py" swapped "${results[@]}"
