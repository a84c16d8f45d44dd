# A file with nothing but white space (spaces, tabs, blank lines, no-break spaces) is refused like
# an empty one.
mkdir -p en ru
printf "Text.\n" > en/s.txt
printf " \t\n\r\n\302\240\n\n" > ru/s.txt
"$TMALIGN" align en/s.txt ru/s.txt -o s.tmx
code=$?
test ! -e s.tmx || exit 99
exit $code
