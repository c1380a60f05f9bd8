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
"$scratch/prefix/bin/touchpoint" rules | grep -q "shouting.capitals"
echo "out-of-tree plugin: ok"
