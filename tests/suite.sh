#!/usr/bin/env bash
# The whole test suite in two builds, as CI runs it (README's second command, after the installs):
# - build-test, with AddressSanitizer and UBSan: unit, CLI, golden, batch (batch.tsan builds its own
#   ThreadSanitizer tmalign), docs, fuzz replay, and the real-client checks (tmx.check, OmegaT) of
#   the TMX those tests write;
# - build-release, the Release build users run: the accuracy benchmarks on ../shared/eval, tmx.check
#   of the TMX they write, and install.package (cmake --install, the .deb, pkg-config).
# -FS keeps ctest from pulling the other build's tests in as tmx.check's fixture set-ups.
set -uo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
cmake -S . -B build-test -DTMA_SANITIZE=ON -DTMA_WERROR=ON &&
    cmake --build build-test -j "$jobs" &&
    cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DTMA_WERROR=ON &&
    cmake --build build-release -j "$jobs" || exit 1
status=0
ctest --test-dir build-test --output-on-failure -j "$jobs" -LE 'accuracy|install' -FS tmx_outputs ||
    status=1
ctest --test-dir build-release --output-on-failure -j "$jobs" \
    -R '^(accuracy\.|install\.|tmx\.check$)' -FS tmx_outputs || status=1
exit $status
