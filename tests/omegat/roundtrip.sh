#!/usr/bin/env bash
# Do tmalign's memories work in a real CAT tool? OmegaT 3.6, run headless by
# ../shared/tools/omegat-roundtrip.sh, loads tmalign's en-ru and en-hy memories as a project memory
# and fills the English segments it finds there; it counts those filled with text of the right
# language. Two sets: the ten clean FLORES documents of the benchmark (flores-dev-001..010) and the
# seed story (corpora/*/shoigu.txt). Each document is aligned on its own, from raw text with
# tmalign's splitter; the FLORES pair files are joined into one memory per pair and their English
# texts into one source document, so that each set is one OmegaT project per pair. The share
# filled must reach the omegat rows of tests/accuracy/thresholds.tsv.
#
# OmegaT splits the English with its own default rules, which break after "U.S.", "Jr.", "a.m."
# and "Yahoo!" and not after a full stop inside closing quotes: such segments have no unit of
# their own in the memory. Where a translation joins two English sentences into one (a 2-1
# unit), neither English sentence alone is in the memory either.
set -u
roundtrip="$TMA_SHARED_DIR/tools/omegat-roundtrip.sh"
bench="$TMA_SHARED_DIR/eval/alignment/bench/clean"
here="$TMA_SOURCE_DIR/tests"
if [ ! -f "$roundtrip" ] || [ ! -d "$bench" ]; then
    echo "skipped: $roundtrip or $bench is missing"
    exit 77
fi
out="$TMA_TEST_OUT/omegat"
rm -rf "$out"
mkdir -p "$out/flores" "$out/seed" "$out/results"
started=$(date +%s)

# The documents, each aligned on its own into DIR/NAME.tmx and its pair files.
: > "$out/flores/source.txt"
for i in 001 002 003 004 005 006 007 008 009 010; do
    doc="$bench/flores-dev-$i"
    "$TMALIGN" align -l en,ru,hy "$doc/en.txt" "$doc/ru.txt" "$doc/hy.txt" \
        -o "$out/flores/flores-dev-$i.tmx" || { echo "tmalign failed on flores-dev-$i"; exit 1; }
    cat "$doc/en.txt" >> "$out/flores/source.txt"
    printf '\n' >> "$out/flores/source.txt"
done
"$TMALIGN" align corpora/{en,ru,hy}/shoigu.txt -o "$out/seed/shoigu.tmx" || exit 1
cp corpora/en/shoigu.txt "$out/seed/source.txt"

# One memory per pair and set: the <tu>s of the set's pair files, in order.
join_memories() {
    python3 - "$@" <<'PY'
import sys
import xml.etree.ElementTree as ET

out, inputs = sys.argv[1], sys.argv[2:]
tree = ET.parse(inputs[0])
body = tree.getroot().find("body")
for path in inputs[1:]:
    body.extend(ET.parse(path).getroot().find("body").findall("tu"))
tree.write(out, encoding="UTF-8", xml_declaration=True)
PY
}

status=0
for pair in en-ru en-hy; do
    join_memories "$out/flores/memory.$pair.tmx" "$out"/flores/flores-dev-*."$pair".tmx || exit 1
    cp "$out/seed/shoigu.$pair.tmx" "$out/seed/memory.$pair.tmx"
    for set in flores seed; do
        log="$out/results/$set.$pair.log"
        bash "$roundtrip" --no-install --timeout 240 "$out/$set/memory.$pair.tmx" \
            "$out/$set/source.txt" en "${pair#en-}" > "$log" 2>&1 < /dev/null
        code=$?
        if [ "$code" = 3 ]; then
            tail -n 1 "$log"
            echo "skipped: OmegaT or Java is not installed (bash .ci/install-deps.sh installs them)"
            exit 77
        fi
        summary=$(tail -n 1 "$log")
        case $summary in "omegat: "*" segments filled") ;; *) cat "$log"; exit 1 ;; esac
        if [ "$code" != 0 ] || grep -q 'WRONG-LANG\|^problem:' "$log"; then
            grep 'WRONG-LANG\|^problem:' "$log"
            echo "$set $pair: OmegaT failed or filled segments with another language's text"
            status=1
        fi
        filled=${summary#omegat: }
        filled=${filled%% *}
        # check-thresholds.py reads results as score.py writes them.
        case $set in
        flores) bench_name=clean corpus=flores200 ;;
        seed) bench_name=corpora corpus=shoigu ;;
        esac
        python3 - "$out/results/$set.$pair.json" "$bench_name" "$corpus" "$pair" \
            "${filled%/*}" "${filled#*/}" <<'PY'
import json
import sys

path, bench, corpus, pair, n, m = sys.argv[1:7]
json.dump({"bench": bench, "corpus": corpus, "pair": pair,
           "omegat": {"filled": int(n) / int(m), "segments": int(m), "filled_segments": int(n)}},
          open(path, "w"))
PY
        echo "$set $pair: $summary ($(python3 -c "print(f'{$filled * 100:.1f}')")%)"
    done
done
python3 - "$out"/results/*.json <<'PY'
import collections
import json
import sys

both = collections.defaultdict(lambda: [0, 0])
for path in sys.argv[1:]:
    r = json.load(open(path))
    both[r["pair"]][0] += r["omegat"]["filled_segments"]
    both[r["pair"]][1] += r["omegat"]["segments"]
for pair, (n, m) in sorted(both.items()):
    print(f"both sets {pair}: {n}/{m} segments filled ({100 * n / m:.1f}%)")
PY
python3 "$here/accuracy/check-thresholds.py" omegat "$out"/results/*.json || status=1
echo "took $(($(date +%s) - started)) s"
exit $status
