#!/usr/bin/env bash
# Installs Touchpoint into a scratch prefix, builds docs/examples/hello-plugin against the
# installed API, and checks that the installed command loads it and reports its finding.
set -euo pipefail
source_dir=$1
build_dir=$2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

cmake --install "$build_dir" --prefix "$scratch/prefix" >/dev/null
cmake -S "$source_dir/docs/examples/hello-plugin" -B "$scratch/build" -DCMAKE_PREFIX_PATH="$scratch/prefix" >/dev/null
cmake --build "$scratch/build" >/dev/null
cmake --install "$scratch/build" >/dev/null

test -f "$scratch/prefix/lib/touchpoint/plugins/shouting.so"
test -f "$scratch/prefix/include/touchpoint/plugin.hpp"

cat > "$scratch/brand.xml" <<'XML'
<brand name="Acme"><avoid term="cheap"/></brand>
XML
printf 'An AMAZING offer, and cheap.\n' > "$scratch/ad.txt"
cd "$scratch"
set +e
output=$(NO_COLOR=1 "$scratch/prefix/bin/touchpoint" check --brand brand.xml ad.txt --format json)
status=$?
set -e
echo "$output"
test "$status" -eq 0
grep -q '"rule": "shouting.capitals"' <<<"$output"
grep -q '"match": "AMAZING"' <<<"$output"
grep -q '"rule": "terminology.avoid"' <<<"$output"
grep -q "shouting.capitals" <<<"$("$scratch/prefix/bin/touchpoint" rules)"  # not a pipe: grep -q's early exit fails it under pipefail

# Its own brand element: read, validated and published by the plugin, not the host.
cat > "$scratch/brand.xml" <<'XML'
<brand name="Acme">
  <shouting min-letters="4" allow="ACME"/>
</brand>
XML
printf 'FREE tea at ACME, and a UNICEF stand.\n' > "$scratch/ad.txt"
output=$(NO_COLOR=1 "$scratch/prefix/bin/touchpoint" check --brand brand.xml ad.txt --format json)
echo "$output"
grep -q '"match": "FREE"' <<<"$output"
grep -q '"match": "UNICEF"' <<<"$output"
if grep -q '"match": "ACME"' <<<"$output"; then echo "ACME is allowed by the brand"; exit 1; fi
cat > "$scratch/brand.xml" <<'XML'
<brand name="Acme">
  <shouting min-letters="many"/>
</brand>
XML
set +e
error=$("$scratch/prefix/bin/touchpoint" check --brand brand.xml ad.txt 2>&1 >/dev/null)
status=$?
set -e
echo "$error"
test "$status" -eq 2
test "$error" = "touchpoint: error: brand.xml:2:13: min-letters 'many' is not a whole number of at least 2"
echo "out-of-tree plugin: ok"
