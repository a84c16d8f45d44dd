# XML that tmalign reads (here the TMX files that merge joins) never fetches anything from the
# network, never loads an external DTD or entity and never expands one into its output; nor does
# libxml2 print anything. A TMX handed over with external entities (a local file, an http URL,
# parameter entities) is refused with exit 3, and nothing is fetched or written.
# The TMX files here are broken or hostile on purpose: tmx.check leaves this folder out.
touch .no-tmx-check
mkdir -p corpus/en corpus/ru
printf "One sentence. Two sentences.\n" > corpus/en/s.txt
printf "Одно предложение. Два предложения.\n" > corpus/ru/s.txt
"$TMALIGN" batch corpus -o out -q || exit 98
echo "TOPSECRET-FILE" > secret.txt
printf '<!ENTITY leaked "TOPSECRET-PE">\n' > pe.dtd
# A listener that records any connection: where the network entities point.
python3 -c '
import socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(5)
s.settimeout(60)
open("port.txt.tmp", "w").write(str(s.getsockname()[1]))
import os; os.rename("port.txt.tmp", "port.txt")
try:
    s.accept()
    open("connected.txt", "w").write("a connection")
except OSError:
    pass
' &
listener=$!
for _ in $(seq 50); do [ -s port.txt ] && break; sleep 0.1; done
port=$(cat port.txt)
python3 - "$PWD" "$port" <<'END'
import sys
here, port = sys.argv[1], sys.argv[2]
doctype = f'''<!DOCTYPE tmx [
 <!ENTITY secret SYSTEM "file://{here}/secret.txt">
 <!ENTITY remote SYSTEM "http://127.0.0.1:{port}/remote">
 <!ENTITY % pe SYSTEM "http://127.0.0.1:{port}/pe.dtd">
 <!ENTITY % local SYSTEM "file://{here}/pe.dtd">
 %pe; %local;
]>
'''
s = open("out/s.tmx", encoding="utf-8").read()
s = s.replace("?>\n", "?>\n" + doctype, 1).replace("One sentence.", "One &secret;&remote; sentence.", 1)
open("out/s.tmx", "w", encoding="utf-8").write(s)
END
"$TMALIGN" merge out -o merged
code=$?
kill $listener 2> /dev/null
wait $listener 2> /dev/null
test ! -e connected.txt || { echo "a network entity was fetched" >&2; exit 1; }
test ! -e merged || { echo "a refused merge left its OUT" >&2; exit 1; }
# The hostile file is not an output for tmx.check.
rm -r out
exit $code
