#!/usr/bin/env bash
# The plugin ABI: libtouchpoint.so's exported symbols and the layout of every type they
# reach, compared by abidiff (Debian's abigail-tools) with the ABI recorded for this
# TOUCHPOINT_API_VERSION in tests/abi/plugin-api-VERSION.abi.gz. Any change fails: the
# host loads only plugins built for its exact version, so a change means a new version
# (bump it in plugin.hpp, then scripts/record-abi, which never re-records a version).
# Usage: abi.sh SOURCE_DIR BINARY_DIR [--record]
set -euo pipefail
source_dir=$1 binary_dir=$2
headers="$source_dir/host/include/touchpoint"
library="$binary_dir/lib/libtouchpoint.so"
version=$(sed -n 's/^#define TOUCHPOINT_API_VERSION \([0-9][0-9]*\)$/\1/p' "$headers/plugin.hpp")
baseline="$source_dir/tests/abi/plugin-api-$version.abi.gz"
command -v abidw >/dev/null || { echo "abi: abidw not found: install abigail-tools (scripts/setup does)"; exit 1; }
echo "abi: libtouchpoint.so exports $(nm -D --defined-only "$library" | wc -l) symbols," \
     "(tests/abi/plugin-api-$version.abi.gz holds what they reach)"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
abidw --no-corpus-path --no-comp-dir-path --no-show-locs --drop-private-types --headers-dir "$headers" \
      --out-file "$scratch/current.abi" "$library"
if [ "${3:-}" = "--record" ]; then
  if [ -f "$baseline" ]; then
    gunzip < "$baseline" > "$scratch/recorded.abi"
    if abidiff --no-show-locs "$scratch/recorded.abi" "$scratch/current.abi" >/dev/null; then
      echo "abi: plugin API version $version is recorded already, unchanged"
      exit 0
    fi
    echo "abi: plugin API version $version is recorded with another ABI: bump TOUCHPOINT_API_VERSION first"
    exit 1
  fi
  rm -f "$source_dir"/tests/abi/plugin-api-*.abi.gz
  gzip -9n < "$scratch/current.abi" > "$baseline"
  echo "abi: recorded $baseline"
  exit 0
fi
if [ ! -f "$baseline" ]; then
  echo "abi: no ABI recorded for plugin API version $version; run scripts/record-abi"
  exit 1
fi
gunzip < "$baseline" > "$scratch/recorded.abi"
status=0
abidiff --no-show-locs "$scratch/recorded.abi" "$scratch/current.abi" > "$scratch/diff" || status=$?
if [ $status -eq 0 ]; then
  echo "abi: the same as plugin API version $version"
  exit 0
fi
cat "$scratch/diff"
if [ $((status & 12)) -ne 0 ]; then
  echo "abi: the plugin ABI changed from version $version: bump TOUCHPOINT_API_VERSION in plugin.hpp, then run scripts/record-abi"
else
  echo "abi: abidiff failed (exit $status)"
fi
exit 1
