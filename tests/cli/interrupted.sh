# A run killed part way (SIGTERM, SIGKILL) leaves the earlier output exactly as it was, or, if it
# was already done, the new output complete: never a part of a file. (A killed run may leave its
# temporary file behind; it never takes the output's name.)
mkdir -p en ru
printf "One.\n" > en/small.txt
printf "Один.\n" > ru/small.txt
"$TMALIGN" align en/small.txt ru/small.txt -o s.tmx || exit 98
cp s.tmx before.tmx
python3 -c "open('en/s.txt', 'w').write('word ' * 1000000)"
python3 -c "open('ru/s.txt', 'w').write('слово ' * 500000)"
for signal in TERM KILL; do
    for delay in 0.2 0.6 1.2; do
        # A run the signal came too late for says what it wrote: how often depends on the
        # machine's speed, so only other messages are shown (below).
        "$TMALIGN" align en/s.txt ru/s.txt -o s.tmx 2>> runs.err &
        pid=$!
        sleep $delay
        kill -$signal $pid 2> /dev/null
        wait $pid 2> /dev/null
        if ! cmp -s s.tmx before.tmx; then
            # Done before the signal: the new file must be whole.
            python3 "$TMA_SOURCE_DIR/tests/tmx-segs.py" s.tmx > /dev/null ||
                { echo "s.tmx is damaged after SIG$signal at $delay s" >&2; exit 1; }
            cp before.tmx s.tmx
        fi
    done
done
grep -v "^tmalign: wrote s.tmx: " runs.err >&2
rm -f s.tmx.~tmalign~* en/s.txt ru/s.txt runs.err
