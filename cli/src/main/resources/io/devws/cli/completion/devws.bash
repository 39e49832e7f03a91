# bash completion for devws (and kubectl-devws): commands, flags, and names from the cluster.
# Install: source <(devws completion bash)   or   devws completion bash > /etc/bash_completion.d/devws
_devws_complete() {
    local cur out directive line
    cur=${COMP_WORDS[COMP_CWORD]}
    out=$("${COMP_WORDS[0]}" __complete "${COMP_WORDS[@]:1:COMP_CWORD-1}" "$cur" 2>/dev/null) || return 0
    directive=${out##*:}
    COMPREPLY=()
    while IFS= read -r line; do
        case $line in :*) ;; '') ;; *) COMPREPLY+=("$line") ;; esac
    done <<< "$out"
    if [ ${#COMPREPLY[@]} -eq 0 ] && [ "$directive" != 4 ]; then
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -F _devws_complete devws kubectl-devws
