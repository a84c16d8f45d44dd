# An output folder that cannot be written: a read-only file system (a tmpfs mounted read-only in
# a private user and mount namespace, so that it holds for root too). Exit 4, nothing written.
# Skipped where user namespaces are not allowed.
unshare -rm true 2>/dev/null || { echo "skipped: unshare -rm is not allowed here" >&2; exit 77; }
mkdir -p ro
unshare -rm bash -c '
    mount -t tmpfs -o ro tmpfs ro || exit 90
    "$TMALIGN" align -l en,ru -o ro/s.tmx "$TMA_SOURCE_DIR/corpora/en/shoigu.txt" \
        "$TMA_SOURCE_DIR/corpora/ru/shoigu.txt"
    code=$?
    test -z "$(ls -A ro)" || { echo "left in ro/: $(ls -A ro)" >&2; exit 99; }
    exit $code'
