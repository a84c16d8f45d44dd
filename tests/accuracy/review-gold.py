#!/usr/bin/env python3
"""The review loop repairs what QA shows (issue 20): ten hard-s1 documents (the first five of
FLORES and of WMT22 by name) go through `tmalign batch`; for every unit that QA flagged (a
qa.json finding with a unit), the gold alignment's beads that touch the unit are written into
the story's review file as a reviewer would fix them: units of the story's own sentences, keyed
by their text (docs/review-schema.md). `tmalign batch` then runs again, and the TMX are scored
before and after (score.py --format tmx, strict F1).

The same is done with the gold sentences handed to tmalign (--segmented, as bench-gold-sentences
in bench.sh): there every gold bead can be said in tmalign's sentences, so what is left is what
the review loop itself misses. From raw text, the gold beads still missed after the review are
sorted by why (a sentence of tmalign's that holds two gold beads' sentences, which no alignment
decision can mend; a bead that no flagged unit touched; one that a decision gave and the
alignment still misses, which is a defect).

usage: review-gold.py TMALIGN BENCH_DIR WORK_DIR
Writes WORK_DIR/{raw,gold-sentences}/{before,after}.CORPUS.PAIR.json and
WORK_DIR/raw/missed.json ({"decided, missed": N, ...})."""

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import unicodedata

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "review"))
import reviewlib as rl  # noqa: E402

tmalign, bench, work = sys.argv[1:4]
eval_dir = os.path.dirname(os.path.dirname(os.path.normpath(bench)))
spec = importlib.util.spec_from_file_location("score", os.path.join(eval_dir, "score.py"))
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)

with open(os.path.join(bench, "manifest.tsv"), encoding="utf-8") as f:
    header = f.readline().rstrip("\n").split("\t")
    rows = [dict(zip(header, line.rstrip("\n").split("\t"))) for line in f if line.strip()]
SETS = [("flores200", "en,ru,hy"), ("wmt22", "en,ru")]
chosen = {corpus: sorted(r["doc_id"] for r in rows if r["corpus"] == corpus)[:5]
          for corpus, _ in SETS}


def batch(corpus, out, langs, segmented):
    subprocess.run([tmalign, "batch", corpus, "-o", out, "--langs", langs, "--quiet"]
                   + (["--segmented"] if segmented else []), check=True)


def gold_beads(doc_dir, langs):
    """The gold beads of DOC_DIR over LANGS: [[set of gold sentence indices per language]]."""
    with open(os.path.join(doc_dir, "-".join(langs) + ".gold"), encoding="utf-8") as f:
        return [[set(int(x) for x in side.split(",") if x) for side in line.rstrip("\n").split("\t")]
                for line in f if line.strip()]


def system_to_gold(doc_dir, lang, texts):
    """For each of tmalign's sentences of LANG (TEXTS, in order), the gold sentences it stands
    for, as score.py maps them (found in LANG.txt as score.py finds a TMX segment)."""
    with open(os.path.join(doc_dir, f"{lang}.spans"), encoding="utf-8") as f:
        gold = score.GoldSpans([tuple(map(int, l.split()[:2])) for l in f if l.strip()])
    with open(os.path.join(doc_dir, f"{lang}.txt"), encoding="utf-8") as f:
        locator = score.Locator(f.read())
    spans = [locator.locate(t) for t in texts]
    return [set(gold.cover(*span)) if span else set() for span in spans]


def segmented_sentences(path):
    """The sentences of a --segmented input: its lines that are not blank, in NFC, without white
    space at either end (tma_doc_sentence_text keeps a run of white space within a line)."""
    with open(path, encoding="utf-8") as f:
        return [{"text": unicodedata.normalize("NFC", line.strip())} for line in f if line.strip()]


