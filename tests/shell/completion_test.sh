#!/usr/bin/env bash
# Loads crm's completion script in a real SHELL and checks what it offers for typed command
# lines: the same cases for bash, zsh and fish. The values only the server knows (stage and
# tag labels) are completed against a real crm-sandbox, and against one slower than the
# one-second bound.
# Usage: completion_test.sh bash|zsh|fish CRM_BINARY CRM_SANDBOX_BINARY
set -euo pipefail
shell=$1
crm=$2
sandbox=$3
if ! command -v "$shell" >/dev/null; then
    echo "SKIP: $shell is not installed"
    exit 77
fi
dir=$(mktemp -d)
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$dir"
}
trap cleanup EXIT
"$crm" completion "$shell" >"$dir/script"

# The scripts call `crm` by name; a private config and cache, two sandboxes: one answers at
# once, the other takes 3 s a request (the completion gives up before one second).
mkdir -p "$dir/bin" "$dir/config/crm"
ln -s "$(realpath "$crm")" "$dir/bin/crm"
export PATH="$dir/bin:$PATH" XDG_CONFIG_HOME="$dir/config" XDG_CACHE_HOME="$dir/cache"
unset CRM_PROFILE CRM_BASE_URL CRM_API_KEY CRM_API_KEY_COMMAND
key=completion-test-key-0123456789
start_sandbox() {  # start_sandbox NAME ARGS...: its base URL in $dir/NAME.url
    local name=$1
    shift
    "$sandbox" --port 0 --primary-key "$key" "$@" >"$dir/$name.env" &
    pids+=($!)
    for _ in $(seq 100); do
        grep -q CRM_READONLY_KEY "$dir/$name.env" 2>/dev/null && break
        sleep 0.05
    done
    sed -n "s/^export CRM_BASE_URL=//p" "$dir/$name.env" | tr -d "'" >"$dir/$name.url"
}
start_sandbox fast
start_sandbox slow --latency-ms 3000
printf "[profiles.default]\napi_key = '%s'\nbase_url = '%s'\n\n[profiles.slow]\napi_key = '%s'\nbase_url = '%s'\n" \
    "$key" "$(cat "$dir/fast.url")" "$key" "$(cat "$dir/slow.url")" >"$dir/config/crm/config.toml"
chmod 600 "$dir/config/crm/config.toml"
crm tags create leads --label hot >/dev/null
crm tags create leads --label warm >/dev/null

# Prints the candidates the shell offers for LINE, completed at its end, one a line.
candidates() {
    # However slow the server, the shell gets its answer: a completion still running after
    # 20 s fails the check (exit 124) instead of hanging the test.
    case $shell in
    bash)
        # What bash hands a completion function: the words (split at '=' too, as
        # COMP_WORDBREAKS does), the index of the current one, the line and the cursor.
        timeout 20 bash --norc --noprofile -c '
            source "$1"
            line=${2//=/ = }
            read -ra COMP_WORDS <<<"$line"
            [[ $line == *" " ]] && COMP_WORDS+=("")
            COMP_CWORD=$((${#COMP_WORDS[@]} - 1)) COMP_LINE=$2 COMP_POINT=${#2}
            _crm crm "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
            printf "%s\n" "${COMPREPLY[@]}"' _ "$dir/script" "$1"
        ;;
    zsh)
        # compsys runs completion functions inside the line editor only; the script's one
        # dependency on it, compadd, is replaced by a stand-in that prints what it was given
        # and, like compadd, keeps the words that start with the typed prefix.
        timeout 20 zsh -f -c '
            compdef() { : }
            _files() { print -r -- "(files)" }
            compadd() {
                while (( $# )); do
                    case $1 in
                    --) shift; break ;;
                    -[dJVXxPSpsiIWMFrRDOAE]) shift 2 ;;
                    -*) shift ;;
                    *) break ;;
                    esac
                done
                local w
                for w in "$@"; do [[ $w == ${PREFIX}* ]] && print -r -- $w; done
                return 0
            }
            source $1
            words=(${(z)2})
            [[ $2 == *" " ]] && words+=("")
            CURRENT=$#words PREFIX=${words[-1]}
            _crm' _ "$dir/script" "$1"
        ;;
    fish)
        timeout 20 fish --no-config -c 'source $argv[1]; complete -C $argv[2]' "$dir/script" "$1" | cut -f1
        ;;
    esac
}

