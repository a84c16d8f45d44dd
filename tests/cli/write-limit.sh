# A write that fails part way, wherever the test runs: a file size limit (ulimit -f, with SIGXFSZ
# ignored so that the write fails with EFBIG instead of killing the command). Exit 4 with the
# system's message, the earlier good output as it was, no temporary file left.
mkdir -p en ru
cp "$TMA_SOURCE_DIR/corpora/en/shoigu.txt" en/s.txt
cp "$TMA_SOURCE_DIR/corpora/ru/shoigu.txt" ru/s.txt
printf "One.\n" > en/small.txt
printf "Один.\n" > ru/small.txt
"$TMALIGN" align en/small.txt ru/small.txt -o s.tmx || exit 98
cp s.tmx before.tmx
(trap '' XFSZ; ulimit -f 16; exec "$TMALIGN" align en/s.txt ru/s.txt -o s.tmx)
code=$?
cmp -s s.tmx before.tmx || { echo "the earlier output changed" >&2; exit 99; }
test -z "$(ls -A | grep tmp)" || { echo "left: $(ls -A | grep tmp)" >&2; exit 97; }
exit $code
