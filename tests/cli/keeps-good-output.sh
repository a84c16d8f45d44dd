# A failed run leaves an earlier good output exactly as it was.
mkdir -p en ru
cp "$TMA_SOURCE_DIR/corpora/en/shoigu.txt" en/s.txt
cp "$TMA_SOURCE_DIR/corpora/ru/shoigu.txt" ru/s.txt
"$TMALIGN" align en/s.txt ru/s.txt -o s.tmx || exit 98
cp s.tmx before.tmx
printf "\xc3\x28\n" >> ru/s.txt
"$TMALIGN" align en/s.txt ru/s.txt -o s.tmx
code=$?
cmp -s s.tmx before.tmx || exit 99
test -z "$(ls -A | grep tmp)" || exit 97
exit $code
