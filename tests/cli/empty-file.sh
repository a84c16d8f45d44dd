# An empty file cannot be aligned.
mkdir -p en ru
printf "Text.\n" > en/s.txt
: > ru/s.txt
"$TMALIGN" align en/s.txt ru/s.txt -o s.tmx
