# A shard folder is input: merge refuses one whose manifest names a story outside the folder or
# languages that are not language codes, whose files are symbolic links (to a private file) or
# FIFOs, or whose QA part declares entities, holds markup or names another story. Each is
# refused with its place and leaves nothing: no OUT (a refused merge removes the folder it made),
# nothing outside it, no byte of the private file anywhere.
mkdir -p corpus/en corpus/ru
cp "$TMA_SOURCE_DIR/corpora/en/shoigu.txt" corpus/en/s.txt
cp "$TMA_SOURCE_DIR/corpora/ru/shoigu.txt" corpus/ru/s.txt
"$TMALIGN" batch corpus -o good -q || exit 1
echo "PRIVATE-$$-DATA" >secret
fresh() { rm -rf "$1" && cp -a good "$1"; }
merge() {
    timeout 30 "$TMALIGN" merge "$1" -o "out-$1"
    echo "$1: exit $?" >&2
    [ ! -e "out-$1" ] || echo "$1: out-$1 left behind" >&2
}
# 1. A story name with ../ in the manifest.
fresh traversal
sed -i "s/^story\t73\t/story\t$(printf '../evil' | od -An -tx1 | tr -d ' \n')\t/" traversal/.tmalign/manifest.tsv
merge traversal
# 2. A story's TMX a symbolic link to a private file.
fresh symlink
ln -sf "$PWD/secret" symlink/s.tmx
merge symlink
# 3. Markup in the manifest's language list.
fresh markup
sed -i 's/^langs\t.*/langs\ten,<script>alert(1)<\/script>/' markup/.tmalign/manifest.tsv
merge markup
# 4. A QA part that declares an entity (a billion laughs in small).
fresh entity
part=$(ls entity/.tmalign/stories/*.qa.xml)
printf '<?xml version="1.0"?>\n<!DOCTYPE story [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<story name="s">&b;</story>\n' >"$part"
merge entity
# 5. A FIFO in place of the story's TMX: refused at once, not waited on.
fresh fifo
rm fifo/s.tmx && mkfifo fifo/s.tmx
merge fifo
# 6. Markup in a QA part's language: refused, never written into qa.html.
fresh part-markup
part=$(ls part-markup/.tmalign/stories/*.qa.xml)
sed -i '0,/<doc lang="en"/s//<doc lang="\&quot;\&gt;\&lt;b\&gt;x"/' "$part"
merge part-markup
# 7. A QA part that names another story.
fresh part-name
part=$(ls part-name/.tmalign/stories/*.qa.xml)
sed -i '0,/<story name="s"/s//<story name="other"/' "$part"
merge part-name
test ! -e evil && test ! -e evil.tmx || exit 97
! grep -rq "PRIVATE-$$-DATA" --exclude=secret . 2>/dev/null || exit 98
exit 0
