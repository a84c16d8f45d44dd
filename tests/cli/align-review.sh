# align reads X.review.jsonl beside its -o X.tmx: a join holds (the two English sentences are one
# unit with the Russian one), an approved unit carries its prop, and a decision whose sentence is
# not in the text is a warning with the decision's line; --approved-only writes the approved unit
# alone; --review names another file, which must exist; a line that is not JSON is refused with
# its line number (exit 3).
mkdir -p en ru
printf "The army has 40 tanks. It has 12 ships.\n\nIt rained on Monday.\n" > en/s.txt
printf "У армии 40 танков и 12 кораблей.\n\nВ понедельник шёл дождь.\n" > ru/s.txt
cat > s.review.jsonl <<'JSON'
{"schema":"tmalign-review/1","story":"s","langs":["en","ru"]}
{"id":1,"time":"2026-12-06T23:50:12Z","action":"join","view":"en-ru","units":[{"status":"linked","sides":{"en":["The army has 40 tanks.","It has 12 ships."],"ru":["У армии 40 танков и 12 кораблей."]},"before":{"en":"","ru":""}}]}
{"id":2,"time":"2026-12-06T23:51:00Z","action":"approve","view":"en-ru","units":[{"status":"approved","sides":{"en":["It rained on Monday."],"ru":["В понедельник шёл дождь."]}}]}
{"id":3,"time":"2026-12-06T23:52:00Z","action":"reject","view":"en-ru","units":[{"status":"rejected","sides":{"en":["It snowed on Tuesday."],"ru":["Во вторник шёл снег."]}}]}
JSON
"$TMALIGN" align en/s.txt ru/s.txt -o s.tmx || exit 1
grep -c "<tu " s.tmx >&2
grep -c '<prop type="x-tmalign-review">approved</prop>' s.tmx >&2
grep -c "The army has 40 tanks. It has 12 ships." s.tmx >&2
"$TMALIGN" align en/s.txt ru/s.txt -o s.tmx --approved-only -q || exit 1
grep -c "<tu " s.tmx >&2
"$TMALIGN" align en/s.txt ru/s.txt -o t.tmx --review none.review.jsonl
printf '{not json\n' >> s.review.jsonl
"$TMALIGN" align en/s.txt ru/s.txt -o s.tmx -q
