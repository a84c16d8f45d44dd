#!/usr/bin/env bash
# The TMX options of a batch: --tsv writes a TSV beside each story's pair files, --lang-code the
# codes in every story's TMX and in corpus.tmx, --qa-threshold the units whose TMX note says
# low-confidence. The first two are part of what a story is up to date with, so changing either
# aligns every story again (a TSV no longer asked for is removed); merge keeps them and refuses
# shards made with other ones.
set -u
. "$TMA_SOURCE_DIR/tests/batch/lib.sh"
need_bench
work_in outputs
bash "$here/make-corpus.sh" "$bench" corpus 3 || fail "cannot build the corpus"
stories=$(ls corpus/hy | grep -v '^fault-' | sed 's/\.txt$//')
run_batch first.log corpus -o out --langs en,ru,hy --tsv --lang-code en=en-US,ru=ru-RU,hy=hy-AM
[ "$code" = 8 ] || fail "first run: exit code $code"
[ "$(summary_count first.log aligned)" = 4 ] || fail "first run: $(tail -n 1 first.log)"
for s in $stories; do
    for p in en-ru en-hy ru-hy; do
        [ -s "out/$s.$p.tsv" ] || fail "out/$s.$p.tsv missing"
        [ "$(wc -l < "out/$s.$p.tsv")" = "$(grep -c '<tu ' "out/$s.$p.tmx")" ] ||
            fail "out/$s.$p.tsv and its TMX have different units"
    done
    grep -q 'xml:lang="hy-AM"' "out/$s.tmx" || fail "out/$s.tmx has no hy-AM"
done
grep -q 'srclang="en-US"' out/corpus.tmx || fail "corpus.tmx's srclang is not en-US"
[ "$(grep -c 'xml:lang="en"' out/corpus.tmx)" = 0 ] || fail "corpus.tmx still has xml:lang en"

run_batch same.log corpus -o out --langs en,ru,hy --tsv --lang-code en=en-US,ru=ru-RU,hy=hy-AM
grep -q "aligned 0, skipped 4" same.log || fail "same options: $(tail -n 1 same.log)"
run_batch codes.log corpus -o out --langs en,ru,hy --tsv --lang-code en=en-US,ru=ru-RU
grep -q "aligned 4, skipped 0" codes.log || fail "another --lang-code: $(tail -n 1 codes.log)"
for s in $stories; do
    grep -q 'xml:lang="hy"' "out/$s.tmx" || fail "out/$s.tmx: hy kept hy-AM"
done

# Shards made with other options are not merged.
run_batch shard.log corpus -o other --langs en,ru,hy --lang-code en=en-GB
"$TMALIGN" merge out other -o merged 2>merge.log
code=$?
[ "$code" = 2 ] && grep -q "other language codes or pair TSV files; merge runs made with the same options$" merge.log ||
    fail "merge of runs with other options: exit $code, $(cat merge.log)"
"$TMALIGN" merge out -o merged 2>merge.log || [ $? = 8 ] || fail "merge: $(cat merge.log)"
for s in $stories; do
    cmp -s "out/$s.en-ru.tsv" "merged/$s.en-ru.tsv" || fail "merge did not copy $s.en-ru.tsv"
done
grep -q 'srclang="en-US"' merged/corpus.tmx || fail "merged corpus.tmx's srclang is not en-US"

# --qa-threshold decides the TMX's low-confidence notes as it decides the report's findings: a
# note in each unit scoring under it, in every story file.
run_batch strict.log corpus -o strict --langs en,ru,hy --qa-threshold 0.999
python3 - strict/*.tmx <<'PY' || fail "low-confidence notes do not follow --qa-threshold"
import re, sys
ok = True
for path in sys.argv[1:]:
    if path.endswith("corpus.tmx"):
        continue
    for tu in re.findall(r"<tu .*?</tu>", open(path, encoding="utf-8").read(), re.S):
        score = float(re.search(r'x-align-score">([0-9.]+)<', tu).group(1))
        noted = re.search(r"<note>tmalign QA: [^<]*low-confidence", tu) is not None
        # The TMX writes 4 decimals: a unit written 0.9990 may have scored just under 0.999.
        if abs(score - 0.999) < 0.00005:
            continue
        if noted != (score < 0.999):
            print(f"{path}: score {score}, low-confidence note {noted}")
            ok = False
sys.exit(0 if ok else 1)
PY
[ "$(grep -c 'low-confidence' strict/*.tmx | awk -F: '{n += $2} END {print n}')" -gt \
  "$(grep -c 'low-confidence' out/*.tmx | awk -F: '{n += $2} END {print n}')" ] ||
    fail "--qa-threshold 0.999 gave no more low-confidence notes than the default"

run_batch no-tsv.log corpus -o out --langs en,ru,hy --lang-code en=en-US,ru=ru-RU
grep -q "aligned 4, skipped 0" no-tsv.log || fail "without --tsv: $(tail -n 1 no-tsv.log)"
left=$(ls out/*.tsv | grep -v "^out/qa.tsv$")
[ -z "$left" ] || fail "TSV files left from the run with --tsv: $left"
echo "ok"
