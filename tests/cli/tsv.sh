# --tsv writes a TSV beside each pair's TMX (OUT.tsv for two languages, OUT.L1-L2.tsv for three):
# one line per unit of that TMX, in its order, with its texts and score, and exactly three fields;
# --min-score leaves the same units out of both.
c="$TMA_SOURCE_DIR/corpora"
"$TMALIGN" align "$c"/{en,ru,hy}/shoigu.txt -o three.tmx --tsv --min-score 0.9 || exit 1
"$TMALIGN" align "$c"/{en,ru}/shoigu.txt -o two.tmx --tsv || exit 1
ls three* two* > files.txt
diff -u - files.txt >&2 <<'END'
three.en-hy.tmx
three.en-hy.tsv
three.en-ru.tmx
three.en-ru.tsv
three.ru-hy.tmx
three.ru-hy.tsv
three.tmx
two.tmx
two.tsv
END
python3 - three.en-ru three.en-hy three.ru-hy two <<'PY' || exit 1
import sys
import xml.etree.ElementTree as ET

ok = True
for stem in sys.argv[1:]:
    units = []
    for tu in ET.parse(stem + ".tmx").getroot().iter("tu"):
        score = [p.text for p in tu.findall("prop") if p.get("type") == "x-align-score"][0]
        segs = ["".join(tuv.find("seg").itertext()).replace("\t", " ") for tuv in tu.findall("tuv")]
        units.append("\t".join(segs + [score]))
    with open(stem + ".tsv", encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    if lines[-1] != "" or lines[:-1] != units or any(u.count("\t") != 2 for u in units):
        print(f"{stem}.tsv does not hold the units of {stem}.tmx", file=sys.stderr)
        ok = False
    if stem.startswith("three") and any(float(u.split("\t")[2]) < 0.9 for u in units):
        print(f"{stem}: a unit under --min-score", file=sys.stderr)
        ok = False
sys.exit(0 if ok else 1)
PY
test "$(grep -c '<tu ' three.en-ru.tmx)" -lt "$(grep -c '<tu ' two.tmx)" ||
    { echo "--min-score 0.9 left nothing out" >&2; exit 1; }
