# A line break, a tab or another control character in a file name is shown escaped, so that every
# message stays one line.
mkdir -p ru
cp "$TMA_SOURCE_DIR/corpora/ru/shoigu.txt" ru/s.txt
"$TMALIGN" align -l en,ru "$(printf 'two\nlines.txt')" ru/s.txt -o s.tmx
echo "newline: exit $?" >&2
"$TMALIGN" align -l en,ru "$(printf 'a\tb\033.txt')" ru/s.txt -o s.tmx
echo "tab, escape: exit $?" >&2
test ! -e s.tmx
