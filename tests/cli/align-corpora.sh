# The seed story in three languages: the three-language file and the three pair files.
"$TMALIGN" align "$TMA_SOURCE_DIR"/corpora/{en,ru,hy}/shoigu.txt -o shoigu.tmx || exit 1
for f in shoigu.tmx shoigu.en-ru.tmx shoigu.en-hy.tmx shoigu.ru-hy.tmx; do
    test -s "$f" || { echo "$f missing" >&2; exit 1; }
done
grep -c "<tu " shoigu.tmx > /dev/null
