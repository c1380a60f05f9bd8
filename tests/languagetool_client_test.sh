#!/usr/bin/env bash
# touchpoint serve answers a LanguageTool client from npm.
set -euo pipefail
source_dir=$1
build_dir=$2
tools=$build_dir/languagetool-client
if [ ! -d "$tools/node_modules/languagetool-api" ]; then
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error languagetool-api@1.1.2 >/dev/null
fi
log=$(mktemp)
scratch=$(mktemp -d)
cat > "$scratch/brand.xml" <<'XML'
<brand name="Acme"><prefer term="patient" instead-of="customer"/><avoid term="cheap" suggest="affordable"/></brand>
XML
"$build_dir/bin/touchpoint" serve --port 0 --brand "$scratch/brand.xml" > "$log" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$log" "$scratch"' EXIT
for _ in $(seq 100); do grep -q "serving on" "$log" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*' "$log")
NODE_PATH=$tools/node_modules timeout 60 node "$source_dir/tests/languagetool_client_test.js" "$url"
