#!/usr/bin/env bash
# Loads crm's completion script in a real SHELL and checks what it offers for typed command
# lines: the same cases for bash, zsh and fish.
# Usage: completion_test.sh bash|zsh|fish CRM_BINARY
set -euo pipefail
shell=$1
crm=$2
if ! command -v "$shell" >/dev/null; then
    echo "SKIP: $shell is not installed"
    exit 77
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$crm" completion "$shell" >"$dir/script"

# Prints the candidates the shell offers for LINE, completed at its end, one a line.
candidates() {
    case $shell in
    bash)
        # What bash hands a completion function: the words (split at '=' too, as
        # COMP_WORDBREAKS does), the index of the current one, the line and the cursor.
        bash --norc --noprofile -c '
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
        zsh -f -c '
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
        fish --no-config -c 'source $argv[1]; complete -C $argv[2]' "$dir/script" "$1" | cut -f1
        ;;
    esac
}

failures=0
# expect LINE WORD... : each WORD must be offered for LINE; "!WORD" must not be.
expect() {
    local line=$1 word got
    shift
    got=$(candidates "$line")
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
if [[ $shell == bash ]]; then
    expect "crm leads list --output=" "${formats[@]}"
    expect "crm leads list --output=cs" csv '!json'
fi

if ((failures > 0)); then
    echo "$failures completion check(s) failed in $shell"
    exit 1
fi
echo "all completion checks passed in $shell ($("$shell" --version | head -n1))"
