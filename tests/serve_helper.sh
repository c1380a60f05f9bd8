# Sourced by the tests that need a running server. start_server ARGS... runs
# `touchpoint serve --port 0 ARGS` in the background from the current directory, waits
# for its address and sets $server_url and $server_pid; stop_server ends it.
start_server() {
  local log
  log=$(mktemp)
  "$build_dir/bin/touchpoint" serve --port 0 "$@" > "$log" &
  server_pid=$!
  for _ in $(seq 300); do
    grep -q "serving on" "$log" && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  server_url=$(grep -o 'http://[0-9.:]*' "$log" || true)
  rm -f "$log"
  if [ -z "$server_url" ]; then
    echo "touchpoint serve did not start (see its errors above)" >&2
    return 1
  fi
}

stop_server() {
  [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null || true
}
