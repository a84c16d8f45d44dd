# split --format jsonl writes every anchor's text whole: a lexicon name of 320 bytes of Cyrillic
# ("Азербайджан" and 150 more letters) comes out as it is in the text, not cut at 256 bytes in the
# middle of a two-byte character, and every line is valid JSON.
python3 -c 'print("Это " + "Азербайджан" + "ы" * 150 + " и 12345.")' > long.txt
"$TMALIGN" split -l ru --format jsonl long.txt > out.jsonl || exit 1
python3 - <<'END' >&2
import json
text = open("long.txt", encoding="utf-8").read()
for line in open("out.jsonl", encoding="utf-8"):
    for a in json.loads(line)["anchors"]:
        print(a["kind"], len(a["text"].encode()), a["text"] in text)
END
