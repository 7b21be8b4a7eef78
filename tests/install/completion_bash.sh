#!/usr/bin/env bash
# The bash completion in a real bash: fill COMP_WORDS and COMP_CWORD as
# readline does, call the function 'complete -p mailports' names, and read
# COMPREPLY. The built binary is first on PATH.
#
# Usage: completion_bash.sh COMPLETION_FILE MAILPORTS_BINARY plain|bash-completion
#   plain            source the file, without the bash-completion package,
#                    under 'set -u'
#   bash-completion  install the file as $XDG_DATA_DIRS/bash-completion/
#                    completions/mailports and let that package's on-demand
#                    loader find it (Debian package: bash-completion)
set -u
me=completion_bash.sh
# shellcheck source=lib.bash
source "$(dirname "$0")/lib.bash" || exit 1

[[ $# -eq 3 ]] || fail "usage: $me COMPLETION_FILE MAILPORTS_BINARY plain|bash-completion"
completion=$1 binary=$2 mode=$3
me="$me ($mode)"
[[ -r $completion ]] || fail "cannot read $completion"
make_tmp
put_on_path "$binary"

case $mode in
    plain)
        # shellcheck source=/dev/null
        source "$completion" || fail "sourcing $completion failed"
        ;;
    bash-completion)
        bc=/usr/share/bash-completion/bash_completion
        [[ -r $bc ]] || fail "$bc not found (Debian: apt-get install bash-completion)"
        mkdir -p "$tmp/share/bash-completion/completions" &&
            cp "$completion" "$tmp/share/bash-completion/completions/mailports" ||
            fail "cannot set up $tmp/share"
        export BASH_COMPLETION_USER_DIR=$tmp/no-user-completions XDG_DATA_DIRS=$tmp/share
        set +u # bash_completion itself is not written for nounset
        # shellcheck source=/dev/null
        source "$bc" || fail "sourcing $bc failed"
        declare -F _init_completion >/dev/null || fail "bash-completion did not load"
        __load_completion mailports ||
            fail "bash-completion's loader did not find $tmp/share/bash-completion/completions/mailports"
        ;;
    *) fail "unknown mode '$mode'" ;;
esac

spec=$(complete -p mailports 2>/dev/null) || fail "no completion defined for mailports"
func=$(sed -n 's/.* -F \([^ ]*\) .*/\1/p' <<<"$spec")
[[ -n $func ]] && declare -F "$func" >/dev/null || fail "'$spec' names no function"

