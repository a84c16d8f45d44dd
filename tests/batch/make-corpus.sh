#!/usr/bin/env bash
# Builds a batch corpus (one folder per language, a story per file) in the folder $2 from the
# FLORES documents of the benchmark folder $1 (bench/hard-s1: DOC/en.txt, ru.txt, hy.txt), the
# first $3 of them (all when $3 is empty), and adds three faulty stories: one without its Armenian
# file (fault-missing), one whose Russian file is not UTF-8 (fault-latin1) and one whose Armenian
# file is empty (fault-empty).
# usage: make-corpus.sh BENCH_DIR CORPUS [COUNT]
set -eu
bench=$1 corpus=$2 count=${3:-}
rm -rf "$corpus"
mkdir -p "$corpus"/{en,ru,hy}
docs=$(awk -F'\t' 'NR > 1 && $2 == "flores200" { print $1 }' "$bench/manifest.tsv" | sort)
if [ -n "$count" ]; then
    docs=$(head -n "$count" <<<"$docs")
fi
for d in $docs; do
    for l in en ru hy; do
        cp "$bench/$d/$l.txt" "$corpus/$l/$d.txt"
    done
done
first=$(head -n 1 <<<"$docs")
# A story missing in one language.
cp "$bench/$first/en.txt" "$corpus/en/fault-missing.txt"
cp "$bench/$first/ru.txt" "$corpus/ru/fault-missing.txt"
# A file that is not UTF-8: Latin-1 "é" (0xE9) in the second line of the Russian file.
for l in en hy; do cp "$bench/$first/$l.txt" "$corpus/$l/fault-latin1.txt"; done
{ head -n 1 "$bench/$first/ru.txt"; printf 'Caf\xe9 au lait.\n'; tail -n +2 "$bench/$first/ru.txt"; } \
    > "$corpus/ru/fault-latin1.txt"
# An empty file.
for l in en ru; do cp "$bench/$first/$l.txt" "$corpus/$l/fault-empty.txt"; done
: > "$corpus/hy/fault-empty.txt"
