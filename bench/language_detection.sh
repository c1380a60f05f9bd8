#!/usr/bin/env bash
# Language detection on the labelled set (tests/data/languages/labelled.tsv), side by side:
# Touchpoint's own (the unit test that measures it prints its counts) and CLD2 (Debian's
# libcld2-dev, installed if missing). A benchmark, not a test: docs/languages.md quotes it.
set -euo pipefail
cd "$(dirname "$0")/.."
set=tests/data/languages/labelled.tsv
[ -e /usr/include/cld2/public/compact_lang_det.h ] || apt-get install -y libcld2-dev >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
g++ -std=c++20 -O2 bench/language_detection/cld2_labelled.cpp -lcld2 -o "$work/cld2_labelled"
echo "== Touchpoint"
build/bin/unit_tests "detection's accuracy*" -s 2>&1 | grep -E "right|misread" | sed 's/^ *//'
echo "== CLD2"
"$work/cld2_labelled" "$set"
