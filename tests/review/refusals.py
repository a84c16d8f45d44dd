"""tmalign review refuses what is not its own page's: no token or a wrong one, a foreign Host, a
foreign Origin on the API, paths outside its three routes (none ever names a file), bodies over
64 KB (before reading them), malformed decisions; and keeps serving after all of them."""
import http.client
import json
import socket
import subprocess

import lib

lib.work_in("refusals")
lib.batch_output(1)
server = lib.Server()
failures = []

# The server opens libmicrohttpd when it starts: the command does not load it (and the TLS
# libraries it needs) for every other command.
needed = subprocess.run(["ldd", lib.TMALIGN], capture_output=True, text=True).stdout
if "libmicrohttpd" in needed:
    failures.append("tmalign links libmicrohttpd; review opens it when it starts")


def request(method, path, body=None, headers=None, host=None, token=True):
    c = http.client.HTTPConnection("127.0.0.1", server.port, timeout=20)
    c.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    c.putheader("Host", host or f"127.0.0.1:{server.port}")
    if token:
        c.putheader("X-Tmalign-Token", server.token)
    for k, v in (headers or {}).items():
        c.putheader(k, v)
    data = body.encode() if isinstance(body, str) else body
    if data is not None:
        c.putheader("Content-Length", str(len(data)))
    c.endheaders()
    if data is not None:
        c.send(data)
    r = c.getresponse()
    text = r.read().decode("utf-8", "replace")
    c.close()
    return r.status, text


def expect(what, status, got):
    code, text = got
    if code != status:
        failures.append(f"{what}: HTTP {code}, not {status}: {text[:200]}")
        return
    if status != 200:
        # One line of JSON that says what is wrong.
        try:
            ok = text.endswith("\n") and text.count("\n") == 1 and json.loads(text)["error"]
        except (ValueError, KeyError):
            ok = False
        if not ok:
            failures.append(f"{what}: the refusal is not one line of JSON with an error: {text!r}")
    print(f"ok: {what}: {code}")


def secret_leaked(text):
    return "root:" in text or "<?xml" in text or "tmalign-review/1" in text


same = {"Origin": None}
origin = {"Origin": f"http://127.0.0.1:{server.port}"}
del same["Origin"]
decision = json.dumps({"action": "approve", "view": "en-ru-hy", "units": [
    {"status": "approved", "sides": {"en": ["x"], "ru": ["y"], "hy": ["z"]}}]})

expect("the page with its token", 200, request("GET", "/"))
expect("the token in the query", 200, request("GET", f"/?token={server.token}", token=False))
expect("no token", 403, request("GET", "/", token=False))
expect("a wrong token", 403, request("GET", "/?token=" + "0" * 64, token=False))
expect("a token one character short", 403, request("GET", "/?token=" + server.token[:-1], token=False))
expect("a foreign Host", 403, request("GET", "/", host=f"evil.example:{server.port}"))
expect("a Host with another port", 403, request("GET", "/", host=f"127.0.0.1:{server.port + 1}"))
expect("localhost as Host", 200, request("GET", "/", host=f"localhost:{server.port}"))
expect("a foreign Origin on a POST", 403,
       request("POST", "/api/decision?story=flores-dev-001", decision,
               {"Origin": "http://evil.example", "Content-Type": "application/json"}))
expect("Origin null on a POST", 403,
       request("POST", "/api/decision?story=flores-dev-001", decision, {"Origin": "null"}))
expect("a foreign Origin on an API GET", 403,
       request("GET", "/api/story?name=flores-dev-001", headers={"Origin": "http://evil.example"}))
expect("a cross-site fetch of the API", 403,
       request("GET", "/api/story?name=flores-dev-001", headers={"Sec-Fetch-Site": "cross-site"}))
for path in ["/../out/qa.json", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd",
             "//etc/passwd", "/etc/passwd", "/qa.html", "/qa.json", "/flores-dev-001.tmx",
             "/.tmalign/manifest.tsv", "/api/../qa.json"]:
    got = request("GET", path)
    expect(f"the path {path}", 404, got)
    if secret_leaked(got[1]):
        failures.append(f"{path} served a file: {got[1][:100]}")
for name in ["../out/flores-dev-001", "/etc/passwd", "a/b", "..", "flores-dev-001/../flores-dev-001",
             "%2e%2e%2fqa", ".tmalign"]:
    got = request("GET", "/api/story?name=" + name)
    expect(f"the story name {name}", 404, got)
    if secret_leaked(got[1]):
        failures.append(f"story {name} served a file")
expect("a story name in a decision with slashes", 404,
       request("POST", "/api/decision?story=../x", decision, origin))
expect("DELETE", 405, request("DELETE", "/"))
expect("a POST to the page", 405, request("POST", "/", "{}", origin))
expect("malformed JSON", 400,
       request("POST", "/api/decision?story=flores-dev-001", "{\"action\": \"approve\",", origin))
expect("a decision of another view", 400,
       request("POST", "/api/decision?story=flores-dev-001",
               decision.replace("en-ru-hy", "en-de"), origin))
expect("an undo of nothing", 400,
       request("POST", "/api/decision?story=flores-dev-001", '{"action":"undo","undoes":99}', origin))

def raw_post(header, status, what):
    """Sends a decision's request line and headers with HEADER and no body; the reply must be
    STATUS, from the headers alone."""
    c = socket.create_connection(("127.0.0.1", server.port), timeout=20)
    c.sendall((f"POST /api/decision?story=flores-dev-001 HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
               f"X-Tmalign-Token: {server.token}\r\n{header}\r\n\r\n").encode())
    reply = c.recv(4096).decode("utf-8", "replace")
    c.close()
    if not reply.startswith(f"HTTP/1.1 {status}"):
        failures.append(f"{what}: {reply[:80]!r}")
    else:
        print(f"ok: {what}: {status}")


# A body of 100 MB announced: refused from its headers, before any of it is sent.
raw_post("Content-Length: 100000000", 413, "a 100 MB body announced")
# A body sent in chunks, no length announced: refused at once, as its size cannot be known.
raw_post("Transfer-Encoding: chunked", 411, "a chunked body, no length")
# It listens on the loopback address only.
listening = [line.split()[1] for line in open("/proc/net/tcp").read().splitlines()[1:]
             if line.split()[3] == "0A"]
mine = [a for a in listening if int(a.split(":")[1], 16) == server.port]
if mine != ["0100007F:%04X" % server.port]:
    failures.append(f"listening on {mine}, not 127.0.0.1 alone")
else:
    print("ok: listening on 127.0.0.1 only")

code, page = request("GET", "/")
if code != 200 or 'data-edit="1"' not in page:
    failures.append("the server no longer serves its page after the refusals")
else:
    print("ok: still serving")
import os
review = "out/flores-dev-001.review.jsonl"
# The file may have been made with its header; no decision may be in it.
if os.path.exists(review) and len(open(review).read().splitlines()) > 1:
    failures.append("a refused decision reached the review file")
server.stop()
for f in failures:
    print("FAIL:", f)
raise SystemExit(1 if failures else 0)
