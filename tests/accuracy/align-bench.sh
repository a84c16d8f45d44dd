#!/usr/bin/env bash
# Aligns every document of a benchmark variant from raw text with tmalign and writes one TMX per
# document (plus pair files for three languages) into OUT_DIR, named as score.py expects. With
# --gold-sentences, tmalign gets the gold sentences instead (--segmented input made by
# gold-sentences.py), as the aligners of issue #4's table did. $TMA_ALIGN_OPTIONS (words separated
# by spaces) go to every align: --no-lexicon, --dictd DIR.
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
# One document per job, as many jobs as processors: each document is aligned on its own, so the
# TMX files do not depend on the order. xargs exits non-zero when any align fails.
export TMALIGN_BENCH_BIN=$tmalign TMALIGN_BENCH_IN=$input TMALIGN_BENCH_OUT=$out
export TMALIGN_BENCH_SEGMENTED="${segmented[*]:-} ${TMA_ALIGN_OPTIONS:-}"
tail -n +2 "$bench/manifest.tsv" | cut -f1,4 | xargs -P "$(nproc)" -L 1 bash -c '
    doc=$1 langs=$2 files=()
    for lang in ${langs//,/ }; do
        files+=("$TMALIGN_BENCH_IN/$doc/$lang.txt")
    done
    exec "$TMALIGN_BENCH_BIN" align $TMALIGN_BENCH_SEGMENTED -l "$langs" \
        -o "$TMALIGN_BENCH_OUT/$doc.tmx" "${files[@]}"' _
