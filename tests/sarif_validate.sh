#!/usr/bin/env bash
# Validates Touchpoint's SARIF for the samples with Microsoft's SARIF validator (npm
# package @microsoft/sarif-multitool): no error, no warning.
set -euo pipefail
source_dir=$1
build_dir=$2
tools=$build_dir/sarif-multitool
if [ ! -x "$tools/node_modules/.bin/sarif-multitool" ]; then
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error @microsoft/sarif-multitool@5.7.0 >/dev/null
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$source_dir"
set +e
"$build_dir/bin/touchpoint" check samples --format sarif --output "$scratch/samples.sarif"
status=$?
set -e
[ "$status" -le 1 ]
"$tools/node_modules/.bin/sarif-multitool" validate "$scratch/samples.sarif" --output "$scratch/validation.sarif" >"$scratch/log" 2>&1 || {
  cat "$scratch/log"; exit 1; }
if grep -E "(error|warning) SARIF[0-9]+" "$scratch/log"; then
  echo "the SARIF validator reported the problems above"
  exit 1
fi
grep -q "Analysis completed successfully" "$scratch/log"
echo "SARIF: valid, no warnings"
