# A TMX in a merged folder that is not well-formed (cut off, say) is refused with one line; libxml2
# prints nothing of its own.
mkdir -p corpus/en corpus/ru
printf "One sentence. Two sentences.\n" > corpus/en/s.txt
printf "Одно предложение. Два предложения.\n" > corpus/ru/s.txt
"$TMALIGN" batch corpus -o out -q || exit 98
head -c 300 out/s.tmx > cut.tmx && mv cut.tmx out/s.tmx
"$TMALIGN" merge out -o merged
