# UTF-16 big-endian with a byte order mark is refused with a hint to convert it.
mkdir -p en ru
printf "Text.\n" > en/s.txt
printf "\376\377\000T\000." > ru/s.txt
"$TMALIGN" align en/s.txt ru/s.txt -o s.tmx
