# File names are bytes: one that is not UTF-8 (Latin-1 "é"), or holds a control character or
# markup, still gives a well-formed TMX, with U+FFFD for the bytes that are not UTF-8: in
# x-source-file, and in the tuids, which take the TMX's name.
mkdir -p en ru
name=$(printf 'caf\351 <&>\001.txt')
printf "One sentence. Two sentences.\n" > "en/$name"
printf "Одно предложение. Два предложения.\n" > ru/s.txt
"$TMALIGN" align "en/$name" ru/s.txt -o "${name%.txt}.tmx" || exit 1
mv -- "${name%.txt}.tmx" s.tmx
xmllint --noout s.tmx || exit 1
test "$(xmllint --xpath 'string(//tu[1]/@tuid)' s.tmx)" = "caf� <&>-en-1" || { echo "tuid: $(xmllint --xpath 'string(//tu[1]/@tuid)' s.tmx)" >&2; exit 1; }
test "$(xmllint --xpath 'string(//tuv[1]/prop[@type="x-source-file"])' s.tmx)" = "en/caf� <&>.txt" || exit 1
