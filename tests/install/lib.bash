# Shared by the completion tests (sourced by bash scripts).
#
# The expected commands, options and values are read from the built binary:
# its --help and the "expected one of: ..." list of its error messages. A
# completion that misses an option or a value the CLI has fails its test.
# The readers fail (exit) in the subshell of $(...): call them as
#   x=$(opts_of check) || exit 1

# fail MESSAGE: print "$me: FAIL: MESSAGE" on stderr and exit 1.
fail() {
    printf '%s: FAIL: %s\n' "${me:-test}" "$*" >&2
    exit 1
}

# sorted WORDS...: the words, one a line, sorted, without duplicates.
sorted() { tr ' ' '\n' <<<"$*" | sed '/^$/d' | LC_ALL=C sort -u; }

# show LINES: the lines joined by spaces, for messages.
show() { tr '\n' ' ' <<<"$1"; }

# make_tmp: $tmp, a new temporary directory removed on exit.
make_tmp() {
    tmp=$(mktemp -d) || fail "mktemp -d failed"
    trap 'rm -rf "$tmp"' EXIT
    trap 'exit 1' HUP INT TERM
}

# put_on_path BINARY: $tmp/bin/mailports -> BINARY, first on PATH; English
# messages; the built-in data.
put_on_path() {
    local binary=$1
    [[ -x $binary ]] || fail "not executable: $binary"
    binary=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary") || fail "cannot resolve $1"
    mkdir "$tmp/bin" && ln -s "$binary" "$tmp/bin/mailports" || fail "cannot set up $tmp/bin"
    PATH=$tmp/bin:$PATH
    export PATH LC_ALL=C LANG=C
    unset LC_MESSAGES MAILPORTS_RULES MAILPORTS_PROVIDERS MAILPORTS_DIAGNOSES
}

# opts_of [COMMAND]: the options in the "Options:" section of its --help.
opts_of() {
    local out
    out=$(mailports "$@" --help) || fail "mailports $* --help failed"
    out=$(sed -n '/^Options:/,/^$/p' <<<"$out" | grep -o -- '--[a-z][a-z-]*')
    [[ -n $out ]] || fail "no options found in 'mailports $* --help'"
    sorted "$out"
}

# commands_of: the commands in the "Commands:" (or CLI11's "Subcommands:")
# section of --help.
commands_of() {
    local out
    out=$(mailports --help | sed -nE '/^(Sub)?[Cc]ommands:/,/^$/p' | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p')
    [[ -n $out ]] || fail "no commands found in 'mailports --help'"
    sorted "$out"
}

# values_of ARGS...: the list in "expected one of: a, b, c" of the error
# that 'mailports ARGS' gives.
values_of() {
    local out
    out=$(mailports "$@" 2>&1 >/dev/null | sed -n 's/.*expected one of: \([^;]*\).*/\1/p' | tr -d ',')
    [[ -n $out ]] || fail "could not read the valid values from 'mailports $*' (message changed?)"
    sorted "$out"
}

# url_schemes: "smtp:// smtps:// ...", from the error for an unknown scheme.
url_schemes() { values_of check x://host | sed 's,$,://,'; }
