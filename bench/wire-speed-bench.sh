#!/usr/bin/env bash
# "Exports at wire speed" (issue 10), side by side in one run: numbers for a person, no pass/fail.
#  a. nginx fixture: 1,000 static items-only pages x 100 leads (taken from a seeded sandbox),
#     `crm leads list --all --size 100` (-o ndjson, -o csv) against one sequential curl fetching
#     the same URLs over one connection; interleaved runs, median wall-time ratios and crm's
#     peak RSS, at 10k and 100k records
#  b. 20 ms latency: sandbox --latency-ms 20, items only, 200 pages of 100: crm (a window of
#     --parallel 4 pages) against `curl --parallel --parallel-max 4` over the same 200 URLs
#  c. wrk, 16 connections: the sandbox against nginx serving the same bytes of a 100-record page
#  d. quota: sandbox --quota 20/2, a 100-page export: time against the ideal (windows needed x
#     window length) and the share of requests answered 429 (from --record)
#  e. start-up: one GET (`crm leads get 1 -o json`, nginx) against `curl -s` with the same
#     headers, and `crm --version` against `curl --version`; interleaved, mean wall times
#
# Usage: bench/wire-speed-bench.sh [BUILD_DIR]   (default: build)
# Env: RUNS (interleaved runs per command in a, default 5), LAT_RUNS (in b, default 3),
#      START_RUNS (in e, default 100),
#      WRK_DURATION (default 5s), SKIP (letters of parts to skip, e.g. SKIP=cd)
# Needs nginx (Debian: apt-get install nginx-light), curl, jq, GNU time, and wrk (apt-get
# install wrk) or ab (apt-get install apache2-utils) for part c. It installs nothing.
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
runs=${RUNS:-5}
lat_runs=${LAT_RUNS:-3}
skip=${SKIP:-}
key=bench-primary-key

