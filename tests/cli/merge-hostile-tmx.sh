# A shard's TMX files are parsed and written anew, never copied: merge refuses a story file that
# is not what tmalign writes (an attribute or element it never writes, a namespaced one, markup
# in a <seg>, a tuid twice, a language out of place, a file over the size cap, a missing file)
# with its place, and leaves no OUT behind; a TSV beside a pair file is made again from the TMX,
# whatever the shard's says; shards made with other alignment options are refused, naming the
# option. Every merge that succeeds writes XML that xmllint accepts; nothing is written outside
# OUT. The hostile shards are removed at the end, so that tmx.check checks every TMX left: the
# good shards' and the merged ones.
mkdir -p corpus/en corpus/ru corpus/hy
for l in en ru hy; do cp "$TMA_SOURCE_DIR/corpora/$l/shoigu.txt" corpus/$l/s.txt; done
"$TMALIGN" batch corpus -o good -q -l en,ru,hy --tsv || exit 98
fresh() { rm -rf "$1" && cp -a good "$1"; }
merge() {
    timeout 60 "$TMALIGN" merge "$@" -o "out-$1"
    echo "$1: exit $?" >&2
}
refused() {
    merge "$@"
    [ ! -e "out-$1" ] || echo "$1: out-$1 left behind" >&2
}
# The first <tu> of FILE gets ATTRIBUTE.
tu_attribute() { sed -i "0,/<tu tuid=/s//<tu $2 tuid=/" "$1"; }
# 1. A long attribute name, and a namespaced one (declared, so the XML is well-formed).
fresh long-attribute
tu_attribute long-attribute/s.tmx "x$(head -c 300 /dev/zero | tr '\0' a)=\"1\""
refused long-attribute
fresh namespaced
tu_attribute namespaced/s.en-ru.tmx 'xmlns:evil="urn:x" evil:href="javascript:alert(1)"'
refused namespaced
# 2. An element tmalign never writes, and markup inside a <seg>.
fresh element
sed -i '0,/<\/tu>/s//<script>alert(1)<\/script><\/tu>/' element/s.tmx
refused element
fresh seg-markup
sed -i '0,/<seg>/s//<seg><b>bold<\/b>/' seg-markup/s.ru-hy.tmx
refused seg-markup
# 3. A tuid given twice, and a <tuv> of a language out of place.
fresh duplicate
first=$(grep -o 'tuid="[^"]*"' duplicate/s.tmx | head -1)
sed -i "0,/tuid=\"[^\"]*\"/! s/$first/XX/; 3,\$ s/tuid=\"[^\"]*\"/$first/" duplicate/s.tmx
refused duplicate
fresh language
sed -i '0,/xml:lang="ru"/s//xml:lang="de"/' language/s.tmx
refused language
# 4. A missing story file, and one over the size cap (sparse: nothing is read).
fresh missing
rm missing/s.en-hy.tmx
refused missing
fresh huge
truncate -s 600M huge/s.tmx
refused huge
# 5. Shards made with another --min-score or --segmented.
"$TMALIGN" batch corpus -o min-score -q -l en,ru,hy --tsv --min-score 0.5 || exit 98
refused good min-score
mv out-good out-good-kept 2>/dev/null
"$TMALIGN" batch corpus -o segmented -q -l en,ru,hy --tsv --segmented || exit 98
refused good segmented
# 6. A shard's TSV that says something else: made again from the pair file.
fresh tsv
printf 'injected\tline\t1.0000\n' >>tsv/s.en-ru.tsv
merge tsv
cmp -s out-tsv/s.en-ru.tsv good/s.en-ru.tsv || echo "tsv: the TSV was not made again" >&2
for f in out-tsv/*.tmx out-tsv/*.xml out-tsv/.tmalign/stories/*.xml; do
    [ -e "$f" ] && { xmllint --noout --nonet "$f" 2>/dev/null || echo "$f: not well-formed" >&2; }
done
cmp -s out-tsv/s.tmx good/s.tmx || echo "tsv: s.tmx differs from the shard's" >&2
[ -z "$(find . -newer good/s.tmx -type f ! -path './out-*' ! -path './good/*' \
    ! -path './min-score/*' ! -path './segmented/*' ! -name stderr.txt \
    ! -path './long-attribute/*' ! -path './namespaced/*' ! -path './element/*' \
    ! -path './seg-markup/*' ! -path './duplicate/*' ! -path './language/*' \
    ! -path './missing/*' ! -path './huge/*' ! -path './tsv/*')" ] ||
    echo "files written outside OUT" >&2
rm -rf long-attribute namespaced element seg-markup duplicate language missing huge tsv
exit 0
