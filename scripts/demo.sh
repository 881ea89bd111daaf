#!/usr/bin/env bash
# Sets up, builds, starts a local crm-sandbox with generated data, and runs the main jobs of
# crm against it: list and filter, create → update → archive → convert, a CSV export of
# every lead, a bulk delete fed by a pipe, an import with a journal, and an export to SQLite
# with a report from it.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${SKIP_SETUP:-}" = 1 ] || ./scripts/setup.sh
build=${BUILD_DIR:-build}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j2 --target crm crm-sandbox

crm=$build/cmd/crm
work=$(mktemp -d)
"$build/sandbox/crm-sandbox" --port 0 --seed-records 2000 >"$work/env" 2>"$work/sandbox.log" &
sandbox=$!
trap 'kill $sandbox 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do [ "$(wc -l <"$work/env")" -ge 3 ] && break; sleep 0.1; done
# shellcheck disable=SC1091
source "$work/env"
export XDG_CONFIG_HOME="$work/config"
step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }

step "crm leads list --limit 5 -o table"
$crm leads list --limit 5 -o table
step "crm leads create -f title='Cloud Migration' -F value.amount=25000 -f value.code=USD -o json"
id=$($crm leads create -f title='Cloud Migration' -F value.amount=25000 -f value.code=USD -o json | jq -r .id)
echo "created lead $id"
step "crm leads update $id -f leadRating=3_hot -o json | jq '{id, title, leadRating}'"
$crm leads update "$id" -f leadRating=3_hot -o json | jq '{id, title, leadRating}'
step "crm leads archive $id -o ids && crm leads unarchive $id -o ids"
$crm leads archive "$id" -o ids && $crm leads unarchive "$id" -o ids
step "crm leads convert $id -o json | jq '{id, title, stage}'"
$crm leads convert "$id" -o json | jq '{id, title, stage}'
step "crm leads list --all -o csv --fields id,title,value.amount,owner.name > leads.csv"
time $crm leads list --all -o csv --fields id,title,value.amount,owner.name >"$work/leads.csv"
echo "$(($(wc -l <"$work/leads.csv") - 1)) leads exported; first lines:"
head -3 "$work/leads.csv"
step "crm leads list --archived true -o ids | crm bulk delete leads --ids-from - --yes"
$crm leads list --archived true --all -o ids | $crm bulk delete leads --ids-from - --yes
step "crm leads list --archived true -o json | jq length"
$crm leads list --archived true -o json | jq length
step "crm contacts list --limit 3 -o csv > some.csv && crm contacts import some.csv --journal import.journal"
$crm contacts list --limit 3 -o csv --fields name,jobTitle >"$work/some.csv"
$crm contacts import "$work/some.csv" --journal "$work/import.journal"
step "crm export --to crm.sqlite"
$crm export --to "$work/crm.sqlite"
step "crm report pipeline --from crm.sqlite -o table"
$crm report pipeline --from "$work/crm.sqlite" -o table
