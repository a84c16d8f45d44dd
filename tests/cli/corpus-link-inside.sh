# Symbolic links that lead, in the end, to a place inside the corpus folder are followed: a story's
# file linked (relative or absolute) to a file in another folder of the corpus, a chain of links
# whose middle link is outside the corpus but whose end is inside, and a language folder that is a
# link to a folder of the corpus. The corpus folder itself may be reached through a link, and
# align takes any file it is given, a link to a file anywhere included: the user chose it.
mkdir -p corpus/en corpus/ru corpus/versions/hy-2 corpus/shared elsewhere
for s in absolute chain plain relative; do
    printf "Story %s is here.\n" $s >corpus/en/$s.txt
    printf "Պատմություն %s։\n" $s >corpus/versions/hy-2/$s.txt
done
printf "История plain здесь.\n" >corpus/ru/plain.txt
printf "История relative здесь.\n" >corpus/shared/relative.ru
printf "История absolute здесь.\n" >corpus/shared/absolute.ru
printf "История chain здесь.\n" >corpus/shared/chain.ru
ln -s ../shared/relative.ru corpus/ru/relative.txt
ln -s "$PWD/corpus/shared/absolute.ru" corpus/ru/absolute.txt
ln -s ../../elsewhere/hop corpus/ru/chain.txt
ln -s ../corpus/shared/chain.ru elsewhere/hop
ln -s versions/hy-2 corpus/hy
ln -s corpus linked-corpus
"$TMALIGN" batch linked-corpus -o out -j 1 -q
echo "links inside the corpus: exit $?" >&2
for s in absolute chain plain relative; do
    grep -q "История $s здесь" out/$s.tmx && grep -q "Պատմություն $s" out/$s.tmx || exit 99
done
ln -s "$PWD/corpus/shared/relative.ru" elsewhere/story.ru
"$TMALIGN" align -l en,ru corpus/en/relative.txt elsewhere/story.ru -o direct.tmx
echo "align given a link: exit $?" >&2
grep -q "История relative здесь" direct.tmx || exit 98
exit 0
