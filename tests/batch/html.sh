#!/usr/bin/env bash
# qa.html renders in a browser (headless Chromium, no network): its script runs, the summary lists
# every story, each story has its side-by-side table and the findings are shown in place, the
# seed story's spelling and name-mismatch findings among them.
set -u
. "$TMA_SOURCE_DIR/tests/batch/lib.sh"
need_bench
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    echo "skipped: chromium is not installed (bash .ci/install-deps.sh installs it)"
    exit 77
fi
work_in html
bash "$here/make-corpus.sh" "$bench" corpus 6 || fail "cannot build the corpus"
# The seed story has a misspelling ("large-sale") and a name one language leaves out.
for l in en ru hy; do cp "$TMA_SOURCE_DIR/corpora/$l/shoigu.txt" corpus/$l/; done
run_batch run.log corpus -o out --langs en,ru,hy
[ "$code" = 8 ] || fail "exit code $code"
profile=$(mktemp -d)
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --no-first-run --user-data-dir="$profile" --dump-dom \
    "file://$PWD/out/qa.html" > dom.html 2>browser.log
code=$?
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --no-first-run --user-data-dir="$profile" --window-size=1400,2000 \
    --screenshot="$PWD/qa.png" "file://$PWD/out/qa.html" >/dev/null 2>&1
rm -rf "$profile"
[ "$code" = 0 ] && [ -s dom.html ] || { tail -n 5 browser.log; fail "chromium did not render qa.html"; }
python3 - dom.html out/qa.json <<'PY'
import json, os, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
qa = json.load(open(sys.argv[2], encoding="utf-8"))
sys.path.insert(0, os.path.join(os.environ["TMA_SOURCE_DIR"], "tests/batch"))
from checks import need, finish
need('data-filtered="%d"' % len(qa["stories"]) in dom, "the page's script did not run")
sections = re.findall(r'<section class="story[^"]*" id="s\d+" data-story="([^"]*)"', dom)
need(sections == [s["name"] for s in qa["stories"]], f"story sections {sections}")
for s in qa["stories"]:
    need(f'>{s["name"]}</a>' in dom, f"{s['name']} is not in the summary table")
units = len(re.findall(r'<tr class="unit ', dom))
need(units == sum(s["units"] for s in qa["stories"]), f"{units} unit rows")
shown = len(re.findall(r'<div class="finding" data-kind="', dom))
need(shown >= len(qa["findings"]), f"{shown} findings shown of {len(qa['findings'])}")
need('class="text hit"' in dom or 'class="text none hit"' in dom, "no finding highlighted")
for kind in ("missing-file", "bad-input", "unaligned", "spelling", "name-mismatch"):
    need(f'data-kind="{kind}"' in dom, f"no {kind} finding on the page")
need(not re.search(r'(src|href)="https?:', dom), "the page loads something from the network")
print(f"{len(sections)} stories, {units} units, {shown} findings rendered")
finish()
PY
