#!/usr/bin/env bash
# Aligns the shared benchmark (clean and hard-s1) from raw text and checks strict F1 against
# tests/accuracy/thresholds.tsv. Skips when ../shared/eval is missing.
set -u
eval_dir="$TMA_SHARED_DIR/eval/alignment"
if [ ! -f "$eval_dir/score.py" ]; then
    echo "skipped: $eval_dir is missing"
    exit 77
fi
here="$TMA_SOURCE_DIR/tests/accuracy"
results=()
for variant in clean hard-s1; do
    out="$TMA_TEST_OUT/bench/$variant"
    rm -rf "$out"
    "$here/align-bench.sh" "$TMALIGN" "$eval_dir/bench/$variant" "$out" || exit 1
    for spec in flores200:en-ru wmt22:en-ru flores200:en-hy flores200:en-ru-hy; do
        corpus=${spec%%:*} pair=${spec#*:}
        json="$out/$corpus.$pair.json"
        python3 "$eval_dir/score.py" --bench "$eval_dir/bench/$variant" --pair "$pair" \
            --corpus "$corpus" --system "$out" --format tmx --json "$json" > "$json.log" || exit 1
        head -n 2 "$json.log"
        results+=("$json")
    done
done
python3 "$here/check-thresholds.py" bench "${results[@]}"
