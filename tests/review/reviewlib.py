"""Helpers of the review tests: a batch story's units and sentences as tmalign made them (its
report part), the story's sentences as tmalign splits them, and decisions written into its review file
(docs/review-schema.md) as a page would have them written."""

import datetime
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET


def story_id(name):
    """The name of a story's files in OUT/.tmalign/stories: FNV-1a of its name (outdir.c)."""
    h = 14695981039346656037
    for b in name.encode("utf-8"):
        h = ((h ^ b) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def part_units(out, name):
    """The story's languages and its units, each {lang: (first, count)}, from its report part."""
    root = ET.parse(os.path.join(out, ".tmalign", "stories", story_id(name) + ".qa.xml")).getroot()
    langs = [d.get("lang") for d in root.findall("doc")]
    sentences = {d.get("lang"): int(d.get("sentences")) for d in root.findall("doc")}
    units = []
    for u in root.findall("unit"):
        sides = u.findall("side")
        units.append({l: (int(s.get("first")), int(s.get("count"))) for l, s in zip(langs, sides)})
    return langs, sentences, units


def part_sentences(out, name):
    """The story's sentences as its alignment holds them, after any split the alignment made
    (a headline glued to its lead, a full stop one version lost): {lang: [text]}, from its
    report part."""
    root = ET.parse(os.path.join(out, ".tmalign", "stories", story_id(name) + ".qa.xml")).getroot()
    langs = [d.get("lang") for d in root.findall("doc")]
    texts = {d.get("lang"): [None] * int(d.get("sentences")) for d in root.findall("doc")}
    for u in root.findall("unit"):
        for lang, side in zip(langs, u.findall("side")):
            first = int(side.get("first"))
            for k, s in enumerate(side.findall("s")):
                texts[lang][first + k] = s.text or ""
    return texts


def sentences(tmalign, lang, path):
    """PATH's sentences as tmalign splits them: [{"text", "start", "end"}] (byte spans)."""
    out = subprocess.run([tmalign, "split", "-l", lang, "-f", "jsonl", path], check=True,
                         capture_output=True).stdout.decode("utf-8")
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def side(texts, first, count):
    """The texts of sentences [first, first + count) and the one before them."""
    return texts[first:first + count], texts[first - 1] if count and first > 0 else ""


def unit_of(status, texts, ranges):
    """A decision's unit: for each language of RANGES ({lang: (first, count)}), its sentences."""
    unit = {"status": status, "sides": {}, "before": {}}
    for lang, (first, count) in ranges.items():
        unit["sides"][lang], unit["before"][lang] = side(texts[lang], first, count)
    return unit


class ReviewFile:
    """A story's review file, written as tmalign review writes it: a header, then one decision
    per line with the next id."""

    def __init__(self, path, story, langs):
        self.path = path
        self.next_id = 1
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                for line in f.read().splitlines()[1:]:
                    self.next_id = max(self.next_id, json.loads(line)["id"] + 1)
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write(json.dumps({"schema": "tmalign-review/1", "story": story, "langs": langs},
                                   ensure_ascii=False) + "\n")

    def add(self, action, view, units=None, undoes=None):
        line = {"id": self.next_id, "time": datetime.datetime.now(datetime.timezone.utc)
                .strftime("%Y-%m-%dT%H:%M:%SZ"), "action": action}
        if undoes is not None:
            line["undoes"] = undoes
        else:
            line["view"] = view
            line["units"] = units
        with open(self.path, "a", encoding="utf-8") as f:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
        self.next_id += 1
        return line["id"]


def tmx_units(path):
    """The <tu>s of a TMX: [{"props": {type: value}, lang: seg text}]."""
    units = []
    for tu in ET.parse(path).getroot().iter("tu"):
        u = {"props": {p.get("type"): p.text for p in tu.findall("prop")}}
        for tuv in tu.findall("tuv"):
            lang = tuv.get("{http://www.w3.org/XML/1998/namespace}lang").split("-")[0]
            u[lang] = tuv.find("seg").text or ""
        units.append(u)
    return units


failures = []


def need(cond, what):
    """Records WHAT as a failure unless COND holds; the log says which."""
    print(("ok: " if cond else "FAIL: ") + what)
    if not cond:
        failures.append(what)


def finish():
    sys.exit(1 if failures else 0)


def batch(tmalign, *extra):
    """Runs `tmalign batch corpus -o out` with EXTRA options in the working folder; stops the
    test when it fails. Returns what it printed on stderr."""
    r = subprocess.run([tmalign, "batch", "corpus", "-o", "out", *extra], capture_output=True,
                       text=True)
    if r.returncode != 0:
        print(r.stderr)
        sys.exit(f"FAIL: batch exited {r.returncode}")
    return r.stderr


def norm(s):
    """S with each run of white space one space, none at either end."""
    return re.sub(r"\s+", " ", s).strip()
