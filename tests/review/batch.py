#!/usr/bin/env python3
"""tmalign batch with a review file (issue 20): decisions of each kind written into the seed
story's review file (a join, a split, a sentence moved to the unit above, an approval, a
rejection, an approval undone, a pair-view approval), `tmalign batch` run again, and the TMX on
disk checked for each; then --approved-only. Run by review.sh with $TMALIGN and a work folder."""

import json
import os
import re
import shutil
import subprocess
import sys

import reviewlib as rl

tmalign, source, work = os.environ["TMALIGN"], os.environ["TMA_SOURCE_DIR"], sys.argv[1]


os.chdir(work)
for lang in ("en", "ru", "hy"):
    os.makedirs(f"corpus/{lang}")
    shutil.copy(f"{source}/corpora/{lang}/shoigu.txt", f"corpus/{lang}/")
rl.batch(tmalign, "-q")
langs, counts, units = rl.part_units("out", "shoigu")
texts = {l: [s["text"] for s in rl.sentences(tmalign, l, f"corpus/{l}/shoigu.txt")] for l in langs}
rl.need(all(len(texts[l]) == counts[l] for l in langs), "the split gives the report's sentences")
view = "-".join(langs)


def first_unit(pred, after=0):
    return next(i for i in range(after, len(units)) if pred(units[i]))


def span(u, lang, extra=0):
    first, count = units[u][lang]
    return (first, count + extra)


# The units the decisions are about, chosen by shape so that the test does not depend on the
# alignment's details: a unit with two sentences in some language to split, and so on.
join_at = 0
split_at = first_unit(lambda u: any(c == 2 for f, c in u.values()) and all(c >= 1 for f, c in u.values()), 2)
two = [l for l in langs if units[split_at][l][1] == 2][0]
move_at = first_unit(lambda u: True, split_at + 2)
approve_at, reject_at, undo_at, pair_at = move_at + 3, move_at + 4, move_at + 5, move_at + 6

review = rl.ReviewFile("out/shoigu.review.jsonl", "shoigu", langs)
joined = {l: (units[join_at][l][0], units[join_at][l][1] + units[join_at + 1][l][1]) for l in langs}
review.add("join", view, [rl.unit_of("linked", texts, joined)])
# Split: the language with two sentences keeps its first with the others' sentences; its second
# has no counterpart.
first_half = {l: (units[split_at][l][0], 1 if l == two else units[split_at][l][1]) for l in langs}
second_half = {l: (units[split_at][two][0] + 1, 1) if l == two else (units[split_at][l][0] + units[split_at][l][1], 0)
               for l in langs}
review.add("split", view, [rl.unit_of("linked", texts, first_half),
                           rl.unit_of("linked", texts, second_half)])
# Move up: the source's first sentence of unit move_at + 1 joins unit move_at.
src = langs[0]
above = dict(units[move_at])
above[src] = (units[move_at][src][0], units[move_at][src][1] + 1)
below = dict(units[move_at + 1])
below[src] = (units[move_at + 1][src][0] + 1, units[move_at + 1][src][1] - 1)
review.add("move-up", view, [rl.unit_of("linked", texts, above), rl.unit_of("linked", texts, below)])
review.add("approve", view, [rl.unit_of("approved", texts, units[approve_at])])
review.add("reject", view, [rl.unit_of("rejected", texts, units[reject_at])])
undone = review.add("approve", view, [rl.unit_of("approved", texts, units[undo_at])])
review.add("undo", None, undoes=undone)
pair_view = f"{langs[0]}-{langs[2]}"
pair_ranges = {l: units[pair_at][l] for l in (langs[0], langs[2])}
review.add("approve", pair_view, [rl.unit_of("approved", texts, pair_ranges)])

log = rl.batch(tmalign)
rl.need(re.search(r"aligned 1\b", log), f"the story is aligned again after its review changed: {log}")


def seg(lang, ranges):
    first, count = ranges[lang]
    return rl.norm(" ".join(texts[lang][first:first + count]))