missing=()
for tool in curl jq; do command -v $tool >/dev/null || missing+=("$tool (apt-get install $tool)"); done
[ -x /usr/bin/time ] || missing+=("GNU time (apt-get install time)")
nginx=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx" ] || missing+=("nginx (apt-get install nginx-light)")
if ((${#missing[@]})); then printf 'missing: %s\n' "${missing[@]}" >&2; exit 2; fi
require_built

work=$(mktemp -d)
sb_pid='' ng_pid=''
stop_sandbox() { [ -n "$sb_pid" ] && kill "$sb_pid" 2>/dev/null && wait "$sb_pid" 2>/dev/null; sb_pid=; }
cleanup() {
  stop_sandbox || true
  [ -n "$ng_pid" ] && kill "$ng_pid" 2>/dev/null
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
export XDG_CONFIG_HOME=$work/config  # no user config in the way

# start_sandbox ARGS...: a sandbox on a free port; sets base (its URL).
start_sandbox() {
  : >"$work/env"
  "$sandbox_bin" --port 0 --primary-key "$key" "$@" >"$work/env" 2>"$work/sandbox.err" &
  sb_pid=$!
  until grep -q CRM_READONLY_KEY "$work/env" 2>/dev/null; do
    kill -0 "$sb_pid" 2>/dev/null || { cat "$work/sandbox.err" >&2; exit 1; }
    sleep 0.05
  done
  base=$(. "$work/env" && printf %s "$CRM_BASE_URL")
}

# Below the kernel's ephemeral range (ip_local_port_range, 32768 up): a port there may be
# taken by a client connection's end between this check and nginx's bind.
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 12000))
    (: >/dev/tcp/127.0.0.1/$p) 2>/dev/null || { echo $p; return; }
  done
}

now_ns() { date +%s%N; }
ms() { awk -v n="$1" 'BEGIN { printf "%.0f ms", n / 1e6 }'; }

echo "# crm at wire speed"
echo "crm:     $crm ($("$crm" --version 2>&1 | head -1))"
echo "machine: $(nproc) cores, $(uname -sr), load average before start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

# One seeded store for every part: 80,000 records hold 20,000 leads (200 pages of 100).
echo "seeding 80,000 and 40,000 records (20,000 and 10,000 leads) ..."
"$sandbox_bin" --port 0 --primary-key "$key" --db "$work/seed.db" --seed-records 80000 >"$work/env" 2>/dev/null &
sb_pid=$!
until grep -q CRM_READONLY_KEY "$work/env" 2>/dev/null; do sleep 0.1; done
stop_sandbox
# And 40,000 records (10,000 leads, 100 pages) for the quota export.
"$sandbox_bin" --port 0 --primary-key "$key" --db "$work/seed10k.db" --seed-records 40000 >"$work/env" 2>/dev/null &
sb_pid=$!
until grep -q CRM_READONLY_KEY "$work/env" 2>/dev/null; do sleep 0.1; done
stop_sandbox
echo

# --- nginx: the fixture (pages 1..100 are the sandbox's own bytes; 101..1000 the same records
# with new ids) and one server per record count, each answering an empty page after its last.
chmod 755 "$work"  # nginx workers started by root run as another user: they read the fixture
mkdir -p "$work/f100k/pages" "$work/f10k/pages" "$work/wrk/pages" "$work/nginx-tmp"
start_sandbox --db "$work/seed.db"
for p in $(seq 100); do
  curl -sf -H "Ocp-Apim-Subscription-Key: $key" "$base/pipeline/leads?page=$p&size=100" >"$work/f100k/pages/$p.json"
done
curl -sf -H "Ocp-Apim-Subscription-Key: $key" "$base/pipeline/leads?page=2&size=100" >"$work/wrk/pages/2.json"
stop_sandbox
jq -c '.items[]' "$work"/f100k/pages/{1..100}.json >"$work/leads.ndjson"
for rep in $(seq 1 9); do
  jq -c --argjson off $((rep * 10000)) '.id = ((.id | tonumber) + $off | tostring)' "$work/leads.ndjson"
done | awk -v dir="$work/f100k/pages" '
  { buf = buf (n % 100 ? "," : "") $0; n++
    if (n % 100 == 0) { f = dir "/" (100 + n / 100) ".json"; printf "{\"items\":[%s]}", buf > f; close(f); buf = "" } }'
echo '{"items":[]}' >"$work/f100k/pages/empty.json"
jq -c '{item: .items[0]}' "$work/f100k/pages/1.json" >"$work/f10k/one.json"  # GET /pipeline/leads/ID
for p in $(seq 100); do ln -s "$work/f100k/pages/$p.json" "$work/f10k/pages/$p.json"; done
cp "$work/f100k/pages/empty.json" "$work/f10k/pages/empty.json"
cp "$work/f100k/pages/empty.json" "$work/wrk/pages/empty.json"
port100k=$(free_port); port10k=$(free_port); portwrk=$(free_port)
server_block() {  # PORT ROOT
  cat <<EOF
  server {
    listen 127.0.0.1:$1;
    root $2;
    location = /pipeline/leads { try_files /pages/\$arg_page.json /pages/empty.json; }
    location /pipeline/leads/ { try_files /one.json =404; }
  }
EOF
}
cat >"$work/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  keepalive_requests 1000000;
  client_body_temp_path $work/nginx-tmp;
  $(server_block "$port100k" "$work/f100k")
  $(server_block "$port10k" "$work/f10k")
  $(server_block "$portwrk" "$work/wrk")
}
EOF
"$nginx" -p "$work" -c "$work/nginx.conf" -e "$work/nginx-error.log" &
ng_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port10k/pipeline/leads?page=1" >/dev/null && break; sleep 0.05; done

