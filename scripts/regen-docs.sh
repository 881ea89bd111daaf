#!/usr/bin/env bash
# Regenerates completions/ and man/ from a built crm: the committed files are exactly what the
# command tree generates.
#   scripts/regen-docs.sh [--check] [CRM_BINARY]
# --check writes into a temporary directory instead and fails, printing the diff, when the
# committed files differ (stale, missing or left over). CRM_BINARY defaults to build/cmd/crm.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
check=false
if [[ ${1:-} == --check ]]; then
    check=true
    shift
fi
crm=${1:-$root/build/cmd/crm}
if [[ ! -x $crm ]]; then
    echo "regen-docs: no crm binary at $crm (build it, or pass its path)" >&2
    exit 2
fi

# Writes completions/ and man/ under DIR.
generate() {
    mkdir -p "$1/completions" "$1/man"
    "$crm" completion bash >"$1/completions/crm.bash"
    "$crm" completion zsh >"$1/completions/_crm"
    "$crm" completion fish >"$1/completions/crm.fish"
    "$crm" completion man --dir "$1/man"
}

if ! $check; then
    rm -rf "$root/completions" "$root/man"
    generate "$root"
    exit 0
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
generate "$out"
stale=false
diff -ru "$root/completions" "$out/completions" || stale=true
diff -ru "$root/man" "$out/man" || stale=true
if $stale; then
    echo "regen-docs: completions/ or man/ are stale: run scripts/regen-docs.sh and commit the result" >&2
    exit 1
fi
echo "regen-docs: completions/ and man/ match the command tree"
