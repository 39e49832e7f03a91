#compdef devws kubectl-devws
# zsh completion for devws: commands, flags, and names from the cluster.
# Install: source <(devws completion zsh)   or   devws completion zsh > "${fpath[1]}/_devws"
_devws() {
    local out directive
    local -a lines
    out=$("${words[1]}" __complete "${(@)words[2,CURRENT-1]}" "${words[CURRENT]}" 2>/dev/null) || return 1
    lines=("${(@f)out}")
    directive=${lines[-1]#:}
    lines=("${(@)lines[1,-2]}")
    if (( ${#lines} )); then
        compadd -- "${lines[@]}"
    elif [[ $directive != 4 ]]; then
        _files
    fi
}
if [[ $funcstack[1] == _devws ]]; then _devws "$@"; else compdef _devws devws kubectl-devws; fi
