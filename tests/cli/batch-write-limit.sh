# A write that fails while a batch of several stories runs on two threads, which leaves putting
# the stories' files in place to the calling thread: a file size limit (ulimit -f, with SIGXFSZ
# ignored so that the write fails with EFBIG) that only the big story's files exceed. That story
# fails with the system's message (exit 8: the others are aligned and written), its earlier
# outputs stay exactly as they were, and no temporary file is left.
mkdir -p corpus/en corpus/ru corpus/hy
for s in a b c d; do
    printf "One %s.\n" $s > corpus/en/$s.txt
    printf "Один %s.\n" $s > corpus/ru/$s.txt
    printf "Մեկ %s։\n" $s > corpus/hy/$s.txt
done
"$TMALIGN" batch corpus -o out -q || exit 98
cp -a out before
# Story b grows to the seed story twice: its TMX is about 85 KiB, over the limit of 48 KiB, which
# the other stories' files and the QA report (about 36 KiB, most of it its style and script) stay
# under.
for l in en ru hy; do cat "$TMA_SOURCE_DIR/corpora/$l/shoigu.txt" "$TMA_SOURCE_DIR/corpora/$l/shoigu.txt" > corpus/$l/b.txt; done
(trap '' XFSZ; ulimit -f 48; exec "$TMALIGN" batch corpus -o out -q -j 2 --force)
code=$?
for f in before/b*.tmx; do
    cmp -s "$f" "out/${f#before/}" || { echo "the earlier ${f#before/} changed" >&2; exit 99; }
done
test -s out/d.tmx && grep -q "Один d" out/d.tmx || { echo "story d is not aligned" >&2; exit 96; }
left=$(find out -name "*.~tmalign~*")
test -z "$left" || { echo "left: $left" >&2; exit 97; }
exit $code
