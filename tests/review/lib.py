"""Shared by the review tests: a batch output built from the benchmark, and `tmalign review`
started on it on a free port, its address read from what it prints."""
import html
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request

TMALIGN = os.environ["TMALIGN"]
SOURCE = os.environ["TMA_SOURCE_DIR"]
BENCH = os.path.join(os.environ["TMA_SHARED_DIR"], "eval/alignment/bench/hard-s1")


def skip(why):
    print("skipped:", why)
    sys.exit(77)


def fail(why):
    print("FAIL:", why)
    sys.exit(1)


def work_in(name):
    work = os.path.join(os.environ["TMA_TEST_OUT"], "review", name)
    subprocess.run(["rm", "-rf", work], check=True)
    os.makedirs(work)
    os.chdir(work)
    return work


def batch_output(count):
    """A corpus of the first COUNT benchmark documents in en, ru, hy, aligned into out/."""
    if not os.path.isfile(os.path.join(BENCH, "manifest.tsv")):
        skip(BENCH + " is missing")
    subprocess.run(["bash", os.path.join(SOURCE, "tests/batch/make-corpus.sh"), BENCH, "corpus",
                    str(count)], check=True)
    run_batch()


def run_batch():
    r = subprocess.run([TMALIGN, "batch", "corpus", "-o", "out", "--langs", "en,ru,hy", "-q"],
                       stderr=subprocess.PIPE, text=True)
    # 8: the corpus's three faulty stories failed, as make-corpus.sh means them to.
    if r.returncode != 8:
        fail(f"tmalign batch exited {r.returncode}: {r.stderr}")


class Server:
    """tmalign review OUT on a free port; .url is the address it printed."""

    def __init__(self, folder="out", *args):
        self.proc = subprocess.Popen([TMALIGN, "review", folder, "--port", "0", *args],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        lines = [self.proc.stdout.readline() for _ in range(2)]
        if not lines[1].startswith("http://127.0.0.1:"):
            self.proc.kill()
            fail(f"tmalign review printed {lines!r}, {self.proc.stderr.read()}")
        self.url = lines[1].strip()
        self.base, self.token = self.url.split("/?token=")
        self.port = int(self.base.rsplit(":", 1)[1])

    def stop(self):
        """SIGTERM, as a service manager stops it: a clean stop with status 0."""
        self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            fail("tmalign review did not stop on SIGTERM")
        err = self.proc.stderr.read()
        if code != 0 or "stopped" not in err:
            fail(f"tmalign review stopped with {code}: {err}")


def call(srv, path, body=None):
    """GET PATH of server SRV, or POST BODY (bytes) to it: (status, text)."""
    req = urllib.request.Request(srv.base + path, data=body,
                                 headers={"X-Tmalign-Token": srv.token, "Origin": srv.base},
                                 method="POST" if body is not None else "GET")
    try:
        with urllib.request.urlopen(req, timeout=60) as f:
            return f.status, f.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def unit_of(page, view, i, status):
    """Unit I of the first table of view VIEW ("en-ru-hy", "en-ru") in PAGE (a page or a story's
    section) as a decision's unit of STATUS."""
    table = re.search(r'<table class="units[^"]*" data-view="' + view + '">.*?</table>', page,
                      re.S).group(0)
    rows = re.findall(r'<tr class="unit [^>]*>.*?</tr>', table, re.S)

    def sides(row):
        return {l: [html.unescape(t) for t in re.findall(r'<span class="s">(.*?)</span>', cell)]
                for l, cell in re.findall(r'data-lang="(\w+)"[^>]*>(.*?)</td>', row, re.S)}
    unit = {"status": status, "sides": sides(rows[i]), "before": {}}
    for l in unit["sides"]:
        earlier = [t for row in rows[:i] for t in sides(row)[l]]
        unit["before"][l] = earlier[-1] if earlier and unit["sides"][l] else ""
    return unit
