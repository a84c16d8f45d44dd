#!/usr/bin/env bash
# What each source of word knowledge gains (issue 18): strict F1 of `tmalign align` from raw text
# on the benchmark (every pair of FLORES, en-ru of WMT22, and en-ru-hy) and on the Text+Berg
# development document (--segmented), with no lexicon, with each installed dictionary alone and
# with all of them, one document at a time; then through `tmalign batch` per language set, which
# learns a lexicon for each pair without a dictionary (docs/lexicons.md, "Learned lexicons"), with
# no dictionary at all (every pair learned) and with all of them. A dictionary alone is a --dictd
# folder holding links to its two files only.
#
# usage: bench/lexicon-sources.sh [--variant hard-s1|clean|PATH] [TMALIGN]
BENCH_USAGE="usage: bench/lexicon-sources.sh [--variant hard-s1|clean|PATH] [TMALIGN]"
variant=hard-s1
bench_option() {
    case $1 in
        --variant) variant=$2 ;;
        *) return 1 ;;
    esac
}
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
bench_setup "$@"
bench_print_header "strict F1 with and without each source of word knowledge"

variant_dir=$EVAL_DIR/bench/$variant
[[ -d $variant_dir ]] || variant_dir=$variant
[[ -f $variant_dir/manifest.tsv ]] || bench_die "no benchmark variant at '$variant'"
dictd=/usr/share/dictd
specs=(flores200:en-ru wmt22:en-ru flores200:en-hy flores200:ru-hy flores200:en-ru-hy)

# A --dictd folder with only the dictionaries NAMES.
only() { # LABEL NAME...
    local dir=$BENCH_TMP/dictd-$1
    shift
    mkdir -p "$dir"
    for name in "$@"; do
        [[ -f $dictd/$name.index ]] || return 1
        ln -s "$dictd/$name.index" "$dictd/$name.dict.dz" "$dir/"
    done
    printf '%s\n' "$dir"
}

f1() { # JSON
    python3 -c 'import json, sys; print("%.4f" % json.load(open(sys.argv[1]))["strict"]["f1"])' "$1"
}

run() { # [--batch] LABEL OPTIONS...
    local batch=()
    if [[ $1 == --batch ]]; then
        batch=(--batch)
        shift
    fi
    local label=$1 out=$BENCH_TMP/out-${1//[^a-z0-9]/-}
    shift
    local row="| $label |"
    TMA_ALIGN_OPTIONS="$*" "$BENCH_REPO_ROOT/tests/accuracy/align-bench.sh" "${batch[@]}" "$TMALIGN" \
        "$variant_dir" "$out" 2>/dev/null
    for spec in "${specs[@]}"; do
        python3 "$EVAL_DIR/score.py" --bench "$variant_dir" --pair "${spec#*:}" --corpus "${spec%%:*}" \
            --system "$out" --format tmx --json "$out/$spec.json" >/dev/null
        row+=" $(f1 "$out/$spec.json") |"
    done
    mkdir -p "$out/tb"
    local tb=$EVAL_DIR/textberg-dev/textberg-dev
    if [[ ${#batch[@]} -gt 0 ]]; then
        mkdir -p "$out/tb-corpus/de" "$out/tb-corpus/fr"
        cp "$tb/de.seg" "$out/tb-corpus/de/textberg-dev.txt"
        cp "$tb/fr.seg" "$out/tb-corpus/fr/textberg-dev.txt"
        "$TMALIGN" batch --segmented --langs de,fr "$@" -q "$out/tb-corpus" -o "$out/tb-out"
        cp "$out/tb-out/textberg-dev.tmx" "$out/tb/"
    else
        "$TMALIGN" align --segmented -l de,fr "$@" -o "$out/tb/textberg-dev.tmx" "$tb/de.seg" \
            "$tb/fr.seg"
    fi
    python3 "$EVAL_DIR/score.py" --bench "$EVAL_DIR/textberg-dev" --pair de-fr --system "$out/tb" \
        --format tmx --json "$out/tb.json" >/dev/null
    printf '%s %s |\n' "$row" "$(f1 "$out/tb.json")"
    printf '`TMA_ALIGN_OPTIONS="%s" tests/accuracy/align-bench.sh %s TMALIGN %s OUT`\n' "$*" \
        "${batch[*]:-}" "$variant" >>"$BENCH_TMP/commands"
}

printf '| %s | FLORES en-ru | WMT22 en-ru | en-hy | ru-hy | en-ru-hy | Text+Berg de-fr |\n' "$variant"
printf '|---|---:|---:|---:|---:|---:|---:|\n'
run none --no-lexicon
dir=$(only freedict freedict-eng-rus freedict-deu-fra) && run "freedict-eng-rus, -deu-fra" --dictd "$dir"
dir=$(only mueller7 mueller7 freedict-fra-deu) && run "mueller7, freedict-fra-deu" --dictd "$dir"
run "all installed" --dictd "$dictd"
mkdir -p "$BENCH_TMP/dictd-none"
run --batch "learned alone (batch, no dictionary)" --dictd "$BENCH_TMP/dictd-none"
run --batch "all installed + learned (batch)" --dictd "$dictd"
printf '\nCommands:\n'
cat "$BENCH_TMP/commands"
bench_print_load "at end"
