#!/usr/bin/env bash
# Aligns every document of a benchmark variant from raw text with tmalign and writes one TMX per
# document (plus pair files for three languages) into OUT_DIR, named as score.py expects. With
# --gold-sentences, tmalign gets the gold sentences instead (--segmented input made by
# gold-sentences.py), as the aligners of issue #4's table did.
# usage: align-bench.sh [--gold-sentences] TMALIGN BENCH_VARIANT_DIR OUT_DIR
set -euo pipefail
segmented=()
if [ "$1" = --gold-sentences ]; then
    segmented=(--segmented)
    shift
fi
tmalign=$1 bench=$2 out=$3
mkdir -p "$out"
if [ ${#segmented[@]} -gt 0 ]; then
    python3 "$(dirname "$0")/gold-sentences.py" "$bench" "$out/input"
    input=$out/input
else
    input=$bench
fi
tail -n +2 "$bench/manifest.tsv" | while IFS=$'\t' read -r doc _corpus _split langs _rest; do
    files=()
    for lang in ${langs//,/ }; do
        files+=("$input/$doc/$lang.txt")
    done
    "$tmalign" align "${segmented[@]}" -l "$langs" -o "$out/$doc.tmx" "${files[@]}"
done
