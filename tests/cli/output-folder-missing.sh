# An output folder that does not exist: refused, and no file appears anywhere.
"$TMALIGN" align -l en,ru -o missing/s.tmx "$TMA_SOURCE_DIR/corpora/en/shoigu.txt" "$TMA_SOURCE_DIR/corpora/ru/shoigu.txt"
code=$?
test ! -e missing || exit 99
exit $code
