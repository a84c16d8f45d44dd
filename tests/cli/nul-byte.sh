# A NUL byte: not text (binary, or UTF-16 without a byte order mark). Refused with its line and
# column; nothing is written.
mkdir -p en ru
printf "Text.\n" > en/s.txt
printf "First line.\nSecond\000line.\n" > ru/s.txt
"$TMALIGN" align en/s.txt ru/s.txt -o s.tmx
code=$?
test -z "$(ls -A | grep -v '^en$\|^ru$\|^stderr.txt$')" || { echo "left files: $(ls -A)" >&2; exit 99; }
exit $code
