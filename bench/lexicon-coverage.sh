#!/usr/bin/env bash
# How useful the installed dictd dictionaries are, per language pair (issue 18): of the word tokens
# of the gold 1-1 pairs, the share with a translation in the other sentence, and what loading and
# looking up cost (bench/lexicon-coverage.c says what each column counts). en-ru on all 205
# documents of bench/clean, de-fr on the Text+Berg development document; each run once under
# /usr/bin/time for its wall time and peak memory, with read_back on and off.
#
# usage: bench/lexicon-coverage.sh [BUILD_DIR]   (default build-bench, configured as Release)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=${1:-$root/build-bench}
shared=${TMA_SHARED_DIR:-$root/../shared}
eval_dir=$shared/eval/alignment
[ -d "$eval_dir/bench/clean" ] || { echo "no $eval_dir/bench/clean" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build" --target lexicon-coverage -j2 >/dev/null
bin=$build/bench/lexicon-coverage

mapfile -t enru < <(find "$eval_dir/bench/clean" -mindepth 1 -maxdepth 1 -type d | sort)
run() { # LABEL ARGS...
    local label=$1
    shift
    printf '\n### %s\n\n' "$label"
    printf '`%s`\n\n' "$(basename "$bin") $(printf '%s ' "$@" | sed "s|$eval_dir/||g" | cut -c1-160)"
    /usr/bin/time -f 'wall %e s, cpu %U s user + %S s sys, peak RSS %M KB (the whole run: documents, dictionaries, answers)' \
        "$bin" "$@" 2>&1
}
echo "# lexicon-coverage, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown), binary $bin"
run "en-ru, loading only (tma_lexicon_load: headword tables, dictionaries read backwards)" en ru
run "en-ru, loading only, read_back off" --no-read-back en ru
run "de-fr, loading only" de fr
run "en-ru, bench/clean (${#enru[@]} documents)" en ru "${enru[@]}"
run "en-ru, bench/clean, read_back off" --no-read-back en ru "${enru[@]}"
run "de-fr, textberg-dev" de fr "$eval_dir/textberg-dev/textberg-dev"
run "de-fr, textberg-dev, read_back off" --no-read-back de fr "$eval_dir/textberg-dev/textberg-dev"
echo
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
