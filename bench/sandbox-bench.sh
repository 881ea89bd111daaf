#!/usr/bin/env bash
# Speed benchmark of crm-sandbox (issue 2): seeding 100,000 records, 100-record pages from that
# store, and requests/second under concurrent load (wrk).
#
#   bench/sandbox-bench.sh [path/to/crm-sandbox]
#
# Env: RECORDS (default 100000), REPEAT (requests per page query, default 20),
#      WRK_DURATION (default 10s), WRK_CONNECTIONS (default 16), WRK_THREADS (default 2).
# Installs wrk with apt-get when it is missing and we may (root or sudo); skips that part otherwise.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-}
if [[ -z $bin ]]; then
  for c in "$here"/build/sandbox/crm-sandbox "$here"/build-*/sandbox/crm-sandbox; do
    [[ -x $c ]] && { bin=$c; break; }
  done
fi
[[ -x ${bin:-} ]] || { echo "crm-sandbox not found; build it or pass its path" >&2; exit 2; }

records=${RECORDS:-100000}
repeat=${REPEAT:-20}
key=bench-primary-key
work=$(mktemp -d)
pid=
cleanup() { [[ -n $pid ]] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

echo "# crm-sandbox benchmark"
echo "binary:  $bin"
echo "machine: $(nproc) cores, $(uname -sr), load average before start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

# 1. Seeding: from exec to the start-up lines (the server seeds before it listens).
start=$(date +%s%N)
"$bin" --port 0 --primary-key "$key" --seed-records "$records" --list-shape paged --log >"$work/out" 2>"$work/log" &
pid=$!
until grep -q CRM_READONLY_KEY "$work/out" 2>/dev/null; do
  kill -0 "$pid" 2>/dev/null || { echo "crm-sandbox died:" >&2; cat "$work/log" >&2; exit 1; }
  sleep 0.02
done
end=$(date +%s%N)
ticks=$(getconf CLK_TCK)
cpu=$(awk -v t="$ticks" '{printf "%.2f", ($14 + $15) / t}' "/proc/$pid/stat")
base=$(. "$work/out" && printf %s "$CRM_BASE_URL")  # the values are shell-quoted
echo "## Seeding $records records (one transaction, prepared statements)"
printf 'start-up incl. seeding: %.2f s wall, %s s CPU\n' "$(echo "($end - $start) / 1000000000" | bc -l)" "$cpu"
for p in pipeline/leads pipeline/opportunities directory/contacts directory/organizations cases/cases; do
  n=$(curl -s -H "Ocp-Apim-Subscription-Key: $key" "$base/$p?size=1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
  printf '  %-26s %s records\n' "$p" "$n"
done
echo

# 2. 100-record pages: one keep-alive connection, REPEAT requests per query; client-side
#    time (curl time_total) and server-side time (the --log line's duration).
echo "## 100-record pages from the $records-record store ($repeat requests each, one keep-alive connection)"
printf '%-62s %10s %10s %10s\n' "query" "client p50" "client max" "server p50"
queries=(
  "pipeline/leads?size=100"
  "directory/contacts?size=100&page=250"
  "pipeline/leads?size=100&orderBy=title&sort=desc"
  "cases/cases?size=100&status=open&orderBy=createdAt"
  "directory/contacts?size=100&organizationId=1,2,3,4,5,6,7,8,9,10"
  "pipeline/opportunities?size=100&tags=renewal"
  "directory/contacts?size=100&name=olivia"
  "directory/contacts?size=100&searchValue=acme"
  "pipeline/leads?size=100&orderBy=value"
)
for q in "${queries[@]}"; do
  : >"$work/log"
  urls=()
  for ((i = 0; i < repeat; i++)); do urls+=(-o /dev/null "$base/$q"); done
  curl -s -H "Ocp-Apim-Subscription-Key: $key" -w '%{time_total}\n' "${urls[@]}" >"$work/times"
  sleep 0.2
  c50=$(sort -n "$work/times" | awk '{a[NR]=$1} END {printf "%.1f ms", a[int((NR+1)/2)]*1000}')
  cmax=$(sort -n "$work/times" | awk '{a[NR]=$1} END {printf "%.1f ms", a[NR]*1000}')
  s50=$(awk '/ 200 /{sub("ms","",$NF); print $NF}' "$work/log" | sort -n | awk '{a[NR]=$1} END {if (NR) printf "%.1f ms", a[int((NR+1)/2)]; else print "-"}')
  printf '%-62s %10s %10s %10s\n' "$q" "$c50" "$cmax" "$s50"
done
echo

# 3. Throughput under concurrent load.
echo "## Requests/second under concurrent load (wrk)"
if ! command -v wrk >/dev/null; then
  if [[ $(id -u) == 0 ]]; then
    (apt-get install -y wrk || (apt-get update && apt-get install -y wrk)) >/dev/null 2>&1 || true
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    (sudo apt-get install -y wrk) >/dev/null 2>&1 || true
  fi
fi
if command -v wrk >/dev/null; then
  dur=${WRK_DURATION:-10s}
  conns=${WRK_CONNECTIONS:-16}
  threads=${WRK_THREADS:-2}
  kill "$pid"; wait "$pid" 2>/dev/null || true
  # Without --log: the access log would measure stderr, not the server.
  "$bin" --port 0 --primary-key "$key" --seed-records "$records" >"$work/out2" 2>/dev/null &
  pid=$!
  until grep -q CRM_READONLY_KEY "$work/out2" 2>/dev/null; do sleep 0.05; done
  base=$(. "$work/out2" && printf %s "$CRM_BASE_URL")
  cat >"$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"title":"bench lead","value":{"amount":100,"code":"USD"},"tags":["bench"]}'
wrk.headers["Content-Type"] = "application/json"
LUA
  for q in "pipeline/leads?size=10" "pipeline/leads?size=100&page=50" "directory/contacts?size=10&name=olivia"; do
    echo "### GET /$q  (-t$threads -c$conns -d$dur)"
    wrk -t"$threads" -c"$conns" -d"$dur" --latency -H "Ocp-Apim-Subscription-Key: $key" "$base/$q" |
      grep -E 'Requests/sec|Latency|50%|99%|Non-2xx|Socket errors'
  done
  echo "### POST /pipeline/leads (creates)  (-t$threads -c$conns -d$dur)"
  wrk -t"$threads" -c"$conns" -d"$dur" --latency -s "$work/post.lua" -H "Ocp-Apim-Subscription-Key: $key" \
    "$base/pipeline/leads" | grep -E 'Requests/sec|Latency|50%|99%|Non-2xx|Socket errors'
else
  echo "wrk is not installed and could not be installed: skipped"
fi
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
