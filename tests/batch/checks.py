"""Shared by the batch tests' Python checks (run from their shell scripts with
sys.path holding tests/batch): failures recorded and said, the exit status, and a TMX's tuids."""
import re
import sys

failures = []


def need(cond, what):
    """Records WHAT as a failure unless COND holds, and says it."""
    if not cond:
        print("FAIL:", what)
        failures.append(what)


def finish():
    sys.exit(1 if failures else 0)


def tuids(path):
    """The tuid of every <tu> of the TMX file at PATH, in file order."""
    return re.findall(r'<tu tuid="([^"]*)"', open(path, encoding="utf-8").read())
