#!/usr/bin/env bash
# README's GNU Parallel recipe, taken from README.md as written, with this folder for /data/news
# and the local machine standing in for the hosts of hosts.txt (":" is parallel's name for it,
# two job slots): the shards it writes, merged, equal one run byte for byte.
set -u
. "$TMA_SOURCE_DIR/tests/batch/lib.sh"
need_bench
command -v parallel >/dev/null || { echo "skipped: GNU Parallel is not installed"; exit 77; }
work_in parallel
bash "$here/make-corpus.sh" "$bench" corpus 12 || fail "cannot build the corpus"
run_batch all.log corpus -o all -q
[ "$code" = 8 ] || [ "$code" = 0 ] || fail "unsharded run: exit code $code"
# The sh block after "With GNU Parallel" in README.md.
awk '/^With GNU Parallel/ { found = 1 } found && /^```sh/ { inside = 1; next }
     inside && /^```/ { exit } inside { print }' "$TMA_SOURCE_DIR/README.md" >recipe.sh
grep -q 'parallel --sshloginfile hosts.txt' recipe.sh || fail "README has no GNU Parallel recipe"
sed -i "s|/data/news|$work|g; s|^parallel |parallel --will-cite |" recipe.sh
echo "2/:" >hosts.txt
# The merge exits 8, as the one run does, for the corpus's faulty stories.
PATH="$(dirname "$TMALIGN"):$PATH" bash recipe.sh </dev/null >recipe.log 2>&1
code=$?
[ "$code" = 8 ] || [ "$code" = 0 ] || { cat recipe.sh recipe.log; fail "README's recipe: exit code $code"; }
shards=$(ls shards | wc -l)
expected=$(grep -oE 'seq 1 [0-9]+' recipe.sh | grep -oE '[0-9]+$')
[ "$shards" = "$expected" ] || fail "the recipe wrote $shards shards, not $expected"
diff -r all out || fail "the merged shards differ from one run"
echo "README's parallel recipe, $shards shards on 2 local job slots: merged == one run, $(find out -type f | wc -l) files"