def decisions_for(story, out, corpus_dir, doc_dir, flagged, stats, segmented):
    """The review file of STORY: for each flagged unit, the gold beads it touches, in tmalign's
    sentences. A gold bead that tmalign's sentences cannot express (a sentence of tmalign's that
    spans two gold beads) is left out and counted."""
    langs, counts, units = rl.part_units(out, story)
    if segmented:
        sents = {l: segmented_sentences(os.path.join(corpus_dir, l, story + ".txt")) for l in langs}
        texts = {l: [s["text"] for s in sents[l]] for l in langs}
        if any(len(texts[l]) != counts[l] for l in langs):
            stats["resplit"] += 1  # the aligner split a line given as one sentence: skip it
            skipped.add(story)
            return
        to_gold = {l: [{i} for i in range(len(texts[l]))] for l in langs}
    else:
        # The sentences the page shows: the alignment's, after any split it made.
        texts = rl.part_sentences(out, story)
        to_gold = {l: system_to_gold(doc_dir, l, texts[l]) for l in langs}
    mapping[story] = to_gold
    review = rl.ReviewFile(os.path.join(out, story + ".review.jsonl"), story, langs)
    views = [langs] + ([[langs[a], langs[b]] for a in range(len(langs))
                        for b in range(a + 1, len(langs))] if len(langs) > 2 else [])
    for u in sorted(flagged):
        # The reviewer fixes the unit in the view of every language, then each pair inside it
        # in pair mode, where the pair's gold is finer.
        for view in views:
            decision = gold_units(view, units[u], texts, to_gold, doc_dir, stats,
                                  decided.setdefault((story, "-".join(view)), set()))
            if decision:
                review.add("join", "-".join(view), decision)
                stats["decisions"] += 1
                stats["units"] += len(decision)


def gold_units(view, unit, texts, to_gold, doc_dir, stats, decided):
    """The gold beads of VIEW that touch UNIT's sentences, as units of tmalign's sentences."""
    beads = gold_beads(doc_dir, view)
    bead_of = {l: {} for l in view}
    for b, bead in enumerate(beads):
        for k, l in enumerate(view):
            for g in bead[k]:
                bead_of[l][g] = b
    touched = set()
    for l in view:
        first, count = unit[l]
        for i in range(first, first + count):
            touched |= {bead_of[l][g] for g in to_gold[l][i] if g in bead_of[l]}
    decision = []
    for b in sorted(touched):
        ranges, ok = {}, True
        for k, l in enumerate(view):
            mine = [i for i, gs in enumerate(to_gold[l]) if gs and gs <= beads[b][k]]
            if any(gs & beads[b][k] and not gs <= beads[b][k] for gs in to_gold[l]):
                ok = False  # a sentence of tmalign's holds this bead's and another's
            if mine and mine != list(range(mine[0], mine[-1] + 1)):
                ok = False
            ranges[l] = (mine[0], len(mine)) if mine else (0, 0)
        if not ok or all(c == 0 for _, c in ranges.values()):
            stats["inexpressible"] += 1
            continue
        decision.append(rl.unit_of("linked", texts, ranges))
        decided.add(tuple(frozenset(side) for side in beads[b]))
    return decision


def collect(out, system):
    os.makedirs(system, exist_ok=True)
    for name in os.listdir(out):
        if name.endswith(".tmx") and not name.startswith("corpus."):
            shutil.copy(os.path.join(out, name), system)


def score_all(system, tag, work):
    results = []
    for corpus, langs in SETS:
        pairs = ["en-ru"] if corpus == "wmt22" else ["en-ru", "en-hy", "ru-hy", "en-ru-hy"]
        docs = "^(" + "|".join(chosen[corpus]) + ")$"
        for pair in pairs:
            path = os.path.join(work, f"{tag}.{corpus}.{pair}.json")
            os.makedirs(work, exist_ok=True)
            subprocess.run([sys.executable, os.path.join(eval_dir, "score.py"), "--bench", bench,
                            "--pair", pair, "--corpus", corpus, "--docs", docs, "--system", system,
                            "--format", "tmx", "--json", path], check=True,
                           stdout=subprocess.DEVNULL)
            with open(path, encoding="utf-8") as f:
                results.append((corpus, pair, json.load(f)["strict"]["f1"], path))
    return results


