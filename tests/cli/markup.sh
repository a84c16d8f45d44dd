# Text that looks like markup reaches the TMX as text: the <seg>s read back hold exactly what the
# files say, and the TMX has no element or CDATA section the text did not ask for.
mkdir -p en ru
printf '%s\n' 'Use <seg> and </seg> tags. Write &amp; for &. The end ]]> is here. Close with </tmx> now.' > en/s.txt
printf '%s\n' 'Теги <seg> и </seg>. Пишите &amp; для &. Конец ]]> здесь. Закройте </tmx> сейчас.' > ru/s.txt
"$TMALIGN" align en/s.txt ru/s.txt -o s.tmx || exit 1
python3 "$TMA_SOURCE_DIR/tests/tmx-segs.py" s.tmx > segs.txt || exit 1
diff -u - segs.txt >&2 <<'END'
en "Use <seg> and </seg> tags."
ru "Теги <seg> и </seg>."

en "Write &amp; for &."
ru "Пишите &amp; для &."

en "The end ]]> is here."
ru "Конец ]]> здесь."

en "Close with </tmx> now."
ru "Закройте </tmx> сейчас."

END
test "$(xmllint --xpath 'count(//seg/*)' s.tmx)" = 0 || { echo "markup became elements" >&2; exit 1; }
test "$(xmllint --xpath 'count(//tu)' s.tmx)" = 4 || { echo "not 4 units" >&2; exit 1; }
