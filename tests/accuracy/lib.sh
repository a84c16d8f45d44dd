# shellcheck shell=bash
# Sourced by the accuracy scripts that read the shared benchmark: sets eval_dir, or skips the
# test (exit 77) when ../shared/eval is missing.
eval_dir="$TMA_SHARED_DIR/eval/alignment"
if [ ! -f "$eval_dir/score.py" ]; then
    echo "skipped: $eval_dir is missing"
    exit 77
fi