def why_missed(system_dir):
    """Sorts the gold beads the reviewed alignment still misses by why: a sentence of tmalign's
    that holds sentences of two gold beads (which no alignment decision can mend: tmalign aligns
    what its splitter made), a document left out, a bead that no flagged unit touched, or one
    that a decision gave and the alignment still misses (a defect)."""
    why = {"segmentation": 0, "document skipped": 0, "not flagged": 0, "decided, missed": 0}
    for corpus, langs in SETS:
        pairs = ["en-ru"] if corpus == "wmt22" else ["en-ru", "en-hy", "ru-hy", "en-ru-hy"]
        for doc in chosen[corpus]:
            doc_dir = os.path.join(bench, doc)
            for pair in pairs:
                view = pair.split("-")
                sizes = [score.count_lines(os.path.join(doc_dir, f"{l}.seg")) for l in view]
                gold = score.read_beads(os.path.join(doc_dir, pair + ".gold"), len(view))
                path = os.path.join(system_dir, f"{doc}.{pair}.tmx")
                partial = None
                if not os.path.exists(path):
                    path, partial = os.path.join(system_dir, f"{doc}.tmx"), (system_dir, doc)
                system = set(score.system_beads(path, "tmx", view, doc_dir, sizes, [], partial))
                for bead in gold:
                    if bead in system:
                        continue
                    sides = [set(side) for side in bead]
                    if doc in skipped:
                        why["document skipped"] += 1
                    elif any(gs & sides[k] and not gs <= sides[k]
                             for k, l in enumerate(view) for gs in mapping[doc][l]):
                        why["segmentation"] += 1
                    elif tuple(frozenset(x) for x in sides) in decided.get((doc, pair), set()):
                        why["decided, missed"] += 1
                        print(f"  missed although decided: {doc} {pair} {[sorted(x) for x in sides]}")
                    else:
                        why["not flagged"] += 1
    return why


def run(work, source, segmented):
    """The whole loop on SOURCE (the bench, or its gold sentences), in WORK; returns the scores
    before and after and the misses after, by why."""
    mapping.clear()
    decided.clear()
    skipped.clear()
    stats = {"flagged": 0, "decisions": 0, "units": 0, "inexpressible": 0, "resplit": 0}
    for corpus, langs in SETS:
        cdir, out = os.path.join(work, "corpus-" + corpus), os.path.join(work, "out-" + corpus)
        for doc in chosen[corpus]:
            for l in langs.split(","):
                os.makedirs(os.path.join(cdir, l), exist_ok=True)
                shutil.copy(os.path.join(source, doc, l + ".txt"),
                            os.path.join(cdir, l, doc + ".txt"))
        batch(cdir, out, langs, segmented)
        collect(out, os.path.join(work, "before"))
        with open(os.path.join(out, "qa.json"), encoding="utf-8") as f:
            findings = json.load(f)["findings"]
        for doc in chosen[corpus]:
            flagged = {f["unit"] for f in findings if f["document"] == doc and "unit" in f}
            stats["flagged"] += len(flagged)
            decisions_for(doc, out, cdir, os.path.join(bench, doc), flagged, stats, segmented)
        batch(cdir, out, langs, segmented)
        collect(out, os.path.join(work, "after"))
        with open(os.path.join(out, "qa.json"), encoding="utf-8") as f:
            qa = json.load(f)
        review = [s.get("review", {}) for s in qa["stories"]]
        print(f"  {corpus}: review units applied {sum(r.get('applied', 0) for r in review)}, "
              f"stale {sum(r.get('stale', 0) for r in review)}")
    print("  flagged units {flagged}, decisions {decisions} with {units} gold units; gold beads "
          "tmalign's sentences cannot say {inexpressible}; documents left out (a given line split "
          "in alignment) {resplit}".format(**stats))
    before = score_all(os.path.join(work, "before"), "before", work)
    after = score_all(os.path.join(work, "after"), "after", work)
    for (corpus, pair, f1, _), (_, _, f2, _) in zip(before, after):
        print(f"  {corpus} {pair}: strict F1 before {f1:.4f}, after {f2:.4f}")
    missed = why_missed(os.path.join(work, "after"))
    print("  gold beads missed after the review, by why:", missed)
    with open(os.path.join(work, "missed.json"), "w", encoding="utf-8") as f:
        json.dump(missed, f)


mapping, decided, skipped = {}, {}, set()
print("documents:", ", ".join(chosen["flores200"] + chosen["wmt22"]))
print("from raw text:")
run(os.path.join(work, "raw"), bench, False)
print("with the gold sentences (--segmented):")
gold_input = os.path.join(work, "gold-input")
subprocess.run([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                             "gold-sentences.py"), bench, gold_input], check=True)
run(os.path.join(work, "gold-sentences"), gold_input, True)
