#!/usr/bin/env bash
# Runs one CLI test script in a fresh folder and compares its exit code and its standard error,
# exactly, with SCRIPT.exit and SCRIPT.stderr beside it. A script that exits 77 is skipped.
# usage: run-cli-test.sh SCRIPT   (environment: TMALIGN, TMA_SOURCE_DIR, TMA_TEST_OUT)
set -u
script=$1
name=$(basename "$script" .sh)
work="$TMA_TEST_OUT/cli/$name"
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1
bash "$script" 2>stderr.txt
code=$?
if [ "$code" = 77 ]; then
    # The script cannot run here (it needs something this machine lacks): reported as skipped.
    cat stderr.txt
    exit 77
fi
status=0
expected_code=$(cat "$script.exit")
if [ "$code" != "$expected_code" ]; then
    echo "exit code $code, expected $expected_code"
    status=1
fi
if ! diff -u "$script.stderr" stderr.txt; then
    echo "standard error differs from $script.stderr (above)"
    status=1
fi
exit $status
