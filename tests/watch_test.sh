#!/usr/bin/env bash
# check --watch: a report at once, another after a file changes, and a half-edited brand
# file reported without ending the watch.
set -euo pipefail
build_dir=$(cd "$1" && pwd)
scratch=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$scratch"' EXIT
cd "$scratch"
printf '<brand name="Acme"><avoid term="cheap"/></brand>\n' > brand.xml
mkdir -p site/deep
printf 'A fine page.\n' > site/deep/a.md
"$build_dir/bin/touchpoint" check --brand brand.xml --watch site > out.txt 2> err.txt &
pid=$!
# Waits (up to 20 s) until the output has `count` lines matching `pattern`.
wait_for() {
  for _ in $(seq 200); do
    [ "$(grep -c -- "$1" out.txt || true)" -ge "$2" ] && return 0
    sleep 0.1
  done
  echo "no '$1' (x$2) in:"; cat out.txt err.txt; exit 1
}
wait_for 'watching for changes' 1
grep -q '1 file checked: no findings' out.txt
printf 'A cheap page.\n' > site/deep/a.md
wait_for 'watching for changes' 2
grep -q "site/deep/a.md:1:3: warning: Avoid 'cheap'" out.txt
printf 'New and cheap.\n' > site/new.md  # a new file is checked too
wait_for 'watching for changes' 3
grep -q "site/new.md:1:9" out.txt
printf '<brand name="Acme"><avoid term="cheap"' > brand.xml  # saved half-edited
wait_for 'watching for changes' 4
grep -q 'error: brand.xml' err.txt
kill -0 "$pid"  # still watching
echo "watch: ok"
