# An option given without its value is named as such, not called unknown; exit 2.
"$TMALIGN" align a.txt b.txt -o
echo "align -o: exit $?" >&2
"$TMALIGN" batch corpus --output
echo "batch --output: exit $?" >&2
"$TMALIGN" align --frobnicate a b
