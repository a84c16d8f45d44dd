# --version prints the name and version.
"$TMALIGN" --version | grep -qx "tmalign [0-9][0-9.]*"
