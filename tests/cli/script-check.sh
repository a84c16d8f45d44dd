# A file whose letters are mostly in another script than its language's is refused with the script
# found: the Russian story given as English, the Armenian one as Russian, English as Armenian. A
# Russian text with English quotes and names is not. In a batch the story fails and the others are
# aligned.
c="$TMA_SOURCE_DIR/corpora"
for l in en ru hy; do cp "$c/$l/shoigu.txt" "$l.txt"; done
"$TMALIGN" align -l en,ru ru.txt en.txt -o s.tmx
echo "ru as en: exit $?" >&2
"$TMALIGN" align -l en,ru en.txt hy.txt -o s.tmx
echo "hy as ru: exit $?" >&2
"$TMALIGN" align -l en,hy en.txt en.txt -o s.tmx
echo "en as hy: exit $?" >&2
printf "Шойгу сказал: «We will win», — и ушёл. Его поддержал министр Hasanov.\n" > quote-ru.txt
"$TMALIGN" split -l ru quote-ru.txt > /dev/null || exit 1
printf "Шойгу сказал.\n" | "$TMALIGN" split -l en
echo "split: exit $?" >&2
test ! -e s.tmx || echo "s.tmx was written" >&2
mkdir -p corpus/en corpus/ru
cp "$c/en/shoigu.txt" corpus/en/good.txt
cp "$c/ru/shoigu.txt" corpus/ru/good.txt
cp "$c/ru/shoigu.txt" corpus/en/swapped.txt
cp "$c/en/shoigu.txt" corpus/ru/swapped.txt
"$TMALIGN" batch corpus -o out -q -j 1
echo "batch: exit $?" >&2
test -s out/good.tmx || echo "out/good.tmx was not written" >&2
