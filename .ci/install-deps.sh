#!/usr/bin/env bash
# Installs what tmalign needs to build and test on Debian 12: the compiler and CMake, ICU, libxml2,
# hunspell with the en, ru and hy dictionaries (and de and fr, for the German-French bench),
# xmllint and translate-toolkit (for the TMX checks),
# chromium (the batch test that renders qa.html headless) and OmegaT 3.6 for omegat.roundtrip (the
# package brings the Java runtime, default-jre, and groovy, which runs the test's script hook), and
# GNU Parallel for the test of README's distributed recipe; zlib, which reads dictd's dictzip files,
# and the dictd dictionaries the lexicon tests and benchmark read where installed (English-Russian:
# mueller7, FreeDict's eng-rus; German-French: FreeDict's deu-fra and fra-deu; docs/lexicons.md),
# with the dictzip tool that unit.lexicon checks its reader against; libzip, which opens .docx and
# .odt files, and python3-docx and python3-odf, with which input.formats writes the seed story as
# Word and OpenDocument files; libmicrohttpd, the HTTP server of `tmalign review`, jansson, which
# reads and writes its review files (JSON lines), and chromium-driver with python3-selenium, with
# which the review tests drive a real browser.
set -euo pipefail
packages=(
    build-essential cmake pkg-config
    libicu-dev libxml2-dev libhunspell-dev
    hunspell-en-us hunspell-en-gb hunspell-ru myspell-hy hunspell-de-de hunspell-fr
    libxml2-utils python3 translate-toolkit
    chromium
    omegat
    parallel
    zlib1g-dev dictzip
    libzip-dev python3-docx python3-odf
    libmicrohttpd-dev libjansson-dev chromium-driver python3-selenium
    mueller7-dict dict-freedict-eng-rus dict-freedict-deu-fra dict-freedict-fra-deu
)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
    sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
