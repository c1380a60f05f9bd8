#!/usr/bin/env bash
# The page of touchpoint serve in a real browser: starts the server on a free port of
# localhost over the samples, then drives the page with playwright-core and Chromium.
set -euo pipefail
source_dir=$1
build_dir=$2
tools=$build_dir/playwright
if [ ! -d "$tools/node_modules/playwright-core" ]; then
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error playwright-core@1 >/dev/null
fi
log=$(mktemp)
cd "$source_dir/samples"
"$build_dir/bin/touchpoint" serve --port 0 > "$log" &
server=$!
trap 'kill $server 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 100); do grep -q "serving on" "$log" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*' "$log")
NODE_PATH=$tools/node_modules timeout 120 node "$source_dir/tests/page_test.js" "$url/"
