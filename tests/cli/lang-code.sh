# --lang-code writes the mapped codes as xml:lang in every file and as srclang in each header; a
# language the map does not name keeps its code; file names and tuids (named after the TMX) keep
# the -l codes.
c="$TMA_SOURCE_DIR/corpora"
"$TMALIGN" align "$c"/{en,ru,hy}/shoigu.txt -o s.tmx --lang-code en=en-US,ru=ru-RU || exit 1
for f in s.tmx s.en-ru.tmx s.en-hy.tmx s.ru-hy.tmx; do
    test -s "$f" || { echo "$f missing" >&2; exit 1; }
    # One line per file: srclang, then each xml:lang with its count, then the first tuid.
    printf '%s %s' "$f" "$(grep -o 'srclang="[^"]*"' "$f")"
    grep -o 'xml:lang="[^"]*"' "$f" | sort | uniq -c | awk '{printf " %s", $2}'
    grep -m1 -o 'tuid="[^"]*"' "$f" | sed 's/^/ /'
done > langs.txt
diff -u - langs.txt >&2 <<'END'
s.tmx srclang="en-US" xml:lang="en-US" xml:lang="hy" xml:lang="ru-RU" tuid="s-en-1"
s.en-ru.tmx srclang="en-US" xml:lang="en-US" xml:lang="ru-RU" tuid="s-en-1"
s.en-hy.tmx srclang="en-US" xml:lang="en-US" xml:lang="hy" tuid="s-en-1"
s.ru-hy.tmx srclang="ru-RU" xml:lang="hy" xml:lang="ru-RU" tuid="s-ru-1"
END
