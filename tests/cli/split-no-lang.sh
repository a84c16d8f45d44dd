# split needs a language.
printf "Text.\n" | "$TMALIGN" split
