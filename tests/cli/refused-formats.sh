# Files tmalign cannot read are refused with one line that says what the file is and what to save
# it as, whatever the file is called: a PDF, a Word 97-2003 .doc (an OLE2 file as Word writes one,
# from tests/input/make-docs.py), an RTF, a PNG, an Excel workbook named .docx, a damaged .docx.
# Nothing is written.
mkdir -p en ru
cp "$TMA_SOURCE_DIR/corpora/ru/shoigu.txt" ru/s.txt
python3 "$TMA_SOURCE_DIR/tests/input/make-docs.py" en --refused || exit 99
printf '{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} Russian Defense Chief\\par }\n' > en/s.rtf
printf '\211PNG\r\n\032\n\0\0\0\rIHDR' > en/s.png
python3 - <<'PY' || exit 99
import zipfile
with zipfile.ZipFile("en/table.docx", "w") as z:
    z.writestr("[Content_Types].xml", "<Types/>")
    z.writestr("xl/workbook.xml", "<workbook/>")
with zipfile.ZipFile("en/whole.docx", "w") as z:
    z.writestr("[Content_Types].xml", "<Types/>")
    z.writestr("word/document.xml", "<w:document/>" * 100)
data = open("en/whole.docx", "rb").read()
open("en/cut.docx", "wb").write(data[:len(data) // 2])
PY
for f in story.pdf story.doc s.rtf s.png table.docx cut.docx; do
    "$TMALIGN" align -l en,ru "en/$f" ru/s.txt -o s.tmx
    echo "$f: exit $?" >&2
    test ! -e s.tmx || exit 98
done
# split refuses them alike, from standard input too.
"$TMALIGN" split -l en < en/story.doc
