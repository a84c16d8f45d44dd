# The overview lists the commands; each command's help is its own, short, and names its options
# only: align's help has --output OUT.tmx and not batch's --jobs. `help COMMAND` and
# `COMMAND --help` print the same, on standard output.
"$TMALIGN" --help > overview.txt || exit 1
"$TMALIGN" help > help.txt || exit 1
cmp -s overview.txt help.txt || { echo "tmalign help differs from tmalign --help" >&2; exit 1; }
for c in align split batch merge languages; do
    grep -q "^  $c " overview.txt || { echo "the overview lacks $c" >&2; exit 1; }
done
grep -q -- "--output" overview.txt && { echo "the overview lists a command's options" >&2; exit 1; }
for c in align split batch merge languages; do
    "$TMALIGN" help "$c" > "help-$c.txt" || exit 1
    "$TMALIGN" "$c" --help > "dash-$c.txt" || exit 1
    "$TMALIGN" "$c" -h > "h-$c.txt" || exit 1
    cmp -s "help-$c.txt" "dash-$c.txt" && cmp -s "help-$c.txt" "h-$c.txt" ||
        { echo "$c: help $c, $c --help and $c -h differ" >&2; exit 1; }
    head -1 "help-$c.txt" | grep -q "^usage: tmalign $c " || { echo "$c: no usage line" >&2; exit 1; }
    test "$(wc -l < "help-$c.txt")" -le 40 || { echo "$c: the help is over 40 lines" >&2; exit 1; }
done
grep -q -- "--output OUT.tmx" help-align.txt || { echo "align's help lacks --output OUT.tmx" >&2; exit 1; }
grep -q -- "--jobs" help-align.txt && { echo "align's help names --jobs" >&2; exit 1; }
grep -q -- "--langs LANG" help-split.txt || { echo "split's help lacks --langs LANG" >&2; exit 1; }
# Help after other options and operands still wins, and exits 0 with nothing on stderr.
"$TMALIGN" align -l en,ru a.txt --help > late.txt || exit 1
cmp -s late.txt help-align.txt || { echo "align ... --help differs" >&2; exit 1; }
# An unknown command, for help or on its own: a usage error.
"$TMALIGN" help frobnicate
echo "help frobnicate: exit $?" >&2
"$TMALIGN" frobnicate
echo "frobnicate: exit $?" >&2
"$TMALIGN" help align split
echo "help align split: exit $?" >&2
"$TMALIGN"
echo "no command: exit $?" >&2
