#!/usr/bin/env bash
# touchpoint serve under load: wrk drives the JSON API, LanguageTool's API and the health
# check at once over loopback for a bounded time, with more connections than workers;
# every answer must equal the one the idle server gave, and the server must still answer
# afterwards. Prints the figures quoted in docs/serve.md (bench/serve_load.sh runs longer).
# Usage: serve_load_test.sh SOURCE_DIR BUILD_DIR [SECONDS] [CONNECTIONS_PER_CLIENT]
set -euo pipefail
source_dir=$(realpath "$1")
build_dir=$(realpath "$2")
seconds=${3:-4}
connections=${4:-8}
lua=$source_dir/tests/serve_load.lua
scratch=$(mktemp -d)
source "$source_dir/tests/serve_helper.sh"
trap 'stop_server; rm -rf "$scratch"' EXIT

cd "$source_dir/samples"
start_server
echo "RSS before load: $(awk '/VmRSS/ {print $2, $3}' /proc/$server_pid/status)"

# A real page of copy from the samples, with a wrong phone number and a misspelling.
draft=campaigns/flu-season.md
jq -Rs '{text: ., channel: "marketing", file: "draft.md"}' < "$draft" > "$scratch/api.json"
printf 'language=en-US&text=%s' "$(jq -Rrs @uri < "$draft")" > "$scratch/lt.form"

# The reference answers, from the idle server; they must carry findings to be worth comparing.
curl -sf -H 'Content-Type: application/json' --data-binary @"$scratch/api.json" "$server_url/api/check" > "$scratch/api.expected"
curl -sf -H 'Content-Type: application/x-www-form-urlencoded' --data-binary @"$scratch/lt.form" "$server_url/v2/check" > "$scratch/lt.expected"
curl -sf "$server_url/health" > "$scratch/health.expected"
grep -q '"facts.phone"' "$scratch/api.expected" || { echo "reference /api/check answer lacks facts.phone:"; cat "$scratch/api.expected"; exit 1; }
grep -q '"spelling.unknown-word"' "$scratch/lt.expected" || { echo "reference /v2/check answer lacks the misspelling:"; cat "$scratch/lt.expected"; exit 1; }

run_wrk() {  # name method path content-type body-file
  wrk --threads $((connections < 2 ? 1 : 2)) --connections "$connections" --duration "${seconds}s" --timeout 10s --latency \
      --script "$lua" "$server_url" -- "$2" "$3" "$4" "$5" "$scratch/$1.expected" > "$scratch/$1.out" 2>&1
}
run_wrk api POST /api/check application/json "$scratch/api.json" &
api=$!
run_wrk lt POST /v2/check application/x-www-form-urlencoded "$scratch/lt.form" &
lt=$!
run_wrk health GET /health - - &
health=$!
wait $api $lt $health || true  # judged below, from each client's output

failed=0
for client in api lt health; do
  answers=$(grep '^answers:' "$scratch/$client.out" || true)
  echo "$client: $answers"
  grep '^figures:' "$scratch/$client.out" | sed "s/^/$client: /"
  if ! [[ $answers =~ correct=([0-9]+)\ wrong=0\ socket-errors=0\ timeouts=0 ]] || [ "${BASH_REMATCH[1]}" -eq 0 ]; then
    echo "$client: not every answer under load was the idle server's answer"
    cat "$scratch/$client.out"
    failed=1
  fi
done

# Still alive and still right once the load is gone.
kill -0 "$server_pid" || { echo "the server died under load"; exit 1; }
curl -sf -H 'Content-Type: application/json' --data-binary @"$scratch/api.json" "$server_url/api/check" | cmp - "$scratch/api.expected"
echo "RSS after load: $(awk '/VmRSS/ {print $2, $3}' /proc/$server_pid/status)"
exit $failed
