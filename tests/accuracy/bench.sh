#!/usr/bin/env bash
# Aligns the shared benchmark and checks it against tests/accuracy/thresholds.tsv:
#   bench                  clean and hard-s1 from raw text (tmalign's own splitter), strict F1 of
#                          every pair and of en-ru-hy;
#   bench-gold-sentences   hard-s1 with the gold sentences handed to tmalign (--segmented), as the
#                          aligners in issue #4's table were measured;
#   confidence             strict precision of the hard-s1 pair units whose score is in the top 80%.
# Each language set's documents go through one `tmalign batch` (align-bench.sh --batch), which
# learns the en-hy and ru-hy lexicons over them. Skips when ../shared/eval is missing.
set -u
# shellcheck source=tests/accuracy/lib.sh
. "$TMA_SOURCE_DIR/tests/accuracy/lib.sh"
here="$TMA_SOURCE_DIR/tests/accuracy"
status=0

# score VARIANT OUT SPEC...: scores OUT against the variant for each corpus:pair SPEC.
score() {
    local variant=$1 out=$2
    shift 2
    for spec in "$@"; do
        local corpus=${spec%%:*} pair=${spec#*:}
        local json="$out/$corpus.$pair.json"
        python3 "$eval_dir/score.py" --bench "$eval_dir/bench/$variant" --pair "$pair" \
            --corpus "$corpus" --system "$out" --format tmx --json "$json" > "$json.log" || exit 1
        head -n 2 "$json.log"
        results+=("$json")
    done
}

specs=(flores200:en-ru wmt22:en-ru flores200:en-hy flores200:ru-hy flores200:en-ru-hy)
results=()
for variant in clean hard-s1; do
    out="$TMA_TEST_OUT/bench/$variant"
    rm -rf "$out"
    "$here/align-bench.sh" --batch "$TMALIGN" "$eval_dir/bench/$variant" "$out" || exit 1
    score "$variant" "$out" "${specs[@]}"
done
python3 "$here/check-thresholds.py" bench "${results[@]}" || status=1

results=()
out="$TMA_TEST_OUT/bench/hard-s1-gold-sentences"
rm -rf "$out"
"$here/align-bench.sh" --batch --gold-sentences "$TMALIGN" "$eval_dir/bench/hard-s1" "$out" || exit 1
score hard-s1 "$out" "${specs[@]}"
python3 "$here/check-thresholds.py" bench-gold-sentences "${results[@]}" || status=1

results=()
for pair in en-ru en-hy; do
    json="$TMA_TEST_OUT/bench/hard-s1/confidence.$pair.json"
    python3 "$here/confidence-curve.py" "$eval_dir/bench/hard-s1" "$TMA_TEST_OUT/bench/hard-s1" \
        "$pair" --json "$json" || exit 1
    results+=("$json")
done
python3 "$here/check-thresholds.py" confidence "${results[@]}" || status=1
exit $status