def find(tmx, ranges, tmx_langs):
    """The <tu>s of TMX whose segs are the sentences of RANGES in TMX_LANGS."""
    return [u for u in rl.tmx_units(tmx) if all(rl.norm(u.get(l, "")) == seg(l, ranges) for l in tmx_langs)]


every = "out/shoigu.tmx"
pair = lambda a, b: f"out/shoigu.{a}-{b}.tmx"
rl.need(len(find(every, joined, langs)) == 1, "join: one unit holds both units' sentences")
rl.need(len(find(every, first_half, langs)) == 1, "split: the first half is a unit of every language")
alone = seg(two, second_half)
for path in [every] + [pair(langs[a], langs[b]) for a, b in ((0, 1), (0, 2), (1, 2))]:
    rl.need(not any(alone in rl.norm(u.get(two, "")) for u in rl.tmx_units(path)),
         f"split: the second half, with no counterpart, is in no unit of {path}")
rl.need(len(find(every, above, langs)) == 1, "move-up: the unit above holds the moved sentence")
approved = find(every, units[approve_at], langs)
rl.need(len(approved) == 1 and approved[0]["props"].get("x-tmalign-review") == "approved",
     "approve: the unit carries the x-tmalign-review prop")
for a, b in ((0, 1), (0, 2), (1, 2)):
    la, lb = langs[a], langs[b]
    got = find(pair(la, lb), units[approve_at], [la, lb])
    rl.need(len(got) == 1 and got[0]["props"].get("x-tmalign-review") == "approved",
         f"approve: the {la}-{lb} pair file's unit carries the prop")
rejected_text = seg(src, units[reject_at])
for path in [every, pair(langs[0], langs[1]), pair(langs[0], langs[2]), "out/corpus.tmx"]:
    rl.need(not any(rl.norm(u.get(src, "")) == rejected_text for u in rl.tmx_units(path)),
         f"reject: the unit is not in {path}")
undone_units = find(every, units[undo_at], langs)
rl.need(len(undone_units) == 1 and "x-tmalign-review" not in undone_units[0]["props"],
     "undo: the approval undone leaves no prop")
got = find(pair(langs[0], langs[2]), pair_ranges, list(pair_ranges))
rl.need(len(got) == 1 and got[0]["props"].get("x-tmalign-review") == "approved",
     "a pair-view approval marks the pair file's unit")

qa = json.load(open("out/qa.json", encoding="utf-8"))
story = [s for s in qa["stories"] if s["name"] == "shoigu"][0]
rl.need(story.get("review") == {"decisions": 6, "applied": 8, "stale": 0, "approved": 1,
                             "rejected": 1}, f"qa.json's review counts: {story.get('review')}")

log = rl.batch(tmalign)
rl.need(re.search(r"skipped 1\b", log), f"a second run with the same review skips the story: {log}")

# A merge of the output carries the review file, and the state vouches for it there.
r = subprocess.run([tmalign, "merge", "out", "-o", "merged"], capture_output=True, text=True)
rl.need(r.returncode == 0, f"merge: {r.stderr.strip()}")
rl.need(os.path.isfile("merged/shoigu.review.jsonl") and
        open("merged/shoigu.review.jsonl", "rb").read() == open("out/shoigu.review.jsonl", "rb").read(),
        "merge: the review file is in the merged folder as it was")
r = subprocess.run([tmalign, "batch", "corpus", "-o", "merged"], capture_output=True, text=True)
rl.need(r.returncode == 0 and re.search(r"skipped 1\b", r.stderr),
        f"a run on the merged folder finds the reviewed story up to date: {r.stderr.strip()}")

rl.batch(tmalign, "--approved-only", "-q")
rl.need(len(rl.tmx_units(every)) == 1, "--approved-only: the TMX holds the approved unit only")
rl.need(len(rl.tmx_units(pair(langs[0], langs[2]))) == 2,
     "--approved-only: the pair file holds the approved unit and the pair's approval")
rl.need(all(u["props"].get("x-tmalign-review") == "approved" for u in rl.tmx_units("out/corpus.tmx")),
     "--approved-only: corpus.tmx holds approved units only")
rl.finish()
