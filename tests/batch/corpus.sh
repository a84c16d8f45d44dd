#!/usr/bin/env bash
# The whole FLORES part of bench/hard-s1 as a batch corpus, with a story missing in one language,
# a file that is not UTF-8 and an empty file: every sound story gets its TMX files, the story
# missing hy its en-ru pair file only (partial), the three faults are in qa.json with their files
# (and the position of the bad byte), the run exits 8 for the two that fail, and the
# `unaligned` findings are scored against the gold null beads (unaligned-recall.py, thresholds in
# tests/accuracy/thresholds.tsv).
set -u
. "$TMA_SOURCE_DIR/tests/batch/lib.sh"
need_bench
work_in corpus
bash "$here/make-corpus.sh" "$bench" corpus || fail "cannot build the corpus"
start=$(date +%s.%N)
run_batch batch.log corpus -o out -j 2 --langs en,ru,hy
end=$(date +%s.%N)
[ "$code" = 8 ] || { cat batch.log; fail "exit code $code, expected 8 (some stories failed)"; }
echo "aligned $(ls corpus/en | wc -l) stories with -j 2 in $(awk "BEGIN { print $end - $start }") s"
status=0
for f in corpus/en/*.txt; do
    n=$(basename "$f" .txt)
    case $n in fault-*) continue ;; esac
    for t in "$n.tmx" "$n.en-ru.tmx" "$n.en-hy.tmx" "$n.ru-hy.tmx"; do
        [ -s "out/$t" ] || { echo "out/$t is missing"; status=1; }
    done
done
for n in fault-missing fault-latin1 fault-empty; do
    [ ! -e "out/$n.tmx" ] || { echo "out/$n.tmx was written for a faulty story"; status=1; }
done
[ -s out/fault-missing.en-ru.tmx ] || { echo "the story missing hy has no en-ru file"; status=1; }
python3 - out/qa.json <<'PY' || status=1
import json, sys
qa = json.load(open(sys.argv[1], encoding="utf-8"))
want = {
    "fault-missing": ("missing-file", "hy", "corpus/hy/fault-missing.txt", None),
    "fault-latin1": ("bad-input", "ru", "corpus/ru/fault-latin1.txt", (2, 4)),
    "fault-empty": ("bad-input", "hy", "corpus/hy/fault-empty.txt", None),
}
ok = True
for f in qa["findings"]:
    for key in ("kind", "document", "lang", "text", "start", "end"):
        if key not in f:
            print(f"a finding lacks {key}: {f}")
            ok = False
for doc, (kind, lang, path, where) in want.items():
    hits = [f for f in qa["findings"] if f["document"] == doc and f["kind"] == kind
            and f["lang"] == lang and f["file"] == path]
    if not hits:
        print(f"qa.json has no {kind} finding for {path}")
        ok = False
    elif where and (hits[0].get("line"), hits[0].get("column")) != where:
        print(f"{path}: expected line and column {where}, got {hits[0]}")
        ok = False
    elif where and hits[0]["end"] != hits[0]["start"] + 1:
        print(f"{path}: the span of the bad byte should be one byte: {hits[0]}")
        ok = False
# Worst first (issue 19): the failed stories, then those missing a language, then those with a version that translates nothing,
# then by the larger share of units under the threshold or of sentences unaligned; the unaligned
# share is that of the sentences the findings name.
stories = {s["name"]: s for s in qa["stories"]}
order = sorted(stories.values(), key=lambda s: s["rank"])
if [s["name"] for s in order] != qa["summary"]["worst_first"] or \
        [s["rank"] for s in order] != list(range(1, len(order) + 1)):
    print("summary.worst_first is not the stories by rank, or the ranks are not 1..n")
    ok = False
def standing(s):
    return (s["status"] == "failed", s["status"] == "partial", "not-a-translation" in s["findings"],
            max(s["under_threshold_share"], s["unaligned_share"]))
for a, b in zip(order, order[1:]):
    if standing(a) < standing(b):
        print(f"{a['name']} (rank {a['rank']}) is ranked before the worse {b['name']}")
        ok = False
for s in order:
    about = {(f["lang"], f["start"]) for f in qa["findings"]
             if f["document"] == s["name"] and f["kind"] == "unaligned"}
    total = sum(s["sentences"].values())
    if abs(s["unaligned_share"] - (len(about) / total if total else 0)) > 1e-4:
        print(f"{s['name']}: unaligned_share {s['unaligned_share']}, findings say "
              f"{len(about)} of {total} sentences")
        ok = False
failed = {s["name"] for s in qa["stories"] if s["status"] == "failed"}
if failed != set(want) - {"fault-missing"}:
    print(f"failed stories: {sorted(failed)}, expected {sorted(set(want) - {'fault-missing'})}")
    ok = False
partial = {s["name"] for s in qa["stories"] if s["status"] == "partial"}
if partial != {"fault-missing"} or qa["summary"].get("partial") != 1:
    print(f"partial stories: {sorted(partial)}, expected fault-missing")
    ok = False
print(f"{qa['summary']['stories']} stories, {qa['summary']['failed']} failed, "
      f"{qa['summary']['findings']} findings: {qa['summary']['by_kind']}")
sys.exit(0 if ok else 1)
PY
# The byte of the Latin-1 file that the finding points at is the bad one.
start=$(python3 -c 'import json; print([f["start"] for f in json.load(open("out/qa.json"))["findings"] if f["document"] == "fault-latin1"][0])')
byte=$(od -An -tx1 -j "$start" -N1 corpus/ru/fault-latin1.txt | tr -d ' ')
[ "$byte" = e9 ] || { echo "the finding's span starts at byte 0x$byte, not at the bad 0xe9"; status=1; }
python3 "$here/unaligned-recall.py" out/qa.json "$bench" || status=1
exit $status
