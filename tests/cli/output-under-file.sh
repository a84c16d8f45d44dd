# An output path whose "folder" is a file: refused, and the file is left as it was.
printf "not a folder\n" > notes.txt
"$TMALIGN" align -l en,ru -o notes.txt/s.tmx "$TMA_SOURCE_DIR/corpora/en/shoigu.txt" "$TMA_SOURCE_DIR/corpora/ru/shoigu.txt"
code=$?
test "$(cat notes.txt)" = "not a folder" || exit 99
exit $code
