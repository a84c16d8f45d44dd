#!/usr/bin/env bash
# The batch under ThreadSanitizer: builds tmalign with -fsanitize=thread in its own folder and
# aligns a corpus on two threads, twice (the second run skips every story), and a merge, one story
# with align (its dictionaries load on threads of their own) and a long document. Any report of
# ThreadSanitizer fails the test; the outputs must equal those of the tested build.
set -u
. "$TMA_SOURCE_DIR/tests/batch/lib.sh"
need_bench
work_in tsan
build="$TMA_TEST_OUT/batch/tsan-build"
if ! echo 'int main(void){return 0;}' | cc -fsanitize=thread -x c - -o probe 2>/dev/null; then
    echo "skipped: the compiler cannot build with -fsanitize=thread"
    exit 77
fi
cmake -S "$TMA_SOURCE_DIR" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF \
    -DCMAKE_C_FLAGS=-fsanitize=thread >cmake.log 2>&1 &&
    cmake --build "$build" --target tmalign -j 2 >>cmake.log 2>&1 || { tail -n 20 cmake.log; fail "TSan build"; }
tsan="$build/tmalign"
bash "$here/make-corpus.sh" "$bench" corpus 16 || fail "cannot build the corpus"
export TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1"
"$tsan" batch corpus -o out -j 2 2>run1.log
code=$?
[ "$code" = 8 ] || { grep -A30 ThreadSanitizer run1.log | head -60; fail "TSan run: exit code $code"; }
"$tsan" batch corpus -o out -j 2 2>run2.log
[ $? = 8 ] || { grep -A30 ThreadSanitizer run2.log | head -60; fail "TSan re-run"; }
"$tsan" batch corpus -o shard1 -j 2 --shard 1/2 2>s1.log
"$tsan" batch corpus -o shard2 -j 2 --shard 2/2 2>s2.log
"$tsan" merge shard1 shard2 -o merged 2>merge.log
[ $? = 8 ] || fail "TSan merge: $(cat merge.log)"
# align loads its dictionaries on threads of their own while it reads and splits.
seed=("$TMA_SOURCE_DIR"/corpora/{en,ru,hy}/shoigu.txt)
"$tsan" align -l en,ru,hy "${seed[@]}" -o align.tmx 2>align.log || fail "TSan align: $(cat align.log)"
# A long document (every benchmark story, twice over) is read, has its words built and its bead
# costs worked out on threads of its own.
for l in en ru; do
    cat "$bench"/*/"$l".txt "$bench"/*/"$l".txt >"long.$l.txt" || fail "cannot build the long document"
done
mkdir -p long-tsan long-ref
SOURCE_DATE_EPOCH=1700000000 "$tsan" align -l en,ru long.en.txt long.ru.txt -o long-tsan/l.tmx 2>long.log &&
    SOURCE_DATE_EPOCH=1700000000 "$TMALIGN" align -l en,ru long.en.txt long.ru.txt -o long-ref/l.tmx ||
    fail "align of the long document: $(cat long.log)"
diff -r long-tsan long-ref >/dev/null || fail "the TSan build's long alignment differs from the tested build's"
if grep -l ThreadSanitizer ./*.log; then
    fail "ThreadSanitizer reported a problem"
fi
"$TMALIGN" batch corpus -o reference -j 2 -q
diff -r out reference >/dev/null || fail "the TSan build's outputs differ from the tested build's"
diff -r out merged >/dev/null || fail "the merged shards differ from the whole run"
mkdir -p align-tsan align-ref
SOURCE_DATE_EPOCH=1700000000 "$tsan" align -l en,ru,hy "${seed[@]}" -o align-tsan/s.tmx 2>>align.log &&
    SOURCE_DATE_EPOCH=1700000000 "$TMALIGN" align -l en,ru,hy "${seed[@]}" -o align-ref/s.tmx ||
    fail "align: $(cat align.log)"
diff -r align-tsan align-ref >/dev/null || fail "the TSan build's align outputs differ from the tested build's"
echo "ThreadSanitizer: no reports ($(grep -c '\] aligned' run1.log) stories aligned on 2 threads)"
