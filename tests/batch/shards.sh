#!/usr/bin/env bash
# --shard K/N and merge: three shards of a corpus, merged, give exactly the folder one unsharded run
# gives (TMX files, corpus.tmx, QA report, state), byte for byte, a story missing a language
# (partial: its en-ru pair only) included.
set -u
. "$TMA_SOURCE_DIR/tests/batch/lib.sh"
need_bench
work_in shards
bash "$here/make-corpus.sh" "$bench" corpus 20 || fail "cannot build the corpus"
run_batch all.log corpus -o all -q
[ "$code" = 8 ] || fail "unsharded run: exit code $code"
total=0
for k in 1 2 3; do
    run_batch "shard$k.log" corpus -o "shard$k" --shard "$k/3" -q
    [ "$code" = 8 ] || [ "$code" = 0 ] || fail "shard $k/3: exit code $code"
    n=$(python3 -c "import json; print(json.load(open('shard$k/qa.json'))['summary']['stories'])")
    echo "shard $k/3: $n stories"
    total=$((total + n))
done
[ "$total" = 23 ] || fail "the shards hold $total stories, not the corpus's 23"
"$TMALIGN" merge shard1 shard2 shard3 -o merged 2>merge.log
code=$?
[ "$code" = 8 ] || { cat merge.log; fail "merge: exit code $code, expected 8 (faulty stories)"; }
diff -r all merged || fail "the merged shards differ from the unsharded run"
# The story missing hy (partial) is merged as its en-ru pair, as the one run wrote it.
python3 -c 'import json, sys; s = {s["name"]: s for s in json.load(open("merged/qa.json"))["stories"]}
sys.exit(s["fault-missing"]["status"] != "partial")' || fail "the merged partial story is not partial"
[ -s merged/fault-missing.en-ru.tmx ] && [ ! -e merged/fault-missing.tmx ] ||
    fail "the merged partial story's files are not its en-ru pair's"
grep -q 'tuid="fault-missing-' merged/corpus.en-ru.tmx || fail "merged corpus.en-ru.tmx lacks it"
echo "merged == unsharded: $(find merged -type f | wc -l) files"
# A merge refuses shards of other languages.
"$TMALIGN" batch corpus -o enru --langs en,ru -q --shard 1/3
"$TMALIGN" merge shard1 enru -o bad 2>bad.log && fail "merged runs of other languages"
grep -q "other languages" bad.log || fail "$(cat bad.log)"