failures=0
# expect LINE WORD... : each WORD must be offered for LINE; "!WORD" must not be.
expect() {
    local line=$1 word got
    shift
    if ! got=$(candidates "$line"); then
        echo "FAIL [$shell] '$line' did not complete (exit $?)"
        failures=$((failures + 1))
    fi
    for word in "$@"; do
        if [[ $word == !* ]]; then
            grep -qxF -- "${word#!}" <<<"$got" || continue
            echo "FAIL [$shell] '$line' offers '${word#!}'"
        else
            grep -qxF -- "$word" <<<"$got" && continue
            echo "FAIL [$shell] '$line' does not offer '$word'"
        fi
        echo "  offered: $(tr '\n' ' ' <<<"$got")"
        failures=$((failures + 1))
    done
}

formats=(table json ndjson csv tsv ids)
entities=(leads opportunities contacts orgs cases)

expect "crm le" leads '!cases' '!list'
expect "crm " leads opportunities opps contacts orgs organizations cases tags forms api completion '!man' '!list'
expect "crm leads " list get create update delete archive '!leads'
expect "crm opps st" stage status '!list'
expect "crm organizations li" list
expect "crm -o " "${formats[@]}" '!leads'
expect "crm leads list -o " "${formats[@]}" '!list'
expect "crm leads list --output " "${formats[@]}"
expect "crm -o json le" leads '!json'
expect "crm --profile work opps " list stage status
expect "crm leads list --sort " asc desc '!table'
expect "crm leads list --archived " true false
expect "crm opps status 42 " open won lost
expect "crm tags list " "${entities[@]}" '!list'
expect "crm forms get " "${entities[@]}"
expect "crm leads list --" --sort --archived --output --page --all --help --verbose '!--yes'
expect "crm leads delete 7 -" -y --yes -o -q '!--sort'
expect "crm completion " bash zsh fish '!man'
expect "crm bulk delete " "${entities[@]}" opps organizations
expect "crm api -X " GET POST PUT PATCH DELETE
# Values from the server (CLI.md §14), and never ids.
expect "crm --profile " default slow '!crm'
expect "crm leads list --profile sl" slow '!default'
expect "crm opps stage 42 " Negotiation Proposal New '!list'
expect "crm opps stage 42 Neg" Negotiation '!Proposal'
expect "crm opps stage " '!Negotiation'
expect "crm opps create --stage " Evaluation Signed
expect "crm leads list --tags " hot warm
expect "crm leads tag 42 --add " hot warm
expect "crm leads tag 42 --remove w" warm '!hot'
expect "crm bulk delete leads --tags " hot
expect "crm contacts list --tags " '!hot'
# Within a minute the labels come from the cache: the server is not asked again.
kill "${pids[0]}"
wait "${pids[0]}" 2>/dev/null || true
expect "crm leads list --tags " hot warm
# A server slower than the bound: the completion returns (the 20 s guard above would fail it),
# with nothing from the server, well before the server would have answered.
export CRM_PROFILE=slow
expect "crm opps stage 42 " '!Negotiation' '!New'
expect "crm leads list --tags " '!hot'
unset CRM_PROFILE
# The --profile typed on the line is the one asked (the cache is per profile): the slow one
# offers nothing, the default one its cached labels.
expect "crm --profile slow opps stage 42 " '!Negotiation' '!New'
expect "crm leads list --profile slow --tags " '!hot'
expect "crm leads list --profile=slow --tags " '!hot'
expect "crm --profile default opps stage 42 " Negotiation New

if [[ $shell == bash ]]; then
    expect "crm leads list --output=" "${formats[@]}"
    expect "crm leads list --output=cs" csv '!json'
fi

if ((failures > 0)); then
    echo "$failures completion check(s) failed in $shell"
    exit 1
fi
echo "all completion checks passed in $shell ($("$shell" --version | head -n1))"
