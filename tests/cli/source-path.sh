# x-source-file keeps no absolute path unless asked: relative to the working directory where the
# file is inside it (given relative, or absolute), else the file's name; --source-path as-given,
# name and none say otherwise. batch records the same, and merge keeps what the shards recorded.
mkdir -p work/en work/ru
printf "One sentence. Two sentences.\n" > work/en/s.txt
printf "Одно предложение. Два предложения.\n" > work/ru/s.txt
here=$(pwd)
sources() { xmllint --xpath '//tuv/prop[@type="x-source-file"]/text()' "$1" 2>/dev/null | sort -u | tr '\n' ' '; echo; }
cd work || exit 1
"$TMALIGN" align -q en/s.txt ru/s.txt -o ../relative.tmx || exit 1
"$TMALIGN" align -q ./en/s.txt "$here/work/ru/s.txt" -o ../absolute-inside.tmx || exit 1
cd en || exit 1
"$TMALIGN" align -q -l en,ru s.txt ../ru/s.txt -o ../../climbing.tmx || exit 1
cd "$here" || exit 1
mkdir -p elsewhere && cd elsewhere || exit 1
"$TMALIGN" align -q "$here/work/en/s.txt" "$here/work/ru/s.txt" -o ../outside.tmx || exit 1
for how in as-given name none relative; do
    "$TMALIGN" align -q --source-path "$how" "$here/work/en/s.txt" "$here/work/ru/s.txt" -o "../how-$how.tmx" || exit 1
done
cd "$here" || exit 1
for f in relative absolute-inside climbing outside how-as-given how-name how-none how-relative; do
    printf '%s: %s\n' "$f" "$(sources $f.tmx | sed "s|$here|HERE|g")" >&2
done
grep -c "x-source-file" how-none.tmx >&2
# batch, run from beside the corpus and from elsewhere with the corpus's absolute path.
"$TMALIGN" batch work -o out -q || exit 1
printf 'batch: %s\n' "$(sources out/s.tmx)" >&2
cd elsewhere || exit 1
"$TMALIGN" batch "$here/work" -o "$here/out-abs" -q || exit 1
cd "$here" || exit 1
printf 'batch, absolute: %s\n' "$(sources out-abs/s.tmx)" >&2
printf 'corpus.tmx: %s\n' "$(sources out-abs/corpus.tmx)" >&2
# Shards made with other --source-path values are not merged.
"$TMALIGN" batch work -o shard-name -q --source-path name || exit 1
"$TMALIGN" merge out shard-name -o merged
echo "merge: exit $?" >&2
"$TMALIGN" align --source-path full work/en/s.txt work/ru/s.txt
