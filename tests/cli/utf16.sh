# UTF-16 with a byte order mark is refused with a hint to convert it.
mkdir -p en ru
printf "Text.\n" > en/s.txt
printf "\xff\xfeT\x00.\x00" > ru/s.txt
"$TMALIGN" align en/s.txt ru/s.txt -o s.tmx
