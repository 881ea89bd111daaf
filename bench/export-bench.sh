#!/usr/bin/env bash
# crm export against crm list (issue 13): numbers for a person, no pass/fail.
# A sandbox seeded with N records (default 100,000, no latency); interleaved runs of
#  a. `crm export --to FILE.sqlite` (every entity, lookups, custom fields, indexes, views)
#  b. the same records listed: `crm E list --all -o ndjson > /dev/null` for the five entities
# and the median wall-time ratio a/b (target: at most 1.5) and the export's peak RSS (target:
# at most 50 MiB); then an --incremental run after no change (one page per entity).
#
# Usage: bench/export-bench.sh [BUILD_DIR]   (default: build)
# Env: RECORDS (default 100000), RUNS (interleaved runs, default 3)
# Needs GNU time (apt-get install time) and sqlite3. It installs nothing.
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
records=${RECORDS:-100000}
runs=${RUNS:-3}
[ -x /usr/bin/time ] || { echo "missing: GNU time (apt-get install time)" >&2; exit 2; }
require_built

work=$(mktemp -d)
sb_pid=''
cleanup() {
  [ -n "$sb_pid" ] && kill "$sb_pid" 2>/dev/null && wait "$sb_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
export XDG_CONFIG_HOME=$work/config

"$sandbox_bin" --port 0 --seed-records "$records" >"$work/env" 2>"$work/sandbox.err" &
sb_pid=$!
until grep -q CRM_READONLY_KEY "$work/env" 2>/dev/null; do
  kill -0 "$sb_pid" 2>/dev/null || { cat "$work/sandbox.err" >&2; exit 1; }
  sleep 0.05
done
# shellcheck disable=SC1091
. "$work/env"
export CRM_BASE_URL CRM_API_KEY

# seconds and peak RSS (KiB) of a command, as "wall rss"
measure() { /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }; cat "$work/time"; }
list_all() { for e in leads opportunities contacts orgs cases; do "$crm" "$e" list --all -o ndjson; done; }
export -f list_all
export crm

: >"$work/export.times"; : >"$work/list.times"; : >"$work/rss"
for ((i = 1; i <= runs; i++)); do
  read -r wall rss < <(measure "$crm" export --to "$work/crm.sqlite")
  echo "$wall" >>"$work/export.times"; echo "$rss" >>"$work/rss"
  read -r wall _ < <(measure bash -c list_all)
  echo "$wall" >>"$work/list.times"
done
export_s=$(median <"$work/export.times")
list_s=$(median <"$work/list.times")
rss_kib=$(sort -n "$work/rss" | tail -1)
rows=$(sqlite3 "$work/crm.sqlite" "SELECT (SELECT count(*) FROM leads)+(SELECT count(*) FROM opportunities)+(SELECT count(*) FROM contacts)+(SELECT count(*) FROM organizations)+(SELECT count(*) FROM cases)")
read -r inc_s _ < <(measure "$crm" export --to "$work/crm.sqlite" --incremental)

echo "records exported:                 $rows (sandbox --seed-records $records)"
echo "crm export --to FILE.sqlite:      ${export_s} s (median of $runs)"
echo "crm E list --all -o ndjson (x5):  ${list_s} s (median of $runs)"
awk -v a="$export_s" -v b="$list_s" 'BEGIN {printf "ratio export/list:                %.2f (target <= 1.5)\n", a / b}'
awk -v k="$rss_kib" 'BEGIN {printf "export peak RSS:                  %.1f MiB (target <= 50)\n", k / 1024}'
echo "crm export --incremental, no change: ${inc_s} s"
