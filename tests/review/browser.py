"""A reviewer's session in a real Chromium (WebDriver, headless): tmalign review on a batch of
benchmark documents; the keyboard to the first problem; each kind of correction in the
every-language view and in a pair view; a reload; then the review files on disk, and the TMX that
tmalign batch writes again from them. Screenshots go to $TMA_TEST_OUT/review/browser/*.png."""
import json
import os
import re
import shutil
import sys
import time

import lib
import reviewlib as rl

try:
    from selenium import webdriver
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
except ImportError:
    lib.skip("python3-selenium is not installed (bash .ci/install-deps.sh installs it)")
driver_path = shutil.which("chromedriver")
browser_path = shutil.which("chromium") or shutil.which("chromium-browser")
if not driver_path or not browser_path:
    lib.skip("chromium or chromium-driver is not installed (bash .ci/install-deps.sh installs them)")

work = lib.work_in("browser")
lib.batch_output(3)
server = lib.Server()
options = webdriver.ChromeOptions()
options.binary_location = browser_path
for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--window-size=1400,1000", f"--user-data-dir={work}/profile"]:
    options.add_argument(arg)
service = webdriver.ChromeService(executable_path=driver_path) if hasattr(webdriver, "ChromeService") \
    else webdriver.chrome.service.Service(executable_path=driver_path)
d = webdriver.Chrome(service=service, options=options)
d.set_page_load_timeout(60)


def shot(name):
    d.save_screenshot(os.path.join(work, name + ".png"))


def js(script, *args):
    return d.execute_script(script, *args)


def key(k):
    d.find_element(By.TAG_NAME, "body").send_keys(k)


def status():
    return js("return document.getElementById('status').textContent")


def wait_status(prefix, timeout=60):
    end = time.time() + timeout
    while time.time() < end:
        s = status()
        if s.startswith(prefix) or "refused" in s or "cannot" in s:
            return s
        time.sleep(0.1)
    return status()


def current():
    """The current row: its story, view, index in its table and sentences by language."""
    return js("""var tr=document.querySelector('tr.cur'); if(!tr) return null;
      var t=tr.closest('table'), s={};
      tr.querySelectorAll('td.text').forEach(function(td){s[td.getAttribute('data-lang')]=
        Array.prototype.map.call(td.querySelectorAll('span.s'),function(x){return x.textContent;});});
      return {story:tr.closest('section').getAttribute('data-story'), view:t.getAttribute('data-view'),
        index:Array.prototype.indexOf.call(t.querySelectorAll('tr.unit'),tr), cls:tr.className,
        kinds:tr.getAttribute('data-kinds'), rows:t.querySelectorAll('tr.unit').length, sides:s};""")


def go_to(story, view, pick):
    """Makes current the first row of STORY's table VIEW for which the JS expression PICK (of tr)
    is true, by pressing j from the story's first row; returns its index."""
    i = js("""var t=document.querySelector('section[data-story="'+arguments[0]+'"] table[data-view="'+arguments[1]+'"]');
      var rows=t.querySelectorAll('tr.unit');
      for(var i=0;i<rows.length;i++){var tr=rows[i]; if(""" + pick + """) return i;} return -1;""", story, view)
    if i < 0:
        return -1
    js("""var t=document.querySelector('section[data-story="'+arguments[0]+'"] table[data-view="'+arguments[1]+'"]');
      t.querySelector('tr.unit td.num').click();""", story, view)
    for _ in range(i):
        key("j")
    return i


def select_sentence(lang, which):
    """Selects sentence WHICH (0 first, -1 last) of LANG in the current row with h/l."""
    order = js("""var tr=document.querySelector('tr.cur');
      return Array.prototype.map.call(tr.querySelectorAll('span.s'),function(s){return s.closest('td').getAttribute('data-lang');});""")
    idx = [k for k, l in enumerate(order) if l == lang]
    target = idx[which]
    for _ in range(target + 1):
        key("l")
    return js("return document.querySelector('tr.cur span.s.sel').textContent")


