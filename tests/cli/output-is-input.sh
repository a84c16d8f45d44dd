# An output never replaces an input: -o naming an input file, a TSV (--tsv) that would be written
# over an input, or a hard link to an input under another name are refused with exit 2 and both
# names, and the inputs stay as they were.
mkdir -p en
cp "$TMA_SOURCE_DIR/corpora/en/shoigu.txt" en/s.txt
cp "$TMA_SOURCE_DIR/corpora/ru/shoigu.txt" x.tsv
cp en/s.txt en.orig && cp x.tsv ru.orig
"$TMALIGN" align -l en,ru en/s.txt x.tsv -o en/s.txt
echo "-o the input: exit $?" >&2
"$TMALIGN" align -l en,ru --tsv en/s.txt x.tsv -o x.tmx
echo "--tsv over the input: exit $?" >&2
ln en/s.txt link.tmx
"$TMALIGN" align -l en,ru en/s.txt x.tsv -o link.tmx
echo "a hard link to the input: exit $?" >&2
cmp -s en/s.txt en.orig && cmp -s x.tsv ru.orig || exit 99
# link.tmx is the English text under a TMX name: not an output for tmx.check.
rm link.tmx
test ! -e x.tmx || exit 98
ls | grep -q '~tmalign~' && exit 97
exit 0
