#!/usr/bin/env bash
# A story that lacks a language (issue 19): with hy missing and en and ru there, the story is
# aligned as its en-ru pair (partial), not failed: NAME.en-ru.tmx is written, byte for byte the
# NAME.tmx of a run in en,ru alone, and passes tmx-check; NAME.tmx and the pair files with hy are
# not; corpus.en-ru.tmx holds its units and corpus.tmx does not; qa.json has its missing-file
# finding and status "partial"; the command warns and exits 0. A re-run finds it up to date; the
# missing file added makes it a full story; taken away again, the story is partial again and its
# files with hy go; a decision made in its en-ru view applies. With one language left, it fails.
# A story missing ru teaches the learned en-hy lexicon.
set -u
. "$TMA_SOURCE_DIR/tests/batch/lib.sh"
need_bench
work_in partial
bash "$here/make-corpus.sh" "$bench" corpus 3 || fail "cannot build the corpus"
# fault-missing (no hy) is the one fault kept: the other two would fail the run.
rm corpus/*/fault-latin1.txt corpus/*/fault-empty.txt
run_batch first.log corpus -o out --langs en,ru,hy
[ "$code" = 0 ] || { cat first.log; fail "exit code $code, expected 0 (a partial story is no failure)"; }
grep -q "^tmalign: corpus/hy/fault-missing.txt: warning: missing: the story has no hy version" first.log ||
    fail "no warning naming the missing file: $(cat first.log)"
grep -q "aligned 4, skipped 0 (up to date), failed 0, partial 1" first.log ||
    fail "summary: $(tail -n 1 first.log)"
[ -s out/fault-missing.en-ru.tmx ] || fail "no out/fault-missing.en-ru.tmx"
for f in fault-missing.tmx fault-missing.en-hy.tmx fault-missing.ru-hy.tmx; do
    [ ! -e "out/$f" ] || fail "out/$f was written for a story without hy"
done
checker="$TMA_SHARED_DIR/tools/tmx-check.py"
if [ -f "$checker" ]; then
    python3 "$checker" out/fault-missing.en-ru.tmx > check.log 2>&1 ||
        { cat check.log; fail "out/fault-missing.en-ru.tmx does not pass tmx-check"; }
fi
run_batch enru.log corpus -o enru --langs en,ru -q
cmp -s enru/fault-missing.tmx out/fault-missing.en-ru.tmx ||
    fail "the partial story's en-ru file differs from the NAME.tmx of a run in en,ru"
python3 - <<'PY' || fail "qa.json or the corpus files are not as expected"
import json, os, sys
qa = json.load(open("out/qa.json", encoding="utf-8"))
sys.path.insert(0, os.path.join(os.environ["TMA_SOURCE_DIR"], "tests/batch"))
from checks import need, finish, tuids
story = {s["name"]: s for s in qa["stories"]}["fault-missing"]
need(story["status"] == "partial", f"status {story['status']}")
need(sorted(story["files"]) == ["en", "ru"], f"files {story['files']}")
need(story["complete_units"] == 0 and story["units"] > 0, f"units {story}")
need(qa["summary"]["partial"] == 1 and qa["summary"]["failed"] == 0 and
     qa["summary"]["aligned"] == 3, f"summary {qa['summary']}")
need(qa["summary"]["worst_first"][0] == "fault-missing", "the partial story is not ranked first")
mine = [f for f in qa["findings"] if f["document"] == "fault-missing"]
missing = [f for f in mine if f["kind"] == "missing-file"]
need(len(missing) == 1 and missing[0]["lang"] == "hy" and
     missing[0]["file"] == "corpus/hy/fault-missing.txt", f"missing-file findings {missing}")
need(all(f.get("tmx", "fault-missing.en-ru.tmx") == "fault-missing.en-ru.tmx" for f in mine),
     "a finding names another file than fault-missing.en-ru.tmx")
pair = set(tuids("out/fault-missing.en-ru.tmx"))
need(all(f["tuid"] in pair for f in mine if f.get("tuid")), "a finding's tuid is not in the pair file")
need(pair and pair <= set(tuids("out/corpus.en-ru.tmx")), "corpus.en-ru.tmx lacks its units")
for other in ("corpus.tmx", "corpus.en-hy.tmx", "corpus.ru-hy.tmx"):
    need(not any(t.startswith("fault-missing-") for t in tuids("out/" + other)),
         f"{other} holds units of the story without hy")
page = open("out/qa.html", encoding="utf-8").read()
need('class="status-partial">partial</td>' in page, "qa.html's summary does not say partial")
need("No en–ru–hy view: the story has no hy version" in page,
     "qa.html does not say the story has no three-language view")
need('data-view="en-ru"><thead>' in page, "qa.html has no en-ru view of the story")
finish()
PY
cp out/qa.json qa-first.json

# Nothing changed: up to date, still partial, still warned about.
run_batch again.log corpus -o out --langs en,ru,hy
[ "$code" = 0 ] || fail "re-run: exit code $code"
grep -q "aligned 0, skipped 4 (up to date), failed 0, partial 1" again.log ||
    fail "re-run: $(tail -n 1 again.log)"
