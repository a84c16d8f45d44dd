# An unknown option.
"$TMALIGN" align --frobnicate a b
