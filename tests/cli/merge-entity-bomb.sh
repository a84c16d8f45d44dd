# A TMX in a merged folder with internal entities is never expanded: a "billion laughs" (entities
# of entities, 10^9 copies of "lol") and a harmless entity alike are refused at once, in one line
# that names the file handed over: tmalign writes no DTD, so a TMX with one is not its own.
# The TMX files here are hostile on purpose: tmx.check leaves this folder out.
touch .no-tmx-check
mkdir -p corpus/en corpus/ru
printf "One sentence. Two sentences.\n" > corpus/en/s.txt
printf "Одно предложение. Два предложения.\n" > corpus/ru/s.txt
"$TMALIGN" batch corpus -o out -q || exit 98
cp -r out small
python3 - <<'END'
def hostile(path, entities, ref):
    s = open(path, encoding="utf-8").read()
    s = s.replace("?>\n", "?>\n<!DOCTYPE tmx [\n" + entities + "]>\n", 1)
    s = s.replace("One sentence.", f"One {ref} sentence.", 1).replace('tuid="', f'tuid="{ref}', 1)
    open(path, "w", encoding="utf-8").write(s)
lol = '<!ENTITY lol0 "lollollollollollollollollollol">\n' + "".join(
    f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">\n' for i in range(1, 10))
hostile("out/s.tmx", lol, "&lol9;")
hostile("small/s.tmx", '<!ENTITY x "EXPANDED">\n', "&x;")
END
timeout 20 "$TMALIGN" merge out -o merged
code=$?
[ "$code" = 3 ] || { echo "the bomb: exit code $code, expected 3" >&2; exit 1; }
timeout 20 "$TMALIGN" merge small -o merged-small
[ "$?" = 3 ] || { echo "the harmless entity: exit code $?, expected 3" >&2; exit 1; }
test ! -e merged && test ! -e merged-small || { echo "a refused merge left its OUT" >&2; exit 1; }
# The hostile files are not outputs for tmx.check.
rm -r out small
exit $code
