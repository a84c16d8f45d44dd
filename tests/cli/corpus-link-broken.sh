# Links in a batch corpus that lead nowhere a text is: a dangling link, a loop of links, a link to
# a folder and a link to a FIFO fail their stories, one line each (exit 8), never waited on; the
# other stories are aligned. A language folder that is a dangling link is named with --langs.
mkdir -p corpus/en corpus/ru corpus/folder
for s in dangling fifo folder loop ok; do printf "Story %s is here.\n" $s >corpus/en/$s.txt; done
printf "История здесь.\n" >corpus/ru/ok.txt
ln -s missing.txt corpus/ru/dangling.txt
ln -s loop.b corpus/ru/loop.txt
ln -s loop.txt corpus/ru/loop.b
ln -s ../folder corpus/ru/folder.txt
mkfifo corpus/fifo
ln -s ../fifo corpus/ru/fifo.txt
timeout 30 "$TMALIGN" batch corpus -o out -j 1 -q
echo "broken links: exit $?" >&2
grep -q "История здесь" out/ok.tmx || exit 99
ln -s nowhere corpus/hy
timeout 30 "$TMALIGN" batch corpus -o out -j 1 -q -l en,hy
echo "a dangling language folder: exit $?" >&2
exit 0
