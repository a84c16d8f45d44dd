# Endless standard input (yes |) is not read into memory without end: past 512 MiB, split stops
# reading and refuses it as too large.
yes | "$TMALIGN" split -l en > out.txt
code=$?
test ! -s out.txt || exit 99
rm out.txt
exit $code
