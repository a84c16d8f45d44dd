# Control characters, DEL, C1 controls and the noncharacters U+FFFE and U+FFFF inside the text are
# accepted and left out of the TMX, which XML forbids them in; NEL (U+0085) separates words like a
# space. A sentence of nothing but such characters has no unit. Each unit that lost characters says
# so in a note, and align warns once per file with the count and the first one's place (the BEL on
# line 1, column 5). tmx.check checks s.tmx too.
mkdir -p en ru
printf "Bell\007 and escape\033[0m here. Next\302\205line and DEL\177 end.\n\n\001\002\003\n\nLast \357\277\276one\357\277\277.\n" > en/s.txt
printf "Звонок и escape здесь. Следующая строка и конец.\n\nПоследний.\n" > ru/s.txt
"$TMALIGN" align en/s.txt ru/s.txt -o s.tmx || exit 1
python3 "$TMA_SOURCE_DIR/tests/tmx-segs.py" s.tmx > segs.txt || exit 1
diff -u - segs.txt >&2 <<'END'
en "Bell and escape[0m here."
ru "Звонок и escape здесь."

en "Next line and DEL end."
ru "Следующая строка и конец."

en "Last one."
ru "Последний."

END
grep -o '<note>tmalign: [^<]*</note>' s.tmx > notes.txt
diff -u - notes.txt >&2 <<'END'
<note>tmalign: 2 characters that XML forbids (control characters, U+FFFE, U+FFFF) left out of the en segment</note>
<note>tmalign: 1 character that XML forbids (control characters, U+FFFE, U+FFFF) left out of the en segment</note>
<note>tmalign: 2 characters that XML forbids (control characters, U+FFFE, U+FFFF) left out of the en segment</note>
END
