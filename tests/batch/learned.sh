#!/usr/bin/env bash
# Learned lexicons (issue 18): batch learns one per pair without a dictionary (en-hy, hy-ru) over
# the whole corpus and keeps it in OUT; the same on one thread or two and when learned again; a
# re-run reads it and aligns nothing; a damaged one stops the run with its file and line, naming
# the fix; --no-lexicon learns none; every shard learns the corpus's, and merge keeps it.
set -u
. "$TMA_SOURCE_DIR/tests/batch/lib.sh"
need_bench
work_in learned
bash "$here/make-corpus.sh" "$bench" corpus 16 || fail "cannot build the corpus"
run_batch first.log corpus -o out -j 2
[ "$code" = 8 ] || fail "first run: exit code $code: $(tail -n 2 first.log)"
for pair in en-hy hy-ru; do
    f=out/lexicon.$pair.learned
    [ -f "$f" ] || fail "no $f"
    head -n 1 "$f" | grep -qE "^# tmalign learned lexicon 1 ${pair%-*} ${pair#*-} [0-9]+$" ||
        fail "$f: header $(head -n 1 "$f")"
    [ "$(wc -l < "$f")" -gt 20 ] || fail "$f learned $(($(wc -l < "$f") - 1)) key pairs"
    tail -n +2 "$f" | awk -F'\t' 'NF != 7 || $5 < 2 { bad = 1 } END { exit bad }' ||
        fail "$f: a line without 7 fields, or a pair seen once"
done
cp out/lexicon.en-hy.learned en-hy.first

run_batch one.log corpus -o out-j1 -j 1
cmp -s out/lexicon.en-hy.learned out-j1/lexicon.en-hy.learned ||
    fail "the lexicon learned on one thread differs from the one learned on two"
diff -r -x '*.log' out out-j1 >/dev/null || fail "the outputs of -j 1 differ from -j 2's"

run_batch again.log corpus -o out
grep -q "aligned 0, skipped 17 (up to date), failed 2" again.log ||
    fail "a re-run that read the kept lexicons aligned again: $(tail -n 1 again.log)"
rm out/lexicon.en-hy.learned
run_batch relearn.log corpus -o out
cmp -s en-hy.first out/lexicon.en-hy.learned || fail "learned anew, the lexicon differs"
grep -q "aligned 0, skipped 17" relearn.log ||
    fail "the same lexicon learned anew changed the alignments: $(tail -n 1 relearn.log)"

printf '# tmalign learned lexicon 1 en hy 5\n00000001\tzz\t0.5\t0.5\t2\ta\tb\n' \
    > out/lexicon.en-hy.learned
run_batch broken.log corpus -o out
[ "$code" = 7 ] || fail "a damaged lexicon: exit code $code, not 7"
grep -q "out/lexicon.en-hy.learned:2: .*delete the file" broken.log ||
    fail "a damaged lexicon: $(cat broken.log)"
run_batch force.log corpus -o out --force
[ "$code" = 8 ] || fail "--force over a damaged lexicon: exit code $code"
cmp -s en-hy.first out/lexicon.en-hy.learned || fail "--force did not learn the lexicon anew"

run_batch off.log corpus -o off --no-lexicon
ls off/*.learned >/dev/null 2>&1 && fail "--no-lexicon learned a lexicon"

for k in 1 2; do
    run_batch "shard$k.log" corpus -o "shard$k" --shard "$k/2"
    cmp -s en-hy.first "shard$k/lexicon.en-hy.learned" ||
        fail "shard $k/2 learned another lexicon than the whole run"
done
"$TMALIGN" merge shard1 shard2 -o merged 2>merge.log
cmp -s en-hy.first merged/lexicon.en-hy.learned || fail "merge did not keep the learned lexicon"
echo "ok"
