# split reads standard input and prints one sentence per line, a blank line between paragraphs.
out=$(printf "Ժամը 14:30 էր: Նա եկավ:\n\nՎերջ։\n" | "$TMALIGN" split -l hy)
test "$out" = "$(printf "Ժամը 14:30 էր:\nՆա եկավ:\n\nՎերջ։")"
