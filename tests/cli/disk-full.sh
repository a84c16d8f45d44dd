# A disk that fills up while the TMX files are written, simulated by a 100 KiB tmpfs mounted in a
# private user and mount namespace (unshare -rm: no root needed, and the mount goes with the
# namespace). The command exits 4 with the system's message; the earlier good outputs stay
# exactly as they were, all four of them, and no temporary file is left. Skipped where user
# namespaces are not allowed.
unshare -rm true 2>/dev/null || { echo "skipped: unshare -rm is not allowed here" >&2; exit 77; }
mkdir -p en ru hy disk
for l in en ru hy; do
    cp "$TMA_SOURCE_DIR/corpora/$l/shoigu.txt" $l/s.txt
done
printf "One.\n" > en/small.txt
printf "Один.\n" > ru/small.txt
printf "Մեկ։\n" > hy/small.txt
unshare -rm bash -c '
    mount -t tmpfs -o size=100k tmpfs disk || exit 90
    "$TMALIGN" align en/small.txt ru/small.txt hy/small.txt -o disk/s.tmx || exit 98
    cp -a disk before
    # The story in three languages needs about 145 KB: the third file does not fit. Which file
    # the message names depends on what was still buffered when the disk filled: shown as FILE.
    "$TMALIGN" align en/s.txt ru/s.txt hy/s.txt -o disk/s.tmx 2> err.txt
    code=$?
    sed "s#disk/s[.a-z-]*tmx:#disk/FILE:#" err.txt >&2
    diff -rq before disk >&2 || { echo "the earlier outputs changed" >&2; exit 99; }
    exit $code'
