# A killed run leaves its temporary files (NAME.~tmalign~XXXXXX); the next align of the same output,
# and the next batch into the same folder, remove them: only files named exactly so, for align
# only those of its own outputs, changed before the run started, and that no process is writing
# (one that a live process holds its lock on stays, as do other names and newer files). A user's
# file named like an old-style temporary file (thesis.tmp.draft1, s.tmx.tmp.AbC123) stays. Times
# are compared to the nanosecond, so a file left a moment before the run started goes too.
mkdir -p en ru
cp "$TMA_SOURCE_DIR/corpora/en/shoigu.txt" en/s.txt
cp "$TMA_SOURCE_DIR/corpora/ru/shoigu.txt" ru/s.txt
mkdir -p out
old() { for f in "$@"; do echo partial > "$f"; touch -d '1 hour ago' "$f"; done; }
old out/s.tmx.~tmalign~AbC123 out/s.tsv.~tmalign~x1y2z3 out/s.tmx.~tmalign~held01 out/s.tmx.~tmalign~ab \
    out/other.tmx.~tmalign~AbC123 out/s.tmx.tmp.AbC123 out/thesis.tmp.draft1
echo partial > out/s.tmx.~tmalign~future && touch -d '1 hour' out/s.tmx.~tmalign~future
# A live writer: a process that holds an fcntl lock on its temporary file, as tma_outfile does.
python3 -c '
import fcntl, os, sys, time
f = open("out/s.tmx.~tmalign~held01", "r+")
fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
open("locked", "w").close()
time.sleep(30)
' &
holder=$!
for _ in $(seq 100); do [ -e locked ] && break; sleep 0.1; done
# A run killed in the second the next one starts: its file is as old as the start, to the second.
echo partial > out/s.tmx.~tmalign~Fresh1
"$TMALIGN" align -l en,ru en/s.txt ru/s.txt -o out/s.tmx || exit 1
kill $holder 2>/dev/null
wait $holder 2>/dev/null
echo "after align:" >&2
ls out | sort >&2
# Batch: in OUT and OUT/.tmalign/stories, every name of the pattern, whatever its prefix.
mkdir -p corpus
mv en ru corpus/
"$TMALIGN" batch corpus -o b -q || exit 1
old b/s.tmx.~tmalign~AbC123 b/qa.json.~tmalign~Zz9yX8 b/.tmalign/stories/x.state.~tmalign~q1w2e3 \
    b/thesis.tmp.draft1 b/s.tmx.tmp.AbC123
echo partial > b/corpus.tmx.~tmalign~future && touch -d '1 hour' b/corpus.tmx.~tmalign~future
"$TMALIGN" batch corpus -o b -q || exit 1
echo "after batch:" >&2
(cd b && find . -name '*.~tmalign~*' -o -name '*.tmp.*' | sort) >&2
rm -f out/*.~tmalign~* b/*.~tmalign~* out/*.tmp.* b/*.tmp.*
