# A file that is not there is reported as such, before anything is said about its language:
# texts/ is no language folder, and neither file names its language.
mkdir -p texts
printf "Text.\n" > texts/a.txt
"$TMALIGN" align texts/a.txt texts/b.txt -o s.tmx
echo "no texts/b.txt: exit $?" >&2
"$TMALIGN" align -l en,xx texts/a.txt texts/b.txt -o s.tmx
echo "no texts/b.txt, -l en,xx: exit $?" >&2
test ! -e s.tmx || echo "s.tmx was written" >&2
# Both there: now the language.
printf "Текст.\n" > texts/b.txt
"$TMALIGN" align texts/a.txt texts/b.txt -o s.tmx
