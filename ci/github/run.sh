#!/usr/bin/env bash
# Step 3 of the GitHub action (action.yml): runs `ats-hook ARGS --format FORMAT` and exits with
# ats-hook's exit status. The inputs come in environment variables, never inside the script's
# text, so nothing in them is run as shell code:
#   ATS_HOOK_ARGS     the command line after `ats-hook`, split into words as a shell splits
#                     them ('...', "...", \ and blanks); no $, ` or ~ expansion. A word with an
#                     unquoted * ? or [ is a file pattern (** for any depth), expanded in the
#                     working directory, or kept as written when nothing matches.
#   ATS_HOOK_FORMAT   put as --format after the command word, unless empty or ARGS has --format
#   ATS_HOOK_SECRET_INPUT  when not empty, given to ats-hook as ATS_HOOK_SECRET
#   ATS_HOOK_OUTPUT   when not empty, the file ats-hook's stdout goes to
# Usage: run.sh
set -euo pipefail

die() {
    echo "::error title=ats-hook action::$*" >&2
    exit 2
}

words=()
word=''    # the word as ats-hook gets it
pattern='' # the same word as a glob pattern: quoted * ? [ ] \ escaped
in_word=0
is_pattern=0

literal() { # adds one character that stands for itself
    word+=$1
    case $1 in
    '*' | '?' | '[' | ']' | \\) pattern+="\\$1" ;;
    *) pattern+=$1 ;;
    esac
    in_word=1
}

end_word() {
    local matches=()
    if ((in_word)); then
        if ((is_pattern)); then
            # The pattern's own text is a variable's value: expanded as a pathname only, with
            # IFS empty so that it is not split.
            local IFS=
            # shellcheck disable=SC2206
            matches=($pattern)
        fi
        if ((${#matches[@]} > 0)); then
            words+=("${matches[@]}")
        else
            words+=("$word")
        fi
    fi
    word='' pattern='' in_word=0 is_pattern=0
}

split_words() {
    local text=$1 quote='' c next i
    for ((i = 0; i < ${#text}; i++)); do
        c=${text:i:1}
        next=${text:i+1:1}
        if [[ $quote == "'" ]]; then
            if [[ $c == "'" ]]; then quote=''; else literal "$c"; fi
        elif [[ $quote == '"' ]]; then
            if [[ $c == '"' ]]; then
                quote=''
            elif [[ $c == \\ && $next == [\"\\\$\`] ]]; then
                literal "$next"
                i=$((i + 1))
            else
                literal "$c"
            fi
        else
            case $c in
            ' ' | $'\t' | $'\n' | $'\r') end_word ;;
            "'" | '"')
                quote=$c
                in_word=1
                ;;
            \\)
                if [[ $next == $'\n' ]]; then
                    :
                elif [[ -n $next ]]; then
                    literal "$next"
                else
                    die "args: a backslash at the end"
                fi
                i=$((i + 1))
                ;;
            '*' | '?' | '[')
                word+=$c
                pattern+=$c
                in_word=1
                is_pattern=1
                ;;
            *) literal "$c" ;;
            esac
        fi
    done
    [[ -z $quote ]] || die "args: a $quote quote is not closed"
    end_word
}

shopt -s nullglob globstar
shopt -u dotglob extglob failglob nocaseglob
unset GLOBIGNORE

split_words "${ATS_HOOK_ARGS:-}"
((${#words[@]} > 0)) || die "args is empty: give the ats-hook command line, e.g. validate fixtures/*.json"

command=("${words[0]}")
rest=("${words[@]:1}")
format=${ATS_HOOK_FORMAT:-}
if [[ -n $format && ${words[0]} != -* ]]; then
    for w in "${rest[@]}"; do
        [[ $w == --format || $w == --format=* ]] && format=''
    done
    [[ -z $format ]] || command+=(--format "$format")
fi
command+=("${rest[@]}")

if [[ -n ${ATS_HOOK_SECRET_INPUT:-} ]]; then
    export ATS_HOOK_SECRET=$ATS_HOOK_SECRET_INPUT
fi
unset ATS_HOOK_SECRET_INPUT

# The command in the log, with a secret given on it (--secret) hidden.
shown=()
hide=0
for w in "${command[@]}"; do
    if ((hide)); then
        shown+=('***')
    elif [[ $w == --secret=* ]]; then
        shown+=('--secret=***')
    else
        shown+=("$w")
    fi
    hide=0
    [[ $w == --secret ]] && hide=1
done
echo "ats-hook ${shown[*]@Q}" >&2
if [[ -n ${ATS_HOOK_OUTPUT:-} ]]; then
    exec ats-hook "${command[@]}" >"$ATS_HOOK_OUTPUT"
fi
exec ats-hook "${command[@]}"