# --- a. crm against one sequential curl over nginx
if [[ $skip != *a* ]]; then
  echo "## a. nginx fixture, items-only pages of 100: crm --all vs one curl over one connection"
  echo "(median of $runs interleaved runs; curl fetches the same pages, crm also the empty page after them)"
  printf '%-8s %-12s %10s %10s %8s %14s\n' records command "crm" "curl" ratio "crm peak RSS"
  for set in 10k 100k; do
    if [ $set = 10k ]; then port=$port10k pages=100; else port=$port100k pages=1000; fi
    url="http://127.0.0.1:$port"
    for p in $(seq "$pages"); do
      printf 'url = "%s/pipeline/leads?page=%d&size=100"\n' "$url" "$p"
    done >"$work/urls.cfg"
    printf 'header = "Ocp-Apim-Subscription-Key: %s"\n' "$key" >>"$work/urls.cfg"
    : >"$work/t.ndjson"; : >"$work/t.csv"; : >"$work/t.curl"; : >"$work/rss.ndjson"; : >"$work/rss.csv"
    for _ in $(seq "$runs"); do
      for fmt in ndjson csv; do
        s=$(now_ns)
        CRM_BASE_URL=$url CRM_API_KEY=$key /usr/bin/time -f %M -o "$work/rss" \
          "$crm" leads list --all --size 100 -o $fmt >"$work/out.$fmt"
        echo $(($(now_ns) - s)) >>"$work/t.$fmt"
        cat "$work/rss" >>"$work/rss.$fmt"
      done
      s=$(now_ns)
      /usr/bin/time -f %M -o "$work/rss" curl -s -K "$work/urls.cfg" >/dev/null
      echo $(($(now_ns) - s)) >>"$work/t.curl"
    done
    lines=$(wc -l <"$work/out.ndjson")
    [ "$lines" -eq $((pages * 100)) ] || echo "warning: crm wrote $lines ndjson lines, expected $((pages * 100))"
    c=$(median <"$work/t.curl")
    for fmt in ndjson csv; do
      t=$(median <"$work/t.$fmt")
      printf '%-8s %-12s %10s %10s %7sx %11s KiB\n' $set "-o $fmt" "$(ms "$t")" "$(ms "$c")" "$(ratio "$t" "$c")" \
        "$(sort -n "$work/rss.$fmt" | tail -1)"
    done
  done
  echo "targets: ndjson <= 1.5x, csv <= 2.0x; peak RSS <= 30 MiB, the same at 10k and 100k"
  echo
fi

# --- b. 20 ms latency, no total: crm's window of 4 against curl --parallel-max 4
if [[ $skip != *b* ]]; then
  echo "## b. sandbox --latency-ms 20, items only (no total), 200 pages of 100"
  start_sandbox --db "$work/seed.db" --latency-ms 20
  for p in $(seq 200); do
    printf 'url = "%s/pipeline/leads?page=%d&size=100"\n' "$base" "$p"
  done >"$work/lat.cfg"
  printf 'header = "Ocp-Apim-Subscription-Key: %s"\n' "$key" >>"$work/lat.cfg"
  : >"$work/t.crm"; : >"$work/t.curl"
  for _ in $(seq "$lat_runs"); do
    s=$(now_ns)
    CRM_BASE_URL=$base CRM_API_KEY=$key "$crm" leads list --all --size 100 -o ndjson >"$work/out.lat"
    echo $(($(now_ns) - s)) >>"$work/t.crm"
    s=$(now_ns)
    curl -s --parallel --parallel-max 4 -K "$work/lat.cfg" >/dev/null 2>&1  # its parallel meter ignores -s
    echo $(($(now_ns) - s)) >>"$work/t.curl"
  done
  stop_sandbox
  t=$(median <"$work/t.crm"); c=$(median <"$work/t.curl")
  echo "records: $(wc -l <"$work/out.lat") (median of $lat_runs interleaved runs)"
  printf 'crm --all (--parallel 4)            %s\ncurl --parallel --parallel-max 4     %s\nratio                               %sx (target <= 1.05; 200 x 20 ms / 4 = 1000 ms)\n' \
    "$(ms "$t")" "$(ms "$c")" "$(ratio "$t" "$c")"
  echo
fi

# --- c. throughput: the sandbox against nginx serving the same bytes
if [[ $skip != *c* ]]; then
  dur=${WRK_DURATION:-5s}
  echo "## c. requests/second, 16 connections, one 100-record page (the same bytes from both)"
  start_sandbox --db "$work/seed.db"
  q="pipeline/leads?page=2&size=100"
  if command -v wrk >/dev/null; then
    load() { wrk -t2 -c16 -d"$dur" -H "Ocp-Apim-Subscription-Key: $key" "$1" | awk '/Requests\/sec/ {print $2}'; }
    tool="wrk -t2 -c16 -d$dur"
  elif command -v ab >/dev/null; then
    load() { ab -q -k -c16 -t"${dur%s}" -n 10000000 -H "Ocp-Apim-Subscription-Key: $key" "$1" | awk '/Requests per second/ {print $4}'; }
    tool="ab -k -c16 -t${dur%s} (wrk not installed)"
  else
    load() { echo 0; }
    tool="none: install wrk (apt-get install wrk) or ab (apt-get install apache2-utils)"
  fi
  echo "tool: $tool"
  if [ "$tool" != "${tool#none}" ]; then echo "skipped"; else
    cmp -s <(curl -s -H "Ocp-Apim-Subscription-Key: $key" "$base/$q") <(curl -s "http://127.0.0.1:$portwrk/$q") ||
      echo "warning: the two bodies differ"
    sb_rps=$(load "$base/$q")
    ng_rps=$(load "http://127.0.0.1:$portwrk/$q")
    printf 'crm-sandbox  %10.0f req/s\nnginx        %10.0f req/s\nratio        %10sx (target >= 0.6)\n' \
      "$sb_rps" "$ng_rps" "$(ratio "$sb_rps" "$ng_rps")"
  fi
  stop_sandbox
  echo