try:
    d.get(server.url)
    rl.need(d.title == "tmalign QA report" and js("return document.body.hasAttribute('data-edit')"),
         "the served page is the report with editing on")
    shot("1-start")
    first_row = js("return document.querySelector('#summary tbody tr').getAttribute('data-story')")
    rl.need(first_row.startswith("fault-"), f"the summary lists the worst first ({first_row})")

    # To the first problem, with the keyboard.
    key("n")
    cur = current()
    rl.need(cur is not None and (cur["kinds"] or " lo" in cur["cls"]),
         f"n goes to a unit with a problem: {cur and cur['kinds']}")
    shot("2-problem")
    story = cur["story"]
    full = cur["view"]
    rl.need(full == "en-ru-hy", f"the first problem is in the every-language view ({full})")

    review_file = f"out/{story}.review.jsonl"

    # Approve the current unit.
    approved = cur["sides"]
    key("a")
    rl.need(wait_status("saved") == "saved: approve", "approve is saved")
    cur = current()
    rl.need(cur and "rv-approved" in cur["cls"], "the unit shows as approved")
    # An approved unit is decided: n from the unit above passes it by.
    approved_index = cur["index"]
    key("k")
    key("n")
    after = current()
    rl.need(after is None or after["story"] != story or after["index"] != approved_index,
            "n passes by the unit just approved")
    go_to(story, full, "i===" + str(approved_index))
    cur = current()

    # Reject a one-to-one unit further down.
    go_to(story, full, "i>" + str(cur["index"] + 1) + " && tr.title==='one sentence each' && !tr.className.match(/rv-/)")
    rejected = current()["sides"]
    key("r")
    rl.need(wait_status("saved") == "saved: reject", "reject is saved")
    rl.need("rv-rejected" in current()["cls"], "the unit shows as rejected")

    # Join two one-to-one units.
    i = go_to(story, full, "tr.title==='one sentence each' && !tr.className.match(/rv-/) && rows[i+1] && rows[i+1].title==='one sentence each' && !rows[i+1].className.match(/rv-/)")
    before = current()
    nxt = js("""var rows=document.querySelector('tr.cur').closest('tbody').querySelectorAll('tr.unit');
      var tr=rows[arguments[0]+1],s={}; tr.querySelectorAll('td.text').forEach(function(td){s[td.getAttribute('data-lang')]=
      Array.prototype.map.call(td.querySelectorAll('span.s'),function(x){return x.textContent;});}); return s;""", i)
    joined = {l: before["sides"][l] + nxt[l] for l in before["sides"]}
    key("J")
    rl.need(wait_status("saved") == "saved: join", "join is saved")
    cur = current()
    rl.need(cur["sides"] == joined and cur["rows"] == before["rows"] - 1,
         f"the joined unit holds both units' sentences ({cur['rows']} rows, were {before['rows']})")
    units_cell = js("""var row=document.querySelector('#summary tr[data-story="'+arguments[0]+'"]');
      var i=Array.prototype.map.call(document.querySelectorAll('#summary th'),function(th){return th.getAttribute('data-key');}).indexOf('units');
      return [row.cells[i].textContent, row.querySelector('td.reviewed').textContent];""", story)
    rl.need(units_cell[0] == str(cur["rows"]) and units_cell[1].startswith("3 of "),
         f"the summary row follows: {units_cell}")
    shot("3-after-join")

    # Split the joined unit again before its second en sentence.
    select_sentence("en", 1)
    key("s")
    rl.need(wait_status("saved") == "saved: split", "split is saved")
    cur = current()
    rl.need(cur["sides"] == before["sides"], f"split gives back the first unit: {cur['sides']}")

    # Join a one-to-one unit with a unit of one en sentence to two ru, then split before the
    # second en sentence: each language is cut where its pair alignments end a unit. In proportion
    # the first part would take two of the three ru sentences.
    one_two = ("tr.title==='one sentence each' && !tr.className.match(/rv-/) && rows[i+1] && "
               "!rows[i+1].className.match(/rv-/) && ['en','ru','hy'].map(function(l){return "
               "rows[i+1].querySelectorAll('td[data-lang='+l+'] span.s').length;}).join()==='1,2,1'")
    i = go_to(story, full, one_two)
    rl.need(i >= 0, f"{story} has a one-to-one unit before a unit of one en sentence to two ru")
    before = current()
    key("J")
    rl.need(wait_status("saved") == "saved: join", "the second join is saved")
    select_sentence("en", 1)
    key("s")
    rl.need(wait_status("saved") == "saved: split", "the second split is saved")
    split = json.loads(open(review_file).read().splitlines()[-1])["units"]
    rl.need([len(u["sides"]["ru"]) for u in split] == [1, 2] and split[0]["sides"] == before["sides"],
            f"the split gives back the first unit and cuts ru where the en-ru alignment does: {split}")

    # Move a sentence: the first en sentence of a unit up, then the last en sentence of the unit
    # above down again.
    i = go_to(story, full, "i>0 && tr.title==='one sentence each' && !tr.className.match(/rv-/) && !rows[i-1].className.match(/rv-rejected/)")
    moved = select_sentence("en", 0)
    key("<")
    rl.need(wait_status("saved") == "saved: move-up", "move up is saved")
    above = js("""var t=document.querySelector('section[data-story="'+arguments[0]+'"] table[data-view="'+arguments[1]+'"]');
      var tr=t.querySelectorAll('tr.unit')[arguments[2]-1];
      return Array.prototype.map.call(tr.querySelectorAll('td[data-lang=en] span.s'),function(x){return x.textContent;});""",
               story, full, i)
    rl.need(above and above[-1] == moved, "the sentence moved up ends the unit above")
    key("k")
    select_sentence("en", -1)
    key(">")
    rl.need(wait_status("saved") == "saved: move-down", "move down is saved")
    below = js("""var t=document.querySelector('section[data-story="'+arguments[0]+'"] table[data-view="'+arguments[1]+'"]');
      var rows=t.querySelectorAll('tr.unit'), tr=document.querySelector('tr.cur'), j=Array.prototype.indexOf.call(rows,tr);
      return Array.prototype.map.call(rows[j+1].querySelectorAll('td[data-lang=en] span.s'),function(x){return x.textContent;});""",
               story, full)
    rl.need(below and below[0] == moved, "the sentence moved down starts the unit below")

    # Undo the last decision.
    lines_before = len(open(review_file).read().splitlines())
    key("u")
    rl.need(wait_status("undone") == "undone", "undo is saved")
    last = json.loads(open(review_file).read().splitlines()[-1])
    rl.need(last["action"] == "undo" and len(open(review_file).read().splitlines()) == lines_before + 1,
         f"the review file ends with the undo ({last})")

    # Pair view: v switches every story to en-ru; approve there.
    key("v")
    rl.need(js("return document.getElementById('view').value") == "en-ru", "v switches to the en–ru view")
    go_to(story, "en-ru", "!tr.className.match(/rv-/) && tr.title==='one sentence each'")
    pair_cur = current()
    rl.need(pair_cur["view"] == "en-ru" and set(pair_cur["sides"]) == {"en", "ru"},
         f"the pair view shows the pair's own units, en and ru ({pair_cur})")
    shot("4-pair")
    key("a")
    rl.need(wait_status("saved") == "saved: approve", "approve in the pair view is saved")
    rl.need("rv-approved" in current()["cls"], "the pair unit shows as approved")
    shot("5-after-pair-approve")

    # Help overlay.
    key("?")
    rl.need(js("return !!document.getElementById('help')") and "approve" in d.find_element(By.ID, "help").text,
         "? shows the keys, the editing ones among them")
    key(Keys.ESCAPE)

    # Search: / focuses it, the matches are highlighted, Enter goes to a unit with one.
    key("/")
    box = d.find_element(By.ID, "search")
    rl.need(d.switch_to.active_element == box, "/ focuses the search")
    box.send_keys("Vidal")
    marks = js("return document.querySelectorAll('mark').length")
    rl.need(marks > 0 and js("return document.getElementById('matches').textContent") == f"{marks} matches",
         f"the search highlights its {marks} matches")
    box.send_keys(Keys.ENTER)
    rl.need(js("return !!document.querySelector('tr.cur mark')"), "Enter goes to a unit with a match")
    shot("6-search")
    box.clear()
    box.send_keys(Keys.ESCAPE)

    # Reload: the page shows what the review file says.
    d.refresh()
    states = js("""var t=document.querySelector('section[data-story="'+arguments[0]+'"] table[data-view="'+arguments[1]+'"]');
      var out=[]; t.querySelectorAll('tr.unit').forEach(function(tr){var s={};tr.querySelectorAll('td.text').forEach(function(td){
      s[td.getAttribute('data-lang')]=Array.prototype.map.call(td.querySelectorAll('span.s'),function(x){return x.textContent;});});
      out.push({cls:tr.className,sides:s});}); return out;""", story, full)
    rl.need(any("rv-approved" in u["cls"] and u["sides"] == approved for u in states),
         "after a reload the approved unit is still approved")
    rl.need(any("rv-rejected" in u["cls"] and u["sides"] == rejected for u in states),
         "after a reload the rejected unit is still rejected")
    rl.need(any(u["sides"] == joined for u in states) is False,
         "after a reload the joined unit is split again, as the split decided")
    progress = js("return document.querySelector('#progress span').textContent")
    rl.need(re.match(r"reviewed: [1-9]\d* of \d+ units", progress) is not None, f"progress: {progress}")
    shot("7-reload")
