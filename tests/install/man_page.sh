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
# nothing at all.
groff -man -ww -z "$page" >"$tmp/groff" 2>&1
rc=$?
if [[ $rc -ne 0 || -s $tmp/groff ]]; then
    cat "$tmp/groff" >&2
    fail "groff -man -ww -z $page: exit $rc, output above"
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
tr -c 'A-Za-z0-9_/:.-' '\n' <"$tmp/man" | sed 's/[.:]*$//' | LC_ALL=C sort -u >"$tmp/words"
need() { # need WHAT WORD...: each WORD is a word of the page
    local what=$1 w
    shift
    for w in "$@"; do
        grep -qxF -- "$w" "$tmp/words" || fail "$what '$w' is not in the man page"
    done
}
need command $(commands_of)
need option $(opts_of)
for cmd in $(commands_of); do
    need "option of $cmd" $(opts_of "$cmd")
done
need "TLS mode" $(values_of check --proto smtp --port 25 --tls x)
need protocol $(values_of check --proto x --port 25 --tls none)
need role $(values_of recommend --proto smtp --role x)
need preference $(values_of recommend --proto smtp --prefer x)
need language $(values_of --lang x ports)
need "colour mode" $(values_of --color x ports)
need "URL scheme" $(values_of check x://host)
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
