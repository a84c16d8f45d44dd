# split --format jsonl gives each sentence its paragraph and byte span in the file as read (BOM and CRLF counted).
printf "\xef\xbb\xbfOne \"x\".\r\nTwo.\n\nThree.\n" > in.txt
"$TMALIGN" split -l en --format jsonl in.txt > out.jsonl || exit 1
expected='{"paragraph":0,"start":3,"end":11,"text":"One \"x\"."}
{"paragraph":0,"start":13,"end":17,"text":"Two."}
{"paragraph":1,"start":19,"end":25,"text":"Three."}'
test "$(cat out.jsonl)" = "$expected"
