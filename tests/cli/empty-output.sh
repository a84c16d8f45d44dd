# An empty path, -o "" or an empty input argument, is refused as a usage error (exit 2) in one line
# that says which path is empty, before anything is read or written: it used to reach the file
# system and come back as "cannot replace: No such file or directory" with no file named (issue 17).
mkdir -p en ru corpus/en corpus/ru
printf "One.\n" >en/s.txt
printf "Один.\n" >ru/s.txt
cp en/s.txt corpus/en/s.txt && cp ru/s.txt corpus/ru/s.txt
"$TMALIGN" batch corpus -o out -q || exit 99
"$TMALIGN" align en/s.txt ru/s.txt -o ""
echo "align -o '': exit $?" >&2
"$TMALIGN" align en/s.txt ru/s.txt --output=
echo "align --output=: exit $?" >&2
"$TMALIGN" batch corpus -o ""
echo "batch -o '': exit $?" >&2
"$TMALIGN" merge out -o ""
echo "merge -o '': exit $?" >&2
"$TMALIGN" align -l en,ru "" ru/s.txt
echo "align '': exit $?" >&2
"$TMALIGN" batch "" -o out2
echo "batch '': exit $?" >&2
"$TMALIGN" merge out "" -o out3
echo "merge '': exit $?" >&2
"$TMALIGN" split -l en ""
echo "split '': exit $?" >&2
test ! -e out2 && test ! -e out3 && test -z "$(ls | grep -v -e '^en$' -e '^ru$' -e '^corpus$' -e '^out$' -e stderr.txt)" || exit 98
exit 0
