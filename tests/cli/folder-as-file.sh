# A folder where a file is expected.
mkdir -p en ru/s.txt
printf "Text.\n" > en/s.txt
"$TMALIGN" align en/s.txt ru/s.txt -o s.tmx
