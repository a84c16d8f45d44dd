# An output path that is a folder: refused, and the folder is left as it was.
mkdir -p out.tmx
"$TMALIGN" align -l en,ru -o out.tmx "$TMA_SOURCE_DIR/corpora/en/shoigu.txt" "$TMA_SOURCE_DIR/corpora/ru/shoigu.txt"
code=$?
test -z "$(ls -A out.tmx)" || exit 99
exit $code
