"""tmalign review X.tmx FILE...: one `tmalign align` output served as its one story; a decision
goes to X.review.jsonl beside X.tmx, the page shows the story aligned with it, and the next
`tmalign align` writes it into X.tmx. Two servers on the same output (two reviewers) lose nothing
of each other's decisions."""
import html
import json
import os
import re
import subprocess

import lib
import reviewlib as rl

lib.work_in("align")
files = [os.path.join(lib.SOURCE, "corpora", l, "shoigu.txt") for l in ("en", "ru", "hy")]
align = [lib.TMALIGN, "align", *files, "-o", "x.tmx", "-q"]
r = subprocess.run(align, stderr=subprocess.PIPE, text=True)
if r.returncode != 0:
    lib.fail(f"tmalign align exited {r.returncode}: {r.stderr}")
server = lib.Server("x.tmx", *files)


call = lib.call


def unit_of(page, i, status):
    """Unit I of the page's every-language table as a decision's unit of STATUS."""
    return lib.unit_of(page, "en-ru-hy", i, status)


def decide(srv, page, action, i, status):
    body = json.dumps({"action": action, "view": "en-ru-hy", "units": [unit_of(page, i, status)]})
    return call(srv, "/api/decision?story=x", body.encode())


second = None
try:
    code, page = call(server, "/")
    stories = re.findall(r'<section class="story" id="s\d+" data-story="([^"]*)"', page)
    rl.need(code == 200 and stories == ["x"], f"the page shows the one story x ({stories})")
    rows = re.findall(r'<tr class="unit [^"]*" data-u="(\d+)"', page)
    rl.need(len(rows) > 10, f"the story is aligned: {len(rows)} units")
    code, body = decide(server, page, "approve", 1, "approved")
    rl.need(code == 200, f"the decision is taken ({code} {body[:120]})")
    answer = json.loads(body)
    rl.need(answer.get("id") == 1 and 'rv-approved" data-u="1"' in answer.get("html", ""),
         "the story comes back with unit 2 approved")
    lines = open("x.review.jsonl").read().splitlines()
    rl.need(len(lines) == 2 and json.loads(lines[0])["story"] == "x",
         "x.review.jsonl beside x.tmx holds the header and the decision")
    # A second reviewer on the same output, through a server of their own.
    second = lib.Server("x.tmx", *files)
    code, page2 = call(second, "/")
    rl.need('rv-approved" data-u="1"' in page2, "the second server's page shows the first's decision")
    code, body = decide(second, page2, "reject", 4, "rejected")
    rl.need(code == 200 and json.loads(body).get("id") == 2, f"the second server's decision is 2 ({body[:80]})")
    code, body = decide(server, json.loads(body)["html"], "approve", 6, "approved")
    rl.need(code == 200 and json.loads(body).get("id") == 3, "the first server's next decision is 3")
    code, body = call(server, "/api/story?name=x")
    mine = json.loads(body)["html"]
    rl.need('rv-rejected" data-u="4"' in mine and 'rv-approved" data-u="1"' in mine and
         'rv-approved" data-u="6"' in mine, "the first server shows all three decisions")
    ids = [json.loads(l).get("id") for l in open("x.review.jsonl").read().splitlines()[1:]]
    rl.need(ids == [1, 2, 3], f"the review file holds both servers' decisions: {ids}")
finally:
    server.stop()
    if second is not None:
        second.stop()
r = subprocess.run(align, stderr=subprocess.PIPE, text=True)
rl.need(r.returncode == 0, f"tmalign align again: {r.returncode} {r.stderr}")
tmx = open("x.tmx", encoding="utf-8").read()
rl.need(tmx.count('x-tmalign-review">approved<') == 2, "x.tmx holds the two approved units with their prop")
rejected = unit_of(mine, 4, "rejected")["sides"]["en"][0]
rl.need(rejected.split()[0] and html.escape(rejected, quote=False) not in tmx,
     "x.tmx leaves the rejected unit out")
rl.finish()
