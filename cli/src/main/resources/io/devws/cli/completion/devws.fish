# fish completion for devws: commands, flags, and names from the cluster.
# Install: devws completion fish > ~/.config/fish/completions/devws.fish
function __devws_complete
    set -l words (commandline -opc)
    set -l current (commandline -ct)
    set -l out ($words[1] __complete $words[2..-1] "$current" 2>/dev/null)
    set -l directive (string replace -r '^:' '' -- $out[-1])
    for line in $out[1..-2]
        echo $line
    end
    if test (count $out) -le 1; and test "$directive" != 4
        __fish_complete_path $current
    end
end
complete -c devws -f -a '(__devws_complete)'
complete -c kubectl-devws -f -a '(__devws_complete)'
