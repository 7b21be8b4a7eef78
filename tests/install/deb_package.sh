#!/bin/sh
# 'cpack -G DEB' into a temporary directory: one .deb, whose control data
# names the package and a Depends line computed from the binary, which holds
# every installed file, and whose binary runs once extracted.
#
# Usage: deb_package.sh CPACK BUILD_DIR CONFIG VERSION
# Debian packages: dpkg-dev (dpkg-shlibdeps) and file, which cpack runs for
# CPACK_DEBIAN_PACKAGE_SHLIBDEPS; binutils (strip, readelf); dpkg (dpkg-deb).
set -u
me=deb_package.sh
fail() {
    printf '%s: FAIL: %s\n' "$me" "$*" >&2
    exit 1
}

[ $# -eq 4 ] || fail "usage: $me CPACK BUILD_DIR CONFIG VERSION"
cpack=$1 build=$2 config=$3 version=$4
[ -f "$build/CPackConfig.cmake" ] || fail "no $build/CPackConfig.cmake: is include(CPack) in CMakeLists.txt?"
for tool in dpkg-shlibdeps file dpkg-deb dpkg readelf strip; do
    command -v "$tool" >/dev/null 2>&1 || fail "$tool not found (Debian: apt-get install dpkg-dev file binutils)"
done

tmp=$(mktemp -d) || fail "mktemp -d failed"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

# cpack reads the build directory and writes only under -B.
if ! (cd "$tmp" && "$cpack" -G DEB -B "$tmp/out" -C "$config" --config "$build/CPackConfig.cmake") \
    >"$tmp/log" 2>&1; then
    cat "$tmp/log" >&2
    fail "cpack -G DEB failed (output above)"
fi
set -- "$tmp"/out/*.deb
[ $# -eq 1 ] && [ -f "$1" ] || fail "expected one .deb in $tmp/out, found: $*"
deb=$1

dpkg-deb -I "$deb" >"$tmp/info" 2>&1 || fail "dpkg-deb -I $deb: $(cat "$tmp/info")"
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = mailports ] || fail "Package is '$(field Package)', expected mailports"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', expected $version"
[ "$(field Section)" = mail ] || fail "Section is '$(field Section)', expected mail"
[ -n "$(field Maintainer)" ] || fail "no Maintainer field"
[ -n "$(field Description)" ] || fail "no Description field"
depends=$(field Depends)
[ -n "$depends" ] || fail "no Depends line: $(cat "$tmp/info")"

# has_dep PACKAGE: Depends names PACKAGE (with or without a version).
has_dep() {
    printf '%s\n' "$depends" | tr ',|' '\n\n' | sed 's/^ *//; s/[ (].*//' | grep -qx "$1"
}
need_dep() { has_dep "$1" || fail "Depends lacks $1 ($2): Depends: $depends"; }

dpkg -x "$deb" "$tmp/root" || fail "dpkg -x $deb failed"
bin=$tmp/root/usr/bin/mailports
[ -x "$bin" ] || fail "no usr/bin/mailports in the package: $(dpkg-deb -c "$deb")"

need_dep libc6 "every binary"
need_dep libidn2-0 "IDNA2008"
need_dep libunistring2 "NFKC of what users type"
need_dep libssl3 "the probe's TLS"
need_dep libpsl5 "the Public Suffix List (discovery)"
need_dep libcurl4 "discover's HTTPS GET (dlopen)"
# The others follow what the binary is linked with (static libstdc++ and a
# header-only fmt leave them out).
needed=$(readelf -d "$bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\].*/\1/p')
[ -n "$needed" ] || fail "readelf found no NEEDED entries in $bin"
for lib in $needed; do
    case $lib in
        libfmt.so.9) need_dep libfmt9 "$lib" ;;
        libstdc++.so.6) need_dep libstdc++6 "$lib" ;;
        libgcc_s.so.1) need_dep libgcc-s1 "$lib" ;;
        libidn2.so.0) ;;
        libc.so.6 | libm.so.6 | ld-linux*) ;;
    esac
done

for path in usr/bin/mailports usr/share/man/man1/mailports.1 \
    usr/share/bash-completion/completions/mailports usr/share/zsh/vendor-completions/_mailports \
    usr/share/fish/vendor_completions.d/mailports.fish \
    usr/share/doc/mailports/README.md usr/share/doc/mailports/LICENSE; do
    [ -f "$tmp/root/$path" ] || fail "$path is not in the package"
done

out=$(cd "$tmp" && env -i PATH=/usr/bin:/bin "$bin" --version 2>&1) || fail "extracted $bin --version failed: $out"
first=$(printf '%s\n' "$out" | sed -n 1p)
[ "$first" = "mailports $version" ] || fail "--version said '$first', expected 'mailports $version'"

# An internationalized domain goes through libidn2 (the Depends the package
# needs): bücher.example becomes xn--bcher-kva.example, unknown, so exit 3.
idn=$(cd "$tmp" && env -i PATH=/usr/bin:/bin "$bin" recommend --domain 'bücher.example' 2>&1)
rc=$?
[ $rc -eq 3 ] && printf '%s\n' "$idn" | grep -q 'xn--bcher-kva\.example' ||
    fail "recommend --domain bücher.example: exit $rc, expected 3 and xn--bcher-kva.example: $idn"

echo "$me: ok ($(basename "$deb"); Depends: $depends)"
