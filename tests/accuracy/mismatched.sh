#!/usr/bin/env bash
# Stories that do not translate each other (issue 18): one batch over a corpus of 100 stories made
# of the English of a document of bench/clean and the Russian of the next one of the manifest
# (each pair once), and of 100 stories made of a document's own English and Russian. Checks
# against thresholds.tsv (test "mismatched"): the share of mismatched stories in which no
# two-sided unit scores 0.5 or more, the share of them that the QA report gives a
# `not-a-translation` finding, and the share of true stories that it does not. Skips when
# ../shared/eval is missing.
set -u
# shellcheck source=tests/accuracy/lib.sh
. "$TMA_SOURCE_DIR/tests/accuracy/lib.sh"
bench="$eval_dir/bench/clean"
out="$TMA_TEST_OUT/mismatched"
rm -rf "$out"
mkdir -p "$out/corpus/en" "$out/corpus/ru"
mapfile -t docs < <(tail -n +2 "$bench/manifest.tsv" | awk -F'\t' '$4 ~ /en/ && $4 ~ /ru/ {print $1}')
for k in $(seq 0 99); do
    a=${docs[$((2 * k))]} b=${docs[$((2 * k + 1))]}
    cp "$bench/$a/en.txt" "$out/corpus/en/mismatched-$a+$b.txt"
    cp "$bench/$b/ru.txt" "$out/corpus/ru/mismatched-$a+$b.txt"
    cp "$bench/$a/en.txt" "$out/corpus/en/true-$a.txt"
    cp "$bench/$a/ru.txt" "$out/corpus/ru/true-$a.txt"
done
"$TMALIGN" batch "$out/corpus" -o "$out/out" --langs en,ru --quiet || exit 1
python3 - "$out" <<'PY' || exit 1
import glob, json, os, sys
import xml.etree.ElementTree as ET
out = sys.argv[1]
reported = {f["document"] for f in json.load(open(os.path.join(out, "out", "qa.json")))["findings"]
            if f["kind"] == "not-a-translation"}
clear = flagged = true_quiet = mismatched = true = 0
for path in sorted(glob.glob(os.path.join(out, "out", "*.tmx"))):
    name = os.path.basename(path)[:-4]
    if name.startswith("true-"):
        true += 1
        true_quiet += name not in reported
        if name in reported:
            print(f"  {name}: a translation reported as not one")
        continue
    if not name.startswith("mismatched-"):
        continue
    mismatched += 1
    flagged += name in reported
    best = 0.0
    for tu in ET.parse(path).getroot().iter("tu"):
        if len(tu.findall("tuv")) < 2:
            continue
        score = float([p.text for p in tu.findall("prop") if p.get("type") == "x-align-score"][0])
        if score >= best:
            best, text = score, [(tuv.find("seg").text or "")[:60] for tuv in tu.findall("tuv")]
    clear += best < 0.5
    if best >= 0.5:
        print(f"  {name}: a unit at {best:.4f}: {text}")
    if name not in reported:
        print(f"  {name}: not reported as not a translation")
print(f"{clear} of {mismatched} mismatched stories with no unit at 0.5 or more, {flagged} reported "
      f"not-a-translation; {true_quiet} of {true} true stories not reported")
with open(os.path.join(out, "mismatched.json"), "w", encoding="utf-8") as f:
    json.dump({"bench": "clean", "corpus": "all", "pair": "en-ru",
               "clear": {"share": clear / mismatched}, "reported": {"share": flagged / mismatched},
               "true_quiet": {"share": true_quiet / true}}, f)
PY
python3 "$TMA_SOURCE_DIR/tests/accuracy/check-thresholds.py" mismatched "$out/mismatched.json"
