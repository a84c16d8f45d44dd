# One sentence against five thousand, both ways round: aligned in bounded time; every sentence of
# the long side is in the pair file's units or left out as untranslated, none twice.
mkdir -p en ru
printf "The only sentence of this version.\n" > en/s.txt
python3 -c "open('ru/s.txt', 'w').write(''.join('Предложение номер %d. ' % i for i in range(5000)))"
"$TMALIGN" align en/s.txt ru/s.txt -o one.tmx || exit 1
"$TMALIGN" align -l ru,en ru/s.txt en/s.txt -o many.tmx || exit 1
for f in one.tmx many.tmx; do
    python3 "$TMA_SOURCE_DIR/tests/tmx-segs.py" "$f" > segs.txt || exit 1
    test "$(grep -c '^en ' segs.txt)" -le 1 || { echo "$f: the English sentence twice" >&2; exit 1; }
done
rm segs.txt
