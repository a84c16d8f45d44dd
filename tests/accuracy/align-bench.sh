#!/usr/bin/env bash
# Aligns every document of a benchmark variant from raw text with tmalign and writes one TMX per
# document (plus pair files for three languages) into OUT_DIR, named as score.py expects. With
# --gold-sentences, tmalign gets the gold sentences instead (--segmented input made by
# gold-sentences.py), as the aligners of issue #4's table did. With --batch, the documents of each
# language set go through one `tmalign batch` (which learns lexicons for the pairs without a
# dictionary over them all, issue 18) instead of one `align` each. $TMA_ALIGN_OPTIONS (words
# separated by spaces) go to every align or batch: --no-lexicon, --dictd DIR.
# usage: align-bench.sh [--batch] [--gold-sentences] TMALIGN BENCH_VARIANT_DIR OUT_DIR
set -euo pipefail
segmented=()
batch=0
if [ "$1" = --batch ]; then
    batch=1
    shift
fi
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
if [ "$batch" = 1 ]; then
    # One corpus per language set (copies: a batch refuses links that lead out of its corpus).
    for langs in $(tail -n +2 "$bench/manifest.tsv" | cut -f4 | sort -u); do
        corpus="$out/batch/corpus-$langs"
        # One process copies them all: a cp per file took most of the time on a loaded machine.
        python3 - "$bench/manifest.tsv" "$input" "$corpus" "$langs" <<'PY'
import os, shutil, sys
manifest, source, corpus, langs = sys.argv[1:]
with open(manifest, encoding="utf-8") as f:
    docs = [row[0] for row in (line.rstrip("\n").split("\t") for line in f.readlines()[1:])
            if len(row) > 3 and row[3] == langs]
for lang in langs.split(","):
    os.makedirs(os.path.join(corpus, lang), exist_ok=True)
    for doc in docs:
        shutil.copyfile(os.path.join(source, doc, f"{lang}.txt"),
                        os.path.join(corpus, lang, f"{doc}.txt"))
PY
        # shellcheck disable=SC2086
        "$tmalign" batch "$corpus" -o "$out/batch/out-$langs" --langs "$langs" --quiet \
            "${segmented[@]}" ${TMA_ALIGN_OPTIONS:-}
        find "$out/batch/out-$langs" -maxdepth 1 -name '*.tmx' ! -name 'corpus.tmx' \
            ! -name 'corpus.*.tmx' -exec cp -t "$out/" {} +
    done
    exit 0
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
