# A wrong --lang-code map is a usage error (exit 2), found before anything is read or written: bad
# syntax, a code that is not a language code, a language that is not aligned or named twice, two
# languages given one code. The same holds for batch.
mkdir -p en ru
printf "One sentence.\n" > en/s.txt
printf "Одно предложение.\n" > ru/s.txt
for map in en en=en-US,,ru=ru-RU en=EN-us ru=ru_RU de=de-DE en=en-US,en=en-GB en=ru; do
    "$TMALIGN" align en/s.txt ru/s.txt -o s.tmx --lang-code "$map"
    code=$?
    test "$code" = 2 || echo "exit $code for --lang-code $map" >&2
done
"$TMALIGN" batch . -o out --lang-code hy=hy-AM
echo "batch: exit $?" >&2
test ! -e s.tmx || echo "s.tmx was written" >&2
test ! -e out/corpus.tmx || echo "out/corpus.tmx was written" >&2
