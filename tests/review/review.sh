#!/usr/bin/env bash
# Runs one of the review tests, tests/review/NAME.py, in a fresh folder under TMA_TEST_OUT/review
# (whose TMX files tmx.check then checks).
# usage: review.sh NAME   (environment: TMALIGN, TMA_SOURCE_DIR, TMA_TEST_OUT)
set -u
work="$TMA_TEST_OUT/review/$1"
rm -rf "$work"
mkdir -p "$work"
exec python3 "$TMA_SOURCE_DIR/tests/review/$1.py" "$work"
