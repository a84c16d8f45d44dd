#!/usr/bin/env bash
# The outputs do not depend on -j: a corpus aligned with -j 1 and with -j 2 gives byte-identical
# folders (SOURCE_DATE_EPOCH is set), the QA report and the state files included.
set -u
. "$TMA_SOURCE_DIR/tests/batch/lib.sh"
need_bench
work_in jobs
bash "$here/make-corpus.sh" "$bench" corpus 16 || fail "cannot build the corpus"
s=$(date +%s.%N)
run_batch j1.log corpus -o out-j1 -j 1
[ "$code" = 8 ] || fail "-j 1: exit code $code, expected 8"
m=$(date +%s.%N)
run_batch j2.log corpus -o out-j2 -j 2
[ "$code" = 8 ] || fail "-j 2: exit code $code, expected 8"
e=$(date +%s.%N)
echo "-j 1: $(awk "BEGIN { print $m - $s }") s, -j 2: $(awk "BEGIN { print $e - $m }") s"
diff -r out-j1 out-j2 || fail "-j 1 and -j 2 wrote different outputs"
echo "$(find out-j1 -type f | wc -l) files identical"
