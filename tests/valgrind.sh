#!/usr/bin/env bash
# valgrind memcheck on the end-to-end runs: the corpus alignment, a few CLI cases that succeed and
# a few that are refused, and (when FUZZ_DIR is given) every fuzz target on its seed corpus. Each
# run must exit as expected with no invalid read or write, no use of uninitialised memory and no
# definite or indirect leak. ICU's and libxml2's caches stay "still reachable" or, for ICU's
# transliterator registry, "possibly lost" at exit; neither is an error.
# Not for sanitizer builds (valgrind cannot run them): CTest adds it to plain builds only.
# usage: valgrind.sh [FUZZ_DIR]   (environment: TMALIGN, TMA_SOURCE_DIR, TMA_TEST_OUT)
set -u
fuzz_dir=${1:-}
command -v valgrind > /dev/null || { echo "skipped: valgrind is not installed"; exit 77; }
work="$TMA_TEST_OUT/valgrind"
rm -rf "$work"
mkdir -p "$work"/{en,ru,hy}
cd "$work" || exit 1
src=$TMA_SOURCE_DIR
vg=(valgrind -q --error-exitcode=1 --leak-check=full --show-leak-kinds=definite,indirect
    --errors-for-leak-kinds=definite,indirect --track-origins=yes)
status=0
runs=0

# expect CODE COMMAND...: runs COMMAND under memcheck; its exit code must be CODE (never 1, which
# is also memcheck's).
expect() {
    local want=$1
    shift
    "${vg[@]}" "$@" > out.txt 2> err.txt
    local got=$?
    runs=$((runs + 1))
    if [ "$got" != "$want" ] || grep -q '^==[0-9]*==' err.txt; then
        echo "FAILED (exit $got, expected $want): $*"
        grep -v '^tmalign: ' err.txt | head -60
        status=1
    fi
}

expect 0 "$TMALIGN" align "$src"/corpora/{en,ru,hy}/shoigu.txt -o shoigu.tmx
expect 0 "$TMALIGN" align -l ru,hy "$src"/corpora/ru/shoigu.txt "$src"/corpora/hy/shoigu.txt -o ru-hy.tmx
expect 0 "$TMALIGN" split -l hy --format jsonl "$src"/corpora/hy/shoigu.txt
expect 0 "$TMALIGN" split -l en - < "$src"/corpora/en/shoigu.txt

printf "\357\273\277One.\r\nTwo \001 <seg>&amp;]]></tmx>.\r\n\r\nCafe\314\201 \357\277\276.\n" > en/odd.txt
printf "Один.\nДва <seg>.\n\nКафе.\n" > ru/odd.txt
expect 0 "$TMALIGN" align en/odd.txt ru/odd.txt -o odd.tmx
printf "Only one.\n" > en/one.txt
python3 -c "open('ru/many.txt', 'w').write(''.join('Предложение %d. ' % i for i in range(500)))"
expect 0 "$TMALIGN" align en/one.txt ru/many.txt -o one.tmx

printf "Bad \xd0 byte.\n" > ru/bad.txt
expect 3 "$TMALIGN" align en/one.txt ru/bad.txt -o bad.tmx
printf "NUL\000.\n" > ru/nul.txt
expect 3 "$TMALIGN" align en/one.txt ru/nul.txt -o bad.tmx
printf "\377\376T\000" > ru/utf16.txt
expect 3 "$TMALIGN" align en/one.txt ru/utf16.txt -o bad.tmx
: > ru/empty.txt
expect 3 "$TMALIGN" align en/one.txt ru/empty.txt -o bad.tmx
expect 4 "$TMALIGN" align en/one.txt ru/missing.txt -o bad.tmx
expect 4 "$TMALIGN" align -l en,ru en/one.txt ru -o bad.tmx
expect 4 "$TMALIGN" align en/odd.txt ru/odd.txt -o missing/s.tmx
expect 2 "$TMALIGN" align --frobnicate
# A write that fails part way (file size limit): the error path of the TMX writer.
(trap '' XFSZ; ulimit -f 4; expect 4 "$TMALIGN" align "$src"/corpora/{en,ru}/shoigu.txt -o big.tmx
 exit $status) || status=1

if [ -n "$fuzz_dir" ]; then
    for t in text segment table anchor align tmx shard glossary dictd entry dictzip learned \
        sniff html docx odt; do
        [ -x "$fuzz_dir/fuzz_$t" ] && expect 0 "$fuzz_dir/fuzz_$t" "$src/fuzz/corpus/$t"
    done
fi
echo "$runs runs under valgrind memcheck: $([ $status = 0 ] && echo clean || echo FAILED)"
exit $status
