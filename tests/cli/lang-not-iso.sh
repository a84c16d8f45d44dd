# A language code must be one of ISO 639-1's (two letters, with a region or script subtag if
# wanted): xx, eng or qq are refused wherever a language is given, and a folder so named names no
# language.
mkdir -p en fr xx
printf "One sentence.\n" > en/s.txt
printf "Une phrase.\n" > fr/s.txt
cp fr/s.txt xx/s.txt
"$TMALIGN" align -l xx,fr en/s.txt fr/s.txt -o s.tmx
echo "-l xx,fr: exit $?" >&2
"$TMALIGN" align -l eng,fr en/s.txt fr/s.txt -o s.tmx
echo "-l eng,fr: exit $?" >&2
"$TMALIGN" align en/s.txt xx/s.txt -o s.tmx
echo "xx/: exit $?" >&2
"$TMALIGN" split -l qq en/s.txt
echo "split -l qq: exit $?" >&2
"$TMALIGN" align en/s.txt fr/s.txt -o s.tmx --lang-code fr=xx-FR
echo "--lang-code fr=xx-FR: exit $?" >&2
"$TMALIGN" batch . -o out --langs en,xx
echo "batch --langs en,xx: exit $?" >&2
test ! -e s.tmx || echo "s.tmx was written" >&2
# Real codes with subtags are taken.
"$TMALIGN" align -q -l en-GB,fr-CA en/s.txt fr/s.txt -o s.tmx 2>/dev/null || exit 1
grep -c 'xml:lang="fr-CA"' s.tmx >&2
