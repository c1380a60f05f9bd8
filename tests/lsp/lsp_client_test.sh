#!/usr/bin/env bash
# touchpoint lsp against Microsoft's LSP client library from npm (tests/lsp/lsp_client_test.js).
set -euo pipefail
source_dir=$(realpath "$1")
build_dir=$(realpath "$2")
tools=$build_dir/lsp-client
if [ ! -d "$tools/node_modules/vscode-languageserver-protocol" ]; then
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error vscode-languageserver-protocol@3.17.5 >/dev/null
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
NODE_PATH=$tools/node_modules timeout 600 node "$source_dir/tests/lsp/lsp_client_test.js" \
  "$build_dir/bin/touchpoint" "$scratch" "$build_dir/test-plugins/faulty"
