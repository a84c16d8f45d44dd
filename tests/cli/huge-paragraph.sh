# A 5 MB paragraph with no punctuation at all is one sentence: aligned, written whole, in
# bounded time (CTest TIMEOUT 60 s, sanitizer build included).
mkdir -p en ru
python3 -c "open('en/s.txt', 'w').write('word ' * 1000000)"
python3 -c "open('ru/s.txt', 'w').write('слово ' * 500000)"
"$TMALIGN" align en/s.txt ru/s.txt -o s.tmx || exit 1
rm -r en ru
python3 - <<'END' || exit 1
import xml.etree.ElementTree as ET
segs = [s.text for s in ET.parse("s.tmx").getroot().iter("seg")]
assert len(segs) == 2, len(segs)
assert segs[0] == " ".join(["word"] * 1000000), segs[0][:40]
assert segs[1] == " ".join(["слово"] * 500000), segs[1][:40]
END
