# One long option means one thing in every command: split takes -l/--langs as align and batch
# do, and --lang, the old spelling, is taken as short for --langs. A missing value is named by
# its long option, also when the next option took its place, and an option of another command
# says whose it is.
printf "One sentence. Two sentences.\n" > s.txt
"$TMALIGN" split --langs en s.txt > langs.txt || exit 1
"$TMALIGN" split --lang en s.txt > lang.txt || exit 1
"$TMALIGN" split -l en s.txt > l.txt || exit 1
cmp -s langs.txt lang.txt && cmp -s langs.txt l.txt || { echo "split -l, --lang, --langs differ" >&2; exit 1; }
test "$(wc -l < l.txt)" = 2 || exit 1
"$TMALIGN" split s.txt -l
echo "split -l: exit $?" >&2
"$TMALIGN" align a.txt b.txt --langs
echo "align --langs: exit $?" >&2
"$TMALIGN" batch corpus -o out -l
echo "batch -l: exit $?" >&2
"$TMALIGN" align -l -o x.tmx a.txt b.txt
echo "align -l -o: exit $?" >&2
"$TMALIGN" align --source-path
echo "align --source-path: exit $?" >&2
"$TMALIGN" align --jobs 2 a.txt b.txt
echo "align --jobs: exit $?" >&2
"$TMALIGN" split --tsv -l en s.txt
echo "split --tsv: exit $?" >&2
"$TMALIGN" merge --langs en,ru a b -o out
echo "merge --langs: exit $?" >&2
# In align, --lang could be --langs or --lang-code.
"$TMALIGN" align --lang en,ru a.txt b.txt
echo "align --lang: exit $?" >&2
"$TMALIGN" split -l en --format xml s.txt
