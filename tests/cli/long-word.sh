# A 1 MB word, and a 1 MB "word" with a full stop between a lowercase letter and a capital every
# four bytes (which the splitter looks at one by one): each is split and aligned in bounded time.
mkdir -p en ru
python3 -c "open('en/s.txt', 'w').write('x' * 1000000 + '.\n\n' + 'a.Bc' * 250000 + '\n')"
python3 -c "open('ru/s.txt', 'w').write('ы' * 500000 + '.\n\n' + 'а.Бв' * 125000 + '\n')"
"$TMALIGN" align en/s.txt ru/s.txt -o s.tmx || exit 1
"$TMALIGN" split -l en en/s.txt > en.split || exit 1
rm -r en ru
# Each unspaced full stop after a word of two letters or more ends a sentence: all but the first
# of the 250000 in the second paragraph (its word, "a", has one letter).
test "$(wc -l < en.split)" = 250001 || { echo "split into $(wc -l < en.split) lines" >&2; exit 1; }
rm en.split
python3 "$TMA_SOURCE_DIR/tests/tmx-segs.py" s.tmx > /dev/null || exit 1