# comp WORD...: complete the last WORD (which may be empty) of
# "mailports WORD..."; the sorted matches land in $got, one a line.
comp() {
    COMP_WORDS=(mailports "$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE="${COMP_WORDS[*]}"
    COMP_POINT=${#COMP_LINE}
    COMP_TYPE=9 COMP_KEY=9
    COMPREPLY=()
    "$func" mailports "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}" 2>"$tmp/stderr"
    [[ -s $tmp/stderr ]] && fail "completing 'mailports $*' wrote to stderr: $(cat "$tmp/stderr")"
    got=$( ((${#COMPREPLY[@]})) && printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort)
    return 0
}

# expect_exactly "A B C" WORD...: the matches are exactly A, B and C.
expect_exactly() {
    local want
    want=$(sorted "$1")
    shift
    comp "$@"
    [[ $got == "$want" ]] || fail "'mailports $*': expected [$(show "$want")], got [$(show "$got")]"
}

# expect_including "A B" WORD...: the matches include A and B.
expect_including() {
    local w want=$1
    shift
    comp "$@"
    for w in $want; do
        grep -qxF -- "$w" <<<"$got" || fail "'mailports $*': expected $w among [$(show "$got")]"
    done
}

# The cases from the brief.
expect_exactly "check" ch
expect_including "starttls ssl" check --tls s
expect_exactly "smtp imap pop3" recommend --proto ''
expect_exactly "auto always" --color a

# --opt=value: readline splits the word at '=' (COMP_WORDBREAKS) ...
expect_exactly "starttls starttls-optional ssl ssl/tls" check --tls = s
expect_exactly "en ja" --lang = ''
# ... unless '=' was taken out of COMP_WORDBREAKS.
expect_exactly "--tls=ssl --tls=ssl/tls" check --tls=ss

# Global options before the command, and option values, are skipped when
# finding the command.
expect_exactly "client relay" --lang ja check --proto smtp --role ''
expect_exactly "--port --proto --providers" --lang ja check --p
expect_exactly "implicit starttls" --color = never recommend --prefer ''

# Provider domains come from the binary.
expect_including "gmail.com yahoo.co.jp" recommend --domain ''
expect_exactly "gmail.com" recommend --domain gmail.c
expect_exactly "taro@gmail.com" recommend --email taro@gmail.c
expect_exactly "" recommend --email taro
expect_exactly "" providers --search ''

# Ports from the rules table, URL schemes, files.
expect_including "465 587" check --proto smtp --port ''
expect_including "465 993 995" explain ''
expect_exactly "" explain 465 ''
expect_exactly "smtp:// smtp+ssl:// smtp+starttls:// smtp+tls:// smtps://" check sm
expect_exactly "" check smtps://host ''
expect_including "imap:// imaps://" probe ima
expect_exactly "" probe smtps://host ''
: >"$tmp/rules.json"
expect_exactly "$tmp/rules.json" --rules "$tmp/ru"
expect_exactly "$tmp/rules.json" check --providers "$tmp/rules.j"
: >"$tmp/in.ndjson"
expect_exactly "$tmp/in.ndjson" check --batch "$tmp/in."
expect_including "-" check --batch ''
expect_exactly "--batch" check --bat
expect_exactly "--json" check --batch --js
expect_exactly "" check --batch - ''
expect_exactly "" check --batch = "$tmp/in.ndjson" ''

# discover: --ca-file completes files; --dns-server, --timeout and the
# ADDRESS|DOMAIN are typed by hand, and a value is not taken for the target.
expect_exactly "diagnose discover" di
expect_exactly "discover" dis
expect_exactly "$tmp/rules.json" discover --ca-file "$tmp/rules.j"
expect_exactly "$tmp/rules.json" discover taro@example.org --ca-file = "$tmp/rules.j"
expect_exactly "" discover --dns-server ''
expect_exactly "" discover --timeout ''
expect_exactly "--no-http" --lang ja discover --dns-server 192.0.2.53 --no-h

# diagnose: --file completes files and - (standard input); --diagnoses files;
# --proto, --tls and --port as check's; the message is typed by hand, and an
# option's value is not taken for it.
expect_exactly "diagnose" dia
expect_exactly "$tmp/in.ndjson" diagnose --file "$tmp/in."
expect_exactly "$tmp/in.ndjson" diagnose --file = "$tmp/in."
expect_including "-" diagnose --file ''
expect_exactly "-" diagnose --file -
expect_exactly "$tmp/rules.json" --diagnoses "$tmp/rules.j"
expect_exactly "$tmp/rules.json" diagnose --diagnoses = "$tmp/rules.j"
expect_exactly "starttls starttls-optional ssl ssl/tls" diagnose --tls s
expect_exactly "smtp imap pop3" diagnose --proto ''
expect_including "465 587" diagnose --proto smtp --port ''
expect_exactly "" diagnose ''
expect_exactly "" diagnose 'wrong version number' ''
expect_exactly "--json" diagnose --file "$tmp/in.ndjson" --js

# config: FORMAT from the binary's one table (config --formats); lint: files
# and -, --format from lint --formats; --output files; the rest typed by hand.
expect_exactly "config" con
expect_including "msmtp mbsync srv thunderbird" config ''
expect_exactly "msmtp" config ms
expect_exactly "" config msmtp ''
expect_exactly "$tmp/rules.json" config msmtp --output "$tmp/rules.j"
expect_exactly "" config msmtp --host ''
expect_exactly "" config msmtp --client-version ''
expect_including "gmail.com" config msmtp --domain gmail
expect_exactly "lint" lin
expect_exactly "$tmp/in.ndjson" lint "$tmp/in."
expect_including "-" lint ''
expect_exactly "--format --formats" lint --form
mapfile -t readable < <(mailports lint --formats | cut -f1)
expect_exactly "${readable[*]}" lint --format ''
expect_exactly "$tmp/in.ndjson" lint --format msmtp "$tmp/in."

# Every command and option of --help, and every value the binary accepts.
global=$(opts_of) || exit 1
commands=$(commands_of) || exit 1
expect_exactly "$commands" ''
expect_exactly "$global" --
for cmd in $commands; do
    own=$(opts_of "$cmd") || exit 1
    expect_exactly "$global $own" "$cmd" --
done
# expect_values "ARGS WITH A BAD VALUE" WORD...: the matches are exactly the
# values that the error for ARGS lists.
expect_values() {
    local want
    # shellcheck disable=SC2086 # ARGS is split on purpose
    want=$(values_of $1) || exit 1
    shift
    expect_exactly "$want" "$@"
}
expect_values "check --proto smtp --port 25 --tls x" check --tls ''
expect_values "check --proto x --port 25 --tls none" check --proto ''
expect_values "recommend --proto x" recommend --proto ''
expect_values "ports --proto x" ports --proto ''
expect_values "recommend --proto smtp --role x" recommend --role ''
expect_values "check --proto smtp --port 25 --tls none --role x" check --role ''
expect_values "recommend --proto smtp --prefer x" recommend --prefer ''
expect_values "--lang x ports" --lang ''
expect_values "recommend --service x" recommend --service ''
expect_values "recommend --hosting x" recommend --hosting ''
expect_values "recommend --service ses --region x" recommend --region ''
expect_exactly "sendgrid ses sparkpost sparkpost-eu smtp2go" recommend --service s
expect_values "--color x ports" --color ''
schemes=$(url_schemes) || exit 1
expect_exactly "$schemes" check ''
expect_including "$schemes" probe ''

# Without mailports on PATH: no domains and no ports, and no error.
if ! PATH=/usr/bin:/bin command -v mailports >/dev/null 2>&1; then
    PATH=/usr/bin:/bin
    expect_exactly "" recommend --domain gmai
    expect_exactly "" explain ''
    expect_exactly "smtp imap pop3" check --proto ''
fi

echo "$me: ok"
