# A shard's TMX that names an encoding its bytes are not in is refused in tmalign's one line;
# libxml2 prints nothing of its own (it wrote "encoding error : input conversion failed" and
# "I/O error : encoder error" on standard error before). No OUT is left.
mkdir -p corpus/en corpus/ru
cp "$TMA_SOURCE_DIR/corpora/en/shoigu.txt" corpus/en/s.txt
cp "$TMA_SOURCE_DIR/corpora/ru/shoigu.txt" corpus/ru/s.txt
"$TMALIGN" batch corpus -o shard --quiet || exit 99
python3 - <<'PY' || exit 98
p = "shard/s.tmx"
b = open(p, "rb").read()
b = b.replace(b'encoding="UTF-8"', b'encoding="Shift_JIS"', 1)
b = b.replace("Шойгу".encode(), b"\x81\xff\x80", 1)
open(p, "wb").write(b)
PY
touch shard/.no-tmx-check
"$TMALIGN" merge shard -o merged
code=$?
test ! -e merged || exit 97
exit $code
