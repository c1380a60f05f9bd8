#!/usr/bin/env bash
# Compares Touchpoint's Flesch-Kincaid grade with GNU style's (Debian package diction)
# on the same plain-text files. Usage: bench/readability_vs_style.sh FILE...
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
touchpoint=${TOUCHPOINT:-$here/build/bin/touchpoint}
command -v style >/dev/null || { echo "install Debian's diction package for GNU style" >&2; exit 2; }
brand=$(mktemp)
trap 'rm -f "$brand"' EXIT
echo '<brand name="Benchmark"/>' > "$brand"
printf '%-28s %8s %8s %8s\n' file style touchpoint diff
for file in "$@"; do
  theirs=$(style "$file" | awk '/Kincaid:/ {print $2}')
  ours=$("$touchpoint" check --brand "$brand" "$file" --format json | grep -o '"grade": [0-9.-]*' | awk '{print $2}' || true)
  [ -n "$ours" ] || ours=NA
  diff=$(awk -v a="$ours" -v b="$theirs" 'BEGIN { if (a == "NA") print "-"; else printf "%+.1f", a - b }')
  printf '%-28s %8s %8s %8s\n' "$(basename "$file")" "$theirs" "$ours" "$diff"
done
