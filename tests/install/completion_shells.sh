#!/usr/bin/env bash
# The zsh or fish completion: a syntax check (zsh -n, fish -n), then real
# completion in that shell, loaded from where it is installed, with the built
# binary first on PATH.
#   zsh:  _mailports in a directory on $fpath, compinit, TAB typed in an
#         interactive zsh on a pseudo-terminal (zsh_complete.zsh)
#   fish: mailports.fish in $fish_complete_path, 'complete -C LINE'
#
# Usage: completion_shells.sh zsh|fish COMPLETION_FILE MAILPORTS_BINARY
# Debian packages: zsh, fish.
set -u
me=completion_shells.sh
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.bash
source "$here/lib.bash" || exit 1

[[ $# -eq 3 ]] || fail "usage: $me zsh|fish COMPLETION_FILE MAILPORTS_BINARY"
shell=$1 completion=$2 binary=$3
me="$me ($shell)"
case $shell in
    zsh | fish) ;;
    *) fail "unknown shell '$shell'" ;;
esac
command -v "$shell" >/dev/null 2>&1 || fail "$shell not found (Debian: apt-get install $shell)"
[[ -r $completion ]] || fail "cannot read $completion"
make_tmp
put_on_path "$binary"

# 1. Syntax.
if ! "$shell" -n "$completion" >"$tmp/syntax" 2>&1 || [[ -s $tmp/syntax ]]; then
    cat "$tmp/syntax" >&2
    fail "$shell -n $completion: errors above"
fi

# 2. Completion. Every line to complete, then each shell's answers.
global=$(opts_of) || exit 1
commands=$(commands_of) || exit 1
lines=(
    'mailports ch'
    'mailports check --tls s'
    'mailports recommend --proto '
    'mailports --color a'
    'mailports --lang ja check --p'
    'mailports recommend --domain gmail.c'
    'mailports recommend --domain '
    'mailports recommend --email taro@gmail.c'
    'mailports explain '
    'mailports check --proto smtp --port '
    'mailports check sm'
    'mailports probe ima'
    'mailports '
    'mailports --'
    'mailports check --tls '
    'mailports check --proto '
    'mailports check --role '
    'mailports recommend --prefer '
    'mailports recommend --service '
    'mailports recommend --hosting '
    'mailports recommend --region '
    'mailports ports --proto '
    'mailports --lang '
    'mailports --color '
    'mailports check '
    'mailports di'
    'mailports dis'
    'mailports discover --no-'
    'mailports dia'
    'mailports diagnose --tls s'
    'mailports diagnose --proto smtp --port '
    'mailports --diagnoses /dev/nul'
    'mailports diagnose --file /dev/nul'
    'mailports con'
    'mailports config ms'
    'mailports config msmtp --output /dev/nul'
    'mailports lint --form'
)
for cmd in $commands; do
    lines+=("mailports $cmd --")
done

case $shell in
    zsh)
        mkdir "$tmp/fpath" "$tmp/zsh" && cp "$completion" "$tmp/fpath/_mailports" ||
            fail "cannot set up $tmp/fpath"
        timeout 120 zsh -f "$here/zsh_complete.zsh" "$tmp/fpath" "$tmp/zsh" "${lines[@]}" \
            >"$tmp/matches" 2>"$tmp/stderr" ||
            fail "zsh_complete.zsh failed: $(cat "$tmp/stderr")"
        ;;
    fish)
        mkdir "$tmp/fish" && cp "$completion" "$tmp/fish/mailports.fish" || fail "cannot set up $tmp/fish"
        # shellcheck disable=SC2016 # fish code
        fish --no-config -c '
            set -g fish_complete_path $argv[1]
            for line in $argv[2..-1]
                echo "=== $line"
                complete -C"$line" | string replace -r "\t.*" "" | sort -u
            end' "$tmp/fish" "${lines[@]}" >"$tmp/matches" 2>"$tmp/stderr" ||
            fail "fish failed: $(cat "$tmp/stderr")"
        ;;
esac
[[ -s $tmp/stderr ]] && fail "completion wrote to stderr: $(cat "$tmp/stderr")"

