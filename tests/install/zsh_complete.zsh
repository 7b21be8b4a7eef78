#!/usr/bin/env zsh
# Drive zsh's completion system for real: an interactive 'zsh -f' in a
# pseudo-terminal (zsh/zpty) runs compinit with FPATH_DIR first on $fpath,
# then for each LINE types LINE and TAB. compadd is wrapped to record every
# match; the matches are printed as "=== LINE" then one a line.
#
# Usage: zsh -f zsh_complete.zsh FPATH_DIR OUT_DIR LINE...
# PATH is passed on, so put the mailports to use first on it.
emulate -L zsh
zmodload zsh/zpty || { print -u2 "zsh_complete.zsh: no zsh/zpty module"; exit 1 }

fpdir=$1 out=$2
shift 2

zpty mp zsh -f -i || { print -u2 "zsh_complete.zsh: zpty failed"; exit 1 }

# sync N: make the shell print marker N and read the terminal up to it, so
# that everything typed before has run. The shell is sent $((N + 0)), so the
# echo of the typed command cannot match the marker.
sync() {
  local buf
  zpty -w mp "print MARK\$(( $1 + 0 ))END"
  zpty -r mp buf "*MARK$1END*" || { print -u2 "zsh_complete.zsh: lost the shell"; exit 1 }
}

zpty -w mp "PS1='%% ' RPS1=''; unsetopt beep; LISTMAX=100000"
zpty -w mp "fpath=(${(q)fpdir} \$fpath); autoload -Uz compinit && compinit -u -D"
zpty -w mp "zstyle ':completion:*' menu no; zstyle ':completion:*' list-prompt ''"
# Record the matches of every compadd call.
zpty -w mp "compadd() { local -a m; builtin compadd -O m \"\$@\"; print -rl -- \$m >> ${(q)out}/cur; builtin compadd \"\$@\" }"
# TAB completes as usual, then leaves a file saying it has finished.
zpty -w mp "_mp_complete() { _main_complete; local r=\$?; : > ${(q)out}/done; return r }"
zpty -w mp "zle -C mp-complete complete-word _mp_complete; bindkey '^I' mp-complete"
sync 0

integer n=0 tries
for line in "$@"; do
  (( ++n ))
  zpty -w mp ": > ${(q)out}/cur; rm -f ${(q)out}/done"
  sync $n
  # Type the line and TAB; wait until completion has finished (typing ahead
  # can make zle cut it short), then clear the line with Ctrl-U.
  zpty -w -n mp "$line"$'\t'
  tries=0
  until [[ -e $out/done ]]; do
    (( ++tries > 200 )) && { print -u2 "zsh_complete.zsh: no completion for '$line'"; exit 1 }
    sleep 0.05
  done
  zpty -w -n mp $'\C-u'
  zpty -w mp "{ print -r -- ${(q)${:-=== $line}}; sort -u ${(q)out}/cur | sed '/^\$/d' } >> ${(q)out}/matches"
done
sync $(( n + 1 ))
zpty -w mp 'exit'
zpty -d mp
cat $out/matches
