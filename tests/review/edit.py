#!/usr/bin/env python3
"""Reviewed decisions survive a re-run after the story was edited (issue 20): a join and an
approval on the seed story hold after an unrelated sentence of the English file is edited; once
a sentence of the approved unit is edited, that decision is stale: not applied, reported as a
review-stale finding at its line, and counted in qa.json. Run by review.sh with a work folder."""

import json
import os
import re
import shutil
import sys

import reviewlib as rl

tmalign, source, work = os.environ["TMALIGN"], os.environ["TMA_SOURCE_DIR"], sys.argv[1]


def edit_sentence(lang, text, new_text):
    path = f"corpus/{lang}/shoigu.txt"
    with open(path, encoding="utf-8") as f:
        content = f.read()
    # The file may break the sentence across lines: find it with any white space between words.
    pattern = r"\s+".join(re.escape(w) for w in text.split())
    edited, n = re.subn(pattern, new_text, content, count=1)
    rl.need(n == 1, f"the sentence to edit is in {path}: {text}")
    with open(path, "w", encoding="utf-8") as f:
        f.write(edited)


os.chdir(work)
for lang in ("en", "ru", "hy"):
    os.makedirs(f"corpus/{lang}")
    shutil.copy(f"{source}/corpora/{lang}/shoigu.txt", f"corpus/{lang}/")
rl.batch(tmalign)
langs, counts, units = rl.part_units("out", "shoigu")
texts = {l: [s["text"] for s in rl.sentences(tmalign, l, f"corpus/{l}/shoigu.txt")] for l in langs}
view = "-".join(langs)
review = rl.ReviewFile("out/shoigu.review.jsonl", "shoigu", langs)
joined = {l: (units[3][l][0], units[3][l][1] + units[4][l][1]) for l in langs}
review.add("join", view, [rl.unit_of("linked", texts, joined)])
approve_at = 10
review.add("approve", view, [rl.unit_of("approved", texts, units[approve_at])])


def segs(ranges):
    return {l: rl.norm(" ".join(texts[l][ranges[l][0]:ranges[l][0] + ranges[l][1]])) for l in langs}


def holds(ranges, prop=None):
    want = segs(ranges)
    got = [u for u in rl.tmx_units("out/shoigu.tmx") if all(rl.norm(u.get(l, "")) == want[l] for l in langs)]
    return len(got) == 1 and (prop is None or got[0]["props"].get("x-tmalign-review") == prop)


def story_review():
    qa = json.load(open("out/qa.json", encoding="utf-8"))
    return ([s for s in qa["stories"] if s["name"] == "shoigu"][0].get("review"),
            [f for f in qa["findings"] if f["kind"] == "review-stale"])


rl.batch(tmalign)
rl.need(holds(joined) and holds(units[approve_at], "approved"), "the decisions hold before the edit")

# An unrelated sentence, far from both decisions, is edited.
last = units[-1]["en"][0]
edit_sentence("en", texts["en"][last], texts["en"][last].replace("the", "that", 1) + " Really.")
log = rl.batch(tmalign)
rl.need(re.search(r"aligned 1\b", log), f"the edited story is aligned again: {log}")
rl.need(holds(joined) and holds(units[approve_at], "approved"),
     "the join and the approval survive an unrelated edit")
counts, stale = story_review()
rl.need(counts == {"decisions": 2, "applied": 2, "stale": 0, "approved": 1, "rejected": 0}
     and not stale, f"nothing is stale after an unrelated edit: {counts} {stale}")

# A sentence of the approved unit is edited: its decision no longer fits.
first = units[approve_at]["en"][0]
edit_sentence("en", texts["en"][first], "This sentence was rewritten by its editor.")
rl.batch(tmalign)
rl.need(holds(joined), "the join survives an edit of another unit")
counts, stale = story_review()
rl.need(counts == {"decisions": 2, "applied": 1, "stale": 1, "approved": 0, "rejected": 0},
     f"the approval is stale: {counts}")
rl.need(len(stale) == 1 and stale[0]["line"] == 3 and stale[0]["lang"] == "en"
     and stale[0]["file"].endswith("shoigu.review.jsonl") and "no longer fits" in stale[0]["message"],
     f"a review-stale finding names the decision's line: {stale}")
rl.need(not any(u["props"].get("x-tmalign-review") for u in rl.tmx_units("out/shoigu.tmx")),
     "no unit is approved once the approval is stale")
rl.finish()
