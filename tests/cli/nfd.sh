# Decomposed text (NFD, as macOS file names and some editors write it) becomes NFC in the TMX.
mkdir -p en ru
printf "Cafe\314\201 cre\314\200me is served. The second sentence.\n" > en/s.txt
printf "Подают кофе\314\201 со сливками. Второе предложе\314\201ние.\n" > ru/s.txt
"$TMALIGN" align en/s.txt ru/s.txt -o s.tmx || exit 1
python3 "$TMA_SOURCE_DIR/tests/tmx-segs.py" s.tmx > segs.txt || exit 1
python3 - segs.txt <<'END' || exit 1
import sys, unicodedata
text = open(sys.argv[1], encoding="utf-8").read()
assert text == unicodedata.normalize("NFC", text), "not NFC"
assert "e\u0301" not in text, "a decomposed e is left"
END
diff -u - segs.txt >&2 <<'END'
en "Café crème is served."
ru "Подают кофе́ со сливками."

en "The second sentence."
ru "Второе предложе́ние."

END
