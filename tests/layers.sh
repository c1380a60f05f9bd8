#!/usr/bin/env bash
# The layers of host/src (docs/architecture.md) include only the layers above them in
# this order: an include that runs back up fails, naming the file and the line.
set -euo pipefail
src=$1/host/src
layers=(base api formats config engine actions report server lsp)
status=0
for i in "${!layers[@]}"; do
  layer=${layers[$i]}
  allowed=("${layers[@]:0:$((i + 1))}")
  [ "$layer" = api ] && allowed=(base api)
  [ "$layer" = formats ] && allowed=(base formats)  # api/ is libtouchpoint.so: its public headers are <touchpoint/...>
  while IFS=: read -r file line include; do
    used=$(sed -E 's/.*#include "([a-z_]+)\/.*/\1/' <<<"$include")
    # A word test, not `printf | grep -q`: grep -q stops at the match and printf's SIGPIPE
    # then fails the pipe under pipefail, now and then.
    if [[ " ${allowed[*]} " != *" $used "* ]]; then
      echo "$file:$line: $layer/ includes $used/, a layer below it: $include"
      status=1
    fi
  done < <(grep -n '#include "[a-z_]*/' "$src/$layer"/*.?pp "$src/$layer"/*.inc 2>/dev/null || true)
done
[ $status -eq 0 ] && echo "layers: every include runs down: ${layers[*]}"
exit $status