finally:
    d.quit()
    server.stop()

# The review files on disk.
lines = [json.loads(l) for l in open(review_file).read().splitlines()]
actions = [l.get("action") for l in lines[1:]]
rl.need(lines[0]["schema"] == "tmalign-review/1" and lines[0]["story"] == story, "the review file's header")
rl.need(actions == ["approve", "reject", "join", "split", "join", "split", "move-up", "move-down",
                    "undo", "approve"],
     f"the review file holds each decision in order: {actions}")
rl.need(lines[-1]["view"] == "en-ru", "the pair view's decision names its view")

# tmalign batch again: the TMX holds what the review decided.
lib.run_batch()
tmx = open(f"out/{story}.tmx", encoding="utf-8").read()
tus = re.findall(r"<tu\b.*?</tu>", tmx, re.S)


def segs(tu):
    return {l: s for l, s in re.findall(r'<tuv xml:lang="([^"]+)">.*?<seg>(.*?)</seg>', tu, re.S)}


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


appr = [tu for tu in tus if 'x-tmalign-review">approved<' in tu]
rl.need(any(segs(tu).get("en") == esc(" ".join(approved["en"])) for tu in appr),
     "the approved unit is in the TMX with its prop")
rl.need(not any(esc(rejected["en"][0]) in tu for tu in tus), "the rejected unit is not in the TMX")
pair = open(f"out/{story}.en-ru.tmx", encoding="utf-8").read()
rl.need('x-tmalign-review">approved<' in pair, "the pair file holds the pair view's approval")
print(f"screenshots in {work}")
rl.finish()
