# With SOURCE_DATE_EPOCH set (the test environment sets it), two runs over the same input write
# byte-identical files, TSV included; each file's tuids are unique, in the pair files as well.
c="$TMA_SOURCE_DIR/corpora"
test -n "${SOURCE_DATE_EPOCH:-}" || { echo "SOURCE_DATE_EPOCH is not set" >&2; exit 1; }
mkdir -p a b
"$TMALIGN" align "$c"/{en,ru,hy}/shoigu.txt -o a/s.tmx --tsv || exit 1
"$TMALIGN" align "$c"/{en,ru,hy}/shoigu.txt -o b/s.tmx --tsv || exit 1
test "$(ls a | wc -l)" = 7 || { echo "expected 7 files, got: $(ls a)" >&2; exit 1; }
for f in a/*; do
    cmp "$f" "b/${f#a/}" >&2 || exit 1
done
grep -q 'creationdate="20160615T141320Z"' a/s.tmx || { echo "not SOURCE_DATE_EPOCH's date" >&2; exit 1; }
for f in a/*.tmx; do
    dup=$(grep -o 'tuid="[^"]*"' "$f" | sort | uniq -d)
    test -z "$dup" || { echo "$f: repeated $dup" >&2; exit 1; }
    test "$(grep -c 'tuid=' "$f")" = "$(grep -c '<tu ' "$f")" || { echo "$f: a <tu> without tuid" >&2; exit 1; }
done
