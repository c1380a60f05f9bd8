#!/usr/bin/env bash
# Keystroke-to-diagnostics latency of touchpoint lsp on a 1,000-word page of a copy of
# samples/ (docs/performance.md, "The editor server"): with the default debounce (20 ms)
# and with none, which leaves the check's own time.
#   bench/lsp_latency.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
touchpoint=${TOUCHPOINT:-$root/build/bin/touchpoint}
work=${BENCH_WORK:-/tmp/touchpoint-bench}/lsp
mkdir -p "$work"
if [ ! -d "$work/node_modules/vscode-languageserver-protocol" ]; then
  npm install --prefix "$work" --no-audit --no-fund --loglevel=error vscode-languageserver-protocol@3.17.5 >/dev/null
fi
rm -rf "$work/samples" && cp -r "$root/samples" "$work/samples"
for debounce in 20 0; do
  NODE_PATH=$work/node_modules node "$root/bench/lsp_latency.js" "$touchpoint" "$work/samples" "$debounce"
done
