#!/usr/bin/env bash
# The review loop on ten hard-s1 documents (review-gold.py): the gold's decisions for the units QA
# flagged are applied and the TMX scored before and after, from raw text and with the gold
# sentences. Fails when a decision given does not hold in the scored TMX, or when a score gets
# worse. Prints the strict F1 of issue 20's bar (0.99) before and after. Skips when
# ../shared/eval is missing.
set -u
# shellcheck source=tests/accuracy/lib.sh
. "$TMA_SOURCE_DIR/tests/accuracy/lib.sh"
work="$TMA_TEST_OUT/review-gold"
rm -rf "$work"
mkdir -p "$work"
python3 "$TMA_SOURCE_DIR/tests/accuracy/review-gold.py" "$TMALIGN" "$eval_dir/bench/hard-s1" \
    "$work" || exit 1
python3 - "$work" <<'PY'
import glob, json, os, sys
work, status = sys.argv[1], 0
for run in ("raw", "gold-sentences"):
    missed = json.load(open(os.path.join(work, run, "missed.json")))
    if missed["decided, missed"]:
        print(f"FAIL {run}: {missed['decided, missed']} gold beads that decisions gave are missed")
        status = 1
    for before in sorted(glob.glob(os.path.join(work, run, "before.*.json"))):
        after = before.replace("before.", "after.")
        f1, f2 = (json.load(open(p))["strict"]["f1"] for p in (before, after))
        name = os.path.basename(before)[len("before."):-len(".json")]
        bar = "meets" if f2 >= 0.99 else "misses"
        print(f"{run} {name}: strict F1 {f1:.4f} -> {f2:.4f} ({bar} issue 20's 0.99)")
        if f2 < f1 - 1e-9:
            print(f"FAIL {run} {name}: worse after the review")
            status = 1
sys.exit(status)
PY
