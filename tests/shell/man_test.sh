#!/usr/bin/env bash
# The man pages crm generates: each renders without a single warning from man --warnings,
# there is one page per command group, each page names every command of its group as
# `crm --help` (CLI11's own help, not the generator) lists them, and each has EXAMPLES.
# And every command's --help shows two or three examples and, below the top level, the global
# flags it inherits (CLI.md §14), each example a command line the parser takes.
# Usage: man_test.sh CRM_BINARY
set -euo pipefail
crm=$1
if ! command -v man >/dev/null; then
    echo "SKIP: man is not installed"
    exit 77
fi
dir=$(mktemp -d)
"$crm" completion man --dir "$dir"
failures=0
fail() {
    echo "FAIL $*"
    failures=$((failures + 1))
}

for page in "$dir"/*.1; do
    warnings=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
    [[ -z $warnings ]] || fail "$(basename "$page") renders with warnings:"$'\n'"$warnings"
done

# The subcommand names (without their aliases) in the "Subcommands:" part of `crm ARGS... --help`:
# the words indented by two spaces (a description that did not fit beside its command is
# indented further, on a line of its own).
subcommands() {
    "$crm" "$@" --help |
        awk '/^Subcommands:/ { on = 1; next } on && NF == 0 { on = 0 } on && /^  [^ ]/ { sub(/,$/, "", $1); print $1 }'
}

# Rendered wide, so that no command line is wrapped or hyphenated, on one line.
rendered() { MANWIDTH=1000 man -l "$1" 2>/dev/null | tr -s ' \n' '  '; }

# Checks that TEXT names "crm PATH... SUB" for every command below PATH.
check_mentions() {
    local page=$1 text=$2 sub
    shift 2
    for sub in $(subcommands "$@"); do
        grep -qF -- "crm $* $sub" <<<"$text" || fail "$page does not mention 'crm $* $sub'"
        check_mentions "$page" "$text" "$@" "$sub"
    done
}

root_text=$(rendered "$dir/crm.1")
for section in NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" ENVIRONMENT FILES EXAMPLES; do
    grep -qF -- "$section" <<<"$root_text" || fail "crm.1 has no $section section"
done
for group in $(subcommands); do
    page="crm-$group.1"
    [[ -f $dir/$page ]] || { fail "no page $page for the group $group"; continue; }
    grep -qF -- "crm-$group(1)" <<<"$root_text" || fail "crm.1 does not refer to crm-$group(1)"
    text=$(rendered "$dir/$page")
    for section in NAME SYNOPSIS DESCRIPTION OPTIONS EXAMPLES; do
        grep -qF -- "$section" <<<"$text" || fail "$page has no $section section"
    done
    check_mentions "$page" "$text" "$group"
done

# An example must get past the parser: run with --dry-run (against nothing: a closed port, an
# empty config home), it may fail at run time, but never with a parser's usage line, which
# points to a --help. Lines that are not one crm command (source <(...)) are skipped; what
# follows a pipe or a redirection is left out.
empty_home=$(mktemp -d)
trap 'rm -rf "$dir" "$empty_home"' EXIT
check_example() {
    local line=$1 err
    local -a words
    [[ $line == "crm "* ]] || return 0
    line=${line%% | *}
    line=${line%% > *}
    line=${line%% < *}
    eval "words=($line)"
    err=$(XDG_CONFIG_HOME=$empty_home CRM_BASE_URL=http://127.0.0.1:9 CRM_API_KEY=example-key CRM_RETRIES=0 \
        timeout 20 "$crm" "${words[@]:1}" --dry-run 2>&1 >/dev/null </dev/null) || true
    if grep -q -- "--help')" <<<"$err"; then fail "the example '$1' does not parse: $err"; fi
}

# Checks the --help of `crm ARGS...` and of every command below it.
check_help() {
    local help examples sub line
    help=$("$crm" "$@" --help)
    while IFS= read -r line; do
        check_example "$line"
    done < <(awk '/^Examples:/ { on = 1; next } on && NF == 0 { on = 0 } on { sub(/^  /, ""); print }' <<<"$help")
    examples=$(awk '/^Examples:/ { on = 1; next } on && NF == 0 { on = 0 } on { n++ } END { print n + 0 }' <<<"$help")
    ((examples >= 2 && examples <= 3)) || fail "'crm $*' --help shows $examples examples"
    if (($# > 0)); then
        grep -qx 'Global flags:' <<<"$help" || fail "'crm $*' --help does not show the global flags"
        grep -q -- '--dry-run' <<<"$help" || fail "'crm $*' --help does not show --dry-run"
    fi
    for sub in $(subcommands "$@"); do check_help "$@" "$sub"; done
}
check_help

if ((failures > 0)); then
    echo "$failures man page check(s) failed"
    exit 1
fi
echo "all $(ls "$dir" | wc -l) man pages render without warnings, name every command and have EXAMPLES; every --help has examples"
