# UTF-16 without a byte order mark is caught by its NUL bytes.
mkdir -p en ru
printf "Text.\n" > en/s.txt
printf "T\000e\000x\000t\000.\000\n\000" > ru/s.txt
"$TMALIGN" align en/s.txt ru/s.txt -o s.tmx
