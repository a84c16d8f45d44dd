# --segmented takes each line as one sentence (text split by another tool): a line with two
# sentences stays one, a line without final punctuation is one, blank lines part paragraphs, and
# the paragraphs reach the TMX. Without the option the same files are split by tmalign's rules.
mkdir -p en ru
printf "Talks began. They lasted two hours\nThe minister left\n\n  Nothing was signed.  \n" > en/s.txt
printf "Переговоры начались. Они длились два часа\nМинистр уехал\n\nНичего не подписали.\n" > ru/s.txt
"$TMALIGN" align --segmented en/s.txt ru/s.txt -o s.tmx || exit 1
python3 "$TMA_SOURCE_DIR/tests/tmx-segs.py" s.tmx > segs.txt || exit 1
diff -u - segs.txt >&2 <<'END'
en "Talks began. They lasted two hours"
ru "Переговоры начались. Они длились два часа"

en "The minister left"
ru "Министр уехал"

en "Nothing was signed."
ru "Ничего не подписали."

END
grep -c '<prop type="x-paragraph">2</prop>' s.tmx | grep -qx 2 || { echo "paragraphs lost" >&2; exit 1; }
"$TMALIGN" align en/s.txt ru/s.txt -o split.tmx || exit 1
grep -c '<tu ' split.tmx | grep -qx 4 || { echo "without --segmented tmalign should split into 4 units" >&2; exit 1; }
