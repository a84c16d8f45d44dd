# --help prints the options on standard output and exits 0.
"$TMALIGN" --help | grep -q -- "--output OUT.tmx"
