# align ends with one line on standard error: what it wrote, its units and how many are flagged
# (here the unit whose Russian number does not match, and the low-confidence ones); --quiet
# leaves it out. Counted from the TMX itself.
mkdir -p en ru
printf "The army has 40 tanks.\n\nIt rained on Monday.\n" > en/s.txt
printf "У армии 45 танков.\n\nВ понедельник шёл дождь.\n" > ru/s.txt
"$TMALIGN" align en/s.txt ru/s.txt -o s.tmx || exit 1
units=$(grep -c "<tu " s.tmx)
flagged=$(grep -c "<note>tmalign QA" s.tmx)
echo "in the TMX: $units units, $flagged flagged" >&2
"$TMALIGN" align en/s.txt ru/s.txt -o q.tmx --quiet || exit 1
"$TMALIGN" align en/s.txt ru/s.txt -o t.tmx -q --tsv || exit 1
"$TMALIGN" align en/s.txt ru/s.txt -o t.tmx --tsv || exit 1
cp en/s.txt en/t.txt
printf "Բանակն ունի 40 տանկ։\n\nԵրկուշաբթի անձրև էր։\n" > hy.txt
"$TMALIGN" align -l en,ru,hy en/t.txt ru/s.txt hy.txt -o three.tmx
# --qa-threshold marks units low-confidence in align's TMX too: at 1, every unit is flagged.
"$TMALIGN" align en/s.txt ru/s.txt -o all.tmx --qa-threshold 1 || exit 1
grep -c "low-confidence" all.tmx >&2
