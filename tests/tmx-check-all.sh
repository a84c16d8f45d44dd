#!/usr/bin/env bash
# Checks every TMX file the other tests wrote under TMA_TEST_OUT with ../shared/tools/tmx-check.py
# (DTD via xmllint, the TMX rules, translate-toolkit), that each file's tuids are unique, and that
# every other XML file there is well-formed (xmllint).
set -u
checker="$TMA_SHARED_DIR/tools/tmx-check.py"
if [ ! -f "$checker" ]; then
    echo "skipped: $checker is missing"
    exit 77
fi
# A test that writes broken TMX on purpose (to feed it to `tmalign merge`) leaves a file
# .no-tmx-check in its folder: nothing below that folder is checked.
mapfile -d '' skipped < <(find "$TMA_TEST_OUT" -name .no-tmx-check -type f -printf '%h\0')
prune=()
for dir in "${skipped[@]}"; do
    prune+=(-path "$dir" -prune -o)
done
mapfile -d '' files < <(find "$TMA_TEST_OUT" "${prune[@]}" -name '*.tmx' -type f -print0 | sort -z)
if [ ${#files[@]} -eq 0 ]; then
    echo "no TMX files under $TMA_TEST_OUT: the tests that write them did not run"
    exit 1
fi
echo "checking ${#files[@]} TMX files (${#skipped[@]} folders of deliberately broken TMX left out)"
status=0
for ((i = 0; i < ${#files[@]}; i += 200)); do
    python3 "$checker" "${files[@]:i:200}" > tmx-check.log 2>&1 || status=1
    grep -E '^(tmx-check:|.*(problem|PROBLEM|FAIL))' tmx-check.log | grep -v ' 0 problems' | head -40
    tail -n 1 tmx-check.log
done
rm -f tmx-check.log
# tmx-check.py only warns of a repeated tuid; tmalign's tuids must be unique in every file.
python3 - "${files[@]}" <<'PY' || status=1
import collections
import sys
import xml.etree.ElementTree as ET

bad = 0
for path in sys.argv[1:]:
    tuids = collections.Counter()
    for _, el in ET.iterparse(path):
        if el.tag == "tu":
            tuids[el.get("tuid")] += 1
            el.clear()
    for tuid, n in tuids.items():
        if tuid is None or n > 1:
            print(f"{path}: {n} <tu> with tuid {tuid}")
            bad += 1
print(f"tuids: {len(sys.argv) - 1} files, {bad} repeated or missing")
sys.exit(1 if bad else 0)
PY
# Every other XML file the tests left (the QA report's parts) must be well-formed too.
mapfile -d '' parts < <(find "$TMA_TEST_OUT" "${prune[@]}" -name '*.xml' -type f -print0 | sort -z)
bad_xml=0
for ((i = 0; i < ${#parts[@]}; i += 200)); do
    xmllint --noout --nonet "${parts[@]:i:200}" 2>&1 | head -20
    [ "${PIPESTATUS[0]}" = 0 ] || bad_xml=1
done
echo "xmllint: ${#parts[@]} other XML files, $([ $bad_xml = 0 ] && echo all || echo not all) well-formed"
[ $bad_xml = 0 ] || status=1
exit $status
