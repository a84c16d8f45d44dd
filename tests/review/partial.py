"""tmalign review on a story missing a language (partial, issue 19): the page shows it partial, with
no every-language view and its en-ru units; a decision made in the en-ru view is taken, the story
comes back partial with the unit approved, the review file names the run's languages, and the next
batch writes the approved unit into the story's en-ru pair file. Then the review is started from
another folder: the batch's relative paths are found through the folder it ran in."""
import json
import os
import re

import lib
import reviewlib as rl

work = lib.work_in("partial")
lib.batch_output(1)  # make-corpus.sh's fault-missing has en and ru, no hy
server = lib.Server()
try:
    code, page = lib.call(server, "/")
    section = re.search(r'<section class="story" id="s\d+" data-story="fault-missing".*?</section>',
                        page, re.S)
    rl.need(code == 200 and section is not None, "the page has the partial story")
    section = section.group(0) if section else ""
    rl.need('class="status-partial">partial: no hy' in section, "its heading says partial: no hy")
    rl.need("No en–ru–hy view: the story has no hy version" in section,
            "it says there is no en-ru-hy view")
    unit = lib.unit_of(section, "en-ru", 1, "approved")
    body = json.dumps({"action": "approve", "view": "en-ru", "units": [unit]})
    code, answer = lib.call(server, "/api/decision?story=fault-missing", body.encode())
    rl.need(code == 200, f"the en-ru decision is taken ({code} {answer[:160]})")
    story = json.loads(answer).get("html", "") if code == 200 else ""
    rl.need('rv-approved" data-u="1"' in story and "status-partial" in story and
            'data-kind="missing-file"' in story,
            "the story comes back partial, its missing-file finding kept, unit 2 approved")
    header = json.loads(open("out/fault-missing.review.jsonl").readline())
    rl.need(header["langs"] == ["en", "ru", "hy"], f"the review file names the run's languages: {header}")
finally:
    server.stop()
lib.run_batch()
tmx = open("out/fault-missing.en-ru.tmx", encoding="utf-8").read()
rl.need(tmx.count('x-tmalign-review">approved<') == 1,
        "the next batch writes the approved unit into fault-missing.en-ru.tmx")
stories = {s["name"]: s for s in json.load(open("out/qa.json"))["stories"]}
rl.need(stories["fault-missing"]["status"] == "partial" and
        stories["fault-missing"].get("review", {}).get("applied") == 1,
        f"qa.json: partial, the decision applied ({stories['fault-missing']})")

os.chdir("/")
server = lib.Server(os.path.join(work, "out"))
try:
    code, page = lib.call(server, "/")
    section = re.search(r'<section class="story" id="s\d+" data-story="fault-missing".*?</section>',
                        page, re.S)
    unit = lib.unit_of(section.group(0) if section else "", "en-ru", 2, "approved")
    body = json.dumps({"action": "approve", "view": "en-ru", "units": [unit]})
    code, answer = lib.call(server, "/api/decision?story=fault-missing", body.encode())
    rl.need(code == 200 and 'rv-approved" data-u="2"' in json.loads(answer).get("html", ""),
            f"run from /, a decision is taken and the story aligned again ({code} {answer[:160]})")
finally:
    server.stop()
rl.finish()
