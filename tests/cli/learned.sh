# align --learned OUT: a batch folder's learned lexicon serves the pair without a dictionary; a
# damaged one stops the run with its file and line (exit 7) and writes nothing; a folder without
# one for the pair changes nothing.
mkdir -p good bad none
printf "The storm hit the coast.\n\nRescuers came in the morning.\n" > en.txt
printf "Փոթորիկը հարվածեց ափին։\n\nՓրկարարները եկան առավոտյան։\n" > hy.txt
printf '# tmalign learned lexicon 1 en hy 40\n2b7cb9d8\t5d3c5a2e\t0.6000\t0.5000\t3\tstorm\tփոթոր\n' \
    > good/lexicon.en-hy.learned
printf '# tmalign learned lexicon 1 en hy 40\n2b7cb9d8\t5d3c5a2e\t1.5\t0.5\t3\tstorm\tփոթոր\n' \
    > bad/lexicon.en-hy.learned
# The learned lexicon shows in the units' scores (here 0.12 with it, 1.00 without);
# --qa-threshold 0.5 makes that show in the count of flagged units.
"$TMALIGN" align -l en,hy en.txt hy.txt -o good.tmx --learned good --qa-threshold 0.5 ||
    echo "good: exit $?" >&2
"$TMALIGN" align -l en,hy en.txt hy.txt -o none.tmx --learned none --qa-threshold 0.5 ||
    echo "none: exit $?" >&2
"$TMALIGN" align -l en,hy en.txt hy.txt -o bad.tmx --learned bad
echo "bad: exit $?" >&2
test ! -e bad.tmx || echo "bad.tmx was written" >&2
grep -c "<tu " good.tmx none.tmx >&2
