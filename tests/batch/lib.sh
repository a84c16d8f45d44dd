# Shared by the batch tests: where the benchmark is, a fresh work folder, small checks.
# Environment (from tests/CMakeLists.txt): TMALIGN, TMA_SOURCE_DIR, TMA_SHARED_DIR, TMA_TEST_OUT,
# SOURCE_DATE_EPOCH.
bench="$TMA_SHARED_DIR/eval/alignment/bench/hard-s1"
here="$TMA_SOURCE_DIR/tests/batch"

need_bench() {
    if [ ! -f "$bench/manifest.tsv" ]; then
        echo "skipped: $bench is missing"
        exit 77
    fi
}

# A fresh folder for test NAME under $TMA_TEST_OUT/batch, and cd into it.
work_in() {
    work="$TMA_TEST_OUT/batch/$1"
    rm -rf "$work"
    mkdir -p "$work"
    cd "$work" || exit 1
}

fail() {
    echo "FAIL: $*"
    exit 1
}

# Runs tmalign batch with ARGS, keeping its stderr in LOG (first argument); sets $code.
run_batch() {
    local log=$1
    shift
    "$TMALIGN" batch "$@" 2>"$log"
    code=$?
}

# The summary line's count of WHAT ("aligned", "skipped", "failed") in LOG.
summary_count() {
    grep -oE "$2 [0-9]+" "$1" | tail -n 1 | grep -oE '[0-9]+'
}
