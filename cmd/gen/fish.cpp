// fish: the same table and algorithm as bash (see table.h). fish has no associative arrays,
// so the table is a function with one `case` a key; one `complete` entry calls the algorithm.
#include "gen/shell_quote.h"
#include "gen/table.h"

#include <sstream>

namespace crm::cmd::gen {

namespace {

// A table value as printf arguments: one a line, a tab (outside quotes, where fish reads \t)
// between candidate and description.
std::string fish_lines(const std::string& value) {
    std::string out;
    std::istringstream lines(value);
    for (std::string line; std::getline(lines, line);) {
        auto tab = line.find('\t');
        out += ' ' + (tab == std::string::npos ? fish_quote(line)
                                               : fish_quote(line.substr(0, tab)) + "\\t" + fish_quote(line.substr(tab + 1)));
    }
    return out;
}

constexpr const char* kFishFunctions = R"FISH(
# Prints the key of FLAG's value as PATH accepts it: its own, or, through fallthrough, an
# ancestor's. Fails when FLAG takes no value there.
function __crm_value_key --argument-names p flag
    while true
        if __crm_data "val:$p:$flag" >/dev/null
            echo "val:$p:$flag"
            return 0
        end
        __crm_data "ft:$p" >/dev/null; or return 1
        set p (string replace -r ' [^ ]*$' '' -- $p)
    end
end

# Prints what `crm __complete KIND...` prints (labels the server knows; crm bounds the wait to
# under a second and prints nothing when it cannot tell), asking with the --profile typed on
# the line, if any.
function __crm_ask --argument-names kind
    set -l tokens (commandline -opc)
    set -l profile
    for i in (seq (count $tokens))
        switch $tokens[$i]
            case --profile
                if test $i -lt (count $tokens)
                    set profile --profile $tokens[(math $i + 1)]
                end
            case '--profile=*'
                set profile --profile (string replace -- --profile= '' $tokens[$i])
        end
    end
    command crm __complete (string split ' ' -- $kind) $profile 2>/dev/null
end

function __crm_complete
    set -l tokens (commandline -opc)
    set -l cur (commandline -ct)
    set -l cmdpath crm
    set -l npos 0
    set -l skip 0
    for w in $tokens[2..-1]
        if test $skip -eq 1
            set skip 0
        else if string match -q -- '-*' $w
            if not string match -q -- '*=*' $w; and __crm_value_key $cmdpath $w >/dev/null
                set skip 1
            end
        else if test $npos -eq 0; and __crm_data "sub:$cmdpath:$w" >/dev/null
            set cmdpath "$cmdpath "(__crm_data "sub:$cmdpath:$w")
        else
            set npos (math $npos + 1)
        end
    end

    if string match -q -- '-*' $tokens[-1]; and set -l key (__crm_value_key $cmdpath $tokens[-1])
        set -l values (__crm_data $key)
        if set -l kind (__crm_data (string replace -r '^val:' 'dyn:' -- $key))
            __crm_ask $kind
        else if test (count $values) -gt 0
            printf '%s\n' $values
        else
            __fish_complete_path $cur
        end
    else if string match -q -- '-*' $cur
        set -l p $cmdpath
        while true
            __crm_data "flags:$p"
            __crm_data "ft:$p" >/dev/null; or break
            set p (string replace -r ' [^ ]*$' '' -- $p)
        end
    else
        test $npos -eq 0; and __crm_data "subs:$cmdpath"
        __crm_data "pos:$cmdpath:$npos"
        set -l kind (__crm_data "dyn:$cmdpath:$npos"); and __crm_ask $kind
    end
    return 0
end

complete -c crm -e
complete -c crm -f -a '(__crm_complete)'
)FISH";

}  // namespace

std::string fish_completion(const Command& root) {
    std::string out = "# fish completion for crm. Generated from the command tree by `crm completion fish`: do not edit.\n\n";
    out += "# The completion table (see `crm completion`): prints the value of a key, fails when absent.\n";
    out += "# An empty value prints nothing and succeeds.\n";
    out += "function __crm_data\n    switch $argv[1]\n";
    for (const auto& [key, value] : completion_table(root)) {
        out += "        case " + fish_quote(key) + "\n";
        if (!value.empty()) out += "            printf '%s\\n'" + fish_lines(value) + "\n";
        out += "            return 0\n";
    }
    out += "    end\n    return 1\nend\n";
    out += kFishFunctions;
    return out;
}

}  // namespace crm::cmd::gen
