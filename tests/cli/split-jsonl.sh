# split --format jsonl gives each sentence its paragraph, its byte span in the file as read (BOM and CRLF
# counted) and its anchors.
printf "\xef\xbb\xbfOne \"x\".\r\nTwo.\n\nThree.\n" > in.txt
"$TMALIGN" split -l en --format jsonl in.txt > out.jsonl || exit 1
expected='{"paragraph":0,"start":3,"end":11,"text":"One \"x\".","anchors":[]}
{"paragraph":0,"start":13,"end":17,"text":"Two.","anchors":[{"kind":"number","text":"Two"}]}
{"paragraph":1,"start":19,"end":25,"text":"Three.","anchors":[{"kind":"number","text":"Three"}]}'
test "$(cat out.jsonl)" = "$expected" || exit 1
printf "Shoygu met Hasanov on 15 June.\n" | "$TMALIGN" split -l en --format jsonl | grep -q '"anchors":\[{"kind":"name","text":"Shoygu"},{"kind":"name","text":"Hasanov"},{"kind":"number","text":"15"},{"kind":"lexicon","text":"June"}\]'
