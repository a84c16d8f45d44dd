#!/usr/bin/env bash
# Aligns the corpus stories and compares every TMX with tests/golden/ byte for byte.
# TMA_UPDATE_GOLDEN=1 rewrites the golden files instead; review their diff like code.
set -u
golden="$TMA_SOURCE_DIR/tests/golden"
out="$TMA_TEST_OUT/golden"
rm -rf "$out"
mkdir -p "$out"
status=0
for en in corpora/en/*.txt; do
    name=$(basename "$en" .txt)
    "$TMALIGN" align "corpora/en/$name.txt" "corpora/ru/$name.txt" "corpora/hy/$name.txt" \
        -o "$out/$name.tmx" || { echo "tmalign failed on $name"; status=1; continue; }
done
for f in "$out"/*.tmx; do
    base=$(basename "$f")
    if [ "${TMA_UPDATE_GOLDEN:-0}" = 1 ]; then
        cp "$f" "$golden/$base"
        echo "updated tests/golden/$base"
    elif ! cmp -s "$f" "$golden/$base"; then
        echo "$base differs from tests/golden/$base:"
        diff -u "$golden/$base" "$f" | head -40
        status=1
    fi
done
for g in "$golden"/*.tmx; do
    [ -e "$out/$(basename "$g")" ] || { echo "tests/golden/$(basename "$g") was not produced"; status=1; }
done
exit $status
