# tmalign languages says what each language has, as the library finds it: en, ru and hy have
# rules and dictionaries (the CI machine installs them), Zulu nothing of its own. The lines of
# other languages may change as tables are added, so only these are compared. A dictd folder of
# the test's makes the lexicon column known: English-Russian only.
mkdir -p dictd
: > dictd/freedict-eng-rus.index
: > dictd/freedict-eng-rus.dict.dz
"$TMALIGN" languages --dictd dictd > all.txt || exit 1
grep -E '^(LANG|en|ru|hy) ' all.txt >&2
grep -q '^zu ' all.txt && { echo "zu is listed without --all" >&2; exit 1; }
tail -1 all.txt | grep -qE '^and [0-9]+ other ISO 639-1 languages with generic support only' ||
    { echo "no closing line: $(tail -1 all.txt)" >&2; exit 1; }
"$TMALIGN" languages --dictd dictd zu en-GB >&2 || exit 1
# --all: a header and the 184 codes of ISO 639-1.
"$TMALIGN" languages --all --dictd dictd > every.txt || exit 1
test "$(wc -l < every.txt)" = 185 || { echo "--all: $(wc -l < every.txt) lines" >&2; exit 1; }
grep -E '^(ja|zh) ' every.txt >&2
"$TMALIGN" languages xx