grep -q "fault-missing.txt: warning: missing" again.log || fail "the re-run did not warn"
cmp -s qa-first.json out/qa.json || fail "the re-run's qa.json differs"

# The missing file arrives: the story is aligned again, in every language.
# make-corpus.sh made it of the first story's files.
first=$(ls corpus/hy | grep -v '^fault-' | head -n 1)
cp "corpus/hy/$first" corpus/hy/fault-missing.txt
run_batch full.log corpus -o out --langs en,ru,hy
[ "$code" = 0 ] || fail "with the file added: exit code $code"
grep -q "aligned 1, skipped 3 (up to date), failed 0; report" full.log ||
    fail "with the file added: $(tail -n 1 full.log)"
for f in fault-missing.tmx fault-missing.en-hy.tmx fault-missing.ru-hy.tmx; do
    [ -s "out/$f" ] || fail "with the file added, no out/$f"
done
grep -q 'tuid="fault-missing-' out/corpus.tmx || fail "corpus.tmx lacks the story made full"
python3 -c 'import json, sys; s = {s["name"]: s for s in json.load(open("out/qa.json"))["stories"]}
sys.exit(s["fault-missing"]["status"] != "aligned")' || fail "the full story is not aligned"

# Taken away again: partial again, and what it had with hy is gone.
rm corpus/hy/fault-missing.txt
run_batch gone.log corpus -o out --langs en,ru,hy
grep -q "aligned 1, skipped 3 (up to date), failed 0, partial 1" gone.log ||
    fail "with the file gone: $(tail -n 1 gone.log)"
for f in fault-missing.tmx fault-missing.en-hy.tmx fault-missing.ru-hy.tmx; do
    [ ! -e "out/$f" ] || fail "out/$f was left from the story's full run"
done
cmp -s qa-first.json out/qa.json || fail "partial again, qa.json differs from the first run's"

# A reviewer's decision made in the en-ru view applies to the partial story: a rejected unit goes
# out of its pair file.
python3 - <<'PY' || fail "cannot write the review file"
import json, re
tmx = open("out/fault-missing.en-ru.tmx", encoding="utf-8").read()
tu = next(t for t in re.findall(r"<tu .*?</tu>", tmx, re.S) if 'x-align-type">1-1<' in t)
en, ru = re.findall(r"<seg>(.*?)</seg>", tu, re.S)
with open("out/fault-missing.review.jsonl", "w", encoding="utf-8") as f:
    for line in ({"schema": "tmalign-review/1", "story": "fault-missing", "langs": ["en", "ru", "hy"]},
                 {"id": 1, "time": "2026-12-07T02:00:00Z", "action": "reject", "view": "en-ru",
                  "units": [{"status": "rejected", "sides": {"en": [en], "ru": [ru]}}]}):
        f.write(json.dumps(line, ensure_ascii=False) + "\n")
PY
units=$(grep -c '<tu ' out/fault-missing.en-ru.tmx)
run_batch review.log corpus -o out --langs en,ru,hy
grep -q "aligned 1, skipped 3 (up to date), failed 0, partial 1" review.log ||
    fail "with a review file: $(tail -n 1 review.log)"
[ "$(grep -c '<tu ' out/fault-missing.en-ru.tmx)" = $((units - 1)) ] ||
    fail "the rejected unit is still in fault-missing.en-ru.tmx"
python3 -c 'import json, sys; s = {s["name"]: s for s in json.load(open("out/qa.json"))["stories"]}
sys.exit(s["fault-missing"].get("review", {}).get("applied") != 1)' ||
    fail "qa.json does not count the decision applied"

# Only one language left: the story fails, as before, with its message.
rm corpus/ru/fault-missing.txt
run_batch one.log corpus -o out --langs en,ru,hy
[ "$code" = 8 ] || fail "a story in one language: exit code $code, expected 8"
grep -q "corpus/ru/fault-missing.txt: missing: the story has files in other languages" one.log ||
    fail "a story in one language: $(cat one.log)"

# A story missing ru teaches the en-hy lexicon what its en-hy pair gives (it is aligned as the run
# aligns it), and the hy-ru lexicon nothing: learned from more sentence pairs, and as many.
cp -r corpus corpus-no-ru
for l in en hy; do cp "corpus/$l/$first" "corpus-no-ru/$l/no-ru.txt"; done
run_batch no-ru.log corpus-no-ru -o out-no-ru --langs en,ru,hy
learned() { head -n 1 "$1/lexicon.$2.learned" | awk '{ print $NF }'; }
[ "$(learned out-no-ru en-hy)" -gt "$(learned out en-hy)" ] ||
    fail "the story without ru taught en-hy nothing: $(learned out-no-ru en-hy) sentence pairs"
[ "$(learned out-no-ru hy-ru)" = "$(learned out hy-ru)" ] ||
    fail "the story without ru changed what hy-ru learned from"
[ -s out-no-ru/no-ru.en-hy.tmx ] || fail "no out-no-ru/no-ru.en-hy.tmx"
echo "ok"
