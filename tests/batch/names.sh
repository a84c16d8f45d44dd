#!/usr/bin/env bash
# Batch writes only inside OUT, whatever the story names: spaces and Unicode are fine; a name that
# would clash with corpus.tmx, holds a control character or is not UTF-8 is refused as bad input;
# an output that is a symbolic link is replaced, not written through; a .tmalign that is a symbolic
# link is refused.
set -u
. "$TMA_SOURCE_DIR/tests/batch/lib.sh"
work_in names
mkdir -p corpus/en corpus/ru outside
for n in "two words" "Ünïcödé" "a..b" corpus $'ctl\001x' $'latin\xe9' "x.en-ru"; do
    printf 'The minister arrived on Monday. He met the press.\n' > "corpus/en/$n.txt"
    printf 'Министр прибыл в понедельник. Он встретился с прессой.\n' > "corpus/ru/$n.txt"
done
printf 'outside\n' > outside/target.txt
mkdir -p out
ln -s ../outside/target.txt "out/two words.tmx"
run_batch run.log corpus -o out
[ "$code" = 8 ] || { cat run.log; fail "exit code $code, expected 8"; }
[ "$(cat outside/target.txt)" = outside ] || fail "the batch wrote through a symbolic link"
[ -f "out/two words.tmx" ] && [ ! -L "out/two words.tmx" ] || fail "out/two words.tmx is not a file"
for n in "Ünïcödé" "a..b"; do
    [ -s "out/$n.tmx" ] || fail "out/$n.tmx is missing"
done
[ "$(summary_count run.log failed)" = 4 ] || fail "expected 4 refused names: $(cat run.log)"
grep -q "may not be called corpus" run.log || fail "the story called corpus was not refused"
grep -q "pair file of another story" run.log || fail "x.en-ru was not refused"
[ "$(find . -newer outside/target.txt -type f ! -path './out/*' ! -name run.log | wc -l)" = 0 ] ||
    fail "files written outside out/: $(find . -newer outside/target.txt -type f ! -path './out/*')"
python3 -c 'import json; json.load(open("out/qa.json"))' || fail "qa.json is not valid JSON"
xmllint --noout --html out/qa.html 2>/dev/null || true
rm -rf out2 && mkdir -p out2 && ln -s ../outside out2/.tmalign
run_batch link.log corpus -o out2
[ "$code" = 4 ] || fail "a .tmalign that is a symbolic link: exit code $code, expected 4"
grep -q "symbolic link" link.log || fail "$(cat link.log)"
[ "$(ls outside)" = target.txt ] || fail "the batch wrote into the linked folder"
