#!/usr/bin/env bash
# The seed story as translators get it (issue 22): its three versions as news-site HTML pages,
# Word documents and OpenDocument texts (tests/input/make-docs.py, python3-docx and python3-odf)
# align to the same units as the plain text: the same <seg>s (tests/tmx-segs.py) and the same
# x-paragraph of each, in OUT.tmx and in each pair file, and `split` gives the same sentences and
# byte spans (offsets into the extracted text, which is the .txt's). Each TMX says the format of
# each version (x-source-format); the format is told by the content, so a .docx named .txt is read
# as Word, a text named .docx as text. `batch` takes a corpus of them. The TMX files are left for
# tmx.check.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }
# The Debian packages python3-docx and python3-odf, for the python3 that has them.
py=
for p in python3 /usr/bin/python3; do
    if "$p" -c 'import docx, odf' 2>/dev/null; then
        py=$p
        break
    fi
done
[ -n "$py" ] || { echo "skipped: no python3 with python3-docx and python3-odf"; exit 77; }
work="$TMA_TEST_OUT/input/formats"
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
"$py" "$TMA_SOURCE_DIR/tests/input/make-docs.py" . || fail "make-docs.py failed"
for lang in en ru hy; do
    cp "$TMA_SOURCE_DIR/corpora/$lang/shoigu.txt" "$lang/shoigu.txt"
done

# What a TMX holds, per <tu>: the segments, and each variant's x-paragraph.
units() {
    python3 "$TMA_SOURCE_DIR/tests/tmx-segs.py" "$1" || fail "$1 is not well-formed"
    xmllint --xpath "//prop[@type='x-paragraph']/text()" "$1" | tr '\n' ' '
    echo
}

align() {
    local out=$1
    shift
    "$TMALIGN" align -l en,ru,hy "$@" -o "$out.tmx" || fail "align $* failed"
}

align text en/shoigu.txt ru/shoigu.txt hy/shoigu.txt
[ "$(xmllint --xpath "count(//prop[@type='x-source-format'])" text.tmx)" = 0 ] ||
    fail "text.tmx has x-source-format props: plain text says nothing"
units_count=$(xmllint --xpath 'count(//tu)' text.tmx)
[ "$units_count" -gt 10 ] || fail "text.tmx has only $units_count units"
for lang in en ru hy; do
    "$TMALIGN" split -l "$lang" --format jsonl "$lang/shoigu.txt" >"$lang/txt.jsonl" ||
        fail "split $lang/shoigu.txt failed"
done

check_same() {
    local name=$1 file
    for file in "$name.tmx" "$name.en-ru.tmx" "$name.en-hy.tmx" "$name.ru-hy.tmx"; do
        local text=text${file#"$name"}
        diff -u <(units "$text") <(units "$file") >"$file.diff" ||
            fail "$file: not the units of $text (see $work/$file.diff)"
    done
}

for format in html docx odt; do
    align "$format" "en/shoigu.$format" "ru/shoigu.$format" "hy/shoigu.$format"
    check_same "$format"
    tuvs=$(xmllint --xpath 'count(//tuv)' "$format.tmx")
    said=$(xmllint --xpath "count(//tuv/prop[@type='x-source-format'][text()='$format'])" \
        "$format.tmx")
    [ "$tuvs" = "$said" ] || fail "$format.tmx: $said of $tuvs <tuv>s say x-source-format $format"
    ! grep -q NOT-STORY "$format".*tmx || fail "$format: text that is no part of the story in the TMX"
    for lang in en ru hy; do
        "$TMALIGN" split -l "$lang" --format jsonl "$lang/shoigu.$format" >"$lang/$format.jsonl" ||
            fail "split $lang/shoigu.$format failed"
        cmp -s "$lang/txt.jsonl" "$lang/$format.jsonl" ||
            fail "$lang/shoigu.$format: split gives other sentences or spans than the .txt"
    done
    echo "$format: $units_count units, as the text"
done

# One version in each format, in one story.
align mixed en/shoigu.html ru/shoigu.docx hy/shoigu.odt
check_same mixed
[ "$(xmllint --xpath "string(//tu[1]/tuv[2]/prop[@type='x-source-format'])" mixed.tmx)" = docx ] ||
    fail "mixed.tmx: the Russian version is not said to be docx"

# The content decides, not the name.
mkdir -p named
cp en/shoigu.docx named/en.txt
cp ru/shoigu.txt named/ru.docx
cp hy/shoigu.html named/hy.txt
align named named/en.txt named/ru.docx named/hy.txt
check_same named
[ "$(xmllint --xpath "count(//tuv[@xml:lang='en']/prop[@type='x-source-format'][text()='docx'])" \
    named.tmx)" = "$units_count" ] || fail "named.tmx: the .docx named en.txt is not read as docx"
[ "$(xmllint --xpath "count(//tuv[@xml:lang='ru']/prop[@type='x-source-format'])" named.tmx)" = 0 ] ||
    fail "named.tmx: the text named ru.docx is not read as text"
echo "mixed formats and misleading names: $units_count units, as the text"

# A batch corpus takes a story as a page or a document too, one file per language folder.
mkdir -p corpus/en corpus/ru corpus/hy
cp en/shoigu.html corpus/en/shoigu.html
cp ru/shoigu.docx corpus/ru/shoigu.docx
cp hy/shoigu.odt corpus/hy/shoigu.odt
"$TMALIGN" batch corpus -o batch-out -l en,ru,hy -q || fail "batch over pages and documents failed"
cp batch-out/shoigu.tmx batched.tmx
for pair in en-ru en-hy ru-hy; do
    cp "batch-out/shoigu.$pair.tmx" "batched.$pair.tmx"
done
check_same batched
echo "batch over a page, a .docx and an .odt: $units_count units, as the text"
