#!/usr/bin/env bash
# The prose Touchpoint extracts from Markdown, compared with commonmark.js (npm), on every
# example of the CommonMark specification (npm commonmark-spec) and on a part of the
# corpus in ../shared/corpus. Every remaining difference is listed, with its reason, in
# docs/formats.md; a new one fails the test, and so does a listed one that is gone.
set -euo pipefail
source_dir=$1
build_dir=$2
tools=$build_dir/commonmark-js
if [ ! -d "$tools/node_modules/commonmark-spec" ] || [ ! -d "$tools/node_modules/diff" ]; then
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error \
    commonmark@0.31.2 commonmark-spec@0.31.2 entities@3.0.1 diff@5.2.0 >/dev/null
fi
export NODE_PATH=$tools/node_modules
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
inputs=$scratch/inputs
node "$source_dir/tests/prose/differential.js" spec "$inputs/spec"
# The corpus part: one release's pages (a few hundred files of real documentation).
corpus=$source_dir/../shared/corpus/cockroach-docs-md.tar.xz
if [ -f "$corpus" ]; then
  tar -xJf "$corpus" -C "$inputs" --wildcards 'md/src/current/v26.1/*.md'
else
  echo "note: $corpus is missing; comparing the specification's examples only"
fi
find "$inputs" -name '*.md' | sort >"$scratch/list"
# The test can fail: with no known differences listed, spec example 156 is one.
grep 'spec-156.md' "$scratch/list" >"$scratch/one"
"$build_dir/bin/prose_dump" <"$scratch/one" >"$scratch/one.txt"
if node "$source_dir/tests/prose/differential.js" compare "$inputs" "$scratch/one" "$scratch/one.txt" /dev/null >/dev/null; then
  echo "the comparison missed a known difference"; exit 1
fi
"$build_dir/bin/prose_dump" <"$scratch/list" >"$scratch/touchpoint.txt"
node "$source_dir/tests/prose/differential.js" compare "$inputs" "$scratch/list" "$scratch/touchpoint.txt" \
  "$source_dir/docs/formats.md"
