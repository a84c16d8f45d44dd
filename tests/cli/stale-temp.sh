# A killed run leaves its temporary files (NAME.tmp.XXXXXX); the next align of the same output,
# and the next batch into the same folder, remove them: only files named exactly so, for align
# only those of its own outputs, changed before the run started, and that no process is writing
# (one that a live process holds its lock on stays, as do other names and newer files).
mkdir -p en ru
cp "$TMA_SOURCE_DIR/corpora/en/shoigu.txt" en/s.txt
cp "$TMA_SOURCE_DIR/corpora/ru/shoigu.txt" ru/s.txt
mkdir -p out
old() { for f in "$@"; do echo partial > "$f"; touch -d '1 hour ago' "$f"; done; }
old out/s.tmx.tmp.AbC123 out/s.tsv.tmp.x1y2z3 out/s.tmx.tmp.held01 out/s.tmx.tmp.ab \
    out/other.tmx.tmp.AbC123
echo partial > out/s.tmx.tmp.future && touch -d '1 hour' out/s.tmx.tmp.future
# A live writer: a process that holds an fcntl lock on its temporary file, as tma_outfile does.
python3 -c '
import fcntl, os, sys, time
f = open("out/s.tmx.tmp.held01", "r+")
fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
open("locked", "w").close()
time.sleep(30)
' &
holder=$!
for _ in $(seq 100); do [ -e locked ] && break; sleep 0.1; done
"$TMALIGN" align -l en,ru en/s.txt ru/s.txt -o out/s.tmx || exit 1
kill $holder 2>/dev/null
wait $holder 2>/dev/null
echo "after align:" >&2
ls out | sort >&2
# Batch: in OUT and OUT/.tmalign/stories, every name of the pattern, whatever its prefix.
mkdir -p corpus
mv en ru corpus/
"$TMALIGN" batch corpus -o b -q || exit 1
old b/s.tmx.tmp.AbC123 b/qa.json.tmp.Zz9yX8 b/.tmalign/stories/x.state.tmp.q1w2e3
echo partial > b/corpus.tmx.tmp.future && touch -d '1 hour' b/corpus.tmx.tmp.future
"$TMALIGN" batch corpus -o b -q || exit 1
echo "after batch:" >&2
(cd b && find . -name '*.tmp.*' | sort) >&2
rm -f out/*.tmp.* b/*.tmp.*
