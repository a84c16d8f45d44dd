#!/usr/bin/env bash
# corpus.L1-L2.tmx (issue 19): with three languages a batch writes one memory per pair beside
# corpus.tmx, each the stories' NAME.L1-L2.tmx units in name order (the story missing hy is in
# corpus.en-ru.tmx only). A story whose Russian is
# another story's gets a not-a-translation finding and stays out of corpus.tmx and out of the
# pair files of the versions the finding names, but not out of the others (its en-hy pair is
# sound). Every unaligned, number-mismatch and name-mismatch finding names its pair's file
# (`tmx`), and a finding's `tuid` is a <tu> of that file, noted with the finding's kind.
set -u
. "$TMA_SOURCE_DIR/tests/batch/lib.sh"
need_bench
work_in pairs
bash "$here/make-corpus.sh" "$bench" corpus 6 || fail "cannot build the corpus"
first=$(ls corpus/hy | grep -v '^fault-' | head -n 1)
last=$(ls corpus/hy | grep -v '^fault-' | tail -n 1)
for l in en hy; do cp "corpus/$l/$first" corpus/$l/other-ru.txt; done
cp "corpus/ru/$last" corpus/ru/other-ru.txt
run_batch run.log corpus -o out -q --langs en,ru,hy
[ "$code" = 8 ] || { cat run.log; fail "exit code $code, expected 8 (the faulty stories)"; }
python3 - <<'PY' || fail "the corpus files are not as expected"
import json, os, re, sys
qa = json.load(open("out/qa.json", encoding="utf-8"))
sys.path.insert(0, os.path.join(os.environ["TMA_SOURCE_DIR"], "tests/batch"))
from checks import need, finish, tuids
def story_of(tuid, names):
    return max((n for n in names if tuid.startswith(n + "-")), key=len, default=None)
aligned = sorted(s["name"] for s in qa["stories"] if s["status"] == "aligned")
# A story missing a language (partial) has the pair files of the languages it has, and no NAME.tmx.
files = {s["name"]: s["files"] for s in qa["stories"] if s["status"] == "partial"}
need(sorted(files) == ["fault-missing"], f"partial stories: {sorted(files)}")
def stories_of(pair):
    if pair is None:
        return aligned
    return sorted(aligned + [n for n, f in files.items() if set(pair) <= set(f)])
unrelated = [f for f in qa["findings"] if f["kind"] == "not-a-translation"]
need(any(f["document"] == "other-ru" and "ru" in (f["lang"], f.get("other")) for f in unrelated),
     f"no not-a-translation finding about other-ru's Russian: {unrelated}")
def excluded(name, pair):
    """1 if a not-a-translation finding of story NAME names the pair (None: any pair)."""
    for f in unrelated:
        if f["document"] != name:
            continue
        if pair is None:
            return True
        langs = {f["lang"], f["other"]} if f.get("other") else {f["lang"]}
        if (f.get("other") and langs == set(pair)) or (not f.get("other") and langs & set(pair)):
            return True
    return False
for pair, suffix in ((None, ""), (("en", "ru"), ".en-ru"), (("en", "hy"), ".en-hy"),
                     (("ru", "hy"), ".ru-hy")):
    want = [t for n in stories_of(pair) if not excluded(n, pair)
            for t in tuids(f"out/{n}{suffix}.tmx")]
    got = tuids(f"out/corpus{suffix}.tmx")
    need(got == want, f"corpus{suffix}.tmx: {len(got)} units, expected the {len(want)} of the "
         "stories' files in name order")
    has = {story_of(t, aligned) for t in got}
    need(("other-ru" in has) == (not excluded("other-ru", pair)),
         f"corpus{suffix}.tmx: other-ru {'in' if 'other-ru' in has else 'not in'} it")
need("other-ru" in {story_of(t, aligned) for t in tuids("out/corpus.en-hy.tmx")},
     "other-ru's sound en-hy pair is not in corpus.en-hy.tmx")
# One truth per unit: a finding's tmx and tuid name a <tu> of that file, and a number or name
# mismatch is noted in that <tu> as the finding says; the pair's findings name its pair file.
units = {}
checked = 0
for f in qa["findings"]:
    if f["kind"] in ("unaligned", "number-mismatch", "name-mismatch"):
        pair = sorted([f["lang"], f.get("other") or f.get("lacks")],
                      key=["en", "ru", "hy"].index)
        need(f.get("tmx") == f"{f['document']}.{pair[0]}-{pair[1]}.tmx", f"tmx of {f}")
    if not f.get("tuid"):
        continue
    path = "out/" + f["tmx"]
    if path not in units:
        units[path] = {m.group(1): m.group(0) for m in
                       re.finditer(r'<tu tuid="([^"]*)".*?</tu>', open(path, encoding="utf-8").read(), re.S)}
    tu = units[path].get(f["tuid"])
    need(tu is not None, f"{f['tmx']} has no <tu> {f['tuid']}")
    if tu is not None and f["kind"] in ("number-mismatch", "name-mismatch"):
        need(re.search(r"<note>tmalign QA: [^<]*" + f["kind"], tu) is not None,
             f"{f['tmx']} {f['tuid']} has no {f['kind']} note")
        checked += 1
need(checked > 0, "no number-mismatch or name-mismatch finding to check against its <tu>")
finish()
PY
# Two languages: corpus.tmx is the pair's file, as NAME.tmx is; no corpus.L1-L2.tmx.
run_batch enru.log corpus -o enru -q --langs en,ru
[ ! -e enru/corpus.en-ru.tmx ] || fail "a two-language run wrote corpus.en-ru.tmx"
echo "ok"
