# A disk that fills up during a merge, simulated by a 200 KiB tmpfs mounted in a private user and
# mount namespace (unshare -rm, as disk-full.sh). The merge exits 4 with the system's message, the
# folder of an earlier merge keeps every file as it was (its report and manifest, and its stories'
# files), and no temporary file is left: everything is written before anything is renamed. Skipped
# where user namespaces are not allowed.
unshare -rm true 2>/dev/null || { echo "skipped: unshare -rm is not allowed here" >&2; exit 77; }
mkdir -p small/en small/ru small/hy big/en big/ru big/hy disk
printf "One.\n" > small/en/a.txt
printf "Один.\n" > small/ru/a.txt
printf "Մեկ։\n" > small/hy/a.txt
for l in en ru hy; do
    cp "$TMA_SOURCE_DIR/corpora/$l/shoigu.txt" big/$l/b.txt
done
"$TMALIGN" batch small -o shard1 -q --no-lexicon || exit 98
"$TMALIGN" batch big -o shard2 -q --no-lexicon || exit 98
unshare -rm bash -c '
    mount -t tmpfs -o size=200k tmpfs disk || exit 90
    "$TMALIGN" merge shard1 -o disk/out || exit 97
    cp -a disk/out before
    # The second shard holds about 285 KB of files: they do not fit. Which file the message names
    # depends on what was written when the disk filled: shown as FILE.
    "$TMALIGN" merge shard1 shard2 -o disk/out 2> err.txt
    code=$?
    sed "s#disk/out/[^:]*:#disk/out/FILE:#" err.txt >&2
    diff -r before disk/out >&2 || { echo "the earlier merge changed" >&2; exit 99; }
    temps=$(find disk -name "*.~tmalign~*" | wc -l)
    [ "$temps" = 0 ] || { echo "$temps temporary files left" >&2; exit 99; }
    exit $code'
