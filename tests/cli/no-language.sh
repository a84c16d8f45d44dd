# Without -l the language comes from the folder; a folder that is not a language code is refused.
mkdir -p texts
printf "Text.\n" > texts/a.txt
printf "Текст.\n" > texts/b.txt
"$TMALIGN" align texts/a.txt texts/b.txt
