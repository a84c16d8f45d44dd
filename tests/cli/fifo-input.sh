# A FIFO that no process writes to is read as empty, not waited on for good; a device is refused;
# a pipe with a writer (process substitution) is read to its end and aligned. Nothing is written
# for a refused input.
mkdir -p en ru
cp "$TMA_SOURCE_DIR/corpora/ru/shoigu.txt" ru/s.txt
mkfifo en/s.txt
timeout 20 "$TMALIGN" align -l en,ru en/s.txt ru/s.txt -o s.tmx
echo "fifo without a writer: exit $?" >&2
test ! -e s.tmx || exit 99
timeout 20 "$TMALIGN" align -l en,ru /dev/zero ru/s.txt -o s.tmx
echo "device: exit $?" >&2
test ! -e s.tmx || exit 99
timeout 20 "$TMALIGN" align -l en,ru <(cat "$TMA_SOURCE_DIR/corpora/en/shoigu.txt") ru/s.txt -o s.tmx
code=$?
grep -c '<tu ' s.tmx >/dev/null || exit 98
exit $code
