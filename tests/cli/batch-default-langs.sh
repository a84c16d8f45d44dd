# Without --langs, batch takes every language folder of the corpus, en first and then the others
# in name order: en, hy, ru, whatever order the folders were made in. The source of every TMX is
# en, and the pair files are named in that order (NAME.en-hy.tmx, NAME.en-ru.tmx, NAME.hy-ru.tmx).
mkdir -p corpus/ru corpus/hy corpus/en
for l in ru hy en; do cp "$TMA_SOURCE_DIR/corpora/$l/shoigu.txt" corpus/$l/; done
"$TMALIGN" batch corpus -o out -q || exit 1
ls out | grep '^shoigu\.' >&2
python3 -c 'import json; print(",".join(json.load(open("out/qa.json"))["languages"]))' >&2
grep -o 'srclang="[a-z]*"' out/shoigu.tmx out/shoigu.hy-ru.tmx >&2
