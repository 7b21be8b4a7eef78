#!/bin/sh
# 'cmake --install' into a temporary prefix: every file lands where it
# should, the data files are installed unchanged, the installed binary runs,
# and man finds the page through MANPATH.
#
# Usage: install_tree.sh CMAKE BUILD_DIR CONFIG SOURCE_DIR VERSION
# (cmake writes install_manifest.txt into BUILD_DIR, as any install does.)
set -u
me=install_tree.sh
fail() {
    printf '%s: FAIL: %s\n' "$me" "$*" >&2
    exit 1
}

[ $# -eq 5 ] || fail "usage: $me CMAKE BUILD_DIR CONFIG SOURCE_DIR VERSION"
cmake=$1 build=$2 config=$3 src=$4 version=$5
[ -f "$build/cmake_install.cmake" ] || fail "$build is not a configured build directory"

tmp=$(mktemp -d) || fail "mktemp -d failed"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
p=$tmp/p

if ! "$cmake" --install "$build" --prefix "$p" --config "$config" >"$tmp/log" 2>&1; then
    cat "$tmp/log" >&2
    fail "cmake --install $build --prefix $p failed (output above)"
fi

# installed-path source-file; "-" for files built, not copied.
while read -r path source; do
    [ -f "$p/$path" ] || fail "$path was not installed (cmake --install output: $(cat "$tmp/log"))"
    if [ "$source" != - ]; then
        cmp -s "$src/$source" "$p/$path" || fail "$p/$path differs from $source"
    fi
done <<EOF
bin/mailports -
share/man/man1/mailports.1 data/man/mailports.1
share/bash-completion/completions/mailports data/completions/mailports.bash
share/zsh/vendor-completions/_mailports data/completions/_mailports
share/fish/vendor_completions.d/mailports.fish data/completions/mailports.fish
share/doc/mailports/README.md README.md
share/doc/mailports/LICENSE LICENSE
EOF
[ -x "$p/bin/mailports" ] || fail "$p/bin/mailports is not executable"

# The installed binary runs, from an empty directory and a bare environment:
# the data is compiled in.
mkdir "$tmp/cwd" || fail "mkdir failed"
out=$(cd "$tmp/cwd" && env -i PATH=/usr/bin:/bin "$p/bin/mailports" --version 2>&1) ||
    fail "$p/bin/mailports --version failed: $out"
first=$(printf '%s\n' "$out" | sed -n 1p)
[ "$first" = "mailports $version" ] || fail "--version said '$first', expected 'mailports $version'"
(cd "$tmp/cwd" && env -i PATH=/usr/bin:/bin "$p/bin/mailports" check --proto smtp --port 465 --tls implicit \
    >/dev/null 2>&1) || fail "$p/bin/mailports check failed"

# An internationalized domain goes through libidn2 (the Depends the package
# needs): bücher.example becomes xn--bcher-kva.example, unknown, so exit 3.
idn=$(cd "$tmp/cwd" && env -i PATH=/usr/bin:/bin "$p/bin/mailports" recommend --domain 'bücher.example' 2>&1)
rc=$?
[ $rc -eq 3 ] && printf '%s\n' "$idn" | grep -q 'xn--bcher-kva\.example' ||
    fail "recommend --domain bücher.example: exit $rc, expected 3 and xn--bcher-kva.example: $idn"

# man finds the installed page by name.
if command -v man >/dev/null 2>&1; then
    MANPATH=$p/share/man MANWIDTH=80 MANPAGER=cat PAGER=cat MAN_DISABLE_SECCOMP=1 \
        man mailports >"$tmp/man" 2>&1 || fail "man mailports with MANPATH=$p/share/man: $(cat "$tmp/man")"
    grep -q 'mailports - which mail port' "$tmp/man" || fail "man mailports did not show the page"
fi

echo "$me: ok"
