#!/usr/bin/env bash
# touchpoint serve answers a LanguageTool client from npm.
set -euo pipefail
source_dir=$(realpath "$1")
build_dir=$(realpath "$2")
tools=$build_dir/languagetool-client
if [ ! -d "$tools/node_modules/languagetool-api" ]; then
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error languagetool-api@1.1.2 >/dev/null
fi
scratch=$(mktemp -d)
cat > "$scratch/brand.xml" <<'XML'
<brand name="Acme"><prefer term="patient" instead-of="customer"/><avoid term="cheap" suggest="affordable"/></brand>
XML
source "$source_dir/tests/serve_helper.sh"
trap 'stop_server; rm -rf "$scratch"' EXIT
start_server --brand "$scratch/brand.xml"
NODE_PATH=$tools/node_modules timeout 60 node "$source_dir/tests/languagetool_client_test.js" "$server_url"
