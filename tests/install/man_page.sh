#!/usr/bin/env bash
# The man page: groff has nothing to warn about, man renders it in 80
# columns, and it names every command, option, value, exit status and
# environment variable that the built binary's --help and errors give.
#
# Usage: man_page.sh MAN_PAGE MAILPORTS_BINARY
# Debian packages: groff-base (groff), man-db (man).
set -u
me=man_page.sh
# shellcheck source=lib.bash
source "$(dirname "$0")/lib.bash" || exit 1

[[ $# -eq 2 ]] || fail "usage: $me MAN_PAGE MAILPORTS_BINARY"
page=$1 binary=$2
[[ -r $page ]] || fail "cannot read $page"
command -v groff >/dev/null 2>&1 || fail "groff not found (Debian: apt-get install groff-base)"
command -v man >/dev/null 2>&1 || fail "man not found (Debian: apt-get install man-db)"
make_tmp
put_on_path "$binary"

# 1. groff: -ww enables every warning, -z discards the output. It must print
# nothing at all. -Tutf8, the device man uses on a terminal: the page shows
# the Japanese and full-width words users type, which PostScript fonts lack.
groff -man -Tutf8 -ww -z "$page" >"$tmp/groff" 2>&1
rc=$?
if [[ $rc -ne 0 || -s $tmp/groff ]]; then
    cat "$tmp/groff" >&2
    fail "groff -man -Tutf8 -ww -z $page: exit $rc, output above"
fi

# 2. man renders it (ASCII, 80 columns), without warnings.
export MANWIDTH=80 MANPAGER=cat PAGER=cat MAN_DISABLE_SECCOMP=1
man --warnings -l "$page" >"$tmp/man" 2>"$tmp/man.err"
rc=$?
if [[ $rc -ne 0 || -s $tmp/man.err ]]; then
    cat "$tmp/man.err" >&2
    fail "man -l $page: exit $rc, messages above"
fi
[[ -s $tmp/man ]] || fail "man -l $page rendered nothing"
for section in NAME SYNOPSIS DESCRIPTION COMMANDS 'GLOBAL OPTIONS' 'TLS MODES' \
    'EXIT STATUS' ENVIRONMENT FILES EXAMPLES 'SEE ALSO'; do
    grep -qx "$section" "$tmp/man" || fail "no $section section in the rendered page"
done
grep -qx '       mailports - which mail port and TLS mode to use, and what is wrong with' "$tmp/man" ||
    fail "NAME line missing or changed (whatis reads it)"
long=$(awk 'length > 80' "$tmp/man")
[[ -z $long ]] || fail "rendered lines wider than 80 columns: $long"

# 3. Everything the CLI has is in the page. $words: every word of the page.
tr -c 'A-Za-z0-9_/:.+-' '\n' <"$tmp/man" | sed 's/[.:]*$//' | LC_ALL=C sort -u >"$tmp/words"
need() { # need WHAT WORD...: each WORD is a word of the page
    local what=$1 w
    shift
    for w in "$@"; do
        grep -qxF -- "$w" "$tmp/words" || fail "$what '$w' is not in the man page"
    done
}
commands=$(commands_of) || exit 1
global=$(opts_of) || exit 1
need command $commands
need option $global
for cmd in $commands; do
    own=$(opts_of "$cmd") || exit 1
    need "option of $cmd" $own
done
need_values() { # need_values WHAT "ARGS WITH A BAD VALUE"
    local values
    # shellcheck disable=SC2086 # ARGS is split on purpose
    values=$(values_of $2) || exit 1
    need "$1" $values
}
need_values "TLS mode" "check --proto smtp --port 25 --tls x"
need_values protocol "check --proto x --port 25 --tls none"
need_values role "recommend --proto smtp --role x"
need_values preference "recommend --proto smtp --prefer x"
need_values language "--lang x ports"
need_values "colour mode" "--color x ports"
need_values "URL scheme" "check x://host"
help=$(mailports --help)
env_vars=$(sed -n 's/^Environment: //p' <<<"$help" | grep -o '[A-Z][A-Z_]*')
[[ -n $env_vars ]] || fail "no 'Environment:' line in mailports --help"
need "environment variable" $env_vars
codes=$(sed -n '/^Exit status:/,/^[A-Z][a-z]*:/p' <<<"$help" | grep -o '\b[0-9][0-9]*\b')
[[ -n $codes ]] || fail "no 'Exit status:' lines in mailports --help"
exit_section=$(sed -n '/^EXIT STATUS$/,/^[A-Z]/p' "$tmp/man")
for code in $codes; do
    grep -qx "       $code *.*" <<<"$exit_section" || fail "exit status $code is not in EXIT STATUS"
done
need RFC 8314 6409 3207 2595 8997 5321

echo "$me: ok"
