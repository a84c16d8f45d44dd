# Invalid UTF-8 is refused with the file, line, column and byte; nothing is written.
mkdir -p en ru
printf "Good line.\n" > en/s.txt
printf "Первая строка.\nВторая \xd0 строка.\n" > ru/s.txt
"$TMALIGN" align en/s.txt ru/s.txt -o s.tmx
code=$?
test ! -e s.tmx || exit 99
exit $code
