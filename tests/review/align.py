"""tmalign review X.tmx FILE...: one `tmalign align` output served as its one story; a decision
goes to X.review.jsonl beside X.tmx, the page shows the story aligned with it, and the next
`tmalign align` writes it into X.tmx."""
import html
import json
import os
import re
import subprocess
import urllib.request

import lib

lib.work_in("align")
files = [os.path.join(lib.SOURCE, "corpora", l, "shoigu.txt") for l in ("en", "ru", "hy")]
align = [lib.TMALIGN, "align", *files, "-o", "x.tmx", "-q"]
r = subprocess.run(align, stderr=subprocess.PIPE, text=True)
if r.returncode != 0:
    lib.fail(f"tmalign align exited {r.returncode}: {r.stderr}")
server = lib.Server("x.tmx", *files)
failures = []


def need(cond, what):
    print(("ok: " if cond else "FAIL: ") + what)
    if not cond:
        failures.append(what)


def call(path, body=None):
    req = urllib.request.Request(server.base + path, data=body,
                                 headers={"X-Tmalign-Token": server.token,
                                          "Origin": server.base},
                                 method="POST" if body is not None else "GET")
    try:
        with urllib.request.urlopen(req, timeout=60) as f:
            return f.status, f.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


try:
    code, page = call("/")
    stories = re.findall(r'<section class="story" id="s\d+" data-story="([^"]*)"', page)
    need(code == 200 and stories == ["x"], f"the page shows the one story x ({stories})")
    rows = re.findall(r'<tr class="unit [^"]*" data-u="(\d+)"', page)
    need(len(rows) > 10, f"the story is aligned: {len(rows)} units")
    row = re.search(r'<tr class="unit [^>]*data-u="1".*?</tr>', page, re.S).group(0)
    sides = {l: [html.unescape(t) for t in re.findall(r'<span class="s">(.*?)</span>', cell)]
             for l, cell in re.findall(r'data-lang="(\w+)"[^>]*>(.*?)</td>', row, re.S)}
    before = {}
    row0 = re.search(r'<tr class="unit [^>]*data-u="0".*?</tr>', page, re.S).group(0)
    for l, cell in re.findall(r'data-lang="(\w+)"[^>]*>(.*?)</td>', row0, re.S):
        spans = re.findall(r'<span class="s">(.*?)</span>', cell)
        before[l] = html.unescape(spans[-1]) if spans else ""
    decision = {"action": "approve", "view": "en-ru-hy",
                "units": [{"status": "approved", "sides": sides, "before": before}]}
    code, body = call("/api/decision?story=x", json.dumps(decision).encode())
    need(code == 200, f"the decision is taken ({code} {body[:120]})")
    answer = json.loads(body)
    need(answer.get("id") == 1 and 'rv-approved" data-u="1"' in answer.get("html", ""),
         "the story comes back with unit 2 approved")
    lines = open("x.review.jsonl").read().splitlines()
    need(len(lines) == 2 and json.loads(lines[0])["story"] == "x",
         "x.review.jsonl beside x.tmx holds the header and the decision")
finally:
    server.stop()
r = subprocess.run(align, stderr=subprocess.PIPE, text=True)
need(r.returncode == 0, f"tmalign align again: {r.returncode} {r.stderr}")
need('x-tmalign-review">approved<' in open("x.tmx", encoding="utf-8").read(),
     "x.tmx holds the approved unit with its prop")
raise SystemExit(1 if failures else 0)
