#!/usr/bin/env bash
# touchpoint serve under wrk on loopback: tests/serve_load_test.sh run longer and at
# several connection counts (three wrk clients at once: /api/check, /v2/check, /health).
# Prints the figures of docs/serve.md.   bench/serve_load.sh  (RUN_SECONDS=20)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${RUN_SECONDS:-20}
for connections in 1 8 32 64 128; do
  echo "== $connections connections per client, $((3 * connections)) in all, ${seconds} s"
  "$root/tests/serve_load_test.sh" "$root" "$root/build" "$seconds" "$connections" || true  # its output says what went wrong
done
