#!/usr/bin/env bash
# The QA report's word and name checks on stories made for them: a deliberate misspelling is a
# `spelling` finding with the byte span of the word in the file, a name that one language drops is
# a `name-mismatch` finding on the side that has it; the seed story's "large-sale" is found as a
# compound one letter away from "large-scale", qa.tsv lists both kinds as qa.json does, and the
# TMX has a <note> in the unit that QA flagged.
set -u
. "$TMA_SOURCE_DIR/tests/batch/lib.sh"
work_in qa-checks
mkdir -p corpus/en corpus/ru
printf '%s\n\n%s\n\n%s\n' "Aliyev met Shoygu in Baku on Tuesday." \
    "Shoygu praised the talks with the officers." "The guests thanked Aliyev for the visit." \
    > corpus/en/visit.txt
# "перегаворы": a misspelling of "переговоры"; the third sentence says "его" for Aliyev.
printf '%s\n\n%s\n\n%s\n' "Алиев встретился с Шойгу в Баку во вторник." \
    "Шойгу похвалил перегаворы с офицерами." "Гости поблагодарили его за визит." \
    > corpus/ru/visit.txt
for l in en ru; do cp "$TMA_SOURCE_DIR/corpora/$l/shoigu.txt" corpus/$l/; done
run_batch run.log corpus -o out -q
[ "$code" = 0 ] || { cat run.log; fail "exit code $code"; }
python3 - <<'PY' || fail "the findings are not as expected"
import csv, json, os, sys
qa = json.load(open("out/qa.json", encoding="utf-8"))
sys.path.insert(0, os.path.join(os.environ["TMA_SOURCE_DIR"], "tests/batch"))
from checks import need, finish
def find(kind, doc, lang, text):
    return [f for f in qa["findings"] if f["kind"] == kind and f["document"] == doc
            and f["lang"] == lang and text in f["text"]]
spell = find("spelling", "visit", "ru", "перегаворы")
need(len(spell) == 1, f"one spelling finding for перегаворы: {spell}")
if spell:
    raw = open("corpus/ru/visit.txt", "rb").read()
    f = spell[0]
    need(raw[f["start"]:f["end"]].decode() == "перегаворы", f"the span {f['start']}-{f['end']}")
    need(f["text"] == "перегаворы" and f["unit"] == 1, f"text and unit: {f}")
name = find("name-mismatch", "visit", "en", "thanked Aliyev")
need(len(name) == 1 and name[0]["other"] == "ru" and name[0]["message"].startswith("Aliyev "),
     f"a name-mismatch finding for Aliyev: {name}")
others = [f for f in qa["findings"] if f["document"] == "visit"
          and f["kind"] in ("spelling", "name-mismatch") and f not in spell + name]
need(not others, f"no other spelling or name findings in visit: {others}")
large = find("spelling", "shoigu", "en", "large-sale")
need(len(large) == 1 and "large-scale" in large[0]["message"], f"large-sale: {large}")
if large:
    raw = open("corpus/en/shoigu.txt", "rb").read()
    need(raw[large[0]["start"]:large[0]["end"]] == b"large-sale", f"the span of large-sale")
rows = list(csv.reader(open("out/qa.tsv", encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))
kinds = [r[0] for r in rows[1:]]
need(kinds == [f["kind"] for f in qa["findings"]], "qa.tsv lists the findings of qa.json")
need(qa["summary"]["by_kind"].get("spelling", 0) >= 2 and
     qa["summary"]["by_kind"].get("name-mismatch", 0) >= 1, f"summary: {qa['summary']}")
finish()
PY
# The TMX notes the unit that QA flagged, and that unit only.
[ "$(grep -c '<note>tmalign QA: name-mismatch' out/visit.tmx)" = 1 ] ||
    fail "out/visit.tmx has no QA note on the unit that drops Aliyev"
grep -B4 '<note>tmalign QA' out/visit.tmx | grep -q 'tuid="visit-en-3"' ||
    fail "the QA note is not in the third unit"
