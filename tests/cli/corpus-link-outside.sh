# A batch corpus whose files lead out of it through symbolic links (issue 17 #9): a story's file
# that is a link to a private file outside the corpus, relative, absolute, or at the end of a
# chain of links, fails its story with one line each (exit 8) and is never read; the other stories
# are aligned. A language folder that is a link out of the corpus refuses the run (exit 3) before
# anything is written. No byte of the private files is anywhere in OUT, and nothing outside OUT
# is written.
mkdir -p corpus/en corpus/ru outside-hy
echo "PRIVATE-$$-DATA Секретный ключ." >secret
for s in absolute chain ok relative; do printf "Story %s is here.\n" $s >corpus/en/$s.txt; done
printf "История здесь.\n" >corpus/ru/ok.txt
ln -s ../../secret corpus/ru/relative.txt
ln -s "$PWD/secret" corpus/ru/absolute.txt
# chain.txt -> hop (inside the corpus, not a story) -> the private file.
ln -s hop corpus/ru/chain.txt
ln -s ../../secret corpus/ru/hop
# Every name outside OUT, and every file's content (but the standard error being written).
snapshot() {
    find . -path ./out -prune -o -path ./snap -prune -o ! -name stderr.txt -print | sort
    find . -path ./out -prune -o -path ./snap -prune -o -type f ! -name stderr.txt -exec sha1sum {} + | sort
}
mkdir snap
snapshot >snap/before
"$TMALIGN" batch corpus -o out -j 1 -q
echo "links out of the corpus: exit $?" >&2
snapshot | diff snap/before - >&2 || exit 95
grep -q "Story ok" out/ok.tmx || exit 99
echo "refusals in qa.json: $(grep -o 'leads out of the corpus folder' out/qa.json | wc -l)" >&2
# A language folder that leads out of the corpus.
printf "Պատմություն։ PRIVATE-$$-DATA\n" >outside-hy/ok.txt
ln -s ../outside-hy corpus/hy
snapshot >snap/before
"$TMALIGN" batch corpus -o out2 -j 1 -q
echo "a language folder out of the corpus: exit $?" >&2
test ! -e out2 || exit 98
snapshot | diff snap/before - >&2 || exit 97
! grep -rqF "PRIVATE-$$-DATA" out || exit 96
exit 0
