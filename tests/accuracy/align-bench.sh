#!/usr/bin/env bash
# Aligns every document of a benchmark variant from raw text with tmalign and writes one TMX per
# document (plus pair files for three languages) into OUT_DIR, named as score.py expects.
# usage: align-bench.sh TMALIGN BENCH_VARIANT_DIR OUT_DIR
set -euo pipefail
tmalign=$1 bench=$2 out=$3
mkdir -p "$out"
tail -n +2 "$bench/manifest.tsv" | while IFS=$'\t' read -r doc _corpus _split langs _rest; do
    files=()
    for lang in ${langs//,/ }; do
        files+=("$bench/$doc/$lang.txt")
    done
    "$tmalign" align -l "$langs" -o "$out/$doc.tmx" "${files[@]}"
done
