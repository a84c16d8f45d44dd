#!/usr/bin/env bash
# The seed story's alignment against its gold (corpora/gold), scored by the shared scorer.
set -u
score="$TMA_SHARED_DIR/eval/alignment/score.py"
if [ ! -f "$score" ]; then
    echo "skipped: $score is missing"
    exit 77
fi
out="$TMA_TEST_OUT/accuracy-corpora"
rm -rf "$out"
mkdir -p "$out"
for en in corpora/en/*.txt; do
    name=$(basename "$en" .txt)
    "$TMALIGN" align "corpora/en/$name.txt" "corpora/ru/$name.txt" "corpora/hy/$name.txt" \
        -o "$out/$name.tmx" || exit 1
done
results=()
for pair in en-ru en-hy ru-hy en-ru-hy; do
    python3 "$score" --bench corpora/gold --pair "$pair" --system "$out" --format tmx \
        --json "$out/$pair.json" > "$out/$pair.log" || exit 1
    head -n 2 "$out/$pair.log"
    results+=("$out/$pair.json")
done
python3 "$TMA_SOURCE_DIR/tests/accuracy/check-thresholds.py" corpora "${results[@]}"
