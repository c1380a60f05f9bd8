#!/usr/bin/env bash
# The Debian package (CPack): built from this build tree, unpacked into a scratch root
# with dpkg -x, and run from there on the samples: the same report as the build's own.
set -euo pipefail
source_dir=$(cd "$1" && pwd)
build_dir=$(cd "$2" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

cpack --config "$build_dir/CPackConfig.cmake" -B "$scratch" >/dev/null
deb=$(ls "$scratch"/touchpoint_*_amd64.deb)
grep -q '^Depends: .*libhunspell' <<<"$(dpkg-deb --field "$deb" Package Depends)"
dpkg -x "$deb" "$scratch/root"
for file in usr/bin/touchpoint usr/lib/touchpoint/plugins/terminology.so usr/share/touchpoint/rules/signage.xml \
            usr/share/man/man1/touchpoint.1.gz usr/share/doc/touchpoint/copyright usr/share/doc/touchpoint/getting-started.md; do
  test -f "$scratch/root/$file" || { echo "the package lacks $file"; exit 1; }
done
installed="$scratch/root/usr/bin/touchpoint"
grep -q '^touchpoint ' <<<"$("$installed" version)"
cd "$source_dir"
set +e
"$installed" check samples/ --format json > "$scratch/report.json"
status=$?
set -e
test "$status" -eq 1  # the samples hold error findings
cmp "$scratch/report.json" "$source_dir/tests/e2e/samples.expected.json"
echo "package: $(basename "$deb") installs and checks the samples as the build does"
