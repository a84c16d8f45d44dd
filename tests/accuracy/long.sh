#!/usr/bin/env bash
# One long document (issue 21): WMT newstest 2014-2020 en-ru as one 18.8k-sentence document,
# ../shared/eval/alignment/long/{clean,hard-s1}, aligned from raw text by `tmalign align` and
# checked against thresholds.tsv (test "long"). Skips when ../shared/eval is missing.
set -u
# shellcheck source=tests/accuracy/lib.sh
. "$TMA_SOURCE_DIR/tests/accuracy/lib.sh"
doc=newstest2014-2020-enru
results=()
for variant in clean hard-s1; do
    bench="$eval_dir/long/$variant"
    out="$TMA_TEST_OUT/long/$variant"
    rm -rf "$out"
    mkdir -p "$out"
    "$TMALIGN" align -q -l en,ru -o "$out/$doc.tmx" "$bench/$doc/en.txt" "$bench/$doc/ru.txt" ||
        exit 1
    python3 "$eval_dir/score.py" --bench "$bench" --pair en-ru --system "$out" --format tmx \
        --json "$out/score.json" > "$out/score.log" || exit 1
    head -n 2 "$out/score.log"
    results+=("$out/score.json")
done
python3 "$TMA_SOURCE_DIR/tests/accuracy/check-thresholds.py" long "${results[@]}"
