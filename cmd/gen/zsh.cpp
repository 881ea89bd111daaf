// zsh: the same table and algorithm as bash (see table.h), offering candidates with their
// descriptions through compadd.
#include "gen/shell_quote.h"
#include "gen/table.h"

namespace crm::cmd::gen {

namespace {

constexpr const char* kZshFunctions = R"ZSH(
# Sets _crm_key to the table key of FLAG's value as PATH accepts it: its own, or, through
# fallthrough, an ancestor's. Fails when FLAG takes no value there.
_crm_value_key() {
    local p=$1
    while :; do
        if (( ${+_crm_data[val:$p:$2]} )); then _crm_key="val:$p:$2"; return 0; fi
        (( ${+_crm_data[ft:$p]} )) || return 1
        p=${p% *}
    done
}

# Offers the candidates of table KEY, each with its description when it has one.
_crm_offer() {
    local line
    local -a cands shown
    for line in ${(f)_crm_data[$1]}; do
        cands+=("${line%%$'\t'*}")
        if [[ $line == *$'\t'* ]]; then shown+=("${line%%$'\t'*}  -- ${line#*$'\t'}"); else shown+=("$line"); fi
    done
    (( $#cands )) && compadd -l -d shown -- "${cands[@]}"
}

# Offers what `crm __complete KIND...` prints (labels the server knows; crm bounds the wait to
# under a second and prints nothing when it cannot tell), asking with the --profile typed on
# the line, if any.
_crm_ask() {
    local -a cands profile
    local i
    for (( i = 2; i < CURRENT; i++ )); do
        case ${words[i]} in
        (--profile) profile=(--profile "${words[i+1]}") ;;
        (--profile=*) profile=(--profile "${words[i]#--profile=}") ;;
        esac
    done
    cands=(${(f)"$(command crm __complete ${=1} "${profile[@]}" 2>/dev/null)"})
    (( $#cands )) && compadd -- "${cands[@]}"
}

_crm() {
    emulate -L zsh  # independent of the options set in the user's shell
    local cmdpath=crm npos=0 skip=0 i w _crm_key
    for (( i = 2; i < CURRENT; i++ )); do
        w=${words[i]}
        if (( skip )); then skip=0; continue; fi
        if [[ $w == -* ]]; then
            [[ $w != *=* ]] && _crm_value_key "$cmdpath" "$w" && skip=1
        elif (( npos == 0 )) && (( ${+_crm_data[sub:$cmdpath:$w]} )); then
            cmdpath+=" ${_crm_data[sub:$cmdpath:$w]}"
        else
            (( npos++ ))
        fi
    done

    local prev=${words[CURRENT-1]} cur=${words[CURRENT]}
    if [[ $prev == -* ]] && _crm_value_key "$cmdpath" "$prev"; then
        if (( ${+_crm_data[dyn:${_crm_key#val:}]} )); then _crm_ask "${_crm_data[dyn:${_crm_key#val:}]}"
        elif [[ -n ${_crm_data[$_crm_key]} ]]; then _crm_offer "$_crm_key"; else _files; fi
    elif [[ $cur == -* ]]; then
        local p=$cmdpath
        while :; do
            _crm_offer "flags:$p"
            (( ${+_crm_data[ft:$p]} )) || break
            p=${p% *}
        done
    else
        (( npos == 0 )) && _crm_offer "subs:$cmdpath"
        _crm_offer "pos:$cmdpath:$npos"
        (( ${+_crm_data[dyn:$cmdpath:$npos]} )) && _crm_ask "${_crm_data[dyn:$cmdpath:$npos]}"
    fi
    return 0
}

if [[ $funcstack[1] == _crm ]]; then
    _crm "$@"  # autoloaded from fpath: this first call defines the functions, then completes
else
    compdef _crm crm
fi
)ZSH";

}  // namespace

std::string zsh_completion(const Command& root) {
    std::string out = "#compdef crm\n# zsh completion for crm. Generated from the command tree by `crm completion zsh`: do not edit.\n";
    out += "typeset -gA _crm_data\n_crm_data=(\n";
    for (const auto& [key, value] : completion_table(root)) {
        out += "    " + ansi_c_quote(key) + " " + ansi_c_quote(value) + "\n";
    }
    out += ")\n";
    out += kZshFunctions;
    return out;
}

}  // namespace crm::cmd::gen
