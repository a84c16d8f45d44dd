# A TMX in a merged folder that is not well-formed (cut off, say) is refused with one line; libxml2
# prints nothing of its own.
# The TMX files here are broken or hostile on purpose: tmx.check leaves this folder out.
touch .no-tmx-check
mkdir -p corpus/en corpus/ru
printf "One sentence. Two sentences.\n" > corpus/en/s.txt
printf "Одно предложение. Два предложения.\n" > corpus/ru/s.txt
"$TMALIGN" batch corpus -o out -q || exit 98
head -c 300 out/s.tmx > cut.tmx && mv cut.tmx out/s.tmx
"$TMALIGN" merge out -o merged
code=$?
# The cut-off file, and merge's copy of it, are not outputs for tmx.check.
rm -rf out merged
exit $code
