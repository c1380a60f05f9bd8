#!/usr/bin/env bash
# The benchmark: Touchpoint (terminology only, and all plugins with every pack) against
# ripgrep and GNU grep with the same alternatives, textlint + prh on a 5 MB subset, and
# wc -w, on the CockroachDB documentation corpus in ../shared/corpus. Prints MB/s, peak
# memory and findings for each (medians of RUNS runs), and the ratios to Touchpoint.
#   bench/run.sh            (RUNS=3 by default; BENCH_WORK=/tmp/touchpoint-bench)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
touchpoint=${TOUCHPOINT:-$root/build/bin/touchpoint}
work=${BENCH_WORK:-/tmp/touchpoint-bench}
runs=${RUNS:-3}
corpus=$root/../shared/corpus/cockroach-docs-md.tar.xz
# The peers are compared, not assumed: a missing one would print a meaningless figure.
for tool in rg grep wc npm python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh needs $tool: sudo apt-get install ripgrep npm python3 time" >&2; exit 2; }
done
[ -x "$touchpoint" ] || { echo "bench/run.sh: no $touchpoint; build first (scripts/setup)" >&2; exit 2; }
mkdir -p "$work"
if [ ! -d "$work/md" ]; then tar -xJf "$corpus" -C "$work"; fi
python3 "$root/bench/make_config.py" "$work" >/dev/null
if [ ! -d "$work/subset" ]; then  # the first 5 MB of files, in path order
  mkdir -p "$work/subset"
  total=0
  while IFS= read -r file; do
    size=$(stat -c %s "$file"); total=$((total + size))
    mkdir -p "$work/subset/$(dirname "${file#$work/md/}")"; cp "$file" "$work/subset/${file#$work/md/}"
    [ "$total" -ge 5242880 ] && break
  done < <(find "$work/md" -name '*.md' | sort)
fi
if [ ! -x "$work/node_modules/.bin/textlint" ]; then
  npm install --prefix "$work" --no-audit --no-fund --loglevel=error textlint@14 textlint-rule-prh@6 >/dev/null
fi
mb() { du -sb "$1" | awk '{printf "%.1f", $1 / 1048576}'; }
corpus_mb=$(mb "$work/md"); subset_mb=$(mb "$work/subset")

# measure NAME MEGABYTES COMMAND...: median seconds, peak RSS (MiB) and findings (the
# command's standard output, counted by the caller's filter) of $runs runs.
declare -A seconds memory findings
measure() {
  local name=$1 size=$2; shift 2
  local times=() peak=0 found=""
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/time" bash -c "$*" > "$work/out" 2>/dev/null || true
    read -r t m < <(tail -1 "$work/time")
    times+=("$t"); [ "$m" -gt "$peak" ] && peak=$m
    found=$(cat "$work/out")
  done
  seconds[$name]=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  memory[$name]=$((peak / 1024))
  findings[$name]=$found
  printf '%-26s %8s MB %8.2f s %9.1f MB/s %7s MiB %10s findings\n' "$name" "$size" "${seconds[$name]}" \
    "$(awk -v s="$size" -v t="${seconds[$name]}" 'BEGIN {print s / t}')" "${memory[$name]}" "$found"
}
# Touchpoint writes its report to a file (so the measure is of Touchpoint alone), then
# the summary's count is read from it.
report_count() { echo "; grep -o '\"findings\": [0-9]*, \"errors' $work/report.json | grep -o '[0-9]*'"; }
cfg=$work/config

echo "corpus: $corpus_mb MB in $(find "$work/md" -name '*.md' | wc -l) files; textlint subset: $subset_mb MB; $(nproc) cores; $runs runs each"
measure "touchpoint terms" "$corpus_mb" "$touchpoint check --config $cfg/terms.xml $work/md --format json --output $work/report.json $(report_count)"
measure "touchpoint terms -j1" "$corpus_mb" "$touchpoint check --config $cfg/terms.xml $work/md --format json --jobs 1 --output $work/report.json $(report_count)"
measure "touchpoint all plugins" "$corpus_mb" "$touchpoint check --config $cfg/all.xml $work/md --format json --output $work/report.json $(report_count)"
measure "ripgrep -i -w -F -f" "$corpus_mb" "rg -i -w -F -f $cfg/terms.txt --count-matches --no-filename $work/md | awk '{s+=\$1} END {print s}'"
measure "grep -F -i -w -f" "$corpus_mb" "grep -r -F -i -w -o -f $cfg/terms.txt $work/md | wc -l"
measure "wc -w" "$corpus_mb" "find $work/md -name '*.md' -print0 | xargs -0 cat | wc -w"
measure "textlint + prh (5 MB)" "$subset_mb" "cd $cfg && $work/node_modules/.bin/textlint --format json $work/subset 2>/dev/null | python3 -c 'import json,sys; print(sum(len(f[\"messages\"]) for f in json.load(sys.stdin)))'"

echo
base=$(awk -v s="$corpus_mb" -v t="${seconds[touchpoint terms]}" 'BEGIN {print s / t}')
for name in "ripgrep -i -w -F -f" "grep -F -i -w -f" "wc -w"; do
  awk -v n="$name" -v s="$corpus_mb" -v t="${seconds[$name]}" -v b="$base" 'BEGIN {printf "%-26s %.2fx Touchpoint (terms)\n", n, (s / t) / b}'
done
awk -v s="$subset_mb" -v t="${seconds[textlint + prh (5 MB)]}" -v b="$base" 'BEGIN {printf "%-26s %.3fx Touchpoint (terms)\n", "textlint + prh", (s / t) / b}'
awk -v one="${seconds[touchpoint terms -j1]}" -v two="${seconds[touchpoint terms]}" 'BEGIN {printf "%-26s %.2fx\n", "--jobs 2 over --jobs 1", one / two}'

# Start-up: plugins loaded and the brand compiled, on an empty file.
: > "$work/empty.txt"
start=$( { for _ in $(seq 10); do /usr/bin/time -f "%e" "$touchpoint" check --config "$cfg/terms.xml" "$work/empty.txt" >/dev/null; done; } 2>&1 | sort -n | awk '{a[NR]=$1} END {print a[5]}')
echo "start-up (median of 10)    ${start} s"

# Time flat in the number of terms: 200 against 20,000.
python3 "$root/bench/make_config.py" "$work" 19800 >/dev/null
measure "touchpoint 20,000 terms" "$corpus_mb" "$touchpoint check --config $cfg/terms.xml $work/md --format json --output $work/report.json $(report_count)"
python3 "$root/bench/make_config.py" "$work" >/dev/null
awk -v a="${seconds[touchpoint 20,000 terms]}" -v b="${seconds[touchpoint terms]}" 'BEGIN {printf "%-26s %.2fx\n", "20,000 terms over 200", a / b}'
