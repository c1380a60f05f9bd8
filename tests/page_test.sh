#!/usr/bin/env bash
# The page of touchpoint serve in a real browser: starts the server on a free port of
# localhost over the samples, then drives the page with playwright-core and Chromium.
set -euo pipefail
source_dir=$(realpath "$1")
build_dir=$(realpath "$2")
tools=$build_dir/playwright
if [ ! -d "$tools/node_modules/playwright-core" ]; then
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error playwright-core@1 >/dev/null
fi
source "$source_dir/tests/serve_helper.sh"
trap stop_server EXIT
cd "$source_dir/samples"
start_server
NODE_PATH=$tools/node_modules timeout 120 node "$source_dir/tests/page_test.js" "$server_url/"
