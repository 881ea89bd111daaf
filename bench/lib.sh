# shellcheck shell=bash
# Shared by the bench scripts that run crm against a sandbox: sourced, not run.
# After `. bench/lib.sh BUILD_DIR`: the working directory is the repository, and crm and
# sandbox_bin are the binaries of BUILD_DIR (default build), checked to exist.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${1:-build}
crm=$PWD/$build/cmd/crm
sandbox_bin=$PWD/$build/sandbox/crm-sandbox

# require_built: exit 2 unless both binaries were built.
require_built() {
  if [ ! -x "$crm" ] || [ ! -x "$sandbox_bin" ]; then
    echo "build first: ninja -C $build crm crm-sandbox" >&2
    exit 2
  fi
}

# The median of numbers, one a line on stdin.
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
