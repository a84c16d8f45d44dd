# Two versions in one language (-l en,en, or two files of one language folder) are refused with
# exit 2 and both files; nothing is written.
mkdir -p en
cp "$TMA_SOURCE_DIR/corpora/en/shoigu.txt" en/a.txt
cp en/a.txt b.txt
"$TMALIGN" align -l en,en en/a.txt b.txt -o s.tmx
echo "-l en,en: exit $?" >&2
cp en/a.txt en/c.txt
"$TMALIGN" align en/a.txt en/c.txt -o s.tmx
code=$?
test ! -e s.tmx || exit 99
exit $code