fi

# --- d. the quota: time against the ideal, share of 429s
if [[ $skip != *d* ]]; then
  echo "## d. sandbox --quota 20/2, a 100-page export (10,000 leads, pages of 100)"
  start_sandbox --db "$work/seed10k.db" --quota 20/2 --record "$work/quota.jsonl"
  s=$(now_ns)
  CRM_BASE_URL=$base CRM_API_KEY=$key "$crm" leads list --all --size 100 -o ndjson >"$work/out.quota"
  t=$(($(now_ns) - s))
  stop_sandbox
  total=$(wc -l <"$work/quota.jsonl")
  refused=$(grep -c '"status":429' "$work/quota.jsonl" || true)
  # 100 full pages and the empty one after them: 101 requests at least, 20 per window.
  windows=$(((101 + 19) / 20))
  echo "records: $(wc -l <"$work/out.quota"); requests: $total, of them 429: $refused ($(awk -v a="$refused" -v b="$total" 'BEGIN { printf "%.1f", 100 * a / b }')%; target <= 10%)"
  printf 'wall %s; ideal %d windows x 2 s = %d s; over the ideal: %s s (target: within one window, 2 s)\n' \
    "$(awk -v n="$t" 'BEGIN { printf "%.2f s", n / 1e9 }')" "$windows" $((windows * 2)) \
    "$(awk -v n="$t" -v w="$windows" 'BEGIN { printf "%.2f", n / 1e9 - w * 2 }')"
  echo
fi
# --- e. start-up: one GET and --version
if [[ $skip != *e* ]]; then
  start_runs=${START_RUNS:-100}
  echo "## e. start-up: one GET of one record (nginx), and --version (mean of $start_runs interleaved runs)"
  url="http://127.0.0.1:$port10k"
  agent="crm/$("$crm" --version | awk '{print $2}')"
  get_crm() { CRM_BASE_URL=$url CRM_API_KEY=$key "$crm" leads get 1 -o json; }
  get_curl() { curl -s -H 'Accept: application/json' -A "$agent" -H "Ocp-Apim-Subscription-Key: $key" "$url/pipeline/leads/1"; }
  [ "$(get_crm | jq -c .)" = "$(get_curl | jq -c .item)" ] || echo "warning: crm and curl got different records"
  declare -A spent=()
  for _ in $(seq "$start_runs"); do
    for job in get_crm get_curl version_crm version_curl; do
      s=$(now_ns)
      case $job in
        get_crm) get_crm ;; get_curl) get_curl ;;
        version_crm) "$crm" --version ;; version_curl) curl --version ;;
      esac >/dev/null
      spent[$job]=$((${spent[$job]:-0} + $(now_ns) - s))
    done
  done
  us() { awk -v n="$1" -v r="$start_runs" 'BEGIN { printf "%.0f us", n / r / 1e3 }'; }
  printf 'crm leads get 1 -o json   %10s\ncurl -s (same headers)    %10s\nratio                     %10sx (target <= 1.15)\n' \
    "$(us "${spent[get_crm]}")" "$(us "${spent[get_curl]}")" "$(ratio "${spent[get_crm]}" "${spent[get_curl]}")"
  printf 'crm --version             %10s\ncurl --version            %10s\nratio                     %10sx (target <= 1.1)\n' \
    "$(us "${spent[version_crm]}")" "$(us "${spent[version_curl]}")" "$(ratio "${spent[version_crm]}" "${spent[version_curl]}")"
  echo
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
