// bash: the table as an associative array, and one function that finds the command being
// typed and offers what fits there.
#include "gen/shell_quote.h"
#include "gen/table.h"

namespace crm::cmd::gen {

namespace {

constexpr const char* kBashFunctions = R"BASH(
# Sets _crm_key to the table key of FLAG's value as PATH accepts it: its own, or, through
# fallthrough, an ancestor's. Fails when FLAG takes no value there.
_crm_value_key() {
    local p=$1
    while :; do
        if [[ -n ${_crm_data["val:$p:$2"]+set} ]]; then _crm_key="val:$p:$2"; return 0; fi
        [[ -n ${_crm_data["ft:$p"]+set} ]] || return 1
        p=${p% *}
    done
}

# Appends the candidates (the part of each line before a tab) of table KEY to cands.
_crm_add() {
    local line
    while IFS= read -r line; do
        [[ -n $line ]] && cands+=("${line%%$'\t'*}")
    done <<<"${_crm_data[$1]}"
}

# Appends to cands what `crm __complete KIND...` prints (labels the server knows; crm bounds
# the wait to under a second and prints nothing when it cannot tell), asking with the
# --profile typed on the line, if any.
_crm_ask() {
    local line i
    local -a profile=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
        --profile) [[ ${COMP_WORDS[i + 1]} == = ]] && profile=(--profile "${COMP_WORDS[i + 2]}") ||
            profile=(--profile "${COMP_WORDS[i + 1]}") ;;
        --profile=*) profile=(--profile "${COMP_WORDS[i]#--profile=}") ;;
        esac
    done
    while IFS= read -r line; do
        [[ -n $line ]] && cands+=("$line")
    done < <(command crm __complete $1 "${profile[@]}" 2>/dev/null)
}

_crm() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    local cmdpath=crm npos=0 skip=0 i w _crm_key
    local -a cands=()
    # bash splits "--output=json" at '=' (COMP_WORDBREAKS): treat "FLAG = VALUE" as "FLAG VALUE".
    if [[ $cur == = ]]; then cur=; elif [[ $prev == = ]]; then prev=${COMP_WORDS[COMP_CWORD - 2]}; fi
    for ((i = 1; i < COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        if ((skip > 0)); then ((skip--)); continue; fi
        if [[ $w == -* ]]; then
            if _crm_value_key "$cmdpath" "$w"; then
                skip=1
                [[ ${COMP_WORDS[i + 1]} == = ]] && skip=2
            fi
        elif ((npos == 0)) && [[ -n ${_crm_data["sub:$cmdpath:$w"]+set} ]]; then
            cmdpath+=" ${_crm_data["sub:$cmdpath:$w"]}"
        else
            ((npos++))
        fi
    done

    if [[ $prev == -* ]] && _crm_value_key "$cmdpath" "$prev"; then
        if [[ -n ${_crm_data["dyn:${_crm_key#val:}"]+set} ]]; then
            _crm_ask "${_crm_data["dyn:${_crm_key#val:}"]}"
        elif [[ -n ${_crm_data[$_crm_key]} ]]; then
            _crm_add "$_crm_key"
        else
            mapfile -t COMPREPLY < <(compgen -f -- "$cur")
            return
        fi
    elif [[ $cur == -* ]]; then
        local p=$cmdpath
        while :; do
            _crm_add "flags:$p"
            [[ -n ${_crm_data["ft:$p"]+set} ]] || break
            p=${p% *}
        done
    else
        ((npos == 0)) && _crm_add "subs:$cmdpath"
        _crm_add "pos:$cmdpath:$npos"
        [[ -n ${_crm_data["dyn:$cmdpath:$npos"]+set} ]] && _crm_ask "${_crm_data["dyn:$cmdpath:$npos"]}"
    fi
    # Candidates may hold spaces (a stage label "Closed Won"): matched and quoted one by one.
    local c q
    for c in "${cands[@]}"; do
        [[ $c == "$cur"* ]] || continue
        printf -v q '%q' "$c"
        COMPREPLY+=("$q")
    done
}

complete -F _crm crm
)BASH";

}  // namespace

std::string bash_completion(const Command& root) {
    std::string out = "# bash completion for crm. Generated from the command tree by `crm completion bash`: do not edit.\n";
    out += "declare -gA _crm_data=(\n";
    for (const auto& [key, value] : completion_table(root)) {
        out += "    [" + ansi_c_quote(key) + "]=" + ansi_c_quote(value) + "\n";
    }
    out += ")\n";
    out += kBashFunctions;
    return out;
}

}  // namespace crm::cmd::gen
