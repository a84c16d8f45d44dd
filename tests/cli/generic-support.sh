# align and batch warn once per run for each language with generic support only, naming what it
# lacks; en and ru, which have their own rules and dictionaries, get no warning. Zulu has neither
# (it stands for any language without tables: no other change to tmalign should give it some).
mkdir -p corpus/en corpus/zu
printf "The president spoke. The people were happy.\n" > corpus/en/a.txt
printf "Umongameli ukhulumile. Abantu bajabule.\n" > corpus/zu/a.txt
cp corpus/en/a.txt corpus/en/b.txt
cp corpus/zu/a.txt corpus/zu/b.txt
"$TMALIGN" align -q corpus/en/a.txt corpus/zu/a.txt -o a.tmx || exit 1
echo "align: exit $?" >&2
# Two stories, one warning.
"$TMALIGN" batch corpus -o out -q -j 1 || exit 1
echo "batch: exit $?" >&2
# A region subtag does not hide the language.
"$TMALIGN" align -q -l en-GB,zu-ZA corpus/en/a.txt corpus/zu/a.txt -o b.tmx || exit 1
