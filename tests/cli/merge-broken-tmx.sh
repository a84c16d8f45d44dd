# A TMX in a merged folder that is not well-formed (cut off, say) is refused with one line; libxml2
# prints nothing of its own. The folder of an earlier merge keeps its files as they were: merge
# reads every input before it copies a story.
# The TMX files here are broken or hostile on purpose: tmx.check leaves this folder out.
touch .no-tmx-check
mkdir -p corpus/en corpus/ru
printf "One sentence. Two sentences.\n" > corpus/en/s.txt
printf "Одно предложение. Два предложения.\n" > corpus/ru/s.txt
"$TMALIGN" batch corpus -o out -q || exit 98
"$TMALIGN" merge out -o merged || exit 98
cp merged/s.tmx good.tmx
head -c 300 out/s.tmx > cut.tmx && mv cut.tmx out/s.tmx
"$TMALIGN" merge out -o merged
code=$?
cmp -s merged/s.tmx good.tmx || { echo "the earlier merge's s.tmx was replaced" >&2; exit 1; }
# The cut-off file is not an output for tmx.check.
rm -rf out merged good.tmx
exit $code
