#!/usr/bin/env bash
# Stories that do not translate each other (issue 18): the English of 100 documents of bench/clean
# aligned against the Russian of the next document of the manifest, each pair once. Passes when in
# at least the share of thresholds.tsv (test "mismatched") of them no two-sided unit scores 0.5 or
# more. Skips when ../shared/eval is missing.
set -u
# shellcheck source=tests/accuracy/lib.sh
. "$TMA_SOURCE_DIR/tests/accuracy/lib.sh"
bench="$eval_dir/bench/clean"
out="$TMA_TEST_OUT/mismatched"
rm -rf "$out"
mkdir -p "$out"
mapfile -t docs < <(tail -n +2 "$bench/manifest.tsv" | awk -F'\t' '$4 ~ /en/ && $4 ~ /ru/ {print $1}')
for k in $(seq 0 99); do
    a=${docs[$((2 * k))]} b=${docs[$((2 * k + 1))]}
    "$TMALIGN" align -l en,ru -o "$out/$a+$b.tmx" "$bench/$a/en.txt" "$bench/$b/ru.txt" || exit 1
done
python3 - "$out" "$TMA_SOURCE_DIR/tests/accuracy" <<'PY' || exit 1
import glob, json, os, sys
import xml.etree.ElementTree as ET
out = sys.argv[1]
clear = 0
files = sorted(glob.glob(os.path.join(out, "*.tmx")))
for path in files:
    best = 0.0
    for tu in ET.parse(path).getroot().iter("tu"):
        if len(tu.findall("tuv")) < 2:
            continue
        score = float([p.text for p in tu.findall("prop") if p.get("type") == "x-align-score"][0])
        if score >= best:
            best, text = score, [(tuv.find("seg").text or "")[:60] for tuv in tu.findall("tuv")]
    clear += best < 0.5
    if best >= 0.5:
        print(f"  {os.path.basename(path)}: a unit at {best:.4f}: {text}")
share = clear / len(files)
print(f"{clear} of {len(files)} mismatched pairs with no unit at 0.5 or more ({share:.4f})")
with open(os.path.join(out, "mismatched.json"), "w", encoding="utf-8") as f:
    json.dump({"bench": "clean", "corpus": "all", "pair": "en-ru", "clear": {"share": share}}, f)
PY
python3 "$TMA_SOURCE_DIR/tests/accuracy/check-thresholds.py" mismatched "$out/mismatched.json"
