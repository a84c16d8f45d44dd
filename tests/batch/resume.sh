#!/usr/bin/env bash
# Incremental and resumable: a re-run with nothing changed aligns nothing; a changed file redoes its
# story only; --force redoes all; a lost or cut report part redoes its story; a run stopped by SIGINT leaves no temporary file and only complete
# outputs, and the next run aligns the stories it had not done.
set -u
. "$TMA_SOURCE_DIR/tests/batch/lib.sh"
need_bench
work_in resume
bash "$here/make-corpus.sh" "$bench" corpus 12 || fail "cannot build the corpus"
run_batch first.log corpus -o out
[ "$code" = 8 ] || fail "first run: exit code $code"
[ "$(summary_count first.log aligned)" = 13 ] || fail "first run: $(tail -n 1 first.log)"
cp out/qa.json qa-first.json
run_batch again.log corpus -o out
[ "$code" = 8 ] || fail "re-run: exit code $code"
grep -q "aligned 0, skipped 13 (up to date), failed 2" again.log ||
    fail "a re-run with nothing changed did alignment work: $(tail -n 1 again.log)"
cmp -s qa-first.json out/qa.json || fail "the re-run's qa.json differs from the first run's"
# One changed file: its story only.
first=$(ls corpus/en | grep -v "^fault-" | head -n 1)
printf '\nOne more sentence.\n' >> "corpus/en/$first"
run_batch changed.log corpus -o out
grep -q "aligned 1, skipped 12" changed.log || fail "after one change: $(tail -n 1 changed.log)"
run_batch force.log corpus -o out --force
grep -q "aligned 13, skipped 0" force.log || fail "--force: $(tail -n 1 force.log)"
# A report part that a crash cut short or lost (parts are not synced; the state file vouches for
# them by size and hash): its story only, and the report is whole again.
cp out/qa.json qa-force.json
states=$(ls out/.tmalign/stories/*.state | head -n 2)
set -- ${states//.state/.qa.xml}
head -c 100 "$1" > cut.xml && mv cut.xml "$1"
rm "$2"
run_batch cut.log corpus -o out
grep -q "aligned 2, skipped 11" cut.log || fail "after a part was cut short and one lost: $(tail -n 1 cut.log)"
cmp -s qa-force.json out/qa.json || fail "qa.json after re-aligning the stories of lost parts differs"

# Stopped by SIGINT (as Ctrl-C) after its first stories: -j 1 over a larger corpus.
bash "$here/make-corpus.sh" "$bench" big 60 || fail "cannot build the corpus"
"$TMALIGN" batch big -o big-out -j 1 2>stop.log &
pid=$!
for _ in $(seq 1 600); do
    [ "$(grep -c '\] aligned' stop.log)" -ge 3 ] && break
    sleep 0.05
done
kill -INT "$pid"
wait "$pid"
code=$?
[ "$code" = 130 ] || fail "a batch stopped by SIGINT exited $code, expected 130 (killed by SIGINT)"
grep -q "run the same command again to go on" stop.log || fail "no word about going on: $(tail -n 2 stop.log)"
temps=$(find big-out -name '*.~tmalign~*' | wc -l)
[ "$temps" = 0 ] || fail "the stopped run left $temps temporary files"
done_before=$(ls big-out/*.en-ru.tmx | wc -l)
for f in big-out/*.tmx; do
    xmllint --noout "$f" || fail "$f is not complete XML"
done
run_batch resume.log big -o big-out -j 2
[ "$code" = 8 ] || fail "resumed run: exit code $code"
skipped=$(summary_count resume.log skipped)
aligned=$(summary_count resume.log aligned)
[ "$skipped" = "$done_before" ] && [ $((skipped + aligned)) = 61 ] ||
    fail "resumed run: $done_before were done before; $(tail -n 1 resume.log)"
echo "stopped after $done_before stories; the next run skipped $skipped and aligned $aligned"
