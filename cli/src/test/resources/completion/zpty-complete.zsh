# Drives a real interactive zsh (compinit, the script under test sourced) through a pseudo-terminal: for each
# LINE it types LINE, presses TAB, then ^T, bound to a widget that appends the edited line to OUT and clears it.
# Usage: zsh -f zpty-complete.zsh SCRIPT OUT LINE...
zmodload zsh/zpty || exit 3
script=$1 out=$2
shift 2
: > $out
zpty sh 'zsh -f -i'
# no listing of ambiguous candidates: whether a list fits the pty's screen (and zsh asks first) varies by host
zpty -w sh "PS1='> '; unsetopt auto_list; bindkey -e; autoload -Uz compinit; compinit -u -D; source ${(q)script}"
zpty -w sh "dump() { print -r -- \"\$BUFFER\" >> ${(q)out}; BUFFER=; }; zle -N dump; bindkey '^T' dump"
n=0
for line in "$@"; do
  zpty -w -n sh "$line"$'\t\C-t'
  (( n++ ))
  # one line at a time, each recorded before the next is typed
  for i in {1..600}; do
    while zpty -r -t sh chunk; do :; done  # drain the screen so the shell never blocks on output
    (( $(wc -l < $out) >= n )) && break
    sleep 0.1
  done
done
zpty -w sh 'exit'
zpty -d sh
