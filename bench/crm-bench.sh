#!/usr/bin/env bash
# crm's speed and memory targets, side by side in one run (not a test: numbers for a person).
#  1. start-up: `crm --version` against `curl --version` (target: within 1.3x)
#  2. a full `--all` export of 20,000 sandbox leads to ndjson: wall time and peak memory
# Usage: bench/crm-bench.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
crm=$build/cmd/crm
sandbox_bin=$build/sandbox/crm-sandbox
records=${RECORDS:-20000}
runs=${RUNS:-300}

command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 2; }
[ -x "$crm" ] && [ -x "$sandbox_bin" ] || { echo "build first: cmake --build $build" >&2; exit 2; }

# Mean wall time of a command over $runs runs, in microseconds.
mean_us() {
  local start end
  start=$(date +%s%N)
  for _ in $(seq "$runs"); do "$@" >/dev/null; done
  end=$(date +%s%N)
  echo $(((end - start) / runs / 1000))
}

crm_us=$(mean_us "$crm" --version)
curl_us=$(mean_us curl --version)
echo "start-up over $runs runs:"
printf '  crm --version   %6d us\n  curl --version  %6d us\n  ratio           %s (target <= 1.3)\n' \
  "$crm_us" "$curl_us" "$(awk -v a="$crm_us" -v b="$curl_us" 'BEGIN { printf "%.2f", a / b }')"

work=$(mktemp -d)
# --seed-records N spreads N records over all entities; a quarter of them are leads.
"$sandbox_bin" --port 0 --seed-records $((records * 4)) >"$work/env" 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 600); do [ "$(wc -l <"$work/env")" -ge 3 ] && break; sleep 0.1; done
# shellcheck disable=SC1091
source "$work/env"
export XDG_CONFIG_HOME="$work/config"

total=$("$crm" api /pipeline/leads -q size=1 | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
/usr/bin/time -f '%e %M' -o "$work/time" "$crm" leads list --all -o ndjson >"$work/leads.ndjson"
read -r secs kib <"$work/time"
lines=$(wc -l <"$work/leads.ndjson")
echo "export of all leads to ndjson (sandbox holds $total):"
printf '  records  %d\n  wall     %s s\n  peak RSS %d KiB\n  rate     %s records/s\n' \
  "$lines" "$secs" "$kib" "$(awk -v n="$lines" -v s="$secs" 'BEGIN { printf "%.0f", (s > 0 ? n / s : n) }')"

# Flat memory: the same export of a tenth of the records should need about the same memory.
/usr/bin/time -f '%e %M' -o "$work/time" "$crm" leads list --limit $((records / 10)) -o ndjson >/dev/null
read -r _ small_kib <"$work/time"
printf '  peak RSS for %d records: %d KiB (flat memory: close to the above)\n' $((records / 10)) "$small_kib"

# A network with latency: with 50 ms per answer, fetching 1000-record pages one after the
# other would take at least pages x 50 ms; --all fetches a few pages at once.
kill $pid 2>/dev/null
wait $pid 2>/dev/null || true
: >"$work/env"
"$sandbox_bin" --port 0 --seed-records $((records * 4)) --latency-ms 50 >"$work/env" 2>/dev/null &
pid=$!
for _ in $(seq 600); do [ "$(wc -l <"$work/env")" -ge 3 ] && break; sleep 0.1; done
# shellcheck disable=SC1091
source "$work/env"
/usr/bin/time -f '%e %M' -o "$work/time" "$crm" leads list --all -o ndjson >/dev/null
read -r secs kib <"$work/time"
pages=$(((records + 999) / 1000))
printf 'export with 50 ms latency per request:\n  wall     %s s (one page at a time would need >= %s s for %d pages)\n  peak RSS %d KiB\n' \
  "$secs" "$(awk -v p="$pages" 'BEGIN { printf "%.2f", p * 0.05 }')" "$pages" "$kib"
