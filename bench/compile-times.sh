#!/usr/bin/env bash
# Compile time per object of src/ (libcrm) and cmd/ (the command tree, crm_docgen, main), in
# CPU seconds (user + sys), each object compiled alone so that other work on the machine
# changes the numbers little. The target of the issue "One request, one voice": the cmd/
# average within 2x of the src/ average.
# Usage: bench/compile-times.sh [BUILD_DIR]   (default: build; it must have been built, for
# the precompiled headers)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install time" >&2; exit 2; }
[ -f "$build/build.ninja" ] && [ -x "$build/cmd/crm" ] || { echo "build first: cmake --build $build" >&2; exit 2; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# Every compile command of the crm binary's objects, as ninja would run it, writing its object
# into the scratch directory instead.
ninja -C "$build" -t commands cmd/crm | grep -E -- ' -c [^ ]+\.(cpp|cxx)$' >"$scratch/commands"

for dir in src cmd; do
  total=0 count=0
  while IFS= read -r command; do
    object=$(grep -oE -- '-o [^ ]+' <<<"$command" | cut -c4-)
    case $object in "$dir"/*) ;; *) continue ;; esac
    seconds=$( (cd "$build" && /usr/bin/time -f '%U %S' bash -c "${command/-o $object/-o $scratch/o.o}" 2>&1 >/dev/null) |
      tail -1 | awk '{ printf "%.2f", $1 + $2 }')
    [ -n "${VERBOSE:-}" ] && printf '  %6.2f s  %s\n' "$seconds" "$object"
    total=$(awk -v a="$total" -v b="$seconds" 'BEGIN { print a + b }')
    count=$((count + 1))
  done <"$scratch/commands"
  mean=$(awk -v a="$total" -v n="$count" 'BEGIN { printf "%.2f", a / n }')
  printf '%s/: %d objects, %.1f s in all, %s s each on average\n' "$dir" "$count" "$total" "$mean"
  eval "mean_$dir=$mean"
done
printf 'cmd/ average / src/ average: %s (target <= 2)\n' \
  "$(awk -v a="$mean_cmd" -v b="$mean_src" 'BEGIN { printf "%.2f", a / b }')"
