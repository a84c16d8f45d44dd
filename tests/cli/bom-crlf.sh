# UTF-8 with a byte order mark and CRLF line ends is accepted: the TMX has neither the BOM nor any
# CR, and the paragraphs and sentences are those of the text.
mkdir -p en ru
printf "\357\273\277The minister arrived on Tuesday.\r\nHe met his counterpart.\r\n\r\nTalks lasted two hours.\r\n" > en/s.txt
printf "\357\273\277Министр прибыл во вторник.\r\nОн встретился с коллегой.\r\n\r\nПереговоры длились два часа.\r\n" > ru/s.txt
"$TMALIGN" align en/s.txt ru/s.txt -o s.tmx || exit 1
python3 "$TMA_SOURCE_DIR/tests/tmx-segs.py" s.tmx > segs.txt || exit 1
diff -u - segs.txt >&2 <<'END'
en "The minister arrived on Tuesday."
ru "Министр прибыл во вторник."

en "He met his counterpart."
ru "Он встретился с коллегой."

en "Talks lasted two hours."
ru "Переговоры длились два часа."

END
grep -c $'\r\|\xef\xbb\xbf' s.tmx > /dev/null && { echo "a CR or BOM reached s.tmx" >&2; exit 1; }
grep -c '<prop type="x-paragraph">2</prop>' s.tmx | grep -qx 2 || { echo "paragraphs lost" >&2; exit 1; }