# matches LINE: the sorted matches $shell gave for LINE.
matches() {
    awk -v want="=== $1" '
        /^=== / { on = ($0 == want); if (on) found = 1; next }
        on && NF { print }
        END { if (!found) exit 1 }' "$tmp/matches" | LC_ALL=C sort -u
}
expect_exactly() {
    local want got
    want=$(sorted "$1")
    got=$(matches "$2") || fail "no answer for '$2' in $tmp/matches"
    [[ $got == "$want" ]] || fail "'$2': expected [$(show "$want")], got [$(show "$got")]"
}
expect_including() {
    local w got
    got=$(matches "$2") || fail "no answer for '$2'"
    for w in $1; do
        grep -qxF -- "$w" <<<"$got" || fail "'$2': expected $w among [$(show "$got")]"
    done
}

expect_exactly "check" 'mailports ch'
expect_exactly "starttls starttls-optional ssl ssl/tls" 'mailports check --tls s'
expect_exactly "smtp imap pop3" 'mailports recommend --proto '
expect_exactly "auto always" 'mailports --color a'
expect_exactly "--port --proto --providers" 'mailports --lang ja check --p'
expect_exactly "gmail.com" 'mailports recommend --domain gmail.c'
expect_including "gmail.com yahoo.co.jp" 'mailports recommend --domain '
# zsh completes the part after '@', fish the whole word.
case $shell in
    zsh) expect_exactly "gmail.com" 'mailports recommend --email taro@gmail.c' ;;
    fish) expect_exactly "taro@gmail.com" 'mailports recommend --email taro@gmail.c' ;;
esac
expect_including "465 993 995" 'mailports explain '
expect_including "465 587" 'mailports check --proto smtp --port '
expect_exactly "smtp:// smtp+ssl:// smtp+starttls:// smtp+tls:// smtps://" 'mailports check sm'
expect_including "imap:// imaps://" 'mailports probe ima'
expect_exactly "diagnose discover" 'mailports di'
expect_exactly "discover" 'mailports dis'
expect_exactly "diagnose" 'mailports dia'
expect_exactly "starttls starttls-optional ssl ssl/tls" 'mailports diagnose --tls s'
expect_including "465 587" 'mailports diagnose --proto smtp --port '
# Files: zsh's _files adds a path a component at a time, fish the whole path.
case $shell in
    zsh)
        expect_including "null" 'mailports --diagnoses /dev/nul'
        expect_including "null" 'mailports diagnose --file /dev/nul'
        ;;
    fish)
        expect_exactly "/dev/null" 'mailports --diagnoses /dev/nul'
        expect_exactly "/dev/null" 'mailports diagnose --file /dev/nul'
        ;;
esac
expect_exactly "--no-address --no-http" 'mailports discover --no-'
expect_exactly "config" 'mailports con'
expect_exactly "msmtp" 'mailports config ms'
expect_exactly "--format --formats" 'mailports lint --form'
case $shell in
    zsh) expect_including "null" 'mailports config msmtp --output /dev/nul' ;;
    fish) expect_exactly "/dev/null" 'mailports config msmtp --output /dev/nul' ;;
esac

# Every command and option of --help, and every value the binary accepts.
expect_exactly "$commands" 'mailports '
expect_exactly "$global" 'mailports --'
for cmd in $commands; do
    own=$(opts_of "$cmd") || exit 1
    expect_exactly "$global $own" "mailports $cmd --"
done
# expect_values "ARGS WITH A BAD VALUE" LINE: the matches for LINE are
# exactly the values that the error for ARGS lists.
expect_values() {
    local want
    # shellcheck disable=SC2086 # ARGS is split on purpose
    want=$(values_of $1) || exit 1
    expect_exactly "$want" "$2"
}
expect_values "check --proto smtp --port 25 --tls x" 'mailports check --tls '
expect_values "check --proto x --port 25 --tls none" 'mailports check --proto '
expect_values "check --proto smtp --port 25 --tls none --role x" 'mailports check --role '
expect_values "recommend --proto smtp --prefer x" 'mailports recommend --prefer '
expect_values "ports --proto x" 'mailports ports --proto '
expect_values "--lang x ports" 'mailports --lang '
expect_values "recommend --service x" 'mailports recommend --service '
expect_values "recommend --hosting x" 'mailports recommend --hosting '
expect_values "recommend --service ses --region x" 'mailports recommend --region '
expect_values "--color x ports" 'mailports --color '
schemes=$(url_schemes) || exit 1
expect_exactly "$schemes" 'mailports check '

echo "$me: ok"
