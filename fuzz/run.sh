#!/usr/bin/env bash
# Runs one libFuzzer target for a while, one process on one core, and prints its final stats.
# usage: fuzz/run.sh BUILD_DIR TARGET [SECONDS]     (BUILD_DIR configured with -DTMA_FUZZ=ON)
# New inputs go to BUILD_DIR/fuzz/work/TARGET (not to the seed corpus); crashes, leaks and timeouts
# to BUILD_DIR/fuzz/artifacts/. Add each one to fuzz/corpus/TARGET/ as a regression once fixed.
# TMPDIR, where fuzz_shard writes its folders, is /dev/shm unless set.
set -euo pipefail
build=$1
target=$2
seconds=${3:-600}
here=$(cd "$(dirname "$0")" && pwd)
bin="$build/fuzz/fuzz_$target"
[ -x "$bin" ] || { echo "no $bin: configure with CC=clang cmake -DTMA_FUZZ=ON and build" >&2; exit 2; }
work="$build/fuzz/work/$target"
artifacts="$build/fuzz/artifacts"
mkdir -p "$work" "$artifacts"
# shard writes a folder per input under TMPDIR: in memory, unless the caller chose.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
    export TMPDIR=/dev/shm
fi
dict=()
[ -f "$here/dict/$target.dict" ] && dict=(-dict="$here/dict/$target.dict")
exec "$bin" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$artifacts/$target-" "${dict[@]}" "$work" "$here/corpus/$target"
