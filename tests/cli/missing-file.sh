# A file that does not exist.
mkdir -p en
printf "Text.\n" > en/s.txt
"$TMALIGN" align en/s.txt ru/s.txt -o s.tmx
