#!/usr/bin/env bash
# Runs the review test tests/review/$1.py, with a python3 that has selenium when there is one:
# Debian's python3-selenium is on /usr/bin/python3's path, not on that of a python3 installed
# elsewhere that may come first in PATH. Without one, browser.py skips (exit 77).
set -u
script="$TMA_SOURCE_DIR/tests/review/$1.py"
for py in python3 /usr/bin/python3; do
    if command -v "$py" >/dev/null && "$py" -c 'import selenium' 2>/dev/null; then
        exec "$py" "$script"
    fi
done
exec python3 "$script"
