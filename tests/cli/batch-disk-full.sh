# A disk that fills up while a batch of several stories runs, in a tmpfs mounted in a private user
# and mount namespace (unshare -rm, as disk-full does). Each failure is reported once (issue 17): a
# story whose TMX files do not fit fails with one line; a failed story's report part that cannot
# be written either is the run's failure, said once at the end (exit 4), not once for the story,
# again for its part and a third time when the report reads it back. A failed story's partly
# written files are removed before its part is written, so that when only the stories do not fit
# the report still does (exit 8). No temporary file is left. Skipped where user namespaces are not
# allowed.
unshare -rm true 2>/dev/null || { echo "skipped: unshare -rm is not allowed here" >&2; exit 77; }
mkdir -p corpus/en corpus/ru corpus/hy disk
for s in a b c; do
    for l in en ru hy; do cp "$TMA_SOURCE_DIR/corpora/$l/shoigu.txt" corpus/$l/$s.txt; done
done
# Story a's TMX files as they come out on a disk with room, for their size.
"$TMALIGN" batch corpus -o ref -q --no-lexicon || exit 90
cat >in-namespace.sh <<'INNER'
left() { find disk -name "*.~tmalign~*"; }
# 1. Room for story a's TMX files to the page and for nothing else: a's files are put in place,
#    but its report part does not fit, nor then the smaller part of a failed story; b and c fail.
mount -t tmpfs -o size=4m tmpfs disk || exit 91
page=$(getconf PAGESIZE)
need=0
for f in ref/a.tmx ref/a.*-*.tmx; do
    need=$((need + ($(stat -c %s "$f") + page - 1) / page * page))
done
mkdir disk/out
fallocate -l $(($(df -B1 --output=avail disk | tail -n 1) - need)) disk/filler || exit 92
"$TMALIGN" batch corpus -o disk/out -j 1 -q --no-lexicon
echo "room for one story's TMX files: exit $?" >&2
test -z "$(left)" || { echo "left: $(left)" >&2; exit 93; }
umount disk
# 2. Room for no story: each story fails once, and the report that lists them is written.
mount -t tmpfs -o size=100k tmpfs disk || exit 94
"$TMALIGN" batch corpus -o disk/out -j 1 -q --no-lexicon
echo "room for no story: exit $?" >&2
test -z "$(left)" || { echo "left: $(left)" >&2; exit 95; }
echo "failed stories in qa.json: $(grep -c '"status": "failed"' disk/out/qa.json)" >&2
umount disk
exit 0
INNER
unshare -rm bash in-namespace.sh
